"""What the wiki knows in one build: threads, members, sections, relations and old addresses.

An engine's adapter reads the thread files, hands them to :func:`assemble`, adds
the pages it generates, and then gives every page renderer the same
:class:`LinkIndex` (``link_index.py``). Nothing here knows about MkDocs, so the
``mkdocs-forum check`` command and any other engine build the same state.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, field

from .link_index import LinkIndex
from .load.files import digest_of
from .media_info import MediaFiles
from .model import Member, Post, Thread
from .privacy import pseudonymize
from .problems import Problem, ThreadFileError
from .relate import Relations, relate
from .render.content_notes import unknown_note
from .render.options import RenderOptions
from .render.post import answer_kind, is_expert, member_of
from .render.sections import slugify
from .sources import SourceIndex


@dataclass(frozen=True)
class ForumSettings:
    """The plugin's options as the core uses them (the adapter reads them from its engine's config)."""

    render: RenderOptions = field(default_factory=RenderOptions)
    related_max: int = 5  # similar threads fill each related block up to this many entries
    default_section: str = "General"
    privacy: str = "off"  # "off" | "pseudonymize"
    privacy_secret: str = ""
    public_members: tuple[str, ...] | None = None


@dataclass
class ThreadFile:
    """One thread file of this build: its page (docs path) and either the thread or what broke it."""

    path: str
    page: str
    thread: Thread | None = None
    problem: Problem | None = None

    @functools.cached_property
    def shown_digest(self) -> str:
        """A digest of the thread as its page shows it (after pseudonyms), for the caches that key on it."""
        return digest_of(repr(self.thread))


def refuse_unknown_notes(thread_file: ThreadFile, known: Collection[str]) -> ThreadFile:
    """The thread file, made a broken one when it names a content note the wiki does not have."""
    if thread_file.thread is not None:
        problem = unknown_note(thread_file.thread, known)
        if problem is not None:
            thread_file.thread, thread_file.problem = None, problem
    return thread_file


def page_path(thread_path: str) -> str:
    """The docs path of a thread file's page: the same path with ``.md``."""
    return thread_path.rsplit(".", 1)[0] + ".md"


def parsed(path: str, result: Thread | ThreadFileError) -> ThreadFile:
    """A thread file as loaded: its thread, or its error."""
    if isinstance(result, ThreadFileError):
        return ThreadFile(path, page_path(path), problem=result.problem)
    return ThreadFile(path, page_path(path), thread=result)


@dataclass
class BuildState:
    """Everything one build knows about the wiki, made once, read by every page."""

    settings: ForumSettings
    files: dict[str, ThreadFile]  # every thread file, by docs path, broken ones included
    members: dict[str, Member]
    relations: dict[str, Relations] = field(default_factory=dict)
    section_of: dict[str, str] = field(default_factory=dict)  # thread file -> section name, one spelling each
    sources: SourceIndex = field(default_factory=lambda: SourceIndex({}))
    hidden_avatars: set[str] = field(default_factory=set)  # pictures never published (pseudonymized members)
    problems: list[Problem] = field(default_factory=list)  # warnings found while assembling
    sections: dict[str, str] = field(default_factory=dict)  # section name -> docs path of its first page
    member_pages: dict[str, str] = field(default_factory=dict)  # member name -> docs path of their page
    index: LinkIndex = field(default_factory=lambda: LinkIndex({}, {}))
    media: MediaFiles = field(default_factory=MediaFiles)  # the stored files' types, sizes and dimensions

    @property
    def threads(self) -> list[Thread]:
        """The loaded threads, in the order of their files."""
        return [f.thread for f in self.files.values() if f.thread is not None]

    def is_expert(self, post: Post) -> bool:
        """Whether a post is an expert answer."""
        return is_expert(post, member_of(post, self.members), self.settings.render)

    def answer(self, post: Post) -> str | None:
        """'expert', 'recommended' or None: the label a post carries (``render/post.py: answer_kind``)."""
        return answer_kind(post, member_of(post, self.members), self.settings.render)

    def has_expert(self, thread: Thread) -> bool:
        """Whether any post of the thread is an expert answer."""
        return any(self.is_expert(p) for p in thread.posts)

    def link_index(self, urls: dict[str, str]) -> LinkIndex:
        """Make the build's link index, once the engine knows every address (docs path -> URL)."""
        self.index = LinkIndex(
            urls={**urls, **{path: urls[f.page] for path, f in self.files.items() if f.page in urls}},
            threads={f.path: f.thread for f in self.files.values() if f.thread is not None},
            broken=frozenset(f.path for f in self.files.values() if f.thread is None),
            relations=self.relations,
            sources=self.sources,
            member_pages=self.member_pages,
            sections=self.sections,
            section_of=self.section_of,
            members=self.members,
            media=self.media,
        )
        return self.index


def section_names(threads: list[Thread], default: str) -> tuple[dict[str, str], list[Problem]]:
    """Each thread's section as its pages name it (thread path -> name), one spelling per section.

    Names that make the same address ("Ask a Therapist", "ask a therapist") are one
    section, named as the first thread spells it; the other spellings are reported.
    """
    first: dict[str, str] = {}
    names: dict[str, str] = {}
    problems: list[Problem] = []
    for thread in threads:
        name = thread.forum or default
        shown = names[thread.path] = first.setdefault(slugify(name), name)
        if shown != name:
            message = f"'{name}' is listed in the section '{shown}'; spell it the same way"
            problems.append(Problem(thread.where("forum"), message))
    return names, problems


def assemble(files: list[ThreadFile], members: dict[str, Member], settings: ForumSettings) -> BuildState:
    """The build's state from its loaded thread files and members: names hidden, threads related, sections named."""
    state = BuildState(settings, {f.path: f for f in files}, members)
    if settings.privacy == "pseudonymize":
        named = {f.path: f.thread for f in files if f.thread is not None}
        public = list(settings.public_members) if settings.public_members is not None else None
        hidden, state.members, state.hidden_avatars, problems = pseudonymize(
            named, members, settings.render, settings.privacy_secret, public
        )
        state.problems.extend(problems)
        for f in files:
            f.thread = hidden.get(f.path, f.thread)
    threads = state.threads
    state.sources = SourceIndex({t.path: t.source for t in threads if t.source})
    state.relations, problems = relate(threads, set(state.files), settings.related_max)
    state.problems.extend(problems)
    state.section_of, problems = section_names(threads, settings.default_section)
    state.problems.extend(problems)
    return state
