"""What each line of a XenForo thread copied as plain text is: the phrases and patterns of its lines.

Every phrase is matched in each language of ``phrases.py``; every pattern is tried on
short lines only (``MAX_META``), which keeps the matching linear in the copy's length.
"""

from __future__ import annotations

import re

from .dates import is_relative, parse_date
from .markdown_text import LISTISH
from .phrases import TABLES, first_match

# Each of these phrases is matched in every language of phrases.py.
DISCUSSION = [t.discussion for t in TABLES]
HEADER = re.compile(r"^(?P<n>\d{1,5})\.\s+(?P<name>\S.*)$")
EDITED = [t.edited for t in TABLES]
LIKES = [t.likes for t in TABLES]
SAID = [t.said for t in TABLES]
EXPAND = [t.expand for t in TABLES]
PAGE = re.compile(r"^(?:Page|Seite) (?P<page>\d+) (?:of|von) (?P<last>\d+)$")
# The buttons under a post, in English and in XenForo's German.
UI = re.compile(
    r"^(?:(?:Report|Like|Unlike|Reply|\+\s*Quote|Quote|Edit|Delete|Share|Bookmark"
    r"|Melden|Gefällt mir|Antworten|\+\s*Zitat|Zitieren|Bearbeiten|Löschen|Teilen|Lesezeichen|#\d+)\s*)+$"
)
_NAV_WORD = r"(?:<\s*Prev|Prev|Next(?:\s*>)?|\d+|…|\.\.\.)"
NAV = re.compile(rf"^{_NAV_WORD}(?:\s+{_NAV_WORD})*$")
ENDS = {t.end for t in TABLES}
BOILERPLATE = {line for t in TABLES for line in t.boilerplate}


META = re.compile(r"^(?P<name>\S.*?),\s+(?P<date>.+?)\s+#(?P<n>\d{1,6})(?:\s+(?:Report|Edit))*$")
NAME_COMMA = re.compile(r"^(?P<name>\S.*?),$")
NAME_DATE = re.compile(r"^(?P<name>\S.*?),\s+(?P<date>.+?)$")
NUMBER = re.compile(r"^#(?P<n>\d{1,6})$")
SENTENCE_END = re.compile(r"[.?!:;,…\"'”’)\]]$")
ENDS_NUMBERED = re.compile(r"\s#\d{1,6}$")
MAX_TITLE = 60  # a user title is short
MAX_META = 300  # a 'NAME, DATE #N' line is short; longer lines are never matched (keeps the patterns linear)


def is_date(text: str) -> bool:
    """A short line that is a date, absolute or relative (such as 'Yesterday at 9:14 PM')."""
    return len(text) <= MAX_META and (parse_date(text) is not None or is_relative(text))


def meta_line(line: str) -> re.Match[str] | None:
    """A post's 'NAME, DATE #N' line (short lines only, so that the pattern stays linear)."""
    return META.match(line) if len(line) <= MAX_META and "#" in line else None


def next_filled(lines: list[str], i: int, limit: int = 2) -> int | None:
    """The index of the next non-empty line after ``i``, skipping at most ``limit`` empty ones."""
    for j in range(i + 1, min(len(lines), i + 2 + limit)):
        if lines[j]:
            return j
    return None


def trailing(line: str) -> bool:
    """A line that follows a post's meta line: likes, edit note, buttons, page navigation."""
    return (
        not line
        or bool(
            UI.match(line)
            or NAV.match(line)
            or PAGE.match(line)
            or first_match(EDITED, line)
            or first_match(LIKES, line)
        )
        or line in BOILERPLATE
    )


def title_like(line: str) -> bool:
    """A short line that can be a user title: no sentence, quote, list item, post meta or button line."""
    return (
        0 < len(line) <= MAX_TITLE
        and not SENTENCE_END.search(line)
        and not (first_match(SAID, line) or LISTISH.match(line) or trailing(line) or meta_line(line))
    )
