"""Search records from the model, and the chunked index a reader's browser fetches per query.

A thread page becomes one :class:`SearchPage`: its first item is the thread
itself (title, section and tags), then one item per post, located at
``#post-N``, titled with the author and holding the post's own words (quotes of
other posts and Markdown markup removed). Ordinary pages come from the search
engine's own entries (page and sections) as :func:`page_from_entries` groups them.

:func:`build_index` turns the pages into files:

- ``pages/N.json``: the items of page N, fetched only for pages in a result;
- ``terms/HEX.json``: every indexed word that starts with the same three
  characters (HEX is their UTF-8 in hex), each with its document frequency and
  its best postings ``[page, item, weight, ...]``, at most ``MAX_POSTINGS``.

A query fetches one term file per word and one page file per shown page, so what
a reader downloads depends on the query, not on the size of the wiki. Nothing
here knows about MkDocs.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .model import Post, Thread
from .render.excerpt import html_text, plain_text

PREFIX = 3  # characters of a word that name its term file
MIN_WORD = 2  # shorter words are not indexed
MAX_POSTINGS = 64  # postings kept per word: the best ones, by weight
TITLE_BOOST = 4  # a word in a title counts as this many occurrences
_WORD = re.compile(rf"\w{{{MIN_WORD},}}")  # letters, digits and "_", as the worker's /[\p{L}\p{N}_]+/u
_K1, _B = 1.2, 0.75  # BM25's term-frequency saturation and length normalization


@dataclass(frozen=True)
class SearchItem:
    """One result a reader can land on: a page, a section of it, or a post."""

    location: str  # relative to the site root: "threads/a/#post-3"
    title: str  # HTML: Material's result list inserts title, text and tags as HTML
    text: str  # HTML shown under the title (escaped plain text for posts)
    words: str  # plain text that is indexed (the title's words are counted separately)
    tags: tuple[str, ...] = ()  # HTML, each


@dataclass(frozen=True)
class SearchPage:
    """A page and its items; ``items[0]`` is the page itself."""

    items: list[SearchItem]

    @property
    def location(self) -> str:
        """The page's address (its first item's)."""
        return self.items[0].location


def _unfolded(post: Post) -> str | None:
    return None


def thread_page(
    thread: Thread,
    url: str,
    author_title: Callable[[Post], str] = lambda post: post.author,
    folded: Callable[[Post], str | None] = _unfolded,
) -> SearchPage:
    """The search page of a thread at ``url``: the thread, then each post (``author_title``: a post's title).

    ``folded`` gives the title of the content note a post is folded behind (None: not folded).
    A folded post's result shows that title instead of its words, and only the title is indexed:
    a search never lays open what the page keeps folded.
    Titles, texts and tags are escaped: Material's result list inserts them as HTML.
    """
    head = " ".join(filter(None, [thread.forum, *thread.tags, thread.description]))
    tags = tuple(html.escape(tag) for tag in thread.tags)
    items = [SearchItem(url, html.escape(thread.title), "", head, tags)]
    for post in thread.shown_posts:  # a removed post is not searchable (issue 22)
        note = folded(post)
        text = plain_text(post.body) if note is None else note
        title = html.escape(author_title(post))
        items.append(SearchItem(f"{url}#post-{post.number}", title, html.escape(text), text))
    return SearchPage(items)


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
        pages.append(SearchPage(items))
    return pages


def words(text: str) -> list[str]:
    """The indexed words of a text: lower case, NFC, at least ``MIN_WORD`` characters."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def term_file(word: str) -> str:
    """The name of the term file that holds ``word`` (the worker computes the same name)."""
    return word[:PREFIX].encode("utf-8").hex() + ".json"


def _by_weight(posting: tuple[int, int, int]) -> int:
    return -posting[0]


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass
class SearchIndexFiles:
    """The files of the index (relative path -> content), the item count, and a version of the whole."""

    files: dict[str, bytes]
    items: int
    version: str


def build_index(pages: list[SearchPage]) -> SearchIndexFiles:
    """The chunked index of the pages (see the module's docstring for the files)."""
    # Lengths in words split at spaces: cheap to count ahead, so that each item's postings are
    # made as it is read, without holding the counts of every item at once.
    lengths = [len(item.words.split()) for page in pages for item in page.items]
    average = sum(lengths) / max(len(lengths), 1) or 1.0
    df: dict[str, int] = {}
    best: dict[str, list[tuple[int, int, int]]] = {}  # word -> (weight, page, item), the best so far
    floor: dict[str, int] = {}  # word -> the weight a posting must exceed once MAX_POSTINGS are kept
    located = ((p, i, item) for p, page in enumerate(pages) for i, item in enumerate(page.items))
    for (p, i, item), length in zip(located, lengths, strict=True):
        counts = Counter(words(item.words))
        for word in words(html_text(item.title)):
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
    shards: dict[str, dict[str, list[int]]] = {}
    for word in sorted(flat):
        shards.setdefault(term_file(word), {})[word] = flat[word]
    files = {f"terms/{name}": _dumps(data) for name, data in shards.items()}
    for p, page in enumerate(pages):
        rows = [[i.location, i.title, i.text, *([list(i.tags)] if i.tags else [])] for i in page.items]
        files[f"pages/{p}.json"] = _dumps(rows)
    digest = hashlib.blake2b(digest_size=8)
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(files[name])
    return SearchIndexFiles(files, len(lengths), digest.hexdigest())
