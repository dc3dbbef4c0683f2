"""Section index pages: Markdown listing a forum section's threads, and an overview.

These are ordinary Markdown pages, so MkDocs resolves their links to thread pages
and puts them in the navigation like any page.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass

from ..model import Thread
from .text import human_date

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!<>|~])")


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def slugify(name: str) -> str:
    """URL-safe name of a section."""
    slug = re.sub(r"[^\w]+", "-", name.casefold()).strip("-")
    return slug or "section"


@dataclass(frozen=True)
class SectionEntry:
    """A thread as a section page lists it."""

    thread: Thread
    page_src: str  # the generated Markdown src_uri of the thread page
    has_expert: bool


def front_matter(values: dict[str, object]) -> str:
    """YAML front matter for a generated page (JSON is valid YAML and needs no escaping rules)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}" for key, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _sort_key(entry: SectionEntry) -> str:
    started = entry.thread.started
    return started.isoformat() if started else ""


def section_page(name: str, src_uri: str, entries: list[SectionEntry], expert_label: str) -> str:
    """Markdown of one section page, newest thread first."""
    here = posixpath.dirname(src_uri)
    lines = [front_matter({"title": name}), f"# {md_escape(name)}\n"]
    count = len(entries)
    lines.append(f"{count} thread{'s' if count != 1 else ''}, newest first.\n")
    for entry in sorted(entries, key=_sort_key, reverse=True):
        thread = entry.thread
        link = posixpath.relpath(entry.page_src, here)
        facts = [f"started by {md_escape(thread.posts[0].author)}"]
        if thread.started:
            facts.append(human_date(thread.started))
        facts.append(f"{thread.replies} {'reply' if thread.replies == 1 else 'replies'}")
        badge = f" **{md_escape(expert_label)}**" if entry.has_expert else ""
        lines.append(f"- [{md_escape(thread.title)}]({link}){badge}  \n  {' · '.join(facts)}")
    return "\n".join(lines) + "\n"


def overview_page(sections: list[tuple[str, str, int]], src_uri: str) -> str:
    """Markdown of the forums overview: (name, section page src_uri, thread count) rows."""
    here = posixpath.dirname(src_uri)
    lines = [front_matter({"title": "Forums"}), "# Forums\n"]
    for name, page_src, count in sorted(sections, key=lambda s: s[0].casefold()):
        link = posixpath.relpath(page_src, here)
        lines.append(f"- [{md_escape(name)}]({link}): {count} thread{'s' if count != 1 else ''}")
    return "\n".join(lines) + "\n"
