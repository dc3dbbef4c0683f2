"""Finding a forgotten member's name in any text, in any letter case, and putting a neutral word in its place.

Names are compared as Unicode compatibility forms, case-folded (NFKC, then ``casefold``):
``RAVI_K``, ``ravi_k`` and ``Ｒａｖｉ_Ｋ`` (full-width letters) are one name. Inside a text a
name counts where it stands as a word of its own: ``Sam`` is found in "thanks Sam!" and
"@sam", not in "sample" or "Samantha" (another member). An ``@`` just before it goes too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

FALLBACK_WORD = "…"  # when the site's neutral word itself holds the name ("member", "a former")
MIN_NAME = 2  # characters; a one-letter name would take every "a" or "I" out of the wiki


def normal(name: str) -> str:
    """The form two names are compared in: NFKC, case-folded, spaces around it dropped."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).strip()


def name_digest(name: str, salt: str = "") -> str:
    """SHA-256 (hex) of the salt and the normal form of ``name``: what the wiki keeps of a forgotten name."""
    return hashlib.sha256((salt + normal(name)).encode("utf-8")).hexdigest()


def _fold(ch: str) -> str:
    # Decomposed, so "é" written as one character or as "e" and an accent is found either way.
    return unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, and for each folded character the index of its source character."""
    parts: list[str] = []
    source: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():  # any run of spaces and line breaks is one space: "Bea\n  Mendes" is "Bea Mendes"
            if parts and parts[-1] == " ":
                continue
            folded = " "
        else:
            folded = _fold(ch) if not ch.isascii() else ch.lower()
        parts.append(folded)
        source.extend([i] * len(folded))
    return "".join(parts), source


def _quoted_form(name: str) -> str:
    """The name as the importer writes it inside ``[quote="..."]`` (no quotes, brackets or commas)."""
    return " ".join(name.replace('"', "'").replace("]", ")").replace("[", "(").replace(",", " ").split())


@dataclass(frozen=True)
class Matcher:
    """The names of one or more forgotten members, ready to be found in texts."""

    names: tuple[str, ...]  # folded forms, longest first

    @classmethod
    def of(cls, names: Iterable[str]) -> Matcher:
        """A matcher for ``names`` and the forms the importer writes them in inside quote tags."""
        forms: set[str] = set()
        for name in names:
            for form in (name.strip(), _quoted_form(name)):
                folded = _folded(form)[0].strip()
                if folded:
                    forms.add(folded)
        return cls(tuple(sorted(forms, key=lambda f: (-len(f), f))))

    def is_name(self, text: str) -> bool:
        """Whether ``text`` is (one of) the name(s) itself, in any letter case."""
        return _folded(text.strip())[0] in self.names

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the names stand as words of their own in ``text`` (with an '@' before), sorted, not overlapping."""
        if not self.names or not text:
            return []
        if text.isascii():  # the common case, at C speed: folding ASCII is lower-casing
            quick = " ".join(text.lower().split())
            if not any(name in quick for name in self.names):
                return []
        folded, source = _folded(text)
        found: list[tuple[int, int]] = []
        for name in self.names:
            start = folded.find(name)
            while start >= 0:
                end = start + len(name)
                before = folded[start - 1] if start else ""
                after = folded[end] if end < len(folded) else ""
                ok = not (before and _wordish(name[0]) and _wordish(before))
                ok = ok and not (after and _wordish(name[-1]) and _wordish(after))
                if ok:
                    first, last = source[start], source[end - 1] + 1
                    if first and text[first - 1] == "@":
                        first -= 1
                    found.append((first, last))
                start = folded.find(name, start + 1)
        return _merge(found)

    def found_in(self, text: str) -> bool:
        """Whether a name stands anywhere in ``text``."""
        return bool(self.spans(text))

    def replace(self, text: str, word: str) -> str:
        """``text`` with every name (and an '@' before it) replaced by ``word``."""
        spans = self.spans(text)
        if not spans:
            return text
        out: list[str] = []
        pos = 0
        for start, end in spans:
            out.append(text[pos:start])
            out.append(word)
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def safe_word(self, word: str) -> str:
        """``word``, unless it holds a name itself (a member called "member"): then a word that holds none."""
        return FALLBACK_WORD if self.found_in(word) or not word.strip() else word


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be forgotten as given, or None."""
    if len(normal(name)) < MIN_NAME:
        return f"a name of fewer than {MIN_NAME} characters would take that letter out of every post"
    if re.search(r"[\n\r\x00-\x1f]", name):
        return "a name is one line without control characters"
    return None
