"""Plain-text excerpts of post bodies, for descriptions, listings, feeds and structured data."""

from __future__ import annotations

import html
import re

from .quotes import split_quotes

_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|https?://\S+|[`*_#>\[\]()!~|\\]+")


def plain_text(body: str) -> str:
    """The body's own words: quotes of other posts and Markdown markup removed."""
    own = " ".join(part for part in split_quotes(body) if isinstance(part, str))
    return " ".join(_MARKUP.sub(lambda m: f" {m.group(1) or ''} ", own).split())


def excerpt(body: str, chars: int = 160) -> str:
    """The start of a body as plain text, cut at a word boundary."""
    text = plain_text(body)
    if len(text) <= chars:
        return text
    return text[:chars].rsplit(" ", 1)[0] + "…"


_TAG = re.compile(r"<[^>]*>")


def html_text(fragment: str) -> str:
    """Visible text of sanitized HTML (nh3 output is well-formed, so dropping tags is exact)."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())
