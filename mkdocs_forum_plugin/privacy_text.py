r"""Text as a reader sees it, and member names found in it, for ``privacy.py``.

A name can be written in many ways that all show the same words on the page:
``Qvortrup\_K`` (a Markdown escape), ``Qvortrup&#95;K`` (an entity),
``Qvortrup%5FK`` (percent-encoded, as in an address), ``QVORTRUP_K``, or split
by markup a reader does not see (``Qvor**trup**_K``, a zero-width space, an
inline tag). :func:`visible` decodes a text into what a reader sees while
remembering where each character came from, so that a name found in the
decoded text can be replaced in the text as written.

:class:`NameFinder` finds many names in one pass: names are looked up by their
first run of letters and digits, so the cost stays linear in the text however
many members the wiki has.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

# What Markdown or HTML turns into other characters, or hides. Every repetition is bounded,
# so that text full of "&" or "<" costs linear time.
_CODED = (
    r"(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<entity>&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<percent>(?:%[0-9A-Fa-f]{2}){1,64})"
    r"|(?P<invisible>[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff])"
)
_MARKUP = r"(?P<markup><!--[^<>]{0,500}-->|</?[A-Za-z][^<>\n]{0,500}>|[*~`])"
_DECODE = re.compile(_CODED)
_DECODE_AND_DROP = re.compile(f"{_CODED}|{_MARKUP}")
_MAY_DECODE = re.compile(r"[\\&%\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")  # a quick test before the slower one
_MAY_DROP = re.compile(r"[\\&%<*~`\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
_INVISIBLE = "\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff"  # soft hyphen, zero-width spaces and joiners
_HIDES = re.compile(rf"<!--|</?[A-Za-z]|[*~`{_INVISIBLE}]")  # what the second reading leaves out
_RUN = re.compile(r"[^\W_]+")  # letters and digits
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Visible:
    """Decoded text, and where its pieces came from in the written text.

    Each piece is ``(decoded start, written start, written end, coded)``: a plain
    piece maps character for character, every character of a coded one (an
    escape, an entity) comes from its whole written span.
    """

    text: str
    pieces: list[tuple[int, int, int, bool]] | None = None  # None: the text is as written
    _starts: list[int] = field(default_factory=list)  # each piece's decoded start, for bisect

    def _written(self, index: int, *, end: bool) -> int:
        if self.pieces is None:
            return index + end
        if not self._starts:
            self._starts.extend(piece[0] for piece in self.pieces)
        decoded, start, stop, coded = self.pieces[bisect.bisect_right(self._starts, index) - 1]
        if coded:
            return stop if end else start
        return start + index - decoded + end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The written span behind the decoded characters ``start`` to ``end`` (exclusive)."""
        return self._written(start, end=False), self._written(end - 1, end=True)

    def end_of(self, index: int) -> int:
        """Where the written text behind decoded character ``index`` ends."""
        return self._written(index, end=True)


def hides_markup(text: str) -> bool:
    """Whether ``text`` has markup or characters a reader does not see (``Qvor**trup**_K``, ``Qvor<!-- -->trup``)."""
    return _HIDES.search(text) is not None


def visible(text: str, *, drop_markup: bool) -> Visible:
    """``text`` with escapes, entities and percent-encoding decoded.

    With ``drop_markup``, emphasis marks, backticks, inline tags, comments and
    invisible characters are left out, as a reader does not see them; without it,
    they stay (tags and their attributes are then read as text) and an invisible
    character separates words. Both readings are needed: leaving markup out can
    join a name to the word before it.
    """
    if (_MAY_DROP if drop_markup else _MAY_DECODE).search(text) is None:
        return Visible(text)  # the usual case: nothing to decode
    out: list[str] = []
    pieces: list[tuple[int, int, int, bool]] = []
    length = last = 0
    for unit in (_DECODE_AND_DROP if drop_markup else _DECODE).finditer(text):
        start, end, kind, written = unit.start(), unit.end(), unit.lastgroup, unit.group(0)
        if start > last:
            pieces.append((length, last, start, False))
            out.append(text[last:start])
            length += start - last
        last = end
        if kind == "escape":
            chars = written[1]
        elif kind == "entity":
            chars = html.unescape(written)
        elif kind == "percent":
            chars = unquote(written, errors="replace")
        else:  # markup is left out; an invisible character separates words unless markup is
            chars = "" if drop_markup else " "
        if chars:
            pieces.append((length, start, end, True))
            out.append(chars)
            length += len(chars)
    pieces.append((length, last, len(text), False))
    out.append(text[last:])
    return Visible("".join(out), pieces)


def shown_name(name: str) -> str:
    """A name as readers see it: decoded, its runs of spaces made one, trimmed."""
    return _SPACES.sub(" ", visible(name, drop_markup=False).text).strip()


def _separator(text: str) -> str:
    return _SPACES.sub(" ", text.casefold())


class NameFinder:
    """Find any of many names in a text, in any letter case.

    With ``exact`` the characters between a name's letters and digits must be
    the same as in the name (spaces of any length count as one), so that
    ``Qvortrup_K`` is found but not ``Qvortrup K``; without it, any characters
    other than letters and digits will do, as in addresses (``qvortrup-k.45``).
    """

    def __init__(self, names: Iterable[str], *, exact: bool) -> None:
        self.exact = exact
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        self._firsts: frozenset[str] = frozenset()
        self._whole: set[str] = set()  # names that start or end with punctuation, found as whole words
        for name in names:
            key = shown_name(name).casefold()
            runs = list(_RUN.finditer(key))
            if not runs:
                continue
            if runs[0].start() != 0 or runs[-1].end() != len(key):
                self._whole.add(key)
            words = tuple(r.group(0) for r in runs)
            gaps = tuple(_separator(key[a.end() : b.start()]) for a, b in itertools.pairwise(runs))
            self._by_first.setdefault(words[0], []).append((words, gaps))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: len(c[0]), reverse=True)  # the longest name first
        self._firsts = frozenset(self._by_first)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """The (start, end) of each name in ``text`` (names of punctuation at either end come last)."""
        if not self._by_first:
            return
        lowered = text.casefold()
        if self._firsts.isdisjoint(_RUN.findall(lowered)):  # the usual case: no name starts here
            runs, folded = [], []
        elif len(lowered) == len(text):  # folding kept every offset
            runs = list(_RUN.finditer(lowered))
            folded = [r.group(0) for r in runs]
        else:
            runs = list(_RUN.finditer(text))
            folded = [r.group(0).casefold() for r in runs]
        i = 0
        while i < len(runs):
            if folded[i] not in self._firsts:
                i += 1
                continue
            length = self._match(text, runs, folded, i)
            if length:
                yield runs[i].start(), runs[i + length - 1].end()
                i += length
            else:
                i += 1
        if self._whole:
            for word in re.finditer(r"\S+", text):
                if word.group(0).casefold() in self._whole:
                    yield word.start(), word.end()

    def _match(self, text: str, runs: list[re.Match[str]], folded: list[str], i: int) -> int:
        for words, gaps in self._by_first[folded[i]]:
            count = len(words)
            if tuple(folded[i : i + count]) != words:
                continue
            if self.exact:
                between = (text[runs[j].end() : runs[j + 1].start()] for j in range(i, i + count - 1))
                if tuple(_separator(g) for g in between) != gaps:
                    continue
            return count
        return 0
