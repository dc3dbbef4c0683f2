"""A post body's HTML to Markdown within the importer's limits: linear time, bounded memory, no deep recursion.

A body is cut to ``MAX_BODY_HTML`` characters before anything parses it, and a
body nested deeper than markdownify can recurse (``MAX_BODY_DEPTH``) is read
as plain text; the report says so for each post.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from bs4 import Tag

from .html_to_markdown import to_markdown
from .markdown_text import escape_text, tidy_markdown
from .nesting import MAX_BODY_DEPTH, cut_html, measure
from .records import TRUNCATED, QuoteMark
from .safety import clean_html
from .soup import make_soup

# The most of one post's HTML that is read: a body of 60,000 characters of Markdown (the wiki's limit) comes
# from far less, and BeautifulSoup takes many times the HTML's size in memory.
MAX_BODY_HTML = 500_000
_TAG = re.compile(r"<[^>]*>?")


class Converted(NamedTuple):
    """One body as Markdown with quote markers, and what the report should say about it."""

    markdown: str
    quotes: list[QuoteMark]
    notes: list[str]


@dataclass
class Prepared:
    """A body's HTML made safe to convert: cut to the limit, and whether it must be read as plain text."""

    html: str
    plain: bool = False  # nested too deep for markdownify
    cut: bool = False
    notes: list[str] = field(default_factory=list)


def prepare(html: str) -> Prepared:
    """Cut a body's HTML to ``MAX_BODY_HTML`` characters, and check its nesting, before anything parses it."""
    prepared = Prepared(cut_html(html, MAX_BODY_HTML))
    if len(prepared.html) < len(html):
        prepared.cut = True
        prepared.notes.append(
            f"its HTML has {len(html):,} characters; only the first {MAX_BODY_HTML:,} were read"
            " (the importer's limit for one post)"
        )
    if measure(prepared.html, MAX_BODY_DEPTH, len(prepared.html) + 1, 0).over:
        prepared.plain = True
        prepared.notes.append(
            f"its HTML nests elements more than {MAX_BODY_DEPTH} deep (the importer's limit); imported as plain text"
        )
    return prepared


def cut_lines(lines: list[str], limit: int = MAX_BODY_HTML) -> tuple[list[str], list[str]]:
    """A post's lines of text up to ``limit`` characters (cut before converting), and the note when cut."""
    size = 0
    for i, line in enumerate(lines):
        size += len(line) + 1
        if size > limit:
            total = sum(len(each) + 1 for each in lines)
            kept = [*lines[:i], line[: max(0, len(line) - (size - limit))]]
            return kept, [f"its text has {total:,} characters; only the first {limit:,} were read"]
    return lines, []


def plain_markdown(html: str) -> str:
    """A body's text without its markup, escaped, one paragraph (for HTML too deep to convert)."""
    words = html_module.unescape(_TAG.sub(" ", html)).split()
    return tidy_markdown(escape_text(clean_html(" ".join(words))))


def finish(markdown: str, quotes: list[QuoteMark], prepared: Prepared) -> Converted:
    """The converted body, with the closing note when its HTML was cut."""
    if prepared.cut:
        markdown = markdown + TRUNCATED if markdown else TRUNCATED.strip()
    return Converted(markdown, quotes, prepared.notes)


def convert_fragment(html: str, base: str | None = None) -> Converted:
    """Convert an HTML fragment (a post's content) to Markdown with quote markers, within the importer's limits."""
    prepared = prepare(clean_html(html))
    if prepared.plain:
        return finish(plain_markdown(prepared.html), [], prepared)
    soup = make_soup(f"<div>{prepared.html}</div>")
    root = soup.find("div")
    assert isinstance(root, Tag)
    return finish(*to_markdown(root, soup, base), prepared)


def html_to_markdown(html: str, base: str | None = None) -> tuple[str, list[QuoteMark]]:
    """Convert an HTML fragment (a post's content) to Markdown with quote markers (see ``convert_fragment``)."""
    converted = convert_fragment(html, base)
    return converted.markdown, converted.quotes
