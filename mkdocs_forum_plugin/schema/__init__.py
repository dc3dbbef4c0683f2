"""The JSON Schemas of thread files and of the members file, generated from load/schema.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..load.schema import members_json_schema, thread_json_schema

HERE = Path(__file__).parent
SCHEMA_FILE = HERE / "thread.schema.json"
MEMBERS_SCHEMA_FILE = HERE / "members.schema.json"
SCHEMAS: dict[Path, Callable[[], dict[str, Any]]] = {
    SCHEMA_FILE: thread_json_schema,
    MEMBERS_SCHEMA_FILE: members_json_schema,
}


def schema_text(file: Path = SCHEMA_FILE) -> str:
    """A schema as its committed file holds it; regenerate with ``python -m mkdocs_forum_plugin.schema``."""
    return json.dumps(SCHEMAS[file](), indent=2, ensure_ascii=False) + "\n"
