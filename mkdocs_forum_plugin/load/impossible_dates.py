"""Why a text written like a date is no date: ``2022-09-31`` -> "September has 30 days".

YAML reads ``2022-09-31`` as a timestamp that fails to build, and the field check then
sees only text. Saying which part is impossible (the month, the day, the hour) tells an
editor what to fix, where "expected a date such as 2015-01-30" only repeats the form.
"""

from __future__ import annotations

import calendar
import re

# The forms YAML's timestamp and Python's fromisoformat read: a date, then perhaps a time.
_DATE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:$|[Tt ]+(?P<h>\d{1,2}):(?P<min>\d{2})(?::(?P<s>\d{2}))?)"
)
# English like every message of the plugin, whatever the locale (calendar.month_name follows it).
_MONTHS = [
    "-",
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


def why_no_date(text: str) -> str | None:
    """What makes ``text`` (in a date's form) impossible, or None when its form is not a date's."""
    match = _DATE.match(text.strip())
    if match is None:
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if year == 0:
        return "there is no year 0; years start at 1"
    if not 1 <= month <= 12:
        return f"there is no month {month}; months go from 1 to 12"
    days = calendar.monthrange(year, month)[1]
    if day == 0:
        return "days of a month start at 1"
    if day > days and month == 2:
        leap = "" if calendar.isleap(year) else f" ({year} is not a leap year)"
        return f"February {year} has {days} days{leap}"
    if day > days:
        return f"{_MONTHS[month]} has {days} days"
    if match["h"] is not None:
        hour, minute, second = int(match["h"]), int(match["min"]), int(match["s"] or 0)
        if hour > 23:
            return f"there is no hour {hour}; hours go from 0 to 23"
        if minute > 59 or second > 59:
            return "minutes and seconds go from 0 to 59"
    return None
