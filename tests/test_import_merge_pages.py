"""Merging pages of one thread: the page count a page claims is checked before missing pages are counted."""

from __future__ import annotations

import time

from mkdocs_forum_plugin.importers.merge import merge_pages
from mkdocs_forum_plugin.importers.records import SourcePage, SourcePost


def _page(number: int, last: int | None) -> SourcePage:
    post = SourcePost(author="a", body="b", post_id=str(number), position=number)
    return SourcePage(
        source=f"p{number}.html",
        format="vBulletin 4.2",
        key="k",
        title="T",
        posts=[post],
        page=number,
        last_page=last,
        numbered=True,
    )


def test_an_impossible_page_count_is_reported_not_counted() -> None:
    """Found by the fuzz test of the vBulletin pages: 'Page 1 of 99999999999' ran the import out of memory."""
    started = time.monotonic()
    (thread,) = merge_pages([_page(1, 99_999_999_999)])
    assert time.monotonic() - started < 20  # a bound against the hang, not a timing
    assert thread.notes == [
        "the page navigation says 99,999,999,999 pages, which cannot be right: missing pages not checked"
    ]


def test_missing_pages_are_still_counted() -> None:
    (thread,) = merge_pages([_page(1, 4), _page(3, 4)])
    assert thread.notes == ["pages 2, 4 of 4 were not given: their posts are missing"]
