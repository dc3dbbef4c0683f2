"""What a thread page's links point at: related threads, sections, members, files, old addresses.

Adapter code: it turns MkDocs ``File`` objects into URLs relative to one page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .config import ForumConfig
from .generate import Generated, section_name
from .relate import Relations
from .render.options import PageContext, RelatedLink
from .sources import SourceIndex
from .thread_files import Entry


def member_file(generated: Generated, name: str, files: Files) -> File | None:
    """The generated page of a member, if the member has one."""
    src = generated.members.get(name)
    return files.get_file_from_path(src) if src else None


@dataclass(frozen=True)
class SiteLinks:
    """The whole wiki as one build sees it, to resolve one thread page's links against."""

    by_yaml: dict[str, Entry]  # every thread file's entry, by its docs-relative path
    relations: dict[str, Relations]
    generated: Generated
    sources: SourceIndex
    files: Files

    def context(self, entry: Entry, page: Page, config: ForumConfig) -> PageContext:
        """The links of ``entry``'s page, relative to ``page``."""
        thread = entry.thread
        assert thread is not None
        rel = self.relations.get(thread.path, Relations())
        by_yaml, files = self.by_yaml, self.files

        def url_of(file: File) -> str:
            return get_relative_url(file.url, page.url)

        related: list[RelatedLink] = []
        for kind, paths in (("listed", rel.listed), ("backlink", rel.backlinks), ("similar", rel.similar)):
            for path in paths:
                other = by_yaml[path]
                title = other.thread.title if other.thread else posixpath.basename(path)
                related.append(RelatedLink(title, url_of(other.file), kind))

        def resolve_link(target: str) -> str | None:
            other = by_yaml.get(target)
            if other is not None:
                return url_of(other.file)
            file = files.get_file_from_path(target)
            return url_of(file) if file is not None else None

        def asset_url(path: str) -> str:
            file = files.get_file_from_path(path)
            return url_of(file) if file is not None else get_relative_url(path, page.url)

        def member_url(name: str) -> str | None:
            file = member_file(self.generated, name, files)
            return url_of(file) if file is not None else None

        def posts_of(path: str) -> int | None:
            other = by_yaml.get(path)
            return len(other.thread.posts) if other is not None and other.thread is not None else None

        def resolve_web(href: str) -> str | None:
            path = self.sources.thread_for(href)
            return url_of(by_yaml[path].file) if path else None

        name = self.generated.section_of.get(thread.path) or section_name(thread, config)
        section = self.generated.sections.get(name)
        section_file = files.get_file_from_path(section) if section else None
        return PageContext(
            related=related,
            section_name=name if section_file else None,
            section_url=url_of(section_file) if section_file else None,
            resolve_link=resolve_link,
            asset_url=asset_url,
            member_url=member_url,
            resolve_web=resolve_web,
            posts_of=posts_of,
        )
