"""Check thread files and the members file without building the site.

The checks are the build's own (the same loader, relater and renderer), so the
messages are the build's: ``threads/x.yml:12: posts[2].likes_total: ...``.
Errors stop a build; warnings only fail ``mkdocs build --strict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..adapters.written import Generated
from ..adapters.zensical.readiness import (
    EXTENSION,
    ZensicalView,
    excluded,
    listed_in_nav,
    matcher,
    stale_pages,
    unguarded_tooltips,
    unreadable_tags,
    zensical_warnings,
)
from ..build_state import ForumSettings, ThreadFile, assemble, page_path, parsed
from ..link_index import PageLinks
from ..load.files import ParseCache, decode, is_thread_path
from ..load.site_config import SiteSettings
from ..load.threads import parse_members
from ..model import Location, Member, Thread
from ..problems import Problem, ThreadFileError
from ..render.body import BodyRenderer
from ..render.options import RenderOptions
from ..render.text import plural
from ..render.thread import render_thread
from ..sources import redirect_path, redirect_problem


@dataclass
class CheckResult:
    """Messages found, as the build would print them."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    threads: int = 0

    def summary(self) -> str:
        """'3 thread files checked: 1 error, 2 warnings'."""
        checked = plural(self.threads, "thread file")
        return f"{checked} checked: {plural(len(self.errors), 'error')}, {plural(len(self.warnings), 'warning')}"


def _files(docs: Path) -> list[str]:
    return sorted(
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs).parts)
    )


def check_docs(docs: Path, site: SiteSettings, *, zensical: bool | None = None) -> CheckResult:
    """Load every thread file under ``docs`` as the plugin does; collect errors and warnings.

    ``zensical``: also say what a Zensical build of the wiki, as configured, would lose or
    leak. None (the default) says it only for a wiki set up for Zensical: ``forum_pages``
    in ``markdown_extensions``, or pages that ``mkdocs-forum generate`` wrote.
    """
    result = CheckResult()
    generated = Generated.load(docs)
    ours = generated.ours()[0]
    files = sorted(set(_files(docs)) - ours)  # not the pages `mkdocs-forum generate` wrote
    members_uri = site.members.strip("/")
    members: dict[str, Member] = {}
    if members_uri in files:
        try:
            members = parse_members(decode((docs / members_uri).read_bytes(), members_uri), members_uri)
        except ThreadFileError as exc:
            result.errors.append(str(exc.problem))
    existing = set(files)
    cache = ParseCache()
    loaded: list[ThreadFile] = []
    for uri in files:
        if uri == members_uri or not is_thread_path(uri, site.include, site.exclude):
            continue
        result.threads += 1
        page = page_path(uri)
        if page in existing:
            clash = Problem(Location(uri, 1), f"'{page}' already exists; rename one of the two files")
            result.errors.append(str(clash))
            continue
        existing.add(page)
        thread_file = parsed(uri, cache.parse(uri, (docs / uri).read_bytes()))
        if thread_file.problem is not None:
            result.errors.append(str(thread_file.problem))
        loaded.append(thread_file)
    render = RenderOptions(experts=frozenset(role.casefold() for role in site.experts))
    state = assemble(loaded, members, ForumSettings(render=render, related_max=0))
    result.warnings.extend(str(p) for p in state.problems)
    if site.redirects:
        result.warnings.extend(_redirect_problems(state.threads))
    # Every file of docs/ is at its own path: enough to tell which links point nowhere.
    index = state.link_index({path: path for path in existing})
    bodies = BodyRenderer()
    for thread in state.threads:
        links = PageLinks(index, state.files[thread.path].page)
        result.warnings.extend(str(p) for p in render_thread(thread, bodies, render, links).problems)
    if zensical is not False and site.forum:
        settings = zensical is True or EXTENSION in site.markdown_extensions or generated.ran
        result.warnings.extend(_zensical(docs, site, files, generated, ours, settings=settings))
    return result


def _redirect_problems(threads: list[Thread]) -> list[str]:
    """The redirects a build could not write whatever the site holds: old addresses no file can have."""
    problems = []
    for thread in threads:
        target = redirect_path(thread.source) if thread.source else None
        problem = redirect_problem(target) if target else None
        if problem is not None:
            problems.append(f"{thread.path}: no redirect from '{thread.source}': {problem}")
    return problems


def _zensical(
    docs: Path, site: SiteSettings, files: list[str], generated: Generated, ours: set[str], *, settings: bool
) -> list[str]:
    """What a Zensical build of this wiki, configured as it is now, would lose or leak.

    ``settings``: check the settings Zensical needs too. Pages are said to be missing only
    where generate has written pages before: a fresh clone has none, and is built with
    MkDocs, or by ``zensical build`` after ``generate``.
    """
    members = site.members.strip("/")
    threads = [f for f in files if f != members and is_thread_path(f, site.include, site.exclude)]
    skip = excluded(site.exclude_docs)
    sources = [f for f in [*threads, members] if f in files and not skip.match_file(f)]
    view = ZensicalView(
        unreadable_tags=unreadable_tags(site.text),
        extensions=site.markdown_extensions,
        extra_css=site.extra_css,
        unguarded_tooltips=unguarded_tooltips(site.features, site.extra_javascript),
        published_sources=sources,
        missing_pages=stale_pages(docs, threads, members, ours) if generated.ran else [],
    )
    if not site.nav:  # thread pages are out of MkDocs' navigation; Zensical lists them unless not_in_nav says
        view.listed_in_nav = listed_in_nav([page_path(t) for t in threads], matcher(site.not_in_nav))
    return zensical_warnings(view, settings=settings)
