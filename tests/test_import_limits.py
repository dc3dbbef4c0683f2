"""Issue 18, item 6: the importer takes linear time and bounded memory on any input, and names the limit it hits.

The nesting model (``nesting.measure``) is checked against lexbor's own tree;
each limit's message is checked through the command; a child process measures
the peak memory of a large input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser
from test_import_helpers import FIXTURES, only_thread, run, setup_site

from mkdocs_forum_plugin.importers.bodies import MAX_BODY_HTML, convert_fragment
from mkdocs_forum_plugin.importers.detect import MAX_INPUT_BYTES, parse_file
from mkdocs_forum_plugin.importers.dom import PostTree, parse_page
from mkdocs_forum_plugin.importers.nesting import MAX_BODY_DEPTH, MAX_DEPTH, MAX_TAGS, cut_html, measure
from mkdocs_forum_plugin.importers.records import TRUNCATED, InputError, ParseOptions
from mkdocs_forum_plugin.importers.xenforo2 import POSTS

XF2_PAGE = (FIXTURES / "xenforo2" / "desk-page-1.html").read_text(encoding="utf-8")
DISCOURSE_POST = {"id": 1, "username": "ann", "post_number": 1, "post_type": 1, "created_at": "2024-01-01T10:00:00Z"}
UNCLOSED_POST = '<article data-author="m{n}" data-content="post-{n}"><div class="bbWrapper">'
HANG_GUARD = 20.0  # seconds; the 1 MB page of nested <div> took about 60 s before, and now takes well under 1 s


def xf2_with_body(body: str) -> str:
    """The XenForo 2 fixture page with its first post's body replaced."""
    marker = '<div class="bbWrapper">'
    start = XF2_PAGE.index(marker) + len(marker)
    return XF2_PAGE[:start] + body + XF2_PAGE[XF2_PAGE.index("</div>", start) :]


def discourse(post: dict[str, object]) -> str:
    return json.dumps({"id": 5, "title": "A topic", "slug": "a-topic", "post_stream": {"posts": [post]}})


def real_depth(html: str) -> int:
    """The deepest element of lexbor's tree (``<html>`` is 1), found without recursion."""
    root = LexborHTMLParser(html).root
    assert root is not None
    depth: dict[int, int] = {}
    deepest = 0
    for node in root.traverse(include_text=False):
        parent = node.parent
        depth[node.mem_id] = depth.get(parent.mem_id, 0) + 1 if parent is not None else 1
        deepest = max(deepest, depth[node.mem_id])
    return deepest


def import_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: str | bytes) -> tuple[str, float]:
    """Import one input file into docs/threads; the command's output and how long it took."""
    setup_site(tmp_path, monkeypatch)
    source = tmp_path / name
    source.write_bytes(data.encode() if isinstance(data, str) else data)
    start = time.perf_counter()
    result = run("import", source, "--out", "docs/threads", "--no-members")
    return result.output, time.perf_counter() - start


# --- the cases of the issue -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(lambda: xf2_with_body("<div>" * 200_000), id="200,000 nested div in 1 MB"),
        pytest.param(
            lambda: xf2_with_body(
                "".join(
                    f'<article data-author="m{n}" data-content="post-{n}"><div class="bbWrapper">' for n in range(620)
                )
            ),
            id="620 unclosed nested posts",
        ),
    ],
)
def test_nested_page_is_refused_with_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: object) -> None:
    assert callable(page)
    output, seconds = import_one(tmp_path, monkeypatch, "page.html", page())
    assert seconds < HANG_GUARD, seconds
    assert f"elements are nested more than {MAX_DEPTH} deep, the importer's limit" in output, output
    assert "RecursionError" not in output and "Traceback" not in output
    assert "1 failed" in output


def test_a_page_just_within_the_depth_limit_is_imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The body is read as plain text (too deep for markdownify), the page itself is read.
    deep = "<div>" * 150 + "the words at the bottom" + "</div>" * 150
    output, _seconds = import_one(tmp_path, monkeypatch, "page.html", xf2_with_body(deep))
    assert "1 imported" in output, output
    assert f"post 1: its HTML nests elements more than {MAX_BODY_DEPTH} deep" in output
    _name, data = only_thread(tmp_path)
    assert data["posts"][0]["body"].strip() == "the words at the bottom"


def test_the_line_of_the_nesting_is_named() -> None:
    page = xf2_with_body("\n" * 3 + "<div>" * (MAX_DEPTH + 1))
    line = XF2_PAGE[: XF2_PAGE.index('<div class="bbWrapper">')].count("\n") + 4
    with pytest.raises(InputError, match=rf"^line {line}: elements are nested more than {MAX_DEPTH} deep"):
        parse_page(page.encode())


def test_too_many_tags_are_refused() -> None:
    with pytest.raises(InputError, match=f"the page has more than {MAX_TAGS:,} tags, the importer's limit"):
        parse_page(xf2_with_body("<br>" * (MAX_TAGS + 1)).encode())


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    source = tmp_path / "huge.html"
    with source.open("wb") as file:
        file.truncate(200_000_000)  # sparse: takes no room on the disk
    start = time.perf_counter()
    output = run("import", source, "--out", "docs/threads", "--no-members").output
    assert time.perf_counter() - start < HANG_GUARD
    assert f"the file has 200,000,000 bytes, more than the importer reads ({MAX_INPUT_BYTES:,} bytes)" in output


def test_a_file_at_the_size_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = xf2_with_body("x")
    padded = page.replace("</body>", " " * (MAX_INPUT_BYTES - len(page.encode()) - 8) + "</body>")
    assert len(padded.encode()) <= MAX_INPUT_BYTES
    output, _seconds = import_one(tmp_path, monkeypatch, "page.html", padded)
    assert "1 imported" in output, output


# --- post bodies are cut, and checked for depth, before they are converted ----------------------------------------


def test_a_huge_post_is_cut_before_it_is_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "<p>" + "word " * 400_000 + "</p><p>THE END</p>"
    output, _seconds = import_one(tmp_path, monkeypatch, "page.html", xf2_with_body(body))
    assert f"post 1: its HTML has {len(body):,} characters; only the first {MAX_BODY_HTML:,} were read" in output
    _name, data = only_thread(tmp_path)
    written = data["posts"][0]["body"]
    assert "THE END" not in written and written.rstrip().endswith(TRUNCATED.strip())


def test_a_cut_post_that_is_short_after_conversion_still_says_so() -> None:
    html = "<span></span>" * (MAX_BODY_HTML // 13 + 10) + "<p>never read</p>"
    converted = convert_fragment(html)
    assert converted.markdown == TRUNCATED.strip()
    assert converted.notes == [
        f"its HTML has {len(html):,} characters; only the first {MAX_BODY_HTML:,} were read"
        " (the importer's limit for one post)"
    ]


@pytest.mark.parametrize(
    ("name", "post", "note", "shown"),
    [
        (
            "deep.json",
            {**DISCOURSE_POST, "cooked": "<div>" * 5_000 + "deep words &amp; more"},
            f"post 1: its HTML nests elements more than {MAX_BODY_DEPTH} deep (the importer's limit);"
            " imported as plain text",
            "deep words & more",
        ),
        (
            "raw.json",
            {**DISCOURSE_POST, "raw": "raw words " * 60_000},
            f"post 1: its text has 600,000 characters; only the first {MAX_BODY_HTML:,} were read",
            "raw words raw words",
        ),
    ],
)
def test_discourse_post_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, post: dict[str, object], note: str, shown: str
) -> None:
    output, seconds = import_one(tmp_path, monkeypatch, name, discourse(post))
    assert seconds < HANG_GUARD
    assert "RecursionError" not in output and "1 imported" in output, output
    assert note in output
    _name, data = only_thread(tmp_path)
    assert data["posts"][0]["body"].startswith(shown)


def test_a_huge_copied_post_is_cut_before_it_is_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "many words " * 60_000
    text = f"Title\nDiscussion in 'F' started by ann, Apr 2, 2022.\n1. ann\nann Member\n{body}\nann, Apr 2, 2022 #1\n"
    output, _seconds = import_one(tmp_path, monkeypatch, "copied.txt", text)
    assert "1 imported" in output, output
    assert f"post 1: its text has 660,000 characters; only the first {MAX_BODY_HTML:,} were read" in output
    _name, data = only_thread(tmp_path)
    assert data["posts"][0]["body"].rstrip().endswith(TRUNCATED.strip())


def test_forumdl_deep_content_is_plain_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (FIXTURES / "forumdl" / "walking-after-a-flare-up.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    changed = False
    for line in lines:
        entry = json.loads(line)
        if entry["type"] == "post" and not changed:
            entry["item"]["content"] = "<b>" * 3_000 + "bold all the way down"
            changed = True
        out.append(json.dumps(entry))
    assert changed
    output, _seconds = import_one(tmp_path, monkeypatch, "t.jsonl", "\n".join(out))
    assert "RecursionError" not in output and "1 imported" in output, output
    assert f"its HTML nests elements more than {MAX_BODY_DEPTH} deep" in output


def test_markdownify_never_recurses_past_the_limit() -> None:
    # Just within the body limit: converted as HTML, with recursion to spare.
    html = "<blockquote>" * MAX_BODY_DEPTH + "inside" + "</blockquote>" * MAX_BODY_DEPTH
    converted = convert_fragment(html)
    assert converted.notes == [] and converted.markdown.endswith("inside")
    assert sys.getrecursionlimit() >= 1000


# --- the nesting model --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "depth"),
    [
        ("<div>" * 50, 52),
        ("<p>x" * 50, 3),  # each <p> closes the one before
        ("<li>x" * 50, 3),
        ("<a href=x>y" * 50, 3),
        ("<div><p>a</div>" * 30, 4),
        ("<table><td>" * 10, 42),  # with the tbody and tr a table adds
        ("<svg>" + "<path/>" * 100 + "</svg>", 3),  # self-closing inside SVG
        ("<div/>" * 20, 22),  # not self-closing in HTML
        ("<div><table><td></div>" * 10, 52),  # the </div> cannot close across the cell
        ("<div><script></div></script>" * 20, 22),  # no tags inside a script
        ("<div><!-- </div> -->" * 10, 12),
        ("<div><!--></div>" * 10, 3),  # '<!-->' is a whole comment
        ('<div a="x></div>">' * 5, 7),  # '>' inside a quoted value
        ("<b><i>x</b></i>" * 50, 4),
        ("<div>" * 10 + "<plaintext>" + "<div>" * 50, 13),
        ("<svg><div>" + "<path/>" * 6, 9),  # <div> ends the SVG: the paths after it are HTML, not void
        ("<svg>" * 5 + "<font>" * 5, 12),  # <font> ends SVG only with color, face or size
        ("<svg><font color=red>" + "<path/>" * 5, 8),
        ("<svg><foreignObject>" + "<path/>" * 4, 8),  # HTML again inside foreignObject
        ("<math>" + "<title>" * 6, 9),  # a MathML title is no integration point
        ("<form>" + "<div>" * 4 + "</form>" + "<div>" * 5, 12),  # </form> leaves what is inside it open
        ("<td>" + "<div>" * 5 + "</td>" + "<div>" * 6, 13),  # a cell outside a table is dropped
    ],
)
def test_measure_follows_the_tree_builder(html: str, depth: int) -> None:
    assert measure(html).depth == depth
    assert real_depth(html) <= depth + 2  # the model leaves out leaves (and a table's colgroup)


def split(words: str) -> list[str]:
    return words.split()


PIECES = [
    *split(
        "<div> </div> <p> </p> <li> </li> <ul> </ul> <table> </table> <tr> <td> </td> <th> <b> </b> <i> </i> <a>"
        " </a> <span> </span> <svg> </svg> <path/> <g> <div/> <script> </script> <style> <!-- --> <!--> x <br> <img>"
        " <font> </font> <select> <option> <h1> </h1> <h2> <blockquote> </blockquote> <math> <mi> <template>"
        " </template> <textarea> </textarea> <title> <![CDATA[ ]]> <dd> <dt> <dl> <button> <form> </form>"
        " <nobr> <caption> <col>"
        " <tbody> </tr> <noscript> </noscript> </body> <body> <head> <html> <em> </em> <object> <foreignObject>"
        " <iframe>"
    ),
    *['<div title="', '">', "<div title='", "'>"],
]
FUZZ = settings(
    max_examples=int(os.environ.get("FORUM_FUZZ_EXAMPLES") or os.environ.get("FUZZ_EXAMPLES") or "300"),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize(
    "html",
    [  # each found by the fuzz test below, where the model had counted five or more levels too few
        "<svg><body>" + "<font>" * 5 + "<div>" * 6,  # <body> ends the SVG
        "<math><head>" + "<div>" * 10,
        "<svg>" + "<html>" * 30 + "<div>",  # <html> in SVG is an SVG element, one level each
        "<svg></p>" + "<path/>" * 6,  # "</p>" ends the SVG, and <path/> is then HTML, not void
        "<svg></p><![CDATA[" + "<div>" * 7,  # and CDATA is then a comment to the first ">"
        "<svg><svg><foreignObject></svg>" + "<tr>" * 7,  # "</svg>" closes SVG elements only
        "<span>" + "<noscript>" * 4 + "</span>" + "<div>" * 5,  # "</span>" stops at a noscript
        "<div><noscript>" + "<div>" * 4 + "</noscript>" + "<div>" * 5,  # "</noscript>" stops at a div
        "<p><b>" + "<div>" * 5 + "</p>" + "<div>" * 7,  # a div closes the p around the b
        "<h1>" + "<div>" * 3 + "<select></h1>" + "<div>" * 5,  # a select ignores "</h1>"
        "<p><b><b><b><select>" + "<div>" * 5,  # and a div in it closes no p
        "<li><ul>" + "<div>" * 3 + "</li>" + "<div>" * 5,  # "</li>" stops at a list inside it
        "<p>" + "<path/>" * 5 + "<table>" + "<div>" * 5,  # without a doctype a table closes no p
        "<noscript>" + "<foreignObject>" * 5 + "</noscript>" + "<div>" * 6,  # lexbor stops at these too
        "<span><svg></span>" + "<path/>" * 6 + "<div>",  # "</span>" closes the svg inside it
        "<h1><div><div><math><mi></h1>" + "<div>" * 5,  # a MathML <mi> bounds the scope of "</h1>"
        "<p><b><b><p><i><i><i><div><b><b><b>",  # a div deep inside a p: the model keeps the p open
    ],
)
def test_markup_the_fuzz_test_found_is_never_counted_shallower_than_lexbor(html: str) -> None:
    assert measure(html, max_depth=10**9).depth >= real_depth(html), html


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.integers(1, 30)), max_size=12))
def test_measure_never_counts_much_shallower_than_lexbor(runs: list[tuple[str, int]]) -> None:
    # Runs of one piece: a construct the model misreads would then show as a gap growing with the run.
    html = "".join(piece * count for piece, count in runs)
    assert real_depth(html) <= measure(html, max_depth=10**9).depth + 4, html


@FUZZ
@given(st.text(alphabet="<>/=\"'abdiv !-", max_size=200), st.integers(0, 220))
def test_cut_html_never_ends_inside_a_tag(html: str, limit: int) -> None:
    cut = cut_html(html, limit)
    assert html.startswith(cut) and len(cut) <= limit
    if len(html) > limit:
        assert cut.rfind("<") <= cut.rfind(">") or cut.rfind("<") == -1


def test_measure_is_linear() -> None:
    # 400,000 tags, balanced: the model's work is per tag, never per open element.
    start = time.perf_counter()
    found = measure("<div><b>x</b></div>" * 100_000)
    assert found.tags == 400_000 and found.depth == 4 and found.over is None
    assert time.perf_counter() - start < HANG_GUARD


# --- which post an element belongs to --------------------------------------------------------------------------


def test_post_tree_finds_each_posts_own_parts() -> None:
    html = (
        '<article data-author="a" data-content="post-1"><i class="t">a1</i>'
        '<article data-author="b" data-content="post-2"><i class="t">b1</i>'
        '<article data-author="c" data-content="post-3"><i class="t">c1</i></article>'
        '<i class="t">b2</i></article><i class="t">a2</i></article>'
    )
    tree = PostTree(parse_page(html.encode()), POSTS)
    assert [[n.text() for n in tree.own(post, "i.t")] for post in tree.posts] == [["a1", "a2"], ["b1", "b2"], ["c1"]]
    assert [tree.class_index(post)["t"].text() for post in tree.posts] == ["a1", "b1", "c1"]
    outer = tree.posts[0]
    marks = tree.own(outer, "i.t")[:1]
    assert tree.inside(tree.own(outer, "i.t"), marks, outer) == [True, False]


def test_posts_nested_in_posts_keep_only_their_own_body() -> None:
    # Each body's HTML is rebuilt without the posts inside it, in time for its own part only; only the elements
    # around a nested post are rebuilt, so their attributes (this quote's) must come through.
    quote = '<blockquote class="bbCodeBlock bbCodeBlock--quote" data-quote="m9 &quot;x&quot;" data-source="post: 9">'
    nested = "".join(UNCLOSED_POST.format(n=n) + f"words of {n} " for n in range(60))
    page = xf2_with_body(f"{quote}<div>quoted text</div>{nested}THE INNERMOST</div></blockquote>")
    start = time.perf_counter()
    pages = parse_file("page.html", page.encode(), ParseOptions())
    assert time.perf_counter() - start < HANG_GUARD
    bodies = [post.body for post in pages[0].posts]
    assert bodies[1] == "words of 0" and bodies[59] == "words of 58"
    assert bodies[60] == "words of 59 THE INNERMOST"
    assert pages[0].posts[0].quotes[0].author == 'm9 "x"' and "quoted text" in bodies[0]
    assert "words of" not in bodies[0]


# --- memory -------------------------------------------------------------------------------------------------------

CHILD = """
import re, sys
from pathlib import Path
from mkdocs_forum_plugin.importers.pipeline import ImportOptions, run_import
report = run_import([Path(sys.argv[1])], ImportOptions(out=Path(sys.argv[2]), members=None, jobs=1))
assert report.imported, report.lines()
status = Path("/proc/self/status").read_text()  # VmHWM: this program's own peak, not its parent's
print(int(re.search(r"VmHWM:\\s*(\\d+)", status).group(1)) // 1024)
"""
MEMORY_BOUND_MB = 300  # for a 5 MB post of paragraphs, bold words and links; before, it took 440 MB (and 40 s)


def test_memory_of_a_page_with_one_huge_post(tmp_path: Path) -> None:
    paragraph = '<p>back <b>pain</b> and <a href="https://x.example/a">a link</a></p>'
    source = tmp_path / "page.html"
    source.write_text(xf2_with_body(paragraph * (5_000_000 // len(paragraph))), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent.parent), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(source), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=300,
    )
    peak = int(done.stdout.strip().splitlines()[-1])
    assert peak < MEMORY_BOUND_MB, peak
