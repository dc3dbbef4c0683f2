"""The media store: each kept file once, under ``docs/media/``, named by its content; and its index.

A file is stored as ``media/<first 2 hex>/<SHA-256 hex[:32]>.<ext>`` (the digest of the
stored bytes, after metadata removal), so the same picture posted twice is one file,
and a name never points at other content. Beside the files:

- ``media/index.json``: stored name (the 32 hex) -> ``{path, sha256, type, bytes, width,
  height, name, source}``, read by the plugin for pictures' sizes and files' details;
- ``media/.sources.json``: each address already dealt with -> the stored name, or why it
  could not be kept; so a re-import fetches nothing twice;
- ``media/.media.journal``: both of the above as they happen (``ledger.Journal``), folded
  into the two snapshots at the end of a run. A run killed at any point leaves every
  stored file recorded, or (killed between writing a file and its journal line) a file
  whose name is its digest, found and recorded again by the next run.

Every write is atomic (``ledger.atomic_write``). Nothing here fetches or decodes.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..ledger import atomic_write, crash_point, journal_for, sha256

FOLDER = "media"
INDEX = "index.json"
SOURCES = ".sources.json"
JOURNAL = ".media.journal"
NAME_HEX = 32
_NAME = re.compile(r"[0-9a-f]{32}")
_EXT = re.compile(r"[a-z0-9]{1,5}")


@dataclass(frozen=True)
class Entry:
    """One stored file, as the index describes it."""

    path: str  # relative to docs/: media/ab/abcdef....jpg
    sha256: str
    type: str  # media type, such as image/jpeg
    bytes: int
    width: int | None = None
    height: int | None = None
    name: str = ""  # the file's name on the forum, when known
    source: str = ""  # the address it was first kept from

    @property
    def key(self) -> str:
        """The stored name without extension: the index's key."""
        return self.sha256[:NAME_HEX]


@dataclass(frozen=True)
class Outcome:
    """What became of one address: a stored file's key, or why none."""

    key: str = ""
    failed: str = ""
    permanent: bool = True  # a failure worth asking again next run (a timeout, a 5xx) is not permanent


def path_for(digest: str, ext: str) -> str:
    """The docs-relative path of a file with this SHA-256 and extension."""
    return f"{FOLDER}/{digest[:2]}/{digest[:NAME_HEX]}.{ext}"


def _entry(key: object, value: object) -> Entry | None:
    """An index entry, if it is one this store writes (so a hand-edited index never points outside media/)."""
    if not isinstance(key, str) or not _NAME.fullmatch(key) or not isinstance(value, dict):
        return None
    try:
        entry = Entry(**{k: value[k] for k in Entry.__dataclass_fields__ if k in value})
    except TypeError:
        return None
    ext = entry.path.rpartition(".")[2]
    if entry.sha256[:NAME_HEX] != key or not _EXT.fullmatch(ext) or entry.path != path_for(entry.sha256, ext):
        return None
    return entry


class Store:
    """The files under ``docs/media/`` and their records, for one run."""

    def __init__(self, docs: Path, *, dry_run: bool = False) -> None:
        """Read the records of ``docs/media/`` (missing ones are empty; broken entries are skipped)."""
        self.docs = docs
        self.folder = docs / FOLDER
        self.dry_run = dry_run
        self.files: dict[str, Entry] = {}
        self.sources: dict[str, Outcome] = {}
        self.stored: list[Entry] = []  # what this run added
        self._journal = journal_for(self.folder / JOURNAL)
        self._loaded = (self._read(INDEX), self._read(SOURCES))
        for key, value in self._loaded[0].items():
            self._take_file(key, value)
        for address, value in self._loaded[1].get("addresses", {}).items():
            self._take_source(address, value)
        for line in self._journal.entries():
            if "file" in line:
                self._take_file(line["file"], line.get("entry"))
            elif "address" in line:
                self._take_source(line["address"], line.get("outcome"))

    def _read(self, name: str) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}

    def _take_file(self, key: object, value: object) -> None:
        entry = _entry(key, value)
        if entry is not None:
            self.files[entry.key] = entry

    def _take_source(self, address: object, value: object) -> None:
        if not isinstance(address, str) or not isinstance(value, dict):
            return
        key, failed, permanent = value.get("key", ""), value.get("failed", ""), value.get("permanent", True)
        if isinstance(key, str) and isinstance(failed, str) and isinstance(permanent, bool):
            if key and key not in self.files:
                return
            self.sources[address] = Outcome(key, failed, permanent)

    def known(self, address: str) -> Outcome | None:
        """What an earlier run (or this one) made of ``address``, when it is worth reusing."""
        found = self.sources.get(address)
        if found is None or (found.failed and not found.permanent):
            return None
        if found.key and not (self.docs / self.files[found.key].path).is_file():
            return None  # the file was removed since: keep it again
        return found

    def put(self, data: bytes, mime: str, ext: str, **details: Any) -> Entry:
        """Store ``data`` (already checked and cleaned) unless a file with its content is there; its entry."""
        digest = sha256(data)
        entry = Entry(path_for(digest, ext), digest, mime, len(data), **details)
        known = self.files.get(entry.key)
        target = self.docs / entry.path
        if known is not None and target.is_file():
            return known
        if not self.dry_run:
            if not (target.is_file() and sha256(target.read_bytes()) == digest):
                atomic_write(target, data)
            crash_point("media-stored")
            self._journal.append({"file": entry.key, "entry": asdict(entry)})
        self.files[entry.key] = entry
        self.stored.append(entry)
        return entry

    def remember(self, address: str, outcome: Outcome) -> None:
        """Record what became of ``address``, at once (a later stop loses nothing)."""
        self.sources[address] = outcome
        if not self.dry_run:
            self._journal.append({"address": address, "outcome": asdict(outcome)})

    def save(self) -> None:
        """Write the index and the address record if they changed, then fold the journal into them."""
        if self.dry_run:
            return
        index = {key: asdict(self.files[key]) for key in sorted(self.files)}
        sources = {"version": 1, "addresses": {a: asdict(self.sources[a]) for a in sorted(self.sources)}}
        for name, data, loaded in ((INDEX, index, self._loaded[0]), (SOURCES, sources, self._loaded[1])):
            if data != loaded:
                atomic_write(self.folder / name, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())
        self._loaded = (index, sources)
        self._journal.clear()
