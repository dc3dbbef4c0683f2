"""Section index pages: Markdown listing a forum section's threads, and an overview.

These are ordinary Markdown pages, so MkDocs resolves their links to thread pages
and puts them in the navigation like any page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..file_names import fit_name
from .labels import ENGLISH, Labels
from .markdown_source import front_matter, md_link, md_text
from .section_listing import ListingPage, SectionEntry

# Bytes of a slug: the rest of a file name's 255 is room for what is added to it
# ("-2", ".md", ".html", a temporary file's marks).
SLUG_BYTES = 200


def slugify(name: str) -> str:
    """URL-safe name of a section or member, short enough for a file name (``file_names.py``)."""
    slug = re.sub(r"[^\w]+", "-", name.casefold()).strip("-")
    # "index" would be the forums overview's own page.
    return "index-section" if slug == "index" else fit_name(slug, SLUG_BYTES) or "section"


def section_page_uri(folder: str, slug: str, page: int) -> str:
    """Where page ``page`` (from 1) of a section's listing lives (``slug``: from :func:`slugify`)."""
    return f"{folder}/{slug}.md" if page == 1 else f"{folder}/{slug}/page/{page}.md"


def section_pages(
    name: str, slug: str, folder: str, ordered: list[SectionEntry], *, page_size: int, labels: Labels = ENGLISH
) -> list[tuple[str, str, ListingPage]]:
    """(src_uri, front matter, listing) of each page of one section's listing.

    ``ordered``: the section's threads newest activity first, as :func:`~.section_listing.newest_activity_first`
    gives them. The listing's HTML comes from :func:`~.section_listing.listing_html` once
    every address is known.
    """
    size = max(page_size, 1)
    pages = max((len(ordered) + size - 1) // size, 1)
    out = []
    for page in range(1, pages + 1):
        src = section_page_uri(folder, slug, page)
        title = name if page == 1 else labels("section_page_title", name=name, page=labels.number(page))
        chunk = tuple(ordered[(page - 1) * size : page * size])
        newer = section_page_uri(folder, slug, page - 1) if page > 1 else None
        older = section_page_uri(folder, slug, page + 1) if page < pages else None
        listing = ListingPage(name, title, len(ordered), chunk, page, pages, newer, older)
        out.append((src, front_matter({"title": title}), listing))
    return out


@dataclass(frozen=True)
class OverviewRow:
    """One section as the forums overview shows it."""

    name: str
    page_src: str  # its listing's first page
    entries: tuple[SectionEntry, ...]  # newest activity first, as the listing shows them
    description: str = ""  # the wiki's Markdown, from the ``forums`` option


def overview_page(rows: list[OverviewRow], src_uri: str, labels: Labels = ENGLISH) -> str:
    """Markdown of the forums overview, rows in the order given: counts, latest thread and description."""
    here = posixpath.dirname(src_uri)
    title = labels("forums")
    lines = [front_matter({"title": title}), f"# {md_text(title)}\n"]
    for row in rows:
        facts = [md_text(labels.count("threads", len(row.entries)))]
        experts = sum(1 for entry in row.entries if entry.has_expert)
        if experts:
            facts.append(md_text(labels.count("expert_threads", experts)))
        if row.entries:
            latest = row.entries[0]
            link = f"[{md_text(latest.thread.title)}]({md_link(latest.page_src, here)})"
            facts.append(md_text(labels("latest_thread", title="\ue000")).replace("\ue000", link))
        item = [f"- **[{md_text(row.name)}]({md_link(row.page_src, here)})**"]
        description = " ".join(row.description.split())
        if description:
            item.append(f"    {description}")
        item.append(f"    {' · '.join(facts)}")
        lines.append("  \n".join(item))
    return "\n".join(lines) + "\n"
