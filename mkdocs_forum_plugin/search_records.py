"""Search records from the model, and the chunked index a reader's browser fetches per query.

A thread page becomes one :class:`SearchPage`: its first item is the thread
itself (title, section and tags), then one item per post, located at
``#post-N``, titled with the author and showing the start of the post's own
words (quotes of other posts and Markdown markup removed), at most ``TEASER``
characters; every word of the post is indexed. Ordinary pages come from the
search engine's own entries (page and sections) as :func:`page_from_entries`
groups them. A page is held compactly until the index is made: its rows already
as the JSON its pack holds, and the words to index once.

:func:`build_index` turns the pages into files:

- ``pages/G.json``: the rows of ``PACK`` consecutive pages (page N is entry
  ``N % PACK`` of pack ``N // PACK``), fetched only for pages in a result. A row
  is ``[location, title, text, tags]``, the text left out when it is empty and
  has no tags; an item's location after the first is shortened when the worker can
  rebuild it from the page's: ``3`` for ``PAGE#post-3``, ``"#a"`` for ``PAGE#a``;
- ``terms/K.json``: every indexed word whose first ``PREFIX`` characters hash
  (:func:`bucket`, FNV-1a of their UTF-8) to K among ``buckets`` files, each with
  its document frequency and its best postings ``[page, item, weight, ...]``, at
  most ``MAX_POSTINGS``. The number of buckets grows with the index, so that a
  term file stays near ``TERM_TARGET`` bytes.

A query fetches one term file per word and the packs of the pages it shows
(see the worker), so what a reader downloads depends on the query, not on the
size of the wiki. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Post, Thread
from .render.excerpt import html_text, plain_text

PREFIX = 3  # characters of a word that choose its term file
MIN_WORD = 2  # shorter words are not indexed
MAX_POSTINGS = 64  # postings kept per word: the best ones, by weight
TITLE_BOOST = 4  # a word in a title counts as this many occurrences
TEASER = 320  # characters of a post's text kept for its result: the worker's snippet window
PACK = 64  # consecutive pages per pack file: 32 files at 2,000 threads, a 64th of a file per thread
TERM_TARGET = 64 * 1024  # bytes of term postings per term file, on average
TERM_MAX = 128 * 1024  # more term files are made while one is larger, if its prefixes can be split
_WORD = re.compile(rf"\w{{{MIN_WORD},}}")  # letters, digits and "_", as the worker's /[\p{L}\p{N}_]+/u
_K1, _B = 1.2, 0.75  # BM25's term-frequency saturation and length normalization
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


def _dumps(data: object) -> bytes:
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
        titles = tuple(html_text(i.title) for i in items)
        # Held until every page is read: compressed, they weigh a fifth or less (fast level, ~0.1 s at 2,000 threads).
        return cls(page, zlib.compress(_dumps(rows), 1), titles, tuple(i.words for i in items))

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


def bucket(word: str, buckets: int) -> int:
    """The term file (0 to ``buckets - 1``) of ``word``: FNV-1a of its first characters' UTF-8, as the worker does."""
    value = 0x811C9DC5
    for byte in word[:PREFIX].encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def term_file(word: str, buckets: int) -> str:
    """The name of the term file that holds ``word`` among ``buckets`` (the worker computes the same name)."""
    return f"{bucket(word, buckets)}.json"


def _by_weight(posting: tuple[int, int, int]) -> int:
    return -posting[0]


def bucket_count(sizes: Mapping[str, int]) -> int:
    """How many term files the prefixes of these sizes (bytes) get: about ``TERM_TARGET`` bytes each.

    Doubled while a file exceeds ``TERM_MAX`` and holds more than one prefix (one prefix
    is never split: the worker finds every word a typed prefix begins in one file).
    """
    count = max(1, math.ceil(sum(sizes.values()) / TERM_TARGET))
    while count < 4 * len(sizes):  # past that, only clashing hashes are left to part
        totals: dict[int, int] = {}
        prefixes: Counter[int] = Counter()
        for prefix, size in sizes.items():
            k = bucket(prefix, count)
            totals[k] = totals.get(k, 0) + size
            prefixes[k] += 1
        if not any(total > TERM_MAX and prefixes[k] > 1 for k, total in totals.items()):
            break
        count *= 2
    return count


@dataclass
class SearchIndexFiles:
    """The index: its term files, the pages its packs are made of, its shape, and a version of the whole.

    A pack's content is made only when :meth:`files` hands it out, so the rows of every page
    are not held a second time, joined into packs, while the index is written.
    """

    terms: dict[str, bytes]  # relative path -> content
    pages: list[SearchPage]
    items: int
    pack: int = PACK  # pages per pack file
    buckets: int = 1  # term files
    version: str = ""

    def files(self) -> Iterator[tuple[str, bytes]]:
        """Each file of the index (relative path, content): the term files, then the packs in order."""
        yield from self.terms.items()
        for g in range(0, len(self.pages), self.pack):
            yield f"pages/{g // self.pack}.json", b"[" + b",".join(p.rows for p in self.pages[g : g + self.pack]) + b"]"


def _postings(pages: list[SearchPage]) -> dict[str, list[int]]:
    """Each indexed word's document frequency and best postings, flat: ``[df, page, item, weight, ...]``."""
    # Lengths in words split at spaces: cheap to count ahead, so that each item's postings are
    # made as it is read, without holding the counts of every item at once.
    lengths = [len(text.split()) for page in pages for text in page.words]
    average = sum(lengths) / max(len(lengths), 1) or 1.0
    df: dict[str, int] = {}
    best: dict[str, list[tuple[int, int, int]]] = {}  # word -> (weight, page, item), the best so far
    floor: dict[str, int] = {}  # word -> the weight a posting must exceed once MAX_POSTINGS are kept
    located = ((p, i, page.titles[i], text) for p, page in enumerate(pages) for i, text in enumerate(page.words))
    for (p, i, title, text), length in zip(located, lengths, strict=True):
        counts = Counter(words(text))
        for word in words(title):
            counts[word] += TITLE_BOOST
        norm = _K1 * (1 - _B + _B * length / average)
        weights: dict[float, int] = {}
        for word, tf in counts.items():
            df[word] = df.get(word, 0) + 1
            weight = weights.get(tf)
            if weight is None:
                weight = weights[tf] = max(1, round(10 * tf * (_K1 + 1) / (tf + norm)))
            if weight <= floor.get(word, 0):
                continue  # an earlier posting as good or better is kept already
            postings = best.get(word)
            if postings is None:
                postings = best[word] = []
            postings.append((weight, p, i))
            if len(postings) >= 4 * MAX_POSTINGS:
                postings.sort(key=_by_weight)  # stable: among equal weights the earlier page stays
                del postings[MAX_POSTINGS:]
                floor[word] = postings[-1][0]
    flat: dict[str, list[int]] = {}
    for word, postings in best.items():
        postings.sort(key=_by_weight)
        flat[word] = [df[word], *(x for weight, p, i in postings[:MAX_POSTINGS] for x in (p, i, weight))]
    return flat


def build_index(pages: list[SearchPage]) -> SearchIndexFiles:
    """The chunked index of the pages (see the module's docstring for the files)."""
    entries = {word: _dumps(word) + b":" + _dumps(postings) for word, postings in _postings(pages).items()}
    sizes: dict[str, int] = {}
    for word, entry in entries.items():
        sizes[word[:PREFIX]] = sizes.get(word[:PREFIX], 0) + len(entry) + 1
    buckets = bucket_count(sizes)
    shards: dict[int, list[bytes]] = {}
    for word in sorted(entries):
        shards.setdefault(bucket(word, buckets), []).append(entries[word])
    terms = {f"terms/{k}.json": b"{" + b",".join(shard) + b"}" for k, shard in sorted(shards.items())}
    index = SearchIndexFiles(terms, pages, sum(len(page.words) for page in pages), PACK, buckets)
    digest = hashlib.blake2b(digest_size=8)
    for name, content in index.files():
        digest.update(name.encode())
        digest.update(content)
    index.version = digest.hexdigest()
    return index
