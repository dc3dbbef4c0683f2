"""The importer's small parts: dates, names, likes, disclaimer, HTML to Markdown, YAML, members, detection."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from mkdocs_forum_plugin.importers.bodies import html_to_markdown
from mkdocs_forum_plugin.importers.convert import FlowList
from mkdocs_forum_plugin.importers.dates import in_zone, later, localize, parse_date, parse_iso
from mkdocs_forum_plugin.importers.detect import detect
from mkdocs_forum_plugin.importers.disclaimer import disclaimer_pattern, strip_disclaimer
from mkdocs_forum_plugin.importers.members import MemberFacts, merge_members
from mkdocs_forum_plugin.importers.names import parse_likes, slugify, split_memorial
from mkdocs_forum_plugin.importers.records import QUOTE_MARK, InputError
from mkdocs_forum_plugin.importers.yamlout import dump
from mkdocs_forum_plugin.render.body import BodyRenderer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb 6, 2023", dt.date(2023, 2, 6)),
        ("Feb 6, 2023 at 8:14 PM", dt.datetime(2023, 2, 6, 20, 14)),
        ("Sep 30, 2015 at 12:05 AM", dt.datetime(2015, 9, 30, 0, 5)),
        ("6 February 2023, 20:14", dt.datetime(2023, 2, 6, 20, 14)),
        ("2021-03-04T10:15:00+0000", dt.datetime(2021, 3, 4, 10, 15, tzinfo=dt.UTC)),
        ("2021-03-04", dt.date(2021, 3, 4)),
        ("Yesterday at 3:14 PM", None),
        ("Feb 30, 2023", None),
        ("6. Februar 2023", dt.date(2023, 2, 6)),
        ("6. Feb. 2023 um 20:14", dt.datetime(2023, 2, 6, 20, 14)),
        ("7. März 2023, 09:30 Uhr", dt.datetime(2023, 3, 7, 9, 30)),
        ("1. Dez. 2021", dt.date(2021, 12, 1)),
    ],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


PLUS_TWO = dt.timezone(dt.timedelta(hours=2))


def _same(found: object, expected: dt.datetime) -> None:
    """The same wall-clock time with the same offset (== alone would accept the same moment at another offset)."""
    assert isinstance(found, dt.datetime) and (found, found.utcoffset()) == (expected, expected.utcoffset())


def test_iso_times_keep_their_offset() -> None:
    _same(parse_iso("2023-10-02T21:14:05.118Z"), dt.datetime(2023, 10, 2, 21, 14, 5, tzinfo=dt.UTC))
    _same(parse_iso("2023-10-02T23:14:05+02:00"), dt.datetime(2023, 10, 2, 23, 14, 5, tzinfo=PLUS_TWO))
    _same(parse_iso("2023-10-02T23:14:05+0200"), dt.datetime(2023, 10, 2, 23, 14, 5, tzinfo=PLUS_TWO))
    assert parse_iso("2023-10-02T23:14:05") == dt.datetime(2023, 10, 2, 23, 14, 5)  # no offset: wall clock only


def test_times_placed_in_a_stated_zone() -> None:
    _same(
        in_zone(dt.datetime(2023, 10, 2, 23, 14), dt.timedelta(hours=2)),
        dt.datetime(2023, 10, 2, 23, 14, tzinfo=PLUS_TWO),
    )
    utc = dt.datetime(2023, 10, 2, 21, 14, tzinfo=dt.UTC)
    _same(in_zone(utc, dt.timedelta(hours=2)), dt.datetime(2023, 10, 2, 23, 14, tzinfo=PLUS_TWO))
    assert in_zone(dt.date(2023, 10, 2), dt.timedelta(hours=2)) == dt.date(2023, 10, 2)
    assert in_zone(dt.datetime(2023, 10, 2, 23, 14), None) == dt.datetime(2023, 10, 2, 23, 14)


@pytest.mark.parametrize(
    ("local", "utc", "offset"),
    [
        (dt.datetime(2021, 3, 2, 9, 14), dt.datetime(2021, 3, 2, 8, 14, tzinfo=dt.UTC), dt.timedelta(hours=1)),
        (dt.datetime(2021, 3, 2, 13, 44), dt.datetime(2021, 3, 2, 8, 14, tzinfo=dt.UTC), dt.timedelta(hours=5.5)),
        (dt.datetime(2021, 3, 2, 9, 14), dt.datetime(2021, 3, 2, 8, 7, tzinfo=dt.UTC), None),  # not a zone's offset
        (dt.datetime(2021, 3, 9, 9, 14), dt.datetime(2021, 3, 2, 8, 14, tzinfo=dt.UTC), None),  # another day
    ],
)
def test_local_time_with_the_offset_to_its_utc_time(local: dt.datetime, utc: dt.datetime, offset: object) -> None:
    found = localize(local, utc)
    assert isinstance(found, dt.datetime) and found.utcoffset() == offset
    assert found.replace(tzinfo=None) == local


def test_times_with_and_without_offset_compare_by_wall_clock() -> None:
    assert later(dt.datetime(2021, 3, 2, 9, 15, tzinfo=PLUS_TWO), dt.datetime(2021, 3, 2, 9, 14))
    assert not later(dt.datetime(2021, 3, 2, 9, 14), dt.datetime(2021, 3, 2, 9, 14, tzinfo=PLUS_TWO))
    assert later(dt.datetime(2021, 3, 2, 8, 0, tzinfo=dt.UTC), dt.datetime(2021, 3, 2, 9, 0, tzinfo=PLUS_TWO))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("OldOakTree (RIP 2021)", ("OldOakTree", "RIP 2021")),
        ("Ida Brenner [R.I.P.]", ("Ida Brenner", "R.I.P.")),
        ("Sam - RIP", ("Sam", "RIP")),
        ("Ripley", ("Ripley", None)),
        ("Tom (admin)", ("Tom (admin)", None)),
    ],
)
def test_memorial_suffixes(name: str, expected: tuple[str, str | None]) -> None:
    assert split_memorial(name) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A likes this.", (["A"], None)),
        ("A and B like this.", (["A", "B"], None)),
        ("A, B and 3 others like this.", (["A", "B"], 5)),
        ("You, A and 1,203 others like this.", (["A"], 1205)),
        ("Sam (RIP 2020) and 1 other like this.", (["Sam"], 2)),
        ("Anna gefällt das.", (["Anna"], None)),
        ("Anna und Ben gefällt das.", (["Anna", "Ben"], None)),
        ("Dir, Anna und 1.203 anderen gefällt das.", (["Anna"], 1205)),
        ("Anna, Ben und 3 weiteren Mitgliedern gefällt das.", (["Anna", "Ben"], 5)),
    ],
)
def test_likes_sentences(sentence: str, expected: tuple[list[str], int | None]) -> None:
    assert parse_likes(sentence) == expected


def test_slugs() -> None:
    assert slugify("How does tension cause tightness?") == "how-does-tension-cause-tightness"
    assert slugify("Ça va? Don't worry!") == "ca-va-dont-worry"
    assert slugify("???") == "thread"
    assert len(slugify("word " * 40)) <= 60


DISCLAIMER = "This is general information, not a diagnosis. Please see your own doctor if symptoms change."


@pytest.mark.parametrize(
    "ending",
    [
        "\n\nThis is general information, not a diagnosis. Please see your own doctor if symptoms change.\n",
        "\n\n*This is general information,\nnot a   diagnosis.*\n\n*Please see your own doctor if symptoms change*",
        "\n\n---\n\n**Disclaimer:** This is general information - not a diagnosis!\nPlease see your own doctor if"
        " symptoms change.",
    ],
)
def test_disclaimer_is_found_whatever_the_whitespace(ending: str) -> None:
    pattern = disclaimer_pattern(DISCLAIMER, "Disclaimer")
    assert strip_disclaimer("Advice here." + ending, pattern, len(DISCLAIMER)) == "Advice here."


def test_disclaimer_only_at_the_end() -> None:
    pattern = disclaimer_pattern(DISCLAIMER)
    body = f"{DISCLAIMER}\n\nBut in your case, more below."
    assert strip_disclaimer(body, pattern, len(DISCLAIMER)) is None
    assert disclaimer_pattern("Be well.") is None  # too short to find safely


def test_html_to_markdown_keeps_meaning() -> None:
    html = (
        "Line one<br />Line two<br /><br />#1 tip: use *stars* and snake_case_names, not <b>bold</b> &lt;b&gt;"
        "<br />- a<br />- b<br />[quote] is literal text"
        '<div class="bbCodeBlock bbCodeCode"><div class="type">Code:</div><pre>x  = 1\n  y = 2</pre></div>'
    )
    markdown, quotes = html_to_markdown(html)
    assert quotes == []
    assert markdown == (
        "Line one\n\nLine two\n\n\\#1 tip: use \\*stars\\* and snake_case_names, not **bold** &lt;b>\n\n- a\n- b\n\n"
        "&#91;quote] is literal text\n\n```\nx  = 1\n  y = 2\n```"
    )
    rendered = BodyRenderer().render(markdown, 1).html
    assert "<h1>" not in rendered and "#1 tip: use *stars* and snake_case_names" in rendered
    assert "&lt;b&gt;" in rendered and "<li>a</li>" in rendered and "[quote] is literal" in rendered


def test_html_quotes_become_markers() -> None:
    html = (
        '<blockquote class="bbCodeBlock bbCodeBlock--quote" data-quote="Ann" data-source="post: 12">'
        '<div class="bbCodeBlock-title">Ann said:</div><div class="bbCodeBlock-content">'
        '<div class="bbCodeBlock-expandContent">Hello</div></div></blockquote>After.'
        '<aside class="quote" data-username="bo" data-post="3" data-topic="9"><div class="title">bo:</div>'
        "<blockquote><p>Hi</p></blockquote></aside>"
    )
    markdown, quotes = html_to_markdown(html)
    assert markdown == f"{QUOTE_MARK.format(0)}\nHello\n[/quote]\n\nAfter.\n\n{QUOTE_MARK.format(1)}\nHi\n[/quote]"
    assert (quotes[0].author, quotes[0].post_id) == ("Ann", "12")
    assert (quotes[1].author, quotes[1].post_number, quotes[1].thread_id) == ("bo", 3, "9")


def test_links_are_absolute_and_unsafe_ones_dropped() -> None:
    html = '<a href="threads/x.1/">rel</a> <a href="javascript:alert(1)">js</a>'
    html += ' <img src="data:image/gif;base64,x" alt="d">'
    markdown, _ = html_to_markdown(html, "https://forum.example.org/")
    assert markdown == "[rel](https://forum.example.org/threads/x.1/) js d"


def test_yaml_is_readable_and_round_trips() -> None:
    data = {
        "title": "Colon: here",
        "tags": FlowList(["a", "b, c"]),
        "posts": [
            {
                "author": "ann",
                "date": dt.datetime(2020, 1, 2, 3, 4),
                "likes": FlowList(["bo"]),
                "body": "Hi\n\nBye 😀\n",
            },
            {"author": "bo", "body": "  indented first line\n"},
        ],
    }
    text = dump(data)
    assert yaml.safe_load(text) == data
    assert "tags: [a, 'b, c']\n" in text
    assert (
        "  - author: ann\n    date: 2020-01-02 03:04:00\n    likes: [bo]\n    body: |\n      Hi\n\n      Bye 😀\n"
        in text
    )


def test_members_merge_only_adds() -> None:
    existing = "# people\nann:\n  bio: hi   # kept\nbo: {role: Boss}\ncy:\n"
    change = merge_members(
        existing,
        {"ann": MemberFacts("Member"), "bo": MemberFacts("Member", "RIP 2020"), "cy": MemberFacts("X")},
        "m.yml",
    )
    assert change.text == "# people\nann:\n  role: Member\n  bio: hi   # kept\nbo: {role: Boss}\ncy:\n  role: X\n"
    assert change.notes == ["bo: written on one line; add memorial by hand"]
    assert merge_members(change.text or "", {"ann": MemberFacts("Other")}, "m.yml").text is None
    with pytest.raises(InputError, match="not valid"):
        merge_members("ann:\n  - a list\n", {}, "m.yml")


@pytest.mark.parametrize(
    ("data", "module"),
    [
        (b'<html><article class="message" data-author="a" data-content="post-1"><div class="bbWrapper">', "xenforo2"),
        (b'<html><li class="message" data-author="a"><blockquote class="messageText">', "xenforo1"),
        (b'{"post_stream": {"posts": []}, "id": 1}', "discourse"),
        (b'{"generator": "forum-dl", "type": "post", "item": {}}\n{"type": "post", "item": {}}\n', "forumdl"),
        (b"Title\nDiscussion in 'General' started by ann, Feb 6, 2023.\n", "plaintext"),
        (b"just some text", None),
        (b"<html><body>a blog</body></html>", None),
    ],
)
def test_detection(data: bytes, module: str | None) -> None:
    parser = detect(data)
    assert (parser.__module__.rsplit(".", 1)[1] if parser else None) == module
