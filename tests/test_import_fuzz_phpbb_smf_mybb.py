"""Fuzz tests of the phpBB, Simple Machines and MyBB readers: mutated, truncated and random pages.

Through the whole import (no traceback, no write outside --out, as in test_import_fuzz.py) and through each
parser alone (only InputError, and plain data out). Bounded for CI like the other fuzz tests
(FORUM_FUZZ_EXAMPLES or FUZZ_EXAMPLES runs more).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_import_fuzz import FUZZ, HOSTILE, Sandbox, load_seeds, mutate, mutated_files, mutations, sandbox
from test_import_helpers import FIXTURES

from mkdocs_forum_plugin.importers.engines import mybb, phpbb, phpbb_subsilver, smf
from mkdocs_forum_plugin.importers.records import InputError, ParseOptions, SourcePage
from mkdocs_forum_plugin.importers.safety import clean_bytes

__all__ = ["sandbox"]  # the fixture, shared with test_import_fuzz.py

FOLDERS = {
    "phpbb": ["phpbb33", "phpbb33-themed", "phpbb30"],
    "phpbb_subsilver": ["phpbb30-subsilver2", "phpbb2"],
    "smf": ["smf20", "smf20-core", "smf21"],
    "mybb": ["mybb18", "mybb18-classic"],
}
PARSERS = {"phpbb": phpbb.parse, "phpbb_subsilver": phpbb_subsilver.parse, "smf": smf.parse, "mybb": mybb.parse}
SEEDS = load_seeds(FOLDERS)
ENGINE_HOSTILE = [
    '<blockquote cite="./viewtopic.php?p=99999999999999999999999">',
    "<blockquote><div><cite>",
    "</cite>",
    '<a data-post-id="../../x">',
    '<div class="quotetitle">x wrote:</div>',
    '<div class="quotecontent">',
    '<table><tr><td class="quote">',
    '<td class="code">',
    '<dl class="codebox"><dt>Code:</dt><dd><code>',
    "_________________",
    '<time datetime="9999-99-99T99:99:99+99:99">Today, 9:99 am</time>',
    '<time datetime="2024-01-01T00:00:00Z">',
    "All times are UTC + 99 hours [ DST ]",
    "All times are UTC-14:00",
    "Page 99999999999999999999 of 0",
    '<li class="active"><span>0</span></li>',
    '<div id="p1" class="post">',
    '<dl class="postprofile"><dd class="profile-rank"><img alt="[quote]">',
    '<b class="postauthor">',
    '<span class="name"><a name="1"></a><b>',
    '<span class="postbody">',
    "Posted: Mon Feb 31, 2023 8:14 pm Post subject:",
    "Last edited by x on yesterday, edited 1e9 times in total.",
    '<div class="post_wrapper"><div class="poster"><h4>',
    '<div class="inner" id="msg_1" data-msgid="../x">',
    '<div class="quoteheader"><a href="?topic=1.msg99999999999999999999#msg1">Quote from: on on on</a></div>',
    '<blockquote class="bbc_standard_quote"><cite>',
    '<code class="bbc_code">',
    "\u00ab <strong>Reply #99999999999999999999 on:</strong> <strong>Today</strong> at 99:99:99 PM \u00bb",
    '<li class="like_count smalltext">You and 1e999 other people like this.</li>',
    '<img class="smiley" alt="**">',
    '<div class="post " id="post_1"><div class="post_author">',
    '<span class="post_date"><span title="31-31-2024">Yesterday</span>, 99:99 PM',
    '<blockquote class="mycode_quote"><cite><span>(x)</span>a Wrote: <a href="?pid=../1" class="quick_jump">',
    '<span class="edited_post">(This post was last modified: by .)</span>',
    '<img class="smilie" alt="[/quote]">',
    '<span class="pages">Pages (99999999999999999999):</span>',
    '<a href="attachment.php?aid=javascript:alert(1)">',
    '<a href="./download/file.php?id=1"><img alt="<script>">',
]
engine_mutation = mutations(ENGINE_HOSTILE + HOSTILE)


@pytest.mark.parametrize("kind", sorted(FOLDERS))
@FUZZ
@given(data=st.data())
def test_mutated_engine_pages(sandbox: Callable[[], Sandbox], kind: str, data: st.DataObject) -> None:
    sandbox().run(mutated_files(data, SEEDS[kind], engine_mutation))


@pytest.mark.parametrize("kind", sorted(FOLDERS))
@FUZZ
@given(data=st.data())
def test_each_parser_alone(kind: str, data: st.DataObject) -> None:
    """Whatever the page, a parser gives pages of plain data or one InputError, never another exception."""
    seed = data.draw(st.sampled_from(SEEDS[kind]))
    page = clean_bytes(mutate(seed, *data.draw(engine_mutation)))
    try:
        parsed = PARSERS[kind]("f.html", page, ParseOptions())
    except InputError as error:
        assert str(error)
        return
    for found in parsed:
        assert isinstance(found, SourcePage) and found.title and found.key
        assert found.page >= 1 and (found.last_page is None or found.last_page >= 0)
        for post in found.posts:
            assert isinstance(post.body, str) and post.author
            assert all(q.post_id is None or q.post_id.isdigit() for q in post.quotes)


@FUZZ
@given(data=st.data())
def test_pages_with_every_engine_marker(sandbox: Callable[[], Sandbox], data: st.DataObject) -> None:
    """A page that looks like several engines at once (every marker pasted in) imports or fails with a message."""
    seed = data.draw(st.sampled_from([s for seeds in SEEDS.values() for s in seeds]))
    markers = "".join(data.draw(st.lists(st.sampled_from(ENGINE_HOSTILE), min_size=1, max_size=12)))
    at = data.draw(st.integers(0, len(seed)))
    sandbox().run({"mixed.html": seed[:at] + markers.encode() + seed[at:]})


@pytest.mark.parametrize(
    ("kind", "seed", "before", "after"),
    [
        # Found by the fuzz tests: a malformed host in the canonical link made the address parser raise.
        (
            "smf",
            "smf21/sleeping-position-page-1.html",
            b'https://backtalk.example.org/index.php?topic=96.0">',
            b'https://[ DST ]/index.php?topic=96.0">',
        ),
        (
            "phpbb",
            "phpbb33/waking-page-1.html",
            b'href="https://quietspine.example.org/forum/viewtopic.php?t=4127"',
            b'href="https://[x y]/viewtopic.php?t=4127"',
        ),
        (
            "mybb",
            "mybb18/flight-page-1.html",
            b'href="https://mendwell.example.com/showthread.php?tid=73"',
            b'href="https://host:port/showthread.php?tid=73"',
        ),
        # Found by the fuzz tests: a relative MyBB date whose shown part is empty.
        (
            "mybb",
            "mybb18/flight-page-1.html",
            b'<span title="03-12-2024">Yesterday</span>',
            b'<span title="03-12-2024"></span>',
        ),
    ],
)
def test_found_by_fuzzing(kind: str, seed: str, before: bytes, after: bytes) -> None:
    saved = (FIXTURES / seed).read_bytes()
    assert before in saved
    pages = PARSERS[kind]("f.html", saved.replace(before, after, 1), ParseOptions())
    assert pages and pages[0].posts
