"""Forum quote markup in post bodies: ``[quote="NAME, post:N"] ... [/quote]``.

Discourse writes ``[quote="name, post:3, topic:41"]``, XenForo
``[QUOTE="Name, post: 123, member: 45"]``. Only the name and the post number
matter here; other parts are ignored. Quotes nest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_DEPTH = 16  # deeper quote tags are left as text

# What may follow "[quote=": a double- or single-quoted string, or bare text, up to "]".
QUOTE_ATTR = r"\"[^\"\]\n]*\"|'[^'\]\n]*'|[^\]\n]*"
_TAG = re.compile(rf"\[quote(?:=(?P<attr>{QUOTE_ATTR}))?\]|\[/quote\]", re.IGNORECASE)
_POST = re.compile(r"^\s*post\s*:\s*(\d+)\s*$", re.IGNORECASE)
_OTHER = re.compile(r"^\s*\w+\s*:")


@dataclass
class Quote:
    """A quote block: who is quoted, which post, and what is inside."""

    author: str | None
    post: int | None
    parts: list[str | Quote] = field(default_factory=list)
    offset: int = 0  # where the opening tag starts in the body


def _parse_attr(raw: str | None) -> tuple[str | None, int | None]:
    if not raw:
        return None, None
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    author: str | None = None
    post: int | None = None
    for i, part in enumerate(text.split(",")):
        match = _POST.match(part)
        if match:
            post = int(match.group(1))
        elif i == 0 and not _OTHER.match(part):
            author = part.strip() or None
    return author, post


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[`~]*[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


def _code_ranges(body: str) -> list[tuple[int, int]]:
    """Where fenced code blocks and inline code spans are, as (start, end) offsets."""
    ranges = [(m.start(), m.end()) for m in _FENCE.finditer(body)]
    for match in _CODE_SPAN.finditer(body):
        if not any(start <= match.start() < end for start, end in ranges):
            ranges.append((match.start(), match.end()))
    return ranges


def split_quotes(body: str) -> list[str | Quote]:
    """Split a body into text runs and (nested) quotes.

    A closing tag with no opening one stays as text; a quote left open ends with
    the body, as forums render it.
    """
    root: list[str | Quote] = []
    stack: list[Quote] = []
    pos = 0

    def here() -> list[str | Quote]:
        return stack[-1].parts if stack else root

    code = _code_ranges(body) if "`" in body or "~~~" in body else []
    for match in _TAG.finditer(body):
        if code and any(start <= match.start() < end for start, end in code):
            continue  # quote markup shown as code is an example, not a quote
        opening = not match.group(0).startswith("[/")
        if opening and len(stack) >= MAX_DEPTH:
            continue
        if not opening and not stack:
            continue
        if match.start() > pos:
            here().append(body[pos : match.start()])
        pos = match.end()
        if opening:
            author, post = _parse_attr(match.group("attr"))
            quote = Quote(author, post, offset=match.start())
            here().append(quote)
            stack.append(quote)
        else:
            stack.pop()
    if pos < len(body):
        here().append(body[pos:])
    return root


def quoted_posts(parts: list[str | Quote]) -> list[Quote]:
    """Every quote in a split body, outer ones first."""
    found: list[Quote] = []
    for part in parts:
        if isinstance(part, Quote):
            found.append(part)
            found.extend(quoted_posts(part.parts))
    return found
