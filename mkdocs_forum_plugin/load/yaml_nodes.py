"""Safe YAML parsing that keeps line marks and refuses anchors and aliases.

PyYAML's safe loader still expands aliases, so a small file can stand for a huge
document ("billion laughs"). Thread files have no use for anchors, so the
composer below refuses them outright, before any node is shared.
"""

from __future__ import annotations

from typing import Any, cast

import yaml
from yaml import cyaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import Node
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


def compose(text: str, path: str) -> Node | None:
    """Parse one YAML document into a node tree whose nodes carry line marks."""
    loader = _Loader(text, path)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        raise ThreadFileError(Problem(Location(path, line), f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:
        raise ThreadFileError(Problem(Location(path, 1), f"YAML error: {exc}")) from None
    finally:
        loader.dispose()


def scalar_value(node: Node) -> Any:
    """The Python value of a scalar node, as the safe loader would build it."""
    constructor = SafeConstructor()
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        return node.value
    except ValueError:  # e.g. a timestamp-looking value that is no real date
        return node.value


def line_of(node: Node) -> int:
    """1-based line where a node starts."""
    return int(node.start_mark.line) + 1
