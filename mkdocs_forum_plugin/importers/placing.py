"""Where a thread file goes and whether it may be written: new, updated, unchanged or left alone."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .safety import UnsafePathError, check_name, output_path
from .state import State, Written, digest
from .writing import atomic_write


@dataclass
class Placed:
    """What happened to one thread file."""

    kind: str  # "imported" | "updated" | "unchanged" | "skipped" | "failed"
    name: str  # file name in the output folder
    reason: str = ""


def _free_name(folder: Path, stem: str, state: State, taken: set[str]) -> str:
    """A file name no other file or thread uses: 'stem.yml', else 'stem-2.yml' ..."""
    for n in range(1, 10_000):
        name = check_name(f"{stem}.yml" if n == 1 else f"{stem}-{n}.yml")
        if name not in taken and not os.path.lexists(folder / name) and state.owner(name) is None:
            return name
    raise UnsafePathError(f"no free file name for {stem}")


def place(
    folder: Path,
    out: tuple[str, str, str],
    *,
    posts: int,
    sources: list[str],
    state: State,
    force: bool,
    dry_run: bool,
    taken: set[str],
) -> Placed:
    """Write one thread file unless that would lose something; record it in the state.

    ``out`` is the thread's (key, file stem, YAML text).
    """
    key, stem, text = out
    entry = state.threads.get(key)
    try:
        name = entry.file if entry else _free_name(folder, stem, state, taken)
        path = output_path(folder, name)
    except UnsafePathError as exc:
        return Placed("failed", f"{stem}.yml", str(exc))
    taken.add(name)
    new_hash = digest(text)
    record = Written(name, new_hash, posts, [os.path.relpath(s, folder).replace(os.sep, "/") for s in sources])
    if path.exists():
        current = digest(path.read_text(encoding="utf-8", errors="replace"))
        if current == new_hash:
            state.threads[key] = record
            return Placed("unchanged", name, "unchanged since the last import")
        if entry is not None and current != entry.sha256 and not force:
            return Placed("skipped", name, "edited by hand since it was imported; --force overwrites it")
        if entry is not None and posts < entry.posts and not force:
            why = f"the files given have {posts} posts, the last import wrote {entry.posts}"
            return Placed("skipped", name, f"{why}; import every page together, or use --force")
        kind = "updated"
    elif entry is not None and not force:
        return Placed("skipped", name, "deleted since it was imported; --force writes it again")
    else:
        kind = "imported"
    if not dry_run:
        atomic_write(path, text)
        state.threads[key] = record
    return Placed(kind, name)
