"""A real `mkdocs serve` in a child process, for tests that edit files while it runs."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

START_TIMEOUT = 60
RELOAD_TIMEOUT = 30


@dataclass
class Server:
    """A running `mkdocs serve` and everything it has printed so far."""

    process: subprocess.Popen[str]
    root: Path
    base: str
    output: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    def close_output(self) -> None:
        """Once the process has ended: wait for the last of its output, and close the pipe."""
        if self.reader is not None:
            self.reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()

    def text(self) -> str:
        """Everything the server printed so far."""
        return "".join(self.output)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> int:
    """The status of a page."""
    return fetch(url)[0]


def wait_until(what: str, check: Callable[[], bool], timeout: float, server: Server) -> None:
    """Poll ``check`` until it holds; fail with what the server printed when it never does, or the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:
            pass
        if server.process.poll() is not None:
            break
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}; mkdocs serve said:\n{server.text()[-3000:]}")


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a page (an error status with an empty text)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, ""


def start(command: list[str], root: Path, port: int, *, own_group: bool = False) -> Server:
    """Start a serving ``command`` in ``root``; its output is collected as it comes."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command,
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=own_group,  # a command that starts its own server: stop both together
    )
    server = Server(process, root, f"http://127.0.0.1:{port}/")
    stdout = process.stdout
    assert stdout is not None
    server.reader = threading.Thread(target=lambda: server.output.extend(iter(stdout.readline, "")), daemon=True)
    server.reader.start()
    return server


@contextmanager
def mkdocs_serve(tmp_path: Path) -> Iterator[Server]:
    """Run `mkdocs serve` on the site in ``tmp_path`` until the block ends (then Ctrl+C)."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(tmp_path / "mkdocs.yml")]
    server = start(command, tmp_path, port)
    process = server.process
    try:
        wait_until("mkdocs serve to answer", lambda: get(server.base) == 200, START_TIMEOUT, server)
        yield server
    finally:
        # SIGINT is Ctrl+C: mkdocs serve stops its watcher and removes its temporary site.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        server.close_output()
