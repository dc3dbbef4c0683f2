"""Rebuilds during `mkdocs serve` reuse unchanged work, and never show stale pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.config import load_config
from sitebuild import Site, build_site, one, thread_yaml, write_site


def serve_twice(
    tmp_path: Path, look: Callable[[Site], Any], before: dict[str, str], after: dict[str, str], **plugins: Any
) -> tuple[Any, Any]:
    """Build in serve mode, change files (and options), build again; ``look`` at each result in turn."""
    write_site(tmp_path, before, plugins.get("first", {}))
    first = look(build_site(tmp_path, command="serve"))
    write_site(tmp_path, after, plugins.get("second", plugins.get("first", {})))
    return first, look(build_site(tmp_path, command="serve"))


def test_edited_thread_shows_its_new_text(tmp_path: Path) -> None:
    a = {"threads/a.yml": thread_yaml("A", [{"author": "ann", "body": "old words"}])}
    b = {"threads/a.yml": thread_yaml("A", [{"author": "ann", "body": "new words"}])}

    def body(site: Site) -> str:
        return one(site.content("threads/a/"), ".forum-post > div").get_text(strip=True)

    assert serve_twice(tmp_path, body, a, b) == ("old words", "new words")


def test_new_title_reaches_related_links_of_unchanged_threads(tmp_path: Path) -> None:
    files = {"a.yml": thread_yaml("Old title"), "b.yml": thread_yaml("B", related=["a.yml"])}

    def link(site: Site) -> str:
        return one(site.content("b/"), ".forum-related a").get_text()

    changed = {**files, "a.yml": thread_yaml("New title")}
    assert serve_twice(tmp_path, link, files, changed, first={"related_max": 0}) == ("Old title", "New title")


def test_members_file_edit_reaches_unchanged_threads(tmp_path: Path) -> None:
    files = {"members.yml": "ann:\n  role: New Member\n", "a.yml": thread_yaml()}
    changed = {**files, "members.yml": "ann:\n  role: Moderator\n"}

    def role(site: Site) -> str:
        return one(site.content("a/"), ".forum-post__role").get_text()

    assert serve_twice(tmp_path, role, files, changed) == ("New Member", "Moderator")


def test_plugin_option_change_reaches_unchanged_threads(tmp_path: Path) -> None:
    files = {"a.yml": thread_yaml("A", [{"author": "ann", "role": "Therapist", "body": "x"}])}

    def experts(site: Site) -> int:
        return len(site.content("a/").select(".forum-post--expert"))

    assert serve_twice(tmp_path, experts, files, files, first={}, second={"experts": ["Therapist"]}) == (0, 1)


def test_warnings_repeat_on_every_rebuild(tmp_path: Path) -> None:
    files = {"a.yml": thread_yaml("A", [{"author": "ann", "body": '[quote="x, post:7"]y[/quote]'}])}

    def warned(site: Site) -> bool:
        return any("quotes post 7" in w for w in site.warnings())

    assert serve_twice(tmp_path, warned, files, files) == (True, True)


MATERIAL = {"search": "material"}  # these tests read Material's own search index


def _search_docs(site: Site) -> list[dict[str, Any]]:
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs: list[dict[str, Any]] = index["docs"]
    return docs


SEARCH_FILES = {
    "a.yml": thread_yaml("Pacing", [{"author": "ann", "body": "## Plan\nwalk daily"}, {"author": "bo", "body": "ok"}]),
    "b.yml": thread_yaml("Sleep", [{"author": "cy", "body": "naps help"}], tags=["rest"]),
    "guide.md": "# Guide\n\n## Steps\n\nrest often\n",
}
SEARCH_EDITED = {
    **SEARCH_FILES,
    "a.yml": thread_yaml("Pacing", [{"author": "ann", "body": "swim weekly"}, {"author": "bo", "body": "ok"}]),
}


def test_rebuild_search_index_equals_a_fresh_build(tmp_path: Path) -> None:
    serve_twice(tmp_path, _search_docs, SEARCH_FILES, SEARCH_EDITED, first={"related_max": 0, **MATERIAL})
    served = _search_docs(build_site(tmp_path, command="serve"))  # a third build: every page unchanged
    fresh = _search_docs(build_site(tmp_path, command="build"))
    assert served == fresh
    assert any("swim weekly" in doc["text"] for doc in served)
    assert not any("walk daily" in doc["text"] for doc in served)


@pytest.fixture
def parsed_for_search(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The address of each page Material's search plugin parses, in order, as builds run."""
    parsed: list[str] = []
    original = SearchIndex.add_entry_from_context

    def counting(index: SearchIndex, page: Any) -> None:
        parsed.append(page.url)
        original(index, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", counting)
    return parsed


def test_rebuild_reparses_only_changed_pages_for_search(tmp_path: Path, parsed_for_search: list[str]) -> None:
    def urls(site: Site) -> list[str]:
        found = sorted(parsed_for_search)
        parsed_for_search.clear()
        return found

    cold, warm = serve_twice(tmp_path, urls, SEARCH_FILES, SEARCH_EDITED, first={"related_max": 0, **MATERIAL})
    assert {"a/", "b/", "guide/"} <= set(cold)
    assert warm == ["a/", "members/ann/"]  # the thread, and the member page that shows the post


def test_plain_builds_parse_every_page_for_search(tmp_path: Path, parsed_for_search: list[str]) -> None:
    write_site(tmp_path, SEARCH_FILES, MATERIAL)
    build_site(tmp_path)
    first = sorted(parsed_for_search)
    parsed_for_search.clear()
    build_site(tmp_path)
    assert sorted(parsed_for_search) == first
    assert "a/" in first


def test_changed_search_settings_reparse_every_page(tmp_path: Path, parsed_for_search: list[str]) -> None:
    write_site(tmp_path, SEARCH_FILES, MATERIAL)
    build_site(tmp_path, command="serve")
    cold = sorted(parsed_for_search)
    parsed_for_search.clear()
    config = tmp_path / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["plugins"][0] = {"search": {"separator": "[\\s,]+"}}
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    build_site(tmp_path, command="serve")
    assert sorted(parsed_for_search) == cold


def _locations(docs: list[dict[str, Any]]) -> list[str]:
    return sorted(doc["location"] for doc in docs)


def test_dirty_rebuild_search_index_has_each_page_once(tmp_path: Path) -> None:
    write_site(tmp_path, SEARCH_FILES, MATERIAL)
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    search = config.plugins["material/search"]
    assert isinstance(search, SearchPlugin)
    search.search_index_prev = None  # as in a new `mkdocs serve --dirty`
    build_site(tmp_path, command="serve", dirty=True)
    write_site(tmp_path, SEARCH_EDITED, MATERIAL)
    served = _search_docs(build_site(tmp_path, command="serve", dirty=True))
    fresh = _search_docs(build_site(tmp_path))
    assert _locations(served) == _locations(fresh)
    assert any("swim weekly" in doc["text"] for doc in served)


def test_date_tag_quoted_as_text_is_indexed_again(tmp_path: Path) -> None:
    page = "---\ntags: [{}]\n---\n# Notes\n\ntext\n"
    before, after = {"notes.md": page.format("2024-01-01")}, {"notes.md": page.format('"2024-01-01"')}

    def tags(site: Site) -> list[Any]:
        return [doc.get("tags") for doc in _search_docs(site) if doc["location"].startswith("notes/")]

    assert serve_twice(tmp_path, tags, before, after, first=MATERIAL) == ([[]], [["2024-01-01"]])


def test_front_matter_with_mixed_key_types_serves(tmp_path: Path) -> None:
    files = {"notes.md": "---\nsearch:\n  boost: 2\n  1: x\n---\n# Notes\n\ntext\n"}

    def boost(site: Site) -> list[Any]:
        return [doc.get("boost") for doc in _search_docs(site) if doc["location"].startswith("notes/")]

    assert serve_twice(tmp_path, boost, files, files, first=MATERIAL) == ([2], [2])
