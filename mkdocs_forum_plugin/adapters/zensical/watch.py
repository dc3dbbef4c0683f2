"""``generate --watch`` and ``--serve``: write the pages again whenever a file of the wiki changes.

The wiki's files are polled (names, sizes and modification times): no event
storms, and the same on every system. The pages the command wrote are not
watched, so writing them does not start another run. A run that fails (a broken
``mkdocs.yml``, an unreadable file) is reported and the watching goes on, as
``mkdocs serve`` does; broken thread files get an error page instead of theirs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..written import written
from .generate import GenerateError, Generator, Report

Snapshot = dict[str, tuple[int, int]]


def snapshot(config_file: Path, docs: Path | None) -> Snapshot:
    """Size and modification time of mkdocs.yml and of every file of docs/ but the generated ones."""
    seen: Snapshot = {}
    try:
        stat = config_file.stat()
        seen[f"config:{config_file}"] = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        pass
    if docs is None or not docs.is_dir():
        return seen
    ours = written(docs)
    for folder, dirs, names in os.walk(docs):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        relative = Path(folder).relative_to(docs).as_posix()
        for name in names:
            path = name if relative == "." else f"{relative}/{name}"
            if name.startswith(".") or path in ours:
                continue
            try:
                stat = (Path(folder) / name).stat()
            except OSError:
                continue
            seen[path] = (stat.st_mtime_ns, stat.st_size)
    return seen


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
    interval: float = 0.5,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Run again after every change until ``keep_going`` says stop (or the reader presses Ctrl+C)."""
    last = snapshot(generator.config_file, generator.docs)
    while keep_going():
        time.sleep(interval)
        now = snapshot(generator.config_file, generator.docs)
        if now != last:
            run_once(generator, say)
            last = snapshot(generator.config_file, generator.docs)


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
