"""The pages and files the plugin adds to the site besides thread pages: sections, members, feeds.

Adapter code: it turns the core's Markdown and XML into MkDocs ``File`` objects at
free addresses (``addresses.py``), and records in the build state where they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ...build_state import BuildState
from ...model import Member, Thread
from ...options import ForumOptions
from ...render.excerpt import excerpt
from ...render.feed import FeedItem, atom_feed
from ...render.members import Activity, activities, member_page_meta, member_page_uri, members_index
from ...render.options import RenderOptions
from ...render.sections import SectionEntry, overview_page, section_pages, slugify
from .addresses import Addresses, add_generated, generated_file

FEED_NAME = "feed.xml"
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV


@dataclass(frozen=True)
class SiteFacts:
    """What the generated pages need from MkDocs' own configuration."""

    config: MkDocsConfig
    plugin: ForumOptions
    render: RenderOptions = field(default_factory=RenderOptions)  # the settings the core follows, labels included

    @property
    def base(self) -> str:
        """``site_url`` ending in one '/', ready to prefix a page URL; empty when the site has none."""
        url = self.config.site_url or ""
        return url if not url or url.endswith("/") else url + "/"


def add_sections(files: Files, site: SiteFacts, state: BuildState, addresses: Addresses) -> None:
    """Section listing pages (paginated) and the forums overview; fills ``state.sections``."""
    plugin = site.plugin
    folder = plugin.sections_dir.strip("/")
    groups: dict[str, list[SectionEntry]] = {}
    for thread in state.threads:
        entry = SectionEntry(thread, state.files[thread.path].page, state.has_expert(thread))
        groups.setdefault(state.section_of[thread.path], []).append(entry)
    rows = []
    for name, entries in groups.items():
        slug = slugify(name)
        wanted: list[File] = []
        made: list[File] = []
        for attempt in range(1, len(files) + 2):  # some suffix is always free
            candidate = slug if attempt == 1 else f"{slug}-{attempt}"
            pages = section_pages(
                name,
                candidate,
                folder,
                entries,
                expert_label=site.render.expert_label,
                page_size=plugin.section_page_size,
                labels=site.render.labels,
            )
            made = [generated_file(site.config, src, text, in_nav=n == 0) for n, (src, text) in enumerate(pages)]
            wanted = wanted or made
            if all(addresses.holder(file) is None for file in made):
                break
        if made[0] is not wanted[0]:
            addresses.moved(addresses.holder(wanted[0]) or "", f"the section page of '{name}'", wanted[0], made[0])
        for file in made:
            addresses.add(files, file, f"the section page of '{name}'")
        state.sections[name] = made[0].src_uri
        rows.append((name, made[0].src_uri, len(entries)))
    if groups:
        index = f"{folder}/index.md"
        overview = overview_page(rows, index, site.render.labels)
        add_generated(files, site.config, addresses, index, overview, what="the forums overview")


def _member_file(site: SiteFacts, folder: str, member: Member, taken: set[str], addresses: Addresses) -> File:
    """A member's page at a free address: two names may share a slug, and docs/ may hold the address."""
    config = site.config
    content = member_page_meta(member, site.render.labels)
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


def add_members(files: Files, site: SiteFacts, state: BuildState, addresses: Addresses) -> dict[str, Activity]:
    """One page per member who posted (or per expert), and the members index; fills ``state.member_pages``.

    Returns each member page's activity by its src_uri: the page's HTML is rendered
    with the other pages, once every address is known.
    """
    plugin = site.plugin
    if plugin.member_pages == "off":
        return {}
    folder = plugin.members_dir.strip("/")
    rows = []
    pages: dict[str, Activity] = {}
    taken: set[str] = set()
    for name, activity in activities(state.threads, state.members, state.is_expert).items():
        if plugin.member_pages == "experts" and not activity.is_expert:
            continue
        file = _member_file(site, folder, activity.member, taken, addresses)
        addresses.add(files, file, f"the member page of '{name}'")
        state.member_pages[name] = file.src_uri
        pages[file.src_uri] = activity
        rows.append((activity, file.src_uri))
    if rows:
        index = f"{folder}/index.md"
        listing = members_index(rows, index, site.render.labels)
        add_generated(files, site.config, addresses, index, listing, what="the members index")
    return pages


def add_feeds(files: Files, site: SiteFacts, state: BuildState, addresses: Addresses) -> dict[str | None, str]:
    """Atom feeds of the newest threads: one for the wiki, one per section (section name or None -> path)."""
    plugin, config, base = site.plugin, site.config, site.base
    threads = state.threads
    if not plugin.feeds or not config.site_url or not threads:
        return {}

    def absolute(src_uri: str) -> str:
        found = files.get_file_from_path(src_uri)
        return base + found.url if found else base

    def item(thread: Thread) -> FeedItem:
        url = absolute(state.files[thread.path].page)
        stamps = [w for p in thread.posts for w in (p.date, p.edited) if w]
        updated = max(stamps, key=lambda w: w.isoformat()) if stamps else None
        first = thread.posts[0]
        return FeedItem(thread.title, url, first.author, excerpt(first.body, 300), thread.started, updated)

    items = {thread.path: item(thread) for thread in threads}
    feeds: dict[str | None, str] = {}
    everything = atom_feed(config.site_name, base + FEED_NAME, base, list(items.values()), plugin.feed_size)
    if add_generated(files, config, addresses, FEED_NAME, everything, what="the wiki's feed"):
        feeds[None] = FEED_NAME
    folder = plugin.sections_dir.strip("/")
    grouped: dict[str, list[FeedItem]] = {}
    for thread in threads:
        grouped.setdefault(state.section_of[thread.path], []).append(items[thread.path])
    for name, section_items in grouped.items():
        path = f"{folder}/{slugify(name)}/{FEED_NAME}"
        home = absolute(state.sections[name]) if name in state.sections else base
        feed = atom_feed(f"{config.site_name}: {name}", base + path, home, section_items, plugin.feed_size)
        if add_generated(files, config, addresses, path, feed, what=f"the feed of '{name}'"):
            feeds[name] = path
    return feeds
