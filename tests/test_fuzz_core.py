"""Fuzz tests (hypothesis) of everything that reads untrusted text: loader, renderer, quotes, excerpts, privacy.

CI runs a few hundred examples of each. A longer run: ``FUZZ_EXAMPLES=20000 python -m pytest -q -k fuzz``.
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from urllib.parse import unquote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_forum_plugin.file_names import fit_name
from mkdocs_forum_plugin.load.threads import parse_members, parse_thread
from mkdocs_forum_plugin.model import Post, Thread
from mkdocs_forum_plugin.privacy import Pseudonymizer
from mkdocs_forum_plugin.problems import ThreadFileError
from mkdocs_forum_plugin.render.body import BodyRenderer
from mkdocs_forum_plugin.render.excerpt import excerpt, html_text, plain_text
from mkdocs_forum_plugin.render.quotes import Quote, split_quotes
from mkdocs_forum_plugin.render.sections import SLUG_BYTES, slugify

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # timing is a benchmark's job (benchmarks/hostile.py), not a test's
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 150,  # CI sees the same examples on every run
)

# Markdown, BBCode and HTML punctuation, addresses with non-ASCII letters, and ordinary text.
PIECES = [
    "[",
    "]",
    "(",
    ")",
    "`",
    "```",
    "~~~",
    "*",
    "**",
    "_",
    "~~",
    "<",
    ">",
    "> ",
    "#",
    "- ",
    "1. ",
    "|",
    "\\",
    "&",
    "&amp;",
    "!",
    "@",
    "\n",
    "\n\n",
    "    ",
    "\t",
    '[quote="ann, post:1"]',
    "[quote=",
    "[quote]",
    "[/quote]",
    "[QUOTE = 'Bo']",
    "http://x.org/ä",
    "www.x.org/é",
    "https://x.org/a…",
    "”",
    "mail@x.org",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[link](javascript:alert(1))",
    "<a href='javascript:alert(2)'>x</a>",
    "<svg><animate onbegin=alert(3)>",
    "\x00",
    "\x03Q1\x03",
    "\u202e",
    "é",
    "שלום",
    "🙂",
    "word",
    " ",
]
BODIES = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=60).map("".join)
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class _Unsafe(HTMLParser):
    """Collects what a browser could run: script-like tags, event handlers, and links of other schemes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "svg", "math", "iframe", "object", "embed", "form", "base", "meta", "link"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src") and value is not None:
                address = re.sub(r"[\x00-\x20]", "", value).lower()
                scheme = re.match(r"[a-z][a-z0-9+.-]*:", address)
                if scheme and not address.startswith(SAFE_SCHEMES):
                    self.found.append(f"{tag}[{name}={value}]")


def unsafe(html: str) -> list[str]:
    """What in ``html`` could run in a reader's browser."""
    parser = _Unsafe()
    parser.feed(html)
    parser.close()
    return parser.found


@FUZZ
@given(BODIES)
def test_fuzz_renderer_never_raises_and_stays_safe(body: str) -> None:
    rendered = BodyRenderer().render(body, 3)
    assert unsafe(rendered.html) == []
    html_text(rendered.html)


@FUZZ
@given(BODIES)
def test_fuzz_quotes_keep_every_character_outside_tags(body: str) -> None:
    parts = split_quotes(body)

    def text_of(items: list[str | Quote]) -> int:
        return sum(len(p) if isinstance(p, str) else text_of(p.parts) for p in items)

    assert text_of(parts) <= len(body)


@FUZZ
@given(BODIES, st.integers(min_value=1, max_value=400))
def test_fuzz_excerpts(body: str, chars: int) -> None:
    text = plain_text(body)
    assert "\n" not in text
    assert len(excerpt(body, chars)) <= max(chars, 0) + 1


YAML_PIECES = [
    "title: ",
    "posts:\n",
    "- author: ",
    "  body: ",
    "  body: |\n    ",
    "  expert: ",
    "  likes: [",
    "  likes_total: ",
    "  date: ",
    "  kind: ",
    "tags: [a, b]\n",
    "related: [x.yml]\n",
    "source: ",
    "disclaimer: ",
    "!!bool ",
    "!!int ",
    "!!float ",
    "!!timestamp ",
    "!!binary ",
    "!!set ",
    "!!python/object:os.system ",
    "!!str ",
    "&a ",
    "*a ",
    "? ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "\n",
    "\n  ",
    "~",
    "yes",
    "maybe",
    "2015-01-30",
    "2015-02-30",
    "2020-01-01T10:00:00+01:00:30",
    "-1",
    "1e309",
    "\t",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\ufeff",
    "\x00",
    "\x85",
]
YAML_TEXT = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=10)), max_size=40).map("".join)


@FUZZ
@given(YAML_TEXT)
def test_fuzz_loader_gives_a_thread_or_a_located_error(text: str) -> None:
    for parse in (parse_thread, parse_members):
        try:
            parse(text, "f.yml")
        except ThreadFileError as exc:
            assert str(exc).startswith("f.yml:")
            assert exc.problem.location.line >= 1


VALID = "title: T\nposts:\n- author: ann\n  body: hi\n"


@FUZZ
@given(st.sampled_from(["title", "author", "body", "expert", "likes_total", "date"]), YAML_TEXT)
def test_fuzz_loader_any_value_in_a_valid_file(field: str, value: str) -> None:
    indent = "" if field == "title" else "  "
    line = f"{indent}{field}: {value}\n"
    text = VALID.replace(f"{indent}{field}: " + ("T" if field == "title" else ""), line.rstrip("\n"), 1)
    try:
        parse_thread(text, "f.yml")
    except ThreadFileError as exc:
        assert str(exc).startswith("f.yml:")


NAMES = st.text(alphabet=st.characters(categories=("L", "N"), include_characters="_.- "), min_size=2, max_size=12)


@FUZZ
@given(st.lists(NAMES, min_size=1, max_size=5), BODIES)
def test_fuzz_pseudonymize_hides_every_mention(names: list[str], noise: str) -> None:
    names = [n.strip() for n in names if n.strip() and not n.strip().startswith((".", "-"))]
    hide = Pseudonymizer("secret", set())
    hide.know(names)
    body = noise + " " + " ".join(f"@{n.upper()} " for n in names)  # a mention follows a space
    thread = Thread("t.yml", "T", [Post(1, names[0] if names else "x", body)])
    shown = hide.thread(thread).posts[0].body
    for name in names:
        assert f"@{name.upper()} " not in shown or hide.name(name) == name


# Issue 18: one-line fields hold no control character, and names from them fit the file system.
ESCAPES = ["\\0", "\\a", "\\t", "\\n", "\\r", "\\e", "\\x7f", "\\x85", "\\x9b", "\\N", "\\L", "\\P", "\\_", " ", "\\\\"]
QUOTED = st.lists(st.one_of(st.sampled_from(ESCAPES), st.text(max_size=6)), max_size=20).map("".join)
CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@FUZZ
@given(st.sampled_from(["title", "forum", "description", "author", "role", "tags"]), QUOTED)
def test_fuzz_one_line_fields_hold_no_control_character(field: str, value: str) -> None:
    quoted = '"' + value.replace('"', '\\"') + '"'
    post = f"  role: {quoted}\n" if field == "role" else ""
    head = {"title": f"title: {quoted}\n", "author": "title: T\n"}.get(field, f"title: T\n{field}: {quoted}\n")
    if field == "tags":
        head = f"title: T\ntags: [{quoted}]\n"
    author = quoted if field == "author" else "ann"
    text = f"{head}posts:\n- author: {author}\n{post}  body: hi\n"
    try:
        thread = parse_thread(text, "f.yml")
    except ThreadFileError as exc:
        assert str(exc).startswith("f.yml:")
        return
    values = [thread.title, thread.forum, thread.description, thread.posts[0].author, thread.posts[0].role]
    for found in [*values, *thread.tags]:
        assert found is None or not CONTROL_OR_BREAK.search(found), repr(found)


@FUZZ
@given(st.text(max_size=200), st.integers(min_value=9, max_value=300))
def test_fuzz_names_fit_the_file_system(name: str, budget: int) -> None:
    fitted = fit_name(name, budget)
    assert len(fitted.encode("utf-8")) <= budget
    assert fitted == name or name.startswith(fitted[:-9])
    slug = slugify(name)
    assert 0 < len(slug.encode("utf-8")) <= SLUG_BYTES
    assert slug == slugify(name)


# Names that cannot be ordinary words, so that privacy replaces them in running text too.
LETTERS = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzKQXøéжλ"), min_size=2, max_size=7)
UNUSUAL_NAMES = st.builds(
    lambda a, sep, b: a + sep + b, LETTERS, st.sampled_from(["_", ".", "-", " ", "7", "_2"]), LETTERS
)


def _entities(name: str, data: st.DataObject) -> str:
    """The name with some characters written as HTML entities, decimal or hexadecimal."""
    out = []
    for char in name:
        form = data.draw(st.sampled_from(["as is", "decimal", "hexadecimal"]))
        out.append({"as is": char, "decimal": f"&#{ord(char)};", "hexadecimal": f"&#x{ord(char):x};"}[form])
    return "".join(out)


def _written(name: str, data: st.DataObject, in_address: bool) -> str:
    """The name as a member might have written it: in any letter case, escaped, encoded or split by markup."""
    form = data.draw(st.sampled_from(["as is", "upper", "lower", "escaped", "entities", "percent", "split"]))
    written = name
    if form == "upper":
        written = name.upper()
    elif form == "lower":
        written = name.lower()
    elif form == "escaped":
        written = re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", name)
    elif form == "entities":
        written = _entities(name, data)
    elif form == "percent" and in_address:
        written = "".join(f"%{b:02X}" for b in name.encode("utf-8"))
    elif form == "split" and not in_address and len(name) > 2:
        cut = data.draw(st.integers(1, len(name) - 1))
        mark = data.draw(st.sampled_from(["<b></b>", "<!-- -->", "\u200b", "\u00ad"]))
        written = name[:cut] + mark + name[cut:]
    return written.replace(" ", "%20") if in_address else written  # a space would end the address


# Each construct takes the name as written in text, and as written in an address. Blocks
# (headings, quotes, lists, tables, code, reference definitions) stand between blank lines.
INLINE = [
    "{t}",
    "*{t}*",
    "**{t}**",
    "_{t}_",
    "`{t}`",
    "[{t}](https://example.org/about)",
    "[my notes](https://talk.example.com/u/{a}/summary)",
    "[profile](/members/{a}.45/)",
    "[site](https://{a}.example.org/)",
    "![{t}](https://example.org/pictures/{a}.png)",
    "<https://talk.example.com/u/{a}>",
    "see https://talk.example.com/u/{a}/summary.",
    '<abbr title="{t}">x</abbr>',
    '<a href="https://talk.example.com/u/{a}">x</a>',
    "@{t}",
]
BLOCKS = [
    "# {t}",
    "> {t}",
    "- {t}",
    "| a | b |\n|---|---|\n| x | {t} |",
    "```\n{t}\n```",
    "[notes][n]\n\n[n]: https://talk.example.com/u/{a}",
    '[quote="{t}, post: 1"]\nhi\n[/quote]',
]
_ALIAS = re.compile(r"Member [A-Z2-7]{8}")


def _readings(fragment: str) -> list[str]:
    """The rendered HTML as written, decoded, and as the words a reader sees, with the aliases left out."""
    decoded = html.unescape(fragment)
    words = " ".join(html.unescape(re.sub(r"<[^<>]*>", "", fragment)).split())
    readings = [fragment, decoded, unquote(decoded), words, words.replace("\u00ad", "")]
    return [_ALIAS.sub(" ", reading).casefold() for reading in readings]


@FUZZ
@given(st.lists(UNUSUAL_NAMES, min_size=1, max_size=3, unique_by=str.casefold), st.data())
def test_fuzz_pseudonymized_bodies_never_show_a_name(names: list[str], data: st.DataObject) -> None:
    hide = Pseudonymizer("secret", set())
    hide.know(names)
    parts = []
    for _ in range(data.draw(st.integers(1, 6))):
        name = data.draw(st.sampled_from(names))
        construct = data.draw(st.sampled_from(INLINE + BLOCKS))
        text, address = _written(name, data, False), _written(name, data, True)
        written = construct.format(t=text, a=address)
        parts.append(f"\n\n{written}\n\n" if construct in BLOCKS else written)
        parts.append(data.draw(st.sampled_from([" ", "\n", "\n\n"])))
    body = "".join(parts)
    shown = BodyRenderer().render(hide.text(body), 1)
    assert shown.failure is None
    readings = _readings(shown.html)
    for name in names:
        assert not any(name.casefold() in reading for reading in readings), (name, body, shown.html)
    assert "](" not in readings[3], (body, shown.html)  # every link is still a link
