"""Files a command owns: what it wrote, by path and digest, kept so that a killed run wedges nothing.

``mkdocs-forum generate`` (pages in docs/) and ``mkdocs-forum import`` (thread files in
``--out``) both write into folders that editors work in. Each keeps a record of the
files it wrote, and touches a file again only while its content is still exactly what
the record says. The record is two files:

- a snapshot (JSON), replaced in one step at the end of a run;
- a journal beside it, one JSON object a line, appended to as the run goes.

Reading the record means reading the snapshot, then the journal's lines in order, so a
run killed at any point (even by SIGKILL) leaves every file it wrote recorded. A line cut
short by a crash is skipped. Replaying a journal twice gives the same record, so a run
killed after the snapshot was replaced but before the journal was removed is harmless.
Nothing here knows MkDocs, Zensical or the formats of thread files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

# Test hook: "NAME:N" kills this process (SIGKILL, which nothing can catch or clean up
# after) at the N-th `crash_point(NAME)`. The tests use it to stop a run at an exact point.
KILL_AT = "MKDOCS_FORUM_KILL_AT"
_passed: Counter[str] = Counter()


def crash_point(name: str) -> None:
    """Where a run may be killed; under the test hook, it is killed here."""
    wanted = os.environ.get(KILL_AT)
    if not wanted:
        return
    _passed[name] += 1
    if wanted == f"{name}:{_passed[name]}":
        os.kill(os.getpid(), signal.SIGKILL)


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex: what a record keeps of each file."""
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``path`` in one step (a temporary file in the same folder, then a rename).

    A reader, a running server or a later run sees the old content or the new, never
    half of either; a run killed mid-write leaves only a dot file, which no build reads.
    The file keeps its permissions when it is replaced.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        with contextlib.suppress(OSError):
            Path(temp).chmod(mode)
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class Journal:
    """The lines appended to a record during a run, each a JSON object."""

    def __init__(self, path: Path) -> None:
        """``path``: the journal file (it exists only while a run is going on, or after one was stopped)."""
        self.path = path

    def append(self, entry: dict[str, Any], *, durable: bool = False) -> None:
        """Add one entry; ``durable`` waits until it is on disk, not only in the system's memory.

        One ``write`` of one line to a file opened for appending: a killed process
        leaves the whole line or none of it (only a power cut could cut it short).
        """
        line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)

    def entries(self) -> list[dict[str, Any]]:
        """Every whole entry, in the order written; a line that is not one (cut short) is skipped."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return []
        found: list[dict[str, Any]] = []
        for line in data.split(b"\n"):
            try:
                entry = json.loads(line)
            except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
                continue
            if isinstance(entry, dict):
                found.append(entry)
        return found

    def exists(self) -> bool:
        """True when a run appended to it and has not finished (it was stopped, or is still going)."""
        return self.path.is_file()

    def clear(self) -> None:
        """Remove the journal, once its entries are in the snapshot."""
        self.path.unlink(missing_ok=True)


def journal_for(snapshot: Path) -> Journal:
    """The journal that goes with a snapshot file: ``.forum-import.json`` -> ``.forum-import.journal``."""
    return Journal(snapshot.with_suffix(".journal"))
