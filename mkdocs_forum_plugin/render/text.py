"""Small wording helpers shared by the renderers: dates, likes, initials, escaping."""

from __future__ import annotations

import datetime as dt
import hashlib
from html import escape

from ..model import When

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def iso(when: When) -> str:
    """Machine-readable form for ``<time datetime=...>``."""
    return when.isoformat()


def human_date(when: When) -> str:
    """'30 January 2015', with the time when one is given."""
    text = f"{when.day} {MONTHS[when.month - 1]} {when.year}"
    if isinstance(when, dt.datetime):
        text += f", {when.hour:02d}:{when.minute:02d}"
    return text


def time_tag(when: When, css_class: str = "", prefix: str = "") -> str:
    """A ``<time>`` element for a date, with an optional class and words before the date."""
    klass = f' class="{css_class}"' if css_class else ""
    return f'<time{klass} datetime="{iso(when)}">{prefix}{human_date(when)}</time>'


def likes_sentence(names: list[str], total: int | None) -> str:
    """'A, B and 8 others like this' (plain text; escape before use in HTML)."""
    count = max(total or 0, len(names))
    if count == 0:
        return ""
    others = count - len(names)
    shown = list(names)
    if others:
        shown.append(f"{others} other" if others == 1 else f"{others} others")
    if not names:
        return f"{count} member likes this" if count == 1 else f"{count} members like this"
    if len(shown) == 1:
        return f"{shown[0]} likes this"
    return f"{', '.join(shown[:-1])} and {shown[-1]} like this"


def initials(name: str) -> str:
    """One or two letters for a generated avatar."""
    words = [w for w in name.replace("_", " ").replace(".", " ").split() if w[:1].isalnum()]
    if not words:
        return (name[:1] or "?").upper()
    if len(words) == 1:
        return words[0][:2].upper() if len(words[0]) > 1 else words[0].upper()
    return (words[0][0] + words[-1][0]).upper()


def hue(name: str) -> int:
    """A stable colour hue (0-359) for a member's generated avatar."""
    return int(hashlib.blake2b(name.encode("utf-8"), digest_size=2).hexdigest(), 16) % 360


def escape_attr(value: str) -> str:
    """Escape text for a double-quoted HTML attribute."""
    return escape(value, quote=True)


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 reply', '3 replies', '2 threads'."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
