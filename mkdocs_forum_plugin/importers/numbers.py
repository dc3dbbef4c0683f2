"""Numbers read from an imported page (page numbers, post numbers, like counts), kept within bounds.

A saved page is untrusted: its pagination can claim page 99999999999999999999 and
its post header "#1e999". Nothing may allocate or loop by such a number, and
Python refuses to read an integer of more than 4,300 digits (``ValueError``), so
every number a reader takes from a page comes through here.
"""

from __future__ import annotations

import re

MAX_PAGE = 100_000  # more pages than any thread has (the wiki keeps at most 5,000 posts of one)
MAX_POSITION = 10_000_000  # a post's number in its thread ("#12"); more than any forum's longest thread
MAX_COUNT = 1_000_000_000  # likes, thanks, reactions of one post
_DIGITS = re.compile(r"[0-9]+")


def whole(text: str, limit: int) -> int | None:
    """The number written in ASCII digits (a '+' or spaces around allowed); None above ``limit`` or for other text.

    ``str.isdigit`` also accepts '²' and other digits that ``int`` cannot read, so it is not used.
    """
    digits = text.strip().lstrip("+").strip()
    if not _DIGITS.fullmatch(digits):
        return None
    digits = digits.lstrip("0") or "0"
    if len(digits) > len(str(limit)):
        return None
    value = int(digits)
    return value if value <= limit else None


def clamp_page(value: int | None) -> int | None:
    """A page number or page count within 1..MAX_PAGE (None stays None)."""
    return None if value is None else min(max(value, 1), MAX_PAGE)


def page_number(text: str) -> int | None:
    """A page number as a page prints it ('2', ' 12 '), within 1..MAX_PAGE; None when it is no number.

    A number of more digits than any page count is clamped to MAX_PAGE rather than read.
    """
    digits = text.strip()
    if not _DIGITS.fullmatch(digits):
        return None
    digits = digits.lstrip("0") or "0"
    return MAX_PAGE if len(digits) > len(str(MAX_PAGE)) else clamp_page(int(digits))


def position(text: str) -> int | None:
    """A post's number in its thread, from 1 to MAX_POSITION; None when it is no number or out of bounds."""
    value = whole(text, MAX_POSITION)
    return value if value else None


def count(text: str) -> int | None:
    """A count as printed ('1,234', '1 234'): its digits, up to MAX_COUNT; None without digits or above it."""
    digits = re.sub(r"[^0-9]", "", text)
    return whole(digits, MAX_COUNT) if digits else None
