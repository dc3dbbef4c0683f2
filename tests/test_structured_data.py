"""structured_data: short (the default) gives the first post's text and each reply's opening words; full, every text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sitebuild import BuildFn, Site, thread_yaml

from mkdocs_forum_plugin.render.jsonld import COMMENT_CHARS

LONG_REPLY = " ".join(f"Word{n} of the reply." for n in range(80))
POSTS: list[dict[str, Any]] = [
    {"author": "sam", "date": "2015-01-30", "body": "The first post, all of it. " * 20},
    {"author": "ana", "date": "2015-01-31", "body": f'[quote="sam, post:1"]\nThe first post\n[/quote]\n\n{LONG_REPLY}'},
    {"author": "lee", "date": "2015-02-01", "body": "Short **reply**."},
]


def posting(site: Site) -> dict[str, Any]:
    [script] = site.html("t/").select('script[type="application/ld+json"]')
    data = json.loads(script.string or "")
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("value", [None, "short", True])
def test_short_form_is_the_default(make_site: BuildFn, value: object) -> None:
    plugin = {} if value is None else {"structured_data": value}
    data = posting(make_site({"t.yml": thread_yaml("T", POSTS)}, plugin=plugin))
    assert data["text"] == ("The first post, all of it. " * 20).strip()
    long, short = data["comment"]
    assert long["text"].startswith("Word0 of the reply. Word1")
    assert long["text"].endswith("…")
    assert len(long["text"]) <= COMMENT_CHARS + 1
    assert "first post" not in long["text"]  # a quote of another post is not the reply's own text
    assert short["text"] == "Short reply."
    assert [c["author"]["name"] for c in data["comment"]] == ["ana", "lee"]
    assert all(c["datePublished"] for c in data["comment"])


def test_full_form_repeats_every_post(make_site: BuildFn) -> None:
    data = posting(make_site({"t.yml": thread_yaml("T", POSTS)}, plugin={"structured_data": "full"}))
    long, short = data["comment"]
    assert long["text"] == "sam wrote: The first post " + LONG_REPLY  # the visible text, quote included
    assert short["text"].startswith("Short reply")  # the rendered text ("reply ." keeps a tag's space)


@pytest.mark.parametrize("value", ["off", False])
def test_off_leaves_it_out(make_site: BuildFn, value: object) -> None:
    site = make_site({"t.yml": thread_yaml("T", POSTS)}, plugin={"structured_data": value})
    assert site.html("t/").select('script[type="application/ld+json"]') == []
