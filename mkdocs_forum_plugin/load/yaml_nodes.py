"""Safe YAML parsing that keeps line marks and refuses anchors and aliases.

PyYAML's safe loader still expands aliases, so a small file can stand for a huge
document ("billion laughs"). Thread files have no use for anchors, so they are
refused outright, before any node is composed.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
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


class _PyLoader(_PyParser, Composer, SafeConstructor, Resolver):
    """The pure-Python composing loader, for PyYAML builds without libyaml."""

    def __init__(self, stream: str) -> None:
        _PyParser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


# libyaml is several times faster and keeps the same marks.
_Parser: Any = _PyParser
_Loader: Any = _PyLoader
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    _Parser, _Loader = CParser, yaml.CSafeLoader

# libyaml 0.2.6 (bundled from PyYAML 6.0.4 on) refuses nesting past its own limit (1,000
# levels) while its scanner looks ahead, before the parser hands over the events that would
# reach this module's limit. The pure-Python parser has no such limit, so a file libyaml
# refuses for that reason is read again by it: the message is then the same on every release.
_LIBYAML_NESTING = "maximum nesting depth"

ALIAS_MESSAGE = "YAML {name} ('&name' / '*name') are not allowed in thread files; write the value out in full"
MAX_DEPTH = 50  # lists and mappings inside each other; a thread file needs four
_OPEN = (SequenceStartEvent, MappingStartEvent)
_CLOSE = (SequenceEndEvent, MappingEndEvent)


def _line(event: Any) -> int:
    mark = event.start_mark
    return int(mark.line) + 1 if mark is not None else 1


def _check_events(text: str, path: str, parser_class: Any) -> None:
    """One pass over the parser's events: refuse anchors, aliases and deep nesting.

    PyYAML's safe loader expands aliases ("billion laughs"), and composing a tree
    tens of thousands of levels deep overflows the C stack of libyaml's composer,
    which kills the process (no exception to catch). libyaml's parser itself is a
    state machine with its own stack, so reading events first is safe, and it is
    cheaper than composing.
    """
    parser = parser_class(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                name = "aliases" if isinstance(event, AliasEvent) else "anchors"
                problem = Problem(Location(path, _line(event)), ALIAS_MESSAGE.format(name=name))
                raise ThreadFileError(problem)
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"lists and mappings are nested more than {MAX_DEPTH} levels deep"
                    raise ThreadFileError(Problem(Location(path, _line(event)), message))
            elif isinstance(event, _CLOSE):
                depth -= 1
    finally:
        parser.dispose()


def _compose(text: str, path: str, parser_class: Any, loader_class: Any) -> Node | None:
    """Check the events, then compose: with libyaml's classes, or with the pure-Python ones."""
    _check_events(text, path, parser_class)
    loader = loader_class(text)
    try:
        root: Node | None = loader.get_single_node()
        return root
    finally:
        loader.dispose()


def compose(text: str, path: str) -> Node | None:
    """Parse one YAML document into a node tree whose nodes carry line marks.

    Anchors, aliases and absurd nesting are refused before anything is composed.
    """
    try:
        try:
            return _compose(text, path, _Parser, _Loader)
        except yaml.MarkedYAMLError as exc:
            if _Parser is _PyParser or _LIBYAML_NESTING not in str(exc.problem):
                raise
        return _compose(text, path, _PyParser, _PyLoader)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        what = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        message = f"the file holds a control character ({what}), which YAML does not allow; remove it"
        raise ThreadFileError(Problem(Location(path, line), message)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        if "alias" in what:  # e.g. "found undefined alias": the same rule, said the same way
            raise ThreadFileError(Problem(Location(path, line), ALIAS_MESSAGE.format(name="aliases"))) from None
        raise ThreadFileError(Problem(Location(path, line), f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:
        raise ThreadFileError(Problem(Location(path, 1), f"YAML error: {exc}")) from None


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
    except Exception:
        # An explicit tag on text that does not fit it ("!!bool maybe", "!!int ''",
        # "!!timestamp yesterday") makes PyYAML's constructors raise KeyError, IndexError
        # or AttributeError as well as ConstructorError. The field's own check then
        # reports the text as written, with its line.
        return node.value


def line_of(node: Node) -> int:
    """1-based line where a node starts."""
    return int(node.start_mark.line) + 1
