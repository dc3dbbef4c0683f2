"""Hostile post HTML runs no script: not on load, not when a reader clicks the links."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Dialog, Page, Route
from playwright.sync_api import Error as PlaywrightError
from sitebuild import build_site, thread_yaml, write_site

from mkdocs_forum_plugin.render.sections import slugify

from .conftest import FILLER, FORUM_PLUGIN, HOSTILE_BODIES, THEME, Served
from .helpers import DESKTOP, new_context, serve, settle

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
              const out = [...a.querySelectorAll('.forum-post > div')].flatMap(b =>
                [...b.querySelectorAll(forbidden)].map(e => e.outerHTML.slice(0, 80)));
              for (const e of a.querySelectorAll('*')) {
                for (const attr of e.attributes) {
                  const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
                  if (attr.name.startsWith('on') || attr.name === 'style'
                      || /^(javascript|data|vbscript):/.test(value)) out.push(e.outerHTML.slice(0, 80));
                }
              }
              return out;
            }""",
            FORBIDDEN_ELEMENTS,
        )
        assert not leftovers, f"dangerous markup reached the page: {leftovers}"

        links = page.locator(".forum-post > div a")
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


# -- titles in the themes' tooltips ------------------------------------------------------------
#
# With content.tooltips, Material 9.8 and Zensical 0.0.73 show an element's title in a
# tooltip of their own, inserted as HTML: every [title] in the content, and the innerText
# of every cut-off .md-ellipsis (the page title in the header, navigation, footer,
# breadcrumbs) copied into a title. Each payload sets window.pwned, opens a dialog and
# marks the element it would inject (data-pwn); none may do any of it.

FEATURES = ["content.tooltips", "navigation.instant", "search.highlight", "navigation.footer", "navigation.path"]


def payload(where: str) -> str:
    return f"<img src=x data-pwn onerror=window.pwned=1;alert('{where}')>"


TAIL = " and then a tail of words long enough for the header to cut it off"  # the title's 200 characters fit
THREAD_TITLE = payload("title") + TAIL + TAIL
SECTION = payload("section") + TAIL
MEMBER = payload("name") + TAIL + TAIL
TITLED_BODY = (
    f'A [link with a title](https://example.org/ "{payload("link")}"), '
    f'an <abbr title="{payload("abbr")}">ABBR</abbr>, '
    f'a picture <img src="https://example.org/a.png" alt="a picture" title="{payload("img")}"> '
    f'and ![another](https://example.org/b.png "{payload("mdimg")}"). '
    'Harmless titles stay: <abbr title="World Health Organization">WHO</abbr>.'
)


# Words a query passes on its way to longer ones are names inside references: &quot; &amp; &lt; &#x27;.
QUOTED_BODY = 'He said "quotes" & <b>tags</b> aren\'t amazing, said Lt Dan of x27 < 3 and am sure.'
QUOTED_TEXT = 'He said "quotes" & tags aren\'t amazing, said Lt Dan of x27 < 3 and am sure.'
QUERIES = ["quo", "quotes", "am", "amaz", "lt", "x27", "&", "<", "img", "onerror", "pwned"]


def _tooltip_files() -> dict[str, str]:
    posts: list[dict[str, Any]] = [
        {"author": "ann", "body": TITLED_BODY},
        {"author": MEMBER, "role": payload("role"), "body": "A post by a hostile name with a hostile role."},
    ]
    posts += [{"author": MEMBER, "body": FILLER} for _ in range(12)]  # pages long enough to scroll
    thread = thread_yaml(THREAD_TITLE, posts, forum=SECTION, tags=[payload("tag")])
    other = thread_yaml("A quiet thread", [{"author": "ann", "body": QUOTED_BODY}], forum=SECTION)
    # The member page lists those posts in one short row: a long bio makes it long enough to scroll.
    bio = " ".join([payload("bio"), *[FILLER] * 8])
    members = yaml.safe_dump({MEMBER: {"role": payload("role"), "bio": bio}}, allow_unicode=True)
    return {
        "index.md": "# Home\n\nThe [forums](forums/index.md).\n",
        "members.yml": members,
        "threads/x.yml": thread,
        "threads/y.yml": other,
    }


ZENSICAL_SETTINGS: dict[str, Any] = {
    "markdown_extensions": ["forum_pages"],
    "extra_css": ["assets/forum/forum.css"],
    "extra_javascript": ["assets/forum/tooltips.js"],
    "exclude_docs": "*.yml\n",
    "not_in_nav": "/threads/\n/members/\n",
}


def _zensical(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def tooltip_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A wiki with every field hostile and content.tooltips on, built by MkDocs or by Zensical."""
    root = tmp_path_factory.mktemp(f"tooltips-{request.param}")
    theme = {**THEME, "features": FEATURES}
    # navigation.instant follows only links to the pages of sitemap.xml, on the host and port
    # of site_url: the server starts first, and the site is built for its address.
    with serve(root / "site") as base:
        if request.param == "mkdocs":
            write_site(root, _tooltip_files(), plugin=FORUM_PLUGIN, theme=theme, site_url=base)
            build_site(root)
        else:
            settings = {**ZENSICAL_SETTINGS, "site_url": base}
            write_site(root, _tooltip_files(), plugin=FORUM_PLUGIN, theme=theme, **settings)
            _zensical([sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate"], root)
            _zensical([sys.executable, "-m", "zensical", "build", "--clean"], root)
        yield Served(root / "site", base)


class Watch:
    """A page that records dialogs, and tells what a payload would have left behind."""

    def __init__(self, browser: Browser, site: Served, *, dark: bool) -> None:
        self.context = new_context(browser, dark=dark)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)
        self.site = site

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)  # the payload's own name: alert('title')
        dialog.dismiss()

    def harm(self, where: str) -> list[str]:
        """Dialogs, window.pwned and injected elements so far (``where`` names the step)."""
        found = [f"{where}: the {d} payload opened a dialog" for d in sorted(set(self.dialogs))]
        self.dialogs.clear()
        if self.page.evaluate(PWNED_JS) != "undefined":
            found.append(f"{where}: window.pwned was set")
        injected = self.page.evaluate("[...document.querySelectorAll('[data-pwn]')].map(e => e.outerHTML)")
        found += [f"{where}: injected {e}" for e in injected]
        return found

    def go(self, path: str) -> None:
        """Follow a link to ``path`` the way a reader does, so that navigation.instant loads it in place."""
        # The theme's scripts must be running before the click, or the browser loads the page
        # itself (seen on a busy machine): wait until nothing is loading any more.
        self.page.wait_for_load_state("networkidle")
        before = self.page.evaluate("window.__sameDocument = (window.__sameDocument || 0) + 1")
        self.page.evaluate(
            """href => { const a = document.createElement('a'); a.href = href; a.textContent = 'go';
                         document.querySelector('.md-content').append(a); a.click(); }""",
            self.site.url(path),
        )
        self.page.wait_for_url(self.site.url(path))
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(300)
        assert self.page.evaluate("window.__sameDocument") == before, "navigation.instant loads the page in place"

    def hover_everything(self) -> list[str]:
        """Hover each titled element of the content and each cut-off title; the tooltips' texts."""
        page = self.page
        targets = page.evaluate(
            """() => {
              const all = [...document.querySelectorAll('.md-content [title], .md-ellipsis')];
              all.forEach((e, i) => e.setAttribute('data-probe', i));
              return all.length;
            }"""
        )
        shown: list[str] = []
        for i in range(targets):
            element = page.locator(f"[data-probe='{i}']")
            if not element.count() or not element.is_visible():
                continue
            if element.evaluate("e => !!e.closest('.md-header')"):
                page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")  # the header shows the title
                page.wait_for_timeout(400)
            else:
                element.scroll_into_view_if_needed()
            box = element.bounding_box()
            if box is None or box["width"] == 0:
                continue
            page.mouse.move(box["x"] + min(40, box["width"] / 2), box["y"] + box["height"] / 2)
            page.wait_for_timeout(350)
            shown += page.evaluate(
                "[...document.querySelectorAll('.md-tooltip2--active, .md-tooltip--active')].map(e => e.textContent)"
            )
            page.mouse.move(0, 0)
        return shown


# Every page a hostile field is the title of, each reached by navigation.instant from the one before.
STOPS = ["forums/", f"forums/{slugify(SECTION)}/", "threads/x/", f"members/{slugify(MEMBER)}/", "members/"]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_titles_in_tooltips_run_no_script(browser: Browser, tooltip_site: Served, dark: bool) -> None:
    watch = Watch(browser, tooltip_site, dark=dark)
    try:
        watch.page.goto(tooltip_site.url(""))
        settle(watch.page)
        harm: list[str] = []
        tooltips: list[str] = []
        for stop in STOPS:
            watch.go(stop)
            tooltips += watch.hover_everything()
            harm += watch.harm(stop)
        assert not harm, "\n".join(harm)
        shown = [" ".join(text.split()) for text in tooltips]
        print(f"\n{len(shown)} tooltips shown, none ran script: {sorted(set(shown))}")
        # The tooltips did show, as written: the thread's title cut off in the header, a
        # harmless abbreviation of a post, the section's and the member's names cut off.
        assert " ".join(THREAD_TITLE.split()) in shown
        assert "World Health Organization" in shown
        assert " ".join(SECTION.split()) in shown
        assert " ".join(MEMBER.split()) in shown
    finally:
        watch.context.close()


# The plugin's search worker answers Material's search box. Zensical searches with its own
# index and its own box, which its 0.0.73 hides on this site (its search fails to start).
@pytest.mark.parametrize("tooltip_site", ["mkdocs"], indirect=True)
def test_search_results_run_no_script_and_show_text_as_written(browser: Browser, tooltip_site: Served) -> None:
    """Typed word by word, as a reader types; then a result opened, which search.highlight marks."""
    watch = Watch(browser, tooltip_site, dark=False)
    try:
        page = watch.page
        page.goto(tooltip_site.url(""))
        settle(page)
        harm: list[str] = []
        seen: dict[str, list[str]] = {}
        box = page.locator(".md-search__input")
        for query in QUERIES:
            box.click()
            box.fill("")
            box.press_sequentially(query, delay=60)
            page.wait_for_timeout(700)
            results = page.locator(".md-search-result__item")
            seen[query] = [" ".join(text.split()) for text in results.all_text_contents()]
            harm += watch.harm(f"results for {query!r}")
        print(f"\nresults per query: { {q: len(r) for q, r in seen.items()} }")
        for query in ("quo", "quotes", "img", "pwned"):
            assert seen[query], f"{query!r} finds something"
        for query in ("quo", "quotes", "am", "amaz", "lt", "x27"):
            shown = " ".join(seen[query])
            assert seen[query], f"{query!r} finds something"
            for reference in ("&quot;", "&amp;", "&lt;", "&#x27;", "&#39;"):
                assert reference not in shown, f"{query!r}: {reference} shown as such in {shown}"
        assert " ".join(QUOTED_TEXT.split()) in " ".join(seen["quotes"])
        assert any(MEMBER in text for text in seen["pwned"]), seen["pwned"]
        # Open a result: search.highlight marks the query's words on the page it opens.
        box.fill("")
        box.press_sequentially("quotes", delay=60)
        page.wait_for_timeout(700)
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        harm += watch.harm(f"opened {page.url}")
        assert not harm, "\n".join(harm)
    finally:
        watch.context.close()
