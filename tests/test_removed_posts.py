"""Removed posts (``removed: true``): what the loader takes, what a page shows, and what is left out everywhere else."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from core_helpers import render, thread_from
from sitebuild import attr, one, text_of

from mkdocs_forum_plugin.load.threads import parse_thread
from mkdocs_forum_plugin.model import Member
from mkdocs_forum_plugin.problems import ThreadFileError
from mkdocs_forum_plugin.render.jsonld import discussion_posting
from mkdocs_forum_plugin.render.labels import bundled_languages, labels_for, missing_labels
from mkdocs_forum_plugin.render.members import activities
from mkdocs_forum_plugin.render.page_meta import description
from mkdocs_forum_plugin.search_records import thread_page

THREAD = """
title: Removed in the middle
posts:
  - author: ann
    date: 2022-01-01
    body: Who has tried the kettle stretch?
  - removed: true
    date: 2022-01-02
  - author: cy
    body: |
      [quote="Zed, post:2"]
      the secret words of Zed
      [/quote]

      [quote="post:2, removed:true"][/quote]

      I agree with ann.
"""


def page(thread_text: str = THREAD) -> BeautifulSoup:
    return BeautifulSoup(render(thread_from(thread_text)).html, "html.parser")


def test_a_removed_post_needs_no_author_or_body() -> None:
    thread = thread_from(THREAD)
    removed = thread.posts[1]
    assert (removed.removed, removed.author, removed.body, removed.number) == (True, "", "", 2)
    assert str(removed.date) == "2022-01-02"
    assert thread.replies == 1  # the removed post is not counted
    assert [p.number for p in thread.shown_posts] == [1, 3]


def test_removed_false_is_an_ordinary_post_that_needs_its_fields() -> None:
    with pytest.raises(ThreadFileError, match=r"posts\[1\]\.author: required field 'author' is missing"):
        parse_thread("title: T\nposts:\n  - removed: false\n    body: hi\n", "t.yml")


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ("  - removed: true\n    author: Zed\n    body: words\n", "its author, body are not shown; delete them"),
        ("  - removed: true\n    body: words\n", "its body is not shown; delete it"),
    ],
)
def test_a_removed_post_that_keeps_its_words_is_a_warning_and_they_are_never_shown(post: str, message: str) -> None:
    thread = parse_thread(f"title: T\nposts:\n  - author: ann\n    body: hi\n{post}", "threads/t.yml")
    rendered = render(thread)
    expected = f"threads/t.yml:5: posts[2].removed: the post is removed, so {message} from the file"
    assert [str(p) for p in rendered.problems] == [expected]
    assert "words" not in rendered.html and "Zed" not in rendered.html


def test_a_removed_post_is_still_checked_like_any_post() -> None:
    with pytest.raises(ThreadFileError, match=r"posts\[1\]\.likes_total: expected a whole number"):
        parse_thread("title: T\nposts:\n  - removed: true\n    likes_total: many\n", "t.yml")


def test_the_page_shows_the_placeholder_with_the_number_and_date_only() -> None:
    post = one(page(), "#post-2")
    assert "forum-post--removed" in post["class"]
    assert text_of(post.select_one("h2")) == "This post was removed at the member's request, post 2"
    assert attr(post.select_one(".forum-post > h2 > a"), "href") == "#post-2"
    assert attr(post.select_one("time"), "datetime") == "2022-01-02"
    assert post.select_one(".forum-post > :is(span, img), .forum-post > div, .forum-post__role") is None


def test_quotes_of_a_removed_post_keep_their_link_and_show_removed() -> None:
    html = page()
    quotes = html.select("#post-3 blockquote.forum-quote")
    assert len(quotes) == 2
    for quote in quotes:
        link = one(quote, ".forum-quote > p:first-child a")
        assert (link.get_text(), attr(link, "href")) == ("Someone wrote:", "#post-2")
        assert text_of(quote.select_one(".forum-quote__removed")) == "(removed)"
    assert "secret words" not in str(html) and "Zed" not in str(html)
    # The removed post still says which posts quote it, so the links work both ways.
    assert attr(html.select_one("#post-2 .forum-post__quoted-by a"), "href") == "#post-3"


def test_a_removed_quote_without_a_post_number_has_no_link() -> None:
    text = "title: T\nposts:\n  - author: ann\n    body: '[quote=\"removed:true\"][/quote] hello'\n"
    quote = one(page(text), "blockquote.forum-quote")
    assert quote.select_one("a") is None
    assert quote.get_text(" ", strip=True) == "Someone wrote: (removed)"


def test_removed_posts_are_left_out_of_search_members_json_ld_and_excerpts() -> None:
    opening = "  - author: ann\n    date: 2022-01-01\n    body: Who has tried the kettle stretch?\n"
    first_removed = thread_from(THREAD.replace(opening, "  - removed: true\n"))
    assert description(first_removed) == ""
    records = thread_page(thread_from(THREAD), "t/")
    assert [item.location for item in records.items] == ["t/", "t/#post-1", "t/#post-3"]
    found = activities([thread_from(THREAD)], {"Zed": Member("Zed")}, lambda _post: None)
    assert sorted(found) == ["ann", "cy"]
    thread = thread_from(THREAD)
    data = discussion_posting(thread, "https://x.org/t/", {}, ["a", "", "c"])
    assert data["commentCount"] == 1
    assert [c["url"] for c in data["comment"]] == ["https://x.org/t/#post-3"]
    opened = discussion_posting(first_removed, "https://x.org/t/", {}, ["", "", "c"])
    assert "author" not in opened and "text" not in opened


@pytest.mark.parametrize("language", bundled_languages())
def test_every_bundled_language_has_the_removed_post_words(language: str) -> None:
    labels = labels_for(language)
    missing = missing_labels(language)
    assert not {"post_removed", "quote_removed", "former_member"} & set(missing)
    if language != "en":
        assert labels("post_removed") != labels_for("en")("post_removed")


def test_the_wiki_can_override_the_placeholder() -> None:
    labels = labels_for("en", {"post_removed": "Withdrawn by its author"})
    assert labels("post_removed") == "Withdrawn by its author"


def test_the_json_schema_takes_a_removed_post_without_author_or_body() -> None:
    import jsonschema  # noqa: PLC0415

    from mkdocs_forum_plugin.load.json_schema import thread_json_schema  # noqa: PLC0415

    validator = jsonschema.Draft202012Validator(thread_json_schema())
    assert validator.is_valid({"title": "T", "posts": [{"removed": True, "date": "2022-01-02"}]})
    assert not validator.is_valid({"title": "T", "posts": [{"removed": False}]})
    assert not validator.is_valid({"title": "T", "posts": [{"date": "2022-01-02"}]})
