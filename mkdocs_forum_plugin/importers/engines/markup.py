"""What the vBulletin and Invision readers share: their dates, and their quotes in the converter's own form.

Both engines print dates as numbers in the forum's chosen order ("06-15-2016,
03:03 PM", "09/13/2020 11:00 AM", "2016-02-01, 02:21"). Their quotes are
rewritten into the markup of a XenForo 2 quote (``data-quote``,
``data-source="post: N"``), which the shared converter already turns into a
quote marker, so that a new engine needs no change to the converter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueList, NavigableString, PageElement

from ..dates import is_relative, parse_date
from ..records import When

_NUMERIC = re.compile(
    r"^(?P<a>\d{1,4})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{1,4})"
    r"(?:\s*(?:,|at)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?$"
)


def _clock(hour: int, minute: int, second: int, ampm: str | None) -> tuple[int, int, int] | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
    return (hour, minute, second) if hour <= 23 and minute <= 59 and second <= 59 else None


def numeric_date(text: str) -> When | None:
    """'06-15-2016, 03:03 PM', '09/13/2020 11:00 AM', '2016-02-01, 02:21', else the shared forms ('Feb 6, 2023').

    Month first is both engines' default; a first number above 12 can only be a day.
    """
    text = " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split()).strip(" .")
    match = _NUMERIC.match(text)
    if match is None:
        return parse_date(text)
    a, b, c = (int(match.group(k)) for k in "abc")
    if len(match.group("a")) == 4:
        year, month, day = a, b, c
    elif len(match.group("c")) in (2, 4):
        year = c if c > 99 else c + (2000 if c < 70 else 1900)  # '09/13/20': the C locale's short year
        month, day = (b, a) if a > 12 else (a, b)
    else:
        return None
    try:
        day_value = dt.date(year, month, day)
    except ValueError:
        return None
    if match.group("hour") is None:
        return day_value
    clock = _clock(
        int(match.group("hour")), int(match.group("minute")), int(match.group("second") or 0), match.group("ampm")
    )
    return dt.datetime(year, month, day, *clock) if clock else day_value


def date_or_note(text: str, notes: list[str]) -> When | None:
    """A printed date, or None with a note saying why it was left out."""
    value = numeric_date(text) if text else None
    if value is None and text:
        why = "it is relative to the day the page was saved" if is_relative(text) else "it is not a known form"
        notes.append(f"date '{text}' left out: {why}")
    return value


def xenforo_quote(
    soup: BeautifulSoup, old: Tag, author: str | None, post_id: str | None, content: Sequence[PageElement | str]
) -> None:
    """Replace ``old`` with a XenForo 2 quote holding ``content`` (moved, not copied)."""
    quote = soup.new_tag("blockquote")
    quote["class"] = AttributeValueList(["bbCodeBlock", "bbCodeBlock--quote"])
    if author:
        quote["data-quote"] = author
    if post_id:
        quote["data-source"] = f"post: {post_id}"
    inner = soup.new_tag("div")
    inner["class"] = AttributeValueList(["bbCodeBlock-content"])
    for piece in content:
        inner.append(NavigableString(piece) if isinstance(piece, str) else piece.extract())
    quote.append(inner)
    old.replace_with(quote)


def embeds_to_links(holder: Tag, soup: BeautifulSoup) -> None:
    """An embedded video or page (``<iframe>``) becomes a link to it; its fallback text ("No iframe support") goes."""
    for frame in holder.find_all("iframe"):
        src = str(frame.get("src") or "").strip()
        if src.startswith("//"):
            src = "https:" + src
        if not src.startswith(("http://", "https://")):
            frame.decompose()
            continue
        link = soup.new_tag("a", href=src)
        link.append(NavigableString(src))
        paragraph = soup.new_tag("p")
        paragraph.append(link)
        frame.replace_with(paragraph)


def thread_key(engine: str, host: str, thread_id: str | None, forum: str | None, title: str) -> str:
    """The same thread gets the same key on every page: its forum's host and id, else its section and title.

    Without a host (a page with no address of its own and no ``--base-url``), ids of two forums could meet, so
    the title is part of the key too.
    """
    if thread_id and host:
        return f"{engine}:{host}:{thread_id}"
    if thread_id:
        return f"{engine}:id:{thread_id}:{title}"
    return f"{engine}:title:{forum or ''}:{title}"


def split_address(url: str | None) -> tuple[str, str]:
    """(host, path) of an address; ('', '') for one that is no address at all (``http://[::1``, from a page)."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return "", ""
    return parts.netloc, parts.path
