"""The example wiki built by Zensical (after `mkdocs-forum generate`), read in Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .conftest import ROOT, Served
from .helpers import open_page, run_axe, scheme, serve, settle

PAGE = "threads/fear-of-bending/"
IN_VIEWPORT_JS = """e => { const r = e.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth; }"""
# What the plugin's stylesheet gives an expert answer (light scheme): a full frame, a thicker
# start border and its own background (--forum-expert-bg, #e0f2f1), where a member post has
# only the start rule on --forum-post-bg.
STYLE_JS = """e => { const s = getComputedStyle(e);
  return {top: s.borderTopWidth, start: parseFloat(s.borderLeftWidth), background: s.backgroundColor}; }"""


def _run(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The repository's example wiki, prepared by `mkdocs-forum generate` and built by Zensical."""
    root = tmp_path_factory.mktemp("zensical-example-site")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    _run([sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate"], root)
    _run([sys.executable, "-m", "zensical", "build", "--clean"], root)
    with serve(root / "site") as base:
        yield Served(root / "site", base)


def test_posts_show_with_the_plugins_styles(page: Page, zensical_site: Served) -> None:
    page.goto(zensical_site.url(PAGE))
    settle(page)
    posts = page.locator("article.md-content__inner article.forum-post")
    assert posts.count() == 6
    for i in range(posts.count()):
        posts.nth(i).scroll_into_view_if_needed()
        assert posts.nth(i).is_visible()
    expert = page.locator("#post-4")
    assert "forum-post--expert" in str(expert.get_attribute("class"))
    assert expert.locator(".forum-post__expert-label").is_visible()
    mine, theirs = expert.evaluate(STYLE_JS), page.locator("#post-1").evaluate(STYLE_JS)
    assert mine["background"] == "rgb(224, 242, 241)"
    assert theirs["background"] != mine["background"]
    assert (mine["top"], theirs["top"]) == ("1px", "0px")
    assert mine["start"] > theirs["start"] > 0


def test_disclaimer_shows_after_the_first_expert_answer(page: Page, zensical_site: Served) -> None:
    page.goto(zensical_site.url(PAGE))
    notice = page.locator(".forum-disclaimer")
    assert notice.count() == 1
    assert page.locator("#post-4 + .forum-disclaimer.admonition.warning").count() == 1
    notice.scroll_into_view_if_needed()
    assert notice.is_visible()
    assert notice.locator(".admonition-title").inner_text() == "Please read"
    assert "general education from a therapist" in notice.inner_text()


def test_a_quote_link_goes_to_the_quoted_post(page: Page, zensical_site: Served) -> None:
    page.goto(zensical_site.url(PAGE))
    # Post 3 quotes post 2, which quoted post 1: the inner attribution links to post 1.
    source = page.locator("#post-3 .forum-quote > p:first-child > a[href='#post-1']")
    assert source.inner_text() == "tidepool wrote:"
    source.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 150)")
    assert not bool(page.locator("#post-1").evaluate(IN_VIEWPORT_JS)), "the quoted post must start off-screen"
    source.click()
    page.wait_for_url(f"**/{PAGE}#post-1")
    page.wait_for_function(f"() => ({IN_VIEWPORT_JS})(document.getElementById('post-1'))", timeout=5_000)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_axe_violations_in_the_threads_markup(
    browser: Browser, zensical_site: Served, axe_js: Path, dark: bool
) -> None:
    page = open_page(browser, zensical_site.url(PAGE), dark=dark)
    try:
        assert scheme(page) == ("slate" if dark else "default")
        found = run_axe(page)
    finally:
        page.context.close()
    # As in test_a11y.py for the example wiki: Zensical's own frame is its business (its
    # findings are printed), the plugin's markup must have none, of any impact.
    print(f"\nZensical /{PAGE}: " + "; ".join(f"{v['id']} ({v['impact']})" for v in found))
    ours = [
        f"{v['id']} ({v['impact']}) on {node['target']}: {v['help']}\n    {node['summary']}"
        for v in found
        for node in v["nodes"]
        if node["forum"]
    ]
    assert not ours, "axe-core violations in the thread's markup:\n" + "\n".join(ours)
