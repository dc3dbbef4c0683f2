"""The JSON Schemas of thread files and of the members file, generated from the field table (``fields.py``).

Regenerate the committed files with ``python -m mkdocs_forum_plugin.load.json_schema``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .fields import LINE, MEMBER_FIELDS, POST_FIELDS, POSTS, THREAD_FIELDS, Field, Fields

ASSETS = Path(__file__).resolve().parents[1] / "assets"
SCHEMA_FILE = ASSETS / "thread.schema.json"
MEMBERS_SCHEMA_FILE = ASSETS / "members.schema.json"


def _json_type(spec: Field) -> dict[str, Any]:
    if spec.kind is POSTS:
        return {"description": spec.doc, **POSTS.json, "items": _post_object()}
    return {"description": spec.doc, **spec.kind.json}


def _object(fields: Fields) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _json_type(f) for f in fields},
    }


def _post_object() -> dict[str, Any]:
    """A post; a removed one (``removed: true``, issue 22) needs no author or body."""
    post = _object(POST_FIELDS)
    required = post.pop("required")
    removed = {"properties": {"removed": {"const": True}}, "required": ["removed"]}
    return {**post, "if": removed, "else": {"required": required}}


def thread_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a thread file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-forum-plugin thread file",
        **_object(THREAD_FIELDS),
    }


def members_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the members file: member name -> details (or nothing)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-forum-plugin members file",
        "description": "Each key is a member's name as it appears in posts' author fields.",
        "type": ["object", "null"],
        "propertyNames": LINE.json,
        "additionalProperties": {"anyOf": [_object(MEMBER_FIELDS), {"type": "null"}]},
    }


SCHEMAS: dict[Path, Callable[[], dict[str, Any]]] = {
    SCHEMA_FILE: thread_json_schema,
    MEMBERS_SCHEMA_FILE: members_json_schema,
}


def schema_text(file: Path = SCHEMA_FILE) -> str:
    """A schema as its committed file holds it."""
    return json.dumps(SCHEMAS[file](), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    for path in SCHEMAS:
        path.write_text(schema_text(path), encoding="utf-8")
