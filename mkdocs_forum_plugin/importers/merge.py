"""Pages of one thread, from any number of input files, merged into one list of posts."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import zone_plain_times
from .numbers import MAX_PAGE, MAX_POSITION
from .records import SourcePage, SourcePost


@dataclass
class MergedThread:
    """Every page given for one thread, in page order, and their posts in thread order."""

    key: str
    pages: list[SourcePage]
    posts: list[SourcePost]
    notes: list[str] = field(default_factory=list)

    @property
    def first(self) -> SourcePage:
        """The page that describes the thread best: the lowest page number."""
        return self.pages[0]

    @property
    def sources(self) -> list[str]:
        """The input files, in page order, each once."""
        return list(dict.fromkeys(page.source for page in self.pages))


def _gaps(present: list[int], last: int) -> list[tuple[int, int]]:
    """The runs of numbers from 1 to ``last`` that are not in ``present``, found from the numbers given.

    Only the numbers a page gave are walked, never the range up to ``last``: a page that claims to be page
    100,000 of 100,000 costs one step, not a set of 100,000 numbers.
    """
    gaps: list[tuple[int, int]] = []
    expected = 1
    for number in sorted(set(present)):
        if number > last:
            break
        if number > expected:
            gaps.append((expected, number - 1))
        expected = max(expected, number + 1)
    if expected <= last:
        gaps.append((expected, last))
    return gaps


def _runs(gaps: list[tuple[int, int]]) -> str:
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in gaps)


def _merge(key: str, pages: list[SourcePage]) -> MergedThread:
    pages = sorted(pages, key=lambda p: p.page)
    notes: list[str] = []
    seen_pages: dict[int, str] = {}
    kept: list[SourcePage] = []
    for page in pages:
        if page.page in seen_pages and page.format != "Discourse":
            twice = f"{seen_pages[page.page]}, {page.source}"
            notes.append(f"page {page.page} was given twice ({twice}); the first is used")
            continue
        seen_pages.setdefault(page.page, page.source)
        kept.append(page)
    posts: list[SourcePost] = []
    ids: set[str] = set()
    for page in kept:
        for post in page.posts:
            if post.post_id is not None and post.post_id in ids:
                continue
            if post.post_id is not None:
                ids.add(post.post_id)
            posts.append(post)
    zone_plain_times(posts)
    if posts and all(p.position is not None for p in posts):
        posts.sort(key=lambda p: p.position or 0)
    first = kept[0]
    last_page = max((p.last_page or 0 for p in kept), default=0)
    if last_page > MAX_PAGE:  # a damaged page's navigation: its missing pages cannot be counted
        notes.append(f"the page navigation says {last_page:,} pages, which cannot be right: missing pages not checked")
        last_page = 0
    missing_pages = _gaps(list(seen_pages), last_page)
    if missing_pages:
        notes.append(f"pages {_runs(missing_pages)} of {last_page} were not given: their posts are missing")
    elif first.numbered and posts and all(p.position is not None for p in posts):
        present = [p.position for p in posts if p.position is not None and 0 < p.position <= MAX_POSITION]
        missing = _gaps(present, max(present, default=0))
        if missing:
            notes.append(f"posts {_runs(missing)} of the thread are missing from the pages given")
    expected = {i for page in kept for i in page.expected_ids}
    missing_ids = expected - {i for page in kept for i in page.seen_ids}
    if missing_ids:
        notes.append(f"{len(missing_ids)} of the thread's {len(expected)} posts are not in the files given")
    return MergedThread(key, kept, posts, notes)


def merge_pages(pages: list[SourcePage]) -> list[MergedThread]:
    """Group pages by thread (in the order threads were first seen) and merge each group."""
    groups: dict[str, list[SourcePage]] = {}
    for page in pages:
        groups.setdefault(page.key, []).append(page)
    return [_merge(key, group) for key, group in groups.items()]
