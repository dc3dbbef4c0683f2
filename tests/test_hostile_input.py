"""Issue 9: no post, file or forum page can crash, hang or replace a page (regressions, one per failure)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from conftest import BuildFn, thread_yaml

from mkdocs_forum_plugin.load import yaml_nodes
from mkdocs_forum_plugin.load.threads import parse_members, parse_thread
from mkdocs_forum_plugin.problems import ThreadFileError
from mkdocs_forum_plugin.render import body as body_module
from mkdocs_forum_plugin.render import markdown as markdown_module
from mkdocs_forum_plugin.render.body import BodyRenderer


def _error(text: str, parse: Callable[[str, str], object] = parse_thread) -> str:
    with pytest.raises(ThreadFileError) as info:
        parse(text, "t.yml")
    return str(info.value)


POST = "title: T\nposts:\n- author: ann\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            POST + "  expert: !!bool maybe\n  body: hi\n",
            "t.yml:4: posts[1].expert: expected true or false, found 'maybe'",
        ),
        (
            POST + "  likes_total: !!int ''\n  body: hi\n",
            "t.yml:4: posts[1].likes_total: expected a whole number of 0 or more, found ''",
        ),
        (
            POST + "  likes_total: !!float ''\n  body: hi\n",
            "t.yml:4: posts[1].likes_total: expected a whole number of 0 or more, found ''",
        ),
        (
            "title: T\ndate: !!timestamp yesterday\nposts:\n- {author: a, body: b}\n",
            "t.yml:2: date: expected a date such as 2015-01-30, found 'yesterday'",
        ),
        ("? [a, b]\n: c\ntitle: T\n", "t.yml:1: a key must be a plain name, not a list or a mapping"),
        (
            POST + "  kind: admin\n  body: hi\n",
            "t.yml:4: posts[1].kind: expected one of post, moderator, found 'admin'",
        ),
        (
            "title: T\nposts: " + "[" * 100_000,
            "t.yml:2: lists and mappings are nested more than 50 levels deep",
        ),
        ("title: T\nposts: " + "{a: " * 100_000, "t.yml:2: lists and mappings are nested more than 50 levels deep"),
    ],
)
def test_tagged_and_deep_yaml_gets_file_line_field(text: str, message: str) -> None:
    assert _error(text) == message


def yaml_module_c() -> Any:
    """PyYAML's libyaml module, or None without libyaml."""
    return getattr(yaml, "_yaml", None) if yaml.__with_libyaml__ else None


DEEP = [
    ("title: T\nposts: " + "[" * 100_000, 2),
    ("title: T\nposts: " + "{a: " * 100_000, 2),
    ("title: T\nposts: " + "[\n" * 2_000, 51),
    ("title: T\nposts:\n" + "".join(" " * i + "- \n" for i in range(1_200)), 52),
    ("title: T\nposts: [{author: a, body: b}]\nx: " + "[" * 1_500, 3),
]


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize(("text", "line"), DEEP, ids=["flow", "flow-mapping", "lines", "block", "late"])
def test_deep_nesting_gets_one_message_from_either_parser(
    monkeypatch: pytest.MonkeyPatch, parser: str, text: str, line: int
) -> None:
    # PyYAML 6.0.4's libyaml refuses 1,000 levels itself, while scanning ahead; 6.0.3's does not,
    # and PyYAML without libyaml has neither limit. The message is the loader's own on each.
    if parser == "python":
        monkeypatch.setattr(yaml_nodes, "_Parser", yaml_nodes._PyParser)
        monkeypatch.setattr(yaml_nodes, "_Loader", yaml_nodes._PyLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("this PyYAML has no libyaml")
    assert _error(text) == f"t.yml:{line}: lists and mappings are nested more than 50 levels deep"


class RefusingParser:
    """Stands for libyaml 0.2.6 (PyYAML 6.0.4), which refuses deep nesting before handing over any event."""

    def __init__(self, text: str) -> None:
        self.text = text

    def check_event(self) -> bool:
        raise yaml.scanner.ScannerError("while increasing flow level", None, "exceeded maximum nesting depth", None)

    def dispose(self) -> None:
        pass


def test_a_parser_that_refuses_nesting_itself_gets_the_loaders_message(monkeypatch: pytest.MonkeyPatch) -> None:
    # Whatever PyYAML is installed here, the file is read again without libyaml, and the message is the loader's.
    monkeypatch.setattr(yaml_nodes, "_Parser", RefusingParser)
    expected = "t.yml:2: lists and mappings are nested more than 50 levels deep"
    assert _error("title: T\nposts: " + "[" * 100_000) == expected


@pytest.mark.skipif(not hasattr(yaml_module_c(), "_set_max_nest_level"), reason="libyaml without a nesting limit")
def test_libyaml_nesting_limit_below_the_loaders_still_reads_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # libyaml's limit is global to the process: another library may lower it under the loader's.
    c_yaml = yaml_module_c()
    before = c_yaml._get_max_nest_level()
    c_yaml._set_max_nest_level(2)
    try:
        thread = parse_thread("title: T\nposts:\n- author: ann\n  likes: [bob]\n  body: hi\n", "t.yml")
    finally:
        c_yaml._set_max_nest_level(before)
    assert thread.posts[0].likes == ["bob"]


def test_a_timestamp_with_offset_seconds_loads() -> None:
    # yaml.safe_dump writes such a tag itself for a UTC offset with seconds.
    thread = parse_thread(POST + "  date: !!timestamp 2020-01-01T10:00:00+01:00:30\n  body: hi\n", "t.yml")
    assert isinstance(thread.posts[0].date, dt.datetime)
    assert thread.posts[0].date.utcoffset() is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a:\n  expert: !!bool maybe\n", "t.yml:2: a.expert: expected true or false, found 'maybe'"),
        ("? [a]\n: {role: x}\n", "t.yml:1: a key must be a plain name, not a list or a mapping"),
        ("'': {role: x}\n", "t.yml:1: a member's name must not be empty"),
    ],
)
def test_members_file_tags_and_keys(text: str, message: str) -> None:
    assert _error(text, parse_members) == message


class FakePanic(BaseException):
    """Stands for pyo3's PanicException, which derives from BaseException."""


def test_a_renderer_panic_shows_the_post_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def panic(text: str) -> str:
        raise FakePanic("index out of bounds")

    monkeypatch.setattr(body_module, "markdown_html", panic)
    rendered = BodyRenderer().render("Use <b>this</b>\nline two\n\nnext", 1)
    assert rendered.failure == "FakePanic: index out of bounds"
    assert rendered.html == "<p>Use &lt;b&gt;this&lt;/b&gt;<br>line two</p><p>next</p>"


def test_interrupts_are_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(text: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(body_module, "markdown_html", stop)
    with pytest.raises(KeyboardInterrupt):
        BodyRenderer().render("hello", 1)


def test_a_renderer_panic_is_a_warning_and_the_page_is_built(
    make_site: BuildFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = markdown_module.markdown_html

    def panic_on_marker(text: str) -> str:
        if "PANIC" in text:
            raise FakePanic("boom")
        return original(text)

    monkeypatch.setattr(body_module, "markdown_html", panic_on_marker)
    posts = [{"author": "ann", "body": "Fine."}, {"author": "bob", "body": "one\nPANIC <i>here</i>"}]
    site = make_site({"threads/a.yml": thread_yaml(posts=posts)})
    assert site.warnings() == [
        "mkdocs_forum_plugin: threads/a.yml:6: posts[2].body: could not be rendered as Markdown (FakePanic: boom);"
        " the post is shown as plain text"
    ]
    post = site.content("threads/a/").select_one("#post-2 > div")
    assert post is not None
    assert post.get_text() == "onePANIC <i>here</i>"
    assert post.find("i") is None


# The inputs that crashed markdown-it-pyrs 0.4.0 with a Rust panic.
PANICS = ["Use [` for that", "see http://x.org/ä now", "www.x.org/é", "at http://x.org/a… then", "http://x.org/a” x"]


@pytest.mark.parametrize("text", PANICS)
def test_known_panics_build(make_site: BuildFn, text: str) -> None:
    site = make_site({"threads/a.yml": thread_yaml(posts=[{"author": "ann", "body": text}])})
    body = site.content("threads/a/").select_one("#post-1 > div")
    assert body is not None
    assert " ".join(body.get_text().split()) == " ".join(text.split())
    assert site.warnings() == []  # rendered as Markdown, not as the plain-text fallback


def test_quotes_nest_at_most_sixteen_deep_per_line() -> None:
    rendered = BodyRenderer().render(">" * 40_000 + " deep", 1)
    assert rendered.failure is None
    assert rendered.html.count("<blockquote>") == 16
    assert rendered.html.count("&gt;") == 40_000 - 16


def test_raw_html_nested_too_deep_is_shown_as_text() -> None:
    rendered = BodyRenderer().render("<ul><li>" * 5_000, 1)
    assert rendered.failure == "its HTML nests 10000 levels deep; the limit is 64"
    assert rendered.html.startswith("<p>&lt;ul&gt;&lt;li&gt;")


@pytest.mark.parametrize(
    ("body", "links"),
    [
        (
            "See www.example.org/help or https://example.com/x?a=1&b=2.",
            ["http://www.example.org/help", "https://example.com/x?a=1&b=2"],
        ),
        ("Write to help@example.org", ["mailto:help@example.org"]),
        ("Open notes.md or example.org", []),  # a bare domain is too often no address
        ("`https://in.code/x` and [named](https://named.example/)", ["https://named.example/"]),
        ("http://x.org/ä… and www.x.org/é", ["http://x.org/ä…", "http://www.x.org/é"]),
    ],
)
def test_bare_addresses_become_links(body: str, links: list[str]) -> None:
    rendered = BodyRenderer().render(body, 1).html
    found = [html.unescape(href) for href in re.findall(r'href="([^"]*)"', rendered)]
    assert found == links


def test_redirects_never_crash_on_files_the_site_has(make_site: BuildFn) -> None:
    files = {
        "threads/a.yml": thread_yaml("A", source="https://forum.example/sitemap.xml"),
        "threads/b.yml": thread_yaml("B", source="https://forum.example/search/search_index.json"),
        "threads/c.yml": thread_yaml("C", source="https://forum.example/threads/old.1/"),
        "threads/d.yml": thread_yaml("D", source="https://forum.example/threads/old.1/"),
        "threads/e.yml": thread_yaml("E", source="https://forum.example/threads/a/"),
        "threads/f.yml": thread_yaml("F", source="https://forum.example/threads/a/index.html/x"),
    }
    site = make_site(files, plugin={"redirects": True})
    warnings = sorted(site.warnings())
    prefix = "mkdocs_forum_plugin: "
    assert warnings == [
        prefix + "threads/a.yml: no redirect from 'https://forum.example/sitemap.xml': 'sitemap.xml' is a file of"
        " the built site",
        prefix + "threads/b.yml: no redirect from 'https://forum.example/search/search_index.json':"
        " 'search/search_index.json' is a file of the built site",
        prefix + "threads/d.yml: no redirect from 'https://forum.example/threads/old.1/': 'threads/old.1/index.html'"
        " is the redirect of threads/c.yml",
        prefix + "threads/e.yml: no redirect from 'https://forum.example/threads/a/': 'threads/a/index.html' is the"
        " page of threads/a.yml",
        prefix + "threads/f.yml: no redirect from 'https://forum.example/threads/a/index.html/x':"
        " 'threads/a/index.html' is the page of threads/a.yml",
    ]
    assert (site.site_dir / "sitemap.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert "c/" in (site.site_dir / "threads/old.1/index.html").read_text(encoding="utf-8")
    assert site.content("threads/a/").h1 is not None


def test_a_thread_file_at_a_section_page_address_keeps_it(make_site: BuildFn) -> None:
    files = {
        "forums/general.yml": thread_yaml("Called general"),
        "threads/b.yml": thread_yaml("Another"),
    }
    site = make_site(files)
    assert site.warnings() == [
        "mkdocs_forum_plugin: 'forums/general.yml' has the address 'forums/general/' of the section page of"
        " 'General', which is at 'forums/general-2/' instead; rename one of them"
    ]
    assert site.content("forums/general/").h1.get_text() == "Called general"  # type: ignore[union-attr]
    listing = site.content("forums/general-2/")
    assert [a.get_text() for a in listing.select(".forum-listing__title a")] == ["Another", "Called general"]
    overview = site.content("forums/")
    assert [a["href"] for a in overview.select("li > strong > a")] == ["general-2/"]


def test_thread_files_at_member_page_and_index_addresses_keep_them(make_site: BuildFn) -> None:
    files = {
        "members/ann.yml": thread_yaml("Ann's page?"),
        "forums/index.yml": thread_yaml("The index thread"),
    }
    site = make_site(files)
    assert sorted(site.warnings()) == [
        "mkdocs_forum_plugin: 'forums/index.yml' has the address 'forums/', so the forums overview is left out;"
        " rename one of them",
        "mkdocs_forum_plugin: 'members/ann.yml' has the address 'members/ann/' of the member page of 'ann', which"
        " is at 'members/ann-2/' instead; rename one of them",
    ]
    assert site.content("members/ann/").h1.get_text() == "Ann's page?"  # type: ignore[union-attr]
    assert site.content("forums/").h1.get_text() == "The index thread"  # type: ignore[union-attr]
    member = site.content("members/ann-2/")
    assert member.h1.get_text() == "ann"  # type: ignore[union-attr]
    thread = site.content("members/ann/")
    author = thread.select_one("#post-1 > h2 a")
    assert author is not None
    assert author["href"] == "../ann-2/"


PRIVATE = {"privacy": "pseudonymize", "privacy_secret": "s3cret"}
REAL_NAMES = ["Qvortrup_K", "Bjornstad", "Halvorsen_T", "sigrun_b", "Real Display", "outsider99", "Eika Solberg"]


def _readings(text: str) -> list[str]:
    """A file's text as it is and decoded every way a name can hide in it, casefolded."""
    json_decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    entities = html.unescape(json_decoded)
    words = html.unescape(re.sub(r"<[^<>]*>", "", json_decoded))  # what a reader sees: tags left out
    readings = [text, json_decoded, entities, words, unquote(entities), unquote(unquote(entities))]
    readings.append(entities.replace("\\", ""))
    return [reading.casefold() for reading in readings]


def _real_names_in(site_dir: Path, names: list[str] = REAL_NAMES) -> list[tuple[str, str]]:
    """Every (output path, real name) where a file's path or text holds the name.

    In any letter case, and escaped or encoded in any way: Markdown's backslash,
    HTML entities, percent-encoding, JSON's escapes of characters.
    """
    found = []
    for path in site_dir.rglob("*"):
        relative = path.relative_to(site_dir).as_posix()
        text = relative + ("\n" + path.read_text(encoding="utf-8", errors="replace") if path.is_file() else "")
        readings = _readings(text)
        found += [(relative, name) for name in names if any(name.casefold() in r for r in readings)]
    return found


def test_pseudonymize_leaves_no_real_name_in_any_output_file(make_site: BuildFn, tmp_path: Path) -> None:
    posts: list[dict[str, Any]] = [
        {"author": "Qvortrup_K", "likes": ["Halvorsen_T", "Bjornstad"], "body": "Thanks @bjornstad and @OUTSIDER99!"},
        {
            "author": "Bjornstad",
            "body": '[quote = "Qvortrup_K"]hi[/quote]\n[QUOTE="Qvortrup_K, post: 1, member: 45"]hi[/QUOTE]'
            " qvortrup_k said so",
        },
        {
            "author": "Eika Solberg",
            "body": '[quote="Real Display, post:1, topic:2, username:sigrun_b"]x[/quote] @Eika Solberg',
        },
        {"author": "Dr Berg", "role": "Therapist", "body": "Hello @qvortrup_k, see a doctor."},
    ]
    files = {
        "threads/a.yml": thread_yaml("Question from @Qvortrup_K", posts, forum="Ask", tags=["back"]),
        "members.yml": "Qvortrup_K:\n  avatar: images/avatars/Qvortrup_K.png\n  bio: Likes walks.\nBjornstad:\n",
        "images/avatars/Qvortrup_K.png": "not really a picture",
    }
    every_output = {"experts": ["Therapist"], "structured_data": "full"}  # every post's words in the JSON-LD too
    make_site(files, plugin=every_output, site_url="https://wiki.example/")
    # The grep finds them all without privacy (a Discourse "username:" in a quote tag is never shown).
    assert {name for _path, name in _real_names_in(tmp_path / "site")} == set(REAL_NAMES) - {"sigrun_b"}
    make_site(files, plugin={**PRIVATE, **every_output}, site_url="https://wiki.example/")
    site_dir = tmp_path / "site"
    assert _real_names_in(site_dir) == []
    page = (site_dir / "threads/a/index.html").read_text(encoding="utf-8")
    assert "Dr Berg" in page  # experts stay public
    assert (site_dir / "feed.xml").exists()
    assert "DiscussionForumPosting" in page


# Each way a name reached the site before names were looked for in what readers see, one name per way.
ROUTES = {
    "Rolfsen_R": "a post's role",
    "Tagesen_T": "a tag",
    "Escobar_E": "a Markdown escape in a body",
    "Entwistle_E": "an entity in a body",
    "adressa_a": "a member address in a link",
    "Disco_D": "a Discourse profile link",
    "Sektion_S": "the section's name",
    "Memo_M": "a public member's role and biography",
    "Percy_P": "a percent-encoded address",
    "Splitt_S": "markup a reader does not see",
}


def test_pseudonymize_finds_names_in_every_field_and_in_escaped_forms(make_site: BuildFn, tmp_path: Path) -> None:
    posts: list[dict[str, Any]] = [
        {
            "author": "Qvortrup_K",
            "role": "Friend of Rolfsen_R",
            "body": "Thanks Escobar\\_E and Entwistle&#95;K, and Split*t*\\_S too.\n\n"
            "[profile](https://forum.example.org/members/adressa_a.45/), "
            "[my notes](https://talk.example.com/u/Disco_D/summary) and <https://talk.example.com/u/Percy%5FP>.",
        },
        {"author": "Dr Berg", "role": "Therapist", "body": "Hello Qvortrup\\_K, see a doctor."},
    ]
    posts[0]["body"] = posts[0]["body"].replace("Entwistle&#95;K", "Entwistle&#95;E")
    thread = thread_yaml("Qvortrup&#95;K asks", posts, forum="Sektion_S's corner", tags=["Tagesen_T"])
    files = {
        "threads/a.yml": thread,
        # The members file makes every name known to the wiki, as a forum's export does.
        "members.yml": "Dr Berg:\n  role: Looks after Memo_M\n  bio: Works with Memo_M.\n  expert: true\n"
        + "".join(f"{name}:\n" for name in ROUTES),
    }
    plugin = {"experts": ["Therapist"], "public_members": ["Dr Berg"]}
    make_site(files, plugin=plugin, site_url="https://wiki.example/")
    # Without privacy, every way shows its name on the thread page: the grep can find each.
    page = (tmp_path / "site/threads/a/index.html").read_text(encoding="utf-8")
    assert {name for name in ROUTES if any(name.casefold() in r for r in _readings(page))} == set(ROUTES) - {"Memo_M"}
    assert ("members/dr-berg/index.html", "Memo_M") in _real_names_in(tmp_path / "site", ["Memo_M"])
    site = make_site(files, plugin={**PRIVATE, **plugin}, site_url="https://wiki.example/")
    assert _real_names_in(site.site_dir, [*ROUTES, "Qvortrup_K"]) == []
    content = site.content("threads/a/")
    assert "](" not in content.get_text()  # the links are links, not broken Markdown
    links = {a.get_text(): a["href"] for a in content.select(".forum-post > div a")}
    assert links["profile"] == "https://forum.example.org/members/"
    assert links["my notes"] == "https://talk.example.com/u/"
    assert links["https://talk.example.com/u/"] == "https://talk.example.com/u/"
    assert "Dr Berg" in page  # experts stay public


def test_pseudonymize_publishes_no_old_address_that_names_a_member(make_site: BuildFn, tmp_path: Path) -> None:
    source = "https://forum.example.org/threads/thanks-qvortrup_k.12/"
    files = {"threads/a.yml": thread_yaml("Thanks", [{"author": "Qvortrup_K", "body": "Hi"}], source=source)}
    make_site(files, plugin={"redirects": True})
    assert (tmp_path / "site/threads/thanks-qvortrup_k.12/index.html").exists()  # the redirect, without privacy
    site = make_site(files, plugin={**PRIVATE, "redirects": True})
    assert _real_names_in(site.site_dir, ["Qvortrup_K"]) == []
    assert site.warnings() == [
        "mkdocs_forum_plugin: threads/a.yml:2: source: the old address holds a member's name, so it is not"
        " published: no redirect, no link to it"
    ]
