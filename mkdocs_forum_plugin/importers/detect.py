"""Which format an input file is in, decided from its first bytes."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from . import discourse, forumdl, plaintext, xenforo1, xenforo2
from .engines import invision, mybb, phpbb, phpbb_subsilver, smf, vbulletin, vbulletin5
from .records import InputError, ParseOptions, SourcePage
from .safety import clean_bytes

Parser = Callable[[str, bytes, ParseOptions], list[SourcePage]]
HEAD_BYTES = 400_000
# The largest input file read: a saved thread page is well under 5 MB, and a topic's JSON or a forum-dl
# export of a few hundred threads well under this. Reading one file of this size took at most 453 MB
# of memory (benchmarks/import_limits.py, every format; docs/reference/migration.md).
MAX_INPUT_BYTES = 50_000_000
UNRECOGNISED = (
    "not a recognised forum export (expected a saved thread page of XenForo 1 or 2, vBulletin 3.8, 4 or 5,"
    " Invision Community 4, phpBB 2 or 3, Simple Machines 2 or MyBB 1.8, Discourse topic JSON, forum-dl JSONL,"
    " or a XenForo thread copied as text)"
)
# Saved thread pages of other engines, each a module with looks_like(head) and parse (see engines/).
ENGINES = (vbulletin5, vbulletin, invision, phpbb, phpbb_subsilver, smf, mybb)


def _json_kind(text: str) -> str | None:
    first = text.lstrip()[:1]
    if first not in "{[":
        return None
    try:
        data = json.loads(text)
    except ValueError:
        line = text.lstrip().split("\n", 1)[0]
        try:
            data = json.loads(line)
        except ValueError:
            return None
        return "forum-dl" if isinstance(data, dict) and "item" in data and "type" in data else None
    if isinstance(data, dict) and isinstance(data.get("post_stream"), dict):
        return "discourse"
    if isinstance(data, dict) and "item" in data and "type" in data:
        return "forum-dl"
    return None


def detect(data: bytes) -> Parser | None:
    """The parser for a file, or None when no format matches."""
    head = data[:HEAD_BYTES].decode("utf-8", "replace").lstrip("\ufeff")
    kind = _json_kind(data.decode("utf-8", "replace").lstrip("\ufeff")) if head.lstrip()[:1] in "{[" else None
    if kind == "discourse":
        return discourse.parse
    if kind == "forum-dl":
        return forumdl.parse
    if re.search(r"<(?:!doctype|html|body|div|li|article)\b", head, re.IGNORECASE):
        if xenforo2.looks_like(head):
            return xenforo2.parse
        if xenforo1.looks_like(head):
            return xenforo1.parse
        return next((engine.parse for engine in ENGINES if engine.looks_like(head)), None)
    if plaintext.looks_like(head):
        return plaintext.parse
    return None


def read_input(path: Path) -> bytes:
    """An input file's bytes; InputError, before anything is read, when it is larger than ``MAX_INPUT_BYTES``."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        data = b"" if size > MAX_INPUT_BYTES else file.read(MAX_INPUT_BYTES + 1)  # +1: a file that grew meanwhile
    if size > MAX_INPUT_BYTES or len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"the file has {max(size, len(data)):,} bytes, more than the importer reads"
            f" ({MAX_INPUT_BYTES:,} bytes); split it into smaller files"
        )
    return data


def parse_file(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Detect the format and parse; InputError names what is wrong.

    Control characters go first: the converter's markers are made of some, and YAML cannot hold them.
    """
    data = clean_bytes(data)
    parser = detect(data)
    if parser is None:
        raise InputError(UNRECOGNISED)
    return parser(source, data, options)
