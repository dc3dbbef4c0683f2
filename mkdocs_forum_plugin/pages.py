"""What each planned thread and member page shows, rendered once every address is known, for any engine.

A :class:`PageMaker` belongs to one build of one wiki. It renders a thread page
from the model (reusing the cached page while everything it asked the link index
is unchanged, ``page_cache.py``), adds the structured data, and renders member
pages and section listings. The caches live in :class:`SiteCaches`, which an engine keeps between the
rebuilds of a preview (``mkdocs serve``, ``mkdocs-forum generate --watch``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field

from .build_state import ForumSettings, ThreadFile
from .link_index import LinkIndex, PageLinks
from .load.files import ParseCache
from .model import Post
from .page_cache import CachedPage, PageCache
from .plan import SiteShape
from .render.body import BodyRenderer
from .render.content_notes import post_words
from .render.excerpt import excerpt, html_text
from .render.jsonld import COMMENT_CHARS, discussion_posting, jsonld_script, posting_texts
from .render.members import Activity, MembersRoster, member_page_html, members_index_html
from .render.page_meta import broken_html
from .render.post import answer_kind
from .render.section_listing import ListingPage, listing_html
from .render.thread import render_thread
from .search_pages import RecordKey
from .search_records import SearchPage


@dataclass
class SiteCaches:
    """What one wiki keeps between preview rebuilds; each wiki in a process has its own."""

    parsed: ParseCache = field(default_factory=ParseCache)
    bodies: BodyRenderer = field(default_factory=BodyRenderer)
    pages: PageCache = field(default_factory=PageCache)
    # Each thread's search records, by what they are made from: remade only for threads that changed.
    records: dict[RecordKey, SearchPage] = field(default_factory=dict)
    # Keep rendered pages and bodies for the next build: only a preview has one. A single
    # build lets each page's HTML go once the engine has it, so memory does not grow with
    # every page of the wiki.
    keep: bool = True

    def forget_unused(self) -> None:
        """Let go of what the last build did not use, so memory stays bounded while previewing."""
        self.bodies.forget_unused()
        self.parsed.forget_unused()
        self.pages.forget_unused()


@dataclass
class PageMaker:
    """The thread and member pages of one build."""

    caches: SiteCaches
    settings: ForumSettings
    key: str  # a digest of every setting the pages depend on
    structured_data: str = "off"  # short, full or off (render/jsonld.py)
    shape: SiteShape = field(default_factory=SiteShape)  # the site's address, for absolute links

    def thread(
        self, thread_file: ThreadFile, index: LinkIndex, page_url: str, site_urls: Mapping[str, str] | None = None
    ) -> CachedPage:
        """A thread page from the cache when nothing it used changed, else freshly rendered.

        ``index`` answers the page's links as seen from ``page_url``. ``site_urls`` turns
        the index's addresses into the site's, for absolute links (structured data), when
        they differ: the Zensical pages link by docs path.
        """
        if thread_file.thread is None:
            assert thread_file.problem is not None
            html = broken_html(posixpath.basename(thread_file.path), thread_file.problem, self.settings.render.labels)
            return CachedPage(None, {}, html)
        # The thread as it will be shown, not its file's text: pseudonyms depend on every
        # thread's names, so the same file can show differently after another file changes.
        key = (thread_file.shown_digest, page_url, self.key)
        cached = self.caches.pages.get(thread_file.path, key, index, page_url)
        if cached is not None:
            return cached
        thread = thread_file.thread
        links = PageLinks(index, page_url)
        rendered = render_thread(thread, self.caches.bodies, self.settings.render, links)
        html = rendered.html
        if self.structured_data != "off":
            base, known = self.shape.base, site_urls or {}
            reviewer = {thread.reviewed_by} if thread.reviewed_by else set()
            names = {post.author for post in thread.shown_posts} | reviewer
            urls = {n: base + known.get(url, url) for n in names if (url := links.member_address(n)) is not None}
            count, gone, notes = len(thread.posts), thread.removed_numbers, self.settings.render.content_notes
            render = self.settings.render
            # The short form's comments: the answers the page labels, expert or recommended.
            answers = {p.number for p in thread.posts if answer_kind(p, links.member(p.author), render) is not None}
            texts = posting_texts(
                thread.posts,
                self.structured_data,
                lambda p: self._text(p, count, gone),
                lambda p: "" if p.removed else excerpt(post_words(p, notes), COMMENT_CHARS),
                answers,
            )
            address = base + known.get(page_url, page_url)
            short = self.structured_data == "short"
            comments = answers if short else None
            data = discussion_posting(
                thread, address, urls, texts, render.labels.language, comments=comments, short=short
            )
            html += jsonld_script(data)
        fresh = CachedPage(key, links.answers, html, rendered.problems)
        if self.caches.keep:
            self.caches.pages.put(thread_file.path, fresh)
        else:
            self.caches.bodies.forget_unused()  # this page's bodies (and the disclaimer) stay, no others
        return fresh

    def _text(self, post: Post, posts: int, removed: frozenset[int]) -> str:
        """A post's words for the structured data; a folded post gives its note's title, as search does."""
        notes = self.settings.render.content_notes
        note = notes.get(post.content_note) if post.content_note else None
        if note is not None:
            return note.title
        return html_text(self.caches.bodies.render(post.body, posts, removed).html)

    def member(self, activity: Activity, index: LinkIndex, page_url: str) -> str:
        """A member's page."""
        render = self.settings.render
        links = PageLinks(index, page_url)
        return member_page_html(
            activity,
            links,
            render.expert_label,
            render.labels,
            recommended_label=render.recommended_label,
            notes=render.content_notes,
            media=render.media,
        )

    def section(self, listing: ListingPage | MembersRoster, index: LinkIndex, page_url: str) -> str:
        """One page of a section's listing, or the members index."""
        render = self.settings.render
        if isinstance(listing, MembersRoster):
            return members_index_html(listing, PageLinks(index, page_url), render.labels, render.media)
        badges = (render.expert_label, render.recommended_label)
        return listing_html(listing, PageLinks(index, page_url), badges, render.labels)


def anchor_ids(thread_file: ThreadFile, heading_ids: bool = False) -> set[str]:
    """The ids a thread page has, for engines that check links to anchors (``heading_ids``: see RenderOptions)."""
    thread = thread_file.thread
    numbers = range(1, len(thread.posts) + 1) if thread is not None else range(0)
    headings = (f"post-{n}-author" for n in numbers) if heading_ids else ()
    return {"forum-related-title", *(f"post-{n}" for n in numbers), *headings}
