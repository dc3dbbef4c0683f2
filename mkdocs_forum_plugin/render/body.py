"""Post bodies: untrusted Markdown to safe HTML.

Bodies get their own Markdown instance with a fixed, file-free extension list, so
that a site's ``pymdownx.snippets`` or ``pymdownx.b64`` can never read a file on a
forum member's behalf. The result passes the nh3 allowlist, and is cached by
content so that ``mkdocs serve`` rebuilds only what changed.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

import markdown

from .quotes import Quote, split_quotes
from .sanitize import clean

# Extensions that only transform text; none of them reads files or fetches URLs.
BODY_EXTENSIONS = ("tables", "fenced_code", "sane_lists", "pymdownx.tilde", "pymdownx.magiclink")
BRACKETS_BEFORE_DEFUSE = 64
MAX_BRACKET_DEPTH = 3


def defuse_brackets(text: str) -> str:
    """Escape the ``[`` that would make Python-Markdown's link search quadratic.

    Python-Markdown looks for the matching ``]`` of every ``[``; a long run of
    unmatched or deeply nested brackets takes minutes. Past a modest number of
    brackets, every further one, the unmatched ones and those nested deeper
    than a link ever is are escaped: they still show, but start no link search.
    """
    if text.count("[") <= BRACKETS_BEFORE_DEFUSE:
        return text
    escape: set[int] = set()
    stack: list[int] = []
    opened = 0
    for i, char in enumerate(text):
        if char == "[" and (i == 0 or text[i - 1] != "\\"):
            opened += 1
            if len(stack) >= MAX_BRACKET_DEPTH or opened > BRACKETS_BEFORE_DEFUSE:
                escape.add(i)
            else:
                stack.append(i)
        elif char == "]" and stack:
            stack.pop()
    escape.update(stack)
    if not escape:
        return text
    return "".join("\\[" if i in escape else char for i, char in enumerate(text))


@dataclass(frozen=True)
class RenderedBody:
    """A body's safe HTML and the quotes found in it."""

    html: str
    quotes: tuple[Quote, ...]


class BodyRenderer:
    """Render bodies with one private Markdown instance and a content cache."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=list(BODY_EXTENSIONS), output_format="html")
        self._cache: dict[tuple[str, int], RenderedBody] = {}
        self._seen: set[tuple[str, int]] = set()

    def markdown_to_safe_html(self, text: str) -> str:
        """Render trusted or untrusted Markdown with the body extensions, then sanitize."""
        self._md.reset()
        return clean(self._md.convert(defuse_brackets(text)))

    def _parts_html(self, parts: list[str | Quote], post_count: int, quotes: list[Quote]) -> str:
        out: list[str] = []
        for part in parts:
            if isinstance(part, str):
                if part.strip():
                    out.append(self.markdown_to_safe_html(part))
                continue
            quotes.append(part)
            who = html.escape(part.author) if part.author else "Someone"
            label = f"{who} wrote:"
            if part.post is not None and 1 <= part.post <= post_count:
                label = f'<a class="forum-quote__source" href="#post-{part.post}">{label}</a>'
            inner = self._parts_html(part.parts, post_count, quotes)
            out.append(
                f'<blockquote class="forum-quote"><p class="forum-quote__attribution">{label}</p>{inner}</blockquote>'
            )
        return "\n".join(out)

    def render(self, body: str, post_count: int) -> RenderedBody:
        """Safe HTML of one body; quote links point at ``#post-N`` when N is in the thread."""
        key = (hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest(), post_count)
        self._seen.add(key)
        cached = self._cache.get(key)
        if cached is None:
            quotes: list[Quote] = []
            cached = RenderedBody(self._parts_html(split_quotes(body), post_count, quotes), tuple(quotes))
            self._cache[key] = cached
        return cached

    def forget_unused(self) -> None:
        """Drop cache entries that the last build did not use, so memory stays bounded."""
        self._cache = {key: value for key, value in self._cache.items() if key in self._seen}
        self._seen = set()
