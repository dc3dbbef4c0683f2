"""Where a link is resolved: one index per build, and each page's view of it.

The :class:`LinkIndex` knows where everything of one build lives: the address of
every file of the wiki (thread files by their page), the posts of each thread,
the thread behind each old forum address, member pages and section pages, and
the members file. A renderer receives a :class:`PageLinks`, the index as seen
from one page: it answers with addresses relative to that page, and it records
every question and answer. The page cache keeps that record with the page and
asks the questions again on the next build: the page is reused only while every
answer is the same (see ``adapters/mkdocs/page_cache.py``).

Pure code: addresses are plain strings, made by the engine's adapter.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Hashable
from dataclasses import dataclass, field

from .media_info import MediaFiles, MediaInfo
from .model import Member, Thread
from .relate import Relations
from .sources import SourceIndex

Question = tuple[str, Hashable]  # (what is asked, of what)


@functools.lru_cache(maxsize=1 << 16)  # a page links to the same members and threads many times
def relative_url(url: str, from_url: str) -> str:
    """``url`` as a link from the page at ``from_url``; both are relative to the site's root.

    Folder addresses end in "/" (``threads/a/``); the result keeps that slash, as MkDocs does.
    """
    head, tail = posixpath.split(from_url)
    base = head if "." in tail else from_url  # a page written as a file (a.html) links from its folder
    target, start = url or ".", base or "."
    to_parts = [part for part in target.split("/") if part not in ("", ".")]
    from_parts = [part for part in start.split("/") if part not in ("", ".")]
    if ".." in to_parts or ".." in from_parts:
        if not target.startswith("..") and not start.startswith(".."):
            # Under one made-up root, relpath needs no os.getcwd() for each link: the same result.
            target, start = "/" + target, "/" + start
        rel = posixpath.relpath(target, start)
    else:
        # The usual case, by the parts alone: what relpath gives, without its two abspath calls
        # (a member page links to each of a member's threads, each link a new pair).
        common = 0
        while common < min(len(to_parts), len(from_parts)) and to_parts[common] == from_parts[common]:
            common += 1
        rel = "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


@dataclass(frozen=True)
class RelatedLink:
    """One entry of a thread's "Related threads" block."""

    title: str
    url: str
    kind: str  # "listed" | "backlink" | "similar"


@dataclass
class LinkIndex:
    """Everything of one build that a page can link to, by docs path or by name."""

    urls: dict[str, str]  # docs path (a thread file by its page) -> address from the site's root
    threads: dict[str, Thread]  # loaded thread files by docs path
    broken: frozenset[str] = frozenset()  # thread files that failed to load
    relations: dict[str, Relations] = field(default_factory=dict)
    sources: SourceIndex = field(default_factory=lambda: SourceIndex({}))
    member_pages: dict[str, str] = field(default_factory=dict)  # member name -> docs path of their page
    sections: dict[str, str] = field(default_factory=dict)  # section name -> docs path of its first page
    section_of: dict[str, str] = field(default_factory=dict)  # thread file -> the section it is listed in
    members: dict[str, Member] = field(default_factory=dict)
    media: MediaFiles = field(default_factory=MediaFiles)  # type, size and dimensions of files of docs/

    def url(self, path: str) -> str | None:
        """The address (from the site's root) of a file of the wiki, a thread file by its page."""
        return self.urls.get(path)

    def title(self, path: str) -> str:
        """A thread's title, or its file name when it failed to load."""
        thread = self.threads.get(path)
        return thread.title if thread else posixpath.basename(path)


class PageLinks:
    """The index seen from one page: addresses relative to it, and a record of every answer given."""

    def __init__(self, index: LinkIndex, page_url: str) -> None:
        """``page_url``: the page's own address from the site's root."""
        self.index = index
        self.page_url = page_url
        self.answers: dict[Question, object] = {}

    def ask(self, question: Question) -> object:
        """Answer ``question`` and record the answer; the page cache asks the same again later."""
        kind, subject = question
        answer = getattr(self, f"_{kind}")(subject)
        self.answers[question] = answer
        return answer

    def _rel(self, url: str | None) -> str | None:
        return relative_url(url, self.page_url) if url is not None else None

    def _file(self, path: object) -> str | None:
        return self._rel(self.index.url(str(path)))

    def _posts(self, path: object) -> int | None:
        thread = self.index.threads.get(str(path))
        return len(thread.posts) if thread else None

    def _address(self, href: object) -> str | None:
        path = self.index.sources.thread_for(str(href))
        return self._rel(self.index.url(path)) if path else None

    def _member_page(self, name: object) -> str | None:
        page = self.index.member_pages.get(str(name))
        return self._rel(self.index.url(page)) if page else None

    def _member_address(self, name: object) -> str | None:
        page = self.index.member_pages.get(str(name))
        return self.index.url(page) if page else None

    def _media(self, path: object) -> MediaInfo | None:
        return self.index.media.info(str(path))

    def _member(self, name: object) -> Member:
        return self.index.members.get(str(name)) or Member(name=str(name))

    def _section(self, path: object) -> tuple[str | None, str | None]:
        name = self.index.section_of.get(str(path))
        page = self.index.sections.get(name) if name else None
        url = self._rel(self.index.url(page)) if page else None
        return (name if url else None), url

    def _related(self, path: object) -> tuple[RelatedLink, ...]:
        rel = self.index.relations.get(str(path), Relations())
        links = []
        for kind, paths in (("listed", rel.listed), ("backlink", rel.backlinks), ("similar", rel.similar)):
            for other in paths:
                url = self._rel(self.index.url(other))
                if url is not None:
                    links.append(RelatedLink(self.index.title(other), url, kind))
        return tuple(links)

    # The questions a renderer asks, each by name.

    def file(self, path: str) -> str | None:
        """The address of a file of the wiki (docs-relative ``path``; a thread file by its page)."""
        return self.ask(("file", path))  # type: ignore[return-value]

    def picture(self, path: str) -> str:
        """A picture's address; one the wiki does not have keeps its path, relative to this page."""
        return self.file(path) or relative_url(path, self.page_url)

    def media(self, path: str) -> MediaInfo | None:
        """The type, size and dimensions of the file at a docs path; None when docs/ has no such file."""
        return self.ask(("media", path))  # type: ignore[return-value]

    def posts_in(self, path: str) -> int | None:
        """How many posts the thread file at ``path`` has; None when it is no loaded thread."""
        return self.ask(("posts", path))  # type: ignore[return-value]

    def old_address(self, href: str) -> str | None:
        """The page of the thread whose old forum address ``href`` points into, if any."""
        return self.ask(("address", href))  # type: ignore[return-value]

    def member_page(self, name: str) -> str | None:
        """The address of a member's page, if they have one."""
        return self.ask(("member_page", name))  # type: ignore[return-value]

    def member_address(self, name: str) -> str | None:
        """The address of a member's page from the site's root (for absolute links), if they have one."""
        return self.ask(("member_address", name))  # type: ignore[return-value]

    def member(self, name: str) -> Member:
        """The members-file entry of ``name``, or an empty one."""
        return self.ask(("member", name))  # type: ignore[return-value]

    def section(self, thread_path: str) -> tuple[str | None, str | None]:
        """The section a thread is listed in and the address of its page; (None, None) without section pages."""
        return self.ask(("section", thread_path))  # type: ignore[return-value]

    def related(self, thread_path: str) -> tuple[RelatedLink, ...]:
        """The thread's related threads, backlinks and similar threads, as links."""
        return self.ask(("related", thread_path))  # type: ignore[return-value]

    def same_answers(self, answers: dict[Question, object]) -> bool:
        """Whether this index gives every answer recorded in ``answers`` (from an earlier build) again."""
        return all(self.ask(question) == answer for question, answer in answers.items())
