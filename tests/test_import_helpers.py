"""Shared helpers of the importer tests (no tests here): run the CLI in a site folder, read what it wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from sitebuild import Site, build_site, write_site

from mkdocs_forum_plugin.cli import main
from mkdocs_forum_plugin.load.threads import parse_thread

FIXTURES = Path(__file__).parent / "fixtures" / "import"
# The UTC offsets the fixture pages state or give ("All times are UTC+01:00", "GMT+2").
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))
PLUS_TWO = dt.timezone(dt.timedelta(hours=2))
DISCLAIMER = (
    "Answers here are general education from a therapist who has not examined you. They are not a diagnosis"
    " or a treatment plan. If you have new or worsening symptoms, see a doctor promptly."
)
# The fixtures' pictures live on invented forum hosts, and the importer keeps their addresses
# for now: `allow`, so the strict builds see only what the import itself got wrong. What
# remote_images does is tested in test_media_pages.py.
PLUGIN = {"experts": ["Pain Therapist"], "disclaimer": {"text": DISCLAIMER}, "remote_images": "allow"}


def setup_site(root: Path, monkeypatch: pytest.MonkeyPatch, plugin: dict[str, Any] | None = None) -> None:
    """An empty wiki in ``root`` (mkdocs.yml with the forum plugin); the current folder becomes ``root``."""
    write_site(root, {}, PLUGIN if plugin is None else plugin)
    monkeypatch.chdir(root)


def run(*args: str | Path) -> Result:
    """Run ``mkdocs-forum ARGS`` (in the current folder); an import keeps no media unless a media option is given.

    The fixtures' pictures point at invented forums, and these tests are about reading
    pages (test_media_import.py keeps media, from a forum on this machine).
    """
    words = [str(a) for a in args]
    if words[:1] == ["import"] and not any(w.startswith(("--media", "--no-media")) for w in words):
        words.append("--no-media")
    return CliRunner().invoke(main, words, catch_exceptions=False)


def threads(root: Path) -> dict[str, dict[str, Any]]:
    """Every thread file written into docs/threads, loaded; each is also checked by the plugin's loader."""
    found = {}
    for path in sorted((root / "docs" / "threads").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        parse_thread(text, f"threads/{path.name}")
        found[path.name] = yaml.safe_load(text)
    return found


def only_thread(root: Path) -> tuple[str, dict[str, Any]]:
    """The one thread file written."""
    found = threads(root)
    assert len(found) == 1, list(found)
    return next(iter(found.items()))


def members(root: Path) -> dict[str, Any]:
    """The members file, loaded."""
    loaded: dict[str, Any] = yaml.safe_load((root / "docs" / "members.yml").read_text(encoding="utf-8")) or {}
    return loaded


def build(root: Path) -> Site:
    """Build the wiki as `mkdocs build --strict` does: an import must give pages with no warning at all."""
    return build_site(root, strict=True)


def page_of(name: str) -> str:
    """The URL path of a thread file's page."""
    return f"threads/{name.removesuffix('.yml')}/"
