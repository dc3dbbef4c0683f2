"""Issue 12: themed XenForo 2 pages: user titles, likes and edit notes found by what they are; unknown themes said."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_import_helpers import FIXTURES, members, only_thread, run, setup_site

THEMED = FIXTURES / "xenforo2-themed" / "desk-timer-page-1.html"


def test_themed_page_keeps_titles_likes_and_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", THEMED, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    _name, data = only_thread(tmp_path)
    posts = data["posts"]
    assert [p["author"] for p in posts] == ["pia.lund", "Coach Reyes", "juno_b"]
    assert [p.get("edited") for p in posts] == [dt.datetime(2022, 5, 9, 9, 45, tzinfo=dt.UTC), None, None]
    assert [p.get("likes") for p in posts] == [None, ["pia.lund", "juno_b"], None]
    assert posts[1]["likes_total"] == 6
    roles = {name: entry.get("role") for name, entry in members(tmp_path).items()}
    assert roles == {"pia.lund": "Newcomer", "Coach Reyes": "Physio Coach", "juno_b": "Regular"}
    assert "theme is not understood" not in result.output and "no user titles" not in result.output


def test_the_default_style_still_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", FIXTURES / "xenforo2", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    assert "theme is not understood" not in result.output and "no user titles" not in result.output


def unknown_theme(tmp_path: Path, *, bodies: bool) -> Path:
    html = THEMED.read_text(encoding="utf-8")
    html = html.replace("userTitle message-titlebadge", "rank-label").replace('itemprop="jobTitle"', "")
    if not bodies:
        for old, new in (
            ("bbWrapper", "postText"),
            ('itemprop="text"', ""),
            ("message-body", "post-main"),
            ("message-content", "post-content"),
        ):
            html = html.replace(old, new)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_an_unknown_theme_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", unknown_theme(tmp_path, bodies=True), "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    assert "no user titles found on this page: if it shows them, its theme is not understood (no roles)" in (
        result.output
    )
    result = run("import", unknown_theme(tmp_path, bodies=False), "--out", "docs/threads", "--force")
    assert result.exit_code == 1
    assert (
        "page.html: no posts: the page's theme is not understood: no post body found in post(s) 1, 2, 3 of this"
        " page; left out" in result.output
    )


def test_a_page_without_post_elements_names_the_theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    html = THEMED.read_text(encoding="utf-8").replace("data-author=", "data-poster=")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    result = run("import", tmp_path / "page.html", "--out", "docs/threads")
    assert result.exit_code == 1
    assert "page.html: no posts found: the page's theme is not understood (no element with data-author" in result.output
