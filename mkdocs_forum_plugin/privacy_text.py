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

import html
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

# What Markdown or HTML turns into other characters, or hides. Every repetition is bounded,
# so that text full of "&" or "<" costs linear time.
_UNIT = re.compile(
    r"(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<entity>&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<percent>(?:%[0-9A-Fa-f]{2}){1,64})"
    r"|(?P<markup><!--[\s\S]{0,2000}?-->|</?[A-Za-z][^<>\n]{0,500}>|[*~`])"
    r"|(?P<invisible>[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff])"
)
_RUN = re.compile(r"[^\W_]+")  # letters and digits
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Visible:
    """Decoded text, and for each of its characters the span of the written text it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The written span behind the decoded characters ``start`` to ``end`` (exclusive)."""
        return self.starts[start], self.ends[end - 1]


def visible(text: str, *, drop_markup: bool) -> Visible:
    """``text`` with escapes, entities and percent-encoding decoded.

    With ``drop_markup``, emphasis marks, backticks, inline tags, comments and
    invisible characters are left out, as a reader does not see them; without it,
    they stay (tags and their attributes are then read as text) and an invisible
    character separates words. Both readings are needed: leaving markup out can
    join a name to the word before it.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0

    def add(chars: str, start: int, end: int) -> None:
        out.append(chars)
        starts.extend([start] * len(chars))
        ends.extend([end] * len(chars))

    for unit in _UNIT.finditer(text):
        if unit.start() > last:
            out.append(text[last : unit.start()])
            starts.extend(range(last, unit.start()))
            ends.extend(range(last + 1, unit.start() + 1))
        start, end, kind, written = unit.start(), unit.end(), unit.lastgroup, unit.group(0)
        last = end
        if kind == "escape":
            add(written[1], start, end)
        elif kind == "entity":
            add(html.unescape(written), start, end)
        elif kind == "percent":
            add(unquote(written, errors="replace"), start, end)
        elif kind == "markup":
            if not drop_markup:
                # Read as text, character by character: a tag's attributes can hold a name.
                out.append(written)
                starts.extend(range(start, end))
                ends.extend(range(start + 1, end + 1))
        elif not drop_markup:  # an invisible character
            add(" ", start, end)
    out.append(text[last:])
    starts.extend(range(last, len(text)))
    ends.extend(range(last + 1, len(text) + 1))
    return Visible("".join(out), starts, ends)


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

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """The (start, end) of each name in ``text`` (names of punctuation at either end come last)."""
        runs = list(_RUN.finditer(text))
        folded = [r.group(0).casefold() for r in runs]
        i = 0
        while i < len(runs):
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
        for words, gaps in self._by_first.get(folded[i], ()):
            count = len(words)
            if tuple(folded[i : i + count]) != words:
                continue
            if self.exact:
                between = (text[runs[j].end() : runs[j + 1].start()] for j in range(i, i + count - 1))
                if tuple(_separator(g) for g in between) != gaps:
                    continue
            return count
        return 0
