"""Issue 12: threads copied as text from Chromium and from Firefox, whole pages and selections of posts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_import_helpers import FIXTURES, members, run, setup_site, threads

from mkdocs_forum_plugin.importers.detect import detect
from mkdocs_forum_plugin.importers.plaintext import parse as parse_text
from mkdocs_forum_plugin.importers.records import ParseOptions

TEXT = FIXTURES / "text-browsers"
FIREFOX = FIXTURES / "text" / "posture-myths.txt"


def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path) -> tuple[dict[str, Any], str]:
    root = tmp_path / source.stem
    root.mkdir()
    setup_site(root, monkeypatch)
    result = run("import", source, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    (data,) = threads(root).values()
    return data, result.output


@pytest.mark.parametrize(
    ("name", "form"),
    [
        (
            "posture-myths-chromium.txt",
            "as Chromium copies it (name, date and #N on lines of their own; no list numbers)",
        ),
        ("posture-myths-firefox-unnumbered.txt", "without list numbers"),
    ],
)
def test_whole_page_gives_what_firefox_numbered_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, form: str
) -> None:
    expected, firefox_output = imported(tmp_path, monkeypatch, FIREFOX)
    data, output = imported(tmp_path, monkeypatch, TEXT / name)
    assert data == expected  # same authors in the same order, roles, dates, edits, likes, quotes and bodies
    assert [p["author"] for p in data["posts"]] == ["fernhollow", "Marten Ashby", "DrIlse", "fernhollow"]
    assert f"read as text copied {form}, the whole page" in output
    assert "read as text copied as Firefox copies it, with the forum's list numbers, the whole page" in firefox_output
    assert members(tmp_path / (TEXT / name).stem)["DrIlse"] == {"role": "Pain Therapist"}


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("posture-myths-chromium-selection.txt", "as Chromium copies it (name, date and #N on lines of their own;"),
        ("posture-myths-firefox-selection.txt", "as Firefox copies it, with the forum's list numbers"),
    ],
)
def test_a_selection_of_posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, form: str) -> None:
    data, output = imported(tmp_path, monkeypatch, TEXT / name)
    posts = data["posts"]
    assert [p["author"] for p in posts] == ["Marten Ashby", "DrIlse"]
    assert (posts[0]["likes"], posts[0]["likes_total"]) == (["fernhollow", "quillon"], 6)
    assert "likes" not in posts[1] and str(posts[1]["edited"]) == "2022-04-03"
    assert posts[1]["body"] == 'Good question. Research has not found one "correct" posture that protects backs.\n'
    assert form in output and "a selection of posts" in output
    title = Path(name).stem.replace("-", " ").capitalize()
    assert data["title"] == title
    assert f"no thread title in a selection of posts: the title '{title}' is made from the file name" in output
    roles = members(tmp_path / Path(name).stem)
    assert roles["Marten Ashby"]["role"] == "Well-Known Member" and roles["DrIlse"]["role"] == "Pain Therapist"


def test_selections_are_detected_as_copied_text() -> None:
    for path in TEXT.iterdir():
        assert detect(path.read_bytes()) is not None, path.name
    assert detect(b"Just a shopping list, apples #2\n") is None  # no date: not a post's meta line


def test_a_short_last_body_line_is_not_taken_for_a_user_title() -> None:
    text = "ann\nThanks\nann,\nApr 2, 2022\n#1\nbo\nMember\nNoted, with thanks\nMore here.\nbo,\nApr 3, 2022\n#2\n"
    (page,) = parse_text("picked.txt", text.encode(), ParseOptions())
    assert [(p.author, p.user_title, p.body) for p in page.posts] == [
        ("ann", None, "Thanks"),
        ("bo", "Member", "Noted, with thanks\n\nMore here."),
    ]


def test_chromium_copy_gives_the_authors_of_the_saved_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved, _ = imported(tmp_path, monkeypatch, FIXTURES / "xenforo1" / "b-stiffness-page-1.html")
    copied, output = imported(tmp_path, monkeypatch, TEXT / "stiffness-page-1-chromium.txt")
    assert [p["author"] for p in copied["posts"]] == [p["author"] for p in saved["posts"]]
    assert [p.get("likes") for p in copied["posts"]] == [p.get("likes") for p in saved["posts"]]
    assert [p.get("edited") is not None for p in copied["posts"]] == [True, False]
    assert copied["posts"][1]["body"].endswith("By the time the kettle boils I'm fine.\n")  # no tags, no buttons
    assert "as Chromium copies it" in output and "the whole page" in output


def test_a_german_page_reads_like_the_english_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """XenForo's German phrases (issue 13): 'Zuletzt bearbeitet', '… und 4 anderen gefällt das', 'hat gesagt'."""
    english, _ = imported(tmp_path, monkeypatch, FIREFOX)
    german, output = imported(tmp_path, monkeypatch, FIXTURES / "text-de" / "haltung.txt")
    assert "the whole page" in output and "no 'Share This Page' line" not in output
    assert german["forum"] == "Frag eine Therapeutin"
    facts = ("author", "date", "edited", "likes", "likes_total")
    for de_post, en_post in zip(german["posts"], english["posts"], strict=True):
        assert {k: de_post.get(k) for k in facts if k != "date"} == {k: en_post.get(k) for k in facts if k != "date"}
        assert str(de_post["date"])[:10] == str(en_post["date"])[:10]
    assert str(german["posts"][2]["date"]) == "2022-04-03 09:15:00"
    assert german["posts"][2]["body"].startswith('[quote="fernhollow, post:1"]')
    assert "Zum Erweitern" not in german["posts"][2]["body"]
    roles = members(tmp_path / "haltung")
    assert roles["DrIlse"] == {"role": "Schmerztherapeutin"}
