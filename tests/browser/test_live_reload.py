"""`mkdocs serve`: edits to a thread file reach the open page by themselves, and so do mistakes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from serving import RELOAD_TIMEOUT, Server, get, mkdocs_serve, wait_until
from sitebuild import thread_yaml, write_site

from .helpers import new_context

BROKEN = """\
title: A broken edit
posts:
  - author: ann: bob
    body: Hello
"""
BROKEN_LINE = 3  # "mapping values are not allowed here"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    posts = [{"author": "ann", "body": "Before the edit."}]
    write_site(
        tmp_path,
        {"threads/t.yml": thread_yaml("Before the edit", posts), "threads/other.yml": thread_yaml("Other thread")},
    )
    with mkdocs_serve(tmp_path) as server:
        yield server


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
        assert page.locator(".forum-post > div").first.inner_text() == "The body changed too."
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
        assert page.locator(".forum-post > div").first.inner_text() == "Fresh from the editor."
    finally:
        context.close()
