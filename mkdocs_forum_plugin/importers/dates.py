"""Forum dates in the forms forums print them, to dates and naive date-times.

Times are kept as the source shows them: the wall-clock time of a page (in the
time zone of whoever saved it), or UTC for Discourse and forum-dl, whose JSON
gives UTC. Relative dates ("Yesterday at 3:14 PM") cannot be placed without
knowing when the page was saved, so they give None.
"""

from __future__ import annotations

import datetime as dt
import re

from .records import When

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}
# German month names as XenForo's German language pack prints them ("6. Feb. 2023", "6. März 2023").
_MONTHS.update(
    {
        name: number
        for number, names in enumerate(
            [
                ("januar", "jän", "jänner"),
                ("februar",),
                ("mär", "märz", "mrz"),
                ("april",),
                ("mai",),
                ("juni",),
                ("juli",),
                ("august",),
                ("september",),
                ("okt", "oktober"),
                ("november",),
                ("dez", "dezember"),
            ],
            1,
        )
        for name in names
    }
)
_MONTH = r"(?P<month>[^\W\d_]{3,9})\.?"
_TIME = (
    r"(?:\s*(?:,|at|um)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?:(?P<ampm>[AaPp]\.?[Mm]\.?)|Uhr)?)?"
)
_FORMS = [
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}$"),
    # "6 February 2023", and German "6. Februar 2023"
    re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}$"),
]
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[Zz]|[+-]\d{2}:?\d{2})?)?$")


def clock(hour: int, minute: int, second: int, ampm: str | None) -> tuple[int, int, int] | None:
    """(hour, minute, second) on the 24-hour clock, from a 12-hour one when ``ampm`` is given; None when impossible."""
    if ampm:
        pm = ampm[0].lower() == "p"
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def parse_iso(text: str) -> When | None:
    """An ISO 8601 date or date-time; the offset is dropped, keeping the wall-clock time."""
    text = text.strip()
    if not _ISO.match(text):
        return None
    if len(text) == 10:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    value = _iso_datetime(text)
    return value.replace(tzinfo=None, microsecond=0) if value is not None else None


def _iso_datetime(text: str) -> dt.datetime | None:
    """An ISO date-time with its offset, if it has one ("Z" and "+0100" written the ISO way first)."""
    cleaned = re.sub(r"[Zz]$", "+00:00", text.replace(" ", "T", 1))
    cleaned = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", cleaned)
    try:
        return dt.datetime.fromisoformat(cleaned)
    except ValueError:
        return None


def parse_utc(text: str) -> When | None:
    """An ISO date-time converted to UTC (for sources that give an offset, such as Discourse)."""
    text = text.strip()
    if not _ISO.match(text) or len(text) == 10:
        return parse_iso(text)
    value = _iso_datetime(text)
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.replace(tzinfo=None, microsecond=0)


def from_timestamp(value: float | int | str) -> dt.datetime | None:
    """A Unix timestamp (seconds) as a UTC date-time."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    if not 0 < seconds < 32503680000:  # before the year 3000
        return None
    return dt.datetime.fromtimestamp(int(seconds), dt.UTC).replace(tzinfo=None)


def parse_date(text: str | None) -> When | None:
    """'Feb 6, 2023', '6 February 2023', 'Feb 6, 2023 at 8:14 PM', '6. Februar 2023 um 14:05', ISO forms; else None."""
    if not text:
        return None
    text = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split()).strip(" .")
    iso = parse_iso(text)
    if iso is not None:
        return iso
    for form in _FORMS:
        match = form.match(text)
        if not match:
            continue
        month = _MONTHS.get(match.group("month").lower())
        if month is None:
            return None
        try:
            day = dt.date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            return None
        if match.group("hour") is None:
            return day
        time = clock(
            int(match.group("hour")), int(match.group("minute")), int(match.group("second") or 0), match.group("ampm")
        )
        if time is None:
            return day
        return dt.datetime(day.year, day.month, day.day, *time)
    return None


def is_relative(text: str) -> bool:
    """Whether a date is written relative to the day the page was seen ('Yesterday at ...')."""
    first = text.strip().split(" ", 1)[0].lower().rstrip(",")
    days = ("today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return first in days or bool(re.match(r"^(a|an|\d+)\s+(minute|hour|day|week)s?\s+ago", text.strip(), re.I))
