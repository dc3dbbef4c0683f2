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


def _add(files: Files, config: MkDocsConfig, src: str, content: str, in_nav: bool = True) -> None:
    # A site with its own nav lists the generated pages it wants there; the others are
    # reached from the forums overview, and MkDocs must not call them omitted.
    if in_nav and config.nav is not None and src not in nav_paths(config.nav):
        in_nav = False
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    files.append(File.generated(config, src, content=content, inclusion=inclusion))


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
        pages = section_pages(name, folder, entries, plugin.expert_label, plugin.section_page_size)
        for number, (src, content) in enumerate(pages):
            _add(files, config, src, content, in_nav=number == 0)
        first[name] = pages[0][0]
        rows.append((name, pages[0][0], len(entries)))
    if groups:
        index = f"{folder}/index.md"
        _add(files, config, index, overview_page(rows, index))
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


def add_members(
    files: Files, config: MkDocsConfig, plugin: ForumConfig, threads: list[Thread], options: RenderOptions
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
        src = member_page_uri(folder, name)
        if src in taken:  # two names with the same slug
            src = f"{folder}/{slugify(name)}-{len(taken)}.md"
        taken.add(src)
        file = File.generated(
            config, src, content=member_page_meta(activity.member), inclusion=InclusionLevel.NOT_IN_NAV
        )
        files.append(file)

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
        _add(files, config, index, members_index(rows, index))
    return pages


def add_feeds(
    files: Files,
    config: MkDocsConfig,
    plugin: ForumConfig,
    threads: list[Thread],
    sections: dict[str, str],
    *,
    names: dict[str, str],
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
    _add(files, config, FEED_NAME, everything)
    feeds[None] = FEED_NAME
    folder = plugin.sections_dir.strip("/")
    grouped: dict[str, list[FeedItem]] = {}
    for thread in threads:
        grouped.setdefault(names[thread.path], []).append(items[thread.path])
    for name, section_items in grouped.items():
        path = f"{folder}/{slugify(name)}/{FEED_NAME}"
        home = absolute(sections[name]) if name in sections else base
        title = f"{config.site_name}: {name}"
        _add(files, config, path, atom_feed(title, base + path, home, section_items, plugin.feed_size))
        feeds[name] = path
    return feeds


def write_redirect(site_dir: Path, source: str, page: File) -> str | None:
    """Write a redirect from a thread's old forum address to its page; say why not, if not."""
    target = redirect_path(source)
    if target is None or target == page.dest_uri:
        return None  # nothing to redirect, or the wiki already serves the thread there
    dest = site_dir / target
    if dest.exists():
        return f"no redirect from '{source}': '{target}' is a page of the wiki"
    dest.parent.mkdir(parents=True, exist_ok=True)
    from_url = target[: -len("index.html")] if target.endswith("index.html") else target
    dest.write_text(redirect_page(get_relative_url(page.url, from_url)), encoding="utf-8")
    return None
