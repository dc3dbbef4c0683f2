"""Invision Community 4 saved pages: from the fixture pages to thread files, members and built pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sitebuild import attr, one, text_of
from test_import_helpers import FIXTURES, PLUS_ONE, build, members, only_thread, page_of, run, setup_site

from mkdocs_forum_plugin.importers.detect import detect
from mkdocs_forum_plugin.importers.engines import invision
from mkdocs_forum_plugin.importers.records import InputError, ParseOptions

IPS = FIXTURES / "invision4"
IPS_THEMED = FIXTURES / "invision4-themed"
UI_TEXT = ("said:", "Edited", "More options", "Share this post", "Go to", "Powered by", "posts")


def test_invision_two_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", IPS / "sciatica-page-2.html", IPS / "sciatica-page-1.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "sciatica-flare-ups-what-to-do-in-the-first-days-812.yml"
    assert thread["title"] == "Sciatica flare-ups: what to do in the first days"
    assert thread["forum"] == "Ask a Therapist"
    assert thread["tags"] == ["Question", "sciatica", "walking"]
    assert thread["source"] == "https://support.example.org/topic/812-sciatica-flare-ups-what-to-do-in-the-first-days/"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["Sam Ortega", "Therapist Noor", "Hana B", "Sam Ortega", "Therapist Noor"]
    # The forum's local time (the time's title), not the UTC time in its datetime attribute (08:14Z).
    assert posts[0]["date"] == dt.datetime(2021, 3, 2, 9, 14, tzinfo=PLUS_ONE)
    assert posts[2]["date"] == dt.datetime(2021, 3, 2, 19, 30, tzinfo=PLUS_ONE)
    assert posts[0]["edited"] == dt.datetime(2021, 3, 2, 9, 40, tzinfo=PLUS_ONE)
    assert posts[0]["likes"] == ["Hana B"]
    assert (posts[1]["likes"], posts[1]["likes_total"]) == (["Sam Ortega", "Hana B"], 6)
    assert posts[1]["body"].startswith('[quote="Sam Ortega, post:1"]\nIs it better to rest in bed')
    assert posts[2]["body"].startswith('[quote="Therapist Noor, post:2"]\n[quote="Sam Ortega, post:1"]\na sharp line')
    assert '[quote="Dr Web"]\nMotion is lotion.\n[/quote]' in posts[2]["body"]  # from another topic: no link
    assert posts[3]["body"].startswith('[quote="Therapist Noor, post:2"]')  # quoted across pages
    assert "keep moving? :(" in posts[0]["body"] and "last year :)" in posts[2]["body"]
    assert "@Sam Ortega hope it eases soon." in posts[2]["body"]
    assert (
        "[first-days-plan.pdf](https://support.example.org/applications/core/interface/file/attachment.php?id=77)"
        in (posts[1]["body"])
    )
    assert "(https://support.example.org/uploads/monthly_2021_03/walk-log.thumb.jpg.9a8b.jpg)" in posts[3]["body"]
    assert posts[4]["body"].rstrip().endswith("<https://www.youtube-nocookie.com/embed/q1w2e3r4t5y?feature=oembed>")
    bodies = [p["body"] for p in posts]
    assert not any("Day by day" in b or "two years without" in b or "Answers here" in b for b in bodies)
    assert not any("spelling" in b for b in bodies)  # the edit reason is part of the edit line, not the post
    for body in bodies:
        for ui in UI_TEXT:
            assert ui not in body, (ui, body)
    assert members(tmp_path)["Therapist Noor"] == {"role": "Pain Therapist"}
    assert "the quote of Dr Web points at a post outside this thread; kept without a link" in result.output
    assert "reactions other than Like (Thanks) are counted as likes" in result.output


def test_invision_built_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", IPS, "--out", "docs/threads")
    page = build(tmp_path).content(page_of("sciatica-flare-ups-what-to-do-in-the-first-days-812.yml"))
    assert len(page.select("article.forum-post")) == 5
    assert attr(page.select_one("#post-2 .forum-quote > p:first-child > a"), "href") == "#post-1"
    assert attr(page.select_one("#post-4 .forum-quote > p:first-child > a"), "href") == "#post-2"
    assert text_of(page.select_one("#post-2 .forum-post__likes")) == "Sam Ortega, Hana B and 4 others like this"
    assert "forum-post--expert" in one(page, "#post-2")["class"]
    assert "**" not in page.get_text()


def test_invision_missing_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", IPS / "sciatica-page-2.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    assert "pages 1 of 2 were not given: their posts are missing" in result.output


def test_invision_themed_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A theme without the author pane's classes or local times: names from the quote data, UTC times, said so."""
    setup_site(tmp_path, monkeypatch)
    result = run("import", IPS_THEMED, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    _name, thread = only_thread(tmp_path)
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["Ola P", "Therapist Noor"]
    assert posts[0]["date"] == dt.datetime(2022, 6, 1, 21, 10, tzinfo=dt.UTC)
    assert posts[1]["likes_total"] == 2
    assert posts[1]["body"].startswith('[quote="Ola P, post:1"]') and "side. ;)" in posts[1]["body"]
    assert "post 1: its time is UTC (the page shows no local time)" in result.output
    assert "no member groups found on this page" in result.output


@pytest.mark.parametrize("path", [*sorted(IPS.glob("*.html")), *sorted(IPS_THEMED.glob("*.html"))])
def test_detected(path: Path) -> None:
    assert detect(path.read_bytes()) is invision.parse


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<html><body><div class='ipsComment'>x</div><div data-role='commentContent'></div></body></html>", "no posts"),
        ("<html><body><article id='elComment_1'><div data-role='commentContent'>x</div></article>", "no topic title"),
    ],
)
def test_parse_errors(html: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        invision.parse("x.html", html.encode(), ParseOptions())


def test_page_without_dates_is_reported() -> None:
    html = (
        b"<html><body><h1 class='ipsType_pageTitle'>Hips</h1><article id='elComment_3'>"
        b"<aside><h3 class='cAuthorPane_author'>Mo</h3></aside><div data-role='commentContent'>Ice or heat?</div>"
        b"</article></body></html>"
    )
    (page,) = invision.parse("x.html", html, ParseOptions())
    assert [(p.author, p.body, p.post_id, p.date) for p in page.posts] == [("Mo", "Ice or heat?", "3", None)]
    assert "the page's theme is not understood: no post dates found" in page.notes


def test_an_address_that_is_no_address() -> None:
    """A page's links are untrusted: 'http://[::1' made urlsplit raise ValueError."""
    data = (
        (IPS / "sciatica-page-1.html")
        .read_bytes()
        .replace(b"https://support.example.org/topic/", b"http://[::1/topic/")
    )
    (page,) = invision.parse("x.html", data, ParseOptions())
    assert (page.thread_id, len(page.posts)) == ("812", 3)


def test_quote_data_nested_too_deep() -> None:
    """The quote data is read as JSON when the author pane has no name: 100,000 levels deep raised RecursionError."""
    deep = b"[" * 100_000 + b"]" * 100_000
    html = (
        b"<html><body><h1 class='ipsType_pageTitle'>Hips</h1><article id='elComment_3'><div data-quoteData='"
        + deep
        + b"'><div data-role='commentContent'>Ice or heat?</div></div></article></body></html>"
    )
    (page,) = invision.parse("x.html", html, ParseOptions())
    assert [(p.author, p.body) for p in page.posts] == [("Guest", "Ice or heat?")]
