"""Redirect pages from each thread's old forum address to its page (``redirects: true``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_relative_url

from ...sources import redirect_page, redirect_path, redirect_problem


def write_redirects(site_dir: Path, pages: list[tuple[str, str, str]], site_files: dict[str, str]) -> list[str]:
    """Write a redirect from each thread's old forum address to its page; say why, where one is not written.

    ``pages``: (thread file, ``source`` address, the thread page's address from the site's root) in wiki order.
    ``site_files``: every output path of the build -> the docs file it comes from.
    Whatever the site already has at an address wins: a page, a file another plugin
    wrote (``sitemap.xml``, the search index) or an earlier thread's redirect.
    """
    problems: list[str] = []
    written: dict[str, str] = {}  # output path -> the thread file whose redirect it is
    root = site_dir.resolve()
    for thread_file, source, page_url in pages:
        target = redirect_path(source)
        if target is None or target == _output_path(page_url):
            continue  # nothing to redirect, or the wiki already serves the thread there
        unfit = redirect_problem(target)
        if unfit is not None:
            problems.append(f"{thread_file}: no redirect from '{source}': {unfit}")
            continue
        try:
            holder = _holder(root, target, site_files, written)
        except (OSError, ValueError) as exc:  # the old address is no path this file system can have
            problems.append(f"{thread_file}: no redirect from '{source}': {_reason(exc)}")
            continue
        if holder is not None:
            problems.append(f"{thread_file}: no redirect from '{source}': '{holder[0]}' is {holder[1]}")
            continue
        dest = root / target
        from_url = target[: -len("index.html")] if target.endswith("index.html") else target
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(redirect_page(get_relative_url(page_url, from_url)), encoding="utf-8")
        except (OSError, ValueError) as exc:
            problems.append(f"{thread_file}: no redirect from '{source}': {_reason(exc)}")
            continue
        written[target] = thread_file
    return problems


def _reason(exc: OSError | ValueError) -> str:
    """Why a redirect could not be written, in the file system's words."""
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def _output_path(url: str) -> str:
    """The file a page address is written to: ``a/`` is ``a/index.html``."""
    return url + "index.html" if not url or url.endswith("/") else url


def _holder(root: Path, target: str, site_files: dict[str, str], written: dict[str, str]) -> tuple[str, str] | None:
    """What already has ``target`` or one of its folders in the built site, as (path, what it is)."""
    parts = target.split("/")
    for end in range(1, len(parts) + 1):
        path = "/".join(parts[:end])
        folder = end < len(parts)
        if path in written:
            return path, f"the redirect of {written[path]}"
        if path in site_files:
            return path, f"the page of {site_files[path]}" if site_files[path] != path else "a file of the wiki"
        on_disk = root / path
        if on_disk.is_symlink() or (on_disk.exists() and (not folder or not on_disk.is_dir())):
            return path, "a file of the built site"
    return None
