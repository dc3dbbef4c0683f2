"""The chunked search index a reader's browser fetches per query, made from the search records.

:func:`build_index` turns the pages of ``search_records.py`` into files:

- ``pages/G.json``: the rows of ``PACK`` consecutive pages (page N is entry
  ``N % PACK`` of pack ``N // PACK``), fetched only for pages in a result;
- ``terms/K.json``: every indexed word whose first ``PREFIX`` characters hash
  (:func:`bucket`, FNV-1a of their UTF-8) to K among ``buckets`` files, each with
  its document frequency and its best postings ``[page, item, weight, ...]``, at
  most ``MAX_POSTINGS``. The number of term files grows with the index, so that
  one stays near ``TERM_TARGET`` bytes.

A query fetches one term file per word and the packs of the pages it shows
(see the worker, ``assets/search-worker.js``), so what a reader downloads
depends on the query, not on the size of the wiki. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .search_records import PREFIX, SearchPage, dumps, words

MAX_POSTINGS = 64  # postings kept per word: the best ones, by weight
TITLE_BOOST = 4  # a word in a title counts as this many occurrences
PACK = 64  # consecutive pages per pack file: 32 files at 2,000 threads, a 64th of a file per thread
TERM_TARGET = 64 * 1024  # bytes of term postings per term file, on average
TERM_MAX = 128 * 1024  # more term files are made while one is larger, if its prefixes can be split
_K1, _B = 1.2, 0.75  # BM25's term-frequency saturation and length normalization


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
    entries = {word: dumps(word) + b":" + dumps(postings) for word, postings in _postings(pages).items()}
    sizes: dict[str, int] = {}
    for word, entry in entries.items():
        sizes[word[:PREFIX]] = sizes.get(word[:PREFIX], 0) + len(entry) + 1
    buckets = bucket_count(sizes)
    shards: dict[int, list[bytes]] = {}
    for word in sorted(entries):
        shards.setdefault(bucket(word, buckets), []).append(entries[word])
    terms = {f"terms/{k}.json": b"{" + b",".join(shard) + b"}" for k, shard in sorted(shards.items())}
    # The version of the whole, from the term files and each page's rows as held (compressed,
    # which tells rows apart as well): no pack is made twice, once here and once to be written.
    digest = hashlib.blake2b(f"{PACK} {buckets}".encode(), digest_size=8)
    for name, content in terms.items():
        digest.update(name.encode())
        digest.update(content)
    for page in pages:
        digest.update(page.packed_rows)
    return SearchIndexFiles(terms, pages, sum(len(page.words) for page in pages), PACK, buckets, digest.hexdigest())
