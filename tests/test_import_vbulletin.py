"""vBulletin 3.8, 4.x and 5.x saved pages: from the fixture pages to thread files, members and built pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType

import pytest
from sitebuild import attr, one, text_of
from test_import_helpers import FIXTURES, PLUS_ONE, PLUS_TWO, build, members, only_thread, page_of, run, setup_site

from mkdocs_forum_plugin.importers.detect import UNRECOGNISED, detect
from mkdocs_forum_plugin.importers.engines import vbulletin, vbulletin5
from mkdocs_forum_plugin.importers.engines.dates import read_date
from mkdocs_forum_plugin.importers.records import InputError, ParseOptions

VB3 = FIXTURES / "vbulletin3"
VB4 = FIXTURES / "vbulletin4"
VB4_THEMED = FIXTURES / "vbulletin4-themed"
VB5 = FIXTURES / "vbulletin5"
UI_TEXT = (
    "Reply With Quote",
    "Originally Posted by",
    "View Post",
    "Quote:",
    "Code:",
    "Say Thank You",
    "Last edited",
    "Click image",
)


def _no_ui_text(bodies: list[str]) -> None:
    for body in bodies:
        for ui in UI_TEXT:
            assert ui.lower() not in body.lower(), (ui, body)


def test_vbulletin4_two_pages_merge_in_page_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    files = sorted(VB4.glob("*.html"), reverse=True)  # page 2 first: the pages' own numbers decide the order
    result = run("import", *files, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "lower-back-pain-after-long-drives-4521.yml"
    assert thread["title"] == "Lower back pain after long drives"
    assert thread["forum"] == "Back Pain"
    assert thread["tags"] == ["Question", "driving", "posture"]
    assert thread["source"] == "https://backcare.example.net/showthread.php/4521-Lower-back-pain-after-long-drives"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["marta.l", "PhysioDana", "Ken R", "marta.l", "Visitor_Ann"]
    assert [p["date"] for p in posts] == [
        dt.datetime(2022, 3, 14, 20, 5, tzinfo=PLUS_ONE),
        dt.datetime(2022, 3, 14, 21, 40, tzinfo=PLUS_ONE),
        dt.datetime(2022, 3, 15, 7, 15, tzinfo=PLUS_ONE),
        dt.datetime(2022, 3, 16, 12, 30, tzinfo=PLUS_ONE),
        dt.datetime(2022, 3, 16, 14, 10, tzinfo=PLUS_ONE),
    ]
    assert posts[1]["edited"] == dt.datetime(2022, 3, 14, 22, 2, tzinfo=PLUS_ONE)
    assert posts[3]["edited"] == dt.datetime(2022, 3, 16, 13, 5, tzinfo=PLUS_ONE)
    assert posts[0]["role"] == "Junior Member"  # her title changed: the members file has the newer one
    assert posts[1]["likes"] == ["marta.l", "Ken R"]  # the "Post Thank You" box
    assert posts[3]["likes"] == ["PhysioDana"]
    assert posts[1]["body"].startswith('[quote="marta.l, post:1"]\nHas anyone found a seat position')
    assert posts[2]["body"].startswith('[quote="PhysioDana, post:2"]\n[quote="marta.l, post:1"]\nBy the time')
    assert "[quote]\nSitting is not the enemy; staying still is.\n[/quote]" in posts[2]["body"]  # nobody named
    assert posts[3]["body"].startswith('[quote="PhysioDana, post:2"]')  # quoted across pages
    assert posts[0]["body"].rstrip().endswith("**actually** helps? :(")  # the smilie's code
    assert "worked for me on a long trip last summer :)" in posts[2]["body"]
    assert "Thank you both! :D" in posts[3]["body"]
    assert (
        "[seat-setup.pdf](https://backcare.example.net/attachment.php?attachmentid=311&d=1647290400)"
        in (posts[1]["body"])
    )
    assert "[![towel-roll.jpg](https://backcare.example.net/attachment.php?attachmentid=322" in posts[3]["body"]
    bodies = [p["body"] for p in posts]
    assert not any("One stretch at a time" in b or "physiotherapist. Replies" in b for b in bodies)  # signatures
    _no_ui_text(bodies)
    assert members(tmp_path)["marta.l"] == {"role": "Member"}
    assert members(tmp_path)["PhysioDana"] == {"role": "Pain Therapist"}
    assert "1 imported, 0 updated, 0 skipped, 0 failed" in result.output


def test_vbulletin4_built_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", VB4, "--out", "docs/threads")
    page = build(tmp_path).content(page_of("lower-back-pain-after-long-drives-4521.yml"))
    assert len(page.select("article.forum-post")) == 5
    assert attr(page.select_one("#post-2 .forum-quote > p:first-child > a"), "href") == "#post-1"
    assert attr(page.select_one("#post-4 .forum-quote > p:first-child > a"), "href") == "#post-2"
    assert "forum-post--expert" in one(page, "#post-2")["class"]
    assert text_of(page.select_one("#post-2 .forum-post__likes")) == "marta.l and Ken R like this"
    assert attr(page.select_one("#post-2 time.forum-post__edited"), "datetime") == "2022-03-14T22:02:00+01:00"
    assert "**" not in page.get_text()  # bold shows as bold, never as written


def test_vbulletin4_missing_page_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", VB4 / "drives-page-1.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    assert "pages 2 of 2 were not given: their posts are missing" in result.output
    _name, thread = only_thread(tmp_path)
    assert len(thread["posts"]) == 3


def test_vbulletin4_themed_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A style that hides numbers, titles and absolute dates: the posts still come in order, and the report says."""
    setup_site(tmp_path, monkeypatch)
    result = run("import", VB4_THEMED, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    _name, thread = only_thread(tmp_path)
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["marta.l", "PhysioDana", "Ken R"]
    assert "date" not in posts[0]
    assert posts[1]["date"] == dt.datetime(2022, 3, 14, 21, 40, tzinfo=PLUS_ONE)
    assert posts[2]["body"].startswith('[quote="PhysioDana, post:2"]')  # numbers from vBulletin's own anchors
    assert not any("role" in p for p in posts)
    assert "date 'Today, 08:05 PM' left out: it is relative to the day the page was saved" in result.output
    assert "no user titles found on this page" in result.output
    assert "pages 2 of 2 were not given" in result.output  # the last page from the page links alone


def test_vbulletin3_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", VB3, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "sleeping-on-a-sore-shoulder-3307.yml"
    assert thread["forum"] == "Sleep"
    assert thread["source"] == "https://sleep.example.org/forum/showthread.php?t=3307"
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["Renata_K", "SleepCoachIan", "owl.at.3am", "Renata_K", "owl.at.3am"]
    assert [p.get("role") for p in posts] == [None] * 5  # each member's only title is in members.yml
    assert posts[3]["date"] == dt.datetime(2019, 11, 5, 21, 30, tzinfo=PLUS_ONE)
    assert posts[3]["body"].startswith('[quote="SleepCoachIan, post:2"]\na second one behind your back')
    assert posts[3]["body"].rstrip().endswith("without waking at 3 am. :D")
    assert members(tmp_path)["SleepCoachIan"] == {"role": "Pain Therapist"}
    assert posts[0]["date"] == dt.datetime(2019, 11, 2, 23, 10, tzinfo=PLUS_ONE)
    assert posts[0]["edited"] == dt.datetime(2019, 11, 2, 23, 48, tzinfo=PLUS_ONE)
    assert posts[1]["likes"] == ["Renata_K", "owl.at.3am"]
    assert posts[1]["body"].startswith('[quote="Renata_K, post:1"]\nDoes anyone have a trick')
    assert "```\npillow in front, pillow behind\n```" in posts[1]["body"]
    assert posts[2]["body"].startswith('[quote="SleepCoachIan, post:2"]\n[quote="Renata_K, post:1"]\nI keep waking')
    assert "[quote]\nRest is a skill you can practise.\n[/quote]" in posts[2]["body"]
    # An embedded video is a link to it, without its "No iframe support" fallback text.
    assert (
        posts[2]["body"]
        .rstrip()
        .endswith("Something my grandmother said.\n\n<https://www.youtube.com/embed/abc123XYZ_0>")
    )
    assert posts[0]["body"].startswith("My right shoulder aches") and ":(" in posts[0]["body"]
    bodies = [p["body"] for p in posts]
    assert not any("Sleep well, all of you" in b or "________" in b for b in bodies)
    _no_ui_text(bodies)
    page = build(tmp_path).content(page_of(name))
    assert attr(page.select_one("#post-3 .forum-quote > p:first-child > a"), "href") == "#post-2"
    assert "**" not in page.get_text()


def test_vbulletin5_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", VB5, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    name, thread = only_thread(tmp_path)
    assert name == "desk-job-neck-tension-any-tips-5512.yml"
    assert thread["forum"] == "Neck and Shoulders"
    assert thread["tags"] == ["Advice"]  # the prefix; the page's tag cloud is not the thread's
    posts = thread["posts"]
    assert [p["author"] for p in posts] == ["NeckNerd", "Therapist_Lia", "NeckNerd"]
    # The forum's local time as the page shows it, not the UTC time in the datetime attribute (07:55).
    assert posts[0]["date"] == dt.datetime(2022, 4, 16, 9, 55, tzinfo=PLUS_TWO)
    assert posts[0]["edited"] == dt.datetime(2022, 4, 16, 10, 31, tzinfo=PLUS_TWO)
    assert posts[1]["body"].startswith('[quote="NeckNerd, post:1"]\nWhat do you change first?\n[/quote]')
    assert posts[2]["body"].startswith('[quote="Therapist_Lia, post:2"]\n[quote="NeckNerd, post:1"]\n')
    assert "enough. :)" in posts[1]["body"] and "better. :D" in posts[2]["body"]
    bodies = [p["body"] for p in posts]
    assert not any("standing up" in b or "My clinic" in b for b in bodies)  # signatures
    _no_ui_text([*bodies, thread["title"]])
    page = build(tmp_path).content(page_of(name))
    assert attr(page.select_one("#post-3 .forum-quote > p:first-child > a"), "href") == "#post-2"
    assert "forum-post--expert" in one(page, "#post-2")["class"]


@pytest.mark.parametrize(
    ("path", "module"),
    [
        (VB3 / "shoulder.html", vbulletin),
        (VB3 / "shoulder-page-2.html", vbulletin),
        (VB4 / "drives-page-1.html", vbulletin),
        (VB4_THEMED / "drives-themed.html", vbulletin),
        (VB5 / "neck.html", vbulletin5),
    ],
)
def test_detected(path: Path, module: ModuleType) -> None:
    assert detect(path.read_bytes()) is module.parse


def test_unrecognised_names_the_engines() -> None:
    assert "vBulletin 3.8, 4 or 5" in UNRECOGNISED and "Invision Community 4" in UNRECOGNISED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06-15-2016, 03:03 PM", dt.datetime(2016, 6, 15, 15, 3)),
        ("06-15-2016,\xa003:03 PM", dt.datetime(2016, 6, 15, 15, 3)),
        ("2016-02-01, 02:21", dt.datetime(2016, 2, 1, 2, 21)),
        ("03-14-2022 at 10:02 PM", dt.datetime(2022, 3, 14, 22, 2)),
        ("09/13/2020 11:00  AM", dt.datetime(2020, 9, 13, 11, 0)),
        ("09/13/20 11:00 AM", dt.datetime(2020, 9, 13, 11, 0)),
        ("25/12/2020 08:00", dt.datetime(2020, 12, 25, 8, 0)),  # a first number above 12 is a day
        ("12.04.2021", dt.date(2021, 12, 4)),
        ("Feb 6, 2023, 8:14 PM", dt.datetime(2023, 2, 6, 20, 14)),
        ("02-30-2020, 01:00 PM", None),
        ("13-13-2020", None),
        ("06-15-2016, 13:03 PM", dt.date(2016, 6, 15)),  # no such time: the day is still right
        ("Today, 08:05 PM", None),
        ("", None),
    ],
)
def test_numeric_dates(text: str, expected: object) -> None:
    assert read_date(text) == expected


@pytest.mark.parametrize(
    ("module", "html", "message"),
    [
        (vbulletin, "<html><body><div id='post_message_x'>x</div></body></html>", "no posts found"),
        (vbulletin, "<html><body><div id='post_message_1'>x</div></body></html>", "no thread title found"),
        (vbulletin5, "<html><body><li class='b-post'>x</li></body></html>", "no posts found"),
        (
            vbulletin5,
            "<html><body><li class='b-post' data-node-id='1'><div class='js-post__content-text'>x</div></li>",
            "no thread title found",
        ),
    ],
)
def test_parse_errors(module: ModuleType, html: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        module.parse("x.html", html.encode(), ParseOptions())


def test_body_outside_any_post_element() -> None:
    """Found by the fuzz test: a body with no #postN around it was looked for up to the document, and crashed."""
    html = b"<html><head><title>Neck ache - Forum</title></head><body><div id='post_message_7'>Warm towel.</div></body>"
    (page,) = vbulletin.parse("x.html", html, ParseOptions())
    assert page.title == "Neck ache"
    assert [(p.author, p.body, p.post_id) for p in page.posts] == [("Guest", "Warm towel.", "7")]


def test_edit_note_is_never_read_from_the_post_itself() -> None:
    html = (
        b"<html><head><title>Knees - Forum</title></head><body><table id='post5'><tr><td>"
        b"<div id='post_message_5'><em>Last edited by nobody; 01-02-2020 at 10:00 AM.</em> That is a joke.</div>"
        b"</td></tr></table></body></html>"
    )
    (page,) = vbulletin.parse("x.html", html, ParseOptions())
    assert page.posts[0].edited is None
    assert "That is a joke." in page.posts[0].body


def test_page_without_an_address_of_its_own_takes_the_base_url() -> None:
    """vBulletin 3.8 pages often have no canonical link, no <base> and only root-relative links."""
    data = (VB3 / "shoulder.html").read_bytes().replace(b"https://sleep.example.org/forum/", b"/forum/")
    (alone,) = vbulletin.parse("x.html", data, ParseOptions())
    assert (alone.url, alone.thread_id, alone.key) == (None, "3307", "vbulletin:id:3307:Sleeping on a sore shoulder")
    (page,) = vbulletin.parse("x.html", data, ParseOptions(base_url="https://sleep.example.org"))
    assert page.url == "https://sleep.example.org/forum/showthread.php?t=3307"
    assert page.key == "vbulletin:sleep.example.org:3307"


@pytest.mark.parametrize(("path", "module"), [(VB4 / "drives-page-1.html", vbulletin), (VB5 / "neck.html", vbulletin5)])
def test_an_address_that_is_no_address(path: Path, module: ModuleType) -> None:
    """A page's links are untrusted: 'http://[::1' made urljoin and urlsplit raise ValueError."""
    data = path.read_bytes()
    data = data.replace(
        b'href="showthread.php/4521-Lower-back-pain-after-long-drives"', b'href="http://[::1/showthread.php/4521-x"'
    )
    data = data.replace(
        b"https://community.example.com/forum/health-support/neck-and-shoulders/5512-", b"http://[::1/5512-"
    )
    data = data.replace(b'<base href="https://backcare.example.net/" />', b"").replace(
        b"attachment.php?attachmentid=311", b"http://[::1/a"
    )
    (page,) = module.parse("x.html", data, ParseOptions())
    assert page.posts and page.title


def test_body_nested_thousands_deep() -> None:
    """A body of 5,000 nested elements made the converter's recursion fail (RecursionError); now the limit is named."""
    body = b"<div>" * 5000 + b"deep words" + b"</div>" * 5000
    html = b"<html><head><title>Deep - F</title></head><body><div id='post_message_2'>" + body + b" end</div></body>"
    with pytest.raises(InputError, match="elements are nested more than 200 deep, the importer's limit"):
        vbulletin.parse("x.html", html, ParseOptions())
