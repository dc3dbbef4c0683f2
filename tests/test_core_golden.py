"""Golden files for rendering: tests/golden/<case>.yml in, <case>.html and <case>.problems.txt out.

Each case is a thread file rendered by ``render_thread`` as ``threads/<case>.yml``
of a small wiki: the threads in tests/golden/site/, its members.yml, a few other
files and member pages (see ``golden_site``). The HTML is stored one tag per line
(``pretty_html``) so that a change shows as a readable diff. After an intended
change of the output, run ``python -m pytest tests/test_core_golden.py --update-golden``
and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from core_helpers import (
    STORED_JPEG,
    STORED_PDF,
    STORED_THUMB,
    STORED_TXT,
    FakeSite,
    golden_media,
    render,
    render_options,
)

from mkdocs_forum_plugin.load.threads import parse_members, parse_thread
from mkdocs_forum_plugin.relate import relate

GOLDEN = Path(__file__).parent / "golden"
SITE = GOLDEN / "site"
VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])


class _Pretty(HTMLParser):
    """One start tag, end tag or text run per line, indented by nesting depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # keep entities as written: escaping is part of the output
        self.lines: list[str] = []
        self.depth = 0
        self.in_pre = 0
        self.text = ""

    def _put(self, line: str) -> None:
        self.lines.append("  " * self.depth + line)

    def _flush(self) -> None:
        # Whitespace between tags is left out, except inside <pre>; newlines in text show as "\n".
        if self.text.strip() or (self.in_pre and self.text):
            self._put(self.text.replace("\n", "\\n"))
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self._put(self.get_starttag_text() or f"<{tag}>")
        if tag not in VOID:
            self.depth += 1
            self.in_pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self._put(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if tag in VOID:
            self._put(f"</{tag}>")
            return
        self.depth -= 1
        self.in_pre -= tag == "pre"
        self._put(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_entityref(self, name: str) -> None:
        self.text += f"&{name};"

    def handle_charref(self, name: str) -> None:
        self.text += f"&#{name};"

    def handle_comment(self, data: str) -> None:
        self._flush()
        self._put(f"<!--{data}-->")


def pretty_html(html: str) -> str:
    """``html`` one tag per line; an element left open (or closed twice) is marked at the end."""
    parser = _Pretty()
    parser.feed(html)
    parser.close()
    parser._flush()
    left_open, parser.depth = parser.depth, 0
    if left_open:
        parser._put(f"<!-- unbalanced: {left_open} elements left open -->")
    return "\n".join(parser.lines) + "\n"


@dataclass(frozen=True)
class Case:
    """A golden case's site settings: the plugin options that differ from the defaults."""

    disclaimer: dict[str, Any] = field(default_factory=dict)
    relate: bool = False  # compute related threads, backlinks and similar threads with relate()
    render_tags: bool = True
    content_notes: dict[str, dict[str, str]] = field(default_factory=dict)
    language: str = "en"
    remote_images: str = "warn"


CARE_NOTES = {
    "hard-topic": {
        "title": "This thread talks about a hard topic",
        "text": "Read it when you feel ready. *Help* is near.",
    },
    "dark-days": {"title": "This post talks about very dark days", "text": ""},
}
NOTICE = {"text": "General information, **not** a diagnosis."}
CASES: dict[str, Case] = {
    "plain": Case(),
    "expert_first": Case(disclaimer={**NOTICE, "placement": "first-expert"}),
    "expert_every": Case(
        disclaimer={**NOTICE, "placement": "every-expert", "collapsible": True, "title": "Please note", "type": "note"}
    ),
    "disclaimer_top": Case(disclaimer={**NOTICE, "placement": "first-expert"}),
    "disclaimer_own_text": Case(disclaimer={**NOTICE, "placement": "bottom"}),
    "disclaimer_missing": Case(disclaimer={"text": ""}),
    "quotes": Case(),
    "likes": Case(),
    "member_details": Case(),
    "related": Case(relate=True),
    "tags": Case(),
    "edited": Case(render_tags=False),
    "links": Case(),
    "media": Case(),
    "media_block": Case(remote_images="block"),
    "hostile": Case(disclaimer={**NOTICE, "threads": "all", "placement": "top"}),
    # care: recommended answers, content notes and folded posts, review lines
    "recommended": Case(disclaimer={**NOTICE, "placement": "first-expert"}),
    "content_notes": Case(content_notes=CARE_NOTES),
    "reviewed": Case(),
    "reviewed_de": Case(language="de"),
}


def golden_site(case: str) -> tuple[FakeSite, list[str]]:
    """The wiki a case renders in, and the problems relate() found (for cases that relate)."""
    site = FakeSite(
        files={"guide.md", "images/chart.png", "images/kay.png", STORED_JPEG, STORED_THUMB, STORED_PDF, STORED_TXT},
        member_pages={"Dr Rowe": "members/dr-rowe/", "grace": "members/grace/"},
        sections={"Pain": "forums/pain/"},
        media=golden_media(),
    )
    for path in sorted(SITE.glob("*.yml")):
        if path.name != "members.yml":
            site.add(parse_thread(path.read_text(encoding="utf-8"), f"threads/{path.name}"))
    thread = site.add(parse_thread((GOLDEN / f"{case}.yml").read_text(encoding="utf-8"), f"threads/{case}.yml"))
    problems: list[str] = []
    if CASES[case].relate:
        threads = [thread, *(t for t in site.threads.values() if t is not thread)]
        # related.yml lists two threads and one lists it: related_max 4 leaves room for one similar thread.
        site.relations, found = relate(threads, set(site.threads), related_max=4)
        problems = [str(p) for p in found]
    return site, problems


def render_case(case: str) -> tuple[str, str]:
    """The case's pretty HTML and its problems, one per line."""
    settings = CASES[case]
    site, problems = golden_site(case)
    site.members = parse_members((SITE / "members.yml").read_text(encoding="utf-8"), "members.yml")
    options = render_options(
        experts=("Therapist",),
        disclaimer=settings.disclaimer,
        render_tags=settings.render_tags,
        content_notes=settings.content_notes,
        language=settings.language,
        remote_images=settings.remote_images,
        site_host="wiki.example.org",
    )
    rendered = render(site.threads[f"threads/{case}.yml"], options, site)
    problems += [str(p) for p in rendered.problems]
    return pretty_html(rendered.html), "".join(f"{p}\n" for p in problems)


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, request: pytest.FixtureRequest) -> None:
    html, problems = render_case(case)
    expected_html = GOLDEN / f"{case}.html"
    expected_problems = GOLDEN / f"{case}.problems.txt"
    if request.config.getoption("--update-golden"):
        expected_html.write_text(html, encoding="utf-8")
        expected_problems.write_text(problems, encoding="utf-8")
    assert html == expected_html.read_text(encoding="utf-8")
    assert problems == expected_problems.read_text(encoding="utf-8")


def test_every_golden_file_has_a_case() -> None:
    inputs = {p.stem for p in GOLDEN.glob("*.yml")}
    outputs = {p.name.split(".")[0] for p in [*GOLDEN.glob("*.html"), *GOLDEN.glob("*.problems.txt")]}
    assert inputs == set(CASES)
    assert outputs == set(CASES)


def test_pretty_html_keeps_tags_text_and_escapes() -> None:
    html = '<div class="a"><p>x &amp; y<br>z</p><img src="i.png"><pre>a\n  b</pre></div>'
    assert pretty_html(html) == (
        '<div class="a">\n'
        "  <p>\n"
        "    x &amp; y\n"
        "    <br>\n"
        "    z\n"
        "  </p>\n"
        '  <img src="i.png">\n'
        "  <pre>\n"
        "    a\\n  b\n"
        "  </pre>\n"
        "</div>\n"
    )


def test_pretty_html_marks_unbalanced_markup() -> None:
    assert pretty_html("<div><p>open").endswith("<!-- unbalanced: 2 elements left open -->\n")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_hostile_case_has_no_active_content() -> None:
    # The golden file shows what the page is; this says what it must never be, whatever the golden says.
    site, _ = golden_site("hostile")
    html = render(site.threads["threads/hostile.yml"], render_options(), site).html
    parser = _Tags()
    parser.feed(html)
    names = [tag for tag, _ in parser.tags]
    assert "article" in names  # the control: the parser saw the page
    assert not {"script", "iframe", "style", "svg", "object", "embed", "form", "base", "meta"} & set(names)
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler on <{tag}>"
            squeezed = "".join((value or "").split()).lower()
            assert not squeezed.startswith(("javascript:", "data:", "vbscript:")), f"script URL on <{tag}>"
            assert name != "style" or tag == "span", f"style attribute on <{tag}>"
