"""Build-time help for wikis that replace a forum: old links, redirects, pseudonyms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from mkdocs.exceptions import Abort
from sitebuild import BuildFn, one, text_of, thread_yaml

OLD = "https://forum.example.org/threads/tension.123/"


def test_body_link_to_old_forum_thread_points_to_its_page(make_site: BuildFn) -> None:
    body = f"See [the old thread]({OLD}) and [page two]({OLD}page-2) and [elsewhere](https://example.org/)."
    files = {
        "threads/a.yml": thread_yaml("A", [{"author": "a", "body": body}]),
        "threads/b.yml": thread_yaml("Tension", source=OLD),
    }
    links = make_site(files).content("threads/a/").select(".forum-post > div a")
    assert [a["href"] for a in links] == ["../b/", "../b/", "https://example.org/"]


def test_redirects_from_old_forum_paths(make_site: BuildFn) -> None:
    files = {"threads/b.yml": thread_yaml("Tension", source=OLD)}
    site = make_site(files, plugin={"redirects": True})
    page = site.html("threads/tension.123/")
    refresh = one(page, 'meta[http-equiv="refresh"]')
    assert refresh["content"] == "0; url=../b/"
    assert one(page, 'link[rel="canonical"]')["href"] == "../b/"


def test_redirect_to_a_php_address(make_site: BuildFn) -> None:
    files = {"b.yml": thread_yaml("Old", source="https://forum.example.org/showthread.php?t=5")}
    site = make_site(files, plugin={"redirects": True})
    assert one(site.html("showthread.php"), 'meta[http-equiv="refresh"]')["content"] == "0; url=b/"


def test_no_redirects_by_default(make_site: BuildFn) -> None:
    site = make_site({"threads/b.yml": thread_yaml("Tension", source=OLD)})
    assert not (site.site_dir / "threads/tension.123").exists()


def test_redirect_never_replaces_a_wiki_page(make_site: BuildFn) -> None:
    thread = thread_yaml("Tension", source="https://forum.example.org/about/")
    files = {"threads/b.yml": thread, "about.md": "# About\n"}
    site = make_site(files, plugin={"redirects": True})
    assert text_of(site.content("about/").h1, strip=True) == "About"
    assert any("no redirect from 'https://forum.example.org/about/'" in w for w in site.warnings())


POSTS: list[dict[str, Any]] = [
    {"author": "sam", "likes": ["kim"], "body": "My back hurts, @kim knows."},
    {"author": "Dr Ana", "role": "Therapist", "body": '[quote="sam, post:1"]My back hurts[/quote] It will pass.'},
    {"author": "kim", "body": '[quote="Dr Ana, post:2"]It will pass.[/quote] Thanks @sam!'},
]
PRIVATE = {"experts": ["Therapist"], "privacy": "pseudonymize", "privacy_secret": "s3cret"}


def author_names(page: Tag) -> list[str]:
    """The name each post's author heading shows first."""
    names = []
    for heading in page.select(".forum-post > h2"):
        name = heading.find(string=True)
        assert name is not None, f"no name in {heading}"
        names.append(str(name))
    return names


def test_pseudonymize_replaces_every_member_name(make_site: BuildFn) -> None:
    site = make_site({"t.yml": thread_yaml("T", POSTS)}, plugin=PRIVATE)
    page = site.html("t/")
    text = page.get_text(" ")
    assert "sam" not in text and "kim" not in text
    authors = author_names(page)
    assert authors[0].startswith("Member ") and authors[2].startswith("Member ")
    assert authors[1] == "Dr Ana"  # experts stay public
    likes = one(page, "#post-1 .forum-post__likes").get_text()
    assert likes == f"{authors[2]} likes this"
    attribution = one(page, "#post-2 .forum-quote > p:first-child > a").get_text()
    assert attribution == f"{authors[0]} wrote:"
    assert f"@{authors[2]}" in one(page, "#post-1 > div").get_text()
    assert not (site.site_dir / "members/sam").exists()


def test_pseudonyms_are_stable_across_builds(make_site: BuildFn, tmp_path: Path) -> None:
    first = make_site({"t.yml": thread_yaml("T", POSTS)}, plugin=PRIVATE).html("t/")
    second = make_site({"t.yml": thread_yaml("T", POSTS)}, plugin=PRIVATE).html("t/")
    names = [author_names(page) for page in (first, second)]
    assert names[0] == names[1]


def test_pseudonymize_leaves_thread_files_alone(make_site: BuildFn, tmp_path: Path) -> None:
    text = thread_yaml("T", POSTS)
    make_site({"t.yml": text}, plugin=PRIVATE)
    assert (tmp_path / "docs/t.yml").read_text(encoding="utf-8") == text


def test_public_members_keep_their_names(make_site: BuildFn) -> None:
    site = make_site({"t.yml": thread_yaml("T", POSTS)}, plugin={**PRIVATE, "public_members": ["kim"]})
    authors = author_names(site.html("t/"))
    assert authors[2] == "kim" and authors[1].startswith("Member ")


def test_pseudonymize_needs_a_secret(make_site: BuildFn, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(Abort):
        make_site({"t.yml": thread_yaml()}, plugin={"privacy": "pseudonymize"})
    assert "privacy: pseudonymize needs a privacy_secret" in caplog.text
