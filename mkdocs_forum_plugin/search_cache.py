"""Reuse Material's search entries for pages that did not change between `mkdocs serve` rebuilds.

MkDocs rebuilds every page on every change while serving, and Material's search
plugin parses each page's HTML again with Python's ``html.parser``: in a wiki of
thousands of thread pages that is most of a rebuild. A page whose HTML, address,
title, metadata and table of contents are the same as in the last build gets the
same search entries, so this cache hands back the earlier entries instead.

It wraps one method of the search plugin's index object for one build. When the
search plugin does not have the expected shape (another search plugin, or a
Material release that changed it), nothing is wrapped and search works as before,
only without the cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

Entry = dict[str, Any]


def _copy(entry: Entry) -> Entry:
    return {key: list(value) if isinstance(value, list) else value for key, value in entry.items()}


def _toc_marks(items: Iterable[Any]) -> list[object]:
    """What the search plugin reads from a table of contents: each item's id and link, nested."""
    return [[getattr(i, "id", None), getattr(i, "url", None), _toc_marks(getattr(i, "children", []))] for i in items]


def page_key(page: Any, salt: bytes = b"") -> bytes:
    """A digest of everything of a page that its search entries are made from (``salt``: the rest)."""
    meta = page.meta if isinstance(page.meta, Mapping) else {}
    head = json.dumps(
        [
            page.url,
            str(page.title),
            meta.get("title"),
            meta.get("tags"),
            meta.get("search"),
            _toc_marks(page.toc or []),
        ],
        default=str,
        sort_keys=True,
    )
    digest = hashlib.blake2b(salt + head.encode("utf-8"), digest_size=20)
    digest.update(b"\0")
    digest.update((page.content or "").encode("utf-8"))
    return digest.digest()


def search_index_of(plugins: Iterable[object]) -> Any | None:
    """The index object of Material's search plugin, if one is configured and has the expected shape."""
    for plugin in plugins:
        index = getattr(plugin, "search_index", None)
        if (
            type(plugin).__module__.startswith("material.plugins.search")
            and isinstance(getattr(index, "entries", None), list)
            and callable(getattr(index, "add_entry_from_context", None))
        ):
            return index
    return None


class SearchEntryCache:
    """Search entries of the last build, by :func:`page_key`; kept across `mkdocs serve` rebuilds."""

    def __init__(self) -> None:
        self._last: dict[bytes, list[Entry]] = {}
        self._this: dict[bytes, list[Entry]] = {}
        self.reused = 0  # pages whose entries came from the cache in the current build
        self.indexed = 0  # pages the search plugin indexed itself in the current build

    def attach(self, plugins: Iterable[object]) -> bool:
        """Wrap the search index for this build; say whether there was one to wrap."""
        self._this, self.reused, self.indexed = {}, 0, 0
        index = search_index_of(plugins)
        if index is None:
            return False
        add: Callable[[Any], None] = index.add_entry_from_context
        if getattr(add, "__forum_search_cache__", False):
            return True  # already wrapped in this build
        # The search plugin's own settings (e.g. a Chinese word list) shape entries too.
        settings = getattr(index, "config", None)
        salt = hashlib.blake2b(json.dumps(settings, default=str, sort_keys=True).encode("utf-8")).digest()

        def add_entry_from_context(page: Any) -> None:
            self._add(index.entries, add, page, salt)

        add_entry_from_context.__forum_search_cache__ = True  # type: ignore[attr-defined]
        index.add_entry_from_context = add_entry_from_context
        return True

    def _add(self, entries: list[Entry], add: Callable[[Any], None], page: Any, salt: bytes) -> None:
        key = page_key(page, salt)
        known = self._this.get(key)
        if known is None:
            known = self._last.get(key)
        if known is None:
            start = len(entries)
            add(page)
            known = [_copy(entry) for entry in entries[start:]]
            self.indexed += 1
        else:
            entries.extend(_copy(entry) for entry in known)
            self.reused += 1
        self._this[key] = known

    def finish(self) -> None:
        """Keep the entries of the pages of the build that just ended, and forget the rest."""
        self._last, self._this = self._this, {}
