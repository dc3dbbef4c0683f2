"""The thread-file and members-file formats as one table: each field with its kind, and each kind with its check.

The same table validates composed YAML nodes (so every error can name its line
and field) and generates the JSON Schema (``json_schema.py``) that editors give
their YAML language server.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import Location
from ..problems import Problem, ThreadFileError, closest
from .impossible_dates import why_no_date
from .yaml_nodes import line_of, scalar_value

MAX_TEXT = 200  # characters in a one-line field (title, author, role, tag ...)
# An http(s) address with no spaces, quotes, angle brackets or backslashes. Written without
# flags, so that the JSON Schema (whose patterns have none) uses the very same pattern.
_NOT_IN_ADDRESS = "\\s<>\"'`\\\\\\x00-\\x1f\\x7f-\\x9f"  # spaces, <>, quotes, backticks, backslashes, controls
WEB_ADDRESS = f"[Hh][Tt][Tt][Pp][Ss]?://[^/{_NOT_IN_ADDRESS}]+[^{_NOT_IN_ADDRESS}]*"


Values = dict[str, tuple[Any, Node]]


def fail(path: str, node: Node, field: str, message: str) -> ThreadFileError:
    """The error for a value at ``node``: file, line and field."""
    return ThreadFileError(Problem(Location(path, line_of(node), field), message))


def key_text(path: str, node: Node, where: str) -> str:
    """A mapping key as text; keys are plain names, never lists or mappings (YAML's '? [a, b]')."""
    if not isinstance(node, ScalarNode):
        raise fail(path, node, where, "a key must be a plain name, not a list or a mapping")
    return str(node.value)


def value(values: Values, name: str, default: Any = None) -> Any:
    """The checked value of field ``name``, or ``default`` when the mapping does not have it."""
    found = values.get(name)
    return default if found is None else found[0]


def _scalar(path: str, node: Node, field: str, expected: str) -> Any:
    if not isinstance(node, ScalarNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
        raise fail(path, node, field, f"expected {expected}, found {kind}")
    return scalar_value(node)


# Control characters: C0 (tab and line feed have messages of their own), DEL and C1. YAML lets
# a quoted value hold any of them ("\\0", "\\e", "\\x9b"), and none belongs in a name or a title:
# a NUL cannot be in a file name, an ESC rewrites a terminal, and all of them are invisible.
_CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]")
# Line feed, carriage return, next line, and Unicode's line and paragraph separators.
_LINE_BREAKS = re.compile("[\\n\\r\\x85\\u2028\\u2029]")


def line_problem(raw: str) -> str | None:
    """What is wrong with ``raw`` as the text of a one-line field, or None (spaces around it are ignored)."""
    text = raw.strip()
    if _LINE_BREAKS.search(text):
        return "must be a single line"
    control = _CONTROL.search(raw)
    if control:
        code = ord(control.group())
        return f"holds a control character (U+{code:04X}), which a one-line field cannot have; remove it"
    if not text:
        return "must not be empty"
    if "\t" in text:
        return "holds a tab; write a space instead"
    if len(text) > MAX_TEXT:
        return f"is longer than {MAX_TEXT} characters"
    return None


def _line(path: str, node: Node, field: str) -> str:
    value = _scalar(path, node, field, "a line of text")
    if value is None or isinstance(value, (bool, dict, list)):
        raise fail(path, node, field, f"expected a line of text, found {value!r}")
    problem = line_problem(str(node.value))
    if problem is not None:
        raise fail(path, node, field, problem)
    return str(node.value).strip()


def _web_address(path: str, node: Node, field: str) -> str:
    text = _line(path, node, field)
    if not re.fullmatch(WEB_ADDRESS, text):
        raise fail(
            path, node, field, f"expected a web address (http:// or https://, no spaces, quotes or <>), found {text!r}"
        )
    return text


def _link(path: str, node: Node, field: str) -> str:
    text = _line(path, node, field)
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", text, re.IGNORECASE)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise fail(path, node, field, f"expected an http(s) address or a path in docs/, found {text!r}")
    return text


def _text(path: str, node: Node, field: str) -> str:
    value = _scalar(path, node, field, "text")
    if value is None:
        raise fail(path, node, field, "must not be empty")
    return str(node.value)


def _bool(path: str, node: Node, field: str) -> bool:
    value = _scalar(path, node, field, "true or false")
    if not isinstance(value, bool):
        raise fail(path, node, field, f"expected true or false, found {node.value!r}")
    return value


def _count(path: str, node: Node, field: str) -> int:
    value = _scalar(path, node, field, "a whole number")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(path, node, field, f"expected a whole number of 0 or more, found {node.value!r}")
    return value


def _when(path: str, node: Node, field: str) -> dt.date | dt.datetime:
    value = _scalar(path, node, field, "a date")
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    text = str(node.value).strip()
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    impossible = why_no_date(text)
    if impossible:
        raise fail(path, node, field, f"{text!r} is not a date: {impossible}")
    raise fail(path, node, field, f"expected a date such as 2015-01-30, found {node.value!r}")


def _names(path: str, node: Node, field: str) -> list[str]:
    if isinstance(node, ScalarNode) and scalar_value(node) is None:
        return []
    if not isinstance(node, SequenceNode):
        raise fail(path, node, field, "expected a list, such as [first, second]")
    return [_line(path, item, f"{field}[{i}]") for i, item in enumerate(node.value, 1)]


POST_KINDS = ("post", "moderator")


def _post_kind(path: str, node: Node, field: str) -> str:
    text = _line(path, node, field)
    if text not in POST_KINDS:
        raise fail(path, node, field, f"expected one of {', '.join(POST_KINDS)}, found {text!r}")
    return text


def _switch_or_text(path: str, node: Node, field: str) -> bool | str:
    value = _scalar(path, node, field, "true, false or text")
    if isinstance(value, bool):
        return value
    return _text(path, node, field)


@dataclass(frozen=True)
class Kind:
    """A kind of value: how the loader checks it, and how the JSON Schema describes it."""

    name: str
    check: Callable[[str, Node, str], Any] | None  # None: the caller walks the node itself (posts)
    json: dict[str, Any]


# No control character but tab and line feed (the loader also refuses those inside the text,
# which a pattern without backtracking cannot tell from spaces around it).
_LINE_JSON: dict[str, Any] = {
    "type": "string",
    "minLength": 1,
    "maxLength": MAX_TEXT,
    "pattern": "^[^\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029]*$",
}
LINE = Kind("line", _line, _LINE_JSON)
WEB = Kind("web_address", _web_address, {**_LINE_JSON, "pattern": f"^{WEB_ADDRESS}$"})
LINK = Kind("link", _link, {**_LINE_JSON, "not": {"pattern": "^(?![Hh][Tt][Tt][Pp][Ss]?:)[A-Za-z][A-Za-z0-9+.-]*:"}})
TEXT = Kind("text", _text, {"type": "string"})
BOOL = Kind("bool", _bool, {"type": "boolean"})
COUNT = Kind("count", _count, {"type": "integer", "minimum": 0})
# YAML dates reach a language server as strings; the loader also takes times without a zone.
WHEN = Kind(
    "when",
    _when,
    {
        "type": "string",
        "pattern": r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([Zz]|[+-]\d{2}(:?\d{2})?)?)?$",
    },
)
NAMES = Kind("names", _names, {"type": "array", "items": _LINE_JSON})
SWITCH_OR_TEXT = Kind("switch_or_text", _switch_or_text, {"type": ["boolean", "string"]})
POST_KIND = Kind("post_kind", _post_kind, {"enum": list(POST_KINDS)})
POSTS = Kind("posts", None, {"type": "array", "minItems": 1})  # items: the post fields


@dataclass(frozen=True)
class Field:
    """One key of a mapping in a thread or members file: its kind (and so its check) and its documentation."""

    name: str
    kind: Kind
    doc: str
    required: bool = False


Fields = tuple[Field, ...]

POST_FIELDS: Fields = (
    Field("author", LINE, "Forum name of the member who wrote the post.", required=True),
    Field("role", LINE, "User title shown under the name; defaults to the members file."),
    Field("date", WHEN, "When the post was written: a date or a date and time."),
    Field("edited", WHEN, "When the post was last edited; shown as 'Last edited'."),
    Field("likes", NAMES, "Names of members who liked the post."),
    Field("likes_total", COUNT, "Total likes when more members liked it than are named."),
    Field("expert", BOOL, "Mark (true) or unmark (false) the post as an expert answer."),
    Field("kind", POST_KIND, "post (the default), or moderator: a moderator's note or notice, not a member's post."),
    Field("body", TEXT, 'The post, in Markdown. [quote="NAME, post:N"]...[/quote] quotes post N.', required=True),
    # --- care
    Field("content_note", LINE, "A name under the content_notes option: the post's body is folded behind that note."),
)

# --- removed posts (issue 22: a member's right to be forgotten) ---
REMOVED = Field(
    "removed",
    BOOL,
    "true: the post was removed at its author's request. Only its number and date are shown;"
    " author and body are not needed, and are ignored when given.",
)
POST_FIELDS = (*POST_FIELDS, REMOVED)
# A removed post needs neither author nor body (and the loader ignores them when given).
REMOVED_POST_FIELDS: Fields = tuple(Field(f.name, f.kind, f.doc) for f in POST_FIELDS)

THREAD_FIELDS: Fields = (
    Field("title", LINE, "Title of the thread; the page's only heading.", required=True),
    Field("forum", LINE, "Forum section the thread belongs to."),
    Field("date", WHEN, "Start date; defaults to the first post's date."),
    Field("tags", NAMES, "Topics, shown on the page and used to find related threads."),
    Field("related", NAMES, "Other thread files, relative to this file or to docs/."),
    Field("source", WEB, "Address (http or https) where the thread was first posted."),
    Field("description", LINE, "Summary for search engines; defaults to the start of the first post."),
    Field("disclaimer", SWITCH_OR_TEXT, "false, true, or Markdown that replaces the site's disclaimer text."),
    # --- care
    Field("reviewed", WHEN, "When an expert last checked the thread; the page shows it and the next review's date."),
    Field("reviewed_by", LINE, "Who reviewed it: a member's name (linked to their page) or free text."),
    Field("content_note", LINE, "A name under the content_notes option: that note is shown before the first post."),
    # --- end care
    Field("posts", POSTS, "The posts, oldest first; at least one.", required=True),
)

MEMBER_FIELDS: Fields = (
    Field("role", LINE, "User title shown beside the member's posts."),
    Field("expert", BOOL, "Whether the member's posts are expert answers."),
    Field("memorial", LINE, "Memorial flair shown beside the name, such as 'RIP 2021'."),
    Field("avatar", LINK, "Picture: an http(s) address, or a path relative to docs/."),
    Field("url", WEB, "Link (http or https) for the member's name."),
    Field("bio", TEXT, "A short description of the member."),
)


def read_mapping(path: str, node: Node, fields: Fields, where: str = "") -> Values:
    """Check a mapping node against ``fields``; return each present value with its node.

    ``posts`` fields are returned as the raw sequence node for the caller to walk.
    """
    label = where or "the file"
    if not isinstance(node, MappingNode):
        raise fail(path, node, where, f"{label} must be a mapping of 'key: value' lines")
    known = {f.name: f for f in fields}
    found: Values = {}
    for key_node, value_node in node.value:
        key = key_text(path, key_node, where)
        if _CONTROL.search(key):  # shown as written, the key would reach a terminal with its controls
            raise fail(path, key_node, where, f"unknown key {key!r}: it holds a control character")
        name = f"{where}.{key}" if where else key
        spec = known.get(key)
        if spec is None:
            close = closest(key, known)
            hint = f"; did you mean '{close}'?" if close else ""
            raise fail(path, key_node, name, f"unknown key '{key}'{hint} (allowed: {', '.join(known)})")
        if key in found:
            raise fail(path, key_node, name, "appears twice")
        check = spec.kind.check
        found[key] = (check(path, value_node, name) if check else value_node, value_node)
    for spec in fields:
        if spec.required and spec.name not in found:
            name = f"{where}.{spec.name}" if where else spec.name
            raise fail(path, node, name, f"required field '{spec.name}' is missing")
    return found
