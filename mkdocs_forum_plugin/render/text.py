"""Small helpers shared by the renderers: ``<time>`` tags, initials, escaping (words are in labels.py)."""

from __future__ import annotations

import hashlib
from html import escape

from ..model import When
from .sanitize import LINK_REL


def iso(when: When) -> str:
    """Machine-readable form for ``<time datetime=...>``."""
    return when.isoformat()


def time_tag(when: When, text: str, css_class: str = "") -> str:
    """A ``<time>`` element showing ``text`` (words and the formatted date), with an optional class."""
    klass = f' class="{css_class}"' if css_class else ""
    return f'<time{klass} datetime="{iso(when)}">{escape(text)}</time>'


def member_link(shown: str, member_page: str | None, website: str | None) -> str:
    """A member's name (``shown``, HTML) as a link to their member page, else to their own website, else as it is.

    A website is a member's link: like every link in a post that leaves the wiki, it gets ``LINK_REL``.
    """
    if member_page:
        return f'<a href="{escape_attr(member_page)}">{shown}</a>'
    if website:
        return f'<a href="{escape_attr(website)}" rel="{LINK_REL}">{shown}</a>'
    return shown


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


HUES = 12  # the colour classes forum-hue-0 .. forum-hue-11 in forum.css


def hue_class(name: str) -> str:
    """The class that gives a member's generated avatar its colour: one of twelve, from :func:`hue`.

    A class in place of a per-member ``style`` keeps every row of a listing short and
    leaves the colours to the stylesheet.
    """
    return f"forum-hue-{hue(name) * HUES // 360}"


def escape_attr(value: str) -> str:
    """Escape text for a double-quoted HTML attribute."""
    return escape(value, quote=True)


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 reply', '3 replies', '2 threads'."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
