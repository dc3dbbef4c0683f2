"""Member names in link addresses, for ``privacy.py``: cut from the address, so the link keeps working.

An address such as ``https://talk.example.com/u/Qvortrup_K/summary`` (a
Discourse profile) or ``/members/qvortrup_k.45/`` (XenForo) names a member. An
alias cannot take the name's place there: it has a space, and the address it
would make leads nowhere. So the address is cut just before the part that holds
the name (``https://talk.example.com/u/``), which still works. When nothing
usable would be left (the name is in the host or the whole address), and for
every picture (a cut address shows no picture), the link gives way to its
text, and an address shown as text (``<…>`` or a bare ``https://…``) to the
alias.

Addresses are found in the Markdown and HTML a post is written in: inline links
and pictures, reference definitions, ``<…>`` links, ``href`` and ``src``, and
bare addresses, which the renderer links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .privacy_text import NameFinder, visible

_URL = r"[^\s()<>]{0,2000}(?:\([^\s()<>]{0,200}\)[^\s()<>]{0,2000}){0,3}"
_ADDRESS = re.compile(
    # [text](address "title"): the whole link, so that it can give way to its text
    rf"(?P<md>!?\[(?P<mdtext>[^\[\]\n]{{0,500}})\]\([ \t]{{0,3}}\n?[ \t]{{0,3}}(?P<mdurl><[^<>\n]{{0,2000}}>|{_URL})"
    r"(?P<mdend>[ \t]{0,10}\n?[ \t]{0,10}(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}')?[ \t]{0,10}\))?)"
    # ](address): a link whose text holds brackets
    rf"|(?P<md2>\]\([ \t]{{0,3}}\n?[ \t]{{0,3}}(?P<md2url><[^<>\n]{{0,2000}}>|{_URL}))"
    r"|(?P<ref>^[ ]{0,3}\[[^\[\]\n]{1,999}\]:[ \t]{0,10}\n?[ \t]{0,10}(?P<refurl><[^<>\n]{0,2000}>|\S{1,2000}))"
    r"|(?P<auto><(?P<autourl>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{0,2000}"
    r"|[\w.+-]{1,200}@[\w-]{1,200}(?:\.[\w-]{1,200}){0,10})>)"
    r"|(?P<attr>(?<![\w-])(?i:href|src)[ \t]{0,10}=[ \t]{0,10}"
    r"(?P<attrurl>\"[^\"\n]{0,2000}\"|'[^'\n]{0,2000}'|[^\s\"'=<>`]{1,2000}))"
    r"|(?P<bare>(?<![A-Za-z0-9+.-])(?:[A-Za-z][A-Za-z0-9+.-]{1,31}://|www\.)[^\s<>]{1,2000}"
    r"|(?<![\w.+-])[\w.+-]{1,200}@[\w-]{1,200}(?:\.[\w-]{1,200}){1,10})",
    re.MULTILINE,
)
_MAY_HAVE_ADDRESS = re.compile(r"\]\(|\]:|<|://|www\.|@|(?i:href|src)")
_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")
_AT_SEGMENT = re.compile(r"(?<=[/=])@(?P<name>[^\W_][\w.-]*)")  # /@name: a profile on many sites
_TRAILING = ".,;:!?'\"*_~"  # punctuation after a bare address belongs to the sentence


@dataclass(frozen=True)
class Edit:
    """Replace the text from ``start`` to ``end`` with ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cut:
    """What is left of an address without a name: ``kept`` (None when nothing usable is) and the name found."""

    kept: str | None
    name: str


def cut(address: str, names: NameFinder) -> Cut | None:
    """The address cut before the part that holds a name (decoded, in any letter case); None when it holds none."""
    shown = visible(address, drop_markup=False)
    decoded = shown.text
    found = [(start, decoded[start:end]) for start, end in names.find(decoded)]
    found += [(m.start(), m.group("name")) for m in _AT_SEGMENT.finditer(decoded)]
    if not found:
        return None
    at, name = min(found)
    authority = _AUTHORITY.match(decoded)
    floor = authority.end() if authority else 0
    separator = max((decoded.rfind(c, floor, at) for c in "/?#&="), default=-1)
    if at < floor or separator < 0:
        return Cut(None, name)
    return Cut(address[: shown.end_of(separator)], name)


def _bare_end(text: str, start: int, end: int) -> int:
    """Where a bare address ends: without the sentence's punctuation or an unmatched ")"."""
    while end > start and (text[end - 1] in _TRAILING or (text[end - 1] == ")" and _unbalanced(text[start:end]))):
        end -= 1
    return end


def _unbalanced(address: str) -> bool:
    return address.count(")") > address.count("(")


def _wrapped(address: str) -> tuple[str, str, str]:
    """An address without its ``<>`` or quotes, and what was around it."""
    if len(address) >= 2 and (address[0], address[-1]) in (("<", ">"), ('"', '"'), ("'", "'")):
        return address[0], address[1:-1], address[-1]
    return "", address, ""


def hide_addresses(
    text: str, names: NameFinder, hide_text: Callable[[str], str], alias: Callable[[str], str]
) -> tuple[list[Edit], list[tuple[int, int]]]:
    """The edits that take names out of every address in ``text``, and where each address is.

    ``hide_text`` pseudonymizes a link's text when the link gives way to it;
    ``alias`` names the alias shown where an address shown as text was. The
    spans of all addresses are returned so that no alias (which has a space) is
    put into one later.
    """
    edits: list[Edit] = []
    spans: list[tuple[int, int]] = []
    if not names or _MAY_HAVE_ADDRESS.search(text) is None:
        return edits, spans
    for match in _ADDRESS.finditer(text):
        kind = match.lastgroup or ""
        group = {"md": "mdurl", "md2": "md2url", "ref": "refurl", "auto": "autourl", "attr": "attrurl"}.get(kind, kind)
        start, end = match.span(group)
        if kind == "bare":
            end = _bare_end(text, start, end)
        spans.append((start, end))
        before, address, after = _wrapped(text[start:end])
        result = cut(address, names)
        if result is None:
            continue
        if result.kept is not None and not match.group(0).startswith("!"):
            edits.append(Edit(start, end, before + result.kept + after))
        elif kind == "md" and match.group("mdend") is not None:
            # The link gives way to its text (a picture to its description).
            spans[-1] = match.span("md")
            edits.append(Edit(*match.span("md"), hide_text(match.group("mdtext"))))
        elif kind in ("auto", "bare"):
            spans[-1] = match.span(kind)
            edits.append(Edit(*spans[-1], alias(result.name)))
        else:
            edits.append(Edit(start, end, before + "#" + after))
    return edits, spans
