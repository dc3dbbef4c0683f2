"""What a reader can do: follow quotes, open the disclaimer, move between related threads."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from .conftest import DISCLAIMER_TEXT, Served

IN_VIEWPORT_JS = """e => { const r = e.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth; }"""


def in_viewport(locator: Locator) -> bool:
    return bool(locator.evaluate(IN_VIEWPORT_JS))


def test_quote_attribution_scrolls_to_the_quoted_post(page: Page, forum_site: Served) -> None:
    page.goto(forum_site.url("threads/long/"))
    quote = page.locator("#post-14 blockquote.forum-quote")
    source = quote.locator(":scope > p:first-child > a")
    target = page.locator("#post-1")
    source.scroll_into_view_if_needed()
    assert quote.is_visible()
    assert source.inner_text() == "ann wrote:"
    assert source.get_attribute("href") == "#post-1"
    assert quote.inner_text().endswith("I pick up even a sock with my knees bent")
    assert not in_viewport(target), "the quoted post must start off-screen for this test to mean anything"

    source.click()
    page.wait_for_url("**/threads/long/#post-1")
    page.wait_for_function(f"() => ({IN_VIEWPORT_JS})(document.getElementById('post-1'))", timeout=5_000)
    assert in_viewport(target.locator(":scope > h2"))


def test_disclaimer_shows_where_configured(page: Page, forum_site: Served) -> None:
    page.goto(forum_site.url("threads/long/"))
    notice = page.locator(".forum-disclaimer")
    assert notice.count() == 1
    # placement: first-expert: right after the therapist's answer, always open.
    assert page.locator("#post-3 + .forum-disclaimer").count() == 1
    notice.scroll_into_view_if_needed()
    assert notice.is_visible()
    assert notice.locator(".admonition-title").inner_text() == "Please read"
    assert page.get_by_text(DISCLAIMER_TEXT).is_visible()
    # threads: with-expert: a thread with no expert answer has none.
    page.goto(forum_site.url("threads/short/"))
    assert page.locator("h1").inner_text() == "Back to the garden"
    assert page.locator(".forum-disclaimer").count() == 0


def test_collapsible_disclaimer_opens_and_closes(page: Page, collapsible_site: Served) -> None:
    page.goto(collapsible_site.url("threads/bath/"))
    notice = page.locator("details.forum-disclaimer")
    summary = notice.locator("summary")
    text = page.get_by_text(DISCLAIMER_TEXT)
    assert notice.count() == 1
    assert summary.is_visible()
    assert summary.inner_text().strip() == "Please read"

    def is_open() -> bool:
        return bool(notice.evaluate("d => d.open"))

    assert not is_open()
    assert not text.is_visible()
    summary.click()
    assert is_open()
    text.wait_for(state="visible", timeout=2_000)
    summary.click()
    assert not is_open()
    text.wait_for(state="hidden", timeout=2_000)


def follow(page: Page, link: Locator) -> str:
    """Click a link; assert the new page loaded with 200; return its h1."""
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response is not None and response.status == 200, f"{page.url}: {response and response.status}"
    return page.locator("article.md-content__inner h1").first.inner_text()


def test_related_links_and_backlinks_reach_real_pages(page: Page, forum_site: Served) -> None:
    kinds: set[str] = set()
    for start in ("threads/long/", "threads/short/"):
        page.goto(forum_site.url(start))
        items = page.locator("nav.forum-related li")
        count = items.count()
        assert count, f"{start} has no related threads"
        for i in range(count):
            page.goto(forum_site.url(start))
            item = items.nth(i)
            note = item.locator("small")
            kinds.add(note.inner_text() if note.count() else "listed")
            link = item.locator("a")
            title = link.inner_text()
            assert follow(page, link) == title
    assert {"listed", "(links here)"} <= kinds


def test_a_page_with_feeds_does_not_download_the_sitemap(page: Page, example_site: Served) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(example_site.url("threads/fear-of-bending/"))
    page.wait_for_load_state("networkidle")
    assert page.locator('link[type="application/atom+xml"]').count() >= 1  # the wiki has feeds
    assert [url for url in fetched if url.endswith("sitemap.xml")] == []


# A palette a reader chose while the site still had a toggle: Material's palette script,
# left on a page without one, would apply it (or, for a choice that follows the system's
# scheme, fail on it: "input" is null).
STORED_PALETTE = """localStorage.setItem("/.__palette", JSON.stringify({index: 1, color:
  {media: "", scheme: "slate", primary: "indigo", accent: "indigo"}}))"""


def test_a_page_without_a_palette_runs_no_idle_script(page: Page, unpainted_site: Served) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(STORED_PALETTE)
    page.goto(unpainted_site.url("threads/long/#post-14"))
    page.wait_for_function(f"() => ({IN_VIEWPORT_JS})(document.getElementById('post-14'))", timeout=5_000)
    assert page.evaluate("document.querySelectorAll('script:not([src]):not([type])').length") == 1  # __md_get's
    assert page.locator("body").get_attribute("data-md-color-scheme") is None  # the stored one is not applied
    # The post's number is its heading's last link.
    number = page.locator("#post-2 > h2 > a").last
    assert number.inner_text() == ", post 2"
    number.click()
    page.wait_for_url("**/threads/long/#post-2")
    assert errors == []
