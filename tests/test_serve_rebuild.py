"""Rebuilds during `mkdocs serve` reuse unchanged work, and never show stale pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitebuild import Site, build_site, thread_yaml, write_site


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
        return site.content("threads/a/").select_one(".forum-post__body").get_text(strip=True)

    assert serve_twice(tmp_path, body, a, b) == ("old words", "new words")


def test_new_title_reaches_related_links_of_unchanged_threads(tmp_path: Path) -> None:
    files = {"a.yml": thread_yaml("Old title"), "b.yml": thread_yaml("B", related=["a.yml"])}

    def link(site: Site) -> str:
        return site.content("b/").select_one(".forum-related a").get_text()

    changed = {**files, "a.yml": thread_yaml("New title")}
    assert serve_twice(tmp_path, link, files, changed, first={"related_max": 0}) == ("Old title", "New title")


def test_members_file_edit_reaches_unchanged_threads(tmp_path: Path) -> None:
    files = {"members.yml": "ann:\n  role: New Member\n", "a.yml": thread_yaml()}
    changed = {**files, "members.yml": "ann:\n  role: Moderator\n"}

    def role(site: Site) -> str:
        return site.content("a/").select_one(".forum-post__role").get_text()

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
