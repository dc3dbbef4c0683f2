"""phpBB topic pages in the table styles: subsilver2 (phpBB 3.0) and subSilver (phpBB 2.0).

Neither style wraps a post in one element of its own: subsilver2 gives each
post a ``table.tablebg`` around ``b.postauthor``; phpBB 2 gives it a table row
whose first cell holds ``span.name``. Each part is then read from the cells of
that table or row.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..bodies import Converted
from ..dates import zone_posts
from ..dom import Element, attr, css, first, link_base, parse_page, text
from ..names import one_line, split_memorial
from ..records import InputError, ParseOptions, SourcePage, SourcePost, When
from ..soup import absolute
from ..soup import text as soup_text
from .common import Topic, attachment_html, bodies_markdown, text_before_break, topic_page
from .dates import dated
from .phpbb import edit_date, forum_of, pages, thread_address, thread_key, time_zone
from .phpbb_markup import prepare as phpbb_prepare

FORMAT = "phpBB (subSilver)"
POSTS = "b.postauthor, span.name"  # never nested; a marker of each post, not the post itself


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like a phpBB topic page in subsilver2 or phpBB 2's subSilver."""
    subsilver2 = 'class="postauthor"' in head and 'class="postbody"' in head
    phpbb2 = 'class="postbody"' in head and 'class="name"' in head and "viewtopic." in head
    return subsilver2 or phpbb2


def _ancestor(el: Element, tag: str) -> Element | None:
    current = el.parent
    while current is not None and current.tag != tag:
        current = current.parent
    return current


def _prepare(root: Tag, soup: BeautifulSoup) -> None:
    """The body without the edit note phpBB 2 keeps in its cell, then the markup every phpBB style shares."""
    for note in root.find_all("span", class_="gensmall", recursive=False):
        if "edited" in soup_text(note).lower():
            note.decompose()
    phpbb_prepare(root, soup)


class _Post:
    """Where the parts of one post are, in either table style."""

    def __init__(self, marker: Element) -> None:
        self.subsilver2 = marker.tag == "b"
        self.box = _ancestor(marker, "table" if self.subsilver2 else "tr")
        self.marker = marker

    def author(self) -> str:
        return one_line(text(self.marker if self.subsilver2 else first(self.marker, "b"))) or "Guest"

    def post_id(self) -> str | None:
        anchors = [attr(a, "name") for a in css(self.box, "a[name]")]
        ids = [re.sub(r"^p", "", name) for name in anchors if re.fullmatch(r"p?\d+", name)]
        return ids[0] if ids else None

    def user_title(self) -> str | None:
        if self.subsilver2:
            rank = first(self.box, "td.postdetails")
            picture = first(rank, "img")
            return one_line(text(rank)) or one_line(attr(picture, "alt")) or None
        return one_line(text_before_break(first(self.box, "span.postdetails"))) or None

    def posted(self, notes: list[str]) -> When | None:
        for cell in css(self.box, "td.gensmall div, span.postdetails"):
            match = re.search(r"Posted:\s*(.+?)(?:\s+Post subject:.*)?$", text(cell))
            if match:
                return dated(match.group(1), notes)
        return None

    def edited(self, notes: list[str]) -> When | None:
        note = next((s for s in css(self.box, "span.gensmall") if "Last edited by" in text(s)), None)
        return edit_date(text(note), notes) if note is not None else None

    def body(self) -> Element | None:
        if self.subsilver2:
            return first(self.box, "div.postbody")  # the first; a second one holds the signature
        message = first(self.box, "span.postbody")
        return message.parent if message is not None else None

    def attachments(self, base: str | None) -> list[tuple[str, str]]:
        body = self.body()
        inside = {n.mem_id for n in css(body, "a")} if body is not None else set()
        links = css(self.box, "a[href*='download/file.'], a[href*='download.php?id=']")
        outside = [a for a in links if a.mem_id not in inside]
        return [(one_line(text(a)) or "attachment", absolute(attr(a, "href"), base)) for a in outside]


def _post(post: _Post, converted: Converted) -> SourcePost:
    author, memorial = split_memorial(post.author())
    notes = list(converted.notes)
    body, quotes = converted.markdown, converted.quotes
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=post.user_title(),
        date=post.posted(notes),
        edited=post.edited(notes),
        post_id=post.post_id(),
        memorial=memorial,
        notes=notes,
    )


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved phpBB topic page in subsilver2 or subSilver."""
    doc = parse_page(data)
    posts = [p for p in (_Post(m) for m in css(doc, POSTS)) if p.box is not None and p.body() is not None]
    if not posts:
        raise InputError("no posts found: the page's style is not understood (no b.postauthor or span.name)")
    title_link = first(doc, "a.titles") or first(doc, "a.maintitle") or first(doc, "h2 a")
    title = one_line(text(title_link))
    if not title:
        raise InputError("no topic title found (a.titles or a.maintitle)")
    url, topic, _here = thread_address(doc, title_link)
    base = link_base(doc) or url or options.base_url
    forum = forum_of(doc)
    page, last = pages(doc)
    bodies = [p.body() for p in posts]
    tails = [attachment_html(p.attachments(base)) for p in posts]
    converted = bodies_markdown(bodies, base, POSTS, _prepare, tails)
    parsed = [_post(p, body) for p, body in zip(posts, converted, strict=True)]
    zone_posts(parsed, time_zone(doc))
    found = Topic(source, FORMAT, thread_key(url, topic, title, forum), title, topic, url, forum, page, last)
    return [topic_page(found, parsed, bodies, numbered=False)]
