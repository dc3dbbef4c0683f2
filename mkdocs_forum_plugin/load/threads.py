"""Thread files and the members file: text in, model objects out."""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import Location, Member, Post, Thread
from ..problems import Problem, ThreadFileError
from .fields import (
    MEMBER_FIELDS,
    POST_FIELDS,
    REMOVED_POST_FIELDS,
    THREAD_FIELDS,
    Values,
    fail,
    key_text,
    line_problem,
    read_mapping,
    value,
)
from .yaml_nodes import compose, line_of, scalar_value

MAX_FILE_BYTES = 2_000_000  # one thread file
MAX_BODY_CHARS = 60_000  # one post body
MAX_POSTS = 5_000  # posts in one thread


def _check_size(text: str, path: str) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise ThreadFileError(
            Problem(Location(path, 1), f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        )


def _body_location(path: str, node: Node, field: str) -> Location:
    # For a block scalar ("body: |") the text starts on the line after the key.
    style = node.style if isinstance(node, ScalarNode) else None
    return Location(path, line_of(node) + (1 if style in ("|", ">") else 0), field)


# --- removed posts (issue 22) ---
KEPT_WHEN_REMOVED = ("removed", "date")  # what a removed post still shows: its number (by place) and date


def _removed_node(node: Node) -> Node | None:
    """The value node of ``removed: true`` in a post's mapping, or None for a post that is not removed."""
    if not isinstance(node, MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == "removed" and isinstance(value_node, ScalarNode):
            return value_node if scalar_value(value_node) is True else None
    return None


def _removed_post(path: str, node: Node, number: int, flag: Node) -> Post:
    """A removed post: every field is still checked, but only the date is kept; the others are never read."""
    where = f"posts[{number}]"
    values = read_mapping(path, node, REMOVED_POST_FIELDS, where)
    return Post(
        number=number,
        author="",
        body="",
        date=value(values, "date"),
        removed=True,
        ignored=tuple(name for name in values if name not in KEPT_WHEN_REMOVED),
        removed_at=Location(path, line_of(flag), f"{where}.removed"),
    )


def _post(path: str, node: Node, number: int) -> Post:
    where = f"posts[{number}]"
    flag = _removed_node(node)
    if flag is not None:
        return _removed_post(path, node, number, flag)
    values = read_mapping(path, node, POST_FIELDS, where)
    body, body_node = values["body"]
    if len(body) > MAX_BODY_CHARS:
        message = f"the post body has {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}"
        raise fail(path, body_node, f"{where}.body", message)
    likes: list[str] = value(values, "likes", [])
    total = value(values, "likes_total")
    if total is not None and total < len(likes):
        message = f"is {total}, but {len(likes)} members are named in 'likes'"
        raise fail(path, values["likes_total"][1], f"{where}.likes_total", message)
    return Post(
        number=number,
        author=values["author"][0],
        body=body,
        role=value(values, "role"),
        date=value(values, "date"),
        edited=value(values, "edited"),
        likes=likes,
        likes_total=total,
        expert=value(values, "expert"),
        kind=value(values, "kind", "post"),
        body_location=_body_location(path, body_node, f"{where}.body"),
        **_post_note(path, values, where),
    )


def _post_note(path: str, values: Values, where: str) -> dict[str, Any]:
    """A post's ``content_note`` and where it is (the name is checked against the options later)."""
    found = values.get("content_note")
    if found is None:
        return {}
    return {"content_note": found[0], "content_note_at": Location(path, line_of(found[1]), f"{where}.content_note")}


def parse_thread(text: str, path: str) -> Thread:
    """Validate a thread file's text; ``path`` (relative to docs/) is used in messages.

    Raises ThreadFileError naming the line and field of the first problem.
    """
    _check_size(text, path)
    root = compose(text, path)
    if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
        raise ThreadFileError(Problem(Location(path, 1), "the file is empty; a thread needs a title and posts"))
    values = read_mapping(path, root, THREAD_FIELDS)
    posts_node = values["posts"][1]
    if not isinstance(posts_node, SequenceNode) or not posts_node.value:
        raise fail(path, posts_node, "posts", "expected a list of at least one post")
    if len(posts_node.value) > MAX_POSTS:
        raise fail(path, posts_node, "posts", f"has {len(posts_node.value):,} posts; the limit is {MAX_POSTS:,}")
    posts = [_post(path, node, number) for number, node in enumerate(posts_node.value, 1)]
    related: list[tuple[str, Location]] = []
    if "related" in values:
        seq = values["related"][1]
        for i, (name, item) in enumerate(zip(values["related"][0], seq.value, strict=True), 1):
            related.append((name, Location(path, line_of(item), f"related[{i}]")))
    return Thread(
        path=path,
        title=values["title"][0],
        posts=posts,
        forum=value(values, "forum"),
        date=value(values, "date"),
        tags=value(values, "tags", []),
        related=related,
        source=value(values, "source"),
        disclaimer=value(values, "disclaimer"),
        description=value(values, "description"),
        reviewed=value(values, "reviewed"),
        reviewed_by=value(values, "reviewed_by"),
        content_note=value(values, "content_note"),
        lines={name: line_of(node) for name, (_value, node) in values.items() if node is not None},
    )


def parse_members(text: str, path: str) -> dict[str, Member]:
    """Validate the members file: a mapping from member name to their details."""
    _check_size(text, path)
    root = compose(text, path)
    if root is None:
        return {}
    if not isinstance(root, MappingNode):
        raise ThreadFileError(
            Problem(Location(path, line_of(root)), "the members file must map each member's name to details")
        )
    members: dict[str, Member] = {}
    for key_node, value_node in root.value:
        raw = key_text(path, key_node, "")
        problem = line_problem(raw)
        if problem is not None:
            # The name cannot name the field when the name itself is what is wrong.
            raise fail(path, key_node, "", f"a member's name {problem}")
        name = raw.strip()
        if name in members:
            raise fail(path, key_node, name, "member appears twice")
        if isinstance(value_node, ScalarNode) and value_node.value in ("", "~", "null"):
            members[name] = Member(name=name)
            continue
        values = read_mapping(path, value_node, MEMBER_FIELDS, name)
        member = Member(name=name, **{key: value for key, (value, _node) in values.items()})
        if "avatar" in values:
            member.avatar_at = Location(path, line_of(values["avatar"][1]), f"{name}.avatar")
        members[name] = member
    return members
