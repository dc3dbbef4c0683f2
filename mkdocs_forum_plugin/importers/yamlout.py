"""Thread data to YAML that reads like the hand-written examples.

Bodies are literal blocks (``body: |``), lists of names are written on one line
(``likes: [a, b]``), keys keep the format's order, and lines are never folded.
libyaml's emitter is used when PyYAML has it: it is many times faster.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .convert import FlowList

_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[misc]
    """Safe dumping with literal blocks for text of several lines."""


class _PyDumper(yaml.SafeDumper):
    """The pure-Python emitter, for text with characters beyond U+FFFF (emoji) that libyaml would escape."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _flow(dumper: yaml.SafeDumper, value: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


for _dumper in (_Dumper, _PyDumper):
    _dumper.add_representer(str, _text)
    _dumper.add_representer(FlowList, _flow)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _astral(data: Any) -> bool:
    if isinstance(data, str):
        return bool(_ASTRAL.search(data))
    if isinstance(data, dict):
        return any(_astral(v) for v in data.values())
    if isinstance(data, list):
        return any(_astral(v) for v in data)
    return False


def dump(data: Any) -> str:
    """YAML text of thread data; the ``posts`` list (the last key) is indented under its key."""
    dumper = _PyDumper if _astral(data) else _Dumper
    text: str = yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100_000, indent=2
    )
    head, found, posts = text.partition("\nposts:\n")
    if not found or not posts.startswith("- "):
        return text
    # Shifting every line of the list keeps it valid YAML, block scalars included.
    shifted = "".join("  " + line if line.strip() else line for line in posts.splitlines(keepends=True))
    return f"{head}{found}{shifted}"
