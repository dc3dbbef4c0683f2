"""Post bodies: untrusted Markdown to safe HTML.

Bodies are rendered by their own CommonMark parser (``markdown.py``), never by
the site's Python-Markdown, so a site's ``pymdownx.snippets`` or ``pymdownx.b64``
can never read a file on a forum member's behalf. The result passes the nh3
allowlist, and is cached by content so that ``mkdocs serve`` rebuilds only what
changed. Both the parser and nh3 are native code: a failure of either, a panic
included, shows the post as plain text and is reported, never raised.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

from .labels import Labels
from .markdown import markdown_html
from .quotes import Quote, split_quotes
from .sanitize import MAX_DEPTH, clean, demote_headings, depth


@dataclass(frozen=True)
class RenderedBody:
    """A body's safe HTML and the quotes found in it; ``failure`` says why it is shown as plain text."""

    html: str
    quotes: tuple[Quote, ...]
    failure: str | None = None


class RenderError(Exception):
    """The Markdown parser or the sanitizer failed on a body (native code included)."""


# Never swallowed: the user stopping the build, or the interpreter going down.
_NOT_OURS = (KeyboardInterrupt, SystemExit, GeneratorExit)


def plain_html(text: str) -> str:
    """A body as escaped plain text, its lines kept: what a reader sees when rendering failed."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p.strip()).replace(chr(10), '<br>')}</p>" for p in paragraphs)


class BodyRenderer:
    """Render bodies with the private parser, keeping a content cache across builds."""

    def __init__(self, labels: Labels | None = None) -> None:
        self._cache: dict[tuple[str, int, tuple[int, ...]], RenderedBody] = {}
        self._seen: set[tuple[str, int, tuple[int, ...]]] = set()
        self._labels = labels or Labels()

    @property
    def labels(self) -> Labels:
        """The words of quote attributions ("X wrote:")."""
        return self._labels

    @labels.setter
    def labels(self, labels: Labels) -> None:
        # Cached bodies carry the old language's attributions.
        if labels.language != self._labels.language or labels.texts != self._labels.texts:
            self._cache.clear()
        self._labels = labels

    def markdown_to_safe_html(self, text: str) -> str:
        """Render trusted or untrusted Markdown with the body rules, then sanitize.

        Both steps run native code, which can panic with an exception that derives
        from ``BaseException`` (pyo3's ``PanicException``), so everything but an
        interrupt or an exit becomes a :class:`RenderError`.
        """
        try:
            unsafe = markdown_html(text)
            nesting = depth(unsafe)
            if nesting > MAX_DEPTH:
                raise RenderError(f"its HTML nests {nesting} levels deep; the limit is {MAX_DEPTH}")
            return clean(unsafe)
        except RenderError:
            raise
        except _NOT_OURS:
            raise
        except BaseException as exc:  # a native panic is a BaseException
            first_line = (str(exc).splitlines() or ["no message"])[0]
            raise RenderError(f"{type(exc).__name__}: {first_line}") from None

    def _parts_html(
        self, parts: list[str | Quote], post_count: int, quotes: list[Quote], removed: frozenset[int] = frozenset()
    ) -> str:
        out: list[str] = []
        for part in parts:
            if isinstance(part, str):
                if part.strip():
                    out.append(self.markdown_to_safe_html(part))
                continue
            quotes.append(part)
            # A quote of a removed post (or marked removed by `forget`) keeps its link, never its name or words.
            gone = part.removed or part.post in removed
            who = part.author if part.author and not gone else self._labels("quote_someone")
            label = html.escape(self._labels("quote_wrote", name=who))
            if part.post is not None and 1 <= part.post <= post_count:
                label = f'<a href="#post-{part.post}">{label}</a>'
            if gone:
                words = html.escape(self._labels("quote_removed"))
                inner = f'<p class="forum-quote__removed">{words}</p>'
            else:
                inner = self._parts_html(part.parts, post_count, quotes, removed)
            # "NAME wrote:" is the quote's first paragraph: the stylesheet finds it by its place.
            out.append(f'<blockquote class="forum-quote"><p>{label}</p>{inner}</blockquote>')
        return "\n".join(out)

    def render(self, body: str, post_count: int, removed: frozenset[int] = frozenset()) -> RenderedBody:
        """Safe HTML of one body; quote links point at ``#post-N`` when N is in the thread.

        A quote of a post in ``removed`` (the thread's removed posts) shows "(removed)" for its words.
        """
        digest = hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest()
        key = (digest, post_count, tuple(sorted(removed)))
        self._seen.add(key)
        cached = self._cache.get(key)
        if cached is None:
            quotes: list[Quote] = []
            try:
                body_html = demote_headings(self._parts_html(split_quotes(body), post_count, quotes, removed))
                cached = RenderedBody(body_html, tuple(quotes))
            except RenderError as failure:
                cached = RenderedBody(plain_html(body), (), str(failure))
            self._cache[key] = cached
        return cached

    def __len__(self) -> int:
        """The bodies kept."""
        return len(self._cache)

    def forget_unused(self) -> None:
        """Drop cache entries that the last build did not use, so memory stays bounded."""
        self._cache = {key: value for key, value in self._cache.items() if key in self._seen}
        self._seen = set()
