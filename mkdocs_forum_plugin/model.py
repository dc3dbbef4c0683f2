"""Plain typed data: what a thread file and the members file hold once validated.

Nothing here knows about YAML or MkDocs; the loader builds these objects and the
renderer and relater only read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

When = dt.date | dt.datetime


def instant(when: When) -> str:
    """A sort key that orders dates and times of any zone alike: the moment in UTC, as text.

    A time with an offset counts as its UTC moment; a time without one (the forum's
    local time, unstated) as written; a date as its midnight. Comparing ``isoformat()``
    instead would put 10:00+02:00 after 09:00+00:00.
    """
    if isinstance(when, dt.datetime):
        stamp = when.astimezone(dt.UTC) if when.tzinfo else when
        return stamp.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{when.isoformat()}T00:00:00"


@dataclass(frozen=True)
class Location:
    """Where a value came from: the thread file (relative to docs/) and a 1-based line."""

    path: str
    line: int
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}" if self.field else where


@dataclass
class Member:
    """One entry of the members file."""

    name: str
    role: str | None = None
    expert: bool = False
    memorial: str | None = None
    avatar: str | None = None
    url: str | None = None
    bio: str | None = None
    avatar_at: Location | None = field(default=None, compare=False)  # where ``avatar`` is in the file

    @property
    def avatar_path(self) -> str | None:
        """The picture's path relative to docs/, when ``avatar`` is one rather than a web address."""
        if not self.avatar or "://" in self.avatar:
            return None
        return self.avatar.lstrip("/")


@dataclass
class Post:
    """One post of a thread, numbered from 1 in file order."""

    number: int
    author: str
    body: str
    role: str | None = None
    date: When | None = None
    edited: When | None = None
    likes: list[str] = field(default_factory=list)
    likes_total: int | None = None
    expert: bool | None = None
    kind: str = "post"  # "post", or "moderator" for a moderator's note or notice
    body_location: Location | None = None
    # --- care: a content note that folds this post's body (a name under the content_notes option)
    content_note: str | None = None
    content_note_at: Location | None = field(default=None, compare=False)
    # --- removed posts (issue 22: a member's right to be forgotten) ---
    # A removed post keeps its number and date; its author and body are "" and never shown.
    removed: bool = False
    ignored: tuple[str, ...] = ()  # fields the file gives a removed post, left unread (the loader warns)
    removed_at: Location | None = field(default=None, compare=False)  # where ``removed: true`` is

    @property
    def like_count(self) -> int:
        """Everyone who liked the post, named or not."""
        return max(self.likes_total or 0, len(self.likes))


@dataclass
class Thread:
    """One thread file: the source of one page."""

    path: str  # relative to docs/, with forward slashes
    title: str
    posts: list[Post]
    forum: str | None = None
    date: When | None = None
    tags: list[str] = field(default_factory=list)
    related: list[tuple[str, Location]] = field(default_factory=list)
    source: str | None = None
    disclaimer: bool | str | None = None
    description: str | None = None
    # --- care: review dates and a content note shown before the first post
    reviewed: When | None = None
    reviewed_by: str | None = None  # a member's name, or free text
    content_note: str | None = None  # a name under the content_notes option
    # --- end care
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # top-level field -> its line

    def where(self, name: str) -> Location:
        """Where a top-level field is in the file (line 1 when the file does not have it)."""
        return Location(self.path, self.lines.get(name, 1), name)

    @property
    def started(self) -> When | None:
        """The thread's date, or its first post's when the file gives none."""
        return self.date or (self.posts[0].date if self.posts else None)

    @property
    def replies(self) -> int:
        """Posts after the opening one, removed posts not counted."""
        return sum(1 for post in self.posts[1:] if not post.removed)

    # --- removed posts (issue 22) ---
    @property
    def shown_posts(self) -> list[Post]:
        """The posts whose author and words are published: every post but the removed ones."""
        return [post for post in self.posts if not post.removed]

    @property
    def removed_numbers(self) -> frozenset[int]:
        """The numbers of the removed posts: quotes of them show no words."""
        return frozenset(post.number for post in self.posts if post.removed)

    @property
    def opening(self) -> Post | None:
        """The first post, when it is not a removed one: whose author and words stand for the thread."""
        first = self.posts[0] if self.posts else None
        return first if first is not None and not first.removed else None
