"""The MkDocs adapter: maps MkDocs events onto the core (load, relate, render).

Everything MkDocs-specific lives here: which files are thread files, the
generated pages, URLs, logging, and how a problem becomes a warning, an error
page (``mkdocs serve``) or a failed build.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .config import ForumConfig
from .generate import (
    Addresses,
    Generated,
    add_feeds,
    add_members,
    add_sections,
    section_names,
    site_base,
    write_redirects,
)
from .generate import page_uri as generated_page_uri
from .load.threads import parse_members
from .model import Location, Member, Post, Thread
from .page_context import SiteLinks, member_file
from .pages import ThreadPage
from .privacy import pseudonymize
from .problems import Problem, ThreadFileError
from .relate import Relations, relate
from .render.body import BodyRenderer
from .render.excerpt import html_text
from .render.jsonld import discussion_posting, jsonld_script
from .render.options import DisclaimerOptions, PageContext, RenderOptions
from .render.text import attr
from .render.thread import render_thread
from .search_cache import SearchEntryCache
from .sources import SourceIndex
from .thread_files import Entry, ParseCache, digest_of, is_thread_file, read_text
from .thread_page import broken_html, broken_markdown, thread_markdown

log = get_plugin_logger(__name__)

CSS_URI = "assets/forum/forum.css"
SCHEMA_DIR = "assets/forum"  # thread.schema.json and members.schema.json


class ForumPlugin(BasePlugin[ForumConfig]):
    """``forum``: thread files in docs/ become knowledge-base pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.bodies = BodyRenderer()  # kept across `mkdocs serve` rebuilds
        self.parsed = ParseCache()  # kept across `mkdocs serve` rebuilds
        self.entries: dict[str, Entry] = {}  # by generated page src_uri
        self.by_yaml: dict[str, Entry] = {}  # the same entries by thread file src_uri
        self.relations: dict[str, Relations] = {}
        self.options = RenderOptions()
        self.generated = Generated()
        self.sources = SourceIndex({})
        self.site_files: dict[str, str] = {}  # every output path of this build -> its docs file
        self._site_key = ""
        self._pages: dict[tuple[object, ...], tuple[str, list[Problem]]] = {}  # kept across serve rebuilds
        self._pages_used: set[tuple[object, ...]] = set()
        self.search = SearchEntryCache()  # kept across serve rebuilds

    # -- configuration ---------------------------------------------------------------------

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Unknown option names are errors, so a typo cannot silently switch a feature off."""
        errors, warnings = super().load_config(options, config_file_path)
        unknown = [(key, msg) for key, msg in warnings if "Unrecognised configuration name" in msg]
        errors.extend((key, base.ValidationError(msg)) for key, msg in unknown)
        return errors, [w for w in warnings if w not in unknown]

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember the command: only `serve` keeps going past a broken thread file."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Build the render options and add the plugin's stylesheet."""
        d = self.config.disclaimer
        tags_plugin = any(name in config.plugins for name in ("material/tags", "tags"))
        self.options = RenderOptions(
            experts=frozenset(role.casefold() for role in self.config.experts),
            expert_label=self.config.expert_label,
            disclaimer=DisclaimerOptions(d.text, d.title, d.type, d.collapsible, d.placement, d.threads),
            render_tags=not tags_plugin,
        )
        if CSS_URI not in config.extra_css:
            # First, so that a wiki's own stylesheets override ours.
            config.extra_css.insert(0, CSS_URI)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """While serving, let unchanged pages keep their search entries from the last build."""
        if self.command == "serve":
            self.search.attach(config.plugins.values())

    # -- files -----------------------------------------------------------------------------

    def _fail_or_log(self, problems: list[Problem]) -> None:
        """Stop a build on broken files; while serving, log them and keep the preview alive."""
        if problems and self.command != "serve":
            raise PluginError("\n".join(str(p) for p in problems))
        for problem in problems:
            log.error(str(problem))

    def _load_members(self, files: Files) -> dict[str, Member]:
        name = self.config.members.strip("/")
        file = files.get_file_from_path(name)
        if file is None:
            if name != ForumConfig.members.default:
                log.warning(f"members file '{name}' not found in docs/")
            return {}
        files.remove(file)
        try:
            members = parse_members(read_text(file), file.src_uri)
        except ThreadFileError as exc:
            self._fail_or_log([exc.problem])
            return {}
        for member in members.values():
            path = member.avatar_path
            if path is not None and files.get_file_from_path(path) is None:
                log.warning(
                    f"{member.avatar_at}: '{member.avatar}' is not a file in docs/ (picture paths start at docs/)"
                )
        return members

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Turn each thread file into a generated page; relate threads; add section pages."""
        self.options = replace(self.options, members=self._load_members(files))
        self._add_thread_pages(files, config)
        if self.config.privacy == "pseudonymize":
            self._pseudonymize(files)
        for entry in self.entries.values():
            if entry.thread is not None:  # after pseudonymizing: the description may name members
                entry.file.content_string = thread_markdown(entry.thread)
        self.by_yaml = {e.yaml_uri: e for e in self.entries.values()}
        self.sources = SourceIndex(
            {e.yaml_uri: e.thread.source for e in self.entries.values() if e.thread and e.thread.source}
        )
        threads = [e.thread for e in self.entries.values() if e.thread]
        self.relations, problems = relate(threads, set(self.by_yaml), self.config.related_max)
        for problem in problems:
            log.warning(str(problem))
        plugin = self.config
        names, problems = section_names(threads, plugin)
        for problem in problems:
            log.warning(str(problem))
        addresses = Addresses(files, {src: entry.yaml_uri for src, entry in self.entries.items()})
        sections = (
            add_sections(files, config, plugin, threads, self.options, names=names, addresses=addresses)
            if plugin.sections
            else {}
        )
        member_pages = add_members(files, config, plugin, threads, self.options, addresses=addresses)
        feeds = add_feeds(files, config, plugin, threads, sections, names=names, addresses=addresses)
        for message in addresses.problems:
            log.warning(message)
        self.generated = Generated(sections, names, member_pages, feeds)
        # Everything outside a thread file that its page depends on, for the page cache.
        site = (
            sorted(f.src_uri for f in files),
            sorted(member_pages.items()),
            sorted(sections.items()),
            sorted(self.options.members.items()),
        )
        options = (config.site_url, config.use_directory_urls, sorted(self.config.items()))
        self._site_key = digest_of(repr((site, options)))
        package = resources.files(__package__)
        files.append(File.generated(config, CSS_URI, content=package.joinpath("assets/forum.css").read_bytes()))
        for name in ("thread", "members"):
            schema = package.joinpath(f"schema/{name}.schema.json").read_bytes()
            files.append(File.generated(config, f"{SCHEMA_DIR}/{name}.schema.json", content=schema))
        self.site_files = {f.dest_uri: getattr(self.entries.get(f.src_uri), "yaml_uri", f.src_uri) for f in files}
        return files

    def _pseudonymize(self, files: Files) -> None:
        """Swap member names for aliases in memory, before anything is rendered or listed."""
        threads = {e.yaml_uri: e.thread for e in self.entries.values() if e.thread}
        plugin = self.config
        hidden, members, avatars = pseudonymize(threads, self.options, plugin.privacy_secret, plugin.public_members)
        for entry in self.entries.values():
            entry.thread = hidden.get(entry.yaml_uri, entry.thread)
        self.options = replace(self.options, members=members)
        for path in avatars:  # a picture's file name is often its member's name: never publish it
            picture = files.get_file_from_path(path)
            if picture is not None:
                files.remove(picture)

    def _add_thread_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Swap each thread file for its generated page; broken files get an error page (serve) or stop the build."""
        self.entries = {}
        failures: list[Problem] = []
        for file in [f for f in files if is_thread_file(f, self.config.include, self.config.exclude)]:
            files.remove(file)
            page_uri = generated_page_uri(file.src_uri)
            parsed, digest = self.parsed.parse(file)
            if files.get_file_from_path(page_uri) is not None or page_uri in self.entries:
                # Keep the existing page; the thread file gets no page until it is renamed.
                clash = Problem(Location(file.src_uri, 1), f"'{page_uri}' already exists; rename one of the two files")
                failures.append(clash)
                continue
            if isinstance(parsed, ThreadFileError):
                failures.append(parsed.problem)
                content = broken_markdown(posixpath.basename(file.src_uri))
            else:
                content = ""  # front matter from the thread, once names are pseudonymized
            page_file = File.generated(config, page_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            page_file.abs_src_path = file.abs_src_path  # for plugins that read a page's source, e.g. its git dates
            page_file.edit_uri = file.edit_uri  # "Edit this page" opens the YAML file
            ThreadPage(None, page_file, config)
            entry = Entry(file.src_uri, page_file, digest=digest)
            if isinstance(parsed, ThreadFileError):
                entry.problem = parsed.problem
            else:
                entry.thread = parsed
            self.entries[page_uri] = entry
            files.append(page_file)
        self._fail_or_log(failures)

    # -- pages -----------------------------------------------------------------------------

    def _context(self, entry: Entry, page: Page, files: Files) -> PageContext:
        links = SiteLinks(self.by_yaml, self.relations, self.generated, self.sources, files)
        return links.context(entry, page, self.config)

    def _member_file(self, name: str, files: Files) -> File | None:
        return member_file(self.generated, name, files)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Replace a thread page's (empty) Markdown output with the rendered thread."""
        entry = self.entries.get(page.file.src_uri)
        if entry is None:
            return html
        if entry.problem is not None:
            return broken_html(posixpath.basename(entry.yaml_uri), entry.problem)
        assert entry.thread is not None
        context = self._context(entry, page, files)
        # While serving, an unchanged thread in an unchanged wiki keeps its page from the last build.
        section = (context.section_name, context.section_url)
        key = (entry.yaml_uri, entry.digest, page.url, tuple(context.related), section, self._site_key)
        self._pages_used.add(key)
        cached = self._pages.get(key)
        if cached is None:
            cached = self._pages[key] = self._render_page(entry.thread, context, page, config, files)
        html, problems = cached
        for problem in problems:
            log.warning(str(problem))
        # MkDocs checks links to anchors against the ids of the page's Markdown; ours come from here.
        numbers = range(1, len(entry.thread.posts) + 1)
        page.present_anchor_ids = {"forum-related-title", *(f"post-{n}" for n in numbers)}
        page.present_anchor_ids.update(f"post-{n}-author" for n in numbers)
        return html

    def _render_page(
        self, thread: Thread, context: PageContext, page: Page, config: MkDocsConfig, files: Files
    ) -> tuple[str, list[Problem]]:
        """The thread's page HTML (with its JSON-LD) and the problems found while rendering it."""
        rendered = render_thread(thread, self.bodies, self.options, context)
        html = rendered.html
        if self.config.structured_data:
            base = site_base(config)

            def member_url(name: str) -> str | None:
                file = self._member_file(name, files)
                return base + file.url if file is not None else None

            count = len(thread.posts)

            def text(post: Post) -> str:
                return html_text(self.bodies.render(post.body, count).html)

            html += jsonld_script(discussion_posting(thread, base + page.url, member_url, text))
        return html, rendered.problems

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Announce the Atom feeds in each page's head, so browsers and readers find them."""
        if not self.generated.feeds or "</head>" not in output:
            return output
        links = []
        for name, path in self.generated.feeds.items():
            title = config.site_name if name is None else f"{config.site_name}: {name}"
            href = get_relative_url(path, page.url)
            links.append(
                f'<link rel="alternate" type="application/atom+xml" title="{attr(title)}" href="{attr(href)}">'
            )
        return output.replace("</head>", "".join(links) + "</head>", 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write redirects from old forum addresses; let go of cached bodies no page used."""
        self.bodies.forget_unused()
        self._pages = {key: value for key, value in self._pages.items() if key in self._pages_used}
        self._pages_used = set()
        self.search.finish()
        if self.config.redirects:
            entries = self.entries.values()
            pages = [(e.yaml_uri, e.thread.source, e.file) for e in entries if e.thread and e.thread.source]
            for problem in write_redirects(Path(config.site_dir), pages, self.site_files):
                log.warning(problem)
