"""The JSON Schema of thread files, generated from load/schema.py."""

from __future__ import annotations

import json
from pathlib import Path

from ..load.schema import thread_json_schema

SCHEMA_FILE = Path(__file__).with_name("thread.schema.json")


def schema_text() -> str:
    """The schema as the committed file holds it; regenerate with ``python -m mkdocs_forum_plugin.schema``."""
    return json.dumps(thread_json_schema(), indent=2, ensure_ascii=False) + "\n"
