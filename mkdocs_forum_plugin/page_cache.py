"""Where a page's cache is decided: rendered pages kept across `mkdocs serve` rebuilds, honestly.

A thread page is rendered from its own file, the site's settings, and what it asked
the link index (other threads' addresses, titles and post counts, old forum
addresses, members and their pages, its section, its related threads). The cache
keeps each page with the answers it got. On the next build the same questions are
asked of the new index: the page is reused only when its file, the settings and
every answer are unchanged. Nothing has to guess in advance what a page depends on.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from .link_index import LinkIndex, PageLinks, Question
from .problems import Problem


@dataclass
class CachedPage:
    """One rendered page, what it was made from, and the answers it was given."""

    key: Hashable  # the page's own inputs: its file's digest, its address, the site's settings
    answers: dict[Question, object]
    html: str
    problems: list[Problem] = field(default_factory=list)


class PageCache:
    """Rendered pages by docs path, kept across rebuilds while every input stays the same."""

    def __init__(self) -> None:
        self._pages: dict[str, CachedPage] = {}
        self._used: set[str] = set()
        self.reused = 0  # pages of the current build taken from the cache
        self.reused_last = 0  # the same, for the build that ended last

    def __len__(self) -> int:
        """The pages kept."""
        return len(self._pages)

    def get(self, path: str, key: Hashable, index: LinkIndex, page_url: str) -> CachedPage | None:
        """The page kept for ``path`` if its key matches and the index still gives each recorded answer."""
        self._used.add(path)
        cached = self._pages.get(path)
        if cached is None or cached.key != key:
            return None
        if not PageLinks(index, page_url).same_answers(cached.answers):
            return None
        self.reused += 1
        return cached

    def put(self, path: str, page: CachedPage) -> None:
        """Keep a freshly rendered page."""
        self._used.add(path)
        self._pages[path] = page

    def forget_unused(self) -> None:
        """Drop pages the last build did not have (deleted or renamed thread files)."""
        self._pages = {path: page for path, page in self._pages.items() if path in self._used}
        self._used = set()
        self.reused_last, self.reused = self.reused, 0
