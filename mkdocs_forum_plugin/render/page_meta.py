"""The Markdown stand-in of a thread page and the page shown for a broken file.

A thread page's HTML is rendered by the plugin, not by the site's Markdown; the
page source holds only front matter (title, tags, description) so that MkDocs,
Material and its tags plugin see the same metadata as for a written page.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from ..model import Thread
from ..problems import Problem
from .content_notes import post_words
from .excerpt import excerpt
from .labels import ENGLISH, Labels
from .markdown_source import front_matter
from .options import ContentNote

DESCRIPTION_CHARS = 160


def description(thread: Thread, notes: Mapping[str, ContentNote] | None = None) -> str:
    """A plain-text excerpt of the opening post, for the page's meta description (``notes``: content notes).

    A removed first post has no words to show (issue 22).
    """
    opening = thread.opening
    return thread.description or (excerpt(post_words(opening, notes), DESCRIPTION_CHARS) if opening else "")


def thread_markdown(thread: Thread, notes: Mapping[str, ContentNote] | None = None) -> str:
    """Front matter only: the body is replaced by the rendered thread."""
    meta: dict[str, object] = {"title": thread.title, "description": description(thread, notes)}
    if thread.tags:
        meta["tags"] = thread.tags
    return front_matter(meta)


def broken_markdown(title: str) -> str:
    """Stand-in source of a page whose thread file failed to load."""
    return front_matter({"title": title})


def broken_html(title: str, problem: Problem, labels: Labels = ENGLISH) -> str:
    """What a reader of ``mkdocs serve`` sees instead of a thread that failed to load."""
    return (
        f"<h1>{escape(title)}</h1>"
        '<div class="admonition failure forum-error" role="alert"><p class="admonition-title">'
        f"{escape(labels('error_title'))}</p>"
        f"<p><code>{escape(str(problem))}</code></p>"
        f"<p>{escape(labels('error_fix'))}</p></div>"
    )
