"""A post body's HTML to Markdown within the importer's limits: linear time, bounded memory, no deep recursion.

A body is cut to ``MAX_BODY_HTML`` characters before anything parses it, and a
body nested deeper than markdownify can recurse (``MAX_BODY_DEPTH``) is read
as plain text; the report says so for each post.
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from bs4 import BeautifulSoup, Tag

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
# An engine's own markup (quotes, code, smilies) rewritten into the forms the converter reads, in place.
Rewrite = Callable[[Tag, BeautifulSoup], None]


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


def convert_bodies(bodies: list[str], base: str | None, rewrite: Rewrite | None = None) -> list[Converted]:
    """Markdown of each post body's HTML, every engine's: cut and checked first, converted a few at a time.

    Each body is cut to ``MAX_BODY_HTML`` characters and checked for depth (``prepare``) before anything
    parses it; ``rewrite`` then turns the engine's own markup into the forms the converter reads. Bodies
    go into one BeautifulSoup document until it holds ``MAX_BODY_HTML`` characters, which keeps memory
    bounded however large the page.
    """
    prepared = [prepare(body) for body in bodies]
    converted: list[Converted | None] = [None] * len(bodies)
    batch: list[int] = []
    size = 0
    for index, body in enumerate(prepared):
        if body.plain:
            converted[index] = finish(plain_markdown(body.html), [], body)
            continue
        if batch and size + len(body.html) > MAX_BODY_HTML:
            _convert_batch(batch, prepared, converted, base, rewrite)
            batch, size = [], 0
        batch.append(index)
        size += len(body.html)
    if batch:
        _convert_batch(batch, prepared, converted, base, rewrite)
    return [c if c is not None else Converted("", [], []) for c in converted]


def _convert_batch(
    batch: list[int],
    prepared: list[Prepared],
    converted: list[Converted | None],
    base: str | None,
    rewrite: Rewrite | None,
) -> None:
    html = "".join(f"<div>{prepared[index].html}</div>" for index in batch)
    soup = make_soup(f"<html><body>{html}</body></html>")
    holders = [el for el in (soup.body.find_all("div", recursive=False) if soup.body else []) if isinstance(el, Tag)]
    if len(holders) != len(batch):  # cannot happen with serialised HTML; never pair a body with the wrong post
        for index in batch:
            converted[index] = _one(prepared[index], base, rewrite)
        return
    for index, holder in zip(batch, holders, strict=True):
        if rewrite is not None:
            rewrite(holder, soup)
        converted[index] = finish(*to_markdown(holder, soup, base), prepared[index])


def _one(body: Prepared, base: str | None, rewrite: Rewrite | None) -> Converted:
    soup = make_soup(f"<html><body><div>{body.html}</div></body></html>")
    holder = soup.body.find("div") if soup.body else None
    if not isinstance(holder, Tag):
        return finish("", [], body)
    if rewrite is not None:
        rewrite(holder, soup)
    return finish(*to_markdown(holder, soup, base), body)
