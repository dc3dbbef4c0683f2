"""The ``forum`` MkDocs plugin: each event handler hands its work to the core or to this adapter's helpers.

- ``on_files``: load the thread files and the members file, assemble the build's
  state (``build_state.py``), add the generated pages, and make the link index.
- ``on_page_content``: render each thread and member page (``page_cache.py`` keeps
  unchanged ones while serving).
- ``on_post_page`` / ``on_post_build``: feed links in each page's head and the
  search worker in its ``__config``; the search index (``search/``), redirects.

How a problem is reported is decided here: a warning, the error page shown while
serving, or a failed build.
"""

from __future__ import annotations

import posixpath
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ...build_state import BuildState, ForumSettings, ThreadFile, assemble, parsed
from ...link_index import LinkIndex, PageLinks
from ...load.files import ParseCache, decode, digest_of, is_thread_path
from ...load.threads import parse_members
from ...model import Location, Member, Post
from ...problems import Problem, ThreadFileError
from ...render.body import BodyRenderer
from ...render.excerpt import html_text
from ...render.jsonld import discussion_posting, jsonld_script
from ...render.members import Activity, member_page_html
from ...render.page_meta import broken_html, broken_markdown, thread_markdown
from ...render.text import escape_attr
from ...render.thread import render_thread
from ...search_records import SearchPage, thread_page
from ..written import Generated
from .addresses import Addresses
from .config import ForumConfig, forum_settings, site_language
from .generated import SiteFacts, add_feeds, add_members, add_sections
from .page_cache import CachedPage, PageCache
from .page_types import RenderedPage
from .redirects import write_redirects
from .search import use_worker, worker_file, write_index
from .search_cache import SearchEntryCache

log = get_plugin_logger(__name__)


def _readable(file: File) -> bool:
    """Whether a file of docs/ can be a thread file: in the site, or left out of it by exclude_docs."""
    return file.inclusion.is_included() or file.inclusion is InclusionLevel.EXCLUDED


CSS_URI = "assets/forum/forum.css"
SCHEMA_DIR = "assets/forum"  # thread.schema.json and members.schema.json


@dataclass
class SiteCaches:
    """What one site keeps between `mkdocs serve` rebuilds; each site in a process has its own."""

    parsed: ParseCache = field(default_factory=ParseCache)
    bodies: BodyRenderer = field(default_factory=BodyRenderer)
    pages: PageCache = field(default_factory=PageCache)
    search: SearchEntryCache = field(default_factory=SearchEntryCache)
    # Each thread's search records, by what they are made from: remade only for threads that changed.
    records: dict[tuple[str, str, tuple[str, ...]], SearchPage] = field(default_factory=dict)


class ForumPlugin(BasePlugin[ForumConfig]):
    """``forum``: thread files in docs/ become knowledge-base pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        # MkDocs keeps one plugin object per process: everything per site lives in its caches.
        self.sites: dict[str, SiteCaches] = {}
        self.caches = SiteCaches()
        self.settings = ForumSettings()
        self.state = BuildState(self.settings, {}, {})
        self.member_pages: dict[str, Activity] = {}  # by src_uri
        self.thread_pages: dict[str, ThreadFile] = {}  # by the src_uri of their page
        self.feeds: dict[str | None, str] = {}
        self.site_files: dict[str, str] = {}  # every output path of this build -> its docs file
        self._settings_key = ""
        self._site_base = ""  # site_url ending in '/', or empty

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
        """Pick this site's caches, read the options, and add the plugin's stylesheet."""
        self.caches = self.sites.setdefault(f"{config.config_file_path}|{config.docs_dir}", SiteCaches())
        tags_plugin = any(name in config.plugins for name in ("material/tags", "tags"))
        language = site_language(config.theme)
        self.settings = forum_settings(self.config, tags_plugin=tags_plugin, language=language)
        self.caches.bodies.labels = self.settings.render.labels
        options = (config.site_url, config.use_directory_urls, sorted(self.config.items()), tags_plugin, language)
        self._settings_key = digest_of(repr(options))
        self._site_base = SiteFacts(config, self.config).base
        offline = any(name in config.plugins for name in ("material/offline", "offline"))
        if offline and self.config.search == "chunked":
            log.warning("search: chunked does not work from disk (file://); use search: material with 'offline'")
        if CSS_URI not in config.extra_css:
            config.extra_css.insert(0, CSS_URI)  # first, so that a wiki's own stylesheets override ours
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

    def _load_members(self, files: Files) -> dict[str, Member]:
        name = self.config.members.strip("/")
        file = files.get_file_from_path(name)
        if file is None:
            if name != ForumConfig.members.default:
                log.warning(f"members file '{name}' not found in docs/")
            return {}
        files.remove(file)
        try:
            members = parse_members(decode(file.content_bytes, file.src_uri), file.src_uri)
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

    def _load_threads(self, files: Files) -> tuple[list[ThreadFile], dict[str, File]]:
        """Parse every thread file (unchanged ones come from the cache) and take it out of the site."""
        loaded: list[ThreadFile] = []
        sources: dict[str, File] = {}
        failures: list[Problem] = []
        # Thread files are read even where exclude_docs names them: listing them there keeps
        # Zensical from publishing the YAML, and the plugin's own `exclude` leaves a thread out.
        chosen = [f for f in files if _readable(f) and is_thread_path(f.src_uri, *self._globs)]
        for file in chosen:
            files.remove(file)
        for file in chosen:
            thread_file = parsed(file.src_uri, self.caches.parsed.parse(file.src_uri, file.content_bytes))
            if files.get_file_from_path(thread_file.page) is not None or thread_file.page in sources:
                # Keep the existing page; the thread file gets no page until it is renamed.
                message = f"'{thread_file.page}' already exists; rename one of the two files"
                failures.append(Problem(Location(file.src_uri, 1), message))
                continue
            if thread_file.problem is not None:
                failures.append(thread_file.problem)
            loaded.append(thread_file)
            sources[thread_file.page] = file
        self._fail_or_log(failures)
        return loaded, sources

    @property
    def _globs(self) -> tuple[list[str], list[str]]:
        return self.config.include, self.config.exclude

    def _add_thread_pages(self, files: Files, config: MkDocsConfig, sources: dict[str, File]) -> None:
        """A generated page per thread file, whose front matter carries the (pseudonymized) metadata."""
        for thread_file in self.state.files.values():
            thread = thread_file.thread
            content = thread_markdown(thread) if thread else broken_markdown(posixpath.basename(thread_file.path))
            page = File.generated(config, thread_file.page, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            source = sources[thread_file.page]
            page.abs_src_path = source.abs_src_path  # for plugins that read a page's source, e.g. its git dates
            page.edit_uri = source.edit_uri  # "Edit this page" opens the YAML file
            RenderedPage(None, page, config)
            files.append(page)

    @staticmethod
    def _leave_out_generated(files: Files, docs: Path) -> None:
        """Leave out the pages `mkdocs-forum generate` wrote for Zensical, while they are exactly as it wrote them.

        One changed since (an editor's page at that path) is the wiki's own: it is built.
        """
        ours, changed = Generated.load(docs).ours()
        for path in ours:
            generated = files.get_file_from_path(path)
            if generated is not None:
                files.remove(generated)
        for path in changed:
            log.warning(
                f"'{path}' has been changed since mkdocs-forum generate wrote it, so it is now a page of the "
                "wiki: it is built, and generate leaves it alone (delete it to have it made again)"
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and relate the threads, add their pages and the generated ones, and index every address."""
        self._leave_out_generated(files, Path(config.docs_dir))
        members = self._load_members(files)
        loaded, sources = self._load_threads(files)
        self.state = state = assemble(loaded, members, self.settings)
        for path in state.hidden_avatars:  # a picture's file name is often its member's name
            picture = files.get_file_from_path(path)
            if picture is not None:
                files.remove(picture)
        self._add_thread_pages(files, config, sources)
        addresses = Addresses(files, {f.page: f.path for f in state.files.values()})
        site = SiteFacts(config, self.config, self.settings.render)
        if self.config.sections:
            add_sections(files, site, state, addresses)
        self.member_pages = add_members(files, site, state, addresses)
        for src in self.member_pages:
            RenderedPage(None, files.get_file_from_path(src), config)  # type: ignore[arg-type]
        self.feeds = add_feeds(files, site, state, addresses)
        for problem in [*map(str, state.problems), *addresses.problems]:
            log.warning(problem)
        package = resources.files("mkdocs_forum_plugin")
        files.append(File.generated(config, CSS_URI, content=package.joinpath("assets/forum.css").read_bytes()))
        for name in ("thread", "members"):
            schema = package.joinpath(f"assets/{name}.schema.json").read_bytes()
            files.append(File.generated(config, f"{SCHEMA_DIR}/{name}.schema.json", content=schema))
        if self.config.search == "chunked":
            files.append(worker_file(config))
        state.link_index({f.src_uri: f.url for f in files})
        self.thread_pages = {f.page: f for f in state.files.values()}
        self.site_files = {f.dest_uri: getattr(self.thread_pages.get(f.src_uri), "path", f.src_uri) for f in files}
        return files

    # -- pages -----------------------------------------------------------------------------

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Thread and member pages get the plugin's HTML instead of their (empty) Markdown's."""
        src = page.file.src_uri
        activity = self.member_pages.get(src)
        if activity is not None:
            links = PageLinks(self.state.index, page.url)
            render = self.settings.render
            return member_page_html(activity, links, render.expert_label, render.labels)
        thread_file = self.thread_pages.get(src)
        if thread_file is None:
            return html
        if thread_file.thread is None:
            assert thread_file.problem is not None
            return broken_html(posixpath.basename(thread_file.path), thread_file.problem, self.settings.render.labels)
        if self.config.search == "chunked":  # indexed from the model in on_post_build, not from this HTML
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        rendered = self.thread_html(thread_file, self.state.index, page.url)
        for problem in rendered.problems:
            log.warning(str(problem))
        # MkDocs checks links to anchors against the ids of the page's Markdown; ours come from here.
        numbers = range(1, len(thread_file.thread.posts) + 1)
        page.present_anchor_ids = {"forum-related-title", *(f"post-{n}" for n in numbers)}
        page.present_anchor_ids.update(f"post-{n}-author" for n in numbers)
        return rendered.html

    def thread_html(
        self, thread_file: ThreadFile, index: LinkIndex, page_url: str, site_urls: Mapping[str, str] | None = None
    ) -> CachedPage:
        """A thread page from the cache when nothing it used changed, else freshly rendered.

        ``index`` answers the page's links as seen from ``page_url``. ``site_urls`` turns
        the index's addresses into the site's, for absolute links (structured data), when
        they differ: the Zensical pages link by docs path (``adapters/zensical``).
        """
        # The thread as it will be shown, not its file's text: pseudonyms depend on every
        # thread's names, so the same file can show differently after another file changes.
        key = (thread_file.shown_digest, page_url, self._settings_key)
        cached = self.caches.pages.get(thread_file.path, key, index, page_url)
        if cached is not None:
            return cached
        thread = thread_file.thread
        assert thread is not None
        links = PageLinks(index, page_url)
        rendered = render_thread(thread, self.caches.bodies, self.settings.render, links)
        html = rendered.html
        if self.config.structured_data:
            site, known = self._site_base, site_urls or {}
            authors = {post.author for post in thread.posts}
            urls = {n: site + known.get(url, url) for n in authors if (url := links.member_address(n)) is not None}
            texts = [html_text(self.caches.bodies.render(p.body, len(thread.posts)).html) for p in thread.posts]
            language = self.settings.render.labels.language
            address = site + known.get(page_url, page_url)
            html += jsonld_script(discussion_posting(thread, address, urls, texts, language))
        fresh = CachedPage(key, links.answers, html, rendered.problems)
        self.caches.pages.put(thread_file.path, fresh)
        return fresh

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Point Material's search at the plugin's worker; announce the Atom feeds in the page's head."""
        if self.config.search == "chunked":
            output = use_worker(output)
        if not self.feeds or "</head>" not in output:
            return output
        links = []
        for name, path in self.feeds.items():
            title = config.site_name if name is None else f"{config.site_name}: {name}"
            href = get_relative_url(path, page.url)
            attrs = f'title="{escape_attr(title)}" href="{escape_attr(href)}"'
            # "alternate feed", not "alternate" alone: Material's JavaScript takes every
            # link[rel=alternate] for another language of the site and downloads the
            # sitemap.xml next to it on every page, which grows with the wiki. Feed readers
            # and browsers look for the "alternate" keyword among the rel values.
            links.append(f'<link rel="alternate feed" type="application/atom+xml" {attrs}>')
        return output.replace("</head>", "".join(links) + "</head>", 1)

    def _search_pages(self) -> list[SearchPage]:
        """The threads' search records, from the model."""
        label = self.settings.render.expert_label  # the wiki's, else the language's
        urls = self.state.index.urls

        def author_title(post: Post) -> str:
            return f"{post.author} · {label}" if self.state.is_expert(post) else post.author

        kept = self.caches.records
        fresh: dict[tuple[str, str, tuple[str, ...]], SearchPage] = {}
        for thread_file in self.state.files.values():
            thread = thread_file.thread
            if thread is not None and thread.path in urls:
                titles = tuple(author_title(p) for p in thread.posts)
                key = (thread_file.shown_digest, urls[thread.path], titles)
                fresh[key] = kept.get(key) or thread_page(thread, urls[thread.path], author_title)
        self.caches.records = fresh  # threads gone or changed are let go
        return list(fresh.values())

    @event_priority(-100)  # after Material's search plugin has written search_index.json
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index and redirects from old forum addresses; let go of cached work no page used."""
        if self.config.search == "chunked":
            start = time.perf_counter()
            items = write_index(Path(config.site_dir), self._search_pages())
            if items is not None:
                log.debug(f"search index: {items} items in {time.perf_counter() - start:.2f} s")
        self.caches.bodies.forget_unused()
        self.caches.parsed.forget_unused()
        self.caches.pages.forget_unused()
        self.caches.search.finish()
        if self.config.redirects:
            urls = self.state.index.urls
            pages = [(t.path, t.source, urls[t.path]) for t in self.state.threads if t.source and t.path in urls]
            for problem in write_redirects(Path(config.site_dir), pages, self.site_files):
                log.warning(problem)
