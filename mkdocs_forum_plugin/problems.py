"""Problems found in thread files, as values with a location.

The core never logs and never raises MkDocs errors: it returns or raises these, and
the plugin adapter decides whether a problem is a warning, an error page or a
failed build.
"""

from __future__ import annotations

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
