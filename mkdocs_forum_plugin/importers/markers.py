"""A check of imported bodies: Markdown emphasis markers left open would show as literal ``**`` on the page.

The check follows CommonMark's rules closely enough for a warning: emphasis
cannot cross a paragraph, so each paragraph must close what it opens. Code,
escaped characters, link addresses and bare web addresses are left out first.
A marker run counts when it can open or close emphasis (it touches text on one
side); an underscore inside a word never does. Every step is linear in the
body's length, whatever it holds (runs of backticks, ``<`` or ``](``).

What is left out is replaced by a letter, not a space: a marker beside a link, an
address, a code span or an escape (``**[list](https://...)**``, ``**`x`**``) is
beside text on the page, and must count as such.
"""

from __future__ import annotations

import re

from ..render.quotes import fence_ranges, span_ranges

_ESCAPED = re.compile(r"\\[\\`*_{}\[\]()#+\-.!~<>|&]")
# Bounded and without the characters that start another match, so that each attempt ends at the next one.
_LINK_TARGET = re.compile(r"\]\([^()\[\]\s]{0,2000}(?:[ ]+\"[^\"\n]{0,300}\")?\)")
# An address ends before emphasis markers, as linkify ends it: `**https://a.org**` is a bold address.
_WEB = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\]*_~]|<[^<>\s]{1,2000}>")
_STANDS_IN = "x"  # for what is left out: text, as far as emphasis goes
_PARAGRAPHS = re.compile(r"\n[ \t>]*\n")
_RUNS = {"*": re.compile(r"\*+"), "_": re.compile(r"_+"), "~": re.compile(r"~~+")}


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(can open, can close) for the marker run text[start:end], by CommonMark's flanking rules (simplified)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    left = not after.isspace() and (after.isalnum() or before.isspace() or not before.isalnum())
    right = not before.isspace() and (before.isalnum() or after.isspace() or not after.isalnum())
    return left, right


def _open_run(paragraph: str, char: str) -> str | None:
    """The first run of ``char`` in a paragraph left without its partner (as written), or None."""
    opened: list[list[int]] = []  # [length left to close, length as written] of runs waiting to be closed
    for match in _RUNS[char].finditer(paragraph):
        start, end = match.span()
        before = paragraph[start - 1] if start > 0 else " "
        after = paragraph[end] if end < len(paragraph) else " "
        if char == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case: never emphasis
        left, right = _flanking(paragraph, start, end)
        length = end - start
        if right and opened:
            while length and opened:
                take = min(length, opened[-1][0])
                opened[-1][0] -= take
                length -= take
                if not opened[-1][0]:
                    opened.pop()
            if length and left:
                opened.append([length, length])
        elif left:
            opened.append([length, length])
        elif right:
            return match.group()  # a closer with nothing open
    return char * opened[0][1] if opened else None


def _without_code(body: str) -> str:
    """The body with each fenced code block made a paragraph break and each code span a letter.

    Code is found as the renderer finds it for quote tags (``render/quotes.py``).
    """
    fences = fence_ranges(body)
    spans = [(*r, _STANDS_IN) for r in span_ranges(body, fences)]
    gaps = sorted([(start, end, "\n\n") for start, end in fences] + spans)
    pieces: list[str] = []
    done = 0
    for start, end, gap in gaps:
        pieces += [body[done:start], gap]
        done = end
    pieces.append(body[done:])
    return "".join(pieces)


def _plain(body: str) -> str:
    """The body without code, escapes and addresses (each replaced by a letter)."""
    body = _without_code(body)
    body = _ESCAPED.sub(_STANDS_IN, body)
    body = _LINK_TARGET.sub("]", body)
    return _WEB.sub(_STANDS_IN, body)


def unbalanced(body: str) -> list[str]:
    """The emphasis markers (such as ``**``, ``_``, ``~~``) that some paragraph of a body leaves open."""
    found: list[str] = []
    for paragraph in _PARAGRAPHS.split(_plain(body)):
        for char in ("*", "_", "~"):
            run = _open_run(paragraph, char)
            if run and run not in found:
                found.append(run)
    return found
