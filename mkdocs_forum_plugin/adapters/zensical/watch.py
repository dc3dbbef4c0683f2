"""``generate --watch`` and ``--serve``: write the pages again whenever a file of the wiki changes.

Changes are reported by watchdog (the library ``mkdocs serve`` uses: inotify on
Linux, the system's own on others), so watching costs nothing between edits,
whatever the size of the wiki. A change counts when it is to ``mkdocs.yml`` or to a
file of docs/ other than the ones the command wrote, so writing the pages does not
start another run. A run that fails (a broken ``mkdocs.yml``, an unreadable file)
is reported and the watching goes on, as ``mkdocs serve`` does; broken thread files
get an error page instead of theirs.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from ..written import written
from .docs_folder import GenerateError
from .generate import Generator, Report

SETTLE = 0.2  # seconds to wait for the rest of an editor's save (write, rename, touch)
_READS = {"opened", "closed_no_write"}


class Changes(FileSystemEventHandler):
    """The paths changed since they were last taken: mkdocs.yml and the files of docs/."""

    def __init__(self, config_file: Path, docs: Path) -> None:
        """Watch ``config_file`` and everything under ``docs``."""
        self.config_file = config_file.resolve()
        self.docs = docs.resolve()
        self.arrived = threading.Event()
        self._paths: set[str] = set()
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Note a change to a file (a folder's own events say nothing a file's do not, but a move)."""
        if event.event_type in _READS or (event.is_directory and event.event_type != "moved"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = Path(raw if isinstance(raw, str) else raw.decode()) if raw else None
            name = self._name(path) if path is not None else None
            if name is not None:
                with self._lock:
                    self._paths.add(name)
                self.arrived.set()

    def _name(self, path: Path) -> str | None:
        if path == self.config_file:
            return ":config"
        if not path.is_relative_to(self.docs):
            return None
        relative = path.relative_to(self.docs).as_posix()
        return None if any(part.startswith(".") for part in relative.split("/")) else relative

    def take(self) -> set[str]:
        """The changed paths, forgotten once taken."""
        with self._lock:
            paths, self._paths = self._paths, set()
            self.arrived.clear()
        return paths


def _observe(changes: Changes) -> BaseObserver:
    observer = Observer()
    observer.schedule(changes, str(changes.docs), recursive=True)
    observer.schedule(changes, str(changes.config_file.parent), recursive=False)
    observer.daemon = True
    observer.start()
    return observer


def run_once(generator: Generator, say: Callable[[str], None]) -> Report | None:
    """One run while watching: its messages said, a failure reported instead of raised."""
    try:
        report = generator.run()
    except (GenerateError, OSError) as exc:
        say(f"ERROR    -  {exc}")
        return None
    for message in report.errors:
        say(f"ERROR    -  {message}")
    for message in report.warnings:
        say(f"WARNING  -  {message}")
    say(f"INFO     -  pages for Zensical: {report.summary()}")
    return report


def watch(
    generator: Generator,
    say: Callable[[str], None],
    *,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Run again after every change until ``keep_going`` says stop (or the reader presses Ctrl+C)."""
    docs = generator.docs
    if docs is None:
        raise GenerateError("nothing to watch: the wiki's docs folder is not known")
    changes = Changes(generator.config_file, docs)
    observer = _observe(changes)
    ours = written(docs)  # every page written (or deleted) while watching: their events are our own
    try:
        while keep_going():
            if not changes.arrived.wait(timeout=0.5):
                continue
            time.sleep(SETTLE)
            ours |= written(docs)
            if changes.take() - ours:
                run_once(generator, say)
    finally:
        observer.stop()
        observer.join(timeout=5)


def serve(generator: Generator, say: Callable[[str], None], arguments: list[str]) -> int:
    """Run `zensical serve` with ``arguments`` and keep its pages current until it stops."""
    command = [sys.executable, "-m", "zensical", "serve", "-f", str(generator.config_file), *arguments]
    child = subprocess.Popen(command)
    try:
        watch(generator, say, keep_going=lambda: child.poll() is None)
    except KeyboardInterrupt:
        pass
    finally:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    return child.wait()
