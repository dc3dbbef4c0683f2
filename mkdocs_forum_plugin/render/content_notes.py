"""Content notes: a note before a thread on a hard topic, and posts folded behind one.

The wiki names its notes under the ``content_notes`` option, each a title and a
Markdown text that the wiki writes itself (helplines differ by country, so none is
bundled). A thread's ``content_note`` shows its note before the first post; a post's
folds the post's body into a ``<details>`` element titled with the note, which a
keyboard and a screen reader open like any disclosure, and print opens too.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from html import escape

from ..model import Location, Post, Thread
from ..problems import Problem
from .options import ContentNote

NOTE_TITLE_ID = "forum-content-note-title"


def unknown_note(thread: Thread, known: Collection[str]) -> Problem | None:
    """The first content note the thread names that the wiki does not have, as a ``file:line: field`` problem."""
    listed = ", ".join(sorted(known)) if known else "none: set the content_notes option"
    named: list[tuple[str, Location]] = []
    if thread.content_note is not None:
        named.append((thread.content_note, thread.where("content_note")))
    for post in thread.posts:
        if post.content_note is not None:
            at = post.content_note_at or Location(thread.path, 1, f"posts[{post.number}].content_note")
            named.append((post.content_note, at))
    for name, where in named:
        if name not in known:
            return Problem(where, f"unknown content note '{name}' (the wiki's content notes: {listed})")
    return None


def thread_note(note: ContentNote, text_html: str) -> str:
    """The note shown before the first post: an admonition a screen reader announces as a note, titled."""
    return (
        f'<div class="admonition note forum-content-note" role="note" aria-labelledby="{NOTE_TITLE_ID}">'
        f'<p class="admonition-title" id="{NOTE_TITLE_ID}">{escape(note.title)}</p>{text_html}</div>'
    )


def folded(body_html: str, note: ContentNote, text_html: str) -> str:
    """A post's body folded behind its note: the title is the summary, the note's text comes before the words.

    Material's own search (``search: material``) leaves out what is marked ``data-search-exclude``,
    as the plugin's index leaves out a folded post's words.
    """
    text = f'<div class="forum-fold__note">{text_html}</div>' if text_html else ""
    return (
        f'<details class="note forum-fold"><summary>{escape(note.title)}</summary>'
        f'<div class="forum-fold__content" data-search-exclude>{text}{body_html}</div></details>'
    )


def note_of(name: str | None, notes: Mapping[str, ContentNote]) -> ContentNote | None:
    """The wiki's note of that name (None for none, or a name the loader let through unchecked)."""
    return notes.get(name) if name is not None else None


def post_words(post: Post, notes: Mapping[str, ContentNote] | None) -> str:
    """A post's Markdown as text outside its page (excerpts, feeds, descriptions): a folded post gives its note's title.

    What the page keeps folded is never laid open in a member page, a feed, a meta description or search.
    """
    note = note_of(post.content_note, notes or {})
    return note.title if note is not None else post.body
