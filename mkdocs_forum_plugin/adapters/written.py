"""Which files of docs/ ``mkdocs-forum generate`` wrote, and which of them are still exactly as it wrote them.

Two records, for two readers:

- ``docs/.forum-generated.json`` (with ``.forum-generated.journal`` during a run)
  holds the SHA-256 of every file the command wrote (``ledger.py``). It decides what
  is the command's: a file is replaced, deleted or left out of a MkDocs build only
  while its content is one the record holds. A page an editor wrote or changed at
  such a path is theirs: it is left alone, with a warning, and MkDocs builds it.
  Before a run writes a page, it appends the page's digest to the journal, so a run
  stopped at any point leaves no page that a later build does not know.
- the command's block in ``docs/.gitignore`` lists the same files, so git leaves them
  out. Lines outside the block are the wiki's own and are kept.

The record is a separate file rather than comments in ``.gitignore`` because it must
grow while a run writes (a journal can be appended to; a block in the middle of a
wiki's own file cannot), and because a wiki's ``.gitignore`` is often in git while
the pages and their digests never are. Both names start with a dot: MkDocs and
Zensical leave such files out of the site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..ledger import Journal, atomic_write, crash_point, journal_for, sha256
from .zensical.envelope import START

GITIGNORE = ".gitignore"
RECORD = ".forum-generated.json"
JOURNAL = ".forum-generated.journal"
BEGIN = "# >>> mkdocs-forum generate: pages made from thread files for Zensical; do not edit this block"
FINISH = "# <<< mkdocs-forum generate"
VERSION = 1
_OWN_FILES = (GITIGNORE, RECORD, JOURNAL)


def _split(text: str) -> tuple[list[str], list[str]]:
    """The wiki's own lines, and the paths listed in the block."""
    own: list[str] = []
    listed: list[str] = []
    inside = False
    for line in text.splitlines():
        if line == BEGIN:
            inside = True
        elif line == FINISH:
            inside = False
        elif inside:
            if line.startswith("/") and line[1:] not in _OWN_FILES:
                listed.append(line[1:])
        else:
            own.append(line)
    return own, listed


def _text(docs: Path) -> str:
    try:
        return (docs / GITIGNORE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _snapshot(docs: Path) -> dict[str, str] | None:
    """The record's files and digests as the last finished run left them; None without a (readable) record."""
    try:
        raw = json.loads((docs / RECORD).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    files = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(files, dict):
        return None
    return {p: d for p, d in files.items() if _plain(p) and isinstance(d, str)}


def _plain(path: object) -> bool:
    """A path that generate could have written: relative, inside docs/, no '..', no control character."""
    if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path:
        return False
    parts = path.split("/")
    return all(part not in ("", ".", "..") for part in parts) and not any(ord(c) < 32 for c in path)


@dataclass
class Generated:
    """What ``generate`` recorded in one docs folder: each path with every content it may have written there."""

    docs: Path
    digests: dict[str, set[str]] = field(default_factory=dict)
    # Listed in .gitignore by a version that kept no digests: ours only while it holds a packed page.
    listed: set[str] = field(default_factory=set)
    ran: bool = False  # generate has written pages here (a record, a journal or a block exists)

    @classmethod
    def load(cls, docs: Path) -> Generated:
        """The record of ``docs``: the snapshot, then what a run stopped midway added to the journal."""
        record = cls(docs)
        snapshot = _snapshot(docs)
        journal = Journal(docs / JOURNAL)
        for path, digest in (snapshot or {}).items():
            record.digests.setdefault(path, set()).add(digest)
        for entry in journal.entries():
            files = entry.get("files")
            if isinstance(files, dict):
                for path, digest in files.items():
                    if _plain(path) and isinstance(digest, str):
                        record.digests.setdefault(path, set()).add(digest)
        block = {path for path in _split(_text(docs))[1] if _plain(path)}
        record.listed = block - set(record.digests)
        record.ran = snapshot is not None or journal.exists() or bool(block)
        return record

    def paths(self) -> set[str]:
        """Every path the record names, whatever is there now."""
        return set(self.digests) | self.listed

    def holds(self, path: str, data: bytes) -> bool:
        """True when ``data`` at ``path`` is exactly what generate wrote there."""
        if path in self.digests:
            return sha256(data) in self.digests[path]
        return path in self.listed and (START + "\n").encode() in data

    def ours(self) -> tuple[set[str], list[str]]:
        """The recorded files still as generate wrote them, and those changed since (the editor's now)."""
        ours: set[str] = set()
        changed: list[str] = []
        for path in sorted(self.paths()):
            try:
                data = (self.docs / path).read_bytes()
            except OSError:  # gone, or not a file: nothing of ours is there
                continue
            if self.holds(path, data):
                ours.add(path)
            else:
                changed.append(path)
        return ours, changed

    def claim(self, files: dict[str, str]) -> None:
        """Record ``files`` (path: digest) before they are written, so no stop can leave one unrecorded."""
        if files:
            journal_for(self.docs / RECORD).append({"files": files}, durable=True)
            for path, digest in files.items():
                self.digests.setdefault(path, set()).add(digest)

    def commit(self, files: dict[str, str]) -> None:
        """The run is done: ``files`` (path: digest) are the generated files now; record them and list them."""
        if files:
            text = json.dumps({"version": VERSION, "files": dict(sorted(files.items()))}, indent=1, ensure_ascii=False)
            # Always rewritten: its time is the time of the last run, which `check` compares thread files with.
            atomic_write(self.docs / RECORD, (text + "\n").encode("utf-8"))
            crash_point("generate-recorded")
        else:
            (self.docs / RECORD).unlink(missing_ok=True)
        _list(self.docs, sorted(files))
        Journal(self.docs / JOURNAL).clear()
        self.digests = {path: {digest} for path, digest in files.items()}
        self.listed = set()
        self.ran = True


def written(docs: Path) -> set[str]:
    """The docs paths ``mkdocs-forum generate`` recorded (none when it never ran), changed or not."""
    return Generated.load(docs).paths()


def changed_since(path: str) -> str:
    """The warning for a recorded file changed since generate wrote it, as MkDocs and generate give it."""
    return (
        f"'{path}' has been changed since mkdocs-forum generate wrote it, so it is now a page of the "
        "wiki: it is built, and generate leaves it alone (delete it to have it made again)"
    )


def ours(docs: Path) -> set[str]:
    """The docs paths generate wrote that are still exactly as it wrote them: those a build leaves out."""
    return Generated.load(docs).ours()[0]


def _list(docs: Path, paths: list[str]) -> None:
    """List ``paths`` in the block of ``docs/.gitignore``, keeping the wiki's own ignore lines."""
    own, _ = _split(_text(docs))
    while own and not own[-1].strip():
        own.pop()
    # A .gitignore that only this command wrote ignores itself; a wiki's own stays tracked.
    mine = [f"/{GITIGNORE}"] if not own else []
    block = [BEGIN, *mine, f"/{RECORD}", f"/{JOURNAL}", *(f"/{p}" for p in paths), FINISH]
    lines = [*own, *([""] if own else []), *block] if paths else own
    text = "\n".join(lines) + "\n" if lines else ""
    target = docs / GITIGNORE
    if not text:
        target.unlink(missing_ok=True)
        return
    atomic_write(target, text.encode("utf-8"))


def record(docs: Path, paths: list[str]) -> None:
    """Record ``paths`` as generated, each with the digest of what is there now (for tests and tools)."""
    files = {}
    for path in paths:
        try:
            files[path] = sha256((docs / path).read_bytes())
        except OSError:
            continue
    Generated.load(docs).commit(files)
