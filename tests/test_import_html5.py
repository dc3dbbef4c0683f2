"""Issue 12: saved pages are read as a browser reads them, and each post keeps its own parts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_import_helpers import FIXTURES, only_thread, run, setup_site

from mkdocs_forum_plugin.importers.dom import PostTree, css, decode_page, parse_page
from mkdocs_forum_plugin.importers.xenforo2 import POSTS

UNCLOSED = FIXTURES / "xenforo2-unclosed" / "chair-page-1.html"


def utc(day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2022, 5, day, hour, minute, tzinfo=dt.UTC)  # the page gives UTC (+0000)


def test_an_unclosed_div_keeps_the_posts_apart() -> None:
    doc = parse_page(UNCLOSED.read_bytes())
    posts = css(doc, POSTS)
    assert [p.attrs.get("data-content") for p in posts] == [f"post-7000{n}" for n in range(1, 6)]
    assert all(css(p, POSTS) == [] for p in posts)  # none inside another, as in a browser


def test_each_post_keeps_its_own_edit_date_likes_and_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", UNCLOSED, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    _name, data = only_thread(tmp_path)
    posts = data["posts"]
    assert [p["author"] for p in posts] == ["marta_k", "Dr Ilse Moreau", "teo_r", "marta_k", "quietfern"]
    assert [p.get("edited") for p in posts] == [utc(3, 9, 40), None, utc(5, 10, 20), None, utc(6, 12, 30)]
    assert [p.get("likes") for p in posts] == [None, None, None, ["teo_r", "Dr Ilse Moreau"], ["marta_k"]]
    assert [p.get("likes_total") for p in posts] == [None, None, None, None, 3]
    assert "Then check again after a week." in posts[1]["body"]
    assert "phone books" not in posts[1]["body"] and "phone books" in posts[2]["body"]
    assert posts[4]["body"].startswith('[quote="Dr Ilse Moreau, post:2"]')
    assert "[quote" not in "".join(p["body"] for p in posts[:4])


def test_own_leaves_out_a_nested_post() -> None:
    html = (
        b'<article data-author="a" data-content="post-1"><div class="message-lastEdit">mine</div>'
        b'<article data-author="b" data-content="post-2"><div class="message-lastEdit">theirs</div></article>'
        b'<div class="message-lastEdit">mine too</div></article>'
    )
    tree = PostTree(parse_page(html), POSTS)
    outer, inner = tree.posts
    found = [node.text() for node in tree.own(outer, ".message-lastEdit")]
    assert found == ["mine", "mine too"]
    assert [node.text() for node in tree.own(inner, ".message-lastEdit")] == ["theirs"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("<meta charset='iso-8859-1'><p>caf\xe9".encode("latin-1"), "caf\xe9"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>\x93q\x94'.encode("latin-1"),
            "\u201cq\u201d",
        ),
        ("\ufeff<p>caf\xe9".encode(), "caf\xe9"),
        ("<p>caf\xe9".encode(), "caf\xe9"),
        (b"<meta charset='nonsense'><p>caf\xc3\xa9", "caf\xe9"),
    ],
)
def test_page_encoding(data: bytes, expected: str) -> None:
    assert decode_page(data).endswith(expected)


def test_a_post_nested_in_a_body_is_read_once_on_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    html = UNCLOSED.read_text(encoding="utf-8")
    # Post 4 written inside post 3's body, as a page that allows raw HTML in posts could hold it.
    start = html.index(
        '<article class="message message--post js-post js-inlineModContainer  " data-author="marta_k"'
        ' data-content="post-70004"'
    )
    end = html.index("</article>\n", html.index('data-content="post-70005"') - 200) + len("</article>\n")
    post4 = html[start:end]
    html = html[:start] + html[end:]
    html = html.replace("worked for me as a footrest.", "worked for me as a footrest." + post4, 1)
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    result = run("import", tmp_path / "page.html", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    _name, data = only_thread(tmp_path)
    bodies = [p["body"] for p in data["posts"]]
    assert [p["author"] for p in data["posts"]] == ["marta_k", "Dr Ilse Moreau", "teo_r", "marta_k", "quietfern"]
    assert "footrest idea" not in bodies[2] and "footrest idea" in bodies[3]
    assert data["posts"][2].get("likes") is None and data["posts"][3]["likes"] == ["teo_r", "Dr Ilse Moreau"]
