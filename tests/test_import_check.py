"""`mkdocs-forum check`: the build's messages and exit codes, without a build."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sitebuild import thread_yaml, write_site
from test_import_helpers import FIXTURES, run, setup_site
from test_zensical import copy_example

from mkdocs_forum_plugin.adapters.written import RECORD


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_clean_docs_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    write(tmp_path, {"threads/a.yml": thread_yaml("A"), "members.yml": "ann:\n  role: Member\n"})
    result = run("check", "docs", "--no-zensical")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 thread file checked: 0 errors, 0 warnings"


def test_errors_name_file_line_and_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    bad = "title: B\nposts:\n  - author: ann\n    likes: [x, y]\n    likes_total: 1\n    body: hi\n"
    write(tmp_path, {"threads/good.yml": thread_yaml("Good"), "threads/bad.yml": bad, "typo.yml": "title: T\nbdy: x\n"})
    result = run("check", "--no-zensical")  # the docs folder comes from ./mkdocs.yml
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "ERROR    -  threads/bad.yml:5: posts[1].likes_total: is 1, but 2 members are named in 'likes'" in lines
    assert any(line.startswith("ERROR    -  typo.yml:2: bdy: unknown key 'bdy'") for line in lines)
    assert lines[-1] == "3 thread files checked: 2 errors, 0 warnings"


def test_check_says_the_closest_key_and_why_a_date_is_impossible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_site(tmp_path, monkeypatch)
    typo = "title: T\nposts:\n  - athor: ann\n    body: hi\n"
    when = "title: W\nposts:\n  - author: ann\n    body: hi\n    date: 2022-09-31\n"
    write(tmp_path, {"threads/typo.yml": typo, "threads/when.yml": when, "members.yml": "ann:\n  avatr: a.png\n"})
    result = run("check", "--no-zensical")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        line.startswith("ERROR    -  threads/typo.yml:3: posts[1].athor: unknown key 'athor'; did you mean 'author'?")
        for line in lines
    )
    assert "ERROR    -  threads/when.yml:5: posts[1].date: '2022-09-31' is not a date: September has 30 days" in lines
    assert any(
        line.startswith("ERROR    -  members.yml:2: ann.avatr: unknown key 'avatr'; did you mean 'avatar'?")
        for line in lines
    )
    assert "Traceback" not in result.output


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


def test_the_three_traceback_cases_of_issue_18_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A NUL in `source`, a long non-ASCII section and member name, and an old address no folder can have.
    setup_site(tmp_path, monkeypatch, plugin={"redirects": True})
    long_name = "痛" * 120
    far = "https://f.example/threads/" + "ж" * 150 + "/"
    files = {
        "threads/nul.yml": 'title: N\nsource: "https://f.example/t/x\\0y/"\nposts:\n- {author: a, body: b}\n',
        "threads/long.yml": thread_yaml("L", [{"author": long_name, "body": "b"}], forum=long_name),
        "threads/far.yml": thread_yaml("F", source=far),
    }
    write(tmp_path, files)
    result = run("check", "docs", "--no-zensical")
    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert lines == [
        "ERROR    -  threads/nul.yml:2: source: holds a control character (U+0000), which a one-line field"
        " cannot have; remove it",
        f"WARNING  -  threads/far.yml: no redirect from '{far}': a part of its path has 300 bytes, and a file or"
        " folder name can have at most 255",
        "3 thread files checked: 1 error, 1 warning",
    ]


def test_old_addresses_are_checked_only_where_redirects_are_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    write(tmp_path, {"threads/far.yml": thread_yaml("F", source="https://f.example/threads/" + "ж" * 150 + "/")})
    result = run("check", "docs", "--no-zensical")
    assert result.output.strip() == "1 thread file checked: 0 errors, 0 warnings"


def test_check_after_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", FIXTURES / "xenforo1", FIXTURES / "xenforo2", "--out", "docs/threads")
    result = run("check", "--no-zensical")
    assert result.exit_code == 0, result.output
    assert "2 thread files checked: 0 errors, 0 warnings" in result.output


def test_no_docs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2
    assert "no docs folder 'docs'" in result.output


# -- what a Zensical build of the wiki would lose or leak ---------------------------------------

READY: dict[str, Any] = {
    "markdown_extensions": ["forum_pages"],
    "extra_css": ["assets/forum/forum.css"],
    "exclude_docs": "*.yml\n",
    "not_in_nav": "/threads/\n/members/\n",
}


TOOLTIPS_THEME: dict[str, Any] = {"name": "material", "features": ["navigation.instant", "content.tooltips"]}


def _zensical_site(root: Path, monkeypatch: pytest.MonkeyPatch, **config: Any) -> None:
    write_site(root, {"threads/a.yml": thread_yaml("A"), "members.yml": "ann:\n  role: Member\n"}, {}, **config)
    monkeypatch.chdir(root)


def _zensical_warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "Zensical" in line]


def test_a_wiki_ready_for_zensical_gets_no_zensical_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _zensical_site(tmp_path, monkeypatch, **READY)
    generated = run("generate", "--strict")
    assert generated.exit_code == 0, generated.output
    result = run("check", "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 thread file checked: 0 errors, 0 warnings"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"markdown_extensions": []}, "Zensical would show thread and member pages empty; add 'forum_pages'"),
        ({"extra_css": []}, "Zensical pages would lack the forum's styles; add 'assets/forum/forum.css'"),
        (
            {"exclude_docs": "drafts/\n"},
            "Zensical would publish 2 files of the forum as they are, real names included "
            "('threads/a.yml', 'members.yml'); add them to exclude_docs",
        ),
        (
            {"markdown_extensions": [], "generate": False, "option": "--zensical"},
            "Zensical would show thread and member pages empty; add 'forum_pages'",
        ),
        ({"edit": "threads/a.yml"}, "Zensical would build 1 thread file without their current page ('threads/a.yml')"),
        ({"edit": "members.yml"}, "without their current page ('members.yml'); run 'mkdocs-forum generate'"),
        ({"tag": True}, "mkdocs.yml:1: Zensical cannot read the tag !relative; write the value without it"),
        (
            {"theme": TOOLTIPS_THEME},
            "with content.tooltips, Zensical shows titles as HTML, so a member's title could run script; "
            "add 'assets/forum/tooltips.js' to extra_javascript",
        ),
        (
            {"not_in_nav": "/members/\n"},
            "Zensical would list 1 generated page in the navigation of every page ('threads/a.md'), "
            "which grows each page with the wiki; add them to not_in_nav, such as '/threads/'",
        ),
    ],
    ids=[
        "extension",
        "stylesheet",
        "published-yaml",
        "asked-for",
        "thread-edited",
        "members-edited",
        "tag",
        "tooltips",
        "navigation",
    ],
)
def test_each_zensical_loss_is_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, Any], expected: str
) -> None:
    config = {**READY, **{k: v for k, v in change.items() if k in READY or k == "theme"}}
    _zensical_site(tmp_path, monkeypatch, **config)
    if change.get("generate", True):
        assert run("generate").exit_code == 0
    if "edit" in change:
        edited = tmp_path / "docs" / change["edit"]
        stamp = (tmp_path / "docs" / RECORD).stat().st_mtime_ns + 1_000_000_000
        edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        os.utime(edited, ns=(stamp, stamp))
    if change.get("tag"):
        text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
        (tmp_path / "mkdocs.yml").write_text(f"x_base: !relative $config_dir\n{text}", encoding="utf-8")
    option = [change["option"]] if "option" in change else []
    result = run("check", *option)
    warnings = _zensical_warnings(result.output)
    assert len(warnings) == 1, result.output
    assert expected in warnings[0]
    assert result.exit_code == 0
    assert run("check", "--strict", *option).exit_code == 1
    assert run("check", "--strict", "--no-zensical").exit_code == 0


@pytest.mark.parametrize("script", ["assets/forum/tooltips.js", {"path": "assets/forum/tooltips.js", "defer": False}])
def test_tooltips_with_the_forums_script_get_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str | dict[str, Any]
) -> None:
    _zensical_site(tmp_path, monkeypatch, **READY, theme=TOOLTIPS_THEME, extra_javascript=["extra.js", script])
    assert run("generate", "--strict").exit_code == 0
    result = run("check", "--strict")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "docs" / "assets" / "forum" / "tooltips.js").is_file()  # generate writes it


def test_a_wiki_set_up_for_zensical_but_never_generated_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A fresh clone: its generated pages are never in git, and `zensical build` follows `generate`.
    _zensical_site(tmp_path, monkeypatch, **READY)
    for option in ([], ["--zensical"]):
        result = run("check", "--strict", *option)
        assert result.exit_code == 0, result.output
        assert result.output.strip() == "1 thread file checked: 0 errors, 0 warnings"


def test_a_wiki_built_with_mkdocs_gets_zensical_warnings_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _zensical_site(tmp_path, monkeypatch)  # no Zensical settings at all
    result = run("check", "--strict")
    assert result.exit_code == 0, result.output
    assert not _zensical_warnings(result.output)
    asked = run("check", "--strict", "--zensical")
    assert asked.exit_code == 1
    assert len(_zensical_warnings(asked.output)) == 4, asked.output  # extension, styles, published files, nav
    assert not [line for line in asked.output.splitlines() if "without their current page" in line]


def test_the_example_wiki_as_committed_passes_strict_until_its_pages_are_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path)
    monkeypatch.chdir(root)
    result = run("check", "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(" checked: 0 errors, 0 warnings")
    assert run("generate").exit_code == 0
    assert run("check", "--strict").exit_code == 0
    thread = root / "docs" / "threads" / "back-to-the-garden.yml"
    stamp = (root / "docs" / RECORD).stat().st_mtime_ns + 1_000_000_000
    thread.write_text(thread.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(thread, ns=(stamp, stamp))
    stale = run("check", "--strict")
    assert stale.exit_code == 1
    assert "Zensical would build 1 thread file without their current page ('threads/back-to-the-garden.yml')" in (
        stale.output
    )
