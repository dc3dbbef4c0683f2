"""`mkdocs-forum check`: the build's messages and exit codes, without a build."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import thread_yaml
from test_import_helpers import FIXTURES, run, setup_site


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_clean_docs_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    write(tmp_path, {"threads/a.yml": thread_yaml("A"), "members.yml": "ann:\n  role: Member\n"})
    result = run("check", "docs")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 thread file checked: 0 errors, 0 warnings"


def test_errors_name_file_line_and_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    bad = "title: B\nposts:\n  - author: ann\n    likes: [x, y]\n    likes_total: 1\n    body: hi\n"
    write(tmp_path, {"threads/good.yml": thread_yaml("Good"), "threads/bad.yml": bad, "typo.yml": "title: T\nbdy: x\n"})
    result = run("check")  # the docs folder comes from ./mkdocs.yml
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "ERROR    -  threads/bad.yml:5: posts[1].likes_total: is 1, but 2 members are named in 'likes'" in lines
    assert any(line.startswith("ERROR    -  typo.yml:2: bdy: unknown key 'bdy'") for line in lines)
    assert lines[-1] == "3 thread files checked: 2 errors, 0 warnings"


def test_warnings_fail_only_with_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    posts = [{"author": "ann", "body": '[quote="bob, post:7"]x[/quote]\n\nSee [there](nothere.yml).'}]
    write(tmp_path, {"t.yml": thread_yaml("T", posts, related=["missing.yml"])})
    result = run("check", "docs")
    assert result.exit_code == 0
    assert "WARNING  -  t.yml:3: related[1]: related thread 'missing.yml' not found" in result.output
    assert "quotes post 7, but this thread has 1 post" in result.output
    assert "links to 'nothere.yml', which is not a file of this wiki" in result.output
    assert run("check", "docs", "--strict").exit_code == 1


def test_broken_members_file_and_page_clash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    write(tmp_path, {"members.yml": "ann:\n  rolle: x\n", "x.yml": thread_yaml("X"), "x.md": "# X\n"})
    result = run("check", "docs")
    assert result.exit_code == 1
    assert "ERROR    -  members.yml:2: ann.rolle: unknown key 'rolle'" in result.output
    assert "ERROR    -  x.yml:1: 'x.md' already exists; rename one of the two files" in result.output


def test_check_after_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", FIXTURES / "xenforo1", FIXTURES / "xenforo2", "--out", "docs/threads")
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "2 thread files checked: 0 errors, 0 warnings" in result.output


def test_no_docs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2
    assert "no docs folder 'docs'" in result.output
