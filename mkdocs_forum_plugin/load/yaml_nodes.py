"""Safe YAML parsing that keeps line marks and refuses anchors and aliases.

PyYAML's safe loader still expands aliases, so a small file can stand for a huge
document ("billion laughs"). Thread files have no use for anchors, so the
composer below refuses them outright, before any node is shared.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import Node
from yaml.resolver import Resolver

from ..model import Location
from ..problems import Problem, ThreadFileError

try:  # libyaml is several times faster and keeps the same marks
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PyParser(Reader, Scanner, _Parser):  # type: ignore[misc,valid-type]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _Parser.__init__(self)

    _Parser = _PyParser  # type: ignore[assignment,misc]


class _NoAliasComposer(Composer):
    path = "<unknown>"

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            name = "alias" if isinstance(event, AliasEvent) else "anchor"
            raise ThreadFileError(
                Problem(
                    Location(self.path, event.start_mark.line + 1),
                    f"YAML {name}s ('&name' / '*name') are not allowed in thread files;"
                    " write the value out in full",
                )
            )
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


class _Loader(_NoAliasComposer, _Parser, SafeConstructor, Resolver):  # type: ignore[misc,valid-type]
    def __init__(self, stream: str, path: str) -> None:
        _Parser.__init__(self, stream)
        _NoAliasComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.path = path


def compose(text: str, path: str) -> Node | None:
    """Parse one YAML document into a node tree whose nodes carry line marks."""
    loader = _Loader(text, path)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
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
