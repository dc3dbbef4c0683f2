"""Every message of the loader, straight from ``parse_thread`` and ``parse_members`` (no MkDocs).

Each row is a file's text and the exact problem: ``path:line: field: message``.
What needs MkDocs (the build failing, error pages under serve, several broken
files in one error) stays in test_bad_input.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from core_helpers import render, y

import mkdocs_forum_plugin.load.threads as threads_module
from mkdocs_forum_plugin.load.fields import MEMBER_FIELDS, POST_FIELDS, THREAD_FIELDS
from mkdocs_forum_plugin.load.threads import parse_members, parse_thread
from mkdocs_forum_plugin.model import Member
from mkdocs_forum_plugin.problems import ThreadFileError

PATH = "threads/a.yml"
# The keys an "unknown key" message lists: the schema's field tables, in their order.
ALLOWED_THREAD = ", ".join(f.name for f in THREAD_FIELDS)
ALLOWED_POST = ", ".join(f.name for f in POST_FIELDS)
ALLOWED_MEMBER = ", ".join(f.name for f in MEMBER_FIELDS)
ANCHORS = "YAML anchors ('&name' / '*name') are not allowed in thread files; write the value out in full"
ALIASES = "YAML aliases ('&name' / '*name') are not allowed in thread files; write the value out in full"


def with_post_field(line: str) -> str:
    """A thread whose one post (lines 3-4) has ``line`` as its line 5."""
    return f"title: A thread\nposts:\n  - author: ann\n    body: Hi\n    {line}\n"


def with_thread_field(line: str) -> str:
    """A thread with ``line`` as its line 2."""
    return f"title: A thread\n{line}\nposts:\n  - author: ann\n    body: Hi\n"


def problem_of(text: str, path: str = PATH) -> str:
    """The problem ``parse_thread`` raises for ``text``, as the plugin shows it."""
    with pytest.raises(ThreadFileError) as info:
        parse_thread(text, path)
    assert str(info.value) == str(info.value.problem)
    return str(info.value.problem)


def members_problem_of(text: str) -> str:
    with pytest.raises(ThreadFileError) as info:
        parse_members(text, "members.yml")
    assert str(info.value) == str(info.value.problem)
    return str(info.value.problem)


def padded(size: int) -> str:
    """A valid thread file of exactly ``size`` bytes (a long comment at the end)."""
    head = "title: Big file\nposts:\n- author: ann\n  body: Hello there.\n# "
    text = head + "x" * (size - len(head.encode("utf-8")) - 1) + "\n"
    assert len(text.encode("utf-8")) == size
    return text


def billion_laughs() -> str:
    lines = ["title: Lots of laughs", "posts:", "  - author: ann", "    body: Hi"]
    lines.append('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]')
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


# Each row: (the file's text, the exact problem). Ids name the old site-build test where one existed.
THREAD_PROBLEMS = [
    # YAML itself
    pytest.param(
        y(
            """
            title: Broken
            posts:
              - author: ann
                body: this: is not: valid
            """
        ),
        "threads/a.yml:4: YAML syntax error: mapping values are not allowed in this context",
        id="yaml_syntax_error_names_file_and_line",
    ),
    pytest.param(
        "title: Broken\ntags: [one, two\nposts:\n  - author: ann\n    body: Hi\n",
        "threads/a.yml:3: YAML syntax error: did not find expected ',' or ']'",
        id="yaml_syntax_error_unclosed_flow_sequence",
    ),
    pytest.param(
        "title: A\nposts:\n\t- author: ann\n",
        "threads/a.yml:3: YAML syntax error: found character that cannot start any token",
        id="yaml-tab-indent",
    ),
    pytest.param(
        "title: A\n---\ntitle: B\n",
        "threads/a.yml:2: YAML syntax error: but found another document",
        id="yaml-two-documents",
    ),
    pytest.param(
        "title: A\x07\n",
        "threads/a.yml:1: the file holds a control character (#x0007), which YAML does not allow; remove it",
        id="yaml-control-character",
    ),
    pytest.param(billion_laughs(), f"threads/a.yml:5: {ANCHORS}", id="billion_laughs_fails_at_the_first_anchor"),
    pytest.param(
        "title: Anchored\ntags: &t [a, b]\nposts:\n  - author: ann\n    body: Hi\n",
        f"threads/a.yml:2: {ANCHORS}",
        id="anchor_on_an_allowed_field_is_refused",
    ),
    pytest.param(
        "title: A\ntags: &t [a]\nforum: *t\nposts:\n  - author: ann\n    body: Hi\n",
        f"threads/a.yml:2: {ANCHORS}",
        id="anchor-then-alias",
    ),
    pytest.param(
        "title: !!str &a x\nposts:\n  - author: ann\n    body: Hi\n",
        f"threads/a.yml:1: {ANCHORS}",
        id="anchor-after-a-tag",
    ),
    pytest.param(
        "title: Aliased\nposts:\n  - author: ann\n    body: *nothing\n",
        f"threads/a.yml:4: {ALIASES}",
        id="alias_is_refused_with_a_readable_message",
    ),
    # the file as a whole
    pytest.param("", "threads/a.yml:1: the file is empty; a thread needs a title and posts", id="empty_file-empty"),
    pytest.param(
        "# nothing but a comment\n",
        "threads/a.yml:1: the file is empty; a thread needs a title and posts",
        id="empty_file-comment",
    ),
    pytest.param(
        "---\n", "threads/a.yml:1: the file is empty; a thread needs a title and posts", id="empty_file-marker"
    ),
    pytest.param(
        "- title: A\n- posts: []\n",
        "threads/a.yml:1: the file must be a mapping of 'key: value' lines",
        id="root_that_is_not_a_mapping",
    ),
    pytest.param(
        "just a sentence\n",
        "threads/a.yml:1: the file must be a mapping of 'key: value' lines",
        id="root-scalar",
    ),
    pytest.param(
        padded(2_000_001),
        "threads/a.yml:1: the file is 2,000,001 bytes; the limit is 2,000,000",
        id="file_over_size_cap",
    ),
    # top-level keys
    pytest.param(
        "forum: Pain\nposts:\n  - author: ann\n    body: Hi\n",
        "threads/a.yml:1: title: required field 'title' is missing",
        id="missing_title",
    ),
    pytest.param(
        "title: No posts here\nforum: Pain\n",
        "threads/a.yml:1: posts: required field 'posts' is missing",
        id="missing_posts",
    ),
    pytest.param(
        with_thread_field("colour: red"),
        f"threads/a.yml:2: colour: unknown key 'colour' (allowed: {ALLOWED_THREAD})",
        id="unknown_top_level_key",
    ),
    pytest.param(
        with_thread_field("titel: Another"),
        f"threads/a.yml:2: titel: unknown key 'titel'; did you mean 'title'? (allowed: {ALLOWED_THREAD})",
        id="unknown_top_level_key-did-you-mean",
    ),
    pytest.param(
        with_thread_field("Tags: [sleep]"),
        f"threads/a.yml:2: Tags: unknown key 'Tags'; did you mean 'tags'? (allowed: {ALLOWED_THREAD})",
        id="unknown_top_level_key-did-you-mean-capitalised",
    ),
    pytest.param(
        "title: A\nposts:\n  - author: ann\n    body: Hi\ntitle: B\n",
        "threads/a.yml:5: title: appears twice",
        id="duplicate_key-top-level",
    ),
    pytest.param(
        "forum: Pain\ntitle: [one, two]\nposts:\n  - author: ann\n    body: Hi\n",
        "threads/a.yml:2: title: expected a line of text, found a list",
        id="title_as_list_is_refused",
    ),
    pytest.param(
        "title: {a: 1}\nposts:\n  - author: ann\n    body: Hi\n",
        "threads/a.yml:1: title: expected a line of text, found a mapping",
        id="title-mapping",
    ),
    pytest.param(
        'title: "  "\nposts:\n  - author: ann\n    body: Hi\n',
        "threads/a.yml:1: title: must not be empty",
        id="empty_title_is_refused",
    ),
    pytest.param(
        "title:\nposts:\n  - author: ann\n    body: Hi\n",
        "threads/a.yml:1: title: expected a line of text, found None",
        id="title-null",
    ),
    pytest.param(
        "title: true\nposts:\n  - author: ann\n    body: Hi\n",
        "threads/a.yml:1: title: expected a line of text, found True",
        id="title-bool",
    ),
    pytest.param(
        "title: |\n  one\n  two\nposts:\n  - author: ann\n    body: Hi\n",
        "threads/a.yml:1: title: must be a single line",
        id="title-two-lines",
    ),
    pytest.param(
        f"title: {'x' * 201}\nposts:\n  - author: ann\n    body: Hi\n",
        "threads/a.yml:1: title: is longer than 200 characters",
        id="title-too-long",
    ),
    pytest.param(
        with_thread_field("date: yesterday"),
        "threads/a.yml:2: date: expected a date such as 2015-01-30, found 'yesterday'",
        id="thread_date_must_be_a_date",
    ),
    pytest.param(
        with_thread_field("tags: hello"),
        "threads/a.yml:2: tags: expected a list, such as [first, second]",
        id="tags-not-a-list",
    ),
    pytest.param(
        with_thread_field("tags: [pain, '']"),
        "threads/a.yml:2: tags[2]: must not be empty",
        id="tags-empty-item",
    ),
    pytest.param(
        with_thread_field("related: [b.yml, [c.yml]]"),
        "threads/a.yml:2: related[2]: expected a line of text, found a list",
        id="related-nested-list",
    ),
    pytest.param(
        with_thread_field("disclaimer:"),
        "threads/a.yml:2: disclaimer: must not be empty",
        id="disclaimer-null",
    ),
    pytest.param(
        with_thread_field("disclaimer: {text: x}"),
        "threads/a.yml:2: disclaimer: expected true, false or text, found a mapping",
        id="disclaimer-mapping",
    ),
    pytest.param(
        with_thread_field("description: [a]"),
        "threads/a.yml:2: description: expected a line of text, found a list",
        id="description-list",
    ),
    pytest.param(
        with_thread_field("source: javascript:alert(1)"),
        "threads/a.yml:2: source: expected a web address (http:// or https://, no spaces, quotes or <>),"
        " found 'javascript:alert(1)'",
        id="script_and_data_addresses_are_refused-source",
    ),
    pytest.param(
        with_thread_field("source: 'https://forum.example.org/\"><script>alert(1)</script>'"),
        "threads/a.yml:2: source: expected a web address (http:// or https://, no spaces, quotes or <>),"
        " found 'https://forum.example.org/\"><script>alert(1)</script>'",
        id="addresses_that_would_break_out_of_html_are_refused-quote",
    ),
    pytest.param(
        with_thread_field("source: https://example.org/a b"),
        "threads/a.yml:2: source: expected a web address (http:// or https://, no spaces, quotes or <>),"
        " found 'https://example.org/a b'",
        id="addresses_that_would_break_out_of_html_are_refused-space",
    ),
    pytest.param(
        with_thread_field("source: https://a.org/<x>"),
        "threads/a.yml:2: source: expected a web address (http:// or https://, no spaces, quotes or <>),"
        " found 'https://a.org/<x>'",
        id="addresses_that_would_break_out_of_html_are_refused-angle",
    ),
    # posts
    pytest.param(
        "title: No posts\nposts: []\n",
        "threads/a.yml:2: posts: expected a list of at least one post",
        id="posts_must_be_a_non_empty_list-[]",
    ),
    pytest.param(
        "title: No posts\nposts: \n",
        "threads/a.yml:2: posts: expected a list of at least one post",
        id="posts_must_be_a_non_empty_list-empty",
    ),
    pytest.param(
        "title: No posts\nposts: hello\n",
        "threads/a.yml:2: posts: expected a list of at least one post",
        id="posts_must_be_a_non_empty_list-hello",
    ),
    pytest.param(
        "title: Odd post\nposts:\n  - author: ann\n    body: Hi\n  - just some text\n",
        "threads/a.yml:5: posts[2]: posts[2] must be a mapping of 'key: value' lines",
        id="post_that_is_not_a_mapping",
    ),
    pytest.param(
        "title: Missing author\nposts:\n  - author: ann\n    body: First.\n  - body: Second.\n    date: 2015-01-30\n",
        "threads/a.yml:5: posts[2].author: required field 'author' is missing",
        id="missing_post_author_counts_posts_from_one",
    ),
    pytest.param(
        "title: Missing body\nposts:\n  - author: ann\n    body: First.\n  - author: bob\n    date: 2015-01-30\n",
        "threads/a.yml:5: posts[2].body: required field 'body' is missing",
        id="missing_post_body",
    ),
    pytest.param(
        "title: U\nposts:\n  - author: ann\n    body: Hi\n  - author: bob\n    body: Hello\n    colour: red\n",
        f"threads/a.yml:7: posts[2].colour: unknown key 'colour' (allowed: {ALLOWED_POST})",
        id="unknown_key_inside_a_post",
    ),
    pytest.param(
        with_post_field("athor: bob"),
        f"threads/a.yml:5: posts[1].athor: unknown key 'athor'; did you mean 'author'? (allowed: {ALLOWED_POST})",
        id="unknown_key_inside_a_post-did-you-mean",
    ),
    pytest.param(
        with_post_field("like_total: 3"),
        "threads/a.yml:5: posts[1].like_total: unknown key 'like_total'; did you mean 'likes_total'?"
        f" (allowed: {ALLOWED_POST})",
        id="unknown_key_inside_a_post-did-you-mean-likes_total",
    ),
    pytest.param(
        "title: A\nposts:\n  - author: ann\n    body: Hi\n    body: Again\n",
        "threads/a.yml:5: posts[1].body: appears twice",
        id="duplicate_key-in-post",
    ),
    pytest.param(
        "title: A\nposts:\n  - author: ann\n    body:\n",
        "threads/a.yml:4: posts[1].body: must not be empty",
        id="body-null",
    ),
    pytest.param(
        "title: A\nposts:\n  - author: ann\n    body: [a]\n",
        "threads/a.yml:4: posts[1].body: expected text, found a list",
        id="body-list",
    ),
    pytest.param(
        "title: Long body\nposts:\n- author: ann\n  body: " + "x" * 60_001 + "\n",
        "threads/a.yml:4: posts[1].body: the post body has 60,001 characters; the limit is 60,000",
        id="body_over_size_cap",
    ),
    pytest.param(
        with_post_field("likes: bob"),
        "threads/a.yml:5: posts[1].likes: expected a list, such as [first, second]",
        id="likes_not_a_list",
    ),
    pytest.param(
        with_post_field("likes: [bob, {x: 1}]"),
        "threads/a.yml:5: posts[1].likes[2]: expected a line of text, found a mapping",
        id="likes-item-mapping",
    ),
    pytest.param(
        "title: Likes\nposts:\n  - author: ann\n    body: Hi\n    likes: [bob, cy, dee]\n    likes_total: 2\n",
        "threads/a.yml:6: posts[1].likes_total: is 2, but 3 members are named in 'likes'",
        id="likes_total_smaller_than_named_likes",
    ),
    *[
        pytest.param(
            with_post_field(f"likes_total: {value}"),
            f"threads/a.yml:5: posts[1].likes_total: expected a whole number of 0 or more, found '{value}'",
            id=f"likes_total_must_be_a_whole_number-{value}",
        )
        for value in ("-3", "lots", "2.5", "true")
    ],
    pytest.param(
        with_post_field("likes_total: [1]"),
        "threads/a.yml:5: posts[1].likes_total: expected a whole number, found a list",
        id="likes_total-list",
    ),
    *[
        pytest.param(
            with_post_field(f"expert: {value}"),
            f"threads/a.yml:5: posts[1].expert: expected true or false, found '{shown}'",
            id=f"expert_must_be_true_or_false-{value}",
        )
        for value, shown in (("maybe", "maybe"), ('"true"', "true"), ("1", "1"))
    ],
    pytest.param(
        with_post_field("expert: {a: 1}"),
        "threads/a.yml:5: posts[1].expert: expected true or false, found a mapping",
        id="expert-mapping",
    ),
    *[
        pytest.param(
            with_post_field(f"date: {value}"),
            f"threads/a.yml:5: posts[1].date: expected a date such as 2015-01-30, found '{value}'",
            id=f"date_must_be_a_date-{value}",
        )
        for value in ("yesterday", "30/01/2015")
    ],
    # Impossible dates say what is impossible, whether YAML read them as a date or as text.
    *[
        pytest.param(
            with_post_field(f"{key}: {value}"),
            f"threads/a.yml:5: posts[1].{key}: '{value.strip(chr(34))}' is not a date: {why}",
            id=f"impossible_date-{key}-{value}",
        )
        for key, value, why in (
            ("date", "2022-09-31", "September has 30 days"),
            ("date", '"2022-09-31"', "September has 30 days"),
            ("edited", "2022-04-31 10:20:00", "April has 30 days"),
            ("date", "2022-06-31T08:00", "June has 30 days"),
            ("date", "2015-02-30", "February 2015 has 28 days (2015 is not a leap year)"),
            ("date", "2023-02-29", "February 2023 has 28 days (2023 is not a leap year)"),
            ("date", "1900-02-29", "February 1900 has 28 days (1900 is not a leap year)"),
            ("date", "2024-02-30", "February 2024 has 29 days"),
            ("date", "2022-13-01", "there is no month 13; months go from 1 to 12"),
            ("edited", "2022-00-10", "there is no month 0; months go from 1 to 12"),
            ("date", "2022-01-00", "days of a month start at 1"),
            ("date", "2022-01-32", "January has 31 days"),
            ("date", "0000-01-01", "there is no year 0; years start at 1"),
            ("date", "2022-01-05 25:00", "there is no hour 25; hours go from 0 to 23"),
            ("date", "2022-01-05 10:61", "minutes and seconds go from 0 to 59"),
        )
    ],
    pytest.param(
        with_thread_field("date: 2022-11-31"),
        "threads/a.yml:2: date: '2022-11-31' is not a date: November has 30 days",
        id="impossible_date-thread-date",
    ),
    pytest.param(
        with_post_field("date: [2015]"),
        "threads/a.yml:5: posts[1].date: expected a date, found a list",
        id="date_must_be_a_date-[2015]",
    ),
    pytest.param(
        with_post_field("edited: soon"),
        "threads/a.yml:5: posts[1].edited: expected a date such as 2015-01-30, found 'soon'",
        id="edited-not-a-date",
    ),
    pytest.param(
        with_post_field("role: ''"),
        "threads/a.yml:5: posts[1].role: must not be empty",
        id="role-empty",
    ),
]


@pytest.mark.parametrize(("text", "expected"), THREAD_PROBLEMS)
def test_thread_file_problem(text: str, expected: str) -> None:
    assert problem_of(text) == expected


def test_problem_paths_are_the_ones_given() -> None:
    # The plugin passes paths relative to docs/; the loader writes them as given.
    text = "title: A\nposts:\n  - body: Hi\n"
    expected = "forum/pain/a.yml:3: posts[1].author: required field 'author' is missing"
    assert problem_of(text, "forum/pain/a.yml") == expected


def test_file_at_size_cap_loads() -> None:
    thread = parse_thread(padded(2_000_000), PATH)
    assert thread.title == "Big file"
    assert render(thread).html.startswith("<h1>Big file</h1>")


def test_body_at_size_cap_loads_and_renders() -> None:
    text = "title: Long body ok\nposts:\n- author: ann\n  body: " + "x" * 60_000 + "\n"
    thread = parse_thread(text, PATH)
    assert thread.posts[0].body == "x" * 60_000
    assert f"<div><p>{'x' * 60_000}</p>\n</div>" in render(thread).html


def test_too_many_posts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads_module, "MAX_POSTS", 3)

    def thread(n: int) -> str:
        posts = "".join(f"- author: ann\n  body: Post {i}.\n" for i in range(1, n + 1))
        return f"title: Many posts\nposts:\n{posts}"

    assert [p.number for p in parse_thread(thread(3), PATH).posts] == [1, 2, 3]
    assert problem_of(thread(4)) == "threads/a.yml:3: posts: has 4 posts; the limit is 3"


def test_a_good_file_becomes_a_thread() -> None:
    text = y(
        """
        title: "Coping with  pain "
        forum: Pain
        date: 2015-01-30
        tags: [sleep, pain]
        related: [b.yml]
        source: https://forum.example.org/threads/7/
        description: A short summary.
        disclaimer: false
        posts:
          - author: ann
            role: Member
            date: 2015-01-30 10:20:00
            edited: 2015-01-31
            likes: [bob]
            likes_total: 3
            expert: false
            body: |
              Hello.

              Second paragraph.
          - author: 42
            body: Hi
        """
    )
    thread = parse_thread(text, PATH)
    assert thread.title == "Coping with  pain"
    assert (thread.forum, str(thread.date), thread.tags) == ("Pain", "2015-01-30", ["sleep", "pain"])
    assert [(name, str(where)) for name, where in thread.related] == [("b.yml", "threads/a.yml:5: related[1]")]
    assert (thread.source, thread.description, thread.disclaimer) == (
        "https://forum.example.org/threads/7/",
        "A short summary.",
        False,
    )
    first, second = thread.posts
    assert (first.number, first.author, first.role, first.expert) == (1, "ann", "Member", False)
    assert (str(first.date), str(first.edited)) == ("2015-01-30 10:20:00", "2015-01-31")
    assert (first.likes, first.likes_total, first.like_count) == (["bob"], 3, 3)
    assert first.body == "Hello.\n\nSecond paragraph.\n"
    assert str(first.body_location) == "threads/a.yml:18: posts[1].body"  # the line after "body: |"
    assert (second.number, second.author, str(second.body_location)) == (2, "42", "threads/a.yml:22: posts[2].body")
    assert str(thread.where("tags")) == "threads/a.yml:4: tags"
    assert str(thread.where("nothing")) == "threads/a.yml:1: nothing"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("disclaimer: true", True),
        ("disclaimer: no", False),
        ("disclaimer: Ask your own doctor.", "Ask your own doctor."),
        ("tags:", []),
        ("date: '2015-01-30T10:20'", "2015-01-30 10:20:00"),
    ],
)
def test_field_values(line: str, expected: object) -> None:
    thread = parse_thread(with_thread_field(line), PATH)
    key = line.partition(":")[0]
    got = getattr(thread, key)
    assert (str(got) if key == "date" else got) == expected


# Explicit YAML tags on text that does not fit them: PyYAML's constructors raise
# KeyError, IndexError or AttributeError, which escape the loader today.
def test_explicit_bool_tag_on_other_text() -> None:
    assert problem_of(with_post_field("expert: !!bool maybe")) == (
        "threads/a.yml:5: posts[1].expert: expected true or false, found 'maybe'"
    )


def test_explicit_int_tag_on_empty_text() -> None:
    assert problem_of(with_post_field("likes_total: !!int ''")) == (
        "threads/a.yml:5: posts[1].likes_total: expected a whole number of 0 or more, found ''"
    )


def test_explicit_timestamp_tag_on_other_text() -> None:
    assert problem_of(with_post_field("date: !!timestamp yesterday")) == (
        "threads/a.yml:5: posts[1].date: expected a date such as 2015-01-30, found 'yesterday'"
    )


def test_list_as_a_key() -> None:
    text = "? [a, b]\n: x\ntitle: A\nposts:\n  - author: ann\n    body: Hi\n"
    assert problem_of(text) == "threads/a.yml:1: a key must be a plain name, not a list or a mapping"


def test_control_character_names_its_line() -> None:
    assert problem_of("title: A\nposts:\n  - author: ann\x07\n").startswith("threads/a.yml:3: ")


# ----------------------------------------------------------------------------------------
# The members file
# ----------------------------------------------------------------------------------------

MEMBERS_PROBLEMS = [
    pytest.param(
        "ann:\n  role: Doctor\n  colour: red\n",
        f"members.yml:3: ann.colour: unknown key 'colour' (allowed: {ALLOWED_MEMBER})",
        id="broken_members_file",
    ),
    pytest.param(
        "ann:\n  rolle: Doctor\n",
        f"members.yml:2: ann.rolle: unknown key 'rolle'; did you mean 'role'? (allowed: {ALLOWED_MEMBER})",
        id="members-unknown-key-did-you-mean",
    ),
    pytest.param(
        "ann:\n  avatr: ann.png\n",
        f"members.yml:2: ann.avatr: unknown key 'avatr'; did you mean 'avatar'? (allowed: {ALLOWED_MEMBER})",
        id="members-unknown-key-did-you-mean-avatar",
    ),
    pytest.param(
        "- ann\n- bob\n",
        "members.yml:1: the members file must map each member's name to details",
        id="members_file_that_is_a_list",
    ),
    pytest.param(
        "just text\n",
        "members.yml:1: the members file must map each member's name to details",
        id="members-scalar",
    ),
    pytest.param(
        "ann:\n  role: Doctor\nbob:\nann:\n  role: Nurse\n",
        "members.yml:4: ann: member appears twice",
        id="duplicate_member",
    ),
    pytest.param(
        "ann: [a]\n",
        "members.yml:1: ann: ann must be a mapping of 'key: value' lines",
        id="member-details-list",
    ),
    pytest.param(
        "ann:\n  role: x\n  role: y\n",
        "members.yml:3: ann.role: appears twice",
        id="member-duplicate-key",
    ),
    pytest.param(
        "ann:\n  url: javascript:alert(1)\n",
        "members.yml:2: ann.url: expected a web address (http:// or https://, no spaces, quotes or <>),"
        " found 'javascript:alert(1)'",
        id="script_and_data_addresses_are_refused-member-url",
    ),
    pytest.param(
        "ann:\n  avatar: data:image/svg+xml,x\n",
        "members.yml:2: ann.avatar: expected an http(s) address or a path in docs/, found 'data:image/svg+xml,x'",
        id="script_and_data_addresses_are_refused-member-avatar",
    ),
    pytest.param(
        "ann:\n  expert: sometimes\n",
        "members.yml:2: ann.expert: expected true or false, found 'sometimes'",
        id="member-expert",
    ),
    pytest.param(
        "ann:\n  bio:\n",
        "members.yml:2: ann.bio: must not be empty",
        id="member-bio-empty",
    ),
    pytest.param(
        "ann: &a\n  role: x\n",
        f"members.yml:1: {ANCHORS}",
        id="member-anchor",
    ),
    pytest.param(
        "ann: [\n",
        "members.yml:2: YAML syntax error: did not find expected node content",
        id="members-yaml-syntax",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MEMBERS_PROBLEMS)
def test_members_file_problem(text: str, expected: str) -> None:
    assert members_problem_of(text) == expected


def test_members_file_over_size_cap() -> None:
    text = "ann:\n# " + "x" * 2_000_000 + "\n"
    size = len(text.encode("utf-8"))
    assert members_problem_of(text) == f"members.yml:1: the file is {size:,} bytes; the limit is 2,000,000"


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_empty_members_file_has_no_members(text: str) -> None:
    assert parse_members(text, "members.yml") == {}


def test_members_file_values() -> None:
    text = y(
        """
        ann:
          role: Doctor
          expert: true
          memorial: RIP 2021
          avatar: images/ann.png
          url: https://example.org/ann
          bio: |
            Two
            lines.
        bob:
        " cy ": ~
        dee: null
        """
    )
    members = parse_members(text, "members.yml")
    assert members == {
        "ann": Member(
            name="ann",
            role="Doctor",
            expert=True,
            memorial="RIP 2021",
            avatar="images/ann.png",
            url="https://example.org/ann",
            bio="Two\nlines.\n",
        ),
        "bob": Member(name="bob"),
        "cy": Member(name="cy"),
        "dee": Member(name="dee"),
    }
    assert str(members["ann"].avatar_at) == "members.yml:5: ann.avatar"
    assert members["ann"].avatar_path == "images/ann.png"


def test_member_with_an_empty_name() -> None:
    assert members_problem_of("'':\n  role: x\n") == "members.yml:1: a member's name must not be empty"


# ----------------------------------------------------------------------------------------
# Control characters in one-line fields (issue 18): YAML's escapes ("\0", "\e", "\x9b") let a
# quoted value hold any of them, though the file itself holds none.
# ----------------------------------------------------------------------------------------

CONTROL = "holds a control character (U+{:04X}), which a one-line field cannot have; remove it"
# Each one-line field: how to write a quoted value into a thread file, and the line and field named.
ONE_LINE_FIELDS = [
    pytest.param(lambda v: f'title: "{v}"\nposts:\n  - author: ann\n    body: Hi\n', "1: title", id="title"),
    pytest.param(lambda v: with_thread_field(f'forum: "{v}"'), "2: forum", id="forum"),
    pytest.param(lambda v: with_thread_field(f'tags: [ok, "{v}"]'), "2: tags[2]", id="tags"),
    pytest.param(lambda v: with_thread_field(f'related: ["{v}"]'), "2: related[1]", id="related"),
    pytest.param(lambda v: with_thread_field(f'source: "https://f.example/t/{v}/"'), "2: source", id="source"),
    pytest.param(lambda v: with_thread_field(f'description: "{v}"'), "2: description", id="description"),
    pytest.param(
        lambda v: f'title: A thread\nposts:\n  - author: "{v}"\n    body: Hi\n', "3: posts[1].author", id="author"
    ),
    pytest.param(lambda v: with_post_field(f'role: "{v}"'), "5: posts[1].role", id="role"),
    pytest.param(lambda v: with_post_field(f'likes: [bob, "{v}"]'), "5: posts[1].likes[2]", id="likes"),
    pytest.param(lambda v: with_post_field(f'kind: "{v}"'), "5: posts[1].kind", id="kind"),
]


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\0", 0x00), ("\\x07", 0x07), ("\\e", 0x1B), ("\\x1f", 0x1F), ("\\x7f", 0x7F), ("\\x9b", 0x9B)],
    ids=["NUL", "BEL", "ESC", "US", "DEL", "CSI"],
)
@pytest.mark.parametrize(("make", "where"), ONE_LINE_FIELDS)
def test_one_line_field_refuses_control_characters(
    make: Callable[[str], str], where: str, escape: str, code: int
) -> None:
    assert problem_of(make(f"x{escape}y")) == f"threads/a.yml:{where}: {CONTROL.format(code)}"


@pytest.mark.parametrize(("make", "where"), ONE_LINE_FIELDS)
def test_one_line_field_refuses_a_control_character_at_its_end(make: Callable[[str], str], where: str) -> None:
    # Python's strip() would drop U+001F silently, so the check reads the value as written.
    assert problem_of(make("x\\x1f")) == f"threads/a.yml:{where}: {CONTROL.format(0x1F)}"


@pytest.mark.parametrize(
    ("escape", "message"),
    [
        ("\\t", "holds a tab; write a space instead"),
        ("\\r", "must be a single line"),
        ("\\N", "must be a single line"),  # U+0085, next line
        ("\\L", "must be a single line"),  # U+2028, line separator
        ("\\P", "must be a single line"),  # U+2029, paragraph separator
    ],
    ids=["tab", "carriage-return", "next-line", "line-separator", "paragraph-separator"],
)
@pytest.mark.parametrize(("make", "where"), ONE_LINE_FIELDS)
def test_one_line_field_refuses_tabs_and_line_breaks(
    make: Callable[[str], str], where: str, escape: str, message: str
) -> None:
    assert problem_of(make(f"x{escape}y")) == f"threads/a.yml:{where}: {message}"


def test_tabs_and_spaces_around_a_title_are_dropped() -> None:
    assert parse_thread('title: "\\t A thread \\t"\nposts:\n  - author: ann\n    body: Hi\n', PATH).title == "A thread"


@pytest.mark.parametrize(
    ("line", "field"),
    [('role: "a\\0b"', "ann.role"), ('memorial: "RIP\\e[2J"', "ann.memorial"), ('avatar: "a\\x00.png"', "ann.avatar")],
    ids=["role", "memorial", "avatar"],
)
def test_members_file_fields_refuse_control_characters(line: str, field: str) -> None:
    code = 0x1B if "\\e" in line else 0
    assert members_problem_of(f"ann:\n  {line}\n") == f"members.yml:2: {field}: {CONTROL.format(code)}"


def test_members_file_url_refuses_control_characters() -> None:
    expected = f"members.yml:2: ann.url: {CONTROL.format(0x9B)}"
    assert members_problem_of('ann:\n  url: "https://x.example/\\x9b"\n') == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ('"ann\\0"', CONTROL.format(0)),
        ('"\\eann"', CONTROL.format(0x1B)),
        ('"ann\\x7f"', CONTROL.format(0x7F)),
        ('"an\\tn"', "holds a tab; write a space instead"),
        ('"an\\Ln"', "must be a single line"),
        ("x" * 201, "is longer than 200 characters"),
    ],
    ids=["NUL", "ESC", "DEL", "tab", "line-separator", "too-long"],
)
def test_member_name_is_a_one_line_field(name: str, message: str) -> None:
    assert members_problem_of(f"bob:\n{name}:\n  role: x\n") == f"members.yml:2: a member's name {message}"


def test_unknown_key_with_a_control_character_is_shown_escaped() -> None:
    expected = "threads/a.yml:2: unknown key 'x\\x1b[2J': it holds a control character"
    assert problem_of(with_thread_field('"x\\e[2J": 1')) == expected
