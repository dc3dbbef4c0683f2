"""The one place where tests of the pure core build the renderer's inputs.

``RenderOptions``, ``DisclaimerOptions``, the link index and ``BodyRenderer`` are
made here and nowhere else in the core tests, so a change of the render API is
adapted in this module alone. ``FakeSite`` stands in for the MkDocs adapter: it
knows a few thread files, other files of docs/, member pages, sections, members
and old forum addresses, and makes the same ``LinkIndex`` the plugin makes.
"""

from __future__ import annotations

import json
import posixpath
import textwrap
from dataclasses import dataclass, field
from typing import Any

from mkdocs_forum_plugin.link_index import LinkIndex, PageLinks
from mkdocs_forum_plugin.load.threads import parse_members, parse_thread
from mkdocs_forum_plugin.media_info import MediaFiles, parse_index
from mkdocs_forum_plugin.model import Member, Thread
from mkdocs_forum_plugin.options import content_notes as read_notes
from mkdocs_forum_plugin.relate import Relations
from mkdocs_forum_plugin.render.body import BodyRenderer
from mkdocs_forum_plugin.render.labels import labels_for
from mkdocs_forum_plugin.render.media import MediaOptions
from mkdocs_forum_plugin.render.options import DisclaimerOptions, RenderOptions
from mkdocs_forum_plugin.render.thread import RenderedThread, render_thread
from mkdocs_forum_plugin.sources import SourceIndex


def y(text: str) -> str:
    """Dedent a triple-quoted YAML text and drop its first newline."""
    return textwrap.dedent(text).lstrip("\n")


def thread_from(text: str, path: str = "threads/a.yml") -> Thread:
    """A thread parsed from (dedented) YAML text."""
    return parse_thread(y(text), path)


def members_from(text: str, path: str = "members.yml") -> dict[str, Member]:
    """Members parsed from (dedented) YAML text."""
    return parse_members(y(text), path)


def disclaimer_options(**settings: Any) -> DisclaimerOptions:
    """The site's disclaimer settings (the plugin's ``disclaimer:`` block)."""
    return DisclaimerOptions(**settings)


def render_options(
    *,
    experts: tuple[str, ...] = (),
    disclaimer: dict[str, Any] | None = None,
    render_tags: bool = True,
    expert_label: str = "Expert answer",
    content_notes: dict[str, dict[str, str]] | None = None,
    review_every: int = 36,
    language: str = "en",
    remote_images: str = "warn",
    site_host: str | None = None,
) -> RenderOptions:
    """Site-wide render settings; ``experts`` are roles, compared case-insensitively.

    ``content_notes``: the option as a wiki writes it (name -> {title, text}).
    """
    labels = labels_for(language)
    return RenderOptions(
        experts=frozenset(role.casefold() for role in experts),
        expert_label=expert_label,
        disclaimer=disclaimer_options(**(disclaimer or {})),
        render_tags=render_tags,
        labels=labels,
        recommended_label=labels("recommended_answer"),
        content_notes=read_notes(content_notes or {}),
        review_every=review_every,
        media=MediaOptions(remote_images, site_host),
    )


def page_url(path: str) -> str:
    """The site URL of a docs file: ``threads/a.yml`` -> ``threads/a/``, ``guide.md`` -> ``guide/``."""
    stem, ext = posixpath.splitext(path)
    if ext in (".yml", ".yaml", ".md"):
        return "" if stem in ("index", "README") else f"{stem}/"
    return path


@dataclass
class FakeSite:
    """A small wiki: thread files, other docs files, member pages, sections, members and old addresses."""

    threads: dict[str, Thread] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  # other files of docs/ (pages, pictures)
    member_pages: dict[str, str] = field(default_factory=dict)  # member name -> site URL
    sections: dict[str, str] = field(default_factory=dict)  # section name -> site URL
    relations: dict[str, Relations] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)
    media: MediaFiles = field(default_factory=MediaFiles)  # stored files' types, sizes and dimensions

    def add(self, thread: Thread) -> Thread:
        """Make ``thread`` a thread file of the site."""
        self.threads[thread.path] = thread
        return thread

    def index(self) -> LinkIndex:
        """The site's link index, made the way the plugin makes it (generated pages get made-up paths)."""
        urls = {path: page_url(path) for path in [*self.threads, *self.files]}
        member_pages = {name: f"members/{name}.md" for name in self.member_pages}
        section_pages = {name: f"forums/{name}.md" for name in self.sections}
        urls.update({member_pages[name]: url for name, url in self.member_pages.items()})
        urls.update({section_pages[name]: url for name, url in self.sections.items()})
        return LinkIndex(
            urls=urls,
            threads=dict(self.threads),
            relations=self.relations,
            sources=SourceIndex({path: t.source for path, t in self.threads.items() if t.source}),
            member_pages=member_pages,
            sections=section_pages,
            section_of={path: t.forum for path, t in self.threads.items() if t.forum},
            members=self.members,
            media=self.media,
        )

    def links(self, thread: Thread) -> PageLinks:
        """The link index as ``thread``'s page sees it."""
        return PageLinks(self.index(), page_url(thread.path))


def render(thread: Thread, options: RenderOptions | None = None, site: FakeSite | None = None) -> RenderedThread:
    """Render ``thread`` as a page of ``site`` (by default a site that holds only this thread)."""
    if site is None:
        site = FakeSite()
        site.add(thread)
    return render_thread(thread, BodyRenderer(), options or render_options(), site.links(thread))


def body_html(markdown: str, post_count: int = 1) -> str:
    """The safe HTML of one post body, with quote links for a thread of ``post_count`` posts."""
    return BodyRenderer().render(markdown, post_count).html


def png_head(width: int, height: int) -> bytes:
    """The first bytes of a PNG file of that size (signature and IHDR chunk), enough for its size."""
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + len(ihdr).to_bytes(4, "big") + b"IHDR" + ihdr + b"\0\0\0\0"


def jpeg_head(width: int, height: int, app_bytes: int = 16) -> bytes:
    """The first bytes of a JPEG: an APP1 segment of ``app_bytes`` (metadata comes first), then the frame."""
    app = b"\xff\xe1" + (app_bytes + 2).to_bytes(2, "big") + b"\0" * app_bytes
    frame = b"\x08" + height.to_bytes(2, "big") + width.to_bytes(2, "big") + b"\x03" + b"\x01\x22\x00" * 3
    return b"\xff\xd8" + app + b"\xff\xc0" + (len(frame) + 2).to_bytes(2, "big") + frame


STORED_JPEG = "media/0a/0a" + "1" * 30 + ".jpg"  # described in the golden index, 1600 x 1200
STORED_THUMB = "media/0b/0b" + "2" * 30 + ".jpg"  # not in the index: its size is read from the file
STORED_PDF = "media/0c/0c" + "3" * 30 + ".pdf"
STORED_TXT = "media/0d/0d" + "4" * 30 + ".txt"


def golden_media() -> MediaFiles:
    """The stored files of the golden wiki: an index for two of them, headers for the others."""
    entries = {
        STORED_JPEG[9:41]: {"type": "image/jpeg", "bytes": 310_000, "width": 1600, "height": 1200, "name": "a.jpg"},
        STORED_PDF[9:41]: {
            "type": "application/pdf",
            "bytes": 1_234_567,
            "width": None,
            "height": None,
            "name": "exercises.pdf",
            "source": "https://forum.example.org/attachments/77/",
        },
    }
    parsed, problem = parse_index(json.dumps(entries).encode())
    assert problem is None
    readers = {
        STORED_JPEG: lambda: b"never read: the index describes it",
        STORED_THUMB: lambda: jpeg_head(320, 240),
        STORED_PDF: lambda: b"%PDF-1.4",
        STORED_TXT: lambda: b"plain words " * 100,
        "images/chart.png": lambda: png_head(640, 480),
    }
    return MediaFiles(parsed, readers)
