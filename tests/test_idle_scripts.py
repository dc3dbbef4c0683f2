"""Material's palette and tabbed scripts leave the plugin's pages that have nothing for them to work on."""

from __future__ import annotations

from typing import Any

import pytest
from sitebuild import BuildFn, thread_yaml

from mkdocs_forum_plugin.adapters.mkdocs.idle_scripts import drop_idle_scripts

PALETTE = '<script>var palette=__md_get("__palette");if(palette&&palette.color){}</script>'
TABBED = "<script>var target=document.getElementById(location.hash.slice(1));target&&target.name</script>"
SCHEMES = [
    {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Dark"}},
    {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Light"}},
]


def page(*middle: str) -> str:
    return f"<header>\n{PALETTE}\n</header>\n<main>\n{''.join(middle)}\n{TABBED}\n</main>\n"


def test_both_leave_a_page_without_a_palette_form_or_tabs() -> None:
    assert drop_idle_scripts(page("<p>a post</p>")) == "<header>\n</header>\n<main>\n<p>a post</p>\n</main>\n"


@pytest.mark.parametrize(
    ("middle", "kept"),
    [
        ('<form data-md-component="palette"><input name="__palette" type="radio"></form>', PALETTE),
        ('<input type="radio" name="__palette" id="__palette_0">', PALETTE),
        ('<div class="tabbed-set"><input name="__tabbed_1" type="radio" id="__tabbed_1_1"></div>', TABBED),
    ],
)
def test_a_page_with_what_a_script_works_on_keeps_it(middle: str, kept: str) -> None:
    out = drop_idle_scripts(page(middle))
    assert kept in out
    assert [s for s in (PALETTE, TABBED) if s in out] == [kept]  # the other still leaves


def test_a_script_material_changed_is_kept() -> None:
    other = '<script>var palette=__md_get("__palette")||{};apply(palette)</script>'
    assert drop_idle_scripts(other) == other


def _thread(make_site: BuildFn, **theme: Any) -> tuple[str, str]:
    site = make_site(
        {"threads/a.yml": thread_yaml("A"), "notes.md": "# Notes\n"},
        theme={"name": "material", **theme},
    )
    return str(site.html("threads/a/")), str(site.html("notes/"))


def test_a_thread_page_without_a_palette_has_neither(make_site: BuildFn) -> None:
    thread, editors = _thread(make_site)
    assert '__md_get("__palette")' not in thread and "location.hash.slice(1)" not in thread
    # The editor's own pages are Material's as it made them.
    assert '__md_get("__palette")' in editors and "location.hash.slice(1)" in editors


def test_a_thread_page_with_a_palette_toggle_keeps_its_script(make_site: BuildFn) -> None:
    thread, _ = _thread(make_site, palette=SCHEMES)
    assert 'name="__palette"' in thread and '__md_get("__palette")' in thread
    assert "location.hash.slice(1)" not in thread
