"""Where a thread file goes and whether it may be written: new, updated, unchanged or left alone."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..ledger import crash_point
from .safety import UnsafePathError, check_name, output_path
from .state import State, Written, digest
from .writing import atomic_write


@dataclass
class Placed:
    """What happened to one thread file."""

    kind: str  # "imported" | "updated" | "unchanged" | "skipped" | "failed"
    name: str  # file name in the output folder
    reason: str = ""


def _name_for(folder: Path, stem: str, state: State, taken: set[str], text_hash: str) -> tuple[str, bool]:
    """The file name for a thread the state does not know, and whether that file is already there.

    'stem.yml', else 'stem-2.yml' ...: the first that no other file or thread uses, or,
    before it, one that already holds exactly what would be written (an import stopped
    before it could record the file, or a state file moved away): that one is taken on,
    not copied.
    """
    for n in range(1, 10_000):
        name = check_name(f"{stem}.yml" if n == 1 else f"{stem}-{n}.yml")
        if name in taken or state.owner(name) is not None:
            continue
        path = folder / name
        if not os.path.lexists(path):
            return name, False
        if path.is_file() and not path.is_symlink() and _hash_of(path) == text_hash:
            return name, True
    raise UnsafePathError(f"no free file name for {stem}")


def _hash_of(path: Path) -> str:
    return digest(path.read_text(encoding="utf-8", errors="replace"))


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
    new_hash = digest(text)
    try:
        name, there = (entry.file, False) if entry else _name_for(folder, stem, state, taken, new_hash)
        path = output_path(folder, name)
    except UnsafePathError as exc:
        return Placed("failed", f"{stem}.yml", str(exc))
    taken.add(name)
    record = Written(name, new_hash, posts, [os.path.relpath(s, folder).replace(os.sep, "/") for s in sources])
    if there:
        state.record(key, record)  # a dry run has no journal: kept in memory only
        return Placed("unchanged", name, "already there, exactly as it would be written; recorded as imported")
    if path.exists():
        current = _hash_of(path)
        if current == new_hash:
            state.record(key, record)
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
        crash_point("import-written")  # written, not yet recorded: the next run takes the file on
        state.record(key, record)
        crash_point("import-recorded")
    return Placed(kind, name)
