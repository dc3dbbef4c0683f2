"""Titles in post bodies: kept as written when no theme can read them as markup, dropped otherwise.

Material's and Zensical's ``content.tooltips`` insert a title as HTML; a title
without ``<`` and ``&`` holds neither a tag nor a character reference, so it
shows the same in their tooltips and in the browser's own.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from core_helpers import body_html
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_forum_plugin.render.sanitize import clean

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize(
    ("body", "selector", "text"),
    [
        (f'[a link](https://example.org/ "{HOSTILE}")', "a", "a link"),
        (f'<abbr title="{HOSTILE}">ABBR</abbr>', "abbr", "ABBR"),
        (f'<img src="pic.png" alt="a picture" title="{HOSTILE}">', "img", ""),
        (f'![a picture](pic.png "{HOSTILE}")', "img", ""),
        ('<abbr title="Q&amp;A">QA</abbr>', "abbr", "QA"),
        ('<a href="https://example.org/" title="&lt;b&gt;">escaped</a>', "a", "escaped"),
    ],
)
def test_a_title_html_would_read_as_markup_is_dropped(body: str, selector: str, text: str) -> None:
    found = BeautifulSoup(body_html(body), "html.parser").select_one(selector)
    assert found is not None, body_html(body)
    assert not found.has_attr("title")
    assert found.get_text() == text  # what the post shows is untouched


@pytest.mark.parametrize(
    "title", ["World Health Organization", 'it\'s "quoted" > 3', "naïve 日本語 ✓", "50% off; (not) [really]"]
)
def test_any_other_title_is_kept_as_written(title: str) -> None:
    attribute, markdown = title.replace('"', "&quot;"), title.replace('"', '\\"')
    html = body_html(f'<abbr title="{attribute}">X</abbr> and [y](https://example.org/ "{markdown}")')
    soup = BeautifulSoup(html, "html.parser")
    assert [tag["title"] for tag in soup.select("[title]")] == [title, title]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_a_kept_title_is_inert_and_unchanged(title: str) -> None:
    escaped = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    html = clean(f'<abbr title="{escaped}">X</abbr>')
    found = BeautifulSoup(html, "html.parser").abbr
    assert found is not None
    kept = found.get("title")
    if kept is not None:
        assert "<" not in kept and "&" not in kept
        # As the HTML parser reads any attribute: line breaks made \n, NUL made U+FFFD.
        assert kept == title.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    else:
        assert "<" in title or "&" in title
