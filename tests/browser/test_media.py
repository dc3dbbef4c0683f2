"""Pictures and attachments as a reader's browser gets them: no request to another host, nothing wider than a phone.

Two builds of the same wiki (``tests/media_site.py``): one with ``remote_images:
block``, one with ``allow`` as the control that shows the request log does see the
other host. The site is served on 127.0.0.1; the other host is a second loopback
server on 127.0.0.2 that records every request it gets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from media_site import MediaWiki, PictureHost, picture_host, png_file, write_media_wiki
from playwright.sync_api import Browser, BrowserContext, Page, Route
from sitebuild import build_site

from .helpers import LOCAL, PHONE, serve

PICTURE = "/stretch.png"


@dataclass
class MediaSite:
    """A built media wiki, where it is served, and the other host its remote picture lives on."""

    base: str
    wiki: MediaWiki
    host: PictureHost

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="module")
def other_host() -> Iterator[PictureHost]:
    with picture_host({PICTURE: png_file(120, 80, (250, 0, 0))}) as host:
        yield host


def _media_site(tmp_path_factory: pytest.TempPathFactory, host: PictureHost, policy: str) -> Iterator[MediaSite]:
    root = tmp_path_factory.mktemp(f"media-{policy}")
    # Material's own web fonts come from Google: switched off, so that the only other host is ours.
    theme = {"name": "material", "font": False}
    wiki = write_media_wiki(root, host.base.rstrip("/") + PICTURE, plugin={"remote_images": policy}, theme=theme)
    site = build_site(root)
    with serve(site.site_dir) as base:
        yield MediaSite(base, wiki, host)


@pytest.fixture(scope="module")
def blocking_site(tmp_path_factory: pytest.TempPathFactory, other_host: PictureHost) -> Iterator[MediaSite]:
    yield from _media_site(tmp_path_factory, other_host, "block")


@pytest.fixture(scope="module")
def allowing_site(tmp_path_factory: pytest.TempPathFactory, other_host: PictureHost) -> Iterator[MediaSite]:
    yield from _media_site(tmp_path_factory, other_host, "allow")


def phone(browser: Browser, site: MediaSite) -> BrowserContext:
    """A phone-sized context that lets through the site and the other host, and nothing else."""
    context = browser.new_context(viewport=PHONE)
    allowed = (*LOCAL, site.host.base)

    def route(route: Route) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    return context


def read_whole_thread(page: Page, url: str) -> list[str]:
    """Open the thread, scroll to its end (so every lazy picture loads), and return every address requested."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # a lazy picture starts loading once it nears the viewport
    page.wait_for_load_state("networkidle")
    return requested


def test_allow_lets_the_browser_ask_the_other_host(browser: Browser, allowing_site: MediaSite) -> None:
    """The control: the request log and the other host's own log both see the remote picture."""
    before = len(allowing_site.host.requests)
    context = phone(browser, allowing_site)
    try:
        requested = read_whole_thread(context.new_page(), allowing_site.url("threads/desk/"))
    finally:
        context.close()
    assert allowing_site.host.base + PICTURE.lstrip("/") in requested
    assert allowing_site.host.requests[before:] == [PICTURE]


def test_block_makes_no_request_to_another_host(browser: Browser, blocking_site: MediaSite) -> None:
    before = len(blocking_site.host.requests)
    context = phone(browser, blocking_site)
    try:
        page = context.new_page()
        requested = read_whole_thread(page, blocking_site.url("threads/desk/"))
        link = page.locator("a.forum-remote-picture")
        assert link.inner_text() == "a stretch"
        loaded = page.eval_on_selector_all(
            ".forum-post > div img", "imgs => imgs.map(i => [i.alt, i.complete && i.naturalWidth > 0])"
        )
    finally:
        context.close()
    assert [url for url in requested if not url.startswith(LOCAL)] == []
    assert blocking_site.host.requests[before:] == []
    # The stored pictures did load: the log is not empty because nothing was shown.
    assert sorted(loaded) == [["the chair", True], ["the desk, from the side", True], ["the mat", True]]


def test_no_picture_is_wider_than_a_phone(browser: Browser, blocking_site: MediaSite) -> None:
    context = phone(browser, blocking_site)
    try:
        page = context.new_page()
        read_whole_thread(page, blocking_site.url("threads/desk/"))
        boxes = page.eval_on_selector_all(
            ".forum-post > div img",
            """imgs => imgs.map(i => { const r = i.getBoundingClientRect();
                 return {alt: i.alt, left: r.left, right: r.right, width: r.width, height: r.height}; })""",
        )
        page_width = page.evaluate("document.documentElement.clientWidth")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert page_width == PHONE["width"]
    assert scroll_width <= page_width  # nothing makes the page scroll sideways
    wide = next(box for box in boxes if box["alt"] == "the desk, from the side")
    assert wide["width"] < 1600  # shrunk to the column ...
    assert wide["height"] == pytest.approx(wide["width"] * 900 / 1600, abs=1)  # ... keeping its shape
    for box in boxes:
        assert box["left"] >= 0 and box["right"] <= page_width, box


def test_lazy_pictures_reserve_their_room_before_they_load(browser: Browser, blocking_site: MediaSite) -> None:
    """With every picture's download held back, each still takes its own shape: the page will not jump."""
    context = phone(browser, blocking_site)
    held: list[Route] = []  # answered never: the pictures stay loading while they are measured

    def hold(route: Route) -> None:
        held.append(route)

    context.route("**/media/**", hold)
    try:
        page = context.new_page()
        page.goto(blocking_site.url("threads/desk/"))
        page.wait_for_load_state("load")
        found = page.eval_on_selector_all(
            ".forum-post > div img",
            """imgs => imgs.map(i => ({alt: i.alt, loading: i.loading, decoding: i.decoding,
                 width: i.getAttribute('width'), height: i.getAttribute('height'), loaded: i.naturalWidth,
                 box: [i.getBoundingClientRect().width, i.getBoundingClientRect().height]}))""",
        )
    finally:
        context.close()
    assert len(found) == 3 and held
    for picture in found:
        assert (picture["loading"], picture["decoding"], picture["loaded"]) == ("lazy", "async", 0), picture
        assert picture["width"] and picture["height"], picture
        width, height = int(picture["width"]), int(picture["height"])
        shown_width, shown_height = picture["box"]
        assert shown_width > 0 and shown_height == pytest.approx(shown_width * height / width, abs=1), picture


def test_a_thumbnail_opens_its_full_picture(browser: Browser, blocking_site: MediaSite) -> None:
    context = phone(browser, blocking_site)
    try:
        page = context.new_page()
        page.goto(blocking_site.url("threads/desk/"))
        with page.expect_navigation():
            page.locator('img[alt="the chair"]').click()
        assert page.url == blocking_site.url(blocking_site.wiki.wide)
        size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
    finally:
        context.close()
    assert size == [1600, 900]
