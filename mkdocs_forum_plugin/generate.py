"""Generated pages and files beyond the thread pages: sections, members, feeds.

Adapter code: it turns the core's Markdown and XML into MkDocs ``File`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .config import ForumConfig
from .model import Member, Thread
from .pages import ThreadPage
from .problems import Problem
from .render.excerpt import excerpt
from .render.feed import FeedItem, atom_feed
from .render.members import Activity, MemberPost, member_page_html, member_page_meta, member_page_uri, members_index
from .render.options import RenderOptions
from .render.post import is_expert, role_of
from .render.sections import SectionEntry, overview_page, section_pages, slugify
from .sources import redirect_page, redirect_path

FEED_NAME = "feed.xml"
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV


@dataclass
class Generated:
    """What the thread pages link to: section and member pages (src_uri), feeds (site paths)."""

    sections: dict[str, str] = field(default_factory=dict)  # section name -> first page
    section_of: dict[str, str] = field(default_factory=dict)  # thread file -> section name
    members: dict[str, str] = field(default_factory=dict)  # member name -> page
    feeds: dict[str | None, str] = field(default_factory=dict)  # section name (None: whole wiki) -> feed


def site_base(config: MkDocsConfig) -> str:
    """``site_url`` ending in one '/', ready to prefix a page URL; empty when the site has none."""
    url = config.site_url or ""
    return url if not url or url.endswith("/") else url + "/"


def page_uri(yaml_uri: str) -> str:
    """The generated Markdown page of a thread file: same path, ``.md``."""
    stem = yaml_uri.rsplit(".", 1)[0]
    return f"{stem}.md"


def nav_paths(nav: object) -> set[str]:
    """Every page path named in an explicit ``nav`` setting, at any depth."""
    if isinstance(nav, str):
        return {nav.lstrip("/")}
    if isinstance(nav, dict):
        return set().union(*(nav_paths(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_paths(item) for item in nav))
    return set()


class Addresses:
    """Which file of the site holds each output address, so that no generated page replaces one.

    A thread file, a Markdown page or any other file of docs/ always keeps its
    address: a section or member page that would land on it moves to a free one,
    and an index page or feed is left out, each with a warning naming both.
    """

    def __init__(self, files: Files, thread_files: dict[str, str]) -> None:
        """``thread_files``: each thread page's src_uri -> its thread file, to name it in messages."""
        self._held = {f.dest_uri: thread_files.get(f.src_uri, f.src_uri) for f in files}
        self.problems: list[str] = []

    def holder(self, file: File) -> str | None:
        """The file of docs/ that already has ``file``'s address, if any."""
        return self._held.get(file.dest_uri)

    def add(self, files: Files, file: File, what: str) -> bool:
        """Add ``file`` (``what`` names it in a message) unless its address is taken."""
        holder = self.holder(file)
        if holder is not None:
            self.problems.append(f"'{holder}' has the address '{file.url}', so {what} is left out; rename one of them")
            return False
        self._held[file.dest_uri] = what
        files.append(file)
        return True

    def moved(self, holder: str, what: str, wanted: File, got: File) -> None:
        """Report a generated page that had to move off ``holder``'s address."""
        self.problems.append(
            f"'{holder}' has the address '{wanted.url}' of {what}, which is at '{got.url}' instead; rename one of them"
        )


def _generated(config: MkDocsConfig, src: str, content: str, in_nav: bool = True) -> File:
    # A site with its own nav lists the generated pages it wants there; the others are
    # reached from the forums overview, and MkDocs must not call them omitted.
    if in_nav and config.nav is not None and src not in nav_paths(config.nav):
        in_nav = False
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, src, content=content, inclusion=inclusion)


def _add(files: Files, config: MkDocsConfig, addresses: Addresses, src: str, content: str, *, what: str) -> bool:
    return addresses.add(files, _generated(config, src, content), what)


def section_name(thread: Thread, plugin: ForumConfig) -> str:
    """The section a thread is listed in."""
    return thread.forum or plugin.default_section


def section_names(threads: list[Thread], plugin: ForumConfig) -> tuple[dict[str, str], list[Problem]]:
    """Each thread's section as its pages name it (thread path -> name), one spelling per section.

    Names that make the same address ("Ask a Therapist", "ask a therapist") are one
    section, named as the first thread spells it; the other spellings are reported.
    """
    first: dict[str, str] = {}
    names: dict[str, str] = {}
    problems: list[Problem] = []
    for thread in threads:
        name = section_name(thread, plugin)
        shown = names[thread.path] = first.setdefault(slugify(name), name)
        if shown != name:
            message = f"'{name}' is listed in the section '{shown}'; spell it the same way"
            problems.append(Problem(thread.where("forum"), message))
    return names, problems


def add_sections(
    files: Files,
    config: MkDocsConfig,
    plugin: ForumConfig,
    threads: list[Thread],
    options: RenderOptions,
    *,
    names: dict[str, str],
    addresses: Addresses,
) -> dict[str, str]:
    """Section listing pages (paginated) and the forums overview; ``names``: from :func:`section_names`."""
    folder = plugin.sections_dir.strip("/")
    groups: dict[str, list[SectionEntry]] = {}
    for thread in threads:
        expert = any(is_expert(p, options) for p in thread.posts)
        groups.setdefault(names[thread.path], []).append(SectionEntry(thread, page_uri(thread.path), expert))
    first: dict[str, str] = {}
    rows = []
    for name, entries in groups.items():
        slug = slugify(name)
        wanted: list[File] = []
        for attempt in range(1, len(files) + 2):  # some suffix is always free
            candidate = slug if attempt == 1 else f"{slug}-{attempt}"
            pages = section_pages(
                name, candidate, folder, entries, expert_label=plugin.expert_label, page_size=plugin.section_page_size
            )
            made = [_generated(config, src, content, in_nav=n == 0) for n, (src, content) in enumerate(pages)]
            wanted = wanted or made
            holders = [h for h in map(addresses.holder, made) if h is not None]
            if not holders:
                break
        if made[0] is not wanted[0]:
            addresses.moved(addresses.holder(wanted[0]) or "", f"the section page of '{name}'", wanted[0], made[0])
        for file in made:
            addresses.add(files, file, f"the section page of '{name}'")
        first[name] = made[0].src_uri
        rows.append((name, made[0].src_uri, len(entries)))
    if groups:
        index = f"{folder}/index.md"
        _add(files, config, addresses, index, overview_page(rows, index), what="the forums overview")
    return first


def activities(threads: list[Thread], options: RenderOptions) -> dict[str, Activity]:
    """Every member who posted, with their posts in wiki order."""
    found: dict[str, Activity] = {}
    for thread in threads:
        for post in thread.posts:
            activity = found.get(post.author)
            if activity is None:
                known = options.members.get(post.author)
                member = known or Member(name=post.author)
                activity = found[post.author] = Activity(member)
            if activity.member.role is None and post.author not in options.members:
                activity.member.role = role_of(post, options)
            activity.posts.append(MemberPost(thread, post, page_uri(thread.path), is_expert(post, options)))
    for activity in found.values():
        activity.posts.sort(key=_when)
    return found


def _when(item: MemberPost) -> tuple[int, str]:
    """Dated posts oldest first, then undated ones in wiki order (the sort is stable)."""
    when = item.post.date or item.thread.started
    return (0, when.isoformat()) if when else (1, "")


def _member_file(config: MkDocsConfig, folder: str, member: Member, taken: set[str], addresses: Addresses) -> File:
    """A member's page at a free address: two names may share a slug, and docs/ may hold the address."""
    content = member_page_meta(member)
    wanted = file = File.generated(config, member_page_uri(folder, member.name), content=content, inclusion=NOT_IN_NAV)
    suffix = 1
    while file.src_uri in taken or addresses.holder(file) is not None:
        suffix += 1
        src = f"{folder}/{slugify(member.name)}-{suffix}.md"
        file = File.generated(config, src, content=content, inclusion=NOT_IN_NAV)
    holder = addresses.holder(wanted)
    if holder is not None and wanted.src_uri not in taken:  # not just another member with the same slug
        addresses.moved(holder, f"the member page of '{member.name}'", wanted, file)
    taken.add(file.src_uri)
    return file


def add_members(
    files: Files,
    config: MkDocsConfig,
    plugin: ForumConfig,
    threads: list[Thread],
    options: RenderOptions,
    *,
    addresses: Addresses,
) -> dict[str, str]:
    """One page per member who posted (or per expert), and the members index."""
    if plugin.member_pages == "off":
        return {}
    folder = plugin.members_dir.strip("/")
    rows = []
    pages: dict[str, str] = {}
    taken: set[str] = set()
    for name, activity in activities(threads, options).items():
        if plugin.member_pages == "experts" and not activity.is_expert:
            continue
        file = _member_file(config, folder, activity.member, taken, addresses)
        addresses.add(files, file, f"the member page of '{name}'")
        src = file.src_uri

        def link_to(target: str, here: File = file) -> str:
            found = files.get_file_from_path(target)
            return get_relative_url(found.url if found else target, here.url)

        path = activity.member.avatar_path
        avatar = link_to(path) if path is not None else activity.member.avatar
        ThreadPage(None, file, config).html = member_page_html(activity, link_to, avatar, plugin.expert_label)
        pages[name] = src
        rows.append((activity, src))
    if rows:
        index = f"{folder}/index.md"
        _add(files, config, addresses, index, members_index(rows, index), what="the members index")
    return pages


def add_feeds(
    files: Files,
    config: MkDocsConfig,
    plugin: ForumConfig,
    threads: list[Thread],
    sections: dict[str, str],
    *,
    names: dict[str, str],
    addresses: Addresses,
) -> dict[str | None, str]:
    """Atom feeds of the newest threads: one for the wiki, one per section. Needs ``site_url``."""
    if not plugin.feeds or not config.site_url or not threads:
        return {}
    base = site_base(config)

    def absolute(src_uri: str) -> str:
        found = files.get_file_from_path(src_uri)
        return base + found.url if found else base

    def item(thread: Thread) -> FeedItem:
        url = absolute(page_uri(thread.path))
        stamps = [w for p in thread.posts for w in (p.date, p.edited) if w]
        updated = max(stamps, key=lambda w: w.isoformat()) if stamps else None
        first = thread.posts[0]
        return FeedItem(thread.title, url, first.author, excerpt(first.body, 300), thread.started, updated)

    items = {thread.path: item(thread) for thread in threads}
    feeds: dict[str | None, str] = {}
    everything = atom_feed(config.site_name, base + FEED_NAME, base, list(items.values()), plugin.feed_size)
    if _add(files, config, addresses, FEED_NAME, everything, what="the wiki's feed"):
        feeds[None] = FEED_NAME
    folder = plugin.sections_dir.strip("/")
    grouped: dict[str, list[FeedItem]] = {}
    for thread in threads:
        grouped.setdefault(names[thread.path], []).append(items[thread.path])
    for name, section_items in grouped.items():
        path = f"{folder}/{slugify(name)}/{FEED_NAME}"
        home = absolute(sections[name]) if name in sections else base
        title = f"{config.site_name}: {name}"
        feed = atom_feed(title, base + path, home, section_items, plugin.feed_size)
        if _add(files, config, addresses, path, feed, what=f"the feed of '{name}'"):
            feeds[name] = path
    return feeds


def write_redirects(site_dir: Path, pages: list[tuple[str, str, File]], site_files: dict[str, str]) -> list[str]:
    """Write a redirect from each thread's old forum address to its page; say why, where one is not written.

    ``pages``: (thread file, ``source`` address, thread page) in wiki order.
    ``site_files``: every output path of the build -> the docs file it comes from.
    Whatever the site already has at an address wins: a page, a file another plugin
    wrote (``sitemap.xml``, the search index) or an earlier thread's redirect.
    """
    problems: list[str] = []
    written: dict[str, str] = {}  # output path -> the thread file whose redirect it is
    root = site_dir.resolve()
    for thread_file, source, page in pages:
        target = redirect_path(source)
        if target is None or target == page.dest_uri:
            continue  # nothing to redirect, or the wiki already serves the thread there
        holder = _holder(root, target, site_files, written)
        if holder is not None:
            problems.append(f"{thread_file}: no redirect from '{source}': '{holder[0]}' is {holder[1]}")
            continue
        dest = root / target
        from_url = target[: -len("index.html")] if target.endswith("index.html") else target
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(redirect_page(get_relative_url(page.url, from_url)), encoding="utf-8")
        except OSError as exc:
            problems.append(f"{thread_file}: no redirect from '{source}': {exc.strerror or exc}")
            continue
        written[target] = thread_file
    return problems


def _holder(root: Path, target: str, site_files: dict[str, str], written: dict[str, str]) -> tuple[str, str] | None:
    """What already has ``target`` or one of its folders in the built site, as (path, what it is)."""
    parts = target.split("/")
    for end in range(1, len(parts) + 1):
        path = "/".join(parts[:end])
        folder = end < len(parts)
        if path in written:
            return path, f"the redirect of {written[path]}"
        if path in site_files:
            return path, f"the page of {site_files[path]}" if site_files[path] != path else "a file of the wiki"
        on_disk = root / path
        if on_disk.is_symlink() or (on_disk.exists() and (not folder or not on_disk.is_dir())):
            return path, "a file of the built site"
    return None
