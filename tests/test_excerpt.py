"""Plain text of a post body, as excerpts, member pages, feeds and structured data show it."""

from __future__ import annotations

import pytest

from mkdocs_forum_plugin.render.excerpt import excerpt, html_text, plain_text

TABLE = "How it went, roughly:\n\n| Months | Pain |\n|---|:---:|\n| 1 | 7 |\n| 2 | 4 |\n"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (TABLE, "How it went, roughly: Months · Pain · 1 · 7 · 2 · 4"),
        ("Months | Pain\n--- | ---\n1 | 7", "Months | Pain 1 | 7"),  # no leading pipe: no table row we read
        (
            "My toolkit:\n\n- heat pad\n- slow walks\n  after lunch\n- tea",
            "My toolkit: heat pad · slow walks after lunch · tea",
        ),
        ("Steps\n\n1. breathe\n2) stretch", "Steps · breathe · stretch"),
        ("**Bold** and [a link](https://example.org) stay words", "Bold and a link stay words"),
        ("a | b is a sentence", "a | b is a sentence"),
        ("- only\n- items", "only · items"),
        ("keep \ue001 out", "keep out"),
    ],
)
def test_plain_text_keeps_cells_and_items_apart(body: str, text: str) -> None:
    assert plain_text(body) == text


def test_no_table_pipe_reaches_an_excerpt() -> None:
    assert "|" not in excerpt(TABLE * 20, 200)


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ('<p>Have a look at <a href="x">the book</a>.</p>', "Have a look at the book."),
        ("<p>One.</p><p>Two.</p>", "One. Two."),
        ("<ul><li>a</li><li>b</li></ul><blockquote><p>q</p></blockquote>", "a b q"),
        ("line<br>next <em>e</em>m <code>x</code>, <strong>bold</strong>!", "line next em x, bold!"),
        ("<table><tr><th>h</th><td>c</td></tr></table><pre>p</pre><del>d</del>el", "h c p del"),
        ("&lt;tag&gt; &amp; <bdi>n</bdi>", "<tag> & n"),
    ],
)
def test_visible_text_joins_inline_markup_and_parts_blocks(fragment: str, text: str) -> None:
    assert html_text(fragment) == text


def test_code_spans_keep_what_the_member_wrote() -> None:
    body = "Use `</script>` and `__init__`, not **bold** or <b>tags</b>."
    assert plain_text(body) == "Use </script> and __init__, not bold or tags."
