"""XenForo 1 and 2 saved pages: from the fixture pages to thread files, members and built pages."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sitebuild import attr, one, text_of
from test_import_helpers import FIXTURES, build, members, only_thread, page_of, run, setup_site

XF1 = FIXTURES / "xenforo1"
XF2 = FIXTURES / "xenforo2"


def test_xenforo2_thread_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", XF2, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "sitting-at-a-desk-all-day-what-actually-helps-5310.yml"
    assert thread["title"] == "Sitting at a desk all day: what actually helps?"
    assert thread["forum"] == "Work & Daily Life"
    assert thread["tags"] == ["Solved", "desk", "sitting"]
    assert thread["source"] == "https://forum.example.org/threads/sitting-at-a-desk-all-day-what-actually-helps.5310/"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["nora.kaye", "old_birch", "TherapistJun", "nora.kaye", "Tomasz W"]
    assert posts[0]["role"] == "New member"  # her title changed: the members file has the newer one
    assert "role" not in posts[3]
    assert posts[0]["date"] == dt.datetime(2021, 3, 4, 9, 12, tzinfo=dt.UTC)
    assert posts[2]["edited"] == dt.datetime(2021, 3, 4, 19, 2, tzinfo=dt.UTC)
    assert posts[1]["likes"] == ["nora.kaye", "Tomasz W"]
    assert "likes_total" not in posts[1]
    assert (posts[2]["likes"], posts[2]["likes_total"]) == (["nora.kaye", "old_birch"], 11)
    assert posts[4]["likes_total"] == 3
    assert posts[2]["body"].startswith('[quote="nora.kaye, post:1"]\nWhich of these is worth keeping?\n[/quote]\n')
    assert '[quote="TherapistJun, post:3"]' in posts[3]["body"]
    assert '[quote="Tomasz W"]\nWalking meetings' in posts[3]["body"]  # quoted from another thread: no link
    assert posts[4]["body"].startswith('[quote="nora.kaye, post:4"]\n[quote="TherapistJun, post:3"]\n')
    assert "general education" not in posts[2]["body"]  # the site disclaimer is the plugin's job
    assert posts[2]["body"].rstrip().endswith("[this page](https://example.com/sitting-and-backs).")
    assert "- walk to a colleague instead of sending a message" in posts[2]["body"]
    assert "Slowly getting there" not in posts[0]["body"]  # signatures are not part of the post
    assert posts[1]["body"].rstrip().endswith("every 30 minutes :)")
    assert "`Ctrl+Alt+Del`" in posts[4]["body"]
    assert members(tmp_path) == {
        "nora.kaye": {"role": "Member"},
        "old_birch": {"role": "Well-known member", "memorial": "RIP 2020"},
        "TherapistJun": {"role": "Pain Therapist"},
        "Tomasz W": {"role": "Member"},
    }
    assert "post 3: removed the site disclaimer" in result.output
    assert "post 2: reactions other than Like (Love) are counted as likes" in result.output
    assert "1 imported, 0 updated, 0 skipped, 0 failed" in result.output


def test_xenforo2_built_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", XF2, "--out", "docs/threads")
    page = build(tmp_path).content(page_of("sitting-at-a-desk-all-day-what-actually-helps-5310.yml"))
    assert attr(page.select_one("#post-3 .forum-quote > p:first-child > a"), "href") == "#post-1"
    assert attr(page.select_one("#post-5 .forum-quote > p:first-child > a"), "href") == "#post-4"
    assert text_of(page.select_one("#post-3 .forum-post__likes")) == "nora.kaye, old_birch and 9 others like this"
    assert attr(page.select_one("#post-3 time.forum-post__edited"), "datetime") == "2021-03-04T19:02:00+00:00"
    assert "forum-post--expert" in one(page, "#post-3")["class"]
    assert text_of(page.select_one("#post-2 .forum-post__memorial")) == "In memoriam: RIP 2020"
    assert text_of(page.select_one("#post-1 .forum-post__role")) == "New member"
    assert text_of(page.select_one("#post-4 .forum-post__role")) == "Member"
    assert len(page.select(".forum-disclaimer")) == 1  # the plugin's own, once


def test_xenforo1_pages_merge_in_page_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    # The file names sort page 3 first; the pages' own numbers decide the order.
    files = sorted(XF1.glob("*.html"))
    assert files[0].name == "a-stiffness-page-3.html"
    result = run("import", *files, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "morning-stiffness-stretch-first-or-move-first-2207.yml"
    posts = thread["posts"]
    assert [p["date"].day for p in posts] == [14, 14, 15, 16, 20]
    assert [p["author"] for p in posts] == ["lindenleaf", "GentleGrace", "DrPaloma", "Sven Ek", "lindenleaf"]
    assert thread["forum"] == "Daily Life"
    assert thread["tags"] == ["Question", "stiffness", "mornings"]
    assert "date" not in thread  # the same day as the first post
    assert posts[0]["role"] == "New Member"
    assert posts[0]["edited"] == dt.datetime(2019, 3, 14, 7, 30, tzinfo=dt.UTC)
    assert posts[0]["body"].startswith("Every morning my back")  # the body is not itself a quote
    assert (posts[2]["likes"], posts[2]["likes_total"]) == (["lindenleaf", "GentleGrace"], 9)
    assert ("likes" not in posts[3], posts[3]["likes_total"]) == (True, 3)  # "You and 2 others"
    assert posts[2]["body"].startswith('[quote="lindenleaf, post:1"]')
    assert posts[2]["body"].rstrip().endswith("- a warm shower")  # disclaimer and its rule removed
    assert '[quote="Sven Ek"]\nA hot water bottle' in posts[3]["body"]
    assert posts[4]["body"].startswith('[quote="Sven Ek, post:4"]\n[quote="DrPaloma, post:3"]\n')
    assert members(tmp_path)["GentleGrace"] == {"role": "Well-Known Member", "memorial": "RIP 2021"}


def test_xenforo1_round_trip_keeps_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Import a multi-page thread and build it: every post, role, like count, edit date and quote link."""
    setup_site(tmp_path, monkeypatch)
    run("import", XF1, "--out", "docs/threads")
    page = build(tmp_path).content(page_of("morning-stiffness-stretch-first-or-move-first-2207.yml"))
    assert len(page.select("article.forum-post")) == 5
    roles = [el.get_text() for el in page.select(".forum-post__role")]
    assert roles == ["New Member", "Well-Known Member", "Pain Therapist", "Member", "Member"]
    likes = [el.get_text() for el in page.select(".forum-post__likes")]
    assert likes == [
        "GentleGrace likes this",
        "lindenleaf and DrPaloma like this",
        "lindenleaf, GentleGrace and 7 others like this",
        "3 members like this",
        "DrPaloma and Sven Ek like this",
    ]
    edited = [el["datetime"] for el in page.select("time.forum-post__edited")]
    assert edited == ["2019-03-14T07:30:00+00:00", "2019-03-15T19:05:00+00:00", "2019-03-20T08:01:00+00:00"]
    links = [
        (attr(el.find_parent("article", class_="forum-post"), "id"), attr(el, "href"))
        for el in page.select(".forum-quote > p:first-child > a")
    ]
    assert links == [("post-3", "#post-1"), ("post-4", "#post-3"), ("post-5", "#post-4"), ("post-5", "#post-3")]
    assert text_of(page.select_one("#post-1 .forum-post__quoted-by")) == "Quoted in post 3"
    unlinked = [el.get_text() for el in page.select("#post-4 .forum-quote > p:first-child") if el.a is None]
    assert unlinked == ["Sven Ek wrote:"]


def test_pages_of_one_thread_given_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    copy = tmp_path / "again.html"
    shutil.copy(XF1 / "b-stiffness-page-1.html", copy)
    result = run("import", XF1, copy, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    _name, thread = only_thread(tmp_path)
    assert len(thread["posts"]) == 5
    assert "page 1 was given twice" in result.output


def test_missing_page_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", XF1 / "b-stiffness-page-1.html", XF1 / "a-stiffness-page-3.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    assert "pages 2 of 3 were not given" in result.output
    _name, thread = only_thread(tmp_path)
    assert thread["posts"][2]["body"].startswith('[quote="Sven Ek"]')  # post 4 is not there to link to
