"""Simple Machines 2.0 and 2.1 saved topic pages: from the fixture pages to thread files, members and built pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sitebuild import attr, text_of
from test_import_helpers import FIXTURES, build, members, only_thread, page_of, run, setup_site

from mkdocs_forum_plugin.importers.detect import detect
from mkdocs_forum_plugin.importers.engines import smf
from mkdocs_forum_plugin.importers.records import ParseOptions

SMF20 = FIXTURES / "smf20"
SMF21 = FIXTURES / "smf21"
UI_TEXT = ("Quote from", "Code:", "[Select]", "Select", "Expand", "Last Edit", "Report to moderator", "Logged", "Like")


@pytest.mark.parametrize("folder", [SMF20, SMF21])
def test_both_versions_are_recognised(folder: Path) -> None:
    for path in folder.glob("*.html"):
        assert detect(path.read_bytes()) is smf.parse, path


def test_smf20_thread_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", SMF20, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "do-insoles-help-with-back-pain-2210.yml"
    assert thread["title"] == "Do insoles help with back pain?"
    assert thread["forum"] == "Feet, knees and back"
    assert thread["source"] == "https://painfree.example.com/index.php?topic=2210.0"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["bramble", "Greta_PT", "bramble"]
    assert members(tmp_path) == {"bramble": {"role": "Jr. Member"}, "Greta_PT": {"role": "Pain Therapist"}}
    assert posts[0]["date"] == dt.datetime(2012, 10, 2, 19, 31, 9)
    assert posts[1]["date"] == dt.datetime(2012, 10, 3, 9, 5, 44)
    assert posts[1]["edited"] == dt.datetime(2012, 10, 3, 9, 20, 2)
    assert "date" not in posts[2]  # "Today at 08:12:40 AM": the day the page was saved is not known
    assert "post 3: date 'Today at 08:12:40 AM' left out: it is relative" in result.output
    assert posts[0]["body"].rstrip().endswith("They cost a lot here :-\\")
    assert posts[1]["body"].startswith('[quote="bramble, post:1"]\nHas anyone had insoles made')
    assert "**Walking** and *strengthening the hips*" in posts[1]["body"]
    assert "```\nbridge x10\nclam x10 each side\n```" in posts[1]["body"]
    assert posts[2]["body"].startswith('[quote="Greta_PT, post:2"]\n[quote="bramble, post:1"]\nThey cost a lot here')
    assert "less :)" in posts[2]["body"]
    assert (
        "- [insoles-receipt.pdf](https://painfree.example.com/index.php?action=dlattach;topic=2210.0;attach=455)"
        in (posts[2]["body"])
    )
    for post in posts:
        assert "walking again since spring" not in post["body"] and "Nothing here replaces" not in post["body"]
        for phrase in UI_TEXT:
            assert phrase not in post["body"], (phrase, post["body"])
    assert "is left open" not in result.output
    page = build(tmp_path).content(page_of(name))
    sources = page.select(".forum-quote > p:first-child > a")
    assert [attr(a, "href") for a in sources] == ["#post-1", "#post-2", "#post-1"]
    assert all("**" not in el.get_text() for el in page.select(".forum-post > div"))


def test_smf21_two_pages_with_likes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run(
        "import",
        SMF21 / "sleeping-position-page-2.html",
        SMF21 / "sleeping-position-page-1.html",
        "--out",
        "docs/threads",
    )
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "sleeping-position-after-a-disc-flare-up-96.yml"
    assert thread["forum"] == "Sleep and rest"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["wrenfield", "Physio_Lena", "wrenfield", "oakridge", "wrenfield"]
    assert members(tmp_path)["Physio_Lena"] == {"role": "Pain Therapist"}  # the custom title before the group
    assert members(tmp_path)["oakridge"] == {"role": "Newbie"}
    assert [p.get("date") for p in posts] == [
        dt.datetime(2023, 3, 2, 22, 14, 5),
        dt.datetime(2023, 3, 3, 8, 40, 12),
        dt.datetime(2023, 3, 3, 21, 2, 44),
        dt.datetime(2023, 3, 5, 7, 15),
        None,
    ]
    assert posts[1]["edited"] == dt.datetime(2023, 3, 3, 8, 55, 30)
    assert [p.get("likes_total") for p in posts] == [None, 4, 1, None, 3]  # "You and 2 other people" is 3
    assert posts[1]["body"].startswith('[quote="wrenfield, post:1"]\nOn my back my legs tingle')
    assert "*the same day*" in posts[1]["body"]
    assert "```\nback: pillow under knees\nside: pillow between knees\n```" in posts[1]["body"]
    assert "- [pillows.jpg](https://backtalk.example.org/index.php?action=dlattach;attach=88)" in posts[2]["body"]
    assert posts[3]["body"].startswith('[quote="wrenfield, post:3"]\n[quote="Physio_Lena, post:2"]\nyour side with')
    for post in posts:
        assert "swimming twice a week" not in post["body"] and "answers are general" not in post["body"]
        for phrase in UI_TEXT:
            assert phrase not in post["body"], (phrase, post["body"])
    assert "were not given" not in result.output  # both pages were given
    page = build(tmp_path).content(page_of(name))
    assert len(page.select("article.forum-post")) == 5
    assert text_of(page.select_one("#post-2 .forum-post__likes")) == "4 members like this"
    assert "forum-post--expert" in (page.select_one("#post-2") or page).get_attribute_list("class")
    assert all("**" not in el.get_text() for el in page.select(".forum-post > div"))


def test_smf21_missing_page_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", SMF21 / "sleeping-position-page-2.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    assert "pages 1 of 2 were not given: their posts are missing" in result.output
    _name, thread = only_thread(tmp_path)
    assert thread["posts"][0]["body"].startswith('[quote="wrenfield"]\n[quote="Physio_Lena"]')  # not in the file


def test_a_number_sign_in_the_subject_is_not_a_reply_number() -> None:
    saved = (SMF21 / "sleeping-position-page-1.html").read_bytes()
    page = saved.replace(b"Sleeping position after", b"Night #7: sleeping after")
    posts = smf.parse("p.html", page, ParseOptions())[0].posts
    assert [p.position for p in posts] == [1, 2, 3]


def test_a_post_whose_text_is_not_found_is_named() -> None:
    saved = (SMF20 / "insoles.html").read_bytes()
    page = smf.parse(
        "p.html", saved.replace(b'<div class="inner" id="msg_8814">', b'<div id="msg_8814">'), ParseOptions()
    )[0]
    assert [p.post_id for p in page.posts] == ["8811", "8820"]
    assert page.notes == ["no post text found in post(s) 2 of this page; left out"]


def test_smf20_core_theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2.0's second theme: no div.post_wrapper, titles without classes, 'Topic: SUBJECT (Read N times)'."""
    setup_site(tmp_path, monkeypatch)
    core = FIXTURES / "smf20-core"
    assert detect((core / "heel-raise.html").read_bytes()) is smf.parse
    result = run("import", core, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "heel-raises-for-lower-back-pain-2301.yml"
    assert thread["title"] == "Heel raises for lower back pain?"
    assert thread["forum"] == "Feet, knees and back"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["Odile", "Greta_PT"]
    assert members(tmp_path) == {"Odile": {"role": "Newbie"}, "Greta_PT": {"role": "Pain Therapist"}}
    assert posts[1]["date"] == dt.datetime(2012, 11, 15, 8, 2, 10)
    assert posts[1]["edited"] == dt.datetime(2012, 11, 15, 8, 10, 45)
    assert posts[0]["body"].rstrip().endswith("How many should I do? ???")
    assert posts[1]["body"].startswith('[quote="Odile, post:1"]\nHow many should I do?\n[/quote]')
    assert all("school run" not in p["body"] and "replaces an examination" not in p["body"] for p in posts)
    build(tmp_path)
