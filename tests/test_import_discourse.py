"""Issue 12: Discourse topic JSON and forum-dl's Discourse output through one record converter; oneboxes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sitebuild import build_site, one
from test_import_helpers import FIXTURES, run, setup_site, threads

from mkdocs_forum_plugin.importers.bodies import html_to_markdown
from mkdocs_forum_plugin.importers.discourse_records import convert_record

JSON_TOPIC = FIXTURES / "discourse-actions" / "9120.json"
FORUMDL_TOPIC = FIXTURES / "forumdl-discourse" / "walking-poles.jsonl"
NAME = "walking-poles-for-hip-pain-9120.yml"


def imported(root: Path, monkeypatch: pytest.MonkeyPatch, *sources: Path) -> tuple[dict[str, Any], str]:
    root.mkdir()
    setup_site(root, monkeypatch)
    result = run("import", *sources, "--out", "docs/threads", "--base-url", "https://talk.example.com")
    assert result.exit_code == 0, result.output
    found = threads(root)  # each file is checked by the loader, which knows `kind`
    assert list(found) == [NAME]
    return found[NAME], result.output


@pytest.mark.parametrize("source", [JSON_TOPIC, FORUMDL_TOPIC], ids=["json", "forum-dl"])
def test_small_actions_notices_edits_likes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path) -> None:
    data, output = imported(tmp_path / "site", monkeypatch, source)
    posts = data["posts"]
    assert [(p["author"], p.get("kind")) for p in posts] == [
        ("lena_w", None),
        ("mod_ash", "moderator"),  # post_type 2: a moderator notice
        ("physio_tam", None),
        ("lena_w", None),
        ("mod_ash", "moderator"),  # post_type 3 with a comment: a moderator note
    ]
    assert posts[4]["body"] == (
        "*Closed the topic.*\n\nClosing this now that it is answered. Start a new topic for follow-ups.\n"
    )
    assert "Discourse post #3 left out: a small action (pinned the topic) without a comment" in output
    assert "Discourse post #7 left out: a staff whisper" in output
    assert "post 5: a small action (closed the topic) with a comment: kept as a moderator note" in output
    assert "post 2: a moderator notice: marked as such" in output
    assert posts[2]["edited"] == dt.datetime(2024, 2, 4, 7, 20, tzinfo=dt.UTC)  # version 2
    assert "edited" not in posts[3]  # updated_at moved, but there is one version only
    assert [p.get("likes_total") for p in posts] == [None, None, 5, 1, None]
    assert "post 3: the accepted answer" in output
    assert data["tags"] == ["hip", "walking"]


def test_forumdl_gives_what_the_json_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from_json, _ = imported(tmp_path / "json", monkeypatch, JSON_TOPIC)
    from_forumdl, _ = imported(tmp_path / "forumdl", monkeypatch, FORUMDL_TOPIC)
    assert from_forumdl["posts"] == from_json["posts"]
    assert from_forumdl["title"] == from_json["title"]
    both, output = imported(tmp_path / "both", monkeypatch, JSON_TOPIC, FORUMDL_TOPIC)  # one topic, one thread file
    assert both["posts"] == from_json["posts"]
    assert output.count("Discourse post #7 left out: a staff whisper") == 1


def test_oneboxes_become_a_titled_link_and_a_code_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, _ = imported(tmp_path / "site", monkeypatch, JSON_TOPIC)
    body = data["posts"][2]["body"]
    assert "[A beginner's guide to walking poles](https://walking.example.net/poles-guide)" in body
    code_link = "https://code.example.org/walk/steps/blob/main/pace.py#L4-L6"
    assert f"[walk/steps/blob/main/pace.py#L4-L6]({code_link})" in body
    code = "def steps_per_minute(steps, minutes):\n    # keep it gentle: <100 at first\n    return steps / minutes\n"
    assert f"```py\n{code}```" in body
    assert "How long the poles should be" not in body and "Walking Example" not in body


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<aside class="onebox githubblob"><header class="source"><a href="https://code.example.org/a.s4">'
            'code.example.org</a></header><article class="onebox-body"><h4><a href="https://code.example.org/a.s4">'
            'a.s4</a></h4><pre><code class="lang-s4">key value\n# a comment *here*\n</code></pre></article></aside>',
            "[a.s4](https://code.example.org/a.s4)\n\n```s4\nkey value\n# a comment *here*\n```",
        ),
        (
            '<aside class="onebox" data-onebox-src="/t/other-topic/12"><header class="source">'
            '<a href="/t/other-topic/12">Talk</a></header></aside>',
            "[Talk](https://talk.example.com/t/other-topic/12)",
        ),
        ('<aside class="onebox"><article class="onebox-body"><p>No link at all</p></article></aside>', ""),
    ],
)
def test_onebox_forms(html: str, expected: str) -> None:
    assert html_to_markdown(html, "https://talk.example.com")[0] == expected


def record(**fields: Any) -> dict[str, Any]:
    base = {"id": 1, "username": "ann", "post_number": 1, "post_type": 1, "cooked": "<p>Hello.</p>"}
    return {**base, **fields}


@pytest.mark.parametrize(
    ("fields", "edited"),
    [
        ({"version": 2, "updated_at": "2024-01-01T12:00:00Z"}, dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)),
        ({"version": 1, "updated_at": "2024-01-01T12:00:00Z"}, None),
        (
            {"updated_at": "2024-01-01T10:10:00Z"},
            dt.datetime(2024, 1, 1, 10, 10, tzinfo=dt.UTC),
        ),  # no version: past the grace time
        ({"updated_at": "2024-01-01T10:03:00Z"}, None),
    ],
)
def test_edit_dates(fields: dict[str, Any], edited: dt.datetime | None) -> None:
    converted = convert_record(record(created_at="2024-01-01T10:00:00Z", **fields), None)
    assert converted.post is not None and converted.post.edited == edited


@pytest.mark.parametrize(
    "fields",
    [
        {"post_type": "x", "post_number": [1], "version": {}, "actions_summary": "many", "username": 7},
        {"id": True, "created_at": 12, "updated_at": None, "user_title": ["t"], "accepted_answer": "yes"},
        {"cooked": None, "raw": 5},
        {"actions_summary": [{"id": 2, "count": "3"}, None, {"id": "2", "count": 2}]},
    ],
)
def test_fields_of_the_wrong_type_are_read_as_missing(fields: dict[str, Any]) -> None:
    converted = convert_record(record(**fields), None)
    assert converted.post is not None
    assert converted.post.accepted is False


def test_small_action_codes_in_words() -> None:
    converted = convert_record(record(post_type=3, cooked="", action_code="some_new.code"), None)
    assert converted.post is None
    assert converted.left_out == "Discourse post #1 left out: a small action (some new: code) without a comment"
    unnamed = convert_record(record(post_type=3, cooked=""), None)
    assert unnamed.left_out == "Discourse post #1 left out: a small action without a comment"
    commented = convert_record(record(post_type=3, cooked="<p>Moved here.</p>"), None)
    assert commented.post is not None
    assert (commented.post.kind, commented.post.body) == ("moderator", "Moved here.")


def test_moderator_posts_build_strictly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    imported(tmp_path / "site", monkeypatch, JSON_TOPIC, FORUMDL_TOPIC)
    site = build_site(tmp_path / "site", strict=True)
    assert [r.getMessage() for r in site.records if r.levelname in ("WARNING", "ERROR")] == []
    page = site.content(f"threads/{NAME.removesuffix('.yml')}/")
    assert "forum-post--moderator" in one(page, "#post-2")["class"]
    assert "forum-post--moderator" in one(page, "#post-5")["class"]
    assert "forum-post--moderator" not in one(page, "#post-3")["class"]
    assert page.select_one("#post-3 pre code") is not None  # the onebox's code excerpt
