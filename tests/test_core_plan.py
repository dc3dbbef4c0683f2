"""The site plan (``plan/``), called directly: which pages the forum adds, at which addresses, and the clashes."""

from __future__ import annotations

import pytest
from core_helpers import thread_from

from mkdocs_forum_plugin.build_state import ForumSettings, ThreadFile, assemble
from mkdocs_forum_plugin.options import ForumOptions, read_options
from mkdocs_forum_plugin.plan import SitePlan, SiteShape, nav_paths, output_path, page_url, plan_site
from mkdocs_forum_plugin.render.options import RenderOptions


def thread(path: str, title: str = "T", author: str = "ann", forum: str | None = None) -> ThreadFile:
    section = f"forum: {forum}\n" if forum else ""
    text = f"title: {title}\n{section}posts:\n  - author: {author}\n    body: Hello.\n"
    return ThreadFile(path, path.rsplit(".", 1)[0] + ".md", thread=thread_from(text, path))


def plan(
    threads: list[ThreadFile],
    held: frozenset[str] = frozenset(),
    shape: SiteShape | None = None,
    **options: object,
) -> SitePlan:
    read, problems = read_options(options)
    assert problems == []
    state = assemble(threads, {}, ForumSettings())
    return plan_site(state, read, RenderOptions(), shape or SiteShape(), {src: src for src in held})


def kinds(result: SitePlan) -> dict[str, str]:
    return {p.src: p.kind for p in result.pages}


@pytest.mark.parametrize(
    ("src", "directory_urls", "path", "url"),
    [
        ("threads/a.md", True, "threads/a/index.html", "threads/a/"),
        ("threads/a.md", False, "threads/a.html", "threads/a.html"),
        ("index.md", True, "index.html", "./"),
        ("forums/README.md", True, "forums/index.html", "forums/"),
        ("feed.xml", True, "feed.xml", "feed.xml"),
        ("threads/a b#c.md", True, "threads/a b#c/index.html", "threads/a%20b%23c/"),
    ],
)
def test_addresses_follow_mkdocs_rules(src: str, directory_urls: bool, path: str, url: str) -> None:
    assert output_path(src, directory_urls) == path
    assert page_url(src, directory_urls) == url


def test_a_wiki_gets_thread_section_member_pages_indexes_and_assets() -> None:
    result = plan([thread("threads/a.yml", forum="Sleep"), thread("threads/b.yml", author="bo")])
    assert kinds(result) == {
        "threads/a.md": "thread",
        "threads/b.md": "thread",
        "forums/sleep.md": "section",
        "forums/general.md": "section",
        "forums/index.md": "forums",
        "members/ann.md": "member",
        "members/bo.md": "member",
        "members/index.md": "members",
        "assets/forum/forum.css": "asset",
        "assets/forum/tooltips.js": "asset",
        "assets/forum/thread.schema.json": "asset",
        "assets/forum/members.schema.json": "asset",
        "assets/forum/search-worker.js": "asset",
    }
    assert result.problems == []
    pages = result.by_src()
    assert pages["threads/a.md"].thread is not None and not pages["threads/a.md"].in_nav
    assert pages["members/ann.md"].activity is not None and not pages["members/ann.md"].in_nav
    assert pages["forums/sleep.md"].in_nav and pages["forums/index.md"].in_nav
    assert b"title:" in pages["threads/a.md"].content


def test_options_turn_pages_off() -> None:
    result = plan([thread("threads/a.yml")], sections=False, member_pages="off", search="material")
    assert kinds(result) == {
        "threads/a.md": "thread",
        "assets/forum/forum.css": "asset",
        "assets/forum/tooltips.js": "asset",
        "assets/forum/thread.schema.json": "asset",
        "assets/forum/members.schema.json": "asset",
    }


def test_feeds_need_a_site_address() -> None:
    assert "feed.xml" not in kinds(plan([thread("threads/a.yml")]))
    result = plan([thread("threads/a.yml", forum="Sleep")], shape=SiteShape("Wiki", "https://w.example/"))
    assert result.feeds == {None: "feed.xml", "Sleep": "forums/sleep/feed.xml"}
    feed = result.by_src()["feed.xml"].text
    assert "https://w.example/threads/a/" in feed


def test_a_file_of_docs_keeps_its_address_and_the_member_page_moves() -> None:
    result = plan([thread("threads/a.yml")], held=frozenset({"members/ann.md"}))
    assert "members/ann-2.md" in kinds(result)
    assert "members/ann.md" not in kinds(result)
    assert result.problems == [
        "'members/ann.md' has the address 'members/ann/' of the member page of 'ann', which is at"
        " 'members/ann-2/' instead; rename one of them"
    ]


def test_two_members_with_one_address_are_no_clash_to_report() -> None:
    result = plan([thread("threads/a.yml", author="Ann"), thread("threads/b.yml", author="ann")])
    assert {"members/ann.md", "members/ann-2.md"} <= set(kinds(result))
    assert result.problems == []


def test_an_index_page_on_a_taken_address_is_left_out() -> None:
    result = plan([thread("threads/a.yml")], held=frozenset({"forums/index.md"}))
    assert "forums/index.md" not in kinds(result)
    assert result.problems == [
        "'forums/index.md' has the address 'forums/', so the forums overview is left out; rename one of them"
    ]


def test_a_section_page_on_a_taken_address_moves() -> None:
    result = plan([thread("threads/a.yml", forum="Sleep")], held=frozenset({"forums/sleep.md"}))
    assert "forums/sleep-2.md" in kinds(result)
    assert result.problems == [
        "'forums/sleep.md' has the address 'forums/sleep/' of the section page of 'Sleep', which is at"
        " 'forums/sleep-2/' instead; rename one of them"
    ]


def test_a_wikis_own_nav_decides_which_generated_pages_are_listed() -> None:
    nav = frozenset(nav_paths([{"Forums": "forums/index.md"}, "guide.md"]))
    result = plan([thread("threads/a.yml", forum="Sleep")], shape=SiteShape(nav=nav))
    pages = result.by_src()
    assert pages["forums/index.md"].in_nav
    assert not pages["forums/sleep.md"].in_nav


def test_without_directory_urls_clashes_compare_html_files() -> None:
    # a.md and a/index.md are one address with directory URLs, two without.
    shape = SiteShape(directory_urls=False)
    result = plan([thread("threads/a.yml")], held=frozenset({"members/ann/index.md"}), shape=shape)
    assert "members/ann.md" in kinds(result)
    assert result.problems == []


def test_the_plan_fills_the_states_sections_and_member_pages() -> None:
    threads = [thread("threads/a.yml", forum="Sleep")]
    state = assemble(threads, {}, ForumSettings())
    plan_site(state, ForumOptions(), RenderOptions(), SiteShape(), {})
    assert state.sections == {"Sleep": "forums/sleep.md"}
    assert state.member_pages == {"ann": "members/ann.md"}
