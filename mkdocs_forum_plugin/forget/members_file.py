"""The members file without a forgotten member: their entry out, their name out of the others' texts."""

from __future__ import annotations

from dataclasses import dataclass, field

from yaml.nodes import MappingNode, ScalarNode

from ..load.threads import parse_members
from ..load.yaml_nodes import compose
from ..problems import ThreadFileError
from .names import Matcher
from .yaml_edit import Edit, apply, comment_edits, line_end, line_start, scalar_edit, scalars, span


@dataclass
class MembersChange:
    """The new text, the entries taken out, and the pictures their entries named (paths relative to docs/)."""

    text: str
    entries: list[str] = field(default_factory=list)
    avatars: list[str] = field(default_factory=list)
    mentions: int = 0
    left: list[str] = field(default_factory=list)


def forget_in_members(text: str, path: str, matcher: Matcher, word: str) -> MembersChange:
    """The members file's text without the member's entry; raises ThreadFileError for a file that cannot be read."""
    members = parse_members(text, path)
    change = MembersChange(text)
    root = compose(text, path)
    if not isinstance(root, MappingNode):
        return change
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for key, value in root.value:
        if not (isinstance(key, ScalarNode) and matcher.is_name(str(key.value))):
            continue
        name = str(key.value).strip()
        change.entries.append(name)
        member = members.get(name)
        if member is not None and member.avatar_path:
            change.avatars.append(member.avatar_path)
        start = line_start(text, span(key)[0])
        end = span(value)[1] if span(value)[1] > span(key)[1] else span(key)[1]
        end = end if text[end - 1 : end] == "\n" else line_end(text, end)
        # One blank line between the entries around it, not two.
        if text[start - 2 : start] in ("\n\n", "") and text[end : end + 1] == "\n":
            end += 1
        edits.append(Edit(start, end, ""))
        taken.append((start, end))
    for node in scalars(root):
        first = span(node)[0]
        if any(a <= first < b for a, b in taken) or not matcher.found_in(str(node.value)):
            continue
        edits.append(scalar_edit(text, node, matcher.replace(str(node.value), word), matcher, word))
        change.mentions += 1
    new = apply(text, edits)
    try:
        comments, keys = comment_edits(new, compose(new, path), matcher, word)
        new = apply(new, comments)
        change.mentions += len(comments)
        change.left.extend(f"line {line}: a key holds the name; edit it by hand" for line in keys)
        parse_members(new, path)
    except ThreadFileError as exc:
        change.left.append(f"not rewritten: the result would not load ({exc.problem}); edit it by hand")
        return MembersChange(text, left=change.left)
    change.text = new
    return change
