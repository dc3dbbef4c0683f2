"""What the importer wrote, kept in ``.forum-import.json`` in the output folder.

The file maps each thread (by its source key) to the file written for it and the
SHA-256 of what was written, so that a re-import finds the same file, leaves an
unchanged thread alone and never overwrites a file edited by hand since. The
name starts with a dot, so the plugin does not read it as a thread file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

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

    @classmethod
    def load(cls, folder: Path) -> State:
        """Read the state file; a missing one is an empty state, a broken one raises ValueError."""
        path = folder / STATE_NAME
        if not path.exists():
            return cls()
        text = path.read_text(encoding="utf-8")
        try:
            raw = json.loads(text)
            threads = {key: Written(**value) for key, value in raw.get("threads", {}).items()}
        except (ValueError, TypeError, AttributeError) as exc:
            why = f"{path}: not a state file of this importer ({exc}); move it away to start afresh"
            raise ValueError(why) from None
        return cls(threads, text)

    def text(self) -> str:
        """The state as JSON, keys sorted so that the same state is the same text."""
        data = {"version": VERSION, "threads": {key: asdict(self.threads[key]) for key in sorted(self.threads)}}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def save(self, folder: Path) -> bool:
        """Write the state file if it changed; True when written."""
        text = self.text()
        if text == self.loaded:
            return False
        atomic_write(folder / STATE_NAME, text)
        self.loaded = text
        return True

    def owner(self, file: str) -> str | None:
        """The thread key a file was written for, if any."""
        return next((key for key, entry in self.threads.items() if entry.file == file), None)
