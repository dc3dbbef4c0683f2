"""Check thread files and the members file without building the site.

The checks are the build's own (the same loader, relater and renderer), so the
messages are the build's: ``threads/x.yml:12: posts[2].likes_total: ...``.
Errors stop a build; warnings only fail ``mkdocs build --strict``.
"""

from __future__ import annotations

import fnmatch
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from ..load.threads import parse_members, parse_thread
from ..model import Location, Member, Thread
from ..problems import Problem, ThreadFileError
from ..relate import relate
from ..render.body import BodyRenderer
from ..render.options import PageContext, RenderOptions
from ..render.thread import render_thread
from .siteconfig import SiteSettings


@dataclass
class CheckResult:
    """Messages found, as the build would print them."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    threads: int = 0

    def summary(self) -> str:
        """'3 thread files checked: 1 error, 2 warnings'."""

        def count(n: int, word: str) -> str:
            return f"{n} {word}{'s' if n != 1 else ''}"

        return f"{count(self.threads, 'thread file')} checked: {count(len(self.errors), 'error')}, " + count(
            len(self.warnings), "warning"
        )


def _matches(uri: str, patterns: list[str]) -> bool:
    name = posixpath.basename(uri)
    return any(fnmatch.fnmatchcase(uri if "/" in p else name, p.strip("/")) for p in patterns)


def _read(path: Path, uri: str) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = Problem(Location(uri, line), f"the file is not UTF-8 text ({exc.reason}); save it as UTF-8")
        raise ThreadFileError(problem) from None


def _files(docs: Path) -> list[str]:
    return sorted(
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs).parts)
    )


def check_docs(docs: Path, site: SiteSettings) -> CheckResult:
    """Load every thread file under ``docs`` as the plugin does; collect errors and warnings."""
    result = CheckResult()
    files = _files(docs)
    members_uri = site.members.strip("/")
    members: dict[str, Member] = {}
    if members_uri in files:
        try:
            members = parse_members(_read(docs / members_uri, members_uri), members_uri)
        except ThreadFileError as exc:
            result.errors.append(str(exc.problem))
    thread_uris = [
        uri
        for uri in files
        if uri.lower().endswith((".yml", ".yaml"))
        and uri != members_uri
        and _matches(uri, site.include)
        and not _matches(uri, site.exclude)
    ]
    existing = set(files)
    threads: list[Thread] = []
    for uri in thread_uris:
        result.threads += 1
        page = uri.rsplit(".", 1)[0] + ".md"
        if page in existing:
            clash = Problem(Location(uri, 1), f"'{page}' already exists; rename one of the two files")
            result.errors.append(str(clash))
            continue
        existing.add(page)
        try:
            threads.append(parse_thread(_read(docs / uri, uri), uri))
        except ThreadFileError as exc:
            result.errors.append(str(exc.problem))
    _relations, problems = relate(threads, set(thread_uris), 0)
    result.warnings.extend(str(p) for p in problems)
    bodies = BodyRenderer()
    options = RenderOptions(members=members)
    context = PageContext(resolve_link=lambda target: target if target in existing else None)
    for thread in threads:
        result.warnings.extend(str(p) for p in render_thread(thread, bodies, options, context).problems)
    return result
