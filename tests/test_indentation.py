"""The plugin's pages leave out Material's indentation, and show exactly what they showed before."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import build_site, thread_yaml, write_site

from mkdocs_forum_plugin.adapters.mkdocs.indentation import squeeze_indentation

KEPT = {"pre", "textarea", "script", "style", "code", "kbd"}


class Shown(HTMLParser):
    """What a browser shows of a page, roughly: tags with attributes, and text whose blank runs are one space.

    Inside pre, textarea, script, style, code and kbd the text counts as written.
    """

    # A textarea's tags are its text, as in a browser: up to its end tag, a "<script>" opens nothing.
    # (typeshed marks the name Final; HTMLParser reads it from the instance's class.)
    CDATA_CONTENT_ELEMENTS = ("script", "style", "textarea")  # type: ignore[misc]

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[object] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, attrs))
        if tag in KEPT:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        text = data if self.open else re.sub(r"\s+", " ", data)
        if self.events and isinstance(self.events[-1], str):
            text = self.events.pop() + text  # type: ignore[operator]
            text = text if self.open else re.sub(r"\s+", " ", text)
        self.events.append(text)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def shown(html: str) -> list[object]:
    parser = Shown()
    parser.feed(html)
    parser.close()
    return parser.events


def test_blank_runs_with_a_line_break_become_one() -> None:
    html = '<nav>\n    <ul>\n      <li><a href="#x">\n        Home\n      </a></li>\n  </ul>\n</nav>\n'
    assert squeeze_indentation(html) == '<nav>\n<ul>\n<li><a href="#x">\nHome\n</a></li>\n</ul>\n</nav>\n'


def test_spaces_without_a_line_break_stay() -> None:
    assert squeeze_indentation("<p>two  spaces\tand a tab</p>") == "<p>two  spaces\tand a tab</p>"


def test_elements_that_show_their_blanks_are_copied() -> None:
    html = (
        "<pre><code>def f():\n    return 1\n</code></pre>\n  <textarea>\n  a\n</textarea>\n"
        "  <script>\n  var a = `x\n   y`\n</script>\n <STYLE>\n a {}\n</style >\n"
        "  <p><code>one\n   two</code> <kbd>Ctrl\n  C</kbd></p>"
    )
    assert squeeze_indentation(html) == (
        "<pre><code>def f():\n    return 1\n</code></pre>\n<textarea>\n  a\n</textarea>\n"
        "<script>\n  var a = `x\n   y`\n</script>\n<STYLE>\n a {}\n</style >\n"
        "<p><code>one\n   two</code> <kbd>Ctrl\n  C</kbd></p>"
    )


def test_nested_code_and_kbd_are_copied_whole() -> None:
    html = "<p><kbd><kbd>Ctrl</kbd>\n  <kbd>C</kbd></kbd>\n  x</p><script>'<script>'</script>\n  y"
    assert (
        squeeze_indentation(html)
        == "<p><kbd><kbd>Ctrl</kbd>\n  <kbd>C</kbd></kbd>\nx</p><script>'<script>'</script>\ny"
    )


def test_attribute_values_are_copied() -> None:
    html = '<a title="first line\n    second line"\n   href="#a">\n  x</a>'
    assert squeeze_indentation(html) == '<a title="first line\n    second line"\n   href="#a">\nx</a>'


@pytest.mark.parametrize(
    "html",
    [
        "<kbd><textarea></kbd> \n\t ",  # the textarea's text runs to the end: its "</kbd>" ends nothing
        "<code><script>a</code>\n  b</script>\n  </code>\n  c",
        "<pre><style></pre></style>\n  </pre>\n  d",
    ],
)
def test_a_raw_element_inside_a_kept_one_is_skipped_whole(html: str) -> None:
    squeezed = squeeze_indentation(html)
    assert shown(squeezed) == shown(html)
    assert squeezed.rsplit(">", 1)[0] == html.rsplit(">", 1)[0]  # only the run after the last tag may change


@pytest.mark.parametrize(
    ("html", "squeezed"),
    [
        # Browsers end a script at "</script foo>" and "</script/>", so the code ends where it seems to.
        (
            "<code><script>x</script foo></code>\n  a<pre>\n  b</pre>",
            "<code><script>x</script foo></code>\na<pre>\n  b</pre>",
        ),
        (
            "<code><script>x</script/></code>\n  a<pre>\n  b</pre>",
            "<code><script>x</script/></code>\na<pre>\n  b</pre>",
        ),
        ("<CODE>a\n  b</CODE >\n  c", "<CODE>a\n  b</CODE >\nc"),
        # Another element whose name starts like one of them is not one of them.
        ("<code><style-guide>\n  x</code>\n  y", "<code><style-guide>\n  x</code>\ny"),
        ("<pre-note>\n  x</pre-note>", "<pre-note>\nx</pre-note>"),
    ],
)
def test_end_tags_and_names_as_browsers_read_them(html: str, squeezed: str) -> None:
    assert squeeze_indentation(html) == squeezed


def test_an_element_never_closed_keeps_the_rest_as_written() -> None:
    html = "<p>\n  a</p><pre>\n  b\n   <p>\n  c"
    assert squeeze_indentation(html) == "<p>\na</p><pre>\n  b\n   <p>\n  c"


_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<div class='a'>", "</div>", "<pre>", "</pre>", "<code>", "</code>", "<kbd>", "</kbd>",
        "<textarea>", "</textarea>", "<script>", "</script>", "<style>", "</style>", '<a title="x\n  y">', "</a>",
        "<br>", "\n", "  ", "\t", " \n\t ", "word", "&amp;", "&lt;", "<", ">", "é",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_a_page_shows_the_same_after(html: str) -> None:
    squeezed = squeeze_indentation(html)
    assert shown(squeezed) == shown(html)
    assert squeeze_indentation(squeezed) == squeezed


def test_thread_pages_lose_indentation_but_not_code(tmp_path: Path) -> None:
    body = "A post.\n\n```\nfirst\n    indented\n\n        more\n```\n\nInline `a  b` code."
    write_site(tmp_path, {"threads/t.yml": thread_yaml("T", [{"author": "ann", "body": body}]), "index.md": "# Home\n"})
    site = build_site(tmp_path)
    page = (site.site_dir / "threads/t/index.html").read_text(encoding="utf-8")
    assert "first\n    indented\n\n        more\n" in page
    assert "<code>a  b</code>" in page
    outside = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", page, flags=re.DOTALL)
    assert not re.search(r"\n[ \t]+", outside)
    assert "<svg " in page and 'xmlns="http://www.w3.org/2000/svg"' not in page  # Material's icons, without it
    # An editor's own page is left as Material wrote it.
    home = (site.site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\n[ \t]+<", home)
    assert 'xmlns="http://www.w3.org/2000/svg"' in home


def test_inline_icons_lose_the_svg_namespace_an_html_parser_gives_them() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'
    assert squeeze_indentation(f"<label>\n  {svg}\n</label>") == (
        '<label>\n<svg viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>\n</label>'
    )
    # Only the svg tag's own namespace goes; text that shows it, and other namespaces, stay.
    kept = f'<pre>{svg}</pre><p>xmlns="http://www.w3.org/2000/svg"</p><svg xmlns:xlink="http://www.w3.org/1999/xlink">'
    assert squeeze_indentation(kept) == kept
