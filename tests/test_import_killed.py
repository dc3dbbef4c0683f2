"""A killed import never duplicates a thread: each thread file is recorded as it is written.

Issue 18: the record `.forum-import.json` was written only at the end, so after a kill the
next run wrote each thread again as `NAME-2.yml`; moving a broken record away did the same
for every thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitebuild import build_site, write_site
from test_import_helpers import FIXTURES, PLUGIN

from mkdocs_forum_plugin.importers.state import STATE_NAME
from mkdocs_forum_plugin.ledger import KILL_AT

THREADS = 24
PAGE = (FIXTURES / "xenforo2" / "desk-page-1.html").read_text(encoding="utf-8")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def inputs(root: Path) -> Path:
    """Many threads: the saved XenForo 2 page, each copy with a thread number of its own."""
    folder = root / "saved"
    folder.mkdir()
    for n in range(THREADS):
        (folder / f"t{n:02}.html").write_text(PAGE.replace("5310", str(7000 + n)), encoding="utf-8")
    return folder


def wiki(root: Path) -> Path:
    write_site(root, {}, PLUGIN)
    return inputs(root)


def import_threads(root: Path, saved: Path, kill_at: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs_forum_plugin.cli", "import", str(saved), "-o", "docs/threads"]
    environment = {**ENV, **({KILL_AT: kill_at} if kill_at else {})}
    # A session of its own: when the import is killed, its worker processes are ended with it.
    with subprocess.Popen(
        command, cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    ) as process:
        try:
            code = process.wait(timeout=300)
            if code == -signal.SIGKILL:  # its worker processes end by themselves, soon
                deadline = time.monotonic() + 20
                while _alive(process.pid) and time.monotonic() < deadline:
                    time.sleep(0.2)
                assert not _alive(process.pid), "worker processes outlived the killed import"
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
    return subprocess.CompletedProcess(command, code, out.decode(), err.decode())


def _alive(group: int) -> bool:
    """True while a process of the session ``group`` runs (a worker of the import, or its resource tracker)."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def thread_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "docs" / "threads").glob("*.yml"))


def assert_imported_once(root: Path) -> None:
    files = thread_files(root)
    assert len(files) == THREADS, files
    assert not [name for name in files if name.endswith("-2.yml")]
    state = json.loads((root / "docs" / "threads" / STATE_NAME).read_text(encoding="utf-8"))["threads"]
    assert sorted(entry["file"] for entry in state.values()) == files
    assert not (root / "docs" / "threads" / ".forum-import.journal").exists()
    assert not build_site(root, strict=True).warnings()


@pytest.mark.parametrize("at", ["import-written:1", "import-written:13", "import-recorded:13"])
def test_a_killed_import_is_finished_by_the_next_run_without_duplicates(tmp_path: Path, at: str) -> None:
    saved = wiki(tmp_path)
    done = import_threads(tmp_path, saved, at)
    assert done.returncode == -9, done.stdout + done.stderr  # SIGKILL: nothing after it ran
    stopped = thread_files(tmp_path)
    assert 0 < len(stopped) < THREADS
    again = import_threads(tmp_path, saved)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{THREADS - len(stopped)} imported, 0 updated, {len(stopped)} skipped, 0 failed" in again.stdout
    assert_imported_once(tmp_path)


def test_moving_the_record_away_takes_the_same_files_on(tmp_path: Path) -> None:
    saved = wiki(tmp_path)
    assert import_threads(tmp_path, saved).returncode == 0
    (tmp_path / "docs" / "threads" / STATE_NAME).rename(tmp_path / "broken-record.json")
    again = import_threads(tmp_path, saved)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"0 imported, 0 updated, {THREADS} skipped, 0 failed" in again.stdout
    assert "already there, exactly as it would be written; recorded as imported" in again.stdout
    assert_imported_once(tmp_path)


def test_a_file_that_differs_is_still_not_overwritten(tmp_path: Path) -> None:
    saved = wiki(tmp_path)
    assert import_threads(tmp_path, saved).returncode == 0
    (tmp_path / "docs" / "threads" / STATE_NAME).unlink()
    edited = tmp_path / "docs" / "threads" / thread_files(tmp_path)[0]
    text = edited.read_text(encoding="utf-8").replace("forum: Work & Daily Life", "forum: Desk Life")
    edited.write_text(text, encoding="utf-8")
    assert import_threads(tmp_path, saved).returncode == 0
    assert edited.read_text(encoding="utf-8") == text  # without a record, a different file is someone's
    assert len(thread_files(tmp_path)) == THREADS + 1


def test_a_killed_import_that_migrates_an_old_record_of_renamed_threads_finishes_once(tmp_path: Path) -> None:
    """Issue 20: every thread renamed on the forum, a version 1 record, and the run killed halfway."""
    saved = wiki(tmp_path)
    assert import_threads(tmp_path, saved).returncode == 0
    files = thread_files(tmp_path)
    record = tmp_path / "docs" / "threads" / STATE_NAME
    entries = json.loads(record.read_text(encoding="utf-8"))["threads"]
    assert all(key.startswith("thread:forum.example.org:") for key in entries)
    old = {
        key.replace("thread:", "xenforo:", 1): {k: v for k, v in e.items() if k != "settings"}
        for key, e in entries.items()
    }
    record.write_text(json.dumps({"version": 1, "threads": old}), encoding="utf-8")
    for page in saved.iterdir():  # renamed: the title and the address's slug
        text = page.read_text(encoding="utf-8").replace("Sitting at a desk all day: what actually helps?", "Desk days")
        page.write_text(text.replace("sitting-at-a-desk-all-day-what-actually-helps", "desk-days"), encoding="utf-8")
    assert import_threads(tmp_path, saved, "import-written:13").returncode == -9
    again = import_threads(tmp_path, saved)
    assert again.returncode == 0, again.stdout + again.stderr
    # 12 recorded in the journal and 1 written but not recorded are unchanged; the other 11 are updated.
    assert f"0 imported, {THREADS - 13} updated, 13 skipped, 0 failed" in again.stdout
    assert thread_files(tmp_path) == files  # the same files, none beside them
    assert_imported_once(tmp_path)
    state = json.loads(record.read_text(encoding="utf-8"))
    assert "legacy" not in state and all(key.startswith("thread:") for key in state["threads"])
    assert all("title: Desk days\n" in (record.parent / name).read_text(encoding="utf-8") for name in files)
