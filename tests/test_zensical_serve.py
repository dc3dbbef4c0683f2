"""`mkdocs-forum generate --serve`: Zensical serves the example wiki, and edits to thread files show up."""

from __future__ import annotations

import html
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from serving import Server, fetch, free_port, start, wait_until

ROOT = Path(__file__).resolve().parents[1]
THREAD = "threads/fear-of-bending.yml"
PAGE = "threads/fear-of-bending/"
OTHER_PAGE = "threads/tightness/"
LAST_LINE = "      else feel like this?\n"  # the end of the first post's body
TIMEOUT = 60


@contextmanager
def generate_serve(root: Path) -> Iterator[Server]:
    """`mkdocs-forum generate --serve -- -a 127.0.0.1:PORT` in ``root``, in a process group of its own."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate", "--serve"]
    server = start([*command, "--", "-a", f"127.0.0.1:{port}"], root, port, own_group=True)
    process = server.process
    try:
        yield server
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=15)
                break
            except subprocess.TimeoutExpired:
                continue
        process.wait(timeout=15)
        server.close_output()


def copy_example(root: Path) -> Path:
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def shows(server: Server, page: str, words: str) -> bool:
    status, text = fetch(server.base + page)
    return status == 200 and words in html.unescape(text)


def save(root: Path, text: str) -> None:
    """Write the thread file afresh, in one step (as an editor's save does)."""
    fresh = root / "fresh.yml"
    fresh.write_text(text, encoding="utf-8")
    fresh.replace(root / "docs" / THREAD)


def test_edits_to_a_thread_file_show_while_serving(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    original = (root / "docs" / THREAD).read_text(encoding="utf-8")
    assert original.count(LAST_LINE) == 1
    with generate_serve(root) as server:
        wait_until(f"{PAGE} to be served", lambda: shows(server, PAGE, "Scared to bend forward"), TIMEOUT, server)
        assert not shows(server, PAGE, "Quokkaberry")

        save(root, original.replace(LAST_LINE, "      else feel like this? Quokkaberry.\n"))
        wait_until(f"{PAGE} to show the edit", lambda: shows(server, PAGE, "Quokkaberry"), TIMEOUT, server)

        save(root, "title: Broken\nposts: [\n  - author: x\n")
        wait_until(
            f"{PAGE} to show the error", lambda: shows(server, PAGE, "This thread file has an error"), TIMEOUT, server
        )
        assert shows(server, PAGE, "fear-of-bending.yml:3")
        assert shows(server, OTHER_PAGE, "tight")
        assert server.process.poll() is None

        save(root, original.replace(LAST_LINE, "      else feel like this? Wombatfern.\n"))
        wait_until(f"{PAGE} to show the fix", lambda: shows(server, PAGE, "Wombatfern"), TIMEOUT, server)
        assert not shows(server, PAGE, "Quokkaberry")
        assert server.process.poll() is None
    assert "Traceback" not in server.text()


def test_ctrl_c_stops_zensical_too(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    with generate_serve(root) as server:
        wait_until(f"{PAGE} to be served", lambda: shows(server, PAGE, "Scared to bend forward"), TIMEOUT, server)
        server.process.send_signal(signal.SIGINT)  # to the command only, as a terminal's Ctrl+C reaches it first
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pytest.fail("mkdocs-forum generate --serve did not stop on Ctrl+C")
        # Its `zensical serve` is gone with it: nothing is left in the process group.
        with pytest.raises(ProcessLookupError):
            os.killpg(server.process.pid, 0)
        assert not answers(server.base + PAGE)


def answers(url: str) -> bool:
    try:
        return fetch(url)[0] == 200
    except OSError:  # connection refused: nothing listens on the port any more
        return False
