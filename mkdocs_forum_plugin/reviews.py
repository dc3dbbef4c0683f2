"""Review dates of health content: when a thread's next review is due, and which threads need one.

A thread that says ``reviewed: DATE`` is due again ``review_every`` months later (36 by
default: Ireland's HSE reviews its health pages every three years, dated from the
expert's last check). A thread with an expert answer that was never reviewed is listed
too. ``today`` is always handed in, so the answer never depends on the clock of the
machine that runs the tests. Nothing here knows about an engine or the command line.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Location, Thread, When
from .render.text import plural

DEFAULT_MONTHS = 36


def day_of(when: When) -> dt.date:
    """The calendar day of a date or a date and time (in the time's own zone)."""
    return when.date() if isinstance(when, dt.datetime) else when


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` later; 31 January + 1 month is the last day of February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def next_review(thread: Thread, months: int = DEFAULT_MONTHS) -> dt.date | None:
    """When the thread's next review is due, or None when it was never reviewed."""
    if thread.reviewed is None:
        return None
    return add_months(day_of(thread.reviewed), months)


@dataclass(frozen=True)
class ReviewNote:
    """One thread that needs a review: where (file, line, field) and why."""

    where: Location
    message: str
    overdue: bool  # True: a review is due; False: an expert-answered thread never reviewed

    def __str__(self) -> str:
        """'threads/a.yml:3: reviewed: review due on 2024-01-30 (...)'."""
        return f"{self.where}: {self.message}"


def review_notes(
    threads: Iterable[Thread], has_expert: Callable[[Thread], bool], today: dt.date, months: int = DEFAULT_MONTHS
) -> list[ReviewNote]:
    """The threads whose review is due on ``today``, then those with expert answers never reviewed, by file."""
    due: list[ReviewNote] = []
    never: list[ReviewNote] = []
    every = plural(months, "month")
    for thread in sorted(threads, key=lambda t: t.path):
        when = next_review(thread, months)
        if when is not None and thread.reviewed is not None:
            if when <= today:
                last = day_of(thread.reviewed).isoformat()
                message = f"review due on {when.isoformat()} (last reviewed {last}, every {every})"
                due.append(ReviewNote(thread.where("reviewed"), message, overdue=True))
        elif has_expert(thread):
            message = "has an expert answer and was never reviewed (add reviewed: and reviewed_by:)"
            never.append(ReviewNote(Location(thread.path, 1), message, overdue=False))
    return due + never
