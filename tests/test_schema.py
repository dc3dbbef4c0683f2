"""The JSON Schema of thread files: current, valid, and in agreement with the loader."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from mkdocs_forum_plugin.load.json_schema import MEMBERS_SCHEMA_FILE, SCHEMA_FILE, SCHEMAS, schema_text
from mkdocs_forum_plugin.load.threads import parse_members, parse_thread
from mkdocs_forum_plugin.problems import ThreadFileError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "docs").rglob("threads/*.yml"))


def as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def validator(file: Path = SCHEMA_FILE) -> jsonschema.Draft202012Validator:
    schema = json.loads(file.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("file", list(SCHEMAS), ids=lambda f: f.name)
def test_committed_schema_matches_format_declarations(file: Path) -> None:
    assert file.read_text(encoding="utf-8") == schema_text(file), "run: python -m mkdocs_forum_plugin.load.json_schema"


def test_example_members_file_satisfies_schema_and_loader() -> None:
    text = (ROOT / "docs" / "members.yml").read_text(encoding="utf-8")
    validator(MEMBERS_SCHEMA_FILE).validate(as_json(yaml.safe_load(text)))
    assert parse_members(text, "members.yml")


@pytest.mark.parametrize(
    "doc",
    [{"ann": {"colour": "red"}}, {"ann": {"expert": "yes"}}, {"ann": ["Moderator"]}, {"an\x00n": None}],
    ids=["unknown-key", "expert-not-a-switch", "not-a-mapping", "control-in-name"],
)
def test_members_schema_and_loader_both_reject(doc: dict[str, Any]) -> None:
    assert list(validator(MEMBERS_SCHEMA_FILE).iter_errors(doc))
    with pytest.raises(ThreadFileError):
        parse_members(yaml.safe_dump(doc), "members.yml")


def test_example_wiki_has_threads() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_threads_satisfy_schema_and_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    validator().validate(as_json(yaml.safe_load(text)))
    assert parse_thread(text, path.name).posts


@pytest.mark.parametrize(
    "doc",
    [
        {"title": "x", "posts": [{"author": "a", "body": "b"}], "colour": "red"},
        {"title": "x", "posts": []},
        {"title": "x", "posts": [{"author": "a"}]},
        {"posts": [{"author": "a", "body": "b"}]},
        {"title": "x", "posts": [{"author": "a", "body": "b", "likes_total": -1}]},
        {"title": "x\x00y", "posts": [{"author": "a", "body": "b"}]},
        {"title": "x", "source": "https://f.example/t/\x00/", "posts": [{"author": "a", "body": "b"}]},
        {"title": "x", "posts": [{"author": "a\x1b[2J", "body": "b"}]},
        {"title": "x", "tags": ["a\x9bb"], "posts": [{"author": "a", "body": "b"}]},
    ],
    ids=["unknown-key", "no-posts", "no-body", "no-title", "negative-likes", "nul", "nul-source", "esc", "csi"],
)
def test_schema_and_loader_both_reject(doc: dict[str, Any]) -> None:
    assert list(validator().iter_errors(doc))
    with pytest.raises(ThreadFileError):
        parse_thread(yaml.safe_dump(doc), "t.yml")


@pytest.mark.parametrize("when", ["2015-01-30", "2015-01-30 14:05:00", "2015-01-30T14:05", "2015-01-30T14:05:00Z"])
def test_schema_takes_the_dates_the_loader_takes(when: str) -> None:
    doc = {"title": "x", "posts": [{"author": "a", "date": when, "body": "b"}]}
    assert list(validator().iter_errors(doc)) == []
    assert parse_thread(yaml.safe_dump(doc), "t.yml").posts[0].date is not None
