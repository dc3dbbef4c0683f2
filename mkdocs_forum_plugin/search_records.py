"""Search records from the model: the pages and items a reader's search can land on.

A thread page becomes one :class:`SearchPage`: its first item is the thread
itself (title, section and tags), then one item per post, located at
``#post-N``, titled with the author and showing the start of the post's own
words (quotes of other posts and Markdown markup removed), at most ``TEASER``
characters; every word of the post is indexed. Ordinary pages come from the
search engine's own entries (page and sections) as :func:`page_from_entries`
groups them. A page is held compactly until the index is made: its rows already
as the JSON its pack holds (compressed), and the words to index once.

A row is ``[location, title, text, tags]``, the text left out when it is empty
and has no tags; an item's location after the first is shortened when the
worker can rebuild it from the page's: ``3`` for ``PAGE#post-3``, ``"#a"`` for
``PAGE#a``. ``search_index.py`` makes the files a reader fetches from these
pages. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Post, Thread
from .render.excerpt import html_text, plain_text

PREFIX = 3  # characters of a word that choose its term file (search_index.py)
MIN_WORD = 2  # shorter words are not indexed
TEASER = 200  # characters of a post's text in its result, as Discourse's search excerpts; the worker's SNIPPET
_WORD = re.compile(rf"\w{{{MIN_WORD},}}")  # letters, digits and "_", as the worker's /[\p{L}\p{N}_]+/u
_POST = re.compile(r"#post-([1-9][0-9]*)")


@dataclass(frozen=True)
class SearchItem:
    """One result a reader can land on: a page, a section of it, or a post."""

    location: str  # relative to the site root: "threads/a/#post-3"
    title: str  # HTML: Material's result list inserts title, text and tags as HTML
    text: str  # HTML shown under the title (escaped plain text for posts)
    words: str  # plain text that is indexed (the title's words are counted separately)
    tags: tuple[str, ...] = ()  # HTML, each


def _short_location(page: str, location: str) -> str | int:
    """An item's location as its row holds it: what the worker cannot rebuild from the page's."""
    if not location.startswith(page + "#"):
        return location
    post = _POST.fullmatch(location, len(page))
    return int(post.group(1)) if post else location[len(page) :]


def _full_location(page: str, short: str | int) -> str:
    """The location of a row's short form (the worker does the same)."""
    if isinstance(short, int):
        return f"{page}#post-{short}"
    return page + short if short.startswith("#") else short


def _row(location: str | int, item: SearchItem) -> list[Any]:
    row: list[Any] = [location, item.title]
    if item.text or item.tags:
        row.append(item.text)
    if item.tags:
        row.append(list(item.tags))
    return row


def dumps(data: object) -> bytes:
    """Compact JSON in UTF-8, as every file of the index is written."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page's items, held compactly: ``rows`` as its pack holds them, and each item's words once."""

    location: str
    packed_rows: bytes  # the JSON of the page's rows (module docstring), zlib-compressed; the first is the page
    titles: tuple[str, ...]  # each item's title as plain text: its words weigh TITLE_BOOST
    words: tuple[str, ...]  # each item's indexed text

    @classmethod
    def of(cls, items: Sequence[SearchItem]) -> SearchPage:
        """The page of ``items``; ``items[0]`` is the page itself."""
        page = items[0].location
        rows = [_row(page, items[0]), *(_row(_short_location(page, i.location), i) for i in items[1:])]
        titles = tuple(sys.intern(html_text(i.title)) for i in items)  # authors' names recur: held once
        # Held until every page is read: compressed, they weigh a fifth or less (fast level, ~0.1 s at 2,000 threads).
        return cls(page, zlib.compress(dumps(rows), 1), titles, tuple(i.words for i in items))

    @property
    def rows(self) -> bytes:
        """The JSON of the page's rows, as its pack holds them."""
        return zlib.decompress(self.packed_rows)

    @property
    def items(self) -> list[SearchItem]:
        """The items again, read back from the rows (for tests and tools; the index does not need them)."""
        rows = json.loads(self.rows)
        found = []
        for n, row in enumerate(rows):
            text = row[2] if len(row) > 2 else ""
            tags = tuple(row[3]) if len(row) > 3 else ()
            location = row[0] if n == 0 else _full_location(self.location, row[0])
            found.append(SearchItem(location, row[1], text, self.words[n], tags))
        return found


def _unfolded(post: Post) -> str | None:
    return None


def teaser(text: str, limit: int = TEASER) -> str:
    """The start of a plain text, at most ``limit`` characters with the ellipsis, cut at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return (text[:cut].rstrip() if cut > 0 else text[: limit - 1]) + "…"


def thread_page(
    thread: Thread,
    url: str,
    author_title: Callable[[Post], str] = lambda post: post.author,
    folded: Callable[[Post], str | None] = _unfolded,
) -> SearchPage:
    """The search page of a thread at ``url``: the thread, then each post (``author_title``: a post's title).

    ``folded`` gives the title of the content note a post is folded behind (None: not folded).
    A folded post's result shows that title instead of its words, and only the title is indexed:
    a search never lays open what the page keeps folded. A post's shown text is its ``teaser``;
    all its words are indexed.
    Titles, texts and tags are escaped: Material's result list inserts them as HTML.
    """
    head = " ".join(filter(None, [thread.forum, *thread.tags, thread.description]))
    tags = tuple(html.escape(tag) for tag in thread.tags)
    items = [SearchItem(url, html.escape(thread.title), "", head, tags)]
    for post in thread.shown_posts:  # a removed post is not searchable (issue 22)
        note = folded(post)
        text = plain_text(post.body) if note is None else note
        title = html.escape(author_title(post))
        items.append(SearchItem(f"{url}#post-{post.number}", title, html.escape(teaser(text)), text))
    return SearchPage.of(items)


def page_from_entries(entries: Iterable[Mapping[str, Any]]) -> list[SearchPage]:
    """Group a search engine's entries (location, title, HTML text, tags) into pages, the page's own entry first."""
    groups: dict[str, list[SearchItem]] = {}
    for entry in entries:
        location = str(entry.get("location", ""))
        title = str(entry.get("title", ""))  # HTML, as Material's own worker shows it
        text = str(entry.get("text", ""))
        tags = tuple(str(t) for t in entry.get("tags") or ())
        item = SearchItem(location, title, text, html_text(text), tags)
        page = location.partition("#")[0]
        items = groups.setdefault(page, [])
        if location == page:
            items.insert(0, item)
        else:
            items.append(item)
    pages = []
    for page, items in groups.items():
        if items[0].location != page:  # no entry for the page itself: its first section stands for it
            first = items[0]
            items.insert(0, SearchItem(page, first.title, "", "", first.tags))
        pages.append(SearchPage.of(items))
    return pages


def words(text: str) -> list[str]:
    """The indexed words of a text: lower case, NFC, at least ``MIN_WORD`` characters."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())
