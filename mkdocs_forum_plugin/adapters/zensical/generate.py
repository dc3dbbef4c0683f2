"""``mkdocs-forum generate``: the wiki's generated pages written into docs/, for Zensical to build.

The pages are planned by the ``forum`` plugin itself, from the same ``mkdocs.yml``
read by MkDocs' own loader: the same options and checks, the same addresses, the
same thread, section and member pages and feeds. Only the output differs:

- links are written as paths of docs/ (``../threads/sleep.md#post-2``), which
  Zensical turns into page addresses, as it does for any written page;
- the HTML of thread and member pages is packed (``envelope.py``) and put back by
  the ``forum_pages`` Markdown extension, so no other extension sees a post;
- a file is written only when its content changed, so Zensical rebuilds just the
  pages whose content changed; files the last run wrote and this one does not are
  deleted. Nothing outside docs/ is written, and nothing the wiki wrote is replaced.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files

from ...file_names import fit_name
from ...link_index import LinkIndex, PageLinks
from ...render.members import member_page_html
from ...render.page_meta import broken_html
from ..mkdocs.plugin import ForumPlugin, SiteCaches
from ..mkdocs.redirects import write_redirects
from ..mkdocs.search import WORKER_URI
from ..written import record, written
from .envelope import pack
from .readiness import ZensicalView, listed_in_nav, unreadable_tags, zensical_warnings


class GenerateError(Exception):
    """The pages cannot be made: the message says why (a broken thread file, a bad mkdocs.yml)."""


@dataclass
class Report:
    """What one run did."""

    written: list[str] = field(default_factory=list)  # docs paths whose content changed
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # only while watching: broken files, shown as error pages

    def summary(self) -> str:
        """'12 pages written, 40 unchanged, 1 deleted'."""
        return f"{len(self.written)} written, {self.unchanged} unchanged, {len(self.deleted)} deleted"


class _Collect(logging.Handler):
    """The plugin's warnings and errors of one run, as MkDocs would print them."""

    def __init__(self, report: Report) -> None:
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        (self.report.errors if record.levelno >= logging.ERROR else self.report.warnings).append(message)


def _inside(docs: Path, path: str) -> Path:
    """``docs/path``, refused if it would leave docs/ (MkDocs' paths never do; this makes sure)."""
    target = (docs / path).resolve()
    if not target.is_relative_to(docs.resolve()):
        raise GenerateError(f"refusing to write '{path}' outside {docs}")
    return target


def _write(target: Path, data: bytes) -> None:
    """Replace the file in one step, so a running `zensical serve` never reads half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(fit_name(f".{target.name}.forum-tmp"))  # a name that fits is longer still
    temporary.write_bytes(data)
    temporary.replace(target)


def _prune(docs: Path, folder: Path) -> None:
    """Remove folders left empty by deleted pages, up to docs/."""
    root = docs.resolve()
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _zensical_index(plugin: ForumPlugin, files: Files) -> LinkIndex:
    """The build's link index with every address written as a docs path, which Zensical resolves."""
    paths = {f.src_uri: f.src_uri for f in files}
    paths.update({tf.path: tf.page for tf in plugin.state.files.values() if tf.page in paths})
    return replace(plugin.state.index, urls=paths)


def _content(plugin: ForumPlugin, file: File, index: LinkIndex, site_urls: dict[str, str], report: Report) -> bytes:
    """A generated file's content as Zensical gets it: thread and member pages packed, the rest as made."""
    thread_file = plugin.thread_pages.get(file.src_uri)
    activity = plugin.member_pages.get(file.src_uri)
    render = plugin.settings.render
    if thread_file is not None:
        if thread_file.thread is None:
            assert thread_file.problem is not None
            html = broken_html(Path(thread_file.path).name, thread_file.problem, render.labels)
        else:
            page = plugin.thread_html(thread_file, index, thread_file.page, site_urls)
            report.warnings.extend(str(problem) for problem in page.problems)
            html = page.html
    elif activity is not None:
        html = member_page_html(activity, PageLinks(index, file.src_uri), render.expert_label, render.labels)
    else:
        return file.content_bytes
    return (file.content_string + pack(html)).encode("utf-8")


def _redirects(plugin: ForumPlugin, report: Report) -> dict[str, bytes]:
    """The redirect pages from old forum addresses, made as MkDocs' build makes them; Zensical copies them."""
    urls = plugin.state.index.urls
    pages = [(t.path, t.source, urls[t.path]) for t in plugin.state.threads if t.source and t.path in urls]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        report.warnings.extend(write_redirects(root, pages, plugin.site_files))
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


class Generator:
    """The generated pages of one wiki; kept between runs while watching, so unchanged pages are reused."""

    def __init__(self, config_file: Path, *, command: Literal["build", "serve"] = "build") -> None:
        """``command``: "serve" keeps going past broken thread files (they get an error page), as `mkdocs serve`."""
        self.config_file = config_file
        self.command = command
        self.sites: dict[str, SiteCaches] = {}  # the plugin's caches, kept across runs
        self.docs: Path | None = None

    def _load(self) -> tuple[MkDocsConfig, ForumPlugin, ZensicalView]:
        try:
            text = self.config_file.read_text(encoding="utf-8")
            config = load_config(config_file=str(self.config_file))
        except (ConfigurationError, OSError, UnicodeDecodeError) as exc:
            raise GenerateError(f"{self.config_file}: {exc}") from None
        # As written: the plugin adds its stylesheet to MkDocs' extra_css by itself, Zensical does not.
        view = ZensicalView(unreadable_tags(text), list(config.markdown_extensions), [str(c) for c in config.extra_css])
        plugin = config.plugins.get("forum")
        if not isinstance(plugin, ForumPlugin):
            raise GenerateError(f"{self.config_file} does not use the forum plugin (plugins: - forum)")
        plugin.sites = self.sites
        # Only the forum plugin runs, as MkDocs would run it (MkDocs names the plugin that makes a file).
        config.plugins._current_plugin = "forum"
        plugin.on_startup(command=self.command, dirty=False)
        plugin.on_config(config)
        return config, plugin, view

    def pages(self) -> tuple[Path, dict[str, bytes], Report]:
        """Every generated file by docs path, as it would be written, and the run's messages."""
        report = Report()
        collect = _Collect(report)
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        try:
            config, plugin, view = self._load()
            docs = Path(config.docs_dir)
            files = get_files(config)
            own = {f.src_uri for f in files} - written(docs)
            excluded = {f.src_uri for f in files if f.inclusion is InclusionLevel.EXCLUDED}
            try:
                files = plugin.on_files(files, config=config)
            except PluginError as exc:
                raise GenerateError(str(exc)) from None
            state = plugin.state
            sources = [*state.files, plugin.config.members.strip("/"), *sorted(state.hidden_avatars)]
            view.published_sources = [s for s in sources if s in own and s not in excluded]
            made = [f for f in files if f.src_uri not in own and f.src_uri != WORKER_URI]
            if config.nav is None:  # Zensical lists every page of docs/ but those not_in_nav names
                hidden = [f.src_uri for f in made if f.inclusion is InclusionLevel.NOT_IN_NAV]
                view.listed_in_nav = listed_in_nav(hidden, config.not_in_nav)
            report.warnings.extend(zensical_warnings(view, self.config_file.name))
            index = _zensical_index(plugin, files)
            site_urls = {f.src_uri: f.url for f in files}  # the pages' addresses, for absolute links
            outputs = {file.src_uri: _content(plugin, file, index, site_urls, report) for file in made}
            if plugin.config.redirects:
                outputs.update(_redirects(plugin, report))
            for cache in (plugin.caches.bodies, plugin.caches.parsed, plugin.caches.pages):
                cache.forget_unused()  # while watching, what no page used any more is let go
        finally:
            logger.removeHandler(collect)
        return docs, outputs, report

    def run(self) -> Report:
        """Write the pages that changed, delete the ones no longer made, and record the list."""
        docs, outputs, report = self.pages()
        self.docs = docs
        before = written(docs)
        ours: list[str] = []
        for path, data in outputs.items():
            target = _inside(docs, path)
            if path not in before and target.exists():
                report.warnings.append(
                    f"'{path}' is a file of docs/ that mkdocs-forum generate did not write; it is left alone"
                )
                continue
            ours.append(path)
            if target.is_file() and target.read_bytes() == data:
                report.unchanged += 1
                continue
            _write(target, data)
            report.written.append(path)
        for path in sorted(before - set(outputs)):
            target = _inside(docs, path)
            if target.is_file():
                target.unlink()
                report.deleted.append(path)
                _prune(docs, target.parent)
        record(docs, ours)
        return report
