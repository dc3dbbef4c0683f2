"""Which files of docs/ are thread files, reading them, and the parse cache kept across rebuilds."""

from __future__ import annotations

import fnmatch
import hashlib
import posixpath

from ..model import Location, Thread
from ..problems import Problem, ThreadFileError
from .threads import parse_thread


def decode(data: bytes, path: str) -> str:
    """A file's bytes as UTF-8 text; a bad byte is an error that names its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = Problem(Location(path, line), f"the file is not UTF-8 text ({exc.reason}); save it as UTF-8")
        raise ThreadFileError(problem) from None


def digest_of(text: str) -> str:
    """A short content hash."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def matches(path: str, patterns: list[str]) -> bool:
    """Glob match: a pattern with no '/' looks at the file name, one with '/' at the whole path."""
    name = posixpath.basename(path)
    return any(fnmatch.fnmatchcase(path if "/" in p else name, p.strip("/")) for p in patterns)


def is_thread_path(path: str, include: list[str], exclude: list[str]) -> bool:
    """A YAML file under docs/ that the include/exclude globs pick, and no dot-file or file in a dot-folder."""
    if not path.lower().endswith((".yml", ".yaml")):
        return False
    if any(part.startswith(".") for part in path.split("/")):
        return False
    return matches(path, include) and not matches(path, exclude)


class ParseCache:
    """Parsed thread files by path and content, so unchanged files are not parsed again while serving."""

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, str], Thread | ThreadFileError] = {}
        self._used: set[tuple[str, str]] = set()

    def parse(self, path: str, data: bytes) -> Thread | ThreadFileError:
        """The thread, or its error."""
        try:
            text = decode(data, path)
        except ThreadFileError as exc:
            return exc
        key = (path, digest_of(text))
        self._used.add(key)
        if key not in self._parsed:
            try:
                self._parsed[key] = parse_thread(text, path)
            except ThreadFileError as exc:
                self._parsed[key] = exc
        return self._parsed[key]

    def forget_unused(self) -> None:
        """Drop the files the last build did not read, so memory stays bounded while serving."""
        self._parsed = {key: value for key, value in self._parsed.items() if key in self._used}
        self._used = set()
