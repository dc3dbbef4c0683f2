"""Fuzz tests (hypothesis) of forgetting: random names in random letter cases, in random thread files.

Whatever the name and the text, the rewritten file still loads, the name is nowhere in it
(nor in what the loader reads from it), and the posts keep their numbers. Bounded: a few
hundred examples, the same on every run (``FUZZ_EXAMPLES`` asks for more).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mkdocs_forum_plugin.forget.body import forget_in_body
from mkdocs_forum_plugin.forget.imported import forget_thread_out
from mkdocs_forum_plugin.forget.names import Matcher, name_problem, normal
from mkdocs_forum_plugin.forget.record import Forgotten
from mkdocs_forum_plugin.forget.thread_file import forget_in_thread
from mkdocs_forum_plugin.importers.yamlout import dump
from mkdocs_forum_plugin.load.fields import POST_FIELDS, THREAD_FIELDS
from mkdocs_forum_plugin.load.threads import parse_thread
from mkdocs_forum_plugin.problems import ThreadFileError

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 150,
)
WORD = "a former member"
# Words a YAML file or a quote tag is made of: a member by one of these names would be a key or a marker.
RESERVED = {f.name for f in (*POST_FIELDS, *THREAD_FIELDS)} | {
    "true", "false", "yes", "no", "on", "off", "null", "quote", "post", "removed", "http", "https",
}  # fmt: skip
NAME = st.text(alphabet="abcXYZ_.- éßÅΣｒ0", min_size=2, max_size=12).filter(
    lambda n: name_problem(n) is None and n.strip() == n and normal(n) not in RESERVED
)
CASES: st.SearchStrategy[Callable[[str], str]] = st.sampled_from([str, str.upper, str.lower, str.swapcase, str.title])
FILLER = st.sampled_from(["hello", "ann", "`code`", "**bold**", "\n\n", " ", "a, b", "#", ": ", "'", '"', "@"])


@st.composite
def thread(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
    name = draw(NAME)

    def variant() -> str:
        return draw(CASES)(name)

    count = draw(st.integers(1, 6))
    posts: list[dict[str, Any]] = []
    for _ in range(count):
        author = draw(st.sampled_from([variant(), "ann", "bob"]))
        pieces: list[str] = []
        for _ in range(draw(st.integers(1, 6))):
            kind = draw(st.integers(0, 4))
            if kind == 0:
                pieces.append(variant())
            elif kind == 1:
                pieces.append("@" + variant())
            elif kind == 2:
                target = draw(st.integers(1, count))
                pieces.append(f'[quote="{variant()}, post:{target}"]\nsaid {variant()}\n[/quote]\n')
            elif kind == 3:
                pieces.append(f'[quote="ann, post:{draw(st.integers(1, count))}"]x[/quote]')
            else:
                pieces.append(draw(FILLER))
        body = " ".join(pieces).strip() or "hi"
        post: dict[str, Any] = {"author": author}
        likes = draw(st.lists(st.sampled_from([variant(), "ann", "bob"]), max_size=3, unique=True))
        if likes:
            post["likes"] = likes
            if draw(st.booleans()):
                post["likes_total"] = len(likes) + draw(st.integers(0, 3))
        post["body"] = body + ("\n" if draw(st.booleans()) else "")
        posts.append(post)
    data = {"title": f"About {variant()}", "tags": [variant(), "sleep"], "posts": posts}
    return name, draw(st.sampled_from(["importer", "pyyaml"])), data


def _text(style: str, data: dict[str, Any]) -> str:
    if style == "importer":
        return dump(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@FUZZ
@given(thread())
def test_fuzz_forget_leaves_no_name_and_a_file_that_loads(case: tuple[str, str, dict[str, Any]]) -> None:
    name, style, data = case
    text = _text(style, data)
    try:
        parse_thread(text, "t.yml")
    except ThreadFileError:  # a random file the loader refuses is not this test's input
        assume(False)
    matcher = Matcher.of([name])
    change = forget_in_thread(text, "t.yml", matcher, WORD)
    assert change.left == []
    assert not matcher.found_in(change.text)
    loaded = parse_thread(change.text, "t.yml")
    assert len(loaded.posts) == len(data["posts"])
    own = [n for n, p in enumerate(data["posts"], 1) if matcher.is_name(p["author"])]
    assert [p.number for p in loaded.posts if p.removed] == own
    for post in loaded.posts:
        for value in (post.author, post.body, post.role or "", *post.likes):
            assert not matcher.found_in(value)
    assert not matcher.found_in(loaded.title) and not any(matcher.found_in(t) for t in loaded.tags)
    assert forget_in_thread(change.text, "t.yml", matcher, WORD).text == change.text  # a rerun changes nothing


@FUZZ
@given(NAME, st.lists(st.sampled_from(["[quote=", '"', "]", "[/quote]", "post:1", ", ", "x", "\n", "@", "`"])))
def test_fuzz_a_body_keeps_no_name_whatever_its_markup(name: str, pieces: list[str]) -> None:
    matcher = Matcher.of([name])
    body = "".join(p if p != "x" else name.upper() for p in pieces)
    new, _quotes, _mentions = forget_in_body(body, matcher, frozenset({1}), WORD)
    assert not matcher.found_in(new)


@FUZZ
@given(thread())
def test_fuzz_an_import_brings_no_forgotten_name_back(case: tuple[str, str, dict[str, Any]]) -> None:
    name, _style, data = case
    try:
        parse_thread(dump(data), "t.yml")
    except ThreadFileError:
        assume(False)
    record = Forgotten().adding(name.swapcase(), WORD)
    forgotten = forget_thread_out(data, [f"post 1: a note naming {name}"], "text:key", record)
    matcher = Matcher.of([name])
    named = any(matcher.found_in(p["author"]) or matcher.found_in(str(p.get("likes"))) for p in data["posts"])
    if forgotten is None:  # the thread shows the name nowhere the importer can learn it from
        assert not named
        return
    new, notes, _key = forgotten
    text = dump(new)
    assert not matcher.found_in(text) and not any(matcher.found_in(note) for note in notes)
    loaded = parse_thread(text, "t.yml")
    assert len(loaded.posts) == len(data["posts"])
