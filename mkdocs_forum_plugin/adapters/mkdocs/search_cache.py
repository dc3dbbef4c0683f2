"""Reuse Material's search entries for pages that did not change between `mkdocs serve` rebuilds.

MkDocs rebuilds every page on every change while serving, and Material's search
plugin parses each page's HTML again with Python's ``html.parser``: in a wiki of
thousands of thread pages that is most of a rebuild. A page whose HTML, address,
title, metadata and table of contents are the same as in the last build gets the
same search entries, so this cache hands back the earlier entries instead.

Under ``mkdocs serve --dirty`` Material keeps the last build's entries and
replaces those of the first page rebuilt, assuming only one page was. The forum's
generated pages are rebuilt every time, so the cache also replaces the entries of
every page rebuilt, not just the first one; otherwise search results repeat.

It wraps two methods of the search plugin's index object for one build. When the
search plugin does not have the expected shape (another search plugin, or a
Material release that changed it), nothing is wrapped and search works as before,
only without the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

SearchEntry = dict[str, Any]  # Material's: location, title, text, and maybe tags and boost


class SearchIndex(Protocol):
    """What this module uses of Material's ``SearchIndex``."""

    entries: list[SearchEntry]
    config: dict[str, Any]

    def add_entry_from_context(self, page: Page) -> None:
        """Read the page's sections into ``entries``."""

    def generate_search_index(self, prev: SearchIndex | None) -> str:
        """The JSON of the index (``prev``: the last build's index under `serve --dirty`)."""


def _copy(entry: SearchEntry) -> SearchEntry:
    # Entries hold strings, numbers and the list of tags: copying the lists is a full copy.
    return {key: list(value) if isinstance(value, list) else value for key, value in entry.items()}


def _page_of(location: str) -> str:
    return location.partition("#")[0]


def _toc_marks(items: Iterable[Any]) -> list[object]:
    """What the search plugin reads from a table of contents: each item's id and link, nested."""
    return [(item.id, item.url, _toc_marks(item.children)) for item in items]


def page_key(page: Page, salt: bytes = b"") -> bytes | None:
    """A digest of everything of a page that its search entries are made from (``salt``: the rest).

    ``repr`` keeps the types of front-matter values apart (a date is not the string
    of that date, and Material treats them differently). None when the page has
    something that cannot be keyed; such a page is simply indexed again.
    """
    meta = page.meta if isinstance(page.meta, Mapping) else {}
    try:
        marks = (page.url, page.title, meta.get("title"), meta.get("tags"), meta.get("search"), _toc_marks(page.toc))
        head = repr(marks)
    except Exception:  # an odd object in the front matter or table of contents
        return None
    digest = hashlib.blake2b(salt, digest_size=20)
    digest.update(head.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update((page.content or "").encode("utf-8", "surrogatepass"))
    return digest.digest()


def search_index_of(plugins: Iterable[object]) -> SearchIndex | None:
    """The index object of Material's search plugin, if one is configured and has the expected shape."""
    for plugin in plugins:
        index = getattr(plugin, "search_index", None)
        if (
            type(plugin).__module__.startswith("material.plugins.search")
            and isinstance(getattr(index, "entries", None), list)
            and callable(getattr(index, "add_entry_from_context", None))
            and callable(getattr(index, "generate_search_index", None))
        ):
            return index
    return None


class SearchEntryCache:
    """Search entries of the last build, by :func:`page_key`; kept across `mkdocs serve` rebuilds."""

    def __init__(self) -> None:
        self._last: dict[bytes, list[SearchEntry]] = {}
        self._this: dict[bytes, list[SearchEntry]] = {}
        self._pages: set[str] = set()  # addresses of the pages indexed in this build
        self.reused = 0  # pages of this build whose entries came from the cache
        self.indexed = 0  # pages of this build that the search plugin read itself

    def attach(self, plugins: Iterable[object]) -> None:
        """Wrap the search index for this build, when there is one of the expected shape."""
        self._this, self._pages, self.reused, self.indexed = {}, set(), 0, 0
        index = search_index_of(plugins)
        if index is None:
            return
        add = index.add_entry_from_context
        generate = index.generate_search_index
        if getattr(add, "__forum_search_cache__", False):
            return  # an index left from an earlier build (search is switched off now)
        # The search plugin's own settings (e.g. a Chinese word list) shape entries too.
        salt = hashlib.blake2b(repr(sorted(index.config.items(), key=repr)).encode("utf-8")).digest()

        def add_entry_from_context(page: Page) -> None:
            self._add(index.entries, add, page, salt)

        def generate_search_index(prev: SearchIndex | None) -> str:
            if prev is not None:  # `serve --dirty`: keep the other pages' entries from before
                kept = [entry for entry in prev.entries if _page_of(str(entry.get("location"))) not in self._pages]
                index.entries = kept + index.entries
            return generate(None)

        add_entry_from_context.__forum_search_cache__ = True  # type: ignore[attr-defined]
        index.add_entry_from_context = add_entry_from_context  # type: ignore[method-assign]
        index.generate_search_index = generate_search_index  # type: ignore[method-assign]

    def _add(self, entries: list[SearchEntry], add: Callable[[Page], None], page: Page, salt: bytes) -> None:
        self._pages.add(page.url)
        key = page_key(page, salt)
        cached = None if key is None else self._this.get(key, self._last.get(key))
        if cached is None:
            start = len(entries)
            add(page)
            cached = [_copy(entry) for entry in entries[start:]]
            self.indexed += 1
        else:
            entries.extend(_copy(entry) for entry in cached)
            self.reused += 1
        if key is not None:
            self._this[key] = cached

    def finish(self) -> None:
        """Keep the entries of the pages of the build that just ended, and forget the rest."""
        if self.reused or self.indexed:
            log.debug(f"search entries: {self.reused} pages reused, {self.indexed} pages read again")
        self._last, self._this = self._this, {}
