"""A wiki's forum files read from its docs/ for one build, by any engine.

The engine lists the files of docs/ (``DocsFile``: its path, whether the wiki
publishes it or only excludes it, and how to read its bytes). This module picks
the thread files and the members file, parses them (unchanged ones come from the
cache), and says which files the site must not publish as they are: thread files,
the members file, and pictures of pseudonymized members. What is wrong is
returned as values: ``failures`` break a build, ``warnings`` do not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field

from ..build_state import BuildState, ForumSettings, ThreadFile, assemble, parsed, refuse_unknown_notes
from ..media_info import MEDIA_INDEX, load_media
from ..model import Location, Thread
from ..options import ForumOptions
from ..pages_ahead import PagesAhead
from ..problems import Problem, ThreadFileError
from ..render.media import remote_host
from .files import ParseCache, decode, is_thread_path
from .threads import parse_members


@dataclass(frozen=True)
class DocsFile:
    """One file of docs/ as the engine found it."""

    src: str  # its path in docs/
    read: Callable[[], bytes]
    published: bool = True  # False: left out of the site by the wiki's exclude_docs (still a thread file)
    readable: bool = True  # False: a file the engine keeps out of this build (a draft), never a thread file


@dataclass
class LoadedWiki:
    """The build state, and what the site must leave out or say."""

    state: BuildState
    left_out: set[str] = field(default_factory=set)  # docs paths not published as they are
    failures: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    parsed_ahead: int = 0  # thread files a copy of this process parsed


def load_wiki(
    files: list[DocsFile], options: ForumOptions, settings: ForumSettings, cache: ParseCache, parallel: bool = False
) -> LoadedWiki:
    """Read the thread files and the members file of ``files`` and assemble the build's state.

    ``parallel``: a copy of this process parses every second thread file (see :class:`_Parsing`);
    only for a single build, as the files it parses do not go into ``cache``.
    """
    by_src = {f.src: f for f in files}
    failures: list[Problem] = []
    warnings: list[str] = []
    members_src = options.members.strip("/")
    members = {}
    left_out: set[str] = set()
    members_file = by_src.get(members_src)
    if members_file is None:
        if members_src != ForumOptions.members:
            warnings.append(f"members file '{members_src}' not found in docs/")
    else:
        left_out.add(members_src)
        try:
            members = parse_members(decode(members_file.read(), members_src), members_src)
        except ThreadFileError as exc:
            failures.append(exc.problem)
        media = settings.render.media
        for member in members.values():
            path = member.avatar_path
            host = remote_host(member.avatar or "", media.site_host) if path is None else None
            if host is not None and media.remote_images == "warn":
                warnings.append(
                    f"{member.avatar_at}: '{member.avatar}' is a picture from {host}: every reader's browser asks"
                    " that host for it. Keep it in docs/, or set remote_images: block (initials instead) or allow"
                )
            if path is not None and path not in by_src:
                warnings.append(
                    f"{member.avatar_at}: '{member.avatar}' is not a file in docs/ (picture paths start at docs/)"
                )
    include, exclude = list(options.include), list(options.exclude)
    chosen = [f for f in files if f.readable and f.src != members_src and is_thread_path(f.src, include, exclude)]
    left_out.update(f.src for f in chosen)
    pages = {f.src for f in files} - left_out
    loaded: list[ThreadFile] = []
    notes = settings.render.content_notes
    parsing = _Parsing(chosen, cache, parallel)
    with closing(parsing):  # a failure midway stops the copy at once
        for file, result in zip(chosen, parsing, strict=True):
            thread_file = refuse_unknown_notes(parsed(file.src, result), notes)
            if thread_file.page in pages:
                # Keep the existing page; the thread file gets no page until it is renamed.
                message = f"'{thread_file.page}' already exists; rename one of the two files"
                failures.append(Problem(Location(file.src, 1), message))
                continue
            if thread_file.problem is not None:
                failures.append(thread_file.problem)
            pages.add(thread_file.page)
            loaded.append(thread_file)
    state = assemble(loaded, members, settings)
    state.media, problem = load_media({f.src: f.read for f in files if f.readable})
    if problem is not None:
        warnings.append(problem)
    if MEDIA_INDEX in by_src:
        left_out.add(MEDIA_INDEX)  # the importer's notes (original names, old addresses), not for readers
    left_out.update(state.hidden_avatars)  # a picture's file name is often its member's name
    return LoadedWiki(state, left_out, failures, warnings, parsing.parsed_ahead)


class _Parsing:
    """Each chosen file parsed, in order; with ``parallel``, every second one by a copy of this process.

    The copy (``pages_ahead.py``) is forked before the model exists, so it is cheap; a file
    it did not parse (it died, or could not send the result) is parsed here.
    """

    def __init__(self, chosen: list[DocsFile], cache: ParseCache, parallel: bool) -> None:
        self.chosen, self.cache = chosen, cache
        self.parsed_ahead = 0
        reads = {f.src: f.read for f in chosen}
        keys = [f.src for f in chosen][1::2]
        self.ahead = PagesAhead.start(keys, lambda src: cache.parse(src, reads[src]())) if parallel else None

    def __iter__(self) -> Iterator[Thread | ThreadFileError]:
        for file in self.chosen:
            got = self.ahead.take(file.src) if self.ahead is not None else None
            yield got if got is not None else self.cache.parse(file.src, file.read())

    def close(self) -> None:
        """Stop the copy, if one runs; count what it parsed."""
        if self.ahead is not None:
            self.ahead.close()
            self.parsed_ahead = self.ahead.taken
