"""The one place where tests of the pure core build the renderer's inputs.

``RenderOptions``, ``DisclaimerOptions``, the link index and ``BodyRenderer`` are
made here and nowhere else in the core tests, so a change of the render API is
adapted in this module alone. ``FakeSite`` stands in for the MkDocs adapter: it
knows a few thread files, other files of docs/, member pages, sections, members
and old forum addresses, and makes the same ``LinkIndex`` the plugin makes.
"""

from __future__ import annotations

import posixpath
import textwrap
from dataclasses import dataclass, field
from typing import Any

from mkdocs_forum_plugin.link_index import LinkIndex, PageLinks
from mkdocs_forum_plugin.load.threads import parse_members, parse_thread
from mkdocs_forum_plugin.model import Member, Thread
from mkdocs_forum_plugin.options import content_notes as read_notes
from mkdocs_forum_plugin.relate import Relations
from mkdocs_forum_plugin.render.body import BodyRenderer
from mkdocs_forum_plugin.render.labels import labels_for
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
