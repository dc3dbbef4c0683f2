"""Problems found in thread files, as values with a location.

The core never logs and never raises MkDocs errors: it returns or raises these, and
the plugin adapter decides whether a problem is a warning, an error page or a
failed build.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Location


@dataclass(frozen=True)
class Problem:
    """Something wrong in an input file, with where it is."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ThreadFileError(Exception):
    """A thread or members file that cannot become a page."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a misspelt one (``bdy`` -> ``body``), or None when none is close.

    One rule for every "did you mean" the plugin says: options, thread and members file keys.
    """
    found = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return found[0] if found else None
