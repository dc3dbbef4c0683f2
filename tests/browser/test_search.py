"""Search in Material's own search box, answered by the plugin's worker from the chunked index."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from sitebuild import build_site, thread_yaml, write_site

from .conftest import FORUM_PLUGIN, MEMBERS, THEME, Served
from .helpers import run_axe, serve

FILLER = "Walking every day helped me more than anything else, a little at a time."
POSTS = [
    {"author": "ann", "body": f"Since a flare-up I am scared to bend forward.\n\n{FILLER}"},
    {"author": "bob", "body": f"You are not alone.\n\n{FILLER}"},
    {"author": "Dr Mira", "body": f"Many people regain confidence with a graded quokkastep routine.\n\n{FILLER}"},
    *({"author": f"member{n}", "body": f"Post {n}. {FILLER}"} for n in range(4, 12)),
]
FILES = {
    "members.yml": MEMBERS,
    "threads/bend.yml": thread_yaml("Scared to bend after a flare-up", POSTS, forum="Ask a Therapist"),
    "threads/garden.yml": thread_yaml("Back to the garden", [{"author": "ann", "body": f"Gardening. {FILLER}"}]),
    "threads/hostile.yml": thread_yaml(
        "<img src=x onerror=window.pwned=1> hostile",
        [{"author": "<img src=x onerror=window.pwned=1>", "body": "The hostile jabberwock post."}],
        tags=["<img src=x onerror=window.pwned=1>"],
    ),
    "guide.md": "# Editing guide\n\nHow this wiki is kept.\n\n## Moderation\n\nThe xylographic rules of the wiki.\n",
}


def _site(
    tmp_path_factory: pytest.TempPathFactory, name: str, sub_path: str = "", search: str = "chunked"
) -> Iterator[Served]:
    root = tmp_path_factory.mktemp(name)
    site_url = f"https://wiki.example.org/{sub_path}"
    plugin = {**FORUM_PLUGIN, "search": search}
    write_site(root, FILES, plugin=plugin, site_url=site_url, site_dir=f"www/{sub_path}", theme=THEME)
    build_site(root)
    with serve(root / "www") as base:
        yield Served(root, base + sub_path)


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _site(tmp_path_factory, "search-site")


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _site(tmp_path_factory, "search-sub-path", "wiki/")


@pytest.fixture(scope="module")
def material_search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _site(tmp_path_factory, "material-search", search="material")


def search(page: Page, site: Served, path: str, query: str, worker: str = "forum") -> Locator:
    """Open a page, type the query into Material's search box; the list of results."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site.url(path))
    page.locator(".md-search__input").press_sequentially(query)
    results = page.locator(".md-search-result__list")
    expect(results.locator(".md-search-result__item").first).to_be_visible()
    material_worker = any("workers/search." in url for url in fetched)
    assert material_worker == (worker == "material"), "the search worker of the site's choice starts"
    return results


def test_a_word_of_one_post_finds_that_post_first(page: Page, search_site: Served) -> None:
    results = search(page, search_site, "threads/garden/", "quokkastep")
    first = results.locator(".md-search-result__item").first
    post = first.locator("a.md-search-result__link", has_text="Dr Mira")
    expect(post).to_have_attribute("href", re.compile(r"/threads/bend/#post-3$"))
    expect(first.locator("h1")).to_have_text("Scared to bend after a flare-up")
    expect(post.locator("h2")).to_have_text("Dr Mira · Therapist answer")
    expect(post.locator("mark")).to_have_text("quokkastep")
    expect(post).not_to_contain_text(re.compile(r"post 3", re.IGNORECASE))  # the words, not the heading's number
    expect(results.locator(".md-search-result__item")).to_have_count(1)


def test_the_result_opens_the_post(page: Page, search_site: Served) -> None:
    search(page, search_site, "", "quokkastep")
    page.locator(".md-search__input").press("Enter")
    page.wait_for_url(re.compile(r"/threads/bend/#post-3$"))


def test_a_wiki_page_is_found(page: Page, search_site: Served) -> None:
    results = search(page, search_site, "threads/bend/", "xylographic")
    first = results.locator(".md-search-result__item").first
    expect(first.locator("h1")).to_have_text("Editing guide")
    section = first.locator("a.md-search-result__link", has_text="Moderation")
    expect(section).to_have_attribute("href", re.compile(r"/guide/#moderation$"))


def test_results_come_while_typing(page: Page, search_site: Served) -> None:
    results = search(page, search_site, "", "quokk")
    expect(results.locator("a.md-search-result__link[href$='#post-3']")).to_have_count(1)


def test_hostile_titles_and_names_stay_text(page: Page, search_site: Served) -> None:
    results = search(page, search_site, "", "jabberwock")
    first = results.locator(".md-search-result__item").first
    expect(first.locator("h1")).to_have_text("<img src=x onerror=window.pwned=1> hostile")
    expect(first.locator("img")).to_have_count(0)
    assert page.evaluate("window.pwned") is None


def test_search_under_a_sub_path(page: Page, sub_path_site: Served) -> None:
    assert sub_path_site.url().endswith("/wiki/")
    results = search(page, sub_path_site, "threads/bend/", "quokkastep")
    post = results.locator(".md-search-result__item").first.locator("a.md-search-result__link", has_text="Dr Mira")
    expect(post).to_have_attribute("href", re.compile(r"/wiki/threads/bend/#post-3$"))


def test_the_site_is_built_with_the_sub_path(sub_path_site: Served) -> None:
    assert (Path(sub_path_site.root) / "www" / "wiki" / "search" / "forum").is_dir()


def _theme_search_files(site: Served) -> list[str]:
    scripts = Path(site.root) / "www" / "assets" / "javascripts"
    found = [*scripts.glob("workers/search.*"), *scripts.glob("lunr/**/*")]
    return sorted(path.relative_to(scripts).as_posix() for path in found if path.is_file())


def test_materials_worker_files_are_left_out_and_never_asked_for(
    page: Page, search_site: Served, material_search_site: Served
) -> None:
    failed: list[str] = []
    asked: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.on("request", lambda request: asked.append(request.url))
    results = search(page, search_site, "threads/garden/", "quokkastep")
    expect(results.locator("a.md-search-result__link[href$='#post-3']")).to_have_count(1)
    assert failed == []
    assert not [url for url in asked if "/javascripts/workers/" in url or "/javascripts/lunr/" in url]
    assert _theme_search_files(search_site) == []
    kept = _theme_search_files(material_search_site)  # search: material keeps every one of them
    assert any(name.startswith("workers/search.") for name in kept) and "lunr/tinyseg.js" in kept


def _axe_findings(page: Page) -> set[tuple[str, str]]:
    # Typing renders results for each prefix of the query: let the list stop changing first.
    page.wait_for_function(
        """() => new Promise(done => {
             const html = () => document.querySelector('.md-search-result').innerHTML;
             const before = html();
             setTimeout(() => done(html() === before), 400);
           })"""
    )
    return {(v["id"], re.sub(r":nth-child\(\d+\)", "", n["target"])) for v in run_axe(page) for n in v["nodes"]}


def test_results_are_as_accessible_as_materials_own(
    page: Page, search_site: Served, material_search_site: Served, axe_js: Path
) -> None:
    search(page, material_search_site, "guide/", "quokkastep", worker="material")
    material = _axe_findings(page)
    page.goto("about:blank")
    search(page, search_site, "guide/", "quokkastep")
    assert _axe_findings(page) <= material  # the same Material markup, so the same findings
