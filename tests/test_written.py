"""The list of files `mkdocs-forum generate` wrote: its block in docs/.gitignore."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs_forum_plugin.adapters.written import BEGIN, FINISH, record, written


def test_a_first_run_makes_a_gitignore_that_ignores_itself(tmp_path: Path) -> None:
    record(tmp_path, ["threads/b.md", "forums/index.md"])
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines == [BEGIN, "/.gitignore", "/forums/index.md", "/threads/b.md", FINISH]
    assert written(tmp_path) == {"threads/b.md", "forums/index.md"}


def test_the_wikis_own_lines_are_kept_and_its_gitignore_stays_tracked(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp\n", encoding="utf-8")
    record(tmp_path, ["a.md"])
    record(tmp_path, ["b.md", "c.md"])
    text = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert text.startswith("drafts/\n*.tmp\n\n" + BEGIN + "\n/b.md\n")
    assert "/.gitignore" not in text
    assert written(tmp_path) == {"b.md", "c.md"}
    record(tmp_path, [])
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "drafts/\n*.tmp\n"


def test_nothing_recorded_and_nothing_of_ours_leaves_no_file(tmp_path: Path) -> None:
    record(tmp_path, ["a.md"])
    record(tmp_path, [])
    assert not (tmp_path / ".gitignore").exists()
    assert written(tmp_path) == set()


def test_an_unreadable_gitignore_means_nothing_was_written(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_bytes(b"\xff\xfe" + BEGIN.encode() + b"\n/a.md\n")
    assert written(tmp_path) == set()


def test_git_leaves_the_written_files_out(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "threads").mkdir(parents=True)
    for name in ("threads/a.yml", "threads/a.md", "index.md"):
        (docs / name).write_text("x\n", encoding="utf-8")
    record(docs, ["threads/a.md"])
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    status = subprocess.run(
        ["git", "-C", str(tmp_path), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "docs/threads/a.yml" in status and "docs/index.md" in status
    assert "docs/threads/a.md" not in status and "docs/.gitignore" not in status
