"""MyBB 1.8 saved thread pages (both post layouts): from the fixture pages to thread files, members and built pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sitebuild import attr
from test_import_helpers import FIXTURES, build, members, only_thread, page_of, run, setup_site

from mkdocs_forum_plugin.importers.detect import detect
from mkdocs_forum_plugin.importers.engines import mybb
from mkdocs_forum_plugin.importers.records import ParseOptions

MYBB = FIXTURES / "mybb18"
CLASSIC = FIXTURES / "mybb18-classic"
UI_TEXT = ("Wrote:", "Code:", "Attached Files", "This post was last modified", "Find", "Reply", "Reputation")


@pytest.mark.parametrize("folder", [MYBB, CLASSIC])
def test_both_layouts_are_recognised(folder: Path) -> None:
    for path in folder.glob("*.html"):
        assert detect(path.read_bytes()) is mybb.parse, path


def test_mybb_two_pages_thread_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", MYBB / "flight-page-2.html", MYBB / "flight-page-1.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "flare-up-and-a-long-flight-73.yml"
    assert thread["title"] == "Flare-up and a long flight"
    assert thread["forum"] == "Travel & Daily Life"
    assert thread["source"] == "https://mendwell.example.com/showthread.php?tid=73"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["juniper_h", "Physio_Marta", "Guest", "juniper_h", "Physio_Marta"]
    assert members(tmp_path)["Physio_Marta"] == {"role": "Pain Therapist"}
    assert members(tmp_path)["juniper_h"] == {"role": "Junior Member"}
    assert [p["date"] for p in posts] == [
        dt.datetime(2024, 3, 11, 18, 5),
        dt.datetime(2024, 3, 11, 20, 47),
        dt.datetime(2024, 3, 12, 7, 12),  # "Yesterday, 07:12 AM", its date in the element's title
        dt.datetime(2024, 3, 25, 22, 30),
        dt.datetime(2024, 3, 26, 6, 50),  # "1 hour ago"
    ]
    assert posts[1]["edited"] == dt.datetime(2024, 3, 11, 21, 2)
    assert "**Has anyone done a long flight like this?** :)" in posts[0]["body"]
    assert posts[1]["body"].startswith('[quote="juniper_h, post:1"]\nnine hours in economy')
    assert "- ankle circles every 30 minutes\n- keep painkillers in your hand luggage" in posts[1]["body"]
    assert "```\nstand: every 60 min\nwater: every 60 min\n```" in posts[1]["body"]
    assert "see a doctor *before* you fly" in posts[1]["body"]
    assert posts[2]["body"].rstrip().endswith("worked for me :D")  # the smilie's code, not its name
    assert posts[3]["body"].startswith('[quote="Physio_Marta, post:2"]\n[quote="juniper_h, post:1"]\nHas anyone')
    assert "- [flight-notes.pdf](https://mendwell.example.com/attachment.php?aid=212)" in posts[3]["body"]
    for post in posts:
        assert "sciatica since 2021" not in post["body"] and "General information" not in post["body"]
        for phrase in UI_TEXT:
            assert phrase not in post["body"], (phrase, post["body"])
    assert "were not given" not in result.output and "is left open" not in result.output
    page = build(tmp_path).content(page_of(name))
    sources = page.select(".forum-quote > p:first-child > a")
    assert [attr(a, "href") for a in sources] == ["#post-1", "#post-2", "#post-1"]
    assert all("**" not in el.get_text() for el in page.select(".forum-post > div"))


def test_mybb_classic_layout_day_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The classic layout, a prefix as a tag, day-first dates and a page saved without its address."""
    setup_site(tmp_path, monkeypatch)
    result = run("import", CLASSIC, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "hip-pain-when-lying-on-my-side-91.yml"
    assert thread["tags"] == ["Question"]
    assert thread["forum"] == "Sleep"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["Ravi.S", "Physio_Marta"]
    assert [p["date"] for p in posts] == [dt.datetime(2023, 5, 14, 21, 15), dt.datetime(2023, 5, 15, 8, 2)]
    assert posts[1]["edited"] == dt.datetime(2023, 5, 15, 8, 10)
    assert posts[1]["body"].startswith('[quote="Ravi.S, post:1"]\nhip pain when lying on their side\n[/quote]')
    build(tmp_path)


def test_mybb_missing_page_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", MYBB / "flight-page-1.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    assert "pages 2 of 2 were not given: their posts are missing" in result.output


def test_a_post_whose_text_is_not_found_is_named() -> None:
    saved = (MYBB / "flight-page-1.html").read_bytes()
    page = mybb.parse(
        "p.html", saved.replace(b'class="post_body scaleimages" id="pid_1004"', b'id="pid_1004"'), ParseOptions()
    )[0]
    assert [p.post_id for p in page.posts] == ["1001", "1009"]
    assert page.notes == ["no post text found in post(s) 2 of this page; left out"]


def test_a_quote_opened_inside_another_quotes_cite_is_no_traceback() -> None:
    """Found by the fuzz test: a stray <blockquote> in a cite swallows the inner quote, which the cite takes with it."""
    saved = (MYBB / "flight-page-2.html").read_bytes()
    broken = saved.replace(
        b'<blockquote class="mycode_quote"><cite>', b'<blockquote class="mycode_quote"><cite><blockquote cite="y">', 1
    )
    assert broken != saved
    page = mybb.parse("p.html", broken, ParseOptions())[0]
    assert [p.post_id for p in page.posts] == ["1015", "1018"]
    assert "Book an aisle seat" in page.posts[0].body
    assert "Back home!" in page.posts[0].body  # the words the open cite swallowed are kept
    assert "Wrote" not in page.posts[0].body  # the open cite's label names the quote's author, not its text
    assert "Physio_Marta" in [q.author for q in page.posts[0].quotes]
    assert page.posts[1].body == "Glad it went well, and thank you for the notes."
