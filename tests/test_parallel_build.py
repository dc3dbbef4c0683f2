"""A build whose pages a second process makes ahead writes the same site, byte for byte, as one process.

``parallel: true`` (the default) forks a copy of the build once every page's
inputs are known (``pages_ahead.py``). These builds compare every file with a
``parallel: false`` build of the same wiki, and check that the copy really made
the pages, so the comparison is not between two one-process builds.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from sitebuild import BROKEN, Collect, dies_in_the_copy, files_of, linked_wiki

from mkdocs_forum_plugin.adapters.mkdocs.plugin import ForumPlugin
from mkdocs_forum_plugin.pages_ahead import MIN_PAGES

THREADS = 2 * MIN_PAGES + 6  # enough for the pages, and for the thread files a copy parses (every second one)
pytestmark = pytest.mark.usefixtures("forks_under_xdist")


class _ReadsContent(BasePlugin):  # type: ignore[type-arg]
    """Another plugin that reads pages' HTML as soon as it is made, as Material's privacy plugin does."""

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        return html


class _StartsThreads(BasePlugin):  # type: ignore[type-arg]
    """Another plugin with worker threads running while pages are made, as Material's social plugin has."""

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        if not hasattr(self, "pool"):
            self.pool = ThreadPoolExecutor(2)
        self.pool.submit(len, markdown)
        return markdown

    def on_post_build(self, *, config: Any) -> None:
        self.pool.shutdown()


def built(
    root: Path,
    command: str = "build",
    other: BasePlugin | None = None,  # type: ignore[type-arg]
) -> tuple[ForumPlugin, list[str]]:
    """Build the wiki at ``root``; the plugin object and the warnings it logged."""
    records: list[logging.LogRecord] = []
    handler = Collect(records)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"))
        if other is not None:
            config.plugins["other"] = other
        config.plugins.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
        build(config)
    finally:
        logger.removeHandler(handler)
    plugin = config.plugins["forum"]
    assert isinstance(plugin, ForumPlugin)
    return plugin, [r.getMessage() for r in records if r.levelno >= logging.WARNING]


def plugin_pages(plugin: ForumPlugin) -> int:
    """The pages the plugin makes: threads, members, listings."""
    return len(plugin.thread_pages) + len(plugin.member_pages) + len(plugin.listings)


def assert_same(root: Path, warnings: list[str], one_process: tuple[dict[str, bytes], list[str]]) -> None:
    """The site at ``root`` is the one-process build's, every file byte for byte, with the same warnings."""
    site, single_warnings = one_process
    assert files_of(root / "site") == site
    # A page's problems are reported once, by the build process, as without the copy.
    assert warnings == single_warnings


@pytest.fixture
def one_process(tmp_path: Path) -> tuple[dict[str, bytes], list[str]]:
    linked_wiki(tmp_path / "one", THREADS, parallel=False)
    plugin, warnings = built(tmp_path / "one")
    assert plugin.made_ahead == plugin.parsed_ahead == 0
    return files_of(tmp_path / "one/site"), warnings


def test_pages_made_ahead_are_the_pages_one_process_makes(
    tmp_path: Path, one_process: tuple[dict[str, bytes], list[str]]
) -> None:
    linked_wiki(tmp_path / "two", THREADS)
    plugin, warnings = built(tmp_path / "two")
    # Every thread, member and listing page came from the second process, and every second thread file.
    assert plugin.made_ahead == plugin_pages(plugin) >= THREADS
    assert plugin.parsed_ahead == THREADS // 2
    assert_same(tmp_path / "two", warnings, one_process)
    assert sum(BROKEN in w for w in warnings) == 1


def test_a_copy_that_dies_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_process: tuple[dict[str, bytes], list[str]]
) -> None:
    monkeypatch.setattr(ForumPlugin, "_made", dies_in_the_copy(ForumPlugin._made, at=30))
    linked_wiki(tmp_path / "two", THREADS)
    plugin, warnings = built(tmp_path / "two")
    assert 0 < plugin.made_ahead < plugin_pages(plugin)
    assert_same(tmp_path / "two", warnings, one_process)


def test_a_page_that_fails_in_the_copy_is_made_and_reported_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_process: tuple[dict[str, bytes], list[str]]
) -> None:
    parent, made = os.getpid(), ForumPlugin._made

    def fails_in_the_copy(self: ForumPlugin, src: str, url: str) -> tuple[str, list[Any]]:
        if os.getpid() != parent and src == "threads/t7.md":  # the thread with the broken link
            raise RuntimeError("only the copy fails here")
        return made(self, src, url)

    monkeypatch.setattr(ForumPlugin, "_made", fails_in_the_copy)
    linked_wiki(tmp_path / "two", THREADS)
    plugin, warnings = built(tmp_path / "two")
    assert plugin.made_ahead == plugin_pages(plugin) - 1
    assert_same(tmp_path / "two", warnings, one_process)


@pytest.mark.parametrize("command", ["build", "gh-deploy", "serve"])
def test_only_a_single_build_makes_pages_ahead(tmp_path: Path, command: str) -> None:
    # A preview rebuilds with pages cached in this process: a copy's pages would not be kept.
    linked_wiki(tmp_path, THREADS)
    plugin, _ = built(tmp_path, command)
    assert plugin.made_ahead == (0 if command == "serve" else plugin_pages(plugin))
    assert plugin.parsed_ahead == (0 if command == "serve" else THREADS // 2)


@pytest.mark.parametrize(
    "other",
    [
        _ReadsContent,  # their HTML is made in on_page_content, before the copy could start (at on_env)
        _StartsThreads,  # a lock one of them held at the fork would stay locked in the copy
    ],
)
def test_beside_some_other_plugins_pages_are_made_in_one_process(
    tmp_path: Path,
    one_process: tuple[dict[str, bytes], list[str]],
    other: type[BasePlugin],  # type: ignore[type-arg]
) -> None:
    linked_wiki(tmp_path / "two", THREADS)
    plugin, warnings = built(tmp_path / "two", other=other())
    assert plugin.made_ahead == 0
    assert_same(tmp_path / "two", warnings, one_process)
