"""Safe YAML parsing that keeps line marks and refuses anchors and aliases.

PyYAML's safe loader still expands aliases, so a small file can stand for a huge
document ("billion laughs"). Thread files have no use for anchors, so the
composer below refuses them outright, before any node is shared.
"""

from __future__ import annotations

import re
from typing import Any, cast

import yaml
from yaml import cyaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from ..model import Location
from ..problems import Problem, ThreadFileError


class _PyParser(Reader, Scanner, Parser):
    """The pure-Python parser, for PyYAML builds without libyaml."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


# libyaml is several times faster and keeps the same marks.
_Parser: type = getattr(cyaml, "CParser", _PyParser) if yaml.__with_libyaml__ else _PyParser


ALIAS_MESSAGE = "YAML {name} ('&name' / '*name') are not allowed in thread files; write the value out in full"


class _NoAliasComposer(Composer):
    path = "<unknown>"

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = cast(Any, self).peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            name = "aliases" if isinstance(event, AliasEvent) else "anchors"
            raise ThreadFileError(
                Problem(
                    Location(self.path, event.start_mark.line + 1),
                    f"YAML {name} ('&name' / '*name') are not allowed in thread files; write the value out in full",
                )
            )
        return super().compose_node(parent, index)


class _Loader(_NoAliasComposer, _Parser, SafeConstructor, Resolver):  # type: ignore[misc]
    def __init__(self, stream: str, path: str) -> None:
        _Parser.__init__(self, stream)  # type: ignore[misc]
        _NoAliasComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.path = path


# An anchor is "&name" after a line start, a space or a flow indicator. Text such as
# "fish &chips" matches too; it only sends the file down the slower, exact path.
_ANCHOR_HINT = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]")
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _refuse_shared(root: Node, path: str) -> None:
    """Aliases make one node appear twice in the composed tree: refuse the second visit."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise ThreadFileError(Problem(Location(path, line_of(node)), ALIAS_MESSAGE.format(name="aliases")))
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def compose(text: str, path: str) -> Node | None:
    """Parse one YAML document into a node tree whose nodes carry line marks.

    libyaml composes most files; a file that may hold an anchor goes through the
    composer above, which stops at the first anchor or alias.
    """
    fast = _FAST_LOADER is not None and not _ANCHOR_HINT.search(text)
    loader = _FAST_LOADER(text) if fast else _Loader(text, path)
    try:
        root: Node | None = loader.get_single_node()
        if fast and root is not None:
            _refuse_shared(root, path)
        return root
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        if "alias" in what:  # e.g. "found undefined alias": the same rule, said the same way
            raise ThreadFileError(Problem(Location(path, line), ALIAS_MESSAGE.format(name="aliases"))) from None
        raise ThreadFileError(Problem(Location(path, line), f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:
        raise ThreadFileError(Problem(Location(path, 1), f"YAML error: {exc}")) from None
    finally:
        loader.dispose()


_CONSTRUCTOR = SafeConstructor()


def scalar_value(node: Node) -> Any:
    """The Python value of a scalar node, as the safe loader would build it."""
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    build = SafeConstructor.yaml_constructors.get(node.tag)
    if build is None:
        return node.value
    try:
        # Called directly, not through construct_object, so nothing is kept between files.
        return build(_CONSTRUCTOR, node)
    except (yaml.constructor.ConstructorError, ValueError):  # e.g. a date that does not exist
        return node.value


def line_of(node: Node) -> int:
    """1-based line where a node starts."""
    return int(node.start_mark.line) + 1
