"""What a wiki would lose, or leak, if Zensical built it as it is configured now.

Zensical reads the same ``mkdocs.yml`` but runs no plugins, so it builds no page
that the ``forum`` plugin makes, and it copies every other file of docs/ into the
site: thread files and the members file too (real names included), unless
``exclude_docs`` names them. ``mkdocs-forum check`` and ``mkdocs-forum generate``
both report these, each as one warning that says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pathspec
import yaml

from ...build_state import page_path
from ...load.files import is_thread_path
from ...load.site_config import SiteSettings
from ...render.text import plural
from ..written import GITIGNORE, RECORD

EXTENSION = "forum_pages"
CSS = "assets/forum/forum.css"
TOOLTIPS = "assets/forum/tooltips.js"
_ZENSICAL_TAGS = {"!ENV"}  # the one custom tag Zensical's loader knows; `!!python/...` tags are standard


@dataclass
class ZensicalView:
    """The facts that decide what a Zensical build of the wiki gets."""

    unreadable_tags: list[tuple[str, int]] = field(default_factory=list)  # (tag, line of mkdocs.yml)
    extensions: list[str] = field(default_factory=list)  # markdown_extensions, by name
    extra_css: list[str] = field(default_factory=list)
    # Only with content.tooltips: the theme's tooltips insert titles as HTML (tooltips.js).
    unguarded_tooltips: bool = False
    published_sources: list[str] = field(default_factory=list)  # files Zensical would copy as they are
    missing_pages: list[str] = field(default_factory=list)  # thread files without a current page
    # Pages MkDocs keeps out of the navigation that Zensical would list on every page (no nav: setting).
    listed_in_nav: list[str] = field(default_factory=list)


def unreadable_tags(text: str) -> list[tuple[str, int]]:
    """The YAML tags of ``text`` that Zensical's loader rejects (``!relative``), with their lines."""
    found: list[tuple[str, int]] = []
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            tag = getattr(event, "tag", None)
            if isinstance(tag, str) and tag.startswith("!") and tag not in _ZENSICAL_TAGS:
                line = event.start_mark.line + 1 if event.start_mark is not None else 0
                found.append((tag, line))
    except yaml.YAMLError:
        return found  # MkDocs reports a broken mkdocs.yml itself
    return found


def excluded(patterns: str | None) -> pathspec.GitIgnoreSpec:
    """The files ``exclude_docs`` leaves out, with MkDocs' own defaults (dot files, /templates/)."""
    return matcher(".*\n/templates/\n" + (patterns or ""))


def matcher(patterns: str) -> pathspec.GitIgnoreSpec:
    """gitignore-style patterns, as MkDocs and Zensical read ``exclude_docs`` and ``not_in_nav``."""
    return pathspec.GitIgnoreSpec.from_lines(patterns.splitlines())


def listed_in_nav(pages: list[str], not_in_nav: pathspec.GitIgnoreSpec | None) -> list[str]:
    """Of the pages MkDocs keeps out of the navigation, those Zensical would list (a wiki without ``nav:``)."""
    return [page for page in pages if not (not_in_nav and not_in_nav.match_file(page))]


def _some(paths: list[str]) -> str:
    shown = ", ".join(f"'{p}'" for p in paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def zensical_warnings(view: ZensicalView, config_name: str = "mkdocs.yml", *, settings: bool = True) -> list[str]:
    """One warning per thing a Zensical build would lose or leak, each saying what to do.

    ``settings``: False says only which pages are missing, for a wiki not set up for Zensical.
    """
    warnings = []
    if view.missing_pages:
        warnings.append(
            f"Zensical would build {plural(len(view.missing_pages), 'thread file')} without their current page "
            f"({_some(view.missing_pages)}); run 'mkdocs-forum generate' before 'zensical build'"
        )
    if not settings:
        return warnings
    warnings[:0] = [
        f"{config_name}:{line}: Zensical cannot read the tag {tag}; write the value without it"
        for tag, line in view.unreadable_tags
    ]
    if EXTENSION not in view.extensions:
        warnings.append(
            f"{config_name}: Zensical would show thread and member pages empty; "
            f"add '{EXTENSION}' to markdown_extensions"
        )
    if CSS not in view.extra_css:
        warnings.append(f"{config_name}: Zensical pages would lack the forum's styles; add '{CSS}' first in extra_css")
    if view.unguarded_tooltips:
        warnings.append(
            f"{config_name}: with content.tooltips, Zensical shows titles as HTML, so a member's title "
            f"could run script; add '{TOOLTIPS}' to extra_javascript"
        )
    if view.listed_in_nav:
        folders = sorted({"/" + p.rsplit("/", 1)[0] + "/" if "/" in p else "/" + p for p in view.listed_in_nav})
        warnings.append(
            f"{config_name}: Zensical would list {plural(len(view.listed_in_nav), 'generated page')} "
            f"in the navigation of every page ({_some(view.listed_in_nav)}), which grows each page with the wiki; "
            f"add them to not_in_nav, such as {', '.join(repr(f) for f in folders[:3])}"
        )
    if view.published_sources:
        warnings.append(
            f"Zensical would publish {plural(len(view.published_sources), 'file')} of the forum as they are, "
            f"real names included ({_some(view.published_sources)}); "
            f"add them to exclude_docs in {config_name}, such as '*.yml'"
        )
    return warnings


def unguarded_tooltips(features: list[str], scripts: list[str]) -> bool:
    """Whether the theme's tooltips are on (``content.tooltips``) without the forum's guard among the scripts."""
    return "content.tooltips" in features and TOOLTIPS not in scripts


def stale_pages(docs: Path, threads: list[str], members: str, pages: set[str]) -> list[str]:
    """Thread files whose page `mkdocs-forum generate` has not written, or wrote before the file changed.

    ``pages``: the files the last run wrote that are still as it wrote them (``written.py``).
    Its record is rewritten on every run, so a file changed after it is newer than the last
    run; a changed members file is listed too, since every member page shows it.
    """
    try:  # the record is written at the end of every run; a version before it rewrote .gitignore
        last_run = max((docs / name).stat().st_mtime_ns for name in (RECORD, GITIGNORE) if (docs / name).exists())
    except (OSError, ValueError):
        return list(threads)

    def newer(path: str) -> bool:
        try:
            return (docs / path).stat().st_mtime_ns > last_run
        except OSError:
            return False

    stale = [t for t in threads if page_path(t) not in pages or newer(t)]
    if pages and newer(members):
        stale.append(members)
    return stale


def wiki_readiness(
    docs: Path, site: SiteSettings, files: list[str], ours: set[str], *, ran: bool, settings: bool
) -> list[str]:
    """What a Zensical build of this wiki, configured as it is now, would lose or leak.

    ``files``: the wiki's files but the pages generate wrote; ``ours``: those pages, as they
    are still; ``ran``: generate has written pages before. ``settings``: check the settings
    Zensical needs too. Pages are said to be missing only where generate has run: a fresh
    clone has none, and is built with MkDocs, or by ``zensical build`` after ``generate``.
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
        missing_pages=stale_pages(docs, threads, members, ours) if ran else [],
    )
    if not site.nav:  # thread pages are out of MkDocs' navigation; Zensical lists them unless not_in_nav says
        view.listed_in_nav = listed_in_nav([page_path(t) for t in threads], matcher(site.not_in_nav))
    return zensical_warnings(view, settings=settings)
