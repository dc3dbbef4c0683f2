"""phpBB saved topic pages (prosilver 3.0 and 3.3, a prosilver-derived style, subsilver2, phpBB 2's subSilver).

From the fixture pages to thread files, members and built pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sitebuild import attr, text_of
from test_import_helpers import FIXTURES, PLUS_ONE, build, members, only_thread, page_of, run, setup_site

from mkdocs_forum_plugin.importers.detect import detect
from mkdocs_forum_plugin.importers.engines import phpbb, phpbb_subsilver
from mkdocs_forum_plugin.importers.engines.dates import page_offset, read_date
from mkdocs_forum_plugin.importers.records import ParseOptions

PB33 = FIXTURES / "phpbb33"
PB33_THEMED = FIXTURES / "phpbb33-themed"
PB30 = FIXTURES / "phpbb30"
SUBSILVER2 = FIXTURES / "phpbb30-subsilver2"
PB2 = FIXTURES / "phpbb2"


def _no_forum_text(posts: list[dict[str, Any]], *phrases: str) -> None:
    """No signature, button or other forum UI text in any body."""
    for post in posts:
        for phrase in ("wrote:", "Select all", "Reply with quote", "Top", "Quote", "Attachments\n", *phrases):
            assert phrase not in post["body"], (phrase, post["body"])


def _built_without_literal_markers(root: Path, output: str, name: str) -> None:
    """The wiki builds with --strict, and no post shows a literal '**' or '__' (nor did the import warn of one)."""
    assert "is left open" not in output
    page = build(root).content(page_of(name))
    bodies = page.select(".forum-post > div")
    assert bodies
    for body in bodies:
        assert "**" not in body.get_text() and "__" not in body.get_text(), body.get_text()


@pytest.mark.parametrize(
    ("folder", "parser"),
    [
        (PB33, phpbb.parse),
        (PB33_THEMED, phpbb.parse),
        (PB30, phpbb.parse),
        (SUBSILVER2, phpbb_subsilver.parse),
        (PB2, phpbb_subsilver.parse),
    ],
)
def test_each_style_is_recognised(folder: Path, parser: object) -> None:
    for path in folder.glob("*.html"):
        assert detect(path.read_bytes()) is parser, path


def test_phpbb33_two_pages_thread_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    # Page 2 is named first: the pages' own numbers decide the order.
    result = run("import", PB33 / "waking-page-2.html", PB33 / "waking-page-1.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "waking-at-4-am-with-lower-back-pain-4127.yml"
    assert thread["title"] == "Waking at 4 am with lower back pain"
    assert thread["forum"] == "Sleep & Pain"
    assert thread["source"] == "https://quietspine.example.org/forum/viewtopic.php?t=4127"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["marisol_k", "Owen.B", "AnneK_Physio", "marisol_k", "quietnights"]
    assert posts[0]["role"] == "New member"  # her rank changed: the members file has the newer one
    assert "role" not in posts[3]
    assert [p["date"] for p in posts] == [
        dt.datetime(2024, 3, 5, 6, 42, tzinfo=PLUS_ONE),
        dt.datetime(2024, 3, 5, 8, 30, tzinfo=PLUS_ONE),
        dt.datetime(
            2024, 3, 5, 9, 14, tzinfo=PLUS_ONE
        ),  # printed "Today, 9:14 am": its UTC time in the page's UTC+01:00
        dt.datetime(2024, 3, 19, 20, 2, tzinfo=PLUS_ONE),
        dt.datetime(2024, 3, 20, 7, 55, tzinfo=PLUS_ONE),
    ]
    assert posts[0]["edited"] == dt.datetime(2024, 3, 5, 7, 5, tzinfo=PLUS_ONE)
    assert posts[0]["body"].startswith("For three weeks I have woken")
    assert "half an hour :?" in posts[0]["body"]  # the smilie as its code
    assert "**Any tips welcome.**" in posts[0]["body"]
    assert "- a pillow between my knees" in posts[0]["body"]
    assert posts[1]["body"].startswith('[quote="marisol_k, post:1"]\nOnce I get up and walk around')
    assert (
        "- [pillow-setup.jpg](https://quietspine.example.org/forum/download/file.php?id=918&mode=view)"
        in (posts[1]["body"])
    )
    assert posts[2]["body"].startswith('[quote="Owen.B, post:2"]\n[quote="marisol_k, post:1"]\nIs it the mattress?')
    assert "```\nnight | woke at | pain 0-10\nMon   | 04:10   | 5\n```" in posts[2]["body"]
    assert "1. knees-to-chest stretches before getting up" in posts[2]["body"]
    assert posts[3]["body"].startswith('[quote="AnneK_Physio, post:3"]\nknees-to-chest stretches')
    assert "[quote]\nKeep a notebook by the bed.\n[/quote]" in posts[3]["body"]  # uncited
    assert posts[4]["body"].startswith('[quote="marisol_k, post:4"]')  # named only: found by its text
    _no_forum_text(posts, "Walking 5k", "Owen - L4/L5", "physiotherapist. Answers", "Last edited", "by marisol_k")
    found = members(tmp_path)
    assert {name: found[name] for name in ("marisol_k", "Owen.B", "AnneK_Physio")} == {
        "marisol_k": {"role": "Member"},
        "Owen.B": {"role": "Regular"},
        "AnneK_Physio": {"role": "Pain Therapist"},
    }
    assert "role" not in (found["quietnights"] or {})  # a guest has no rank
    assert "1 imported, 0 updated, 0 skipped, 0 failed" in result.output


def test_phpbb33_built_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", PB33, "--out", "docs/threads")
    _built_without_literal_markers(tmp_path, result.output, "waking-at-4-am-with-lower-back-pain-4127.yml")
    page = build(tmp_path).content(page_of("waking-at-4-am-with-lower-back-pain-4127.yml"))
    assert len(page.select("article.forum-post")) == 5
    links = [
        (attr(el.find_parent("article", class_="forum-post"), "id"), attr(el, "href"))
        for el in page.select(".forum-quote > p:first-child > a")
    ]
    assert links == [
        ("post-2", "#post-1"),
        ("post-3", "#post-2"),
        ("post-3", "#post-1"),
        ("post-4", "#post-3"),
        ("post-5", "#post-4"),
    ]
    expert = page.select_one("#post-3")
    assert expert is not None and "forum-post--expert" in expert.get_attribute_list("class")
    assert attr(page.select_one("#post-1 time.forum-post__edited"), "datetime") == "2024-03-05T07:05:00+01:00"
    assert text_of(page.select_one("#post-3 .forum-post__role")) == "Pain Therapist"


def test_themed_prosilver_style(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Author only in the profile, rank only as a picture, prefix labels, a relative date and no stated zone."""
    setup_site(tmp_path, monkeypatch)
    result = run("import", PB33_THEMED, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "night-splint-for-plantar-fasciitis-and-back-pain-4188.yml"
    assert thread["tags"] == ["Solved"]
    assert thread["source"] == "https://quietspine.example.org/forum/viewtopic.php?t=4188"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["ines.v", "AnneK_Physio"]
    assert members(tmp_path)["AnneK_Physio"] == {"role": "Pain Therapist"}  # the rank picture's name
    assert posts[0]["date"] == dt.datetime(2024, 4, 2, 22, 10)
    assert "date" not in posts[1]
    assert posts[1]["edited"] == dt.datetime(2024, 4, 3, 10, 2)
    assert posts[1]["body"].startswith('[quote="ines.v, post:1"]\nCould the two be linked?\n[/quote]')
    assert "post 2: date 'Yesterday, 9:45 am' left out: it is relative" in result.output
    assert "does not say its time zone" in result.output
    _built_without_literal_markers(tmp_path, result.output, name)


def test_phpbb30_prosilver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", PB30, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "magnesium-before-bed-388.yml"
    assert thread["forum"] == "Sleep"
    assert "source" not in thread  # a 3.0 page has no canonical link, and its links are relative
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["Hedda", "DrRuth", "Hedda"]
    assert members(tmp_path) == {"Hedda": {"role": "Newbie"}, "DrRuth": {"role": "Pain Therapist"}}
    assert posts[1]["date"] == dt.datetime(2013, 10, 13, 9, 40, tzinfo=PLUS_ONE)
    assert posts[1]["edited"] == dt.datetime(2013, 10, 13, 9, 52, tzinfo=PLUS_ONE)
    assert posts[0]["body"].rstrip().endswith("Has anyone tried it? :?")
    assert posts[1]["body"].startswith('[quote="Hedda, post:1"]\nHas anyone tried it?\n[/quote]')
    assert "**Stretching the calf** before bed" in posts[1]["body"]
    assert "```\nstand, heel down, lean 30 s, twice\n```" in posts[1]["body"]
    assert posts[2]["body"].startswith('[quote="DrRuth, post:2"]\n[quote="Hedda, post:1"]\n')
    assert "Thank you :)" in posts[2]["body"]
    assert "[quote]\nStand, heel down, lean.\n[/quote]" in posts[2]["body"]
    _no_forum_text(posts, "Sciatica on the left", "Ruth - GP", "Last edited")
    _built_without_literal_markers(tmp_path, result.output, name)


def test_subsilver2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", SUBSILVER2, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "which-seat-cushion-for-long-drives-61.yml"
    assert thread["forum"] == "Work & Travel"
    assert thread["source"] == "https://backcare.example.net/board/viewtopic.php?t=61"  # from the page's <base>
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["TomasR", "Physio_Ines", "TomasR"]
    assert members(tmp_path) == {"TomasR": {"role": "Member"}, "Physio_Ines": {"role": "Pain Therapist"}}
    assert [p["date"] for p in posts] == [
        dt.datetime(2014, 2, 3, 19, 48, tzinfo=PLUS_ONE),
        dt.datetime(2014, 2, 4, 8, 2, tzinfo=PLUS_ONE),
        dt.datetime(2014, 2, 5, 18, 30, tzinfo=PLUS_ONE),
    ]
    assert posts[1]["edited"] == dt.datetime(2014, 2, 4, 8, 20, tzinfo=PLUS_ONE)
    assert "- [seat-angles.pdf](https://backcare.example.net/board/download/file.php?id=77)" in posts[0]["body"]
    assert posts[1]["body"].startswith('[quote="TomasR, post:1"]\nby the second hour my lower back burns\n[/quote]')
    assert "*stop every hour* and walk for five minutes. ;)" in posts[1]["body"]
    assert posts[2]["body"].startswith('[quote="Physio_Ines, post:2"]\n[quote="TomasR, post:1"]\nlower back burns')
    assert "[quote]\nMotion is lotion.\n[/quote]" in posts[2]["body"]  # '[quote]' without a name: "Quote:"
    _no_forum_text(posts, "driving for a living", "_____", "Last edited", "Post subject")
    _built_without_literal_markers(tmp_path, result.output, name)


def test_phpbb2_subsilver_and_its_missing_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", PB2, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "heat-or-ice-for-a-stiff-neck-907.yml"
    assert thread["forum"] == "Self-help"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["kestrel", "Physio_Dan"]
    assert members(tmp_path) == {"kestrel": {"role": "Just joined"}, "Physio_Dan": {"role": "Pain Therapist"}}
    assert posts[0]["date"] == dt.datetime(2005, 1, 8, 11, 20, tzinfo=dt.UTC)
    assert posts[1]["edited"] == dt.datetime(2005, 1, 8, 13, 10, tzinfo=dt.UTC)
    assert posts[0]["body"].rstrip().endswith("Heat pack or ice pack? :?")  # the smilie's code, not "Confused"
    assert posts[1]["body"].startswith('[quote="kestrel, post:1"]\nHeat pack or ice pack?\n[/quote]')
    assert "**gentle heat** for 15 minutes" in posts[1]["body"]
    assert "```\nturn left - hold 5 s - back to centre\n```" in posts[1]["body"]
    _no_forum_text(posts, "desk worker", "since 1998", "_____", "Last edited", "Post subject", "Back to top")
    assert "pages 2 of 2 were not given: their posts are missing" in result.output
    _built_without_literal_markers(tmp_path, result.output, name)


@pytest.mark.parametrize(
    ("sentence", "hours"),
    [
        ("All times are UTC+01:00", 1.0),
        ("All times are UTC-05:30", -5.5),
        ("All times are UTC", 0.0),
        ("All times are UTC + 1 hour [ DST ]", 2.0),  # phpBB 3.0: summer time adds an hour
        ("All times are UTC [ DST ]", 1.0),
        ("All times are UTC - 5 hours", -5.0),
        ("All times are UTC + 5.5 hours", 5.5),
        ("All times are GMT + 1 Hour", 1.0),
        ("All times are GMT - 12 Hours", -12.0),
        ("no zone here", None),
    ],
)
def test_page_time_zones(sentence: str, hours: float | None) -> None:
    offset = page_offset(sentence)
    assert (offset.total_seconds() / 3600 if offset is not None else None) == hours


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Tue Mar 05, 2024 6:42 am", dt.datetime(2024, 3, 5, 6, 42)),
        ("Sat Jan 08, 2005 11:20 am", dt.datetime(2005, 1, 8, 11, 20)),
        ("05 Mar 2024, 18:42", dt.datetime(2024, 3, 5, 18, 42)),
        ("October 02, 2012, 07:31:09 PM", dt.datetime(2012, 10, 2, 19, 31, 9)),
        ("\u00ab on: October 02, 2012, 07:31:09 PM \u00bb", dt.datetime(2012, 10, 2, 19, 31, 9)),
        ("03-11-2024, 08:47 PM", dt.datetime(2024, 3, 11, 20, 47)),
        ("Today, 9:14 am", None),
        ("31-31-2024", None),
        ("", None),
    ],
)
def test_printed_dates(printed: str, expected: dt.datetime | None) -> None:
    assert read_date(printed) == expected


def test_day_first_numeric_dates() -> None:
    assert read_date("05-03-2024, 18:42", day_first=True) == dt.datetime(2024, 3, 5, 18, 42)
    assert read_date("05-03-2024, 18:42") == dt.datetime(2024, 5, 3, 18, 42)


def test_topics_of_two_forums_saved_without_their_address_stay_apart() -> None:
    """phpBB 3.0 pages have no address: topic 388 of one forum is not topic 388 of another."""
    first = (PB30 / "magnesium.html").read_bytes()
    other = first.replace(b"Magnesium before bed?", b"Cold feet at night").replace(b"Hedda", b"Pia")
    keys = {phpbb.parse(name, data, ParseOptions())[0].key for name, data in (("a.html", first), ("b.html", other))}
    assert len(keys) == 2


def test_a_time_zone_sentence_in_a_post_is_not_the_page_s() -> None:
    saved = (PB33 / "waking-page-1.html").read_bytes()
    written = saved.replace(b"<li>a pillow between my knees</li>", b"<li>All times are UTC+05:00 in my diary</li>")
    posts = phpbb.parse("p.html", written, ParseOptions())[0].posts
    assert posts[2].date == dt.datetime(
        2024, 3, 5, 9, 14, tzinfo=PLUS_ONE
    )  # the footer's UTC+01:00, not the post's words
