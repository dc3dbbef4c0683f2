"""Numbers a saved page claims (page, last page, post number, like count) stay bounded in every engine.

A fuzz run found a memory blow-up: a page whose post header said "Reply #99999999999999999999"
made the merge build a set of every post number up to it. Each engine family has a case here;
the merge of each page is measured with tracemalloc, so a number read from a page that is
used to allocate fails the test.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest
from test_import_helpers import FIXTURES

from mkdocs_forum_plugin.importers import xenforo1, xenforo2
from mkdocs_forum_plugin.importers.engines import invision, mybb, phpbb, phpbb_subsilver, smf, vbulletin, vbulletin5
from mkdocs_forum_plugin.importers.merge import merge_pages
from mkdocs_forum_plugin.importers.numbers import MAX_PAGE, MAX_POSITION, count, page_number, position
from mkdocs_forum_plugin.importers.records import ParseOptions, SourcePage

HUGE = "99999999999999999999"
ENORMOUS = "9" * 5000  # more digits than Python's int() reads (4,300): a ValueError if read as it is
Parse = Callable[[str, bytes, ParseOptions], list[SourcePage]]

CASES: list[tuple[str, Parse, str, list[tuple[str, str]]]] = [
    (
        "phpbb",
        phpbb.parse,
        "phpbb33/waking-page-1.html",
        [('<li class="active"><span>1</span>', f'<li class="active"><span>{ENORMOUS}</span>')],
    ),
    (
        "phpbb-subsilver",
        phpbb_subsilver.parse,
        "phpbb2/heat-or-ice.html",
        [
            ("Page <b>1</b> of <b>2</b>", f"Page <b>{HUGE}</b> of <b>{HUGE}</b>"),
            (
                "Page <strong>1</strong> of <strong>1</strong>",
                f"Page <strong>{HUGE}</strong> of <strong>{HUGE}</strong>",
            ),
        ],
    ),
    (
        "phpbb30",
        phpbb.parse,
        "phpbb30/magnesium.html",
        [("Page <strong>1</strong> of <strong>1</strong>", f"Page <strong>{HUGE}</strong> of <strong>{HUGE}</strong>")],
    ),
    (
        "smf20",
        smf.parse,
        "smf20/insoles.html",
        [("Reply #1", f"Reply #{HUGE}"), ("<strong>1</strong>", f"<strong>{ENORMOUS}</strong>")],
    ),
    (
        "smf21",
        smf.parse,
        "smf21/sleeping-position-page-1.html",
        [('floatright">#2<', f'floatright">#{HUGE}<'), ('class="current_page">1<', f'class="current_page">{HUGE}<')],
    ),
    (
        "mybb",
        mybb.parse,
        "mybb18/flight-page-1.html",
        [("Pages (2)", f"Pages ({ENORMOUS})"), ('pagination_current">1', f'pagination_current">{HUGE}')],
    ),
    ("vbulletin3", vbulletin.parse, "vbulletin3/shoulder.html", [("Page 1 of 2", f"Page {HUGE} of {ENORMOUS}")]),
    (
        "vbulletin4",
        vbulletin.parse,
        "vbulletin4/drives-page-1.html",
        [('postcounter">#2', f'postcounter">#{HUGE}'), ("Page 1 of 2", f"Page 1 of {HUGE}")],
    ),
    (
        "vbulletin5",
        vbulletin5.parse,
        "vbulletin5/neck.html",
        [('data-page="1"', f'data-page="{HUGE}"'), ('">#2<', f'">#{ENORMOUS}<')],
    ),
    ("invision", invision.parse, "invision4/sciatica-page-1.html", [("data-pages='2'", f"data-pages='{ENORMOUS}'")]),
    (
        "xenforo1",
        xenforo1.parse,
        "xenforo1/b-stiffness-page-1.html",
        [('data-last="3"', f'data-last="{HUGE}"'), ('">#2</a>', f'">#{HUGE}</a>')],
    ),
    (
        "xenforo2",
        xenforo2.parse,
        "xenforo2/desk-page-1.html",
        [('page-2">2</a>', f'page-2">{ENORMOUS}</a>'), ('">#2</a>', f'">#{HUGE}</a>')],
    ),
]


def _damaged(seed: str, edits: list[tuple[str, str]]) -> bytes:
    page = (FIXTURES / seed).read_text(encoding="utf-8")
    changed = page
    for before, after in edits:
        changed = changed.replace(before, after)
    assert changed != page, f"none of the edits apply to {seed}"
    return changed.encode()


@pytest.mark.parametrize(("name", "parse", "seed", "edits"), CASES, ids=[c[0] for c in CASES])
def test_numbers_a_page_claims_stay_bounded(name: str, parse: Parse, seed: str, edits: list[tuple[str, str]]) -> None:
    pages = parse("f.html", _damaged(seed, edits), ParseOptions())
    assert pages and pages[0].posts
    for page in pages:
        assert 1 <= page.page <= MAX_PAGE
        assert page.last_page is None or 1 <= page.last_page <= MAX_PAGE
        assert all(p.position is None or 1 <= p.position <= MAX_POSITION + 1 for p in page.posts)
    tracemalloc.start()
    try:
        merged = merge_pages(pages)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert merged and merged[0].posts
    assert peak < 5_000_000, f"merging one page took {peak:,} bytes"


def test_a_huge_claim_is_clamped_and_said() -> None:
    """A page that says it is page 10^20 of 10^20 counts as the last possible page; the missing pages are named."""
    pages = smf.parse(
        "f.html", _damaged("smf20/insoles.html", [("<strong>1</strong>", f"<strong>{HUGE}</strong>")]), ParseOptions()
    )
    assert (pages[0].page, pages[0].last_page) == (MAX_PAGE, MAX_PAGE)
    merged = merge_pages(pages)[0]
    assert f"pages 1-{MAX_PAGE - 1} of {MAX_PAGE} were not given" in " ".join(merged.notes)


def test_post_numbers_missing_are_found_without_counting_to_the_last() -> None:
    pages = mybb.parse("f.html", (FIXTURES / "mybb18/flight-page-1.html").read_bytes(), ParseOptions())
    pages[0].last_page = None  # the pages are not what is checked here
    pages[0].posts[-1].position = MAX_POSITION
    tracemalloc.start()
    try:
        merged = merge_pages(pages)[0]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000
    assert f"-{MAX_POSITION - 1} of the thread are missing" in " ".join(merged.notes)


@pytest.mark.parametrize(
    ("read", "text", "expected"),
    [
        (page_number, "2", 2),
        (page_number, " 12 ", 12),
        (page_number, "0", 1),
        (page_number, "100001", MAX_PAGE),
        (page_number, ENORMOUS, MAX_PAGE),
        (page_number, "\u00b2", None),  # '²'.isdigit() is true, and int('²') raises
        (page_number, "-3", None),
        (page_number, "", None),
        (position, "12", 12),
        (position, "0", None),
        (position, HUGE, None),
        (position, "\u0663", None),  # an Arabic-Indic three
        (count, "1,234", 1234),
        (count, "1e999", 1999),
        (count, ENORMOUS, None),
        (count, "none", None),
    ],
)
def test_reading_numbers(read: Callable[[str], int | None], text: str, expected: int | None) -> None:
    assert read(text) == expected
