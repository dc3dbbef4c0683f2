"""Hostile post HTML runs no script: not on load, not when a reader clicks the links."""

from __future__ import annotations

from playwright.sync_api import Browser, Dialog, Page, Route
from playwright.sync_api import Error as PlaywrightError

from .conftest import HOSTILE_BODIES, Served
from .helpers import DESKTOP

FORBIDDEN_ELEMENTS = (
    "script, iframe, object, embed, svg, math, style, form, input, button, meta, base, noscript, details"
)
PWNED_JS = "typeof window.pwned"


def settled_eval(page: Page, script: str) -> object:
    """Evaluate once a navigation a click started has finished (a late one may destroy the context)."""
    for _ in range(5):
        page.wait_for_load_state("load")
        try:
            return page.evaluate(script)
        except PlaywrightError as error:
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
            page.wait_for_timeout(200)
    return page.evaluate(script)


def test_hostile_posts_run_no_script(browser: Browser, forum_site: Served) -> None:
    context = browser.new_context(viewport=DESKTOP)
    dialogs: list[str] = []
    pwned: list[str] = []
    popups: list[str] = []

    def watch(page: Page) -> None:
        def on_dialog(dialog: Dialog) -> None:
            dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

    def offsite(route: Route) -> None:
        # Nothing leaves the machine: other hosts get an empty page instead.
        if route.request.url.startswith(forum_site.base):
            route.continue_()
        else:
            route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>offsite</title>")

    context.on("page", watch)
    context.on("page", lambda p: popups.append(p.url))
    context.route("**/*", offsite)
    try:
        page = context.new_page()
        thread = forum_site.url("threads/hostile/")
        page.goto(thread)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # let broken images fire their (removed) onerror handlers
        posts = page.locator("article.forum-post")
        assert posts.count() == len(HOSTILE_BODIES) + 2, "every hostile post must still be shown"
        assert page.evaluate(PWNED_JS) == "undefined"

        article = page.locator("article.md-content__inner")
        leftovers = article.evaluate(
            """(a, forbidden) => {
              const out = [...a.querySelectorAll('.forum-post__body')].flatMap(b =>
                [...b.querySelectorAll(forbidden)].map(e => e.outerHTML.slice(0, 80)));
              for (const e of a.querySelectorAll('*')) {
                for (const attr of e.attributes) {
                  const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
                  if (attr.name.startsWith('on') || attr.name === 'style' && !e.matches('.forum-post__avatar')
                      || /^(javascript|data|vbscript):/.test(value)) out.push(e.outerHTML.slice(0, 80));
                }
              }
              return out;
            }""",
            FORBIDDEN_ELEMENTS,
        )
        assert not leftovers, f"dangerous markup reached the page: {leftovers}"

        links = page.locator(".forum-post__body a")
        count = links.count()
        assert count >= 10
        for i in range(count):
            link = links.nth(i)
            where = f"link {i} ({link.evaluate('a => a.outerHTML.slice(0, 80)')})"
            if link.is_visible():
                link.click(timeout=5_000, no_wait_after=True)
            else:
                link.evaluate("a => a.click()")
            page.wait_for_timeout(100)
            if settled_eval(page, PWNED_JS) != "undefined":
                pwned.append(f"after {where}: {page.url}")
            if page.url.split("#")[0] != thread:
                page.goto(thread)
        for extra in context.pages[1:]:
            if settled_eval(extra, PWNED_JS) != "undefined":
                pwned.append(f"in popup {extra.url}")
        assert page.evaluate(PWNED_JS) == "undefined"
        assert not pwned, pwned
        assert not dialogs, dialogs
        print(f"\nclicked {count} links in hostile posts; pages opened: {len(popups)}; no dialog, window.pwned unset")
    finally:
        context.close()
