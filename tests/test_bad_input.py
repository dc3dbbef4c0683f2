"""Bad input on real builds: what a broken file does to `mkdocs build` and `serve`, options, hostile bodies.

Each loader message (file:line: field: message) is checked straight against the
loader in test_core_loader.py; this file keeps what needs MkDocs: the build
failing with a PluginError, error pages under serve, warnings that fail a strict
build, plugin-option errors, and what Material and the site's extensions do.

Fatal problems fail `mkdocs build`. MkDocs 1.6's ``build()`` catches the plugin's
``PluginError`` (a ``BuildError``), logs it and raises ``Abort("Aborted with a
BuildError!")`` in its place, so the tests catch ``Abort`` and read the
``PluginError`` from the exception's ``__context__``.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from bs4.element import Tag
from mkdocs.exceptions import Abort, PluginError
from sitebuild import BuildFn, Site, build_site, thread_yaml, write_site

TESTS_DIR = Path(__file__).parent

GOOD = thread_yaml("Good thread", [{"author": "ann", "body": "All is well."}])

# A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self, level: int) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


@contextmanager
def mkdocs_log() -> Iterator[_Records]:
    """Collect what MkDocs logs, also when the build raises (conftest's Site is then lost)."""
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def fatal(make_site: BuildFn, files: dict[str, str], **kwargs: object) -> str:
    """Build a site that must fail; return the PluginError's message."""
    with pytest.raises(Abort, match="BuildError") as info:
        make_site(files, **kwargs)
    error = info.value.__context__
    assert isinstance(error, PluginError), f"expected a PluginError behind the Abort, got {error!r}"
    assert "/docs/" not in str(error), "paths in messages are relative to docs/"
    return str(error)


def fatal_root(tmp_path: Path) -> str:
    """Build an already written site (tmp_path) that must fail; return the PluginError's message."""
    with pytest.raises(Abort, match="BuildError") as info:
        build_site(tmp_path)
    error = info.value.__context__
    assert isinstance(error, PluginError), f"expected a PluginError behind the Abort, got {error!r}"
    assert "/docs/" not in str(error), "paths in messages are relative to docs/"
    return str(error)


def y(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def plugin_warnings(site: Site) -> list[str]:
    """The WARNING messages, without the "mkdocs_forum_plugin: " prefix MkDocs' plugin logger adds."""
    return [m.removeprefix("mkdocs_forum_plugin: ") for m in site.warnings()]


def author_names(root: Tag) -> list[str]:
    """Author names of the posts under ``root``: their headings without screen-reader-only text and ", post N"."""
    names = []
    for found in root.select(".forum-post > h2"):
        heading = copy.copy(found)
        for extra in heading.select(".forum-visually-hidden, :scope > a:last-child"):
            extra.decompose()
        names.append(heading.get_text(strip=True))
    return names


def on_attributes(root: Tag | BeautifulSoup) -> list[Tag]:
    """Elements that carry an event-handler attribute."""
    return root.find_all(lambda t: any(a.lower().startswith("on") for a in t.attrs))


def text_of(tag: Tag | None, strip: bool = False) -> str:
    """The text of an element that must exist."""
    assert tag is not None, "element not found"
    return tag.get_text(strip=strip)


def attribute(tag: Tag, name: str) -> str:
    """An attribute's value as one string (bs4 gives multi-valued ones such as class as a list)."""
    value = tag[name]
    return value if isinstance(value, str) else " ".join(value)


def bodies(site: Site, url: str) -> list[Tag]:
    found = site.content(url).select(".forum-post > div")
    assert found, f"no post bodies on {url}"
    return found


# ----------------------------------------------------------------------------------------
# Fatal in `mkdocs build`
# ----------------------------------------------------------------------------------------


def test_non_utf8_file_names_the_line_of_the_bad_byte(make_site: BuildFn, tmp_path: Path) -> None:
    write_site(tmp_path, {"threads/ok.yml": GOOD})
    raw = "title: Latin-1\nposts:\n  - author: ann\n    body: caf\xe9 au lait\n".encode("latin-1")
    (tmp_path / "docs" / "threads" / "latin.yml").write_bytes(raw)
    msg = fatal_root(tmp_path)
    assert "threads/latin.yml:" in msg
    assert "not UTF-8" in msg
    assert msg.startswith("threads/latin.yml:4: "), msg


def test_broken_members_file_fails_the_build(make_site: BuildFn) -> None:
    members = y(
        """
        ann:
          role: Doctor
          colour: red
        """
    )
    msg = fatal(make_site, {"members.yml": members, "threads/a.yml": GOOD})
    assert "members.yml:3: ann.colour: unknown key 'colour'" in msg


def test_thread_page_collides_with_markdown_page(make_site: BuildFn) -> None:
    msg = fatal(make_site, {"threads/a.md": "# Written page\n", "threads/a.yml": GOOD})
    assert "threads/a.yml:1: 'threads/a.md' already exists; rename one of the two files" in msg


def test_thread_page_collides_with_other_thread_file(make_site: BuildFn) -> None:
    msg = fatal(make_site, {"threads/a.yaml": GOOD, "threads/a.yml": GOOD})
    assert ":1: 'threads/a.md' already exists" in msg
    assert "threads/a.yml:1:" in msg or "threads/a.yaml:1:" in msg


def test_every_broken_file_is_reported_in_one_error(make_site: BuildFn) -> None:
    msg = fatal(
        make_site,
        {
            "threads/a.yml": "title: A\ncolour: red\nposts:\n  - author: ann\n    body: Hi\n",
            "threads/b.yml": "",
            "threads/c.yml": GOOD,
        },
    )
    assert "threads/a.yml:2: colour: unknown key 'colour'" in msg
    assert "threads/b.yml:1: the file is empty" in msg
    assert "threads/c.yml" not in msg


CONTROL = "holds a control character (U+{:04X}), which a one-line field cannot have; remove it"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                "threads/nul.yml": 'title: N\nsource: "https://o.example/a\\0b/"\nposts:\n  - {author: a, body: b}\n',
                "threads/esc.yml": 'title: "Esc \\e[2J"\nposts:\n  - {author: ann, body: Hi}\n',
            },
            [f"threads/esc.yml:1: title: {CONTROL.format(0x1B)}", f"threads/nul.yml:2: source: {CONTROL.format(0)}"],
        ),
        (
            {"members.yml": '"ann\\x9b":\n  role: Member\n', "threads/a.yml": GOOD},
            [f"members.yml:1: a member's name {CONTROL.format(0x9B)}"],
        ),
    ],
    ids=["thread-files", "members-file"],
)
def test_control_characters_in_one_line_fields_fail_the_build_with_file_line_field(
    make_site: BuildFn, files: dict[str, str], expected: list[str]
) -> None:
    # Issue 18: a NUL in `source` with redirects on was a ValueError ("embedded null byte") with a traceback.
    msg = fatal(make_site, files, plugin={"redirects": True})
    assert [line for line in msg.splitlines() if ": " in line] == expected
    assert not re.search("[\x00-\x1f\x7f-\x9f]", msg.replace("\n", ""))


@pytest.mark.parametrize("command", ["build", "gh-deploy"])
def test_broken_thread_fails_build_and_gh_deploy(make_site: BuildFn, command: str) -> None:
    text = "title: A\nposts:\n  - body: Hi\n"
    with mkdocs_log() as log:
        msg = fatal(make_site, {"threads/a.yml": text}, command=command)
    assert "threads/a.yml:3: posts[1].author: required field 'author' is missing" in msg
    assert any("threads/a.yml:3: posts[1].author" in m for m in log.messages(logging.ERROR))


# ----------------------------------------------------------------------------------------
# Plugin options in mkdocs.yml
# ----------------------------------------------------------------------------------------


def config_errors(tmp_path: Path, plugin: dict[str, object]) -> str:
    write_site(tmp_path, {"threads/a.yml": GOOD}, plugin)
    with mkdocs_log() as log, pytest.raises(Abort, match="Aborted with a configuration error!"):
        build_site(tmp_path)
    errors = log.messages(logging.ERROR)
    assert errors, "a configuration error must be logged"
    return "\n".join(errors)


def test_unknown_plugin_option(tmp_path: Path) -> None:
    errors = config_errors(tmp_path, {"expertz": ["Doctor"]})
    assert "expertz" in errors
    assert "Unrecognised configuration name" in errors


def test_unknown_disclaimer_option(tmp_path: Path) -> None:
    errors = config_errors(tmp_path, {"disclaimer": {"text": "Not advice.", "placment": "top"}})
    assert "disclaimer" in errors
    assert "placment" in errors


def test_invalid_disclaimer_placement(tmp_path: Path) -> None:
    errors = config_errors(tmp_path, {"disclaimer": {"text": "Not advice.", "placement": "sideways"}})
    assert "placement" in errors
    assert "sideways" in errors


def test_invalid_admonition_type(tmp_path: Path) -> None:
    errors = config_errors(tmp_path, {"disclaimer": {"text": "Not advice.", "type": "warn ing"}})
    assert "type" in errors
    assert "'warn ing' is not an admonition type name" in errors


def test_valid_admonition_type_with_dash_is_accepted(make_site: BuildFn) -> None:
    site = make_site(
        {"threads/a.yml": thread_yaml(disclaimer=True)},
        plugin={"disclaimer": {"text": "Not advice.", "type": "medical-note", "placement": "top"}},
    )
    notice = site.content("threads/a/").select_one(".forum-disclaimer")
    assert notice is not None
    assert "medical-note" in notice["class"]


# ----------------------------------------------------------------------------------------
# `mkdocs serve`: broken files become error pages
# ----------------------------------------------------------------------------------------

BROKEN = y(
    """
    title: Soon fixed
    posts:
      - author: ann
        body: First.
      - body: Second, by nobody.
    """
)


def test_serve_shows_error_page_and_recovers(make_site: BuildFn, tmp_path: Path) -> None:
    good = thread_yaml("Good thread", [{"author": "ann", "body": "All is well."}], related=["bad.yml"])
    site = make_site({"threads/bad.yml": BROKEN, "threads/good.yml": good}, command="serve")

    error = site.content("threads/bad/").select_one(".forum-error")
    assert error is not None
    assert "threads/bad.yml:5: posts[2].author: required field 'author' is missing" in error.get_text()
    assert not site.content("threads/bad/").select(".forum-post")

    ok = site.content("threads/good/")
    assert text_of(ok.h1, strip=True) == "Good thread"
    assert text_of(ok.select_one(".forum-post > div"), strip=True) == "All is well."
    assert not ok.select(".forum-error")

    assert any("threads/bad.yml:5: posts[2].author" in m for m in site.messages(logging.ERROR))
    assert site.warnings() == []  # the related link to the broken thread is not reported as missing

    fixed = BROKEN.replace("  - body: Second, by nobody.", "  - author: bob\n    body: Second, by bob.")
    (tmp_path / "docs" / "threads" / "bad.yml").write_text(fixed, encoding="utf-8")
    again = build_site(tmp_path, command="serve")
    page = again.content("threads/bad/")
    assert not page.select(".forum-error")
    assert text_of(page.h1, strip=True) == "Soon fixed"
    assert author_names(page) == ["ann", "bob"]
    assert again.messages(logging.ERROR) == []


def test_serve_keeps_going_past_a_broken_members_file(make_site: BuildFn) -> None:
    site = make_site(
        {"members.yml": "ann:\n  colour: red\n", "threads/a.yml": GOOD},
        command="serve",
    )
    assert any("members.yml:2: ann.colour: unknown key 'colour'" in m for m in site.messages(logging.ERROR))
    assert text_of(site.content("threads/a/").h1, strip=True) == "Good thread"


# ----------------------------------------------------------------------------------------
# Warnings: the build succeeds, and fails with strict: true
# ----------------------------------------------------------------------------------------


def assert_strict_fails(tmp_path: Path, warnings: int = 1) -> None:
    with pytest.raises(Abort, match=rf"Aborted with {warnings} warnings in strict mode!"):
        build_site(tmp_path, strict=True)


def test_related_names_a_missing_thread(make_site: BuildFn, tmp_path: Path) -> None:
    text = y(
        """
        title: Related
        related:
          - other.yml
          - nope.yml
        posts:
          - author: ann
            body: Hi
        """
    )
    site = make_site({"threads/a.yml": text, "threads/other.yml": GOOD})
    assert plugin_warnings(site) == [
        "threads/a.yml:4: related[2]: related thread 'nope.yml' not found (no such thread file in docs/)"
    ]
    related = site.content("threads/a/").select(".forum-related a")
    assert [a.get_text(strip=True) for a in related] == ["Good thread"]
    assert_strict_fails(tmp_path)


def test_quote_of_a_missing_post(make_site: BuildFn, tmp_path: Path) -> None:
    text = y(
        """
        title: Quotes
        posts:
          - author: ann
            body: First.
          - author: bob
            body: |
              I agree.

              [quote="ann, post:9"]
              Something nobody wrote here.
              [/quote]

              [quote="ann, post:1"]
              First.
              [/quote]
        """
    )
    site = make_site({"threads/q.yml": text})
    assert plugin_warnings(site) == ["threads/q.yml:9: posts[2].body: quotes post 9, but this thread has 2 posts"]
    attributions = site.content("threads/q/").select("#post-2 .forum-quote > p:first-child")
    assert [a.get_text(strip=True) for a in attributions] == ["ann wrote:", "ann wrote:"]
    assert attributions[0].find("a") is None
    link = attributions[1].find("a")
    assert link is not None
    assert link["href"] == "#post-1"
    assert_strict_fails(tmp_path)


def test_body_link_to_a_missing_thread(make_site: BuildFn, tmp_path: Path) -> None:
    text = y(
        """
        title: Links
        posts:
          - author: ann
            body: |
              See [x](nope.yml) and [y](other.yml).
        """
    )
    site = make_site({"threads/a.yml": text, "threads/other.yml": GOOD})
    assert plugin_warnings(site) == [
        "threads/a.yml:5: posts[1].body: links to 'nope.yml', which is not a file of this wiki"
    ]
    hrefs = {a.get_text(strip=True): a["href"] for a in bodies(site, "threads/a/")[0].find_all("a")}
    assert hrefs["y"] == "../other/"
    assert_strict_fails(tmp_path)


def test_body_link_to_a_post_the_other_thread_does_not_have(make_site: BuildFn, tmp_path: Path) -> None:
    text = y(
        """
        title: Links
        posts:
          - author: ann
            body: |
              See [the answer](other.yml#post-1),
              and [this one](other.yml#post-9).
        """
    )
    site = make_site({"threads/a.yml": text, "threads/other.yml": GOOD})
    assert plugin_warnings(site) == [
        "threads/a.yml:6: posts[1].body: links to 'other.yml#post-9', but that thread has 1 post"
    ]
    hrefs = [a["href"] for a in bodies(site, "threads/a/")[0].find_all("a")]
    assert hrefs == ["../other/#post-1", "../other/#post-9"]
    assert_strict_fails(tmp_path)


def test_disclaimer_asked_for_when_the_site_has_none(make_site: BuildFn, tmp_path: Path) -> None:
    text = y(
        """
        title: Asking for the notice
        disclaimer: true
        posts:
          - author: ann
            body: Hello.
        """
    )
    site = make_site({"threads/a.yml": text}, plugin={"disclaimer": {"text": ""}})
    assert plugin_warnings(site) == [
        "threads/a.yml:2: disclaimer: asks for the disclaimer, but the site has none (set the plugin's disclaimer.text)"
    ]
    assert site.content("threads/a/").select(".forum-disclaimer") == []
    assert_strict_fails(tmp_path)


def test_empty_post_body(make_site: BuildFn, tmp_path: Path) -> None:
    text = y(
        """
        title: Quiet
        posts:
          - author: ann
            body: Hello.
          - author: bob
            body: "  "
        """
    )
    site = make_site({"threads/a.yml": text})
    assert plugin_warnings(site) == ["threads/a.yml:6: posts[2].body: the post is empty"]
    assert len(site.content("threads/a/").select("article.forum-post")) == 2
    assert_strict_fails(tmp_path)


def test_body_picture_that_is_not_a_file(make_site: BuildFn, tmp_path: Path) -> None:
    text = y(
        """
        title: Pictures
        posts:
          - author: ann
            body: |
              Before.

              ![chart](charts/missing.png)
        """
    )
    site = make_site({"threads/a.yml": text})
    assert plugin_warnings(site) == [
        "threads/a.yml:7: posts[1].body: shows the picture 'charts/missing.png', which is not a file of this wiki"
    ]
    assert_strict_fails(tmp_path)


def test_member_avatar_that_is_not_a_file(make_site: BuildFn, tmp_path: Path) -> None:
    members = "ann:\n  role: Member\n  avatar: images/ann.png\n"
    site = make_site({"members.yml": members, "threads/a.yml": GOOD})
    assert plugin_warnings(site) == [
        "members.yml:3: ann.avatar: 'images/ann.png' is not a file in docs/ (picture paths start at docs/)"
    ]
    assert_strict_fails(tmp_path)


def test_explicit_members_file_missing(make_site: BuildFn, tmp_path: Path) -> None:
    site = make_site({"threads/a.yml": GOOD})
    assert site.warnings() == []  # the default members.yml is optional

    site = make_site({"threads/a.yml": GOOD}, plugin={"members": "people.yml"})
    assert plugin_warnings(site) == ["members file 'people.yml' not found in docs/"]
    assert_strict_fails(tmp_path)


# ----------------------------------------------------------------------------------------
# Security: bodies are untrusted
# ----------------------------------------------------------------------------------------

EVIL = """\
Normal **bold** and *em* and `code`.

<script>alert('s1')</script>

<iframe src="https://evil.example/"></iframe>

<style>body { display: none }</style>

<img src="pic.png" onerror="alert('s2')">

<a href="https://example.com/" onclick="alert('s3')">ok link</a>

[js link](javascript:alert('s4'))

[js upper](JaVaScRiPt:alert('s5'))

<a href="jav&#x09;ascript:alert('s6')">tab</a>

<a href="  javascript:alert('s7')">spaces</a>

[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

![data img](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)

<svg onload="alert('s8')"><circle r="4"/></svg>

<form action="https://evil.example/"><input name="q" autofocus onfocus="alert('s9')"></form>

<div style="position:fixed;inset:0" onmouseover="alert('s10')">hover</div>

<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">

<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">

<link rel="stylesheet" href="https://evil.example/x.css">
"""

BAD_TAGS = ("script", "iframe", "style", "svg", "object", "embed", "form", "input", "base", "meta", "link", "math")
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def _url_is_bad(value: str) -> bool:
    squeezed = "".join(ch for ch in value if ch.isprintable() and not ch.isspace()).lower()
    return squeezed.startswith(BAD_SCHEMES)


def assert_safe(root: Tag | BeautifulSoup) -> None:
    for tag in root.find_all(True):
        assert tag.name not in BAD_TAGS, f"<{tag.name}> survived: {tag}"
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"event handler survived: {tag}"
            assert name.lower() != "style", f"style attribute survived: {tag}"
            values = value if isinstance(value, list) else [value]
            if name.lower() in ("href", "src", "action", "formaction", "data", "srcset", "xlink:href"):
                assert not any(_url_is_bad(v) for v in values), f"dangerous URL survived: {tag}"


def test_body_is_sanitized(make_site: BuildFn) -> None:
    site = make_site({"threads/evil.yml": thread_yaml("Evil", [{"author": "mallory", "body": EVIL}])})
    (body,) = bodies(site, "threads/evil/")
    assert_safe(body)
    shown = body.get_text()
    assert "alert('s1')" not in shown  # script content is dropped, not shown as text
    assert "display: none" not in shown
    assert text_of(body.find("strong")) == "bold"
    assert text_of(body.find("em")) == "em"
    ok = body.find("a", string="ok link")
    assert ok is not None
    assert ok["href"] == "https://example.com/"
    img = body.find("img", src="pic.png")
    assert img is not None  # the image stays, without its handler


def test_description_from_hostile_body_stays_inside_meta_content(make_site: BuildFn) -> None:
    site = make_site({"threads/evil.yml": thread_yaml("Evil", [{"author": "mallory", "body": EVIL}])})
    page = site.html("threads/evil/")
    (meta,) = page.select('head meta[name="description"]')
    assert set(meta.attrs) == {"name", "content"}, f"the body broke out of the content attribute: {meta}"
    assert attribute(meta, "content").startswith("Normal bold and em and code")
    assert on_attributes(page) == []


def test_explicit_description_stays_inside_meta_content(make_site: BuildFn) -> None:
    thread = thread_yaml("Described", description='Quote " onmouseover="alert(1)" x="')
    site = make_site({"threads/d.yml": thread})
    (meta,) = site.html("threads/d/").select('head meta[name="description"]')
    assert set(meta.attrs) == {"name", "content"}, f"the description broke out of the content attribute: {meta}"
    assert meta["content"] == 'Quote " onmouseover="alert(1)" x="'


def test_ordinary_formatting_and_links_are_kept(make_site: BuildFn) -> None:
    body = y(
        """
        Some **strong** and *emphasis* and ~~gone~~ and `inline code`.

        - one
        - two

        1. first
        2. second

        | Col A | Col B |
        |-------|-------|
        | 1     | 2     |

        ```
        fenced = True
        ```

        # A heading

        > quoted

        Links: [web](https://example.com/page), [plain](http://example.org/),
        [thread](other.yml), [page](../guide.md#part), [mail](mailto:ann@example.com)
        and <https://auto.example.com/>.
        """
    )
    site = make_site(
        {
            "guide.md": "# Guide\n\n## Part\n",
            "threads/a.yml": thread_yaml("Formatting", [{"author": "ann", "body": body}]),
            "threads/other.yml": GOOD,
        }
    )
    (b,) = bodies(site, "threads/a/")
    assert_safe(b)
    assert text_of(b.find("strong")) == "strong"
    assert text_of(b.find("em")) == "emphasis"
    assert text_of(b.find("del")) == "gone"
    assert text_of(b.find("code")) == "inline code"
    assert [li.get_text(strip=True) for li in b.select("ul > li")] == ["one", "two"]
    assert [li.get_text(strip=True) for li in b.select("ol > li")] == ["first", "second"]
    assert [th.get_text(strip=True) for th in b.select("table th")] == ["Col A", "Col B"]
    assert [td.get_text(strip=True) for td in b.select("table td")] == ["1", "2"]
    assert text_of(b.select_one("pre code")).strip() == "fenced = True"
    assert text_of(b.find("h3"), strip=True) == "A heading"  # shifted below the page's h1 and posts' h2
    assert text_of(b.find("blockquote"), strip=True) == "quoted"
    hrefs = {a.get_text(strip=True): a["href"] for a in b.find_all("a")}
    assert hrefs["web"] == "https://example.com/page"
    assert hrefs["plain"] == "http://example.org/"
    assert hrefs["thread"] == "../other/"
    assert hrefs["page"] == "../../guide/#part"
    assert hrefs["mail"] == "mailto:ann@example.com"
    assert hrefs["https://auto.example.com/"] == "https://auto.example.com/"
    assert site.warnings() == []


def test_metadata_fields_are_escaped_and_get_no_script_urls(make_site: BuildFn) -> None:
    members = y(
        """
        "<img src=x onerror=alert(11)>":
          role: "<b onclick=alert(12)>Doc</b>"
          url: "https://example.org/?q=alert(13)&x=1"
          memorial: "<script>alert(14)</script>"
        """
    )
    thread = thread_yaml(
        "<img src=x onerror=alert(15)>",
        [{"author": "<img src=x onerror=alert(11)>", "body": "Hi"}],
        forum="<svg onload=alert(16)>",
        tags=["<script>alert(17)</script>"],
        source="https://forum.example.org/threads/18/?a=1&b=2",
    )
    site = make_site({"members.yml": members, "threads/x.yml": thread})
    content = site.content("threads/x/")
    assert text_of(content.h1, strip=True) == "<img src=x onerror=alert(15)>"  # shown as text
    assert author_names(content) == ["<img src=x onerror=alert(11)>"]
    # Material renders page titles (header, nav, <title>) and meta values without escaping, so
    # whatever the plugin puts in a page's metadata must already be safe. Collect every problem.
    problems: list[str] = []
    for path in sorted(site.site_dir.rglob("*.html")):
        url = path.relative_to(site.site_dir).as_posix()
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        problems += [f"{url}: event handler in {t}" for t in on_attributes(page)]
        problems += [f"{url}: script URL in {t}" for t in page.find_all(href=True) if _url_is_bad(attribute(t, "href"))]
        injected = [t for t in page.find_all(["script", "svg"]) if "alert(" in str(t)]
        # JSON-LD data is inert as long as it stays JSON (no raw "<" to end the script early).
        injected = [t for t in injected if not (t.get("type") == "application/ld+json" and "<" not in (t.string or ""))]
        problems += [f"{url}: injected {t}" for t in injected]
    assert not problems, "\n".join(dict.fromkeys(" ".join(p.split()) for p in problems))


def test_site_snippets_extension_cannot_read_files(make_site: BuildFn, tmp_path: Path) -> None:
    secret = "TOP-SECRET-4f1c9a"
    (tmp_path / "docs").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(secret + " (project root)\n", encoding="utf-8")
    (tmp_path / "docs" / "secret.txt").write_text(secret + " (docs)\n", encoding="utf-8")
    thread = thread_yaml(
        "Snippets",
        [{"author": "mallory", "body": 'Look:\n\n--8<-- "secret.txt"\n\n;--8<-- "secret.txt"\n'}],
        disclaimer='--8<-- "secret.txt"',
    )
    site = make_site(
        {"index.md": '# Home\n\n--8<-- "secret.txt"\n', "threads/s.yml": thread},
        markdown_extensions=[{"pymdownx.snippets": {"base_path": [str(tmp_path), str(tmp_path / "docs")]}}],
    )
    # Control: the extension is active and finds the file for an ordinary page.
    assert secret in site.content("").get_text()
    page = (site.site_dir / "threads" / "s" / "index.html").read_text(encoding="utf-8")
    assert secret not in page
    assert "secret.txt" in bodies(site, "threads/s/")[0].get_text()


def test_site_b64_extension_does_not_inline_body_images(make_site: BuildFn, tmp_path: Path) -> None:
    (tmp_path / "docs" / "img").mkdir(parents=True)
    (tmp_path / "docs" / "img" / "pic.png").write_bytes(PNG)
    site = make_site(
        {
            "index.md": "# Home\n\n![p](img/pic.png)\n",
            "b64.yml": thread_yaml("Image", [{"author": "ann", "body": "![p](img/pic.png)"}]),
        },
        markdown_extensions=[{"pymdownx.b64": {"base_path": str(tmp_path / "docs")}}],
    )
    # Control: the extension inlines the image of an ordinary page.
    home = site.content("").find("img")
    assert home is not None
    assert attribute(home, "src").startswith("data:image/png;base64,")
    img = bodies(site, "b64/")[0].find("img")
    assert img is not None
    assert not attribute(img, "src").startswith("data:")
    assert "base64" not in str(site.content("b64/"))


def test_pathological_brackets_build_and_show(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "threads/brackets.yml": thread_yaml(
                "Brackets",
                [{"author": "ann", "body": "[" * 50_000}, {"author": "bob", "body": "[a](" * 12_000}],
            )
        },
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code = "import sys; from pathlib import Path; from sitebuild import build_site; build_site(Path(sys.argv[1]))"
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=TESTS_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard, not a timing assertion
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = bodies(Site(tmp_path), "threads/brackets/")
    assert first.get_text().strip() == "[" * 50_000
    assert second.get_text().strip() == "[a](" * 12_000


def _snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file and folder under ``folder`` with its size, mtime and content hash."""
    snap: dict[str, tuple[int, int, str]] = {}
    for p in sorted(folder.rglob("*")):
        stat = p.stat()
        digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        snap[p.relative_to(folder).as_posix()] = (stat.st_size if p.is_file() else 0, stat.st_mtime_ns, digest)
    return snap


@pytest.mark.parametrize("command", ["build", "serve"])
def test_plugin_never_writes_into_docs(tmp_path: Path, command: str) -> None:
    write_site(
        tmp_path,
        {
            "members.yml": "ann:\n  role: Doctor\n  expert: true\n",
            "threads/a.yml": thread_yaml("First", related=["b.yml"], forum="Pain"),
            "threads/b.yml": thread_yaml("Second", tags=["back"]),
            "threads/broken.yml": "title: Broken\n" if command == "serve" else GOOD,
        },
        plugin={"disclaimer": {"text": "Not advice."}},
    )
    docs = tmp_path / "docs"
    before = _snapshot(docs)
    site = build_site(tmp_path, command=command)
    assert (site.site_dir / "threads" / "a" / "index.html").is_file()
    assert _snapshot(docs) == before
