"""Content notes as a reader meets them in Chromium: the folded post opens from the keyboard,
announces itself as a disclosure, prints open, and axe-core finds nothing in it."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from .conftest import Served
from .helpers import open_page, run_axe

PAGE = "threads/when-pain-gets-you-down/"
FOLDED = "#post-3 details.forum-fold"


def test_folded_post_opens_from_the_keyboard(browser: Browser, example_site: Served) -> None:
    page = open_page(browser, example_site.url(PAGE))
    try:
        details = page.locator(FOLDED)
        words = details.locator(".forum-fold__content p").last
        expect(words).to_be_hidden()
        # Tab through the page as a keyboard user does, until the fold's summary has the focus.
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('#post-3 details.forum-fold > summary')"):
                break
        else:
            raise AssertionError("Tab never reached the folded post's summary")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "This post talks about feeling unable to go on"
        page.keyboard.press("Enter")
        expect(details).to_have_attribute("open", "")
        expect(words).to_be_visible()
        page.keyboard.press("Enter")  # and closes again
        expect(words).to_be_hidden()
    finally:
        page.context.close()


def test_folded_post_is_a_named_disclosure_for_screen_readers(browser: Browser, example_site: Served) -> None:
    page = open_page(browser, example_site.url(PAGE))
    try:
        snapshot = page.locator("#post-3").aria_snapshot()
        # Chromium exposes <summary> as a collapsed, named control.
        assert "This post talks about feeling unable to go on" in snapshot
        note = page.get_by_role("note", name="This thread talks about low mood")
        expect(note).to_be_visible()
    finally:
        page.context.close()


def test_folded_post_prints_open(browser: Browser, example_site: Served) -> None:
    page = open_page(browser, example_site.url(PAGE))
    try:
        page.emulate_media(media="print")
        expect(page.locator(FOLDED).locator(".forum-fold__content p").last).to_be_visible()
    finally:
        page.context.close()


def test_folded_post_is_axe_clean_closed_and_open(browser: Browser, example_site: Served, axe_js: Path) -> None:
    page = open_page(browser, example_site.url(PAGE))
    try:
        for state in ("closed", "open"):
            if state == "open":
                page.locator(f"{FOLDED} > summary").click()
                expect(page.locator(FOLDED)).to_have_attribute("open", "")
            ours = [
                f"{v['id']} on {n['target']}: {n['summary']}" for v in run_axe(page) for n in v["nodes"] if n["forum"]
            ]
            assert not ours, f"axe-core violations in the content notes ({state}):\n" + "\n".join(ours)
    finally:
        page.context.close()
