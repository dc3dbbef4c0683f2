"""Links in post bodies: found in the Markdown, and their addresses changed without touching anything else.

``links`` finds every inline link and picture (``[text](address)``, ``![alt](address)``,
a picture inside a link) outside code, in one pass with a stack of open brackets, so
its time stays linear whatever the text. ``apply`` makes edits at exact positions.
``rewrite_file`` changes addresses inside a thread file's YAML text in place: every byte
that is not one of those addresses stays as it was, and the result is read back to prove
that only the bodies' addresses changed; a file where that cannot be proved is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

_DEST = re.compile(r'\]\((?P<lt><)?(?P<dest>(?(lt)[^<>\n]*|[^\s()<>]+))(?(lt)>)(?:\s+"[^"\n]*")?\)')
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.MULTILINE)


@dataclass(frozen=True)
class Link:
    """One inline link or picture: where it starts, its text, and where its address is."""

    start: int  # the "!" of a picture, or the "["
    text_start: int
    text_end: int  # the "]"
    dest_start: int
    dest_end: int
    end: int  # just after ")"
    picture: bool
    dest: str
    text: str


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks and code spans, where no link is a link."""
    ranges: list[tuple[int, int]] = []
    at = 0
    while (fence := _FENCE.search(text, at)) is not None:
        marker = fence.group(1)
        close = re.compile(rf"^[ ]{{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$", re.MULTILINE)
        line_end = text.find("\n", fence.end())
        found = close.search(text, line_end + 1) if line_end >= 0 else None
        end = found.end() if found else len(text)
        ranges.append((fence.start(), end))
        at = max(end, fence.end())
    return ranges


def _spans(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Code spans between ``start`` and ``end``: a run of backticks up to the next run of the same length."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text[start:end])]
    by_length: dict[int, list[int]] = {}
    for index, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(index)
    pointers = dict.fromkeys(by_length, 0)
    index = 0
    while index < len(runs):
        a, b = runs[index]
        same = by_length[b - a]
        while pointers[b - a] < len(same) and same[pointers[b - a]] <= index:
            pointers[b - a] += 1
        if pointers[b - a] < len(same):
            closing = same[pointers[b - a]]
            out.append((start + a, start + runs[closing][1]))
            index = closing + 1
        else:
            index += 1


def links(text: str) -> list[Link]:
    """Every inline link and picture outside code, in the order they start."""
    code = _code_ranges(text)
    skips: list[tuple[int, int]] = []
    previous = 0
    for a, b in [*code, (len(text), len(text))]:
        _spans(text, previous, a, skips)
        skips.append((a, b))
        previous = b
    skips.sort()
    found: list[Link] = []
    stack: list[int] = []
    skip_index = 0
    i = 0
    n = len(text)
    while i < n:
        if skip_index < len(skips) and i >= skips[skip_index][0]:
            i = max(i, skips[skip_index][1])
            skip_index += 1
            continue
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            stack.append(i)
        elif ch == "]" and stack:
            opening = stack.pop()
            match = _DEST.match(text, i)
            if match is not None and (skip_index >= len(skips) or match.end() <= skips[skip_index][0]):
                picture = opening > 0 and text[opening - 1] == "!" and (opening < 2 or text[opening - 2] != "\\")
                start = opening - 1 if picture else opening
                found.append(
                    Link(start, opening + 1, i, match.start("dest"), match.end("dest"), match.end(), picture,
                         match.group("dest"), text[opening + 1 : i])
                )  # fmt: skip
                if not picture:
                    stack.clear()  # a link holds no link (CommonMark): brackets opened before it open none
                i = match.end()
                continue
        i += 1
    found.sort(key=lambda link: link.start)
    return found


def apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new)`` span replaced; the spans must not overlap."""
    out: list[str] = []
    at = 0
    for start, end, new in sorted(edits):
        if start < at:
            raise ValueError("overlapping edits")
        out.append(text[at:start])
        out.append(new)
        at = end
    out.append(text[at:])
    return "".join(out)


def replace_addresses(text: str, new: Mapping[str, str]) -> str:
    """``text`` with the address of every link and picture found in ``new`` replaced by its value."""
    return apply(text, [(ln.dest_start, ln.dest_end, new[ln.dest]) for ln in links(text) if ln.dest in new])


def _shape(data: Any) -> tuple[Any, list[tuple[str, list[str]]]]:
    """Thread data without its bodies, and each body as its text without link addresses plus those addresses."""
    posts = data["posts"]
    rest = {**data, "posts": [{**p, "body": None} if isinstance(p, dict) else p for p in posts]}
    bodies = []
    for post in posts:
        body = post.get("body") if isinstance(post, dict) else None
        if isinstance(body, str):
            found = links(body)
            bodies.append((apply(body, [(ln.dest_start, ln.dest_end, "") for ln in found]), [ln.dest for ln in found]))
    return rest, bodies


def _only_addresses(before: tuple[Any, list[tuple[str, list[str]]]], after: Any, new: Mapping[str, str]) -> bool:
    """Whether ``after`` is ``before`` with some link addresses of its bodies replaced as ``new`` says."""
    if not isinstance(after, dict) or not isinstance(after.get("posts"), list):
        return False
    rest, bodies = _shape(after)
    if rest != before[0] or len(bodies) != len(before[1]):
        return False
    for (skeleton, dests), (old_skeleton, old_dests) in zip(bodies, before[1], strict=True):
        if skeleton != old_skeleton or len(dests) != len(old_dests):
            return False
        if any(d != old and new.get(old) != d for d, old in zip(dests, old_dests, strict=True)):
            return False
    return True


@dataclass(frozen=True)
class FileChange:
    """A thread file's new text, and how many of the wanted addresses could not be changed in place."""

    text: str
    left: int


def rewrite_file(text: str, new: Mapping[str, str], load: Callable[[str], Any]) -> FileChange | None:
    """A thread file's text with the bodies' link addresses in ``new`` replaced in place; None if it is no thread.

    An address is replaced where it stands in the YAML text as ``](address)``,
    ``](address "title")`` or ``](<address>)``; ``load`` (a safe YAML loader) reads the
    result back, and a replacement is kept only if the data then differs from the old
    data in nothing but link addresses of bodies, each changed as ``new`` says. Usually
    all of them are proved at once; otherwise (an address also written in a code span,
    say) each is tried on its own. Every byte outside the replaced addresses stays.
    """
    wanted = {old: value for old, value in new.items() if old != value}
    before_data = load(text)
    if not isinstance(before_data, dict) or not isinstance(before_data.get("posts"), list):
        return None
    before = _shape(before_data)
    total = sum(1 for _skeleton, dests in before[1] for d in dests if d in wanted)
    if not wanted or not total:
        return FileChange(text, total)
    olds = "|".join(re.escape(old) for old in sorted(wanted, key=len, reverse=True))
    pattern = re.compile(r"\]\((<?)(" + olds + r")(?=[>)\s])")

    def works(candidate: str) -> bool:
        try:
            return _only_addresses(before, load(candidate), wanted)
        except Exception:  # the changed text does not load: not provably the same file
            return False

    def left(candidate: str) -> int:
        return sum(1 for _skeleton, dests in _shape(load(candidate))[1] for d in dests if d in wanted)

    everything = pattern.sub(lambda m: f"]({m.group(1)}{wanted[m.group(2)]}", text)
    if works(everything):
        return FileChange(everything, left(everything))
    current, delta = text, 0
    for match in pattern.finditer(text):
        start, end = match.start(2) + delta, match.end(2) + delta
        replacement = wanted[match.group(2)]
        candidate = current[:start] + replacement + current[end:]
        if works(candidate):
            current, delta = candidate, delta + len(replacement) - (end - start)
    return FileChange(current, left(current))
