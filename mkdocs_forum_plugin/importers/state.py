"""What the importer wrote, kept in ``.forum-import.json`` in the output folder.

The file maps each thread, by its forum identity (``identity.py``: forum and thread
id, else its address, never its title), to the file written for it, the SHA-256 of
what was written and a digest of each setting that shaped it, so that a re-import
finds the same file (whatever the title became), leaves an unchanged thread alone
and never overwrites a file edited by hand since. The name starts with a dot, so
the plugin does not read it as a thread file.

Records of version 1 keyed each thread by the key its format's reader made, which
holds the title for some sources. They are still read: their entries wait under
``legacy`` until a run meets their thread (by that key, or by the same input files),
and are then kept under the thread's identity.

Each thread file is recorded as soon as it is written, in ``.forum-import.journal``
(``ledger.py``), and the two are made one file at the end of the run. A run that is
killed, or runs out of memory, therefore leaves every file it wrote recorded, and
the next run neither writes them again nor copies them to ``NAME-2.yml``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..ledger import Journal, journal_for
from .safety import UnsafePathError, check_name
from .writing import atomic_write

STATE_NAME = ".forum-import.json"
VERSION = 2


def digest(text: str) -> str:
    """SHA-256 of a file's UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def setting_digests(values: dict[str, object]) -> dict[str, str]:
    """A short digest of each setting's value (as JSON), to tell later which of them changed."""
    return {
        name: digest(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))[:16]
        for name, value in values.items()
    }


@dataclass
class Written:
    """One thread file as the importer last wrote it."""

    file: str
    sha256: str
    posts: int
    sources: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)  # a digest of each setting it was written with


@dataclass
class State:
    """Every thread file the importer wrote into one folder."""

    threads: dict[str, Written] = field(default_factory=dict)  # by forum identity
    legacy: dict[str, Written] = field(default_factory=dict)  # version 1 entries, by their reader's key
    loaded: str = ""  # the text read, to write only when something changed
    problems: list[str] = field(default_factory=list)  # entries left out when read, each with why
    journal: Journal | None = None  # where each thread file is recorded as it is written; None: a dry run
    _by_sources: dict[tuple[str, ...], list[str]] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, folder: Path) -> State:
        """Read the state file; a missing one is an empty state, a broken one raises ValueError.

        An entry that is not what this importer writes (a file name with a folder
        part, ``..``, a wrong type) is left out and described in ``problems``: it
        is never followed, and its thread is imported as a new one.
        """
        path = folder / STATE_NAME
        journal = journal_for(path)
        state = cls(journal=journal)
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
                raw = json.loads(text)
                entries = raw.get("threads", {})
                waiting = raw.get("legacy", {})
                version = raw.get("version", 1)
                if not isinstance(entries, dict) or not isinstance(waiting, dict):
                    raise TypeError("'threads' or 'legacy' is not an object")
                if version not in (1, VERSION):
                    raise TypeError(f"version {version!s:.20} is not one this importer knows (1 or {VERSION})")
            except (OSError, ValueError, TypeError, AttributeError, RecursionError) as exc:
                why = f"{path}: not a state file of this importer ({exc}); move it away to start afresh"
                raise ValueError(why) from None
            state.loaded = text
            for key, value in entries.items():
                state._take(state.threads if version == VERSION else state.legacy, key, value)
            for key, value in waiting.items():
                state._take(state.legacy, key, value)
        # What a run that was stopped wrote after the state file was last saved.
        for line in journal.entries():
            identity, key = line.get("id"), line.get("key")
            if isinstance(identity, str):
                state._take(state.threads, identity, line.get("entry"))
            elif isinstance(key, str):  # a journal left by a run of the version 1 importer
                state._take(state.legacy, key, line.get("entry"))
        # An old entry whose file a new one records was taken on already (by a run stopped before it saved).
        files = {entry.file for entry in state.threads.values()}
        state.legacy = {key: entry for key, entry in state.legacy.items() if entry.file not in files}
        return state

    def _take(self, into: dict[str, Written], key: str, value: object) -> None:
        try:
            into[key] = _entry(value)
        except (UnsafePathError, TypeError) as exc:
            self.problems.append(f"the entry for '{key:.80}' is left out: {exc}")

    def find(self, identity: str, key: str, sources: list[str], *, alone: bool) -> Written | None:
        """The entry of the thread ``identity``, taking on a version 1 entry of it if there is one.

        A version 1 entry is the thread's when its key is the one the thread's reader
        made (``key``), or, when ``alone`` (no other thread of this run came from the
        same input files), when it alone was written from exactly these input files
        by the same reader (a copied thread whose title changed since).
        """
        if identity in self.threads:
            return self.threads[identity]
        old = key if key in self.legacy else None
        if old is None and alone and sources:
            if self._by_sources is None:  # made once: a run looks up every thread
                self._by_sources = {}
                for k, e in self.legacy.items():
                    self._by_sources.setdefault((k.split(":", 1)[0], *e.sources), []).append(k)
            same = [k for k in self._by_sources.get((key.split(":", 1)[0], *sources), []) if k in self.legacy]
            old = same[0] if len(same) == 1 else None
        if old is None:
            return None
        entry = self.threads[identity] = self.legacy.pop(old)
        return entry

    def record(self, identity: str, entry: Written) -> None:
        """``entry`` is what was just written for thread ``identity``: kept at once, so no stop loses it."""
        self.threads[identity] = entry
        if self.journal is not None:
            self.journal.append({"id": identity, "entry": asdict(entry)})

    def text(self) -> str:
        """The state as JSON, keys sorted so that the same state is the same text."""
        data: dict[str, object] = {
            "version": VERSION,
            "threads": {key: asdict(self.threads[key]) for key in sorted(self.threads)},
        }
        if self.legacy:
            data["legacy"] = {key: asdict(self.legacy[key]) for key in sorted(self.legacy)}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def save(self, folder: Path) -> bool:
        """Write the state file if it changed, and fold the journal into it; True when written."""
        text = self.text()
        saved = text != self.loaded
        if saved:
            atomic_write(folder / STATE_NAME, text)
            self.loaded = text
        journal_for(folder / STATE_NAME).clear()  # all of it is in the state file now
        return saved

    def owner(self, file: str) -> str | None:
        """The thread key a file was written for, if any (an old entry's too)."""
        for entries in (self.threads, self.legacy):
            found = next((key for key, entry in entries.items() if entry.file == file), None)
            if found is not None:
                return found
        return None


def _entry(value: object) -> Written:
    """One state entry, checked: a plain file name in the folder, a digest, a count, source names."""
    if not isinstance(value, dict):
        raise TypeError("it is not an object")
    file, sha, posts, sources, settings = (value.get(k) for k in ("file", "sha256", "posts", "sources", "settings"))
    if not isinstance(file, str):
        raise TypeError("'file' is not a string")
    check_name(file)
    if not isinstance(sha, str) or not isinstance(posts, int) or isinstance(posts, bool):
        raise TypeError("'sha256' or 'posts' is missing or of the wrong type")
    if sources is None:
        sources = []
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise TypeError("'sources' is not a list of strings")
    if settings is None:
        settings = {}
    if not isinstance(settings, dict) or not all(isinstance(v, str) for v in settings.values()):
        raise TypeError("'settings' is not an object of digests")
    return Written(file, sha, posts, list(sources), {str(k): v for k, v in settings.items()})
