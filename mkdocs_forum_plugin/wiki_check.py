"""Check thread files and the members file without building the site.

The checks are the build's own (the same loader, relater and renderer), so the
messages are the build's: ``threads/x.yml:12: posts[2].likes_total: ...``.
Errors stop a build; warnings only fail ``mkdocs build --strict``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .build_state import ForumSettings, ThreadFile, assemble, page_path, parsed, refuse_unknown_notes
from .forget.record import RECORD_NAME, load_record
from .link_index import PageLinks
from .load.files import ParseCache, decode, is_thread_path
from .load.site_config import SiteSettings
from .load.threads import parse_members
from .model import Location, Member, Thread
from .options import content_notes, read_options
from .problems import Problem, ThreadFileError
from .render.body import BodyRenderer
from .render.options import RenderOptions
from .render.text import plural
from .render.thread import render_thread
from .reviews import review_notes
from .sources import redirect_path, redirect_problem


@dataclass
class CheckResult:
    """Messages found, as the build would print them."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    threads: int = 0
    reviews: list[str] = field(default_factory=list)  # threads whose review is due, or never reviewed: information
    posts: int = 0  # in the thread files that loaded
    authors: int = 0  # members who posted: each gets a page with member_pages: all
    expert_authors: int = 0

    def summary(self) -> str:
        """'3 thread files checked: 1 error, 2 warnings'."""
        checked = plural(self.threads, "thread file")
        return f"{checked} checked: {plural(len(self.errors), 'error')}, {plural(len(self.warnings), 'warning')}"


def docs_files(docs: Path) -> list[str]:
    """Every file of ``docs`` as a path relative to it, but those in dot folders or named with a dot first."""
    return sorted(
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs).parts)
    )


def check_files(docs: Path, site: SiteSettings, files: list[str], *, today: dt.date | None = None) -> CheckResult:
    """Load the thread files and members file among ``files`` (paths in ``docs``) as a build does.

    The errors and warnings are the build's own; ``files`` leaves out the pages
    ``mkdocs-forum generate`` wrote, which are no one's sources.
    ``today``: the day reviews are due against (default: the machine's date).
    """
    result = CheckResult()
    members_uri = site.members.strip("/")
    members: dict[str, Member] = {}
    if members_uri in files:
        try:
            members = parse_members(decode((docs / members_uri).read_bytes(), members_uri), members_uri)
        except ThreadFileError as exc:
            result.errors.append(str(exc.problem))
    existing = set(files)
    cache = ParseCache()
    options = read_options(site.forum_options)[0]  # wrong options are the build's to report
    notes = content_notes(options.content_notes)
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
        thread_file = refuse_unknown_notes(parsed(uri, cache.parse(uri, (docs / uri).read_bytes())), notes)
        if thread_file.problem is not None:
            result.errors.append(str(thread_file.problem))
        loaded.append(thread_file)
    experts = frozenset(role.casefold() for role in site.experts)
    render = RenderOptions(experts=experts, content_notes=notes, review_every=options.review_every)
    state = assemble(loaded, members, ForumSettings(render=render, related_max=0))
    result.posts = sum(len(thread.posts) for thread in state.threads)
    authors = {post.author: bool(post.expert) for thread in state.threads for post in thread.posts}
    result.authors, result.expert_authors = len(authors), sum(authors.values())
    result.warnings.extend(str(p) for p in state.problems)
    if site.redirects:
        result.warnings.extend(_redirect_problems(state.threads))
    # Every file of docs/ is at its own path: enough to tell which links point nowhere.
    index = state.link_index({path: path for path in existing})
    bodies = BodyRenderer()
    for thread in state.threads:
        links = PageLinks(index, state.files[thread.path].page)
        result.warnings.extend(str(p) for p in render_thread(thread, bodies, render, links).problems)
    day = today or dt.date.today()
    result.reviews.extend(map(str, review_notes(state.threads, state.has_expert, day, options.review_every)))
    result.warnings.extend(_forgotten_back(docs, state.threads, members))  # issue 22
    return result


# --- forgotten members (issue 22) ---
BACK = "a member forgotten at their request is back; run 'mkdocs-forum forget' with their name again"


def _forgotten_back(docs: Path, threads: list[Thread], members: dict[str, Member]) -> list[str]:
    """Where a member that ``mkdocs-forum forget`` took out is back (copied in by hand, say)."""
    try:
        forgotten = load_record(docs / RECORD_NAME)
    except ValueError as exc:
        return [str(exc)]
    if not forgotten.digests:
        return []
    found = [f"members file: {BACK}" for name in members if forgotten.has(name)]
    for thread in threads:
        for post in thread.shown_posts:
            if forgotten.has(post.author) or any(forgotten.has(name) for name in post.likes):
                line = post.body_location.line if post.body_location else 1
                found.append(f"{Location(thread.path, line, f'posts[{post.number}]')}: {BACK}")
    return found


def _redirect_problems(threads: list[Thread]) -> list[str]:
    """The redirects a build could not write whatever the site holds: old addresses no file can have."""
    problems = []
    for thread in threads:
        target = redirect_path(thread.source) if thread.source else None
        problem = redirect_problem(target) if target else None
        if problem is not None:
            problems.append(f"{thread.path}: no redirect from '{thread.source}': {problem}")
    return problems
