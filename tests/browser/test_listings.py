"""What a reader sees in the listings, in Chromium: names as written, links that open the right page.

Section pages, the forums overview and the members index are Markdown that the
site's own Markdown renders. A reader must see ``<3 Sam ~*~`` without
backslashes, and a click on a thread whose file is named ``a)b.yml`` or
``hash#tag.yml`` must open that thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser
from sitebuild import build_site, thread_yaml, write_site

from .conftest import Served
from .helpers import open_page, serve

NAMES = ["<3 Sam ~*~", "Back pain < 3 weeks", "a|b", "x_y_z_", "`tick` [br] \\ & *", "<b>not bold</b>"]
FILES = ["a)b", "hash#tag", "q?x", "pct%41", "sp ace", "semi;colon"]
EXTENSIONS: list[Any] = ["tables", "attr_list", "md_in_html", "pymdownx.tilde", "pymdownx.smartsymbols", "smarty"]


def _files() -> dict[str, str]:
    files = {"members.yml": yaml.safe_dump({name: {"role": f"role {name}"} for name in NAMES}, allow_unicode=True)}
    for i, name in enumerate(NAMES):
        files[f"threads/t{i}.yml"] = thread_yaml(f"T{i} {name}", [{"author": name, "body": "x"}], forum=f"S{i} {name}")
    for name in FILES:
        files[f"odd/{name}.yml"] = thread_yaml(f"Odd {name}", forum="Odd files")
    return files


@pytest.fixture(scope="module")
def listing_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("listing-site")
    write_site(root, _files(), markdown_extensions=EXTENSIONS)
    site = build_site(root)
    assert site.warnings() == []
    with serve(site.site_dir) as base:
        yield Served(root, base)


def _texts(browser: Browser, url: str, selector: str) -> list[str]:
    page = open_page(browser, url)
    try:
        return [str(t) for t in page.locator(selector).all_inner_texts()]
    finally:
        page.context.close()


def test_reader_sees_names_as_written(browser: Browser, listing_site: Served) -> None:
    sections = _texts(browser, listing_site.url("forums/"), "article li > strong > a")
    assert sorted(sections) == sorted(["Odd files", *(f"S{i} {name}" for i, name in enumerate(NAMES))])
    members = [
        " ".join(t.split()) for t in _texts(browser, listing_site.url("members/"), "article li .forum-members__who")
    ]
    for name in NAMES:
        assert f"{name} · role {name} · 1 post" in members
    parts = "article h1, .forum-listing__title, .forum-listing__starter > span:last-child, .forum-listing__replies"
    section = _texts(browser, listing_site.url("forums/s0-3-sam/"), parts)
    assert section == ["S0 <3 Sam ~*~", "T0 <3 Sam ~*~", "started by <3 Sam ~*~", "0 replies"]


@pytest.mark.parametrize("name", FILES)
def test_click_on_a_listed_thread_opens_it(browser: Browser, listing_site: Served, name: str) -> None:
    page = open_page(browser, listing_site.url("forums/odd-files/"))
    try:
        with page.expect_navigation():
            page.get_by_role("link", name=f"Odd {name}", exact=True).click()
        assert page.locator("article h1").inner_text() == f"Odd {name}"
    finally:
        page.context.close()


def test_tags_marker_on_the_configuration_page_is_copied_as_written(browser: Browser, example_site: Served) -> None:
    page = open_page(browser, example_site.url("reference/configuration/"))
    try:
        block = page.locator("pre:has(code:text-is('<!-- material/tags -->'))")
        assert block.count() == 1
        # Material's copy button copies the text of its code block, the marker as a tags page needs it.
        button = block.locator("button[data-md-type='copy']")
        assert button.count() == 1
        target = str(button.get_attribute("data-clipboard-target"))
        assert page.locator(target).inner_text() == "<!-- material/tags -->"
    finally:
        page.context.close()
