"""The restyling recipes of docs/reference/customizing.md work as written, in both schemes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .conftest import FORUM_PLUGIN, THEME, Served, _build_and_serve, forum_site_files
from .helpers import colours, open_page, scheme

DOC = Path(__file__).resolve().parents[2] / "docs" / "reference" / "customizing.md"


def documented_css() -> list[str]:
    """The CSS examples of the customizing page, in order."""
    return re.findall(r"```css\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def declared(css: str, selector: str, prop: str) -> str:
    block = re.search(re.escape(selector) + r"\s*\{(.*?)\}", css, flags=re.DOTALL)
    assert block is not None, f"no {selector} rule in the documented CSS"
    value = re.search(re.escape(prop) + r":\s*([^;]+);", block.group(1))
    assert value is not None, f"no {prop} in {selector}"
    return value.group(1).strip()


def rgb(hex_colour: str) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]


@pytest.fixture(scope="module")
def restyled_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The test wiki with the page's first example as the wiki's own stylesheet, listed alone."""
    files = {**forum_site_files(), "stylesheets/wiki.css": documented_css()[0]}
    yield from _build_and_serve(
        tmp_path_factory,
        "restyled-site",
        files,
        plugin=FORUM_PLUGIN,
        theme=THEME,
        extra_css=["stylesheets/wiki.css"],
    )


@pytest.mark.parametrize(
    ("dark", "selector"), [(False, '[data-md-color-scheme="default"]'), (True, '[data-md-color-scheme="slate"]')]
)
def test_documented_memorial_colours_apply(browser: Browser, restyled_site: Served, dark: bool, selector: str) -> None:
    css = documented_css()[0]
    page = open_page(browser, restyled_site.url("threads/long/"), dark=dark)
    try:
        assert scheme(page) == ("slate" if dark else "default")
        badge = colours(page, ".forum-post__memorial")
        assert [round(v) for v in badge["fg"][:3]] == rgb(declared(css, selector, "--forum-memorial-color"))
        assert [round(v) for v in badge["bg"][:3]] == rgb(declared(css, selector, "--forum-memorial-bg"))
    finally:
        page.context.close()
