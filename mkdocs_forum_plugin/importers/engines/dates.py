"""Dates as the forum engines print them, read in the page's own time.

phpBB, Simple Machines and MyBB print a date in words or as numbers in the
board's chosen order ("13-02-2023, 08:14 PM"); vBulletin and Invision print
numbers ("06-15-2016, 03:03 PM", "09/13/2020 11:00 AM", "2016-02-01, 02:21").
One reader takes them all: month first unless the page shows a first number
above 12 (then day first), a four-digit first number is a year. A page's stated
time zone ("All times are UTC+01:00") is read by ``stated_offset`` and given to
every time of the page by ``zone_posts`` (the time rule is in ``importers.dates``).
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import clock, in_zone, is_relative, parse_date, parse_iso
from ..dom import Element, css, text
from ..records import When

_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_NUMERIC = re.compile(
    r"^(?P<a>\d{1,4})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{1,4})"
    r"(?:\s*(?:,|at)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?$"
)
_OFFSET = re.compile(
    r"\b(?:UTC|GMT)\s*(?:(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2}(?:\.\d+)?)(?::(?P<minutes>\d{2}))?)?",
    re.IGNORECASE,
)
# What engines print before a date: SMF 2.0's "Reply #3 on:", phpBB's "Posted:".
_LABEL = re.compile(r"^(?:Reply\s*#?\s*\d*\s*)?(?:on|Posted)\s*:\s*", re.IGNORECASE)


def clean_date_text(value: str) -> str:
    """A printed date without what engines put around it: weekday, guillemets, 'on:', a trailing comma."""
    value = " ".join(value.replace("\u202f", " ").replace("\xa0", " ").split())
    value = value.strip(" \u00ab\u00bb,;.()")
    value = _LABEL.sub("", value)
    return _WEEKDAY.sub("", value).strip()


def numeric_day_first(samples: list[str]) -> bool:
    """Whether numeric dates on a page are day first (13-02-2023): true when any first number is above 12."""
    for sample in samples:
        match = _NUMERIC.match(clean_date_text(sample))
        if match and len(match.group("a")) <= 2 and int(match.group("a")) > 12:
            return True
    return False


def _numeric(match: re.Match[str], day_first: bool) -> When | None:
    a, b, c = (int(match.group(k)) for k in "abc")
    if len(match.group("a")) == 4:
        year, month, day = a, b, c
    elif len(match.group("c")) in (2, 4):
        year = c if c > 99 else c + (2000 if c < 70 else 1900)  # '09/13/20': the C locale's short year
        month, day = (b, a) if day_first or a > 12 else (a, b)
    else:
        return None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if match.group("hour") is None:
        return date
    time = clock(
        int(match.group("hour")), int(match.group("minute")), int(match.group("second") or 0), match.group("ampm")
    )
    return dt.datetime(year, month, day, *time) if time else date


def read_date(value: str | None, *, day_first: bool = False) -> When | None:
    """A printed date in the page's own time ('Feb 6, 2023, 8:14 pm', '13-02-2023 20:14'); None for other forms."""
    if not value:
        return None
    cleaned = clean_date_text(value)
    match = _NUMERIC.match(cleaned)
    return _numeric(match, day_first) if match else parse_date(cleaned)


def dated(value: str, notes: list[str], *, day_first: bool = False) -> When | None:
    """``read_date``, with a note when a printed date cannot be read (relative dates above all)."""
    found = read_date(value, day_first=day_first)
    cleaned = clean_date_text(value)
    if found is None and cleaned:
        why = "it is relative to the day the page was saved" if relative(cleaned) else "it is not a known form"
        notes.append(f"date '{cleaned[:60]}' left out: {why}")
    return found


def relative(value: str) -> bool:
    """Whether a printed date is relative ('Today, 10:04 am', 'Yesterday at ...', '5 minutes ago')."""
    return is_relative(value) or bool(re.search(r"\b(?:today|yesterday|ago)\b", value, re.IGNORECASE))


def page_offset(sentence: str) -> dt.timedelta | None:
    """The UTC offset a page states ('All times are UTC+01:00', 'UTC + 1 hour [ DST ]', 'GMT - 5 Hours')."""
    match = _OFFSET.search(sentence)
    if not match:
        return None
    hours = float(match.group("hours") or 0)
    minutes = int(match.group("minutes") or 0)
    offset = dt.timedelta(hours=hours, minutes=minutes)
    if match.group("sign") in ("-", "\u2212"):
        offset = -offset
    if re.search(r"\[\s*DST\s*\]", sentence):  # phpBB 3.0 and 2: summer time adds an hour to the stated zone
        offset += dt.timedelta(hours=1)
    return offset if abs(offset) <= dt.timedelta(hours=14) else None


def from_utc(value: str, offset: dt.timedelta | None) -> When | None:
    """An ISO time (UTC when it says no offset), moved into the page's stated zone; None when the page states none."""
    stamp = parse_iso(value) if value else None
    if not isinstance(stamp, dt.datetime) or offset is None:
        return None
    return in_zone(stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.UTC), offset)


def stated_offset(doc: Element, selector: str, posts: str) -> dt.timedelta | None:
    """The offset the page says its times are in ('All times are GMT +1'), from the elements ``selector`` finds.

    Read from the end: the page's own sentence is in its header or footer, never in a post (``posts``), where
    a member could have written the same words.
    """
    holders = {n.mem_id for n in css(doc, posts)}
    for el in reversed(css(doc, selector)):
        if _inside(el, holders):
            continue
        sentence = text(el)
        if "All times are" in sentence[:200]:
            return page_offset(sentence[sentence.find("All times are") :])
    return None


def _inside(el: Element, holders: set[int]) -> bool:
    current: Element | None = el
    while current is not None:
        if current.mem_id in holders:
            return True
        current = current.parent
    return False
