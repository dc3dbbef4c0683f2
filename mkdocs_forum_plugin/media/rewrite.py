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


def _with_bodies(data: Any, change: Callable[[str], str]) -> Any:
    """A copy of thread data with each post's body changed."""
    posts = [
        {**post, "body": change(post["body"])} if isinstance(post, dict) and isinstance(post.get("body"), str) else post
        for post in data["posts"]
    ]
    return {**data, "posts": posts}


def rewrite_file(text: str, new: Mapping[str, str], load: Callable[[str], Any]) -> str | None:
    """A thread file's text with the bodies' link addresses in ``new`` replaced in place; None if unprovable.

    Each address is replaced where it stands in the YAML text as ``](address)`` or
    ``](address "``; ``load`` (a safe YAML loader) then reads both texts, and the new text
    is returned only if its data equals the old data with the bodies' addresses replaced.
    """
    wanted = {old: value for old, value in new.items() if old != value}
    if not wanted:
        return text
    olds = "|".join(re.escape(old) for old in sorted(wanted, key=len, reverse=True))
    pattern = re.compile(r"\]\((<?)(" + olds + r")(?=[>)\s])")
    changed = pattern.sub(lambda m: f"]({m.group(1)}{wanted[m.group(2)]}", text)
    before = load(text)
    if not isinstance(before, dict) or not isinstance(before.get("posts"), list):
        return None
    try:
        after = load(changed)
    except Exception:  # the changed text does not load: not provably the same file
        return None
    if after != _with_bodies(before, lambda body: replace_addresses(body, wanted)):
        return None
    return changed
