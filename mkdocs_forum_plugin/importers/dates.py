"""Forum dates in the forms forums print them, to dates and date-times.

One time rule for every path (saved pages, forum-dl, Discourse): a time is kept
as the forum's local wall-clock time, with its UTC offset wherever the source
gives one. An ISO time with an offset keeps it (``2023-01-10T21:15:00+01:00``
stays 21:15 at +01:00; Discourse's ``Z`` is 21:15 at +00:00); a page that states
its zone ("All times are UTC+01:00") gives its printed times that offset
(``in_zone``); a page that shows both a local and a UTC time gives the offset
between them (``localize``). A time whose zone the source does not say stays a
plain wall-clock time. The thread file then holds ``2023-01-10 21:15:00+01:00``.
Relative dates ("Yesterday at 3:14 PM") cannot be placed without knowing when the
page was saved, so they give None.
"""

from __future__ import annotations

import datetime as dt
import re

from .records import SourcePost, When

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
    """An ISO 8601 date or date-time; with the offset it gives (``Z`` is +00:00), else a plain wall-clock time."""
    text = text.strip()
    if not _ISO.match(text):
        return None
    if len(text) == 10:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    value = _iso_datetime(text)
    return value.replace(microsecond=0) if value is not None else None


def _iso_datetime(text: str) -> dt.datetime | None:
    """An ISO date-time with its offset, if it has one ("Z" and "+0100" written the ISO way first)."""
    cleaned = re.sub(r"[Zz]$", "+00:00", text.replace(" ", "T", 1))
    cleaned = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", cleaned)
    try:
        return dt.datetime.fromisoformat(cleaned)
    except ValueError:
        return None


def in_zone(when: When | None, offset: dt.timedelta | None) -> When | None:
    """A time in a stated zone: a plain wall-clock time gets the offset; one with an offset is moved into it.

    Dates (without a time) and times when no zone is stated are left as they are.
    """
    if not isinstance(when, dt.datetime) or offset is None:
        return when
    zone = dt.timezone(offset)
    return when.replace(tzinfo=zone) if when.tzinfo is None else when.astimezone(zone)


def localize(local: When | None, utc: When | None) -> When | None:
    """A page's local time with the offset between it and the UTC time the page also gives for it.

    Only offsets that forums use (whole quarter hours, at most 14 hours) count; otherwise the local time stays
    as it is (the two times are of different moments, or one is rounded).
    """
    if not isinstance(local, dt.datetime) or local.tzinfo is not None or not isinstance(utc, dt.datetime):
        return local
    stamp = utc.astimezone(dt.UTC).replace(tzinfo=None) if utc.tzinfo is not None else utc
    minutes, rest = divmod((local - stamp).total_seconds(), 60)
    if rest or minutes % 15 or abs(minutes) > 14 * 60:
        return local
    return local.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))


def later(first: When, second: When) -> bool:
    """Whether ``first`` is after ``second``; a time with an offset and one without compare by wall clock."""
    if isinstance(first, dt.datetime) and isinstance(second, dt.datetime):
        if (first.tzinfo is None) != (second.tzinfo is None):
            return first.replace(tzinfo=None) > second.replace(tzinfo=None)
        return first > second
    day = first.date() if isinstance(first, dt.datetime) else first
    other = second.date() if isinstance(second, dt.datetime) else second
    return day > other


def from_timestamp(value: float | int | str) -> dt.datetime | None:
    """A Unix timestamp (seconds) as a date-time at +00:00 (``in_zone`` moves it into a page's zone)."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    if not 0 < seconds < 32503680000:  # before the year 3000
        return None
    return dt.datetime.fromtimestamp(int(seconds), dt.UTC)


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


def zone_posts(posts: list[SourcePost], offset: dt.timedelta | None) -> None:
    """Give each post's date and edit date the page's offset (``dates.in_zone``), in place."""
    for post in posts:
        post.date = in_zone(post.date, offset)
        post.edited = in_zone(post.edited, offset)


def zone_plain_times(posts: list[SourcePost]) -> None:
    """Give the times of a thread that carry no offset the one most of its other times carry (``shown_offset``).

    A thread's pages are of one forum: XenForo 1 gives older dates without the moment that shows the offset.
    Times with an offset are left as they are.
    """
    offset = shown_offset(posts)
    if offset is None:
        return
    zone = dt.timezone(offset)
    for post in posts:
        if isinstance(post.date, dt.datetime) and post.date.tzinfo is None:
            post.date = post.date.replace(tzinfo=zone)
        if isinstance(post.edited, dt.datetime) and post.edited.tzinfo is None:
            post.edited = post.edited.replace(tzinfo=zone)


def shown_offset(posts: list[SourcePost]) -> dt.timedelta | None:
    """The offset most of a page's times carry, where the page gives some of them one (``dates.localize``).

    A page that shows local and UTC times for some dates only (XenForo 1's older dates, Invision's without a
    ``datetime``) is in one zone: its other times are placed in it too (``zone_posts``).
    """
    counts: dict[dt.timedelta, int] = {}
    for post in posts:
        for when in (post.date, post.edited):
            offset = when.utcoffset() if isinstance(when, dt.datetime) else None
            if offset is not None:
                counts[offset] = counts.get(offset, 0) + 1
    return max(counts, key=lambda o: counts[o]) if counts else None
