"""`mkdocs serve`: edits to a thread file reach the open page by themselves, and so do mistakes."""

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
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sitebuild import thread_yaml, write_site

from .helpers import new_context

START_TIMEOUT = 60
RELOAD_TIMEOUT = 30

BROKEN = """\
title: A broken edit
posts:
  - author: ann: bob
    body: Hello
"""
BROKEN_LINE = 3  # "mapping values are not allowed here"


@dataclass
class Server:
    """A running `mkdocs serve` and everything it has printed so far."""

    process: subprocess.Popen[str]
    root: Path
    base: str
    output: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.output)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code


def wait_until(what: str, check: Callable[[], bool], timeout: float, server: Server) -> None:
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


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    posts = [{"author": "ann", "body": "Before the edit."}]
    write_site(
        tmp_path,
        {"threads/t.yml": thread_yaml("Before the edit", posts), "threads/other.yml": thread_yaml("Other thread")},
    )
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(tmp_path / "mkdocs.yml")],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(process, tmp_path, f"http://127.0.0.1:{port}/")
    assert process.stdout is not None
    reader = threading.Thread(target=lambda: server.output.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
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
        reader.join(timeout=10)
        process.stdout.close()


def h1(page: Page) -> str:
    return page.locator("article.md-content__inner h1").first.inner_text(timeout=1_000)


def test_edits_and_errors_reach_the_open_page(browser: Browser, served: Server) -> None:
    thread = served.root / "docs" / "threads" / "t.yml"
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(served.base + "threads/t/")
        assert h1(page) == "Before the edit"
        page.evaluate("window.__notReloaded = true")

        # 1. An edit: the page changes by itself (MkDocs' livereload script), we never reload.
        thread.write_text(thread_yaml("After the edit", [{"author": "ann", "body": "The body changed too."}]))
        wait_until("the edited title", lambda: h1(page) == "After the edit", RELOAD_TIMEOUT, served)
        assert page.locator(".forum-post__body").first.inner_text() == "The body changed too."
        assert page.evaluate("window.__notReloaded") is None, "the page should have been reloaded by livereload"

        # 2. A YAML syntax error: file:line in the terminal and on the page; the server keeps serving.
        thread.write_text(BROKEN)
        location = f"threads/t.yml:{BROKEN_LINE}"
        wait_until(f"'{location}' in the terminal", lambda: location in served.text(), RELOAD_TIMEOUT, served)
        error = page.locator(".forum-error")
        wait_until("the error on the page", lambda: error.count() == 1, RELOAD_TIMEOUT, served)
        message = error.inner_text()
        assert location in message, message
        assert get(served.base + "threads/other/") == 200
        assert get(served.base) == 200

        # 3. The fix: the page recovers by itself.
        thread.write_text(thread_yaml("Fixed again", [{"author": "ann", "body": "All good."}]))
        wait_until("the fixed page", lambda: h1(page) == "Fixed again", RELOAD_TIMEOUT, served)
        assert page.locator(".forum-error").count() == 0
        print(f"\nmkdocs serve reported: {[line.strip() for line in served.output if location in line]}")
    finally:
        context.close()


def test_a_new_thread_file_appears_in_its_section(browser: Browser, served: Server) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(served.base + "forums/general/")
        link = page.get_by_role("link", name="A thread added while serving")
        assert link.count() == 0
        (served.root / "docs" / "threads" / "added.yml").write_text(
            thread_yaml("A thread added while serving", [{"author": "bo", "body": "Fresh from the editor."}])
        )
        wait_until("the new thread in the section list", lambda: link.count() == 1, RELOAD_TIMEOUT, served)
        link.click()
        page.wait_for_url("**/threads/added/")
        assert h1(page) == "A thread added while serving"
        assert page.locator(".forum-post__body").first.inner_text() == "Fresh from the editor."
    finally:
        context.close()
