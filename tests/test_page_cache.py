"""The page cache is honest: during `mkdocs serve`, an unchanged thread page follows every change it depends on.

Each test builds twice in serve mode (the plugin object and its caches survive, as
in `mkdocs serve`), changes one thing that thread A's page reads from elsewhere,
and checks that A's page shows the change. ``fresh`` builds the changed site from
scratch as well: the rebuilt page must equal it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bs4 import Tag
from mkdocs.config import load_config
from sitebuild import Site, build_site, thread_yaml, write_site

from mkdocs_forum_plugin.adapters.mkdocs.plugin import ForumPlugin

Look = Callable[[Site], Any]


def serve_change(root: Path, look: Look, files: dict[str, str], changed: dict[str, str | None]) -> tuple[Any, Any, Any]:
    """(before, after the change while serving, a fresh build of the changed site); None deletes a file."""
    write_site(root, files)
    before = look(build_site(root, command="serve"))
    for name, text in changed.items():
        path = root / "docs" / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    after = look(build_site(root, command="serve"))
    fresh_root = root / "fresh"
    write_site(fresh_root, {n: t for n, t in {**files, **changed}.items() if t is not None})
    return before, after, look(build_site(fresh_root))


def post_body(site: Site) -> Tag:
    body = site.content("threads/a/").select_one("#post-1 > div")
    assert body is not None
    return body


def link_and_warnings(site: Site) -> tuple[str, list[str]]:
    link = post_body(site).select_one("a")
    assert link is not None
    return str(link["href"]), [w for w in site.warnings() if "threads/a.yml" in w]


A_LINKS_B = thread_yaml("A", [{"author": "ann", "body": "See [the other thread](b.yml#post-2)."}])
B_TWO_POSTS = thread_yaml("B", [{"author": "bo", "body": "One."}, {"author": "bo", "body": "Two."}])


def test_another_threads_post_count(tmp_path: Path) -> None:
    files = {"threads/a.yml": A_LINKS_B, "threads/b.yml": B_TWO_POSTS}
    changed: dict[str, str | None] = {"threads/b.yml": thread_yaml("B", [{"author": "bo", "body": "One."}])}
    before, after, fresh = serve_change(tmp_path, link_and_warnings, files, changed)
    assert before == ("../b/#post-2", [])
    warning = "threads/a.yml:4: posts[1].body: links to 'b.yml#post-2', but that thread has 1 post"
    assert after == fresh == ("../b/#post-2", [f"mkdocs_forum_plugin: {warning}"])


def test_another_threads_existence(tmp_path: Path) -> None:
    files = {"threads/a.yml": A_LINKS_B, "threads/b.yml": B_TWO_POSTS}
    before, after, fresh = serve_change(tmp_path, link_and_warnings, files, {"threads/b.yml": None})
    assert before == ("../b/#post-2", [])
    warning = "threads/a.yml:4: posts[1].body: links to 'b.yml', which is not a file of this wiki"
    assert after == fresh == ("b.yml#post-2", [f"mkdocs_forum_plugin: {warning}"])


def test_another_threads_source(tmp_path: Path) -> None:
    a = thread_yaml("A", [{"author": "ann", "body": "See [old](https://old.example/t/walking.7/)."}])
    files = {"threads/a.yml": a, "threads/b.yml": thread_yaml("B", source="https://old.example/t/walking.7/")}
    changed: dict[str, str | None] = {"threads/b.yml": thread_yaml("B", source="https://old.example/t/other.8/")}
    before, after, fresh = serve_change(tmp_path, link_and_warnings, files, changed)
    assert before == ("../b/", [])
    assert after == fresh == ("https://old.example/t/walking.7/", [])


def test_another_threads_title(tmp_path: Path) -> None:
    files = {"threads/a.yml": thread_yaml("A", related=["b.yml"]), "threads/b.yml": thread_yaml("Old title")}

    def related(site: Site) -> list[str]:
        return [a.get_text() for a in site.content("threads/a/").select(".forum-related a")]

    changed: dict[str, str | None] = {"threads/b.yml": thread_yaml("New title")}
    assert serve_change(tmp_path, related, files, changed) == (["Old title"], ["New title"], ["New title"])


def test_a_members_page(tmp_path: Path) -> None:
    files = {"threads/a.yml": thread_yaml("A")}

    def author_link(site: Site) -> str:
        link = site.content("threads/a/").select_one("#post-1 > h2 a")
        assert link is not None
        return str(link["href"])

    # A page of docs/ takes the member page's address, so the member page moves.
    changed: dict[str, str | None] = {"members/ann.md": "# Ann's own page\n"}
    before, after, fresh = serve_change(tmp_path, author_link, files, changed)
    assert (before, after, fresh) == ("../../members/ann/", "../../members/ann-2/", "../../members/ann-2/")


def test_a_members_file_entry(tmp_path: Path) -> None:
    files = {"threads/a.yml": thread_yaml("A"), "members.yml": "ann:\n  memorial: RIP 2020\n"}

    def flair(site: Site) -> str:
        found = site.content("threads/a/").select_one(".forum-post__memorial")
        return found.get_text() if found else ""

    changed: dict[str, str | None] = {"members.yml": "ann:\n  memorial: RIP 2021\n"}
    before, after, fresh = serve_change(tmp_path, flair, files, changed)
    assert (before, after, fresh) == ("In memoriam: RIP 2020", "In memoriam: RIP 2021", "In memoriam: RIP 2021")


def test_a_section(tmp_path: Path) -> None:
    files = {"threads/a.yml": thread_yaml("A", forum="Ask a Therapist"), "threads/b.yml": thread_yaml("B")}

    def section(site: Site) -> tuple[str, str]:
        link = site.content("threads/a/").select_one(".forum-thread__forum a")
        assert link is not None
        return link.get_text(), str(link["href"])

    # Another thread, earlier in the wiki, now names the section in another spelling: A shows that spelling.
    changed: dict[str, str | None] = {"threads/0.yml": thread_yaml("Zero", forum="ask a therapist")}
    before, after, fresh = serve_change(tmp_path, section, files, changed)
    assert before == ("Ask a Therapist", "../../forums/ask-a-therapist/")
    assert after == fresh == ("ask a therapist", "../../forums/ask-a-therapist/")


def test_unchanged_pages_come_from_the_cache(tmp_path: Path) -> None:
    files = {f"threads/{n}.yml": thread_yaml(f"Thread {n}", related=["a.yml"]) for n in "abc"}
    write_site(tmp_path, files, {"related_max": 0})
    build_site(tmp_path, command="serve")
    edited = thread_yaml("Thread c", [{"author": "ann", "body": "Edited."}], related=["a.yml"])
    (tmp_path / "docs/threads/c.yml").write_text(edited, encoding="utf-8")
    build_site(tmp_path, command="serve")
    plugin = load_config(config_file=str(tmp_path / "mkdocs.yml")).plugins["forum"]
    assert isinstance(plugin, ForumPlugin)
    assert plugin.caches.pages.reused_last == 2  # a and b; c changed
    (tmp_path / "docs/threads/c.yml").write_text(thread_yaml("Thread c, renamed", related=["a.yml"]), encoding="utf-8")
    build_site(tmp_path, command="serve")
    assert plugin.caches.pages.reused_last == 1  # b; a shows c's new title among its backlinks


def test_two_sites_in_one_process_keep_apart(tmp_path: Path) -> None:
    same = thread_yaml("Same file in both", [{"author": "ann", "body": "Same text."}])
    write_site(tmp_path / "one", {"threads/a.yml": same, "members.yml": "ann:\n  role: Nurse\n"})
    write_site(tmp_path / "two", {"threads/a.yml": same, "members.yml": "ann:\n  role: Physio\n"})

    def role(site: Site) -> str:
        found = site.content("threads/a/").select_one(".forum-post__role")
        assert found is not None
        return found.get_text()

    roles = [role(build_site(tmp_path / name, command="serve")) for name in ("one", "two", "one", "two")]
    assert roles == ["Nurse", "Physio", "Nurse", "Physio"]


def test_pseudonyms_follow_names_learned_from_other_threads(tmp_path: Path) -> None:
    private = {"privacy": "pseudonymize", "privacy_secret": "s3cret"}
    files = {"threads/a.yml": thread_yaml("A", [{"author": "ann", "body": "Jo_K said hi."}])}
    write_site(tmp_path, files, private)

    def body(site: Site) -> str:
        return post_body(site).get_text().strip()

    before = body(build_site(tmp_path, command="serve"))
    # Another thread now shows that Jo_K is a member: A, unchanged, must hide the name.
    (tmp_path / "docs/threads/b.yml").write_text(thread_yaml("B", [{"author": "Jo_K", "body": "Hi."}]))
    after = body(build_site(tmp_path, command="serve"))
    assert before == "Jo_K said hi."
    assert after.startswith("Member ") and "Jo_K" not in after
