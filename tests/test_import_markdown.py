"""Issue 12: emphasis across line breaks stays renderable, and open Markdown markers are reported per post."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from test_import_helpers import FIXTURES, run, setup_site, threads

from mkdocs_forum_plugin.importers.bodies import html_to_markdown
from mkdocs_forum_plugin.importers.markers import unbalanced
from mkdocs_forum_plugin.render.markdown import markdown_html


def shown_text(markdown: str) -> str:
    """What a reader sees of rendered Markdown: the text without tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", markdown_html(markdown)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<b>line one<br><br>line two</b>", "**line one**\n\n**line two**"),
        ("<i>a<br>b</i> c", "*a*\n\n*b* c"),
        ("<b>x <i>y<br>z</i></b>", "**x *y***\n\n***z***"),
        ("<strong>one<div>two</div></strong>", "**one**\n\n**two**"),
        ("<s>gone<br>too</s>", "~~gone~~\n\n~~too~~"),
        ("<b>a<br><ul><li>x</li></ul></b>", "**a**\n\n- **x**"),
        ("<b>quote <blockquote>q</blockquote> end</b>", "**quote**\n> **q**\n\n**end**"),
        ("<b><br>lead</b>", "**lead**"),
        ("<code>a<br>b</code>", "`a b`"),
        ("<b>hello </b>world", "**hello** world"),
    ],
)
def test_emphasis_is_closed_and_reopened_per_line(source: str, expected: str) -> None:
    markdown, _quotes = html_to_markdown(source)
    assert markdown == expected
    assert unbalanced(markdown) == []
    seen = shown_text(markdown)
    assert "*" not in seen and "~" not in seen and "`" not in seen


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("**line one\n\nline two**", ["**"]),
        ("a ~~gone\n\nback", ["~~"]),
        ("x__ y", ["__"]),
        ("_open\n\nclose_", ["_"]),
        ("**a** *b* ~~c~~ __d__ _e_", []),
        ("snake_case and 2 * 3 * 4", []),
        ("`**` and \\*\\* and [x](https://a.org/**)", []),
        ("```\n**\n```\n\nfine", []),
        ("**bold\ncontinues on the next line**", []),
        ("*a **b** c*", []),
        ("``a `**` b`` and **c**", []),
        ("`` open **never closed", ["**"]),
        ("~~~\n**\n~~~\n\n**b**", []),
        ("```\n** unclosed fence to the end", []),
        ("````\n```\n**\n````\n**x", ["**"]),
        ("<https://a.org/**> and [t](https://a.org/__x) **y**", []),
        # Emphasis around a link, an address, a code span or an escape is closed on the page.
        ("**[July 2014 list](http://example.org/list)**", []),
        ('**[a list](http://example.org/list "Title")** and _[b](x)_', []),
        ("**https://example.org/a** and __www.example.org__", []),
        ("**`code`** and ~~`x`~~", []),
        ("**\\*note\\***", []),
        ("**[open](http://example.org/x) and never closed", ["**"]),
    ],
)
def test_unbalanced_markers(body: str, found: list[str]) -> None:
    assert unbalanced(body) == found


def test_unbalanced_agrees_with_the_renderer() -> None:
    for body in ("**line one\n\nline two**", "~~a\n\nb~~", "__x\n\ny__"):
        marker = unbalanced(body)[0]
        assert marker in shown_text(body)  # what the check reports is what a reader would see


def test_xenforo_bold_over_line_breaks_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    page = (FIXTURES / "xenforo1" / "b-stiffness-page-1.html").read_text(encoding="utf-8")
    old = "Every morning my back feels like a rusty gate for the first hour.<br />\n<br />\nShould I stretch"
    assert old in page
    new = (
        "<b>Every morning my back feels like a rusty gate.<br />\n<br />\n<i>For an hour.</i></b><br />Should I stretch"
    )
    (tmp_path / "page.html").write_text(page.replace(old, new), encoding="utf-8")
    result = run("import", tmp_path / "page.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    (data,) = threads(tmp_path).values()
    body = data["posts"][0]["body"]
    assert body.startswith("**Every morning my back feels like a rusty gate.**\n\n***For an hour.***\n\nShould I")
    assert "*" not in shown_text(body)
    assert "warning: the Markdown marker" not in result.output


def test_open_markers_are_reported_naming_the_post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    posts = [
        {
            "id": n,
            "username": f"user{n}",
            "post_number": n,
            "post_type": 1,
            "raw": raw,
            "created_at": f"2023-10-0{n}T10:00:00Z",
        }
        for n, raw in enumerate(["**Fine** post.", "A **bold start\n\nand its end** later.", "~~never closed"], 1)
    ]
    topic = {"id": 5, "title": "Markers", "slug": "markers", "post_stream": {"posts": posts}}
    (tmp_path / "t.json").write_text(json.dumps(topic), encoding="utf-8")
    result = run("import", tmp_path / "t.json", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "warning: the Markdown marker" in line]
    assert warnings == [
        "  markers-5.yml: post 2: warning: the Markdown marker '**' is left open in a paragraph and would show as"
        " written",
        "  markers-5.yml: post 3: warning: the Markdown marker '~~' is left open in a paragraph and would show as"
        " written",
    ]
