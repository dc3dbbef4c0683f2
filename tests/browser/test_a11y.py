"""axe-core finds nothing on our pages that it does not already find on a stock Material site."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ViewportSize

from .conftest import ROOT, Served
from .helpers import PHONE, open_page, run_axe, scheme

SCHEMES = {"light": False, "dark": True}

# What axe-core reports on Material for MkDocs itself: a stock site with the same palettes and
# no plugin (an empty home page, and a page with a link in a paragraph of Markdown).
# Rule id -> patterns of the targets it is allowed on. Never on the plugin's own markup.
BASELINE: dict[str, tuple[str, ...]] = {
    # The search overlay is role="dialog" without a name (both schemes).
    "aria-dialog-name": (r"^\.md-search$",),
    # "Made with Material for MkDocs" in the footer (light scheme).
    "color-contrast": (r"^\.md-copyright",),
    # Material does not underline links in running text (a link in a Markdown page's paragraph).
    "link-in-text-block": (r"(^|[ >])a\[href",),
}

STOCK_PAGES = ("", "text/")
PAGES = {
    "thread": "threads/long/",
    "section": "forums/ask-a-therapist/",
    "home": "",
}


def violations(
    browser: Browser, site: Served, path: str, dark: bool, viewport: ViewportSize | None = None
) -> list[dict[str, Any]]:
    page = open_page(browser, site.url(path), dark=dark, viewport=viewport)
    try:
        assert scheme(page) == ("slate" if dark else "default")
        return run_axe(page)
    finally:
        page.context.close()


def describe(found: list[dict[str, Any]]) -> str:
    return "; ".join(f"{v['id']} on {[n['target'] for n in v['nodes']]}" for v in found) or "none"


def outside_baseline(found: list[dict[str, Any]]) -> list[str]:
    """Violations whose rule and target the baseline does not allow."""
    extra = []
    for violation in found:
        patterns = BASELINE.get(violation["id"], ())
        for node in violation["nodes"]:
            if node["forum"] or not any(re.search(p, node["target"]) for p in patterns):
                where = "plugin markup " if node["forum"] else ""
                extra.append(
                    f"{violation['id']} ({violation['impact']}) on {where}{node['target']}: "
                    f"{violation['help']}\n    {node['summary']}"
                )
    return extra


def test_stock_material_baseline(browser: Browser, stock_site: Served, axe_js: Path) -> None:
    """BASELINE is exactly what stock Material reports: nothing missing, nothing stale."""
    seen: set[str] = set()
    for name, dark in SCHEMES.items():
        for path in STOCK_PAGES:
            found = violations(browser, stock_site, path, dark)
            print(f"\nstock Material /{path}, {name}: {describe(found)}")
            assert not outside_baseline(found), outside_baseline(found)
            seen.update(v["id"] for v in found)
    assert seen == set(BASELINE)


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize("which", PAGES)
def test_no_violations_beyond_material(
    browser: Browser, forum_site: Served, axe_js: Path, which: str, name: str
) -> None:
    found = violations(browser, forum_site, PAGES[which], SCHEMES[name])
    print(f"\n{which} /{PAGES[which]}, {name}: {describe(found)}")
    extra = outside_baseline(found)
    assert not extra, "axe-core violations that stock Material does not have:\n" + "\n".join(extra)


EXAMPLE_PAGES = [
    *(f"threads/{path.stem}/" for path in sorted((ROOT / "docs" / "threads").glob("*.yml"))),
    "forums/ask-a-therapist/",
    "members/",
    "members/therapistmira/",
]


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize("path", EXAMPLE_PAGES)
def test_example_wiki_on_a_phone_has_no_violations_in_forum_markup(
    browser: Browser, example_site: Served, axe_js: Path, path: str, name: str
) -> None:
    """The repository's own wiki, with its own theme settings: whatever axe-core finds in
    Material's chrome there is Material's (printed), but nothing may be in the plugin's markup."""
    found = violations(browser, example_site, path, SCHEMES[name], viewport=PHONE)
    print(f"\nexample wiki /{path}, {name}: {describe(found)}")
    ours = [
        f"{v['id']} ({v['impact']}) on {node['target']}: {v['help']}\n    {node['summary']}"
        for v in found
        for node in v["nodes"]
        if node["forum"]
    ]
    assert not ours, f"axe-core violations in the plugin's markup on /{path} ({name}):\n" + "\n".join(ours)
