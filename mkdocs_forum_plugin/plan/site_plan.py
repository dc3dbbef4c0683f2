"""The forum's pages of one wiki, planned from the build state: addresses, clashes, navigation, feeds.

:func:`plan_site` takes what every engine knows alike: the build state, the forum's
options, and the shape of the site (its name and address, its URL style, its own
``nav``, and the files of docs/ that already hold an address). It returns plain
data, which the adapters map onto their engine.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

from ..build_state import BuildState, ThreadFile
from ..model import Member, Thread, instant
from ..options import ForumOptions
from ..render.content_notes import post_words
from ..render.excerpt import excerpt
from ..render.feed import FeedItem, atom_feed
from ..render.members import (
    Activity,
    MembersRoster,
    activities,
    member_page_meta,
    member_page_uri,
    members_index_meta,
)
from ..render.options import RenderOptions
from ..render.page_meta import broken_markdown, thread_markdown
from ..render.section_listing import ListingPage, SectionEntry, newest_activity_first
from ..render.sections import OverviewRow, overview_page, section_pages, slugify
from .addresses import Addresses, page_url

Kind = Literal["thread", "section", "forums", "member", "members", "feed", "asset"]
FEED_NAME = "feed.xml"
CSS_URI = "assets/forum/forum.css"
SCHEMA_DIR = "assets/forum"  # thread.schema.json and members.schema.json
WORKER_URI = "assets/forum/search-worker.js"
TOOLTIPS_URI = "assets/forum/tooltips.js"  # keeps titles text in the themes' tooltips


@dataclass(frozen=True)
class SiteShape:
    """What the plan needs of the site besides the forum: its name, address, URL style and own navigation."""

    name: str = ""
    url: str = ""  # site_url, or empty
    directory_urls: bool = True
    nav: frozenset[str] | None = None  # the pages an explicit nav names; None: the wiki has no nav
    nav_order: tuple[str, ...] = ()  # the same pages in the nav's order

    @property
    def base(self) -> str:
        """``url`` ending in one '/', ready to prefix a page address; empty when the site has none."""
        return self.url if not self.url or self.url.endswith("/") else self.url + "/"


@dataclass
class PlannedPage:
    """One page or file the forum adds to the site."""

    src: str  # its docs path
    kind: Kind
    content: bytes  # the page's Markdown (front matter, listings) or the file itself
    in_nav: bool = False
    thread: ThreadFile | None = None  # kind "thread": rendered from the model once every address is known
    activity: Activity | None = None  # kind "member": likewise
    listing: ListingPage | MembersRoster | None = None  # kinds "section" and "members": likewise

    @property
    def text(self) -> str:
        """The content as text."""
        return self.content.decode("utf-8")


@dataclass
class SitePlan:
    """Every page and file the forum adds, what it leaves out of the site, and the warnings found."""

    pages: list[PlannedPage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # clashes of addresses, as warnings
    feeds: dict[str | None, str] = field(default_factory=dict)  # section name (None: the wiki) -> feed path

    def by_src(self) -> dict[str, PlannedPage]:
        """The planned pages by docs path."""
        return {page.src: page for page in self.pages}


class _Planner:
    def __init__(
        self, state: BuildState, options: ForumOptions, render: RenderOptions, shape: SiteShape, held: dict[str, str]
    ) -> None:
        self.state, self.options, self.render, self.shape = state, options, render, shape
        self.plan = SitePlan()
        self.addresses = Addresses(held, shape.directory_urls)
        self.made: set[str] = set()  # the docs paths of the planned pages

    def add(self, src: str, kind: Kind, content: str | bytes, *, what: str, in_nav: bool = False) -> bool:
        """Plan a page unless a file of docs/ has its address (then say so)."""
        if not self.addresses.take(src, what):
            return False
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.plan.pages.append(PlannedPage(src, kind, data, in_nav=self._in_nav(src, in_nav)))
        self.made.add(src)
        return True

    def _in_nav(self, src: str, wanted: bool) -> bool:
        # A wiki with its own nav lists the generated pages it wants there; the others are
        # reached from the forums overview, and the engine must not call them omitted.
        return wanted and (self.shape.nav is None or src in self.shape.nav)

    def free(self, first: str, then: str, what: str, siblings: set[str]) -> str:
        """``first``, or the first free ``then.format(n)`` (n = 2, 3, ...), reporting a move off a file's address.

        ``siblings``: the pages of the same kind planned so far; one of them on ``first``
        (two members whose names make the same address) is no clash to report.
        """
        src, n = first, 1
        while src in self.made or self.addresses.holder(src) is not None:
            n += 1
            src = then.format(n)
        holder = self.addresses.holder(first)
        if holder is not None and first not in siblings:
            self.addresses.moved(holder, what, first, src)
        return src

    # -- the kinds of page ------------------------------------------------------------------

    def threads(self) -> None:
        for thread_file in self.state.files.values():
            thread = thread_file.thread
            name = thread_file.path.rsplit("/", 1)[-1]
            content = thread_markdown(thread, self.render.content_notes) if thread else broken_markdown(name)
            page = PlannedPage(thread_file.page, "thread", content.encode("utf-8"), thread=thread_file)
            self.addresses.take(thread_file.page, thread_file.path)
            self.made.add(thread_file.page)
            self.plan.pages.append(page)

    def sections(self) -> None:
        state, options = self.state, self.options
        folder = options.sections_dir.strip("/")
        groups: dict[str, list[SectionEntry]] = {}
        for thread in state.threads:
            picked = any(state.answer(p) == "recommended" for p in thread.posts)
            entry = SectionEntry(thread, state.files[thread.path].page, state.has_expert(thread), picked)
            groups.setdefault(state.section_of[thread.path], []).append(entry)
        rows = []
        for name, unordered in groups.items():
            entries = newest_activity_first(unordered)  # once: every page of the listing, and the overview
            what = f"the section page of '{name}'"
            slug = slugify(name)
            wanted: list[tuple[str, str, ListingPage]] = []
            made: list[tuple[str, str, ListingPage]] = []
            for attempt in itertools.count(1):  # some suffix is free: the wiki has finitely many files
                candidate = slug if attempt == 1 else f"{slug}-{attempt}"
                made = section_pages(
                    name,
                    candidate,
                    folder,
                    entries,
                    page_size=options.section_page_size,
                    labels=self.render.labels,
                )
                wanted = wanted or made
                if all(self.addresses.holder(src) is None for src, _, _ in made):
                    break
            if made[0][0] != wanted[0][0]:
                self.addresses.moved(self.addresses.holder(wanted[0][0]) or "", what, wanted[0][0], made[0][0])
            for n, (src, text, listing) in enumerate(made):
                if self.add(src, "section", text, what=what, in_nav=n == 0):
                    self.plan.pages[-1].listing = listing
            state.sections[name] = made[0][0]
            rows.append(OverviewRow(name, made[0][0], tuple(entries), self._descriptions.get(name, "")))
        if groups:
            index = f"{folder}/index.md"
            overview = overview_page(self._overview_order(rows), index, self.render.labels)
            self.add(index, "forums", overview, what="the forums overview", in_nav=True)

    @property
    def _descriptions(self) -> dict[str, str]:
        return {item["name"]: item.get("description", "") for item in self.options.forums}

    def _overview_order(self, rows: list[OverviewRow]) -> list[OverviewRow]:
        """The ``forums`` option's order where it names a section, else the wiki's nav order, else by name."""
        listed = {item["name"]: n for n, item in enumerate(self.options.forums)}
        in_nav = {src: n for n, src in reversed(list(enumerate(self.shape.nav_order)))}
        unplaced = len(listed) + len(in_nav)

        def key(row: OverviewRow) -> tuple[int, int, str]:
            if row.name in listed:
                return (0, listed[row.name], "")
            return (1, in_nav.get(row.page_src, unplaced), row.name.casefold())

        return sorted(rows, key=key)

    def _member_src(self, folder: str, member: Member, siblings: set[str]) -> str:
        first = member_page_uri(folder, member.name)
        then = f"{folder}/{slugify(member.name)}-{{}}.md"
        return self.free(first, then, f"the member page of '{member.name}'", siblings)

    def members(self) -> None:
        options, state = self.options, self.state
        if options.member_pages == "off":
            return
        folder = options.members_dir.strip("/")
        rows = []
        made: set[str] = set()
        for name, activity in activities(state.threads, state.members, state.answer).items():
            if options.member_pages == "experts" and not activity.is_expert:
                continue
            src = self._member_src(folder, activity.member, made)
            made.add(src)
            content = member_page_meta(activity.member, self.render.labels)
            if self.add(src, "member", content, what=f"the member page of '{name}'"):
                self.plan.pages[-1].activity = activity
                state.member_pages[name] = src
                rows.append((activity, src))
        if rows:
            index = f"{folder}/index.md"
            meta = members_index_meta(self.render.labels)
            if self.add(index, "members", meta, what="the members index", in_nav=True):
                self.plan.pages[-1].listing = MembersRoster(tuple(rows))

    def feeds(self) -> None:
        options, shape, state = self.options, self.shape, self.state
        threads = state.threads
        if not options.feeds or not shape.url or not threads:
            return
        base = shape.base

        def absolute(src: str) -> str:
            return base + page_url(src, shape.directory_urls) if src in self.made else base

        def item(thread: Thread) -> FeedItem:
            url = absolute(state.files[thread.path].page)
            stamps = [w for p in thread.posts for w in (p.date, p.edited) if w]
            updated = max(stamps, key=instant) if stamps else None
            first = thread.opening  # None when the first post was removed (issue 22)
            author = first.author if first else ""
            summary = excerpt(post_words(first, self.render.content_notes), 300) if first else ""
            return FeedItem(thread.title, url, author, summary, thread.started, updated)

        items = {thread.path: item(thread) for thread in threads}
        everything = atom_feed(shape.name, base + FEED_NAME, base, list(items.values()), options.feed_size)
        if self.add(FEED_NAME, "feed", everything, what="the wiki's feed"):
            self.plan.feeds[None] = FEED_NAME
        folder = options.sections_dir.strip("/")
        grouped: dict[str, list[FeedItem]] = {}
        for thread in threads:
            grouped.setdefault(state.section_of[thread.path], []).append(items[thread.path])
        for name, section_items in grouped.items():
            path = f"{folder}/{slugify(name)}/{FEED_NAME}"
            home = absolute(state.sections[name]) if name in state.sections else base
            feed = atom_feed(f"{shape.name}: {name}", base + path, home, section_items, options.feed_size)
            if self.add(path, "feed", feed, what=f"the feed of '{name}'"):
                self.plan.feeds[name] = path

    def assets(self) -> None:
        package = resources.files("mkdocs_forum_plugin")
        # Not checked against the wiki's files: these are the plugin's own, under its own folder.
        own = [(CSS_URI, "assets/forum.css"), (TOOLTIPS_URI, "assets/tooltips.js")]
        own += [(f"{SCHEMA_DIR}/{name}.schema.json", f"assets/{name}.schema.json") for name in ("thread", "members")]
        if self.options.search == "chunked":
            own.append((WORKER_URI, "assets/search-worker.js"))
        for src, resource in own:
            self.plan.pages.append(PlannedPage(src, "asset", package.joinpath(resource).read_bytes()))
            self.made.add(src)


def plan_site(
    state: BuildState, options: ForumOptions, render: RenderOptions, shape: SiteShape, held: dict[str, str]
) -> SitePlan:
    """The forum's pages of one wiki; fills ``state.sections`` and ``state.member_pages``.

    ``held``: every file of docs/ that keeps its address (docs path -> how a message
    names it), without the thread files and the members file, which the forum reads
    instead of publishing them.
    """
    planner = _Planner(state, options, render, shape, held)
    planner.threads()
    if options.sections:
        planner.sections()
    planner.members()
    planner.feeds()
    planner.assets()
    planner.plan.problems = planner.addresses.problems
    return planner.plan
