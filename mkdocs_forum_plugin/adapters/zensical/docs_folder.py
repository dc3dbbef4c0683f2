"""The docs folder as ``mkdocs-forum generate`` reads and writes it: its files, and pages put in it safely.

Nothing here decides what a page says (``generate.py`` does): these list docs/ as MkDocs
and Zensical list it, keep every write inside it, replace a file in one step, and tidy
the folders that deleted pages leave empty.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ...file_names import fit_name
from ...load.site_config import SiteSettings
from ...load.wiki import DocsFile
from .readiness import excluded


class GenerateError(Exception):
    """The pages cannot be made: the message says why (a broken thread file, a bad setting, a path out of docs/)."""


def docs_files(docs: Path, settings: SiteSettings, generated: set[str]) -> list[DocsFile]:
    """Every file of docs/ as MkDocs and Zensical list it, but the pages generate wrote itself.

    Dot files and ``/templates/`` are never part of a site; ``exclude_docs`` leaves a file
    out of the site but not out of the forum (a thread file listed there is still read).
    """
    left_out = excluded(settings.exclude_docs)
    found: list[DocsFile] = []
    for folder, folders, names in os.walk(docs, followlinks=True):
        folders.sort()
        for name in sorted(names):
            path = Path(folder) / name
            src = path.relative_to(docs).as_posix()
            if src in generated or any(part.startswith(".") for part in src.split("/")):
                continue
            found.append(DocsFile(src, path.read_bytes, published=not left_out.match_file(src)))
    return found


def inside(docs: Path, path: str) -> Path:
    """``docs/path``, refused if it would leave docs/ (MkDocs' paths never do; this makes sure)."""
    target = (docs / path).resolve()
    if not target.is_relative_to(docs.resolve()):
        raise GenerateError(f"refusing to write '{path}' outside {docs}")
    return target


def write_page(target: Path, data: bytes) -> None:
    """Replace the file in one step, so a running `zensical serve` never reads half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # One name, so a stopped run's leftover is reused; cut to fit, since it is longer than the page's.
    temporary = target.with_name(fit_name(f".{target.name}.forum-tmp"))
    temporary.write_bytes(data)
    temporary.replace(target)


def prune(docs: Path, folder: Path) -> None:
    """Remove folders left empty by deleted pages, up to docs/."""
    root = docs.resolve()
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def batches(items: Iterable[tuple[str, bytes]], size: int) -> Iterator[list[tuple[str, bytes]]]:
    """``items`` in lists of ``size``, the last one shorter."""
    batch: list[tuple[str, bytes]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def on_disk(target: Path) -> bytes | None:
    """The content at ``target`` now: None when there is no file; a folder or unreadable file is b"" (not ours)."""
    if not os.path.lexists(target):
        return None
    try:
        return target.read_bytes()
    except OSError:
        return b""
