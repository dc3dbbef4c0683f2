"""Editing a YAML file's text in place, span by span, at the positions of its composed nodes.

A dump of the loaded data would rewrite the whole file: comments, quoting, key order and
blank lines would change wherever the member was never named. Here each change replaces
the characters of one node (or one line), and every other character stays as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .names import Matcher


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``new``."""

    start: int
    end: int
    new: str


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` made; an edit inside an earlier one is dropped (the outer one wins)."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    out: list[str] = []
    pos = 0
    for edit in kept:
        out.append(text[pos : edit.start])
        out.append(edit.new)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def span(node: Node) -> tuple[int, int]:
    """Where a node's characters are in the text (libyaml and PyYAML both count characters)."""
    return int(node.start_mark.index), int(node.end_mark.index)


def line_start(text: str, index: int) -> int:
    """Where the line holding ``index`` starts."""
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    """Just after the line break ending the line that holds ``index`` (the text's end on its last line)."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def rest_is_comment(text: str, index: int) -> bool:
    """Whether only spaces and a comment (or nothing) follow ``index`` on its line."""
    rest = text[index : line_end(text, index)].strip()
    return not rest or rest.startswith("#")


def scalars(node: Node | None, *, keys: bool = False) -> Iterator[ScalarNode]:
    """Every scalar value in a tree (mapping keys too when ``keys``)."""
    if node is None:
        return
    if isinstance(node, ScalarNode):
        yield node
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from scalars(item, keys=keys)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if keys:
                yield from scalars(key, keys=keys)
            yield from scalars(value, keys=keys)


def scalar_edit(text: str, node: ScalarNode, new_value: str, matcher: Matcher, word: str) -> Edit:
    """An edit giving a scalar the value ``new_value``, written as close to how it was written as can be.

    The names in its written form are replaced where the form shows them as they are (plain,
    quoted or block text); a value written with escapes that hide the name is written again
    as a double-quoted string (a JSON string is a valid one).
    """
    start, end = span(node)
    written = text[start:end]
    risky = _RISKY.get(node.style or None, ("",))  # libyaml gives a plain scalar the style '', PyYAML None
    hidden = node.style == '"' and "\\" in written  # escapes: the written form may spell the name otherwise
    names_only = new_value == matcher.replace(str(node.value), word)  # else the written form cannot be kept
    if names_only and "\n" not in word and not hidden and not any(mark in word for mark in risky):
        candidate = matcher.replace(written, word)
        if not matcher.found_in(candidate):
            return Edit(start, end, candidate)
    trail = written[len(written.rstrip()) :] if node.style in ("|", ">") else ""  # a block keeps its line breaks
    return Edit(start, end, json.dumps(new_value, ensure_ascii=False) + trail)


# What the neutral word must not hold to stand inside a scalar written in each style.
_RISKY: dict[str | None, tuple[str, ...]] = {
    None: (": ", " #", ",", "[", "]", "{", "}"),
    "'": ("'",),
    '"': ('"', "\\"),
    "|": (),
    ">": (),
}


def comment_edits(text: str, root: Node | None, matcher: Matcher, word: str) -> tuple[list[Edit], list[int]]:
    """Names outside every node (in comments): edits that replace them, and the lines of names inside keys left.

    A comment is free text, so a name there is replaced as it stands.
    """
    inside = sorted(span(n) for n in scalars(root, keys=True))
    key_spans = sorted(span(n) for n in _keys(root))
    edits: list[Edit] = []
    left: list[int] = []
    for start, end in matcher.spans(text):
        if any(a <= start < b for a, b in key_spans):
            left.append(text.count("\n", 0, start) + 1)
        elif not any(a <= start < b for a, b in inside):
            edits.append(Edit(start, end, word))
    return edits, left


def _keys(node: Node | None) -> Iterator[ScalarNode]:
    if isinstance(node, SequenceNode):
        for item in node.value:
            yield from _keys(item)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield key
            yield from _keys(value)
