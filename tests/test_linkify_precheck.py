"""The pre-check before linkify-it changes no output: every text gets what linkify alone gave it.

The reference is the linking as it was before the pre-check (linkify-it-py's ``test``
on every text segment); the corpus holds the texts that sit on either side of the
pre-check (addresses, bare domains, mail addresses, ``//``, ``www.`` in any case,
escaped quotes and ampersands) and hypothesis text made of those pieces.
"""

from __future__ import annotations

import html

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_forum_plugin.render import markdown
from mkdocs_forum_plugin.render.markdown import _LINKIFY, _link_text, markdown_html


def reference_link_text(escaped: str) -> str:
    """_link_text without the pre-check: linkify-it's test on every text."""
    text = html.unescape(escaped)
    if not _LINKIFY.test(text):
        return escaped
    out: list[str] = []
    last = 0
    for match in _LINKIFY.match(text) or []:
        if not match.schema and not match.raw.lower().startswith("www."):
            continue
        out.append(html.escape(text[last : match.index], quote=False))
        out.append(f'<a href="{html.escape(match.url, quote=True)}">{html.escape(match.text, quote=False)}</a>')
        last = match.last_index
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


CORPUS = [
    "plain words and nothing else",
    "see example.org for more",
    "a &quot;quoted&quot; word beside example.org",
    "a &quot;quoted&quot; word and no domain",
    "Tom &amp; Jerry at notes.md",
    "Tom &amp; Jerry",
    "https://example.org/a?b=c&amp;d=e",
    "//example.org/path",
    "WWW.Example.ORG and www.example.org",
    "write to someone@example.org",
    "mail &#64; example.org",
    "name&#64;example.org",
    "mailto:someone@example.org",
    "ftp://files.example.org",
    "a.b.c 1.2.3.4 and 192.168.0.1",
    "localhost:8000/path",
    "ｗｗｗ．example.org",
    "café.fr and 例え.jp",
    "",
]

PIECES = ["a", " ", ".", "org", "www", "W", "/", ":", "@", "&amp;", "&quot;", "&#64;", "http", "é", "\n", "-", "x.io"]


@pytest.mark.parametrize("text", CORPUS)
def test_corpus_links_as_linkify_alone(text: str) -> None:
    assert _link_text(text) == reference_link_text(text)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=30).map("".join))
def test_fuzzed_text_links_as_linkify_alone(text: str) -> None:
    escaped = html.escape(text, quote=True)
    assert _link_text(escaped) == reference_link_text(escaped)
    assert _link_text(text.replace("<", "").replace(">", "")) == reference_link_text(
        text.replace("<", "").replace(">", "")
    )


def test_text_without_address_markers_skips_linkify(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    class Counting:
        def test(self, text: str) -> bool:
            calls.append(text)
            return bool(_LINKIFY.test(text))

        def match(self, text: str) -> object:
            return _LINKIFY.match(text)

    monkeypatch.setattr(markdown, "_LINKIFY", Counting())
    assert markdown_html("Plain words. More words, no addresses.") == "<p>Plain words. More words, no addresses.</p>\n"
    assert calls == []
    assert 'href="https://example.org"' in markdown_html("Go to https://example.org now.")
    assert calls
