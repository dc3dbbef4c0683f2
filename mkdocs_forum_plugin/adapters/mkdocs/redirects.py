"""Redirect pages from each thread's old forum address to its page, written into MkDocs' built site."""

from __future__ import annotations

from pathlib import Path

from ...plan.redirects import plan_redirects


def write_redirects(site_dir: Path, pages: list[tuple[str, str, str]], site_files: dict[str, str]) -> list[str]:
    """Write the redirects the plan makes (``plan/redirects.py``); say why, where one is not written."""
    root = site_dir.resolve()

    def on_disk(path: str) -> str | None:
        target = root / path
        try:
            if target.is_symlink() or target.is_file():
                return "file"
            return "folder" if target.is_dir() else None
        except (OSError, ValueError):  # a name the file system cannot hold: nothing can be there
            return None

    redirects, problems = plan_redirects(pages, site_files, on_disk)
    for redirect in redirects:
        dest = root / redirect.path
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(redirect.html, encoding="utf-8")
        except (OSError, ValueError) as exc:
            reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
            problems.append(f"{redirect.thread_file}: no redirect from '{redirect.source}': {reason}")
    return problems
