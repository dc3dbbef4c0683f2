"""Where a thread file goes and whether it may be written: new, updated, unchanged or left alone."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
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
    reason: str = ""  # why it was skipped or failed; for "updated", what made it change (or "")


@dataclass
class Taken:
    """The file names this run placed threads in, and the identity of the thread in each."""

    names: set[str] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)  # identity -> file name

    def add(self, name: str, identity: str) -> None:
        """``name`` now holds thread ``identity``."""
        self.names.add(name)
        self.ids[identity] = name


def _name_for(folder: Path, stem: str, state: State, taken: Taken, text_hash: str) -> tuple[str, bool]:
    """The file name for a thread the state does not know, and whether that file is already there.

    'stem.yml', else 'stem-2.yml' ...: the first that no other file or thread uses, or,
    before it, one that already holds exactly what would be written (an import stopped
    before it could record the file, or a state file moved away): that one is taken on,
    not copied.
    """
    for n in range(1, 10_000):
        name = check_name(f"{stem}.yml" if n == 1 else f"{stem}-{n}.yml")
        if name in taken.names or state.owner(name) is not None:
            continue
        path = folder / name
        if not os.path.lexists(path):
            return name, False
        if path.is_file() and not path.is_symlink() and _hash_of(path) == text_hash:
            return name, True
    raise UnsafePathError(f"no free file name for {stem}")


def _hash_of(path: Path) -> str:
    return digest(path.read_text(encoding="utf-8", errors="replace"))


@dataclass(frozen=True)
class Candidate:
    """One converted thread, ready to be placed: who it is, what would be written, and with which settings."""

    identity: str  # its key in the record (identity.py)
    key: str  # the key its format's reader made, for records of version 1
    stem: str  # file name without .yml, for a thread the record does not know
    text: str  # the YAML
    posts: int
    sources: list[str]  # the input files, as paths from the output folder
    settings: dict[str, str] = field(default_factory=dict)  # setting_digests of what shaped the text
    alone: bool = True  # no other thread of this run came from the same input files


def _changed(entry: Written | None, settings: dict[str, str]) -> list[str]:
    """The settings that differ from those the entry's file was written with (none known: none)."""
    if entry is None or not entry.settings:
        return []
    return [name for name, value in settings.items() if entry.settings.get(name, value) != value]


def place(
    folder: Path,
    thread: Candidate,
    *,
    state: State,
    force: bool,
    dry_run: bool,
    taken: Taken,
) -> Placed:
    """Write one thread file unless that would lose something; record it in the state."""
    if thread.identity in taken.ids:
        name = taken.ids[thread.identity]
        why = f"the same thread as {name}, placed already in this run; give all its pages in one import"
        return Placed("failed", name, why)
    entry = state.find(thread.identity, thread.key, thread.sources, alone=thread.alone)
    new_hash = digest(thread.text)
    try:
        name, there = (entry.file, False) if entry else _name_for(folder, thread.stem, state, taken, new_hash)
        path = output_path(folder, name)
    except UnsafePathError as exc:
        return Placed("failed", f"{thread.stem}.yml", str(exc))
    taken.add(name, thread.identity)
    record = Written(name, new_hash, thread.posts, thread.sources, thread.settings)
    changed = _changed(entry, thread.settings)
    if there:
        state.record(thread.identity, record)  # a dry run has no journal: kept in memory only
        return Placed("unchanged", name, "already there, exactly as it would be written; recorded as imported")
    reason = ""
    if path.exists():
        current = _hash_of(path)
        if current == new_hash and not force:
            state.record(thread.identity, record)
            if changed:
                why = f"converted again for the changed {_names(changed)}: the text is the same as before"
                return Placed("unchanged", name, f"{why} ({SAME_TEXT})")
            return Placed("unchanged", name, "unchanged since the last import")
        if entry is not None and current != entry.sha256 and not force:
            return Placed("skipped", name, "edited by hand since it was imported; --force overwrites it")
        if entry is not None and thread.posts < entry.posts and not force:
            why = f"the files given have {thread.posts} posts, the last import wrote {entry.posts}"
            return Placed("skipped", name, f"{why}; import every page together, or use --force")
        kind = "updated"
        if current == new_hash:
            reason = "written again (--force); the text is the same"
        elif changed:
            reason = f"with the changed {_names(changed)}"
    elif entry is not None and not force:
        return Placed("skipped", name, "deleted since it was imported; --force writes it again")
    else:
        kind = "imported"
    if not dry_run:
        atomic_write(path, thread.text)
        crash_point("import-written")  # written, not yet recorded: the next run takes the file on
        state.record(thread.identity, record)
        crash_point("import-recorded")
    return Placed(kind, name, reason)


# Why a thread converted with other experts or another disclaimer can be the same text.
SAME_TEXT = "the wiki marks expert answers and shows the disclaimer when it is built, from mkdocs.yml"


def _names(changed: list[str]) -> str:
    return f"setting{'s' if len(changed) > 1 else ''} {', '.join(changed)}"
