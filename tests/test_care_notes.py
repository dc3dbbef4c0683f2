"""Content notes: the note before a thread, posts folded behind one, and a folded post's words
kept out of everything outside its page (search, member pages, feeds, descriptions)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort, PluginError
from sitebuild import Site, build_site, one, text_of, thread_yaml, write_site

from mkdocs_forum_plugin.cli.check import check_wiki as check_docs
from mkdocs_forum_plugin.load.site_config import read_site
from mkdocs_forum_plugin.model import Post, Thread
from mkdocs_forum_plugin.options import read_options
from mkdocs_forum_plugin.search_records import thread_page

NOTES = {
    "hard": {"title": "This thread talks about hard days", "text": "Talk to someone you trust. [Help](help.md)"},
    "dark": {"title": "This post talks about feeling unable to go on"},
}
SECRET = "qxwordfolded"  # a word only the folded post has
POSTS: list[dict[str, Any]] = [
    {"author": "ann", "date": "2024-05-01", "body": "Some weeks are heavy."},
    {"author": "bob", "content_note": "dark", "body": f"I felt {SECRET} for a long while.\n\nTalking helped."},
    {"author": "cy", "body": "Thinking of you both."},
]
PLUGIN: dict[str, Any] = {"content_notes": NOTES}


def _files(posts: list[dict[str, Any]] | None = None, **thread: Any) -> dict[str, str]:
    return {
        "help.md": "# Help\n",
        "threads/a.yml": thread_yaml("Heavy weeks", posts or POSTS, content_note="hard", **thread),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("notes")
    # The folded post opens a thread too, so that feeds and descriptions would show its words.
    files = {**_files(), "threads/b.yml": thread_yaml("Folded first", [POSTS[1]])}
    write_site(root, files, PLUGIN, site_url="https://x.org/")
    return build_site(root)


def test_thread_note_comes_before_the_first_post_as_a_titled_note(site: Site) -> None:
    content = site.content("threads/a/")
    note = one(content, ".forum-content-note")
    assert note["role"] == "note"
    title = one(note, ".admonition-title")
    assert note["aria-labelledby"] == title["id"]
    assert text_of(title) == "This thread talks about hard days"
    assert one(note, "a")["href"] == "../../help/"  # the wiki's own Markdown, links resolved
    html = str(content)
    assert html.index("forum-content-note") < html.index('id="post-1"')
    assert note.find_parent(class_="forum-thread") is None  # before the posts, not inside one


def test_a_noted_post_is_folded_behind_its_title(site: Site) -> None:
    post = one(site.content("threads/a/"), "#post-2")
    details = one(post, ".forum-post > div > details.forum-fold")
    assert not details.has_attr("open")
    assert text_of(one(details, ":scope > summary")) == "This post talks about feeling unable to go on"
    assert SECRET in text_of(details)
    # Author, number and likes stay outside the fold: the reader knows whose post it is.
    assert one(post, ".forum-post > h2").find_parent("details") is None
    others = [one(site.content("threads/a/"), f"#post-{n}") for n in (1, 3)]
    assert all(p.select_one("details.forum-fold") is None for p in others)


def test_folded_words_appear_nowhere_but_their_page(site: Site) -> None:
    found = sorted(
        p.relative_to(site.site_dir).as_posix()
        for p in site.site_dir.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml") and SECRET in p.read_text(encoding="utf-8")
    )
    assert found == ["threads/a/index.html", "threads/b/index.html"]
    for page in ("threads/a/", "threads/b/"):
        html = site.html(page)
        for script in html.select('script[type="application/ld+json"]'):
            assert SECRET not in text_of(script)
        description = html.select_one('meta[name="description"]')
        assert description is None or SECRET not in str(description["content"])
    member = site.content("members/bob/")
    assert "This post talks about feeling unable to go on" in text_of(member)


def test_search_result_of_a_folded_post_shows_the_note_title() -> None:
    posts = [Post(1, "ann", "Hello."), Post(2, "bob", f"I felt {SECRET}.", content_note="dark")]
    thread = Thread("threads/a.yml", "Heavy", posts)
    titles = {"dark": "This post talks about feeling unable to go on"}
    page = thread_page(thread, "threads/a/", folded=lambda p: titles.get(p.content_note or ""))
    folded = page.items[2]
    assert (folded.location, folded.title, folded.text) == ("threads/a/#post-2", "bob", titles["dark"])
    assert SECRET not in folded.words
    assert page.items[1].text == "Hello."


def test_material_search_leaves_the_folded_words_out(tmp_path: Path) -> None:
    write_site(tmp_path, _files(), {**PLUGIN, "search": "material"})
    built = build_site(tmp_path)
    index = (built.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Thinking of you both" in index  # the control: the thread is indexed
    assert SECRET not in index


# -- names the wiki does not have: file, line and field ----------------------------------------

UNKNOWN = [
    pytest.param(
        {"content_note": "hrad"},
        POSTS,
        "threads/a.yml:2: content_note: unknown content note 'hrad' (the wiki's content notes: dark, hard)",
        id="thread",
    ),
    pytest.param(
        {},
        [POSTS[0], {**POSTS[1], "content_note": "drak"}],
        "threads/a.yml:7: posts[2].content_note: unknown content note 'drak' (the wiki's content notes: dark, hard)",
        id="post",
    ),
]


def _unknown_files(thread: dict[str, Any], posts: list[dict[str, Any]]) -> dict[str, str]:
    return {"threads/a.yml": thread_yaml("Heavy weeks", posts, **thread)}


@pytest.mark.parametrize(("thread", "posts", "message"), UNKNOWN)
def test_unknown_note_stops_the_build_naming_file_line_and_field(
    tmp_path: Path, thread: dict[str, Any], posts: list[dict[str, Any]], message: str
) -> None:
    write_site(tmp_path, _unknown_files(thread, posts), PLUGIN)
    with pytest.raises(Abort) as raised:  # MkDocs turns the plugin's PluginError into an Abort
        build_site(tmp_path)
    assert isinstance(raised.value.__context__, PluginError)
    assert str(raised.value.__context__) == message


@pytest.mark.parametrize(("thread", "posts", "message"), UNKNOWN)
def test_unknown_note_is_a_check_error(
    tmp_path: Path, thread: dict[str, Any], posts: list[dict[str, Any]], message: str
) -> None:
    write_site(tmp_path, _unknown_files(thread, posts), PLUGIN)
    result = check_docs(tmp_path / "docs", read_site(tmp_path / "mkdocs.yml"), zensical=False)
    assert result.errors == [message]


def test_a_wiki_without_notes_says_so(tmp_path: Path) -> None:
    write_site(tmp_path, _unknown_files({"content_note": "hard"}, POSTS), {})
    result = check_docs(tmp_path / "docs", read_site(tmp_path / "mkdocs.yml"), zensical=False)
    assert result.errors == [
        "threads/a.yml:2: content_note: unknown content note 'hard' (the wiki's content notes: none: set the"
        " content_notes option)"
    ]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("self-harm", "content_notes: expected a mapping of note names to {title, text}, not 'self-harm'"),
        ({"a": "text"}, "content_notes: a: expected a mapping with title and text, not 'text'"),
        ({"a": {"text": "x"}}, "content_notes: a.title: expected one line of text, not None"),
        ({"a": {"title": "T", "txt": "x"}}, "content_notes: a: unknown key txt (allowed: title, text)"),
        ({"a": {"title": "Two\nlines"}}, "content_notes: a.title: expected one line of text, not 'Two\\nlines'"),
        ({"a": {"title": "T", "text": 3}}, "content_notes: a.text: expected Markdown text, not 3"),
    ],
)
def test_content_notes_option_is_checked(value: object, problem: str) -> None:
    _options, problems = read_options({"content_notes": value})
    assert [str(p) for p in problems] == [problem]


def test_feed_summary_of_a_folded_first_post_is_the_note_title(site: Site) -> None:
    feed = (site.site_dir / "feed.xml").read_text(encoding="utf-8") if (site.site_dir / "feed.xml").exists() else ""
    feeds = [p for p in site.site_dir.rglob("*.xml") if "<feed" in p.read_text(encoding="utf-8")]
    assert feeds, "the site has an Atom feed"
    text = feed or feeds[0].read_text(encoding="utf-8")
    assert "This post talks about feeling unable to go on" in text
    assert json.dumps(SECRET)[1:-1] not in text


def test_a_dead_link_in_a_notes_text_is_a_warning_at_the_field_that_names_it(tmp_path: Path) -> None:
    notes = {"hard": {"title": "Hard days", "text": "See [help](nowhere.md)."}}
    posts = [POSTS[0], {"author": "bob", "content_note": "hard", "body": "x"}]
    write_site(tmp_path, {"threads/a.yml": thread_yaml("T", posts, content_note="hard")}, {"content_notes": notes})
    warnings = build_site(tmp_path).warnings()
    message = "the content note's text links to 'nowhere.md', which is not a file of this wiki"
    assert f"mkdocs_forum_plugin: threads/a.yml:2: content_note: {message}" in warnings
    assert f"mkdocs_forum_plugin: threads/a.yml:8: posts[2].content_note: {message}" in warnings
