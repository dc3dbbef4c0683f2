"""Section pages and member pages as a reader sees them, at 375 and 1280 px, in both schemes (issue 24).

axe-core runs on the same pages in ``test_a11y.py`` (the section page at desktop width,
the example wiki's section page and members index on a phone).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from mkdocs_forum_plugin.render.members import EXCERPTS

from .conftest import Served
from .helpers import PHONE, open_page

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
SCHEMES = {"light": False, "dark": True}
PAGES = [
    "forums/ask-a-therapist/",
    "forums/success-stories/",
    "members/",
    "members/therapistmira/",
    "forums/",
    "threads/fear-of-bending/",
]

OVERFLOW_JS = """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    wide: [...document.querySelectorAll('article.md-content__inner *')]
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                   && !e.closest('pre, .md-typeset__scrollwrap'))
      .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')).slice(0, 10)})"""

# Each date, badge and flair on one line: no "1 / March 2023" on a phone.
BROKEN_JS = """() => [...document.querySelectorAll(
      'article time, article .forum-post__expert-label, article .forum-post__memorial, .forum-expert-summary a')]
    .filter(e => e.getClientRects().length > 1).map(e => e.textContent)"""


def opened(browser: Browser, site: Served, path: str, viewport: str, scheme: str) -> Page:
    return open_page(browser, site.url(path), dark=SCHEMES[scheme], viewport=VIEWPORTS[viewport])


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_listings_fit_the_screen(browser: Browser, example_site: Served, path: str, viewport: str, scheme: str) -> None:
    page = opened(browser, example_site, path, viewport, scheme)
    try:
        widths: dict[str, Any] = page.evaluate(OVERFLOW_JS)
        assert widths["scroll"] <= widths["inner"], f"/{path} scrolls sideways: {widths}"
        assert not widths["wide"], f"elements stick out of the viewport on /{path}: {widths['wide']}"
        assert page.evaluate(BROKEN_JS) == [], f"split across lines on /{path}"
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_section_rows_are_newest_activity_first_and_link_members(
    browser: Browser, example_site: Served, viewport: str
) -> None:
    page = opened(browser, example_site, "forums/ask-a-therapist/", viewport, "light")
    try:
        rows = page.locator("ol.forum-listing > li.forum-listing__row")
        assert rows.count() >= 2
        stamps = [
            rows.nth(i).locator(".forum-listing__last time").get_attribute("datetime") for i in range(rows.count())
        ]
        assert all(stamps) and stamps == sorted(stamps, reverse=True)  # type: ignore[type-var]
        # Every row shows the same parts where a reader looks for them, as cards or as columns.
        tops = []
        for i in range(rows.count()):
            row = rows.nth(i)
            for part in (".forum-listing__title", ".forum-listing__starter", ".forum-listing__replies"):
                assert row.locator(part).is_visible()
            tops.append(row.bounding_box()["y"])  # type: ignore[index]
        assert tops == sorted(tops)
        starter = rows.first.locator(".forum-listing__starter a")
        href = starter.get_attribute("href")
        assert href and "members/" in href
        starter.click()
        page.wait_for_load_state()
        assert "/members/" in page.url
        assert page.locator("h1").inner_text() == page.locator(".forum-member__card").evaluate(
            "card => card.previousElementSibling.textContent"
        )
    finally:
        page.context.close()


def test_columns_on_a_wide_screen_cards_on_a_phone(browser: Browser, example_site: Served) -> None:
    lefts = {}
    for viewport in VIEWPORTS:
        page = opened(browser, example_site, "forums/ask-a-therapist/", viewport, "light")
        try:
            row = page.locator("li.forum-listing__row").first
            title = row.locator(".forum-listing__title").bounding_box()
            starter = row.locator(".forum-listing__starter").bounding_box()
            assert title and starter
            lefts[viewport] = (title["x"], starter["x"], title["y"], starter["y"])
        finally:
            page.context.close()
    title_x, starter_x, title_y, starter_y = lefts["desktop"]
    assert starter_x > title_x + 100 and abs(starter_y - title_y) < 20  # beside the title: a column
    title_x, starter_x, title_y, starter_y = lefts["phone"]
    assert abs(starter_x - title_x) < 5 and starter_y > title_y  # below the title: a card


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_member_page_rows_lead_to_posts_and_only_the_newest_show_words(
    browser: Browser, example_site: Served, viewport: str
) -> None:
    page = opened(browser, example_site, "members/therapistmira/", viewport, "light")
    try:
        rows = page.locator("ul.forum-member__posts > li")
        assert rows.count() >= 2
        for i in range(rows.count()):
            title = rows.nth(i).locator("a").first
            assert title.is_visible() and "#post-" in (title.get_attribute("href") or "")
        excerpts = page.locator("ul.forum-member__posts > li > .forum-member__excerpt")
        assert 1 <= excerpts.count() <= min(EXCERPTS, rows.count())
        first = rows.first.locator("a").first
        box, words = first.bounding_box(), rows.first.locator(".forum-member__excerpt").bounding_box()
        assert box and words and words["y"] >= box["y"] + box["height"] - 1  # under the title, not beside it
        sizes = rows.first.evaluate("li => [li.firstElementChild, li].map(e => getComputedStyle(e).fontSize)")
        sizes = [float(size.removesuffix("px")) for size in sizes]
        assert sizes[0] > sizes[1]  # the title at the text's size, number and date smaller
        first.click()
        page.wait_for_load_state()
        assert "/threads/" in page.url and "#post-" in page.url
    finally:
        page.context.close()
