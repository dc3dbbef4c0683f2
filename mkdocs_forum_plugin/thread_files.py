"""Which files are thread files, reading them, and the parse cache kept across rebuilds (adapter code)."""

from __future__ import annotations

import fnmatch
import hashlib
import posixpath
from dataclasses import dataclass

from mkdocs.structure.files import File

from .load.threads import parse_thread
from .model import Location, Thread
from .problems import Problem, ThreadFileError


@dataclass
class Entry:
    """A thread page of this build: its file and either the thread or what broke it."""

    yaml_uri: str
    file: File
    thread: Thread | None = None
    problem: Problem | None = None
    digest: str = ""  # of the thread file's text


def read_text(file: File) -> str:
    """The file as text; an encoding problem names its line."""
    try:
        return file.content_string
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        problem = Problem(Location(file.src_uri, line), f"the file is not UTF-8 text ({exc.reason}); save it as UTF-8")
        raise ThreadFileError(problem) from None


def digest_of(text: str) -> str:
    """A short content hash."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _matches(uri: str, patterns: list[str]) -> bool:
    """Glob match: a pattern with no '/' looks at the file name, one with '/' at the whole path."""
    name = posixpath.basename(uri)
    return any(fnmatch.fnmatchcase(uri if "/" in p else name, p.strip("/")) for p in patterns)


def is_thread_file(file: File, include: list[str], exclude: list[str]) -> bool:
    """A YAML file under docs/ that the include/exclude globs pick, and no dot-file."""
    uri = file.src_uri
    if not uri.lower().endswith((".yml", ".yaml")) or not file.inclusion.is_included():
        return False
    if any(part.startswith(".") for part in uri.split("/")):
        return False
    return _matches(uri, include) and not _matches(uri, exclude)


class ParseCache:
    """Parsed thread files by path and content, so unchanged files are not parsed again."""

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, str], Thread | ThreadFileError] = {}

    def parse(self, file: File) -> tuple[Thread | ThreadFileError, str]:
        """The thread (or its error) and the digest of the file's text; unchanged files come from the cache."""
        try:
            text = read_text(file)
        except ThreadFileError as exc:
            return exc, ""
        key = (file.src_uri, digest_of(text))
        if key not in self._parsed:
            try:
                self._parsed[key] = parse_thread(text, file.src_uri)
            except ThreadFileError as exc:
                self._parsed[key] = exc
        return self._parsed[key], key[1]
