"""What the importer wrote, kept in ``.forum-import.json`` in the output folder.

The file maps each thread (by its source key) to the file written for it and the
SHA-256 of what was written, so that a re-import finds the same file, leaves an
unchanged thread alone and never overwrites a file edited by hand since. The
name starts with a dot, so the plugin does not read it as a thread file.

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
VERSION = 1


def digest(text: str) -> str:
    """SHA-256 of a file's UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Written:
    """One thread file as the importer last wrote it."""

    file: str
    sha256: str
    posts: int
    sources: list[str] = field(default_factory=list)


@dataclass
class State:
    """Every thread file the importer wrote into one folder."""

    threads: dict[str, Written] = field(default_factory=dict)
    loaded: str = ""  # the text read, to write only when something changed
    problems: list[str] = field(default_factory=list)  # entries left out when read, each with why
    journal: Journal | None = None  # where each thread file is recorded as it is written; None: a dry run

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
                if not isinstance(entries, dict):
                    raise TypeError("'threads' is not an object")
            except (OSError, ValueError, TypeError, AttributeError, RecursionError) as exc:
                why = f"{path}: not a state file of this importer ({exc}); move it away to start afresh"
                raise ValueError(why) from None
            state.loaded = text
            for key, value in entries.items():
                state._take(key, value)
        # What a run that was stopped wrote after the state file was last saved.
        for line in journal.entries():
            key = line.get("key")
            if isinstance(key, str):
                state._take(key, line.get("entry"))
        return state

    def _take(self, key: str, value: object) -> None:
        try:
            self.threads[key] = _entry(value)
        except (UnsafePathError, TypeError) as exc:
            self.problems.append(f"the entry for '{key:.80}' is left out: {exc}")

    def record(self, key: str, entry: Written) -> None:
        """``entry`` is what was just written for thread ``key``: kept at once, so no stop loses it."""
        self.threads[key] = entry
        if self.journal is not None:
            self.journal.append({"key": key, "entry": asdict(entry)})

    def text(self) -> str:
        """The state as JSON, keys sorted so that the same state is the same text."""
        data = {"version": VERSION, "threads": {key: asdict(self.threads[key]) for key in sorted(self.threads)}}
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
        """The thread key a file was written for, if any."""
        return next((key for key, entry in self.threads.items() if entry.file == file), None)


def _entry(value: object) -> Written:
    """One state entry, checked: a plain file name in the folder, a digest, a count, source names."""
    if not isinstance(value, dict):
        raise TypeError("it is not an object")
    file, sha, posts, sources = (value.get(k) for k in ("file", "sha256", "posts", "sources"))
    if not isinstance(file, str):
        raise TypeError("'file' is not a string")
    check_name(file)
    if not isinstance(sha, str) or not isinstance(posts, int) or isinstance(posts, bool):
        raise TypeError("'sha256' or 'posts' is missing or of the wrong type")
    if sources is None:
        sources = []
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise TypeError("'sources' is not a list of strings")
    return Written(file, sha, posts, list(sources))
