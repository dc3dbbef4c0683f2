"""The ``forum`` MkDocs plugin: each event handler hands its work to the core or to this adapter's helpers.

- ``on_files``: load the thread files and the members file, assemble the build's
  state (``build_state.py``), add the generated pages, and make the link index.
- ``on_page_content``: render each thread and member page (``page_cache.py`` keeps
  unchanged ones while serving), or put it off to ``on_page_context``, when MkDocs
  writes it.
- ``on_env``: a forked copy starts making the put-off pages ahead (``pages_ahead.py``).
- ``on_post_page`` / ``on_post_build``: feed links in each page's head and the
  search worker in its ``__config``; the search index (``search/``), redirects.

How a problem is reported is decided here: a warning, the error page shown while
serving, or a failed build.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ...build_state import BuildState, ForumSettings, ThreadFile
from ...hosting import built_site_warnings
from ...load.files import digest_of
from ...load.wiki import DocsFile, load_wiki
from ...options import ForumOptions, forum_settings, site_features, site_language
from ...pages import PageMaker, SiteCaches, anchor_ids
from ...pages_ahead import PagesAhead
from ...plan import SiteShape, nav_order, plan_site
from ...plan.site_plan import CSS_URI, TOOLTIPS_URI
from ...problems import Problem
from ...render.members import Activity, MembersRoster
from ...render.section_listing import ListingPage
from ...search_pages import search_pages
from ...search_records import SearchPage
from .config import ForumConfig, load_options
from .feed_links import with_feed_links
from .idle_scripts import drop_idle_scripts
from .indentation import squeeze_indentation
from .nav_sections import collapse_one_page_sections
from .planned_files import add_planned, leave_out_generated
from .redirects import write_redirects
from .search import leave_out_material_worker, use_worker, write_index
from .search_cache import SearchEntryCache

log = get_plugin_logger(__name__)
_DEFERRED = ""  # a page's HTML between on_page_content and on_page_context, and after it is written


def _docs_file(file: File) -> DocsFile:
    """A file of MkDocs' list as the core reads it; exclude_docs leaves it out of the site, not out of the forum."""
    published = file.inclusion.is_included()
    readable = published or file.inclusion is InclusionLevel.EXCLUDED
    return DocsFile(file.src_uri, lambda: file.content_bytes, published, readable)


@dataclass
class MkDocsSiteCaches(SiteCaches):
    """One site's caches, with the search entries of Material's own search plugin."""

    search: SearchEntryCache = field(default_factory=SearchEntryCache)


class ForumPlugin(BasePlugin[ForumConfig]):
    """``forum``: thread files in docs/ become knowledge-base pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        # MkDocs keeps one plugin object per process: everything per site lives in its caches.
        self.sites: dict[str, MkDocsSiteCaches] = {}
        self.caches = MkDocsSiteCaches()
        self.options = ForumOptions()
        self.settings = ForumSettings()
        self.state = BuildState(self.settings, {}, {})
        self.pages = PageMaker(self.caches, self.settings, "")
        self.member_pages: dict[str, Activity] = {}  # by src_uri
        self.listings: dict[str, ListingPage | MembersRoster] = {}  # section listings and members index, by src_uri
        self.thread_pages: dict[str, ThreadFile] = {}  # by the src_uri of their page
        self.feeds: dict[str | None, str] = {}
        self.nav_pages: frozenset[str] = frozenset()  # src_uris of the generated pages the navigation lists
        self.site_files: dict[str, str] = {}  # every output path of this build -> its docs file
        self._shape = SiteShape()
        self._defer = False  # make the plugin's pages' HTML as each is written (on_page_content)
        self._deferred: set[str] = set()  # src_uris of the pages whose HTML is made in on_page_context
        self._ahead: PagesAhead[tuple[str, list[Problem]]] | None = None  # those pages, made by a second process
        self.made_ahead = 0  # pages of the last build that the second process made
        self.parsed_ahead = 0  # thread files of the last build that a second process parsed

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """The options, checked by the core (``options.py``): an unknown name is an error, not a warning."""
        self.config = ForumConfig(config_file_path=config_file_path)
        self.options, errors = load_options(options)
        return errors, []

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember the command: only `serve` keeps going past a broken thread file."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Pick this site's caches, read the options, and add the plugin's stylesheet."""
        self.caches = self.sites.setdefault(f"{config.config_file_path}|{config.docs_dir}", MkDocsSiteCaches())
        tags_plugin = any(name in config.plugins for name in ("material/tags", "tags"))
        language = site_language(config.theme)
        self.settings = forum_settings(
            self.options, tags_plugin=tags_plugin, language=language, site_url=config.site_url or ""
        )
        self.caches.bodies.labels = self.settings.render.labels
        self.caches.keep = self.command == "serve"  # only `serve` builds again with the same caches
        options = (config.site_url, config.use_directory_urls, repr(self.options), tags_plugin, language)
        order = tuple(nav_order(config.nav)) if config.nav is not None else ()
        nav = frozenset(order) if config.nav is not None else None
        self._shape = SiteShape(config.site_name, config.site_url or "", config.use_directory_urls, nav, order)
        key = digest_of(repr(options))
        self.pages = PageMaker(self.caches, self.settings, key, self.options.structured_data, self._shape)
        # Another plugin that reads pages' HTML at on_page_content must see ours there.
        readers = [m for m in config.plugins.events["page_content"] if getattr(m, "__self__", None) is not self]
        self._stop_ahead()  # one left by a build that did not end (interrupted by another plugin)
        self._defer = not readers
        self._deferred = set()
        offline = any(name in config.plugins for name in ("material/offline", "offline"))
        if offline and self.options.search == "chunked":
            log.warning("search: chunked does not work from disk (file://); use search: material with 'offline'")
        if CSS_URI not in config.extra_css:
            config.extra_css.insert(0, CSS_URI)  # first, so that a wiki's own stylesheets override ours
        if TOOLTIPS_URI not in (str(script) for script in config.extra_javascript):
            config.extra_javascript.insert(0, TOOLTIPS_URI)  # a plain script, run before any tooltip is made
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """While serving, let unchanged pages keep their search entries from the last build."""
        if self.command == "serve":
            self.caches.search.attach(config.plugins.values())

    # -- files -----------------------------------------------------------------------------

    def _fail_or_log(self, problems: list[Problem]) -> None:
        """Stop a build on broken files; while serving, log them and keep the preview alive."""
        if problems and self.command != "serve":
            raise PluginError("\n".join(str(p) for p in problems))
        for problem in problems:
            log.error(str(problem))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and relate the threads, add the pages the site plan names, and index every address."""
        for message in leave_out_generated(files, Path(config.docs_dir)):
            log.warning(message)
        if self.options.search == "chunked":  # the plugin's worker answers: Material's is never loaded
            leave_out_material_worker(files, config)
        # Thread files are read even where exclude_docs names them: listing them there keeps
        # Zensical from publishing the YAML, and the plugin's own `exclude` leaves a thread out.
        copies = self._copies()
        wiki = load_wiki([_docs_file(f) for f in files], self.options, self.settings, self.caches.parsed, copies)
        self.parsed_ahead = wiki.parsed_ahead
        for message in wiki.warnings:
            log.warning(message)
        self._fail_or_log(wiki.failures)
        self.state = state = wiki.state
        sources = {}
        for path in wiki.left_out:
            file = files.get_file_from_path(path)
            if file is not None:
                files.remove(file)
                if path in state.files:
                    sources[state.files[path].page] = file
        plan = plan_site(state, self.options, self.settings.render, self._shape, {f.src_uri: f.src_uri for f in files})
        add_planned(files, config, plan, sources)
        self.member_pages = {p.src: p.activity for p in plan.pages if p.activity is not None}
        self.listings = {p.src: p.listing for p in plan.pages if p.listing is not None}
        self.feeds = plan.feeds
        self.nav_pages = frozenset(p.src for p in plan.pages if p.in_nav)
        for problem in [*map(str, state.problems), *plan.problems]:
            log.warning(problem)
        state.link_index({f.src_uri: f.url for f in files})
        self.thread_pages = {f.page: f for f in state.files.values()}
        self.site_files = {f.dest_uri: getattr(self.thread_pages.get(f.src_uri), "path", f.src_uri) for f in files}
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """In the automatic navigation, a section holding only one of the plugin's pages is a link to it."""
        return nav if config.nav is not None else collapse_one_page_sections(nav, self.nav_pages)

    # -- pages -----------------------------------------------------------------------------

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Thread, member and section pages get the plugin's HTML instead of their (empty) Markdown's.

        When no other plugin reads pages' HTML at this event, the page's HTML is made in
        ``on_page_context`` instead, when MkDocs writes that page, and let go once it is
        written: MkDocs holds every page's HTML from this event until the end of the build,
        which for a large forum is most of the build's memory.
        """
        src = page.file.src_uri
        if not self._makes(src):
            return html
        thread_file = self.thread_pages.get(src)
        if thread_file is not None and thread_file.thread is not None:
            if self.options.search == "chunked":
                # Indexed from the model in on_post_build, not from this HTML.
                page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
            # MkDocs checks links to anchors against the ids of the page's Markdown; ours come from here.
            page.present_anchor_ids = anchor_ids(thread_file, self.settings.render.heading_ids)
        if self._defer:
            self._deferred.add(src)
            return _DEFERRED
        return self._page_html(page)

    def _makes(self, src: str) -> bool:
        """Whether the page at ``src`` is one the plugin makes: a thread, member or section page."""
        return src in self.thread_pages or src in self.member_pages or src in self.listings

    def _page_html(self, page: Page) -> str:
        """The HTML of one of the plugin's pages, with its problems logged; made ahead when it was."""
        src = page.file.src_uri
        made = self._ahead.take(src) if self._ahead is not None else None
        html, problems = made if made is not None else self._made(src, page.url)
        for problem in problems:
            log.warning(str(problem))
        return html

    def _made(self, src: str, url: str) -> tuple[str, list[Problem]]:
        """The HTML of one of the plugin's pages (a thread, member or section page) and its problems."""
        activity = self.member_pages.get(src)
        if activity is not None:
            return self.pages.member(activity, self.state.index, url), []
        listing = self.listings.get(src)
        if listing is not None:
            return self.pages.section(listing, self.state.index, url), []
        rendered = self.pages.thread(self.thread_pages[src], self.state.index, url)
        return rendered.html, rendered.problems

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page's inputs are known: a copy of this process starts making the put-off pages ahead.

        In MkDocs' writing order (``pages_ahead.py``); not while serving, whose rebuilds
        reuse cached pages, and not with ``parallel: false``.
        """
        self.made_ahead = 0  # a copy left by a build that did not end was stopped in on_config
        if self._copies() and self._deferred:
            pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
            urls = {f.src_uri: f.page.url for f in pages if f.src_uri in self._deferred and f.page is not None}
            self._ahead = PagesAhead.start(list(urls), lambda src: self._made(src, urls[src]))
        return env

    def _copies(self) -> bool:
        """Whether copies of this process may parse and make ahead: not while serving, whose cache keeps both."""
        return self.command != "serve" and self.options.parallel

    def _stop_ahead(self) -> None:
        """Stop the copy making pages ahead, if one runs."""
        if self._ahead is not None:
            self._ahead.close()
            self.made_ahead = self._ahead.taken
            log.debug(f"pages made ahead in a second process: {self.made_ahead}")
            self._ahead = None

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build stops the copy making pages ahead."""
        self._stop_ahead()

    @event_priority(100)  # before any other plugin's on_page_context (Material's search reads the HTML there)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A page whose HTML was put off (see ``on_page_content``) gets it now, as its template is rendered."""
        if page.file.src_uri in self._deferred:
            page.content = self._page_html(page)
        return context

    @event_priority(-100)  # after the other plugins, which may still read the page's HTML
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Point Material's search at the plugin's worker; announce the Atom feeds; let a page's HTML go.

        The plugin's own pages also lose the indentation of Material's templates, and its scripts
        that have nothing to work on there.
        """
        src = page.file.src_uri
        if src in self._deferred:
            page.content = _DEFERRED  # written: nothing reads it again, and it need not stay in memory
        if self._makes(src):
            output = drop_idle_scripts(squeeze_indentation(output))
        if self.options.search == "chunked":
            output = use_worker(output)
        return with_feed_links(output, self.feeds, config.site_name, page.url)

    def _search_pages(self) -> list[SearchPage]:
        """The threads' search records, from the model; threads gone or changed are let go."""
        self.caches.records = search_pages(self.state, self.settings.render, self.caches.records)
        return list(self.caches.records.values())

    @event_priority(-100)  # after Material's search plugin has written search_index.json
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index and redirects; let go of cached work no page used; warn near the host's limits."""
        self._stop_ahead()
        if self.options.search == "chunked":
            start = time.perf_counter()
            items = write_index(Path(config.site_dir), self._search_pages())
            if items is not None:
                log.debug(f"search index: {items} items in {time.perf_counter() - start:.2f} s")
        self.caches.forget_unused()
        self.caches.search.finish()
        if self.options.redirects:
            urls = self.state.index.urls
            pages = [(t.path, t.source, urls[t.path]) for t in self.state.threads if t.source and t.path in urls]
            for problem in write_redirects(Path(config.site_dir), pages, self.site_files):
                log.warning(problem)
        # Last, when the site is complete; gh-deploy pushes only after the build has returned.
        for message in built_site_warnings(
            config.site_dir, self.options.host, self.command, site_features(self.options)
        ):
            log.warning(message)
