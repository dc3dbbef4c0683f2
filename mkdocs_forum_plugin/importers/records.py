"""What the format parsers produce: plain data about pages, posts and quotes.

Bodies are Markdown in which each quote's opening tag is still a marker
(``QUOTE_MARK``); the converter replaces it with ``[quote="NAME, post:N"]`` once
every page of the thread is known and post numbers can be resolved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

When = dt.date | dt.datetime

# Format with the quote's index in SourcePost.quotes. No input can hold one: control characters are removed
# from every input as it is read (safety.py), and the converter drops a marker whose index is unknown.
QUOTE_MARK = "\x03Q{}\x03"
# The note at the end of a post that was shortened on import (when too long to read whole, or to keep).
TRUNCATED = "\n\n*[This post was shortened on import: it was longer than the wiki allows.]*"


@dataclass(frozen=True)
class ParseOptions:
    """What a parser may need beyond the file: the forum's address, known title prefixes."""

    base_url: str | None = None  # the forum's address, for sources that give none (Discourse)
    prefixes: tuple[str, ...] = ()  # title prefix labels of copied text ("Solved", "Question")


class InputError(Exception):
    """An input file that cannot be imported; the message says why (without the file name)."""


@dataclass
class QuoteMark:
    """A quote found in a post: whom it names and which post it points at, as the source says."""

    author: str | None
    post_id: str | None = None  # the forum's own id of the quoted post (XenForo)
    post_number: int | None = None  # the quoted post's number in its thread (Discourse)
    thread_id: str | None = None  # the quoted post's thread, when the source says
    text: str = ""  # the quoted text, to find the post when nothing else points at it


@dataclass
class SourcePost:
    """One post as found in an input file."""

    author: str
    body: str
    quotes: list[QuoteMark] = field(default_factory=list)
    user_title: str | None = None
    date: When | None = None
    edited: When | None = None
    likes: list[str] = field(default_factory=list)
    likes_total: int | None = None
    post_id: str | None = None  # the forum's id, unique in the forum
    position: int | None = None  # the number the forum shows ("#12", post_number)
    accepted: bool = False  # Discourse: the accepted answer
    memorial: str | None = None  # found in the author's name
    kind: str = "post"  # "moderator": a moderator's note or notice (Discourse post_type 2, small actions)
    avatar: str | None = None  # the address of the author's picture beside the post (kept by the media step)
    notes: list[str] = field(default_factory=list)


@dataclass
class SourcePage:
    """One input file's share of one thread (a page, a JSON file, a JSONL thread)."""

    source: str  # the input file, as given
    format: str
    key: str  # identifies the thread across pages and imports
    title: str
    posts: list[SourcePost]
    page: int = 1
    thread_id: str | None = None
    url: str | None = None  # the thread's address
    forum: str | None = None
    date: When | None = None
    starter: str | None = None
    tags: list[str] = field(default_factory=list)
    expected_ids: list[str] = field(default_factory=list)  # every post id of the thread, when the source lists them
    seen_ids: list[str] = field(default_factory=list)  # every post id in this file, left-out posts included
    last_page: int | None = None  # how many pages the whole thread has, when the page says
    numbered: bool = False  # post positions count 1, 2, 3 ... without gaps (XenForo)
    notes: list[str] = field(default_factory=list)
