"""``mkdocs-forum generate``: the wiki's generated pages written into docs/, for Zensical to build.

Zensical runs no plugins, so this adapter does what the MkDocs plugin does, with the
same core and without MkDocs: it reads the wiki's ``zensical.toml`` (the forum's
options under ``[project.extra.forum]``) or ``mkdocs.yml`` (under ``plugins: -
forum:``), lists docs/, loads and relates the threads (``load/wiki.py``), asks the
site plan which pages the wiki gets (``plan/``), renders them (``pages.py``) and
writes them into docs/. Only the output differs from a MkDocs build:

- links are written as paths of docs/ (``../threads/sleep.md#post-2``), which
  Zensical turns into page addresses, as it does for any written page;
- the HTML of thread and member pages is packed (``envelope.py``) and put back by
  the ``forum_pages`` Markdown extension, so no other extension sees a post;
- a file is written only when its content changed, so Zensical rebuilds just the
  pages whose content changed; files the last run wrote and this one does not are
  deleted. Nothing outside docs/ is written, and nothing the wiki wrote is replaced:
  a file is the command's only while it is exactly what it wrote (``written.py``).
"""

from __future__ import annotations

import collections.abc
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from ...ledger import crash_point, sha256
from ...link_index import LinkIndex
from ...load.files import digest_of
from ...load.site_config import SiteSettings, find_config, read_site
from ...load.wiki import DocsFile, LoadedWiki, load_wiki
from ...media_info import MEDIA_INDEX
from ...options import ForumOptions, forum_settings, read_options
from ...pages import PageMaker, SiteCaches
from ...pages_ahead import PagesAhead
from ...plan import PlannedPage, SitePlan, SiteShape, nav_order, output_path, page_url, plan_site
from ...plan.redirects import plan_redirects
from ...plan.site_plan import WORKER_URI
from ..written import Generated, changed_since
from .docs_folder import GenerateError, batches, docs_files, inside, on_disk, prune, write_page
from .envelope import pack
from .readiness import (
    ZensicalView,
    listed_in_nav,
    matcher,
    unguarded_tooltips,
    unreadable_tags,
    zensical_warnings,
)

BATCH = 500  # pages made, then recorded (one journal entry) and written, at a time
# Each generated file by docs path, and its content; a generator, so a run can stop it (``close``).
Made = collections.abc.Generator[tuple[str, bytes], None, None]
SHARE = 2  # a copy of this process makes one page in SHARE; this one makes the rest, and writes every page


@dataclass
class Report:
    """What one run did."""

    written: list[str] = field(default_factory=list)  # docs paths whose content changed
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # only while watching: broken files, shown as error pages
    made_ahead: int = 0  # pages a copy of this process made (``Generator._ahead``)
    parsed_ahead: int = 0  # thread files a copy of this process parsed (``load_wiki``)

    def summary(self) -> str:
        """'12 pages written, 40 unchanged, 1 deleted'."""
        return f"{len(self.written)} written, {self.unchanged} unchanged, {len(self.deleted)} deleted"


def _address(src: str) -> str:
    """A docs path as a link to it: Zensical decodes a link before it looks for the file.

    Percent-encoded, a file name with "#", "?", ";" or "%" in it stays one path.
    """
    return quote(src, safe="/")


def config_file(given: Path | None, folder: Path | None = None) -> Path:
    """The wiki's configuration: the one given, else ``zensical.toml`` or ``mkdocs.yml`` in ``folder``."""
    if given is not None:
        return given
    found = find_config(folder or Path.cwd())
    if found is None:
        raise GenerateError("no zensical.toml or mkdocs.yml here; name one with -f")
    return found


class Generator:
    """The generated pages of one wiki; kept between runs while watching, so unchanged pages are reused."""

    def __init__(self, config_file: Path, *, command: Literal["build", "serve"] = "build") -> None:
        """``command``: "serve" keeps going past broken thread files (they get an error page), as `mkdocs serve`."""
        self.config_file = config_file
        self.command = command
        # Kept across runs while watching ("serve"); a single run lets each page go once it is written.
        self.caches = SiteCaches(keep=command == "serve")
        self.docs: Path | None = None

    def _load(self) -> SiteSettings:
        try:
            site = read_site(self.config_file)
        except ValueError as exc:
            raise GenerateError(str(exc)) from None
        if not site.forum:
            where = "[project.extra.forum]" if site.toml else "plugins: - forum"
            raise GenerateError(f"{self.config_file} does not configure the forum ({where})")
        return site

    def _wiki(self, site: SiteSettings, report: Report) -> tuple[ForumOptions, LoadedWiki, list[DocsFile], PageMaker]:
        """The forum's options as the site sets them, and the wiki's thread and members files loaded with them."""
        options, problems = read_options(site.forum_options)
        if problems:
            where = "[project.extra.forum]" if site.toml else "the forum plugin's options"
            raise GenerateError("\n".join(f"{self.config_file}: {where}: {p}" for p in problems))
        tags_plugin = any(name in site.plugins for name in ("material/tags", "tags"))
        settings = forum_settings(options, tags_plugin=tags_plugin, language=site.language, site_url=site.site_url)
        self.caches.bodies.labels = settings.render.labels
        docs = site.docs_dir
        if not docs.is_dir():
            raise GenerateError(f"{self.config_file}: the docs folder '{docs}' does not exist")
        generated, changed = Generated.load(docs).ours()
        report.warnings.extend(changed_since(path) for path in changed)
        files = docs_files(docs, site, generated)  # a recorded file changed since is the wiki's
        wiki = load_wiki(files, options, settings, self.caches.parsed, self._copies(options))
        report.warnings.extend(wiki.warnings)
        report.parsed_ahead = wiki.parsed_ahead
        failures = [str(p) for p in wiki.failures]
        if failures and self.command != "serve":
            raise GenerateError("\n".join(failures))
        report.errors.extend(failures)
        order = tuple(nav_order(site.nav_value)) if site.nav else ()
        nav = frozenset(order) if site.nav else None
        shape = SiteShape(site.site_name, site.site_url, site.use_directory_urls, nav, order)
        key = digest_of(repr((site.site_url, site.use_directory_urls, repr(options), tags_plugin, site.language)))
        maker = PageMaker(self.caches, settings, key, options.structured_data, shape)
        return options, wiki, files, maker

    def pages(self, report: Report) -> tuple[Path, Made]:
        """The docs folder, and every generated file by docs path as it would be written, made one at a time.

        The run's messages go into ``report`` as the files are made.
        """
        site = self._load()
        options, wiki, files, maker = self._wiki(site, report)
        state, shape = wiki.state, maker.shape
        held = {f.src: f.src for f in files if f.published and f.src not in wiki.left_out}
        plan = plan_site(state, options, maker.settings.render, shape, held)
        report.warnings.extend([*map(str, state.problems), *plan.problems])
        made = [p for p in plan.pages if p.src != WORKER_URI]  # Zensical searches with its own index
        report.warnings.extend(zensical_warnings(self._view(site, wiki, files, plan), self.config_file.name))
        # Links as docs paths, which Zensical resolves; absolute links (structured data) as the site's addresses.
        index = state.link_index({src: _address(src) for src in [*held, *(p.src for p in plan.pages)]})
        site_urls = {_address(p.src): page_url(p.src, shape.directory_urls) for p in plan.pages}

        by_src = {page.src: page for page in made}

        def make(src: str) -> tuple[bytes, list[str]]:
            return self._content(maker, index, by_src[src], site_urls)

        def outputs() -> Made:
            ahead = self._ahead(list(by_src), make, options)
            try:
                for page in made:
                    got = ahead.take(page.src) if ahead is not None else None
                    data, warnings = got if got is not None else make(page.src)
                    report.warnings.extend(warnings)
                    yield page.src, data
            finally:
                if ahead is not None:
                    ahead.close()
                    report.made_ahead = ahead.taken
            if options.redirects:
                yield from self._redirects(wiki, held, plan, shape, report).items()
            self.caches.forget_unused()  # while watching, what no page used any more is let go

        return site.docs_dir, outputs()

    def _view(self, site: SiteSettings, wiki: LoadedWiki, files: list[DocsFile], plan: SitePlan) -> ZensicalView:
        """What a Zensical build of the wiki would get, as configured now."""
        state = wiki.state
        # As written: the MkDocs plugin adds its stylesheet to extra_css by itself, Zensical does not.
        tags = unreadable_tags(site.text) if not site.toml else []
        view = ZensicalView(tags, site.markdown_extensions, site.extra_css)
        view.unguarded_tooltips = unguarded_tooltips(site.features, site.extra_javascript)
        published = {f.src for f in files if f.published}
        sources = [*state.files, site.members.strip("/"), *sorted(state.hidden_avatars), MEDIA_INDEX]
        view.published_sources = [s for s in sources if s in published]
        if not site.nav:  # Zensical lists every page of docs/ but those not_in_nav names
            hidden = [p.src for p in plan.pages if not p.in_nav and p.src.endswith(".md")]
            view.listed_in_nav = listed_in_nav(hidden, matcher(site.not_in_nav) if site.not_in_nav else None)
        return view

    def _ahead(
        self, srcs: list[str], make: Callable[[str], tuple[bytes, list[str]]], options: ForumOptions
    ) -> PagesAhead[tuple[bytes, list[str]]] | None:
        """A copy of this process making every second page while this one makes the others and writes them all.

        Only for a single run (``pages_ahead.py``): while watching, the pages this process
        keeps for the next run must be the ones it made.
        """
        return PagesAhead.start(srcs[1::SHARE], make) if self._copies(options) else None

    def _copies(self, options: ForumOptions) -> bool:
        """Whether copies of this process may parse and make ahead: a single run, not one that keeps its caches."""
        return self.command == "build" and options.parallel

    def _content(
        self, maker: PageMaker, index: LinkIndex, page: PlannedPage, site_urls: dict[str, str]
    ) -> tuple[bytes, list[str]]:
        """A planned file's content for Zensical (thread and member pages packed, the rest as made) and its warnings."""
        warnings: list[str] = []
        if page.thread is not None:
            rendered = maker.thread(page.thread, index, _address(page.src), site_urls)
            warnings = [str(problem) for problem in rendered.problems]
            html = rendered.html
        elif page.activity is not None:
            html = maker.member(page.activity, index, _address(page.src))
        elif page.listing is not None:
            html = maker.section(page.listing, index, _address(page.src))
        else:
            return page.content, warnings
        return (page.text + pack(html)).encode("utf-8"), warnings

    def _redirects(
        self, wiki: LoadedWiki, held: dict[str, str], plan: SitePlan, shape: SiteShape, report: Report
    ) -> dict[str, bytes]:
        """The redirect pages from old forum addresses, as a MkDocs build makes them; Zensical copies them."""
        state = wiki.state
        addresses = {src: page_url(src, shape.directory_urls) for src in [*held, *(p.src for p in plan.pages)]}
        pages = [
            (t.path, t.source, addresses[state.files[t.path].page])
            for t in state.threads
            if t.source and state.files[t.path].page in addresses
        ]
        names = {tf.page: tf.path for tf in state.files.values()}
        site_files = {output_path(src, shape.directory_urls): names.get(src, src) for src in addresses}
        redirects, problems = plan_redirects(pages, site_files, lambda _path: None)
        report.warnings.extend(problems)
        return {r.path: r.html.encode("utf-8") for r in redirects}

    def run(self) -> Report:
        """Write the pages that changed, delete the ones no longer made, and record what is ours.

        Every page about to be written is recorded first (its digest, in the journal), so
        a run stopped at any point leaves nothing that a later run or build does not know.
        A file is replaced or deleted only while it is exactly what a run wrote; one that
        is already exactly what would be written is taken on as it is.
        """
        report = Report()
        docs, outputs = self.pages(report)
        self.docs = docs
        record = Generated.load(docs)
        kept: dict[str, str] = {}  # path: digest, the generated files once this run is done
        made: set[str] = set()
        # In batches, so that a run holds a batch of pages, not every page of the wiki; closed, a
        # run that fails midway stops the copy making pages ahead at once.
        with closing(outputs):
            for batch in batches(outputs, BATCH):
                changed: dict[str, bytes] = {}
                for path, data in batch:
                    made.add(path)
                    target = inside(docs, path)
                    current = on_disk(target)
                    if current == data:
                        kept[path] = sha256(data)
                        report.unchanged += 1
                    elif current is None or record.holds(path, current):
                        changed[path] = data
                    elif path not in record.paths():  # a recorded file changed since is reported by the plugin
                        report.warnings.append(
                            f"'{path}' is a file of docs/ that mkdocs-forum generate did not write; it is left alone"
                        )
                claims = {path: sha256(data) for path, data in changed.items()}
                record.claim(claims)
                crash_point("generate-claimed")
                for path, data in changed.items():
                    write_page(inside(docs, path), data)
                    kept[path] = claims[path]
                    report.written.append(path)
                    crash_point("generate-written")
        for path in sorted(record.paths() - made):
            target = inside(docs, path)
            current = on_disk(target)
            if current is not None and record.holds(path, current):
                target.unlink()
                report.deleted.append(path)
                prune(docs, target.parent)
        record.commit(kept)
        return report
