"""Merging imported members into the members file without losing a hand edit.

The file is edited as text: new members are appended, and a field an existing
member lacks (``role``, ``memorial``, ``avatar``) is inserted under their name. Nothing that
is there is changed or removed, so comments, order and hand-written values stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, ScalarNode

from ..load.threads import parse_members
from ..problems import ThreadFileError
from .records import InputError

FIELDS = ("role", "memorial", "avatar")


@dataclass
class MemberFacts:
    """What the import learned about a member."""

    role: str | None = None
    memorial: str | None = None
    avatar: str | None = None  # a stored picture's path in docs/ (media/...), set by the media step

    def fields(self) -> dict[str, str]:
        """The known fields, in the members-file order."""
        return {name: value for name in FIELDS if (value := getattr(self, name))}


@dataclass
class MembersChange:
    """What merging did: the new text (None when nothing changed) and what was added."""

    text: str | None
    added: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # "NAME: role"
    notes: list[str] = field(default_factory=list)


def _line(values: dict[str, str | None]) -> str:
    return yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False)


def _entry(name: str, facts: MemberFacts) -> str:
    values = facts.fields()
    if not values:
        return _line({name: None}).replace(": null\n", ":\n")
    body = "".join("  " + line + "\n" for line in _line(dict(values)).splitlines())
    return _line({name: None}).replace(": null\n", ":\n") + body


def merge_members(existing: str, facts: dict[str, MemberFacts], path: str) -> MembersChange:
    """Add new members and missing fields to the members file text ``existing``."""
    try:
        known = parse_members(existing, path) if existing.strip() else {}
        root = yaml.compose(existing, Loader=yaml.SafeLoader) if existing.strip() else None
    except (ThreadFileError, yaml.YAMLError) as exc:
        raise InputError(f"the members file is not valid ({exc}); fix it, then import again") from None
    lines = existing.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    change = MembersChange(None)
    inserts: list[tuple[int, list[str]]] = []
    nodes = {str(k.value).strip(): (k, v) for k, v in root.value} if isinstance(root, MappingNode) else {}
    for name in sorted(set(facts) & set(known), key=str.casefold):
        member = known[name]
        missing = {k: v for k, v in facts[name].fields().items() if getattr(member, k) is None}
        if not missing:
            continue
        key_node, value = nodes[name]
        if isinstance(value, MappingNode) and not value.flow_style and value.value:
            indent = value.value[0][0].start_mark.column
        elif isinstance(value, ScalarNode) and value.value == "" and value.style is None:
            indent = key_node.start_mark.column + 2
        else:
            change.notes.append(f"{name}: written on one line; add {', '.join(missing)} by hand")
            continue
        new = ["".ljust(indent) + line + "\n" for line in _line(dict(missing)).splitlines()]
        inserts.append((key_node.start_mark.line + 1, new))
        change.fields.extend(f"{name}: {k}" for k in missing)
    for at, new in sorted(inserts, reverse=True):
        lines[at:at] = new
    added = [name for name in sorted(facts, key=str.casefold) if name not in known]
    if added:
        if lines and lines[-1].strip():
            lines.append("\n")
        lines.append("\n".join(_entry(name, facts[name]) for name in added))
        change.added = added
    if not inserts and not added:
        return change
    change.text = "".join(lines)
    try:
        parse_members(change.text, path)
    except ThreadFileError as exc:  # a layout the text edit did not foresee: leave the file alone
        raise InputError(f"could not add members safely ({exc}); the file was left as it was") from None
    return change
