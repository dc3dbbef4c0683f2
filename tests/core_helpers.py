"""The one place where tests of the pure core build the renderer's inputs.

``RenderOptions``, ``DisclaimerOptions``, ``PageContext`` and ``BodyRenderer`` are
made here and nowhere else in the core tests, so a change of the render API is
adapted in this module alone. ``FakeSite`` stands in for the MkDocs adapter: it
knows a few thread files, other files of docs/, member pages and old forum
addresses, and answers a page's link questions the way the plugin does.
"""

from __future__ import annotations

import posixpath
import textwrap
from dataclasses import dataclass, field
from typing import Any

from mkdocs_forum_plugin.load.threads import parse_members, parse_thread
from mkdocs_forum_plugin.model import Member, Thread
from mkdocs_forum_plugin.relate import Relations
from mkdocs_forum_plugin.render.body import BodyRenderer
from mkdocs_forum_plugin.render.options import DisclaimerOptions, PageContext, RelatedLink, RenderOptions
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
    members: dict[str, Member] | None = None,
    render_tags: bool = True,
    expert_label: str = "Expert answer",
) -> RenderOptions:
    """Site-wide render settings; ``experts`` are roles, compared case-insensitively."""
    return RenderOptions(
        experts=frozenset(role.casefold() for role in experts),
        expert_label=expert_label,
        disclaimer=disclaimer_options(**(disclaimer or {})),
        render_tags=render_tags,
        members=members or {},
    )


def page_url(path: str) -> str:
    """The site URL of a docs file: ``threads/a.yml`` -> ``threads/a/``, ``guide.md`` -> ``guide/``."""
    stem, ext = posixpath.splitext(path)
    if ext in (".yml", ".yaml", ".md"):
        return "" if stem in ("index", "README") else f"{stem}/"
    return path


def relative_url(url: str, from_page: str) -> str:
    """``url`` (site-relative) as seen from the page at ``from_page`` (a directory URL)."""
    relative = posixpath.relpath("/" + url, "/" + from_page)
    return relative + "/" if url.endswith("/") and not relative.endswith("/") else relative


@dataclass
class FakeSite:
    """A small wiki: thread files, other docs files, member pages, sections and old addresses."""

    threads: dict[str, Thread] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  # other files of docs/ (pages, pictures)
    member_pages: dict[str, str] = field(default_factory=dict)  # member name -> site URL
    sections: dict[str, str] = field(default_factory=dict)  # section name -> site URL
    relations: dict[str, Relations] = field(default_factory=dict)

    def add(self, thread: Thread) -> Thread:
        """Make ``thread`` a thread file of the site."""
        self.threads[thread.path] = thread
        return thread

    def context(self, thread: Thread) -> PageContext:
        """The links of ``thread``'s page, relative to it, as the adapter would give them."""
        here = page_url(thread.path)
        sources = SourceIndex({path: t.source for path, t in self.threads.items() if t.source})
        rel = self.relations.get(thread.path, Relations())
        related = [
            RelatedLink(self.threads[path].title, relative_url(page_url(path), here), kind)
            for kind, paths in (("listed", rel.listed), ("backlink", rel.backlinks), ("similar", rel.similar))
            for path in paths
        ]

        def resolve_link(target: str) -> str | None:
            if target in self.threads or target in self.files:
                return relative_url(page_url(target), here)
            return None

        def resolve_web(href: str) -> str | None:
            path = sources.thread_for(href)
            return relative_url(page_url(path), here) if path else None

        def posts_of(path: str) -> int | None:
            other = self.threads.get(path)
            return len(other.posts) if other is not None else None

        def member_url(name: str) -> str | None:
            url = self.member_pages.get(name)
            return relative_url(url, here) if url is not None else None

        section = self.sections.get(thread.forum or "")
        return PageContext(
            related=related,
            section_name=thread.forum if section else None,
            section_url=relative_url(section, here) if section else None,
            resolve_link=resolve_link,
            asset_url=lambda path: relative_url(path, here),
            resolve_web=resolve_web,
            posts_of=posts_of,
            member_url=member_url,
        )


def render(thread: Thread, options: RenderOptions | None = None, site: FakeSite | None = None) -> RenderedThread:
    """Render ``thread`` as a page of ``site`` (by default a site that holds only this thread)."""
    if site is None:
        site = FakeSite()
        site.add(thread)
    return render_thread(thread, BodyRenderer(), options or render_options(), site.context(thread))


def body_html(markdown: str, post_count: int = 1) -> str:
    """The safe HTML of one post body, with quote links for a thread of ``post_count`` posts."""
    return BodyRenderer().render(markdown, post_count).html
