"""Fixtures: build real MkDocs sites into tmp_path (helpers live in sitebuild.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sitebuild import BuildFn, Site, build_site, thread_yaml, write_site

__all__ = ["BuildFn", "Site", "build_site", "thread_yaml", "write_site"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden``: rewrite the expected files in tests/golden/ from today's output."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.html and *.problems.txt from the current render output (see tests/README.md)",
    )


@pytest.fixture
def make_site(tmp_path: Path) -> BuildFn:
    """Write and build a site: ``make_site({"threads/a.yml": "..."}, plugin={...})``."""

    def make(
        files: dict[str, str],
        plugin: dict[str, Any] | None = None,
        command: str = "build",
        strict: bool = False,
        **config: Any,
    ) -> Site:
        write_site(tmp_path, files, plugin, **config)
        return build_site(tmp_path, command=command, strict=strict)

    return make


@pytest.fixture
def forks_under_xdist(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the plugin fork its copies in a test worker, counting only the threads the test starts.

    ``pages_ahead`` refuses to fork beside any other thread. A pytest-xdist worker keeps
    system threads of its own (execnet's, talking to the controller), and earlier tests
    in the same worker (the browser's, the previews') may leave idle ones; a copy forked
    in a test never uses any of them.
    """
    import threading  # noqa: PLC0415

    from mkdocs_forum_plugin import pages_ahead  # noqa: PLC0415

    there = set(threading.enumerate())
    monkeypatch.setattr(pages_ahead, "_other_threads", lambda: sum(t not in there for t in threading.enumerate()))
