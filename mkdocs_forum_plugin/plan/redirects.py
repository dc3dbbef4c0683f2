"""Redirect pages from each thread's old forum address to its page (``redirects: true``), planned after a build.

Whatever the built site already has at an address wins: a page, a file another
plugin wrote (``sitemap.xml``, the search index) or an earlier thread's redirect.
The engine says what the built site holds; this module decides and makes the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..sources import redirect_page, redirect_path, redirect_problem
from .addresses import relative_url

# Whether the built site has something at a path: "file", "folder" or None.
OnDisk = Callable[[str], str | None]


@dataclass(frozen=True)
class Redirect:
    """One redirect page: whose it is, where it goes in the built site, and its HTML."""

    thread_file: str
    source: str
    path: str
    html: str


def plan_redirects(
    pages: list[tuple[str, str, str]], site_files: dict[str, str], on_disk: OnDisk
) -> tuple[list[Redirect], list[str]]:
    """The redirect pages, and why one is not made.

    ``pages``: (thread file, ``source`` address, the thread page's address from the site's root) in wiki order.
    ``site_files``: every output path of the build -> the docs file it comes from.
    """
    problems: list[str] = []
    made: list[Redirect] = []
    whose: dict[str, str] = {}  # output path -> the thread file whose redirect it is
    for thread_file, source, page_url in pages:
        target = redirect_path(source)
        if target is None or target == _output_path(page_url):
            continue  # nothing to redirect, or the wiki already serves the thread there
        unfit = redirect_problem(target)
        if unfit is not None:
            problems.append(f"{thread_file}: no redirect from '{source}': {unfit}")
            continue
        holder = _holder(target, site_files, whose, on_disk)
        if holder is not None:
            problems.append(f"{thread_file}: no redirect from '{source}': '{holder[0]}' is {holder[1]}")
            continue
        from_url = target[: -len("index.html")] if target.endswith("index.html") else target
        made.append(Redirect(thread_file, source, target, redirect_page(relative_url(page_url, from_url))))
        whose[target] = thread_file
    return made, problems


def _output_path(url: str) -> str:
    """The file a page address is written to: ``a/`` is ``a/index.html``."""
    return url + "index.html" if not url or url.endswith("/") else url


def _holder(target: str, site_files: dict[str, str], whose: dict[str, str], on_disk: OnDisk) -> tuple[str, str] | None:
    """What already has ``target`` or one of its folders in the built site, as (path, what it is)."""
    parts = target.split("/")
    for end in range(1, len(parts) + 1):
        path = "/".join(parts[:end])
        folder = end < len(parts)
        if path in whose:
            return path, f"the redirect of {whose[path]}"
        if path in site_files:
            return path, f"the page of {site_files[path]}" if site_files[path] != path else "a file of the wiki"
        found = on_disk(path)
        if found is not None and (not folder or found != "folder"):
            return path, "a file of the built site"
    return None
