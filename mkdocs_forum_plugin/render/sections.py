"""Section index pages: Markdown listing a forum section's threads, and an overview.

These are ordinary Markdown pages, so MkDocs resolves their links to thread pages
and puts them in the navigation like any page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..file_names import fit_name
from ..model import Thread
from .labels import ENGLISH, Labels
from .markdown_source import front_matter, md_link, md_text
from .text import iso

# Bytes of a slug: the rest of a file name's 255 is room for what is added to it
# ("-2", ".md", ".html", a temporary file's marks).
SLUG_BYTES = 200


def slugify(name: str) -> str:
    """URL-safe name of a section or member, short enough for a file name (``file_names.py``)."""
    slug = re.sub(r"[^\w]+", "-", name.casefold()).strip("-")
    # "index" would be the forums overview's own page.
    return "index-section" if slug == "index" else fit_name(slug, SLUG_BYTES) or "section"


@dataclass(frozen=True)
class SectionEntry:
    """A thread as a section page lists it."""

    thread: Thread
    page_src: str  # the generated Markdown src_uri of the thread page
    has_expert: bool


def newest_first(entries: list[SectionEntry]) -> list[SectionEntry]:
    """Threads by start date, newest first; undated ones last, then by title."""
    dated = sorted((e for e in entries if e.thread.started), key=lambda e: iso(e.thread.started), reverse=True)  # type: ignore[arg-type]
    undated = sorted((e for e in entries if not e.thread.started), key=lambda e: e.thread.title.casefold())
    return dated + undated


def section_page_uri(folder: str, slug: str, page: int) -> str:
    """Where page ``page`` (from 1) of a section's listing lives (``slug``: from :func:`slugify`)."""
    return f"{folder}/{slug}.md" if page == 1 else f"{folder}/{slug}/page/{page}.md"


def _entry_line(entry: SectionEntry, here: str, expert_label: str, labels: Labels) -> str:
    thread = entry.thread
    link = md_link(entry.page_src, here)
    opening = thread.opening  # a removed first post names no one (issue 22)
    facts = [md_text(labels("started_by", name=opening.author))] if opening else []
    if thread.started:
        facts.append(md_text(labels.date(thread.started)))
    facts.append(md_text(labels.count("replies", thread.replies)))
    likes = sum(p.like_count for p in thread.posts)
    if likes:
        facts.append(md_text(labels.count("likes", likes)))
    badge = f" **{md_text(expert_label)}**" if entry.has_expert else ""
    return f"- [{md_text(thread.title)}]({link}){badge}  \n  {' · '.join(facts)}"


def _pager(folder: str, slug: str, page: int, pages: int, *, here: str, labels: Labels) -> str:
    if pages <= 1:
        return ""
    parts = []
    if page > 1:
        newer = md_text(labels("pager_newer"))
        parts.append(f"[{newer}]({md_link(section_page_uri(folder, slug, page - 1), here)})")
    parts.append(md_text(labels("pager_page", page=labels.number(page), pages=labels.number(pages))))
    if page < pages:
        older = md_text(labels("pager_older"))
        parts.append(f"[{older}]({md_link(section_page_uri(folder, slug, page + 1), here)})")
    return " · ".join(parts)


def section_pages(
    name: str,
    slug: str,
    folder: str,
    entries: list[SectionEntry],
    *,
    expert_label: str,
    page_size: int,
    labels: Labels = ENGLISH,
) -> list[tuple[str, str]]:
    """(src_uri, Markdown) of each page of one section's listing, newest thread first."""
    ordered = newest_first(entries)
    size = max(page_size, 1)
    pages = max((len(ordered) + size - 1) // size, 1)
    out = []
    for page in range(1, pages + 1):
        src = section_page_uri(folder, slug, page)
        here = posixpath.dirname(src)
        title = name if page == 1 else labels("section_page_title", name=name, page=labels.number(page))
        lines = [front_matter({"title": title}), f"# {md_text(title)}\n"]
        lines.append(f"{md_text(labels.count('section_count', len(ordered)))}\n")
        chunk = ordered[(page - 1) * size : page * size]
        lines.extend(_entry_line(entry, here, expert_label, labels) for entry in chunk)
        pager = _pager(folder, slug, page, pages, here=here, labels=labels)
        if pager:
            lines.append(f"\n{pager}")
        out.append((src, "\n".join(lines) + "\n"))
    return out


def overview_page(sections: list[tuple[str, str, int]], src_uri: str, labels: Labels = ENGLISH) -> str:
    """Markdown of the forums overview: (name, section page src_uri, thread count) rows."""
    here = posixpath.dirname(src_uri)
    title = labels("forums")
    lines = [front_matter({"title": title}), f"# {md_text(title)}\n"]
    for name, page_src, count in sorted(sections, key=lambda s: s[0].casefold()):
        lines.append(f"- [{md_text(name)}]({md_link(page_src, here)}): {md_text(labels.count('threads', count))}")
    return "\n".join(lines) + "\n"
