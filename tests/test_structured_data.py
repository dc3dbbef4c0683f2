"""structured_data: short (the default) gives the opening words of the first post and the answers; full, every text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sitebuild import BuildFn, Site, thread_yaml

from mkdocs_forum_plugin.render.jsonld import COMMENT_CHARS, POSTING_CHARS

FIRST = "The first post, all of it. " * 20
LONG_REPLY = " ".join(f"Word{n} of the reply." for n in range(80))
MEMBERS = "ana:\n  role: Therapist\n"
POSTS: list[dict[str, Any]] = [
    {"author": "sam", "date": "2015-01-30", "body": FIRST},
    {"author": "ana", "date": "2015-01-31", "body": f'[quote="sam, post:1"]\nThe first post\n[/quote]\n\n{LONG_REPLY}'},
    {"author": "kim", "date": "2015-01-31", "body": "A reply that is no answer.", "likes": ["sam"]},
    {"author": "lee", "date": "2015-02-01", "body": "Short **reply**.", "expert": True},
]


def posting(site: Site) -> dict[str, Any]:
    [script] = site.html("t/").select('script[type="application/ld+json"]')
    data = json.loads(script.string or "")
    assert isinstance(data, dict)
    return data


def build(make_site: BuildFn, **plugin: Any) -> Site:
    files = {"members.yml": MEMBERS, "t.yml": thread_yaml("T", POSTS)}
    return make_site(files, plugin={"experts": ["Therapist"], **plugin})


@pytest.mark.parametrize("value", ["short", True])
def test_short_form(make_site: BuildFn, value: object) -> None:
    data = posting(build(make_site, structured_data=value))
    assert FIRST.startswith(data["text"].removesuffix("…"))
    assert data["text"].endswith("…")
    assert len(data["text"]) <= POSTING_CHARS + 1
    assert data["commentCount"] == 3  # every reply is counted
    # Only the answers are given: the expert's (ana) and the editor's recommended one (lee).
    assert [c["author"]["name"] for c in data["comment"]] == ["ana", "lee"]
    long, short = data["comment"]
    assert long["text"].startswith("Word0 of the reply. Word1")
    assert long["text"].endswith("…")
    assert len(long["text"]) <= COMMENT_CHARS + 1
    assert "first post" not in long["text"]  # a quote of another post is not the reply's own text
    assert short["text"] == "Short reply."
    assert [c["url"].rsplit("#", 1)[1] for c in data["comment"]] == ["post-2", "post-4"]
    assert all(c["datePublished"] for c in data["comment"])


PAGE_FACTS = {"mainEntityOfPage", "inLanguage", "keywords"}  # what the page itself already says


def tagged(make_site: BuildFn, **plugin: Any) -> dict[str, Any]:
    files = {"members.yml": MEMBERS, "t.yml": thread_yaml("T", POSTS, tags=["sleep", "pain"])}
    return posting(make_site(files, plugin={"experts": ["Therapist"], **plugin}, site_url="https://x.org/"))


def test_short_form_leaves_out_what_the_page_already_says(make_site: BuildFn) -> None:
    data = tagged(make_site, structured_data="short")
    assert PAGE_FACTS.isdisjoint(data)
    assert data["url"] == "https://x.org/t/"  # the page is named once, by url


def test_full_form_keeps_what_the_page_already_says(make_site: BuildFn) -> None:
    data = tagged(make_site, structured_data="full")
    assert data["mainEntityOfPage"] == data["url"] == "https://x.org/t/"
    assert data["inLanguage"] == "en"
    assert data["keywords"] == "sleep, pain"


def test_short_form_without_answers_has_no_comment(make_site: BuildFn) -> None:
    posts = [{"author": "a", "body": "Hi."}, {"author": "b", "body": "Ho."}]
    data = posting(make_site({"t.yml": thread_yaml("T", posts)}, plugin={"structured_data": "short"}))
    assert data["text"] == "Hi."
    assert data["commentCount"] == 1
    assert "comment" not in data


def test_full_form_repeats_every_post(make_site: BuildFn) -> None:
    data = posting(build(make_site, structured_data="full"))
    assert data["text"] == FIRST.strip()
    assert [c["author"]["name"] for c in data["comment"]] == ["ana", "kim", "lee"]
    long, plain, short = data["comment"]
    assert long["text"] == "sam wrote: The first post " + LONG_REPLY  # the visible text, quote included
    assert plain["text"] == "A reply that is no answer."
    assert plain["interactionStatistic"]["userInteractionCount"] == 1
    assert short["text"].startswith("Short reply")  # the rendered text ("reply ." keeps a tag's space)


def test_short_form_is_much_lighter_than_full(make_site: BuildFn) -> None:
    def size(site: Site) -> int:
        [script] = site.html("t/").select('script[type="application/ld+json"]')
        return len(str(script).encode("utf-8"))

    short, full = size(build(make_site, structured_data="short")), size(build(make_site, structured_data="full"))
    assert short < full / 2


@pytest.mark.parametrize("value", [None, "off", False])
def test_off_leaves_it_out_and_is_the_default(make_site: BuildFn, value: object) -> None:
    plugin = {} if value is None else {"structured_data": value}
    site = make_site({"t.yml": thread_yaml("T", POSTS)}, plugin=plugin)
    assert site.html("t/").select('script[type="application/ld+json"]') == []
