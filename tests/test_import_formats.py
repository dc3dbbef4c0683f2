"""Discourse JSON, forum-dl JSONL and copied text: from the fixtures to thread files and built pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sitebuild import attr, one, text_of
from test_import_helpers import FIXTURES, build, members, only_thread, page_of, run, setup_site


def test_discourse_topic_and_extra_posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run(
        "import",
        FIXTURES / "discourse",
        "--out",
        "docs/threads",
        "--base-url",
        "https://talk.example.com/",
        "--forum",
        "Sleep",
    )
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "tips-for-sleeping-with-sciatica-8812.yml"
    assert thread["source"] == "https://talk.example.com/t/tips-for-sleeping-with-sciatica/8812"
    assert (thread["forum"], thread["tags"]) == ("Sleep", ["sleep", "sciatica"])
    posts = thread["posts"]
    # The small action post ("closed the topic") is left out; the extra page's posts follow.
    assert [p["author"] for p in posts] == ["wren_h", "moss_and_fern", "dr_okafor", "wren_h", "moss_and_fern"]
    assert posts[0]["date"] == dt.datetime(2023, 10, 2, 21, 14, 5, tzinfo=dt.UTC)
    assert "edited" not in posts[0]
    assert posts[2]["edited"] == dt.datetime(2023, 10, 3, 9, 30, 12, tzinfo=dt.UTC)
    assert [p.get("likes_total") for p in posts] == [None, 4, 12, 2, None]
    assert posts[2]["expert"] is True  # the accepted answer, by a Pain Therapist
    assert posts[2]["body"].startswith('[quote="wren_h, post:1"]\nLying on my back')
    assert "@moss_and_fern says" in posts[2]["body"]
    assert "[this topic](https://talk.example.com/t/sleep-positions-guide/7001)" in posts[2]["body"]
    assert "general education" not in posts[2]["body"]
    assert "88.2 KB" not in posts[2]["body"]
    # Raw Markdown: post 4 of Discourse is post 3 here; a quote from topic 7001 keeps no link.
    assert posts[3]["body"].startswith('[quote="dr_okafor, post:3"]\na pillow under the knees')
    assert '[quote="moss_and_fern"]\nWarm socks' in posts[3]["body"]
    assert posts[0]["body"].rstrip().endswith("What positions have worked for you? :pray:")
    assert members(tmp_path)["moss_and_fern"] == {"role": "Regular", "memorial": "RIP 2024"}
    assert "Discourse post #3 left out: a small action" in result.output
    assert "post 3: the accepted answer, by an expert (Pain Therapist): marked expert" in result.output
    assert "1 of the thread's 6 posts" not in result.output  # every listed post is accounted for

    page = build(tmp_path).content(page_of(name))
    assert attr(page.select_one("#post-4 .forum-quote > p:first-child > a"), "href") == "#post-3"
    assert text_of(page.select_one("#post-3 .forum-post__likes")) == "12 members like this"
    assert "forum-post--expert" in one(page, "#post-3")["class"]


def test_discourse_accepted_answer_without_expert_role(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch, plugin={})
    result = run("import", FIXTURES / "discourse", "--out", "docs/threads")
    _name, thread = only_thread(tmp_path)
    assert "expert" not in thread["posts"][2]
    assert "source" not in thread  # no --base-url: the topic's address is unknown
    assert "post 3: the accepted answer; not marked expert" in result.output


def test_discourse_extra_posts_alone_fail_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", FIXTURES / "discourse" / "8812-posts.json", "--out", "docs/threads")
    assert result.exit_code == 1
    assert "8812-posts.json: no thread title: give the file with the thread's first page (or topic JSON) too" in (
        result.output
    )


def test_forum_dl_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", FIXTURES / "forumdl" / "walking-after-a-flare-up.jsonl", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "walking-after-a-flare-up-how-soon-6120.yml"
    assert thread["title"] == "Walking after a flare-up: how soon?"
    assert thread["forum"] == "Movement & Exercise"
    assert thread["source"] == "https://forum.example.org/threads/walking-after-a-flare-up.6120/"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["brightmoor", "Pia Lund", "brightmoor"]
    assert posts[1]["date"] == dt.datetime(2022, 6, 1, 9, 2, tzinfo=dt.UTC)
    assert posts[1]["body"].startswith('[quote="brightmoor, post:1"]\nHow soon is it OK')
    assert posts[2]["body"] == "Did 2 x 10 minutes today. **Felt good!**\n"
    assert members(tmp_path)["Pia Lund"] == {"memorial": "RIP 2023"}
    page = build(tmp_path).content(page_of(name))
    assert attr(page.select_one("#post-2 .forum-quote > p:first-child > a"), "href") == "#post-1"
    assert text_of(page.select_one("#post-2 .forum-post__memorial")) == "In memoriam: RIP 2023"


def test_copied_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    source = FIXTURES / "text" / "posture-myths.txt"
    result = run("import", source, "--out", "docs/threads", "--prefix", "Question")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "is-bad-posture-really-why-my-back-hurts.yml"
    assert thread["title"] == 'Is "bad posture" really why my back hurts?'
    assert (thread["forum"], thread["tags"]) == ("Ask a Therapist", ["Question"])
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["fernhollow", "Marten Ashby", "DrIlse", "fernhollow"]
    assert posts[0]["role"] == "New Member"
    assert "role" not in posts[3]
    assert posts[0]["date"] == dt.date(2022, 4, 2)
    assert posts[0]["edited"] == dt.date(2022, 4, 2)
    assert posts[0]["likes"] == ["quillon"]
    assert (posts[1]["likes"], posts[1]["likes_total"]) == (["fernhollow", "quillon"], 6)
    assert (posts[2]["likes"], posts[2]["likes_total"]) == (["fernhollow", "Marten Ashby"], 13)
    # Quotes in copied text carry no link; the quoted words find the post.
    assert posts[2]["body"].startswith('[quote="fernhollow, post:1"]\nIs posture really the culprit?\n[/quote]')
    assert posts[3]["body"].startswith('[quote="DrIlse, post:3"]')
    assert "- stand up for a minute every half hour\n- try a short walk" in posts[2]["body"]
    assert "Share This Page" not in posts[3]["body"] and "log in" not in posts[3]["body"]
    assert members(tmp_path)["Marten Ashby"] == {"role": "Well-Known Member", "memorial": "RIP 2023"}
    page = build(tmp_path).content(page_of(name))
    assert attr(page.select_one("#post-3 .forum-quote > p:first-child > a"), "href") == "#post-1"
    assert text_of(page.select_one("#post-2 .forum-post__likes")) == "fernhollow, quillon and 4 others like this"
    assert attr(page.select_one("#post-1 time.forum-post__edited"), "datetime") == "2022-04-02"


def test_copied_text_without_prefix_option_keeps_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", FIXTURES / "text" / "posture-myths.txt", "--out", "docs/threads")
    _name, thread = only_thread(tmp_path)
    assert thread["title"].startswith("Question Is")
    assert "tags" not in thread


def test_forum_dl_html_in_titles_names_and_sections_becomes_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", FIXTURES / "forumdl-html" / "pillow.jsonl", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "pillow-between-the-knees-3-311.yml"
    assert thread["title"] == "Pillow between the knees <3"
    assert thread["tags"] == ["Solved"]
    assert thread["forum"] == "Sleep & Rest"
    assert [p["author"] for p in thread["posts"]] == ["Quillan", "Dr Oduya"]
    assert set(members(tmp_path)) <= {"Quillan", "Dr Oduya"}
    page = build(tmp_path).content(page_of(name))
    assert text_of(page.select_one("h1")) == "Pillow between the knees <3"


def test_forum_dl_threads_without_posts_name_the_likely_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", FIXTURES / "forumdl-html" / "no-posts.jsonl", "--out", "docs/threads")
    assert result.exit_code == 1
    assert "the file has 1 thread but no posts: forum-dl's extractor (xenforo) found no post" in result.output
    assert "import saved pages of the thread instead" in result.output
