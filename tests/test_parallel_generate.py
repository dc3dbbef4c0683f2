"""`mkdocs-forum generate` with a second process writes the same docs/ files, byte for byte, as one process.

``parallel: true`` (the default) forks a copy once the site plan is made; it makes
every second page while the generating process makes the others and writes them all
(``Generator._ahead``); before that, another copy parses every second thread file.
These runs compare every file of docs/ with a ``parallel: false`` run of the same
wiki, and check that the copies really made their share.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitebuild import BROKEN, dies_in_the_copy, files_of, linked_wiki

from mkdocs_forum_plugin.adapters.zensical import generate
from mkdocs_forum_plugin.adapters.zensical.generate import Generator, Report
from mkdocs_forum_plugin.pages_ahead import MIN_PAGES

# Enough for the copy's share (every second page) to be made ahead.
THREADS = generate.SHARE * MIN_PAGES + 6
pytestmark = pytest.mark.usefixtures("forks_under_xdist")
Generated = tuple[dict[str, bytes], list[str]]  # the files of docs/, and the run's warnings


def generated(root: Path, command: str = "build") -> tuple[Report, dict[str, bytes]]:
    """Run generate once on the wiki at ``root``; what it reported, and every file of its docs/ after."""
    report = Generator(root / "mkdocs.yml", command=command).run()  # type: ignore[arg-type]
    return report, files_of(root / "docs")


def pages(report: Report) -> int:
    """The files the run made (all of them written, on a first run)."""
    return len(report.written) + report.unchanged


@pytest.fixture
def one_process(tmp_path: Path) -> Generated:
    linked_wiki(tmp_path / "one", THREADS, parallel=False)
    report, files = generated(tmp_path / "one")
    assert report.made_ahead == report.parsed_ahead == 0
    return files, report.warnings


def assert_same(report: Report, files: dict[str, bytes], one_process: Generated) -> None:
    """The files are the one-process run's, byte for byte, and so are the warnings, each once and in order."""
    assert files == one_process[0]
    assert report.warnings == one_process[1]


def test_pages_made_by_a_copy_are_the_pages_one_process_makes(tmp_path: Path, one_process: Generated) -> None:
    linked_wiki(tmp_path / "two", THREADS)
    report, files = generated(tmp_path / "two")
    # The copy made every second page: half of them, and the process made the others.
    assert report.made_ahead == pages(report) // generate.SHARE >= MIN_PAGES
    assert report.parsed_ahead == THREADS // 2  # and another parsed every second thread file
    assert_same(report, files, one_process)
    assert sum(BROKEN in w for w in report.warnings) == 1


def test_a_copy_that_dies_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_process: Generated
) -> None:
    monkeypatch.setattr(Generator, "_content", dies_in_the_copy(Generator._content, at=10))
    linked_wiki(tmp_path / "two", THREADS)
    report, files = generated(tmp_path / "two")
    assert report.made_ahead == 9
    assert_same(report, files, one_process)


def test_a_page_that_fails_in_the_copy_is_made_and_reported_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_process: Generated
) -> None:
    parent, content = os.getpid(), Generator._content

    def fails_in_the_copy(self: Generator, *args: object) -> tuple[bytes, list[str]]:
        if os.getpid() != parent and args[2].src == "threads/t7.md":  # type: ignore[attr-defined]
            raise RuntimeError("only the copy fails here")  # the thread with the broken link
        return content(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Generator, "_content", fails_in_the_copy)
    linked_wiki(tmp_path / "two", THREADS)
    report, files = generated(tmp_path / "two")
    assert report.made_ahead == pages(report) // generate.SHARE - 1
    assert_same(report, files, one_process)


def test_only_a_single_run_makes_pages_in_a_copy(tmp_path: Path, one_process: Generated) -> None:
    # While watching, the pages this process keeps for the next run must be its own.
    linked_wiki(tmp_path / "two", THREADS)
    report, files = generated(tmp_path / "two", "serve")
    assert report.made_ahead == report.parsed_ahead == 0
    assert_same(report, files, one_process)
