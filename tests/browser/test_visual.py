"""What a reader sees: expert answers stand out, text is legible, phones do not scroll sideways."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, FloatRect, Page

from .conftest import SCREENSHOTS, Served
from .helpers import COLOURS_JS, PHONE, colours, contrast, expert_answer_view, open_page, scheme, screenshot

SCHEMES = {"light": False, "dark": True}
AA_NORMAL_TEXT = 4.5
EXPERT = "#post-3"  # the therapist's answer in threads/long.yml
MEMBER = "#post-2"  # an ordinary member's post
MEMORIAL = "#post-6"  # a member with a memorial flair

# Every visible text element inside a root, with its colours (see helpers.COLOURS_JS).
TEXTS_JS = f"""
(root) => {{
  const measure = {COLOURS_JS};
  const seen = new Set();
  const out = [];
  // The parts of a post, by what finds them, and the name each is reported under
  // (the heading, meta line, picture and body have no class: the article's children; initials
  // are the article's ::before, measured in test_initials_are_seen_and_not_read).
  const PARTS = [
    ['.forum-post__expert-label', 'forum-post__expert-label'], ['.forum-post__role', 'forum-post__role'],
    ['.forum-post__memorial', 'forum-post__memorial'], ['.forum-post > h2 + p', 'forum-post__meta'],
    ['.forum-post > h2 > a:last-child', 'forum-post__number'],
    ['.forum-post > h2', 'forum-post__author'], ['.forum-post > img', 'forum-post__avatar'],
    ['.forum-post__likes', 'forum-post__likes'], ['.forum-post__quoted-by', 'forum-post__quoted-by'],
    ['.forum-quote > p:first-child', 'forum-quote__attribution'], ['.forum-post > div', 'forum-post__body'],
  ];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    const el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
    const part = el.closest(PARTS.map(([selector]) => selector).join(', '));
    const name = part ? PARTS.find(([selector]) => part.matches(selector))[1] : el.tagName.toLowerCase();
    out.push({{part: name, tag: el.tagName.toLowerCase(), text: node.textContent.trim().slice(0, 40),
              ...measure(el)}});
  }}
  return out;
}}
"""


def measured_texts(page: Page, selector: str) -> list[dict[str, Any]]:
    texts = page.locator(selector).evaluate(TEXTS_JS)
    for text in texts:
        text["ratio"] = contrast(text["fg"], text["bg"])
    return list(texts)


def thread_page(browser: Browser, site: Served, name: str, dark: bool, **kwargs: Any) -> Page:
    page = open_page(browser, site.url(f"threads/{name}/"), dark=dark, **kwargs)
    assert scheme(page) == ("slate" if dark else "default"), "Material did not follow prefers-color-scheme"
    return page


@pytest.mark.parametrize("name", SCHEMES)
def test_expert_answer_is_visibly_distinct(browser: Browser, forum_site: Served, name: str) -> None:
    page = thread_page(browser, forum_site, "long", SCHEMES[name])
    try:
        expert = colours(page, EXPERT)
        member = colours(page, MEMBER)
        assert page.locator(EXPERT).evaluate("e => e.classList.contains('forum-post--expert')")
        assert not page.locator(MEMBER).evaluate("e => e.classList.contains('forum-post--expert')")
        print(f"\n[{name}] expert border-left {expert['borderLeft']}, background {expert['background']}")
        print(f"[{name}] member border-left {member['borderLeft']}, background {member['background']}")
        assert (expert["borderLeft"], expert["background"]) != (member["borderLeft"], member["background"])
        # Distinct to the eye, not just by a rounding error: the frames differ clearly in colour.
        assert (
            max(abs(a - b) for a, b in zip(expert["bg"], member["bg"], strict=True)) >= 8
            or expert["borderLeft"] != member["borderLeft"]
        )
        label = page.locator(f"{EXPERT} .forum-post__expert-label")
        assert label.is_visible()
        assert label.inner_text().strip() == "Therapist answer"
    finally:
        page.context.close()


@pytest.mark.parametrize("name", SCHEMES)
def test_post_text_meets_wcag_aa_contrast(browser: Browser, forum_site: Served, name: str) -> None:
    """Every visible text of an expert answer, a member post and a memorial post: >= 4.5:1."""
    page = thread_page(browser, forum_site, "long", SCHEMES[name])
    try:
        rows = []
        for which, selector in (("expert", EXPERT), ("member", MEMBER), ("memorial", MEMORIAL)):
            for text in measured_texts(page, selector):
                rows.append((which, text))
        parts = {(which, t["part"]) for which, t in rows}
        for required in (
            "forum-post__expert-label",
            "forum-post__role",
            "forum-post__meta",
            "forum-post__author",
            "forum-post__body",
            "forum-post__likes",
            "forum-post__number",
        ):
            assert ("expert", required) in parts, f"no visible {required} text measured in the expert answer"
        assert ("member", "forum-post__number") in parts
        assert ("memorial", "forum-post__memorial") in parts

        print(f"\nWCAG contrast, {name} scheme (threads/long/):")
        lowest: dict[tuple[str, str], dict[str, Any]] = {}
        for which, text in rows:
            key = (which, text["part"] + (" (link)" if text["tag"] == "a" else ""))
            if key not in lowest or text["ratio"] < lowest[key]["ratio"]:
                lowest[key] = text
        for (which, part), text in sorted(lowest.items()):
            print(f"  {which:8} {part:37} {text['ratio']:5.2f}:1  <{text['tag']}> {text['text']!r}")
        failing = [
            f"{which} {t['part']} <{t['tag']}> {t['text']!r}: {t['ratio']:.2f}:1 (fg {t['fg']}, bg {t['bg']})"
            for which, t in rows
            if t["ratio"] < AA_NORMAL_TEXT
        ]
        assert not failing, "text below WCAG AA 4.5:1:\n" + "\n".join(failing)
    finally:
        page.context.close()


@pytest.mark.parametrize("thread", ["wide", "long"])
def test_nothing_overflows_on_a_phone(browser: Browser, forum_site: Served, thread: str) -> None:
    page = thread_page(browser, forum_site, thread, False, viewport=PHONE)
    try:
        widths = page.evaluate(
            """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                       wide: [...document.querySelectorAll('article.md-content__inner *')]
                         .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                                      && !e.closest('pre, .md-typeset__scrollwrap, table'))
                         .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')).slice(0, 10)})"""
        )
        assert widths["scroll"] <= widths["inner"], f"page scrolls sideways: {widths}"
        assert not widths["wide"], f"elements stick out of the viewport: {widths['wide']}"
    finally:
        page.context.close()


def test_post_header_stays_readable_on_a_phone(browser: Browser, forum_site: Served) -> None:
    page = thread_page(browser, forum_site, "wide", False, viewport=PHONE)
    try:
        for selector in (
            "#post-1 > h2",
            "#post-2 > h2",
            "#post-2 .forum-post__expert-label",
        ):
            element = page.locator(selector)
            element.scroll_into_view_if_needed()
            assert element.is_visible(), selector
            facts = element.evaluate(
                """e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                   return {left: r.left, right: r.right, width: r.width, height: r.height,
                           fontSize: parseFloat(s.fontSize), scrollWidth: e.scrollWidth, clientWidth: e.clientWidth,
                           inner: window.innerWidth}; }"""
            )
            assert facts["fontSize"] >= 12, f"{selector}: {facts}"
            assert facts["left"] >= 0 and facts["right"] <= facts["inner"], f"{selector} is cut off: {facts}"
            assert facts["scrollWidth"] <= facts["clientWidth"] + 1, f"{selector} text is clipped: {facts}"
        name = page.locator("#post-1 > h2").inner_text()
        assert name.startswith("Bartholomew_Extraordinarily_Long_Username_Of_The_Forum_2024")
    finally:
        page.context.close()


def test_thread_screenshots(browser: Browser, forum_site: Served) -> None:
    """PNGs for people to look at: tests/screenshots/thread-{light,dark,phone}.png (gitignored).

    Each shows the thread from its title down to the expert answer and the disclaimer after it.
    """
    shots = []
    for label, dark, viewport in (("light", False, None), ("dark", True, None), ("phone", False, PHONE)):
        page = thread_page(browser, forum_site, "long", dark, viewport=viewport)
        try:
            shots.append(screenshot(page, SCREENSHOTS / f"thread-{label}.png", clip=expert_answer_view(page)))
        finally:
            page.context.close()
    for path in shots:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000, path
        print(f"\nscreenshot: {path}")


def test_header_icons_paint_the_same_without_the_svg_namespace(browser: Browser, forum_site: Served) -> None:
    """A thread page's icons (namespace left out) are pixel for pixel those of an editor's page (Material's own)."""
    icons = ("label.md-header__button[for='__drawer']", "label.md-header__button[for='__search']")
    shots = {}
    for name, path in (("editor", ""), ("thread", "threads/long/")):
        page = open_page(browser, forum_site.url(path), viewport=PHONE)  # the phone header shows both buttons
        try:
            html = page.content()
            assert ('xmlns="http://www.w3.org/2000/svg"' in html) == (name == "editor")
            namespaces = page.eval_on_selector_all("header svg", "els => els.map(e => e.namespaceURI)")
            assert namespaces and set(namespaces) == {"http://www.w3.org/2000/svg"}
            shots[name] = [page.locator(selector).screenshot() for selector in icons]
        finally:
            page.context.close()
    assert all(len(shot) > 100 for shot in shots["thread"])
    assert shots["thread"] == shots["editor"]


def _rgb(css: str) -> list[float]:
    """A computed colour, "rgb(r, g, b)" or "rgba(r, g, b, a)", as numbers."""
    return [float(v) for v in css[css.index("(") + 1 : -1].split(",")]


@pytest.mark.parametrize("name", SCHEMES)
def test_initials_are_seen_and_not_read(browser: Browser, forum_site: Served, name: str) -> None:
    """A post's initials are painted (letters, AA contrast, round) and left out of what a screen reader reads."""
    page = thread_page(browser, forum_site, "long", SCHEMES[name])
    try:
        posts = page.locator("article.forum-post[data-initials]")
        assert posts.count() >= 3
        for i in range(posts.count()):
            post = posts.nth(i)
            letters = post.get_attribute("data-initials") or ""
            assert letters and letters.isupper()
            drawn = post.evaluate(
                """e => { const s = getComputedStyle(e, '::before');
                   return {content: s.content, width: s.width, height: s.height, radius: s.borderTopLeftRadius,
                           fg: s.color, bg: s.backgroundColor}; }"""
            )
            assert drawn["width"] == drawn["height"] == "48px" and drawn["radius"] != "0px", drawn
            assert drawn["content"] not in ("none", "normal", ""), drawn
            ratio = contrast(_rgb(drawn["fg"]), _rgb(drawn["bg"]))
            assert ratio >= AA_NORMAL_TEXT, f"{letters}: {ratio:.2f}:1 {drawn}"
            read = post.aria_snapshot()
            # The heading is the first thing read; the letters are nowhere in what is read.
            assert read.splitlines()[1].strip().startswith("- heading "), read
            assert f"text: {letters}" not in read and f'"{letters} ' not in read, read
        # The letters are painted: the avatar's square changes when they are made transparent.
        box = posts.first.bounding_box()
        assert box is not None
        square: FloatRect = {"x": box["x"] + 4, "y": box["y"] + 4, "width": 60, "height": 60}
        before = page.screenshot(clip=square)
        page.add_style_tag(content=".md-typeset .forum-post[data-initials]::before { color: transparent !important }")
        assert page.screenshot(clip=square) != before
    finally:
        page.context.close()
