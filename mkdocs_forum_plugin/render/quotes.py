"""Forum quote markup in post bodies: ``[quote="NAME, post:N"] ... [/quote]``.

Discourse writes ``[quote="name, post:3, topic:41"]``, XenForo
``[QUOTE="Name, post: 123, member: 45"]``. Only the name and the post number
matter here; other parts are ignored. Quotes nest.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field

MAX_DEPTH = 16  # deeper quote tags are left as text
MAX_ATTR = 300  # characters between "[quote=" and "]"; a longer run is text, which keeps matching linear

# What may follow "[quote=": a double- or single-quoted string, or bare text, up to "]".
# Bounded, so that text full of "[quote=" without a "]" costs linear time, not quadratic.
QUOTE_ATTR = rf"\"[^\"\]\n]{{0,{MAX_ATTR}}}\"|'[^'\]\n]{{0,{MAX_ATTR}}}'|[^\]\n]{{0,{MAX_ATTR}}}"
# XenForo and Discourse write "[quote=...]"; hand-typed BBCode may put spaces around the "=".
QUOTE_OPEN = rf"\[quote(?:[ \t]{{0,8}}=[ \t]{{0,8}}(?P<attr>{QUOTE_ATTR}))?\]"
_TAG = re.compile(rf"{QUOTE_OPEN}|\[/quote[ \t]{{0,8}}\]", re.IGNORECASE)
_POST = re.compile(r"^\s*post\s*:\s*(\d+)\s*$", re.IGNORECASE)
_OTHER = re.compile(r"^\s*\w+\s*:")
# --- removed posts (issue 22) ---
# What `mkdocs-forum forget` writes for a quote of a forgotten member: [quote="post:3, removed:true"][/quote].
REMOVED_PART = "removed:true"
_REMOVED = re.compile(r"^\s*removed\s*:\s*true\s*$", re.IGNORECASE)


@dataclass
class Quote:
    """A quote block: who is quoted, which post, and what is inside."""

    author: str | None
    post: int | None
    parts: list[str | Quote] = field(default_factory=list)
    offset: int = 0  # where the opening tag starts in the body
    removed: bool = False  # "removed:true" in the tag: its words were taken out at the member's request
    end: int = -1  # where its closing tag ends in the body (the body's end for a quote left open)


def attr_parts(raw: str) -> list[str]:
    """The comma-separated parts of a quote attribute, without its quotes ("Name, post: 3, member: 7")."""
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    return text.split(",")


def _parse_attr(raw: str | None) -> tuple[str | None, int | None, bool]:
    if not raw:
        return None, None, False
    author: str | None = None
    post: int | None = None
    removed = False
    for i, part in enumerate(attr_parts(raw)):
        match = _POST.match(part)
        if match:
            post = int(match.group(1))
        elif _REMOVED.match(part):
            removed = True
        elif i == 0 and not _OTHER.match(part):
            author = part.strip() or None
    return author, post, removed


_FENCE_RUN = re.compile(r"`{3,}|~{3,}")
_BACKTICKS = re.compile(r"`+")


def fence_ranges(body: str) -> list[tuple[int, int]]:
    """Fenced code blocks as (start, end) offsets, found line by line in linear time."""
    ranges: list[tuple[int, int]] = []
    fence: tuple[str, int, int] | None = None  # the open fence's character, length and start
    offset = 0
    for line in body.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip(" "))
        run = _FENCE_RUN.match(line, indent) if indent <= 3 else None
        if run is not None:
            mark = run.group(0)
            if fence is None:
                # A backtick fence's info string cannot hold a backtick (CommonMark).
                if mark[0] != "`" or "`" not in line[run.end() :]:
                    fence = (mark[0], len(mark), offset)
            elif mark[0] == fence[0] and len(mark) >= fence[1] and not line[run.end() :].strip():
                ranges.append((fence[2], offset + len(line)))
                fence = None
        offset += len(line)
    if fence is not None:
        ranges.append((fence[2], len(body)))
    return ranges


def span_ranges(body: str, fences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inline code spans outside fences: a run of N backticks up to the next run of exactly N.

    Each backtick length keeps a cursor into its own list of runs that only moves
    forward, so the whole pass is linear however many backticks a body has.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(body) if not _inside(fences, m.start())]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    cursor = dict.fromkeys(by_length, 0)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        length = runs[i][1] - runs[i][0]
        same = by_length[length]
        while cursor[length] < len(same) and same[cursor[length]] <= i:
            cursor[length] += 1
        if cursor[length] < len(same):
            j = same[cursor[length]]
            spans.append((runs[i][0], runs[j][1]))
            i = j + 1
        else:
            i += 1
    return spans


def _inside(ranges: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls in one of the sorted, disjoint ``ranges``."""
    index = bisect.bisect_right(ranges, (position, sys.maxsize)) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def _code_ranges(body: str) -> list[tuple[int, int]]:
    """Where fenced code blocks and inline code spans are, as sorted (start, end) offsets."""
    fences = fence_ranges(body)
    return sorted(fences + span_ranges(body, fences))


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
        if code and _inside(code, match.start()):
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
            author, post, removed = _parse_attr(match.group("attr"))
            quote = Quote(author, post, offset=match.start(), removed=removed)
            here().append(quote)
            stack.append(quote)
        else:
            stack.pop().end = match.end()
    if pos < len(body):
        here().append(body[pos:])
    for quote in stack:
        quote.end = len(body)
    return root
