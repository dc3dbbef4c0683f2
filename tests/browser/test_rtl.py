"""Right-to-left pages: with an Arabic or Hebrew theme.language, Material sets dir="rtl" and the forum mirrors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from .conftest import FORUM_PLUGIN, THEME, Served, _build_and_serve, forum_site_files
from .helpers import DESKTOP, PHONE, open_page, run_axe, scheme

SCHEMES = {"light": False, "dark": True}
VIEWPORTS: dict[str, ViewportSize] = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="session")
def rtl_ar(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The main browser-test site, built in Arabic."""
    theme = {**THEME, "language": "ar"}
    yield from _build_and_serve(tmp_path_factory, "rtl-ar", forum_site_files(), plugin=FORUM_PLUGIN, theme=theme)


@pytest.fixture(scope="session")
def rtl_he(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The main browser-test site, built in Hebrew."""
    theme = {**THEME, "language": "he"}
    yield from _build_and_serve(tmp_path_factory, "rtl-he", forum_site_files(), plugin=FORUM_PLUGIN, theme=theme)


@pytest.fixture
def rtl_sites(rtl_ar: Served, rtl_he: Served) -> dict[str, Served]:
    """Both right-to-left sites by language code."""
    return {"ar": rtl_ar, "he": rtl_he}


def _open(browser: Browser, site: Served, path: str, dark: bool, viewport: ViewportSize) -> Page:
    page = open_page(browser, site.url(path), dark=dark, viewport=viewport)
    assert scheme(page) == ("slate" if dark else "default")
    assert page.evaluate("document.body.dir") == "rtl"  # Material sets it on <body>
    return page


# Elements of the content that reach past either edge of the viewport (code blocks and
# tables scroll inside themselves, as on left-to-right pages).
OVERFLOW_JS = """() => ({
  scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  wide: [...document.querySelectorAll('article.md-content__inner *')]
    .filter(e => { const r = e.getBoundingClientRect();
                   return (r.right > window.innerWidth + 0.5 || r.left < -0.5)
                          && !e.closest('pre, .md-typeset__scrollwrap, table, .forum-visually-hidden'); })
    .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')).slice(0, 10)})"""


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("thread", ["long", "wide"])
def test_rtl_thread_does_not_overflow(
    browser: Browser, rtl_sites: dict[str, Served], thread: str, size: str, name: str
) -> None:
    page = _open(browser, rtl_sites["ar"], f"threads/{thread}/", SCHEMES[name], VIEWPORTS[size])
    try:
        widths = page.evaluate(OVERFLOW_JS)
        assert widths["scroll"] <= widths["inner"], f"page scrolls sideways: {widths}"
        assert not widths["wide"], f"elements stick out of the viewport: {widths['wide']}"
    finally:
        page.context.close()


SIDES_JS = """(selector) => {
  const e = document.querySelector(selector);
  const s = getComputedStyle(e);
  return {right: parseFloat(s.borderRightWidth), left: parseFloat(s.borderLeftWidth),
          headingRight: e.querySelector('h2').getBoundingClientRect().right,
          initials: getComputedStyle(e, '::before').width,
          boxRight: e.getBoundingClientRect().right};
}"""


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize("size", VIEWPORTS)
def test_rtl_expert_frame_is_thick_on_the_right(
    browser: Browser, rtl_sites: dict[str, Served], size: str, name: str
) -> None:
    page = _open(browser, rtl_sites["ar"], "threads/long/", SCHEMES[name], VIEWPORTS[size])
    try:
        expert = page.evaluate(SIDES_JS, ".forum-post--expert")
        assert expert["right"] > expert["left"] >= 1, f"the expert frame's thick side is not the start: {expert}"
        member = page.evaluate(SIDES_JS, ".forum-post:not(.forum-post--expert)")
        assert member["right"] > 0 and member["left"] == 0, f"a member post's rule is not at the start: {member}"
        # The avatar's column is the start (right) of the post, as it is the left in English: the
        # name starts after the initials (2.4rem wide) and the gap.
        assert member["initials"] == "48px" and member["boxRight"] - member["headingRight"] > 48 + 12, member
        summary = page.evaluate("getComputedStyle(document.querySelector('.forum-expert-summary')).borderRightWidth")
        assert float(summary.removesuffix("px")) > 0
    finally:
        page.context.close()


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize(
    ("language", "path"), [("ar", "threads/long/"), ("he", "threads/long/"), ("ar", "forums/ask-a-therapist/")]
)
def test_rtl_pages_have_no_violations_in_forum_markup(
    browser: Browser, rtl_sites: dict[str, Served], axe_js: Path, language: str, path: str, size: str, name: str
) -> None:
    page = _open(browser, rtl_sites[language], path, SCHEMES[name], VIEWPORTS[size])
    try:
        found: list[dict[str, Any]] = run_axe(page)
    finally:
        page.context.close()
    ours = [
        f"{v['id']} ({v['impact']}) on {node['target']}: {v['help']}\n    {node['summary']}"
        for v in found
        for node in v["nodes"]
        if node["forum"]
    ]
    assert not ours, f"axe-core violations in the plugin's markup on /{path} ({language}, {name}):\n" + "\n".join(ours)
