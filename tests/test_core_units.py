"""Unit tests of the whole-site passes and helpers, without MkDocs builds.

relate (related threads, backlinks, similar threads), privacy (pseudonyms),
sources (old forum addresses), file_names (names that fit the file system) and
search_cache (keys and reuse of search entries).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from core_helpers import body_html, members_from, render_options, thread_from

from mkdocs_forum_plugin.adapters.mkdocs.search_cache import SearchEntryCache, page_key, search_index_of
from mkdocs_forum_plugin.file_names import MAX_PART_BYTES, byte_length, fit_name, too_long_part
from mkdocs_forum_plugin.model import Member, Thread
from mkdocs_forum_plugin.privacy import Pseudonymizer, alias, pseudonymize
from mkdocs_forum_plugin.relate import Relations, relate, resolve_ref
from mkdocs_forum_plugin.render.sections import SLUG_BYTES, slugify
from mkdocs_forum_plugin.sources import (
    MAX_DEPTH,
    SourceIndex,
    address_key,
    redirect_page,
    redirect_path,
    redirect_problem,
)

# ----------------------------------------------------------------------------------------
# relate
# ----------------------------------------------------------------------------------------


def thread(path: str, *, related: list[str] | None = None, tags: list[str] | None = None, body: str = "Hi.") -> Thread:
    """A thread file at ``path`` with the given related entries, tags and first body."""
    lines = [f"title: {path.rsplit('/', 1)[-1].removesuffix('.yml').upper()}"]  # too short to be a telling word
    if related is not None:
        lines.append(f"related: [{', '.join(related)}]")
    if tags is not None:
        lines.append(f"tags: [{', '.join(tags)}]")
    lines += ["posts:", "  - author: ann", f"    body: {json.dumps(body)}"]
    return thread_from("\n".join(lines) + "\n", path)


def relations_of(threads: list[Thread], related_max: int = 3, known: set[str] | None = None) -> dict[str, Relations]:
    relations, problems = relate(threads, known or {t.path for t in threads}, related_max)
    assert problems == []
    return relations


def test_listed_thread_gets_a_backlink() -> None:
    a = thread("threads/a.yml", related=["b.yml"])
    b = thread("threads/b.yml")
    relations = relations_of([a, b], related_max=0)
    assert relations == {
        "threads/a.yml": Relations(listed=["threads/b.yml"]),
        "threads/b.yml": Relations(backlinks=["threads/a.yml"]),
    }


def test_threads_that_list_each_other_show_each_other_once() -> None:
    a = thread("threads/a.yml", related=["b.yml"])
    b = thread("threads/b.yml", related=["a.yml"])
    relations = relations_of([a, b], related_max=0)
    assert relations == {
        "threads/a.yml": Relations(listed=["threads/b.yml"]),
        "threads/b.yml": Relations(listed=["threads/a.yml"]),
    }


def test_related_entries_resolve_from_the_thread_or_from_docs() -> None:
    a = thread("forum/pain/a.yml", related=["b.yml", "../sleep/c.yml", "/forum/sleep/c.yml", "forum/pain/b.yml"])
    b = thread("forum/pain/b.yml")
    c = thread("forum/sleep/c.yml")
    relations = relations_of([a, b, c], related_max=0)
    assert relations["forum/pain/a.yml"].listed == ["forum/pain/b.yml", "forum/sleep/c.yml"]  # each once
    assert relations["forum/sleep/c.yml"].backlinks == ["forum/pain/a.yml"]


def test_a_thread_listing_itself_is_ignored() -> None:
    a = thread("threads/a.yml", related=["a.yml"])
    assert relations_of([a], related_max=0) == {"threads/a.yml": Relations()}


def test_missing_related_target_is_a_problem_with_its_line() -> None:
    a = thread("threads/a.yml", related=["b.yml", "nope.yml"])
    b = thread("threads/b.yml")
    relations, problems = relate([a, b], {"threads/a.yml", "threads/b.yml"}, 3)
    assert [str(p) for p in problems] == [
        "threads/a.yml:2: related[2]: related thread 'nope.yml' not found (no such thread file in docs/)"
    ]
    assert relations["threads/a.yml"].listed == ["threads/b.yml"]


def test_related_thread_that_failed_to_load_is_listed_without_a_problem() -> None:
    # ``known`` holds broken thread files too: the load error is reported, not a second "not found".
    a = thread("threads/a.yml", related=["broken.yml"])
    relations = relations_of([a], known={"threads/a.yml", "threads/broken.yml"})
    assert relations["threads/a.yml"].listed == ["threads/broken.yml"]


def test_resolve_ref() -> None:
    known = {"threads/b.yml", "other/c.yml"}
    assert resolve_ref("threads/a.yml", " b.yml ", known) == "threads/b.yml"
    assert resolve_ref("threads/a.yml", "../other/c.yml", known) == "other/c.yml"
    assert resolve_ref("threads/a.yml", "other/c.yml", known) == "other/c.yml"
    assert resolve_ref("threads/a.yml", "c.yml", known) is None


SLEEP = "Sleeping badly with chronic insomnia, waking at night, melatonin and sleep hygiene."


def test_similar_threads_share_tags_and_telling_words() -> None:
    a = thread("threads/a.yml", tags=["insomnia"], body=SLEEP)
    b = thread("threads/b.yml", tags=["insomnia"], body="Insomnia again: melatonin did not help my sleep.")
    c = thread("threads/c.yml", tags=["knees"], body="Knee surgery recovery and physiotherapy exercises.")
    d = thread("threads/d.yml", tags=["knees"], body="Physiotherapy exercises after knee surgery.")
    relations = relations_of([a, b, c, d])
    assert relations["threads/a.yml"].similar == ["threads/b.yml"]
    assert relations["threads/b.yml"].similar == ["threads/a.yml"]
    assert relations["threads/c.yml"].similar == ["threads/d.yml"]


def test_similar_leaves_out_listed_threads_and_backlinks() -> None:
    a = thread("threads/a.yml", tags=["insomnia"], body=SLEEP, related=["b.yml"])
    b = thread("threads/b.yml", tags=["insomnia"], body=SLEEP)
    c = thread("threads/c.yml", tags=["insomnia"], body=SLEEP)
    relations = relations_of([a, b, c])
    assert relations["threads/a.yml"] == Relations(listed=["threads/b.yml"], similar=["threads/c.yml"])
    assert relations["threads/b.yml"] == Relations(backlinks=["threads/a.yml"], similar=["threads/c.yml"])


@pytest.mark.parametrize("related_max", [0, 1, 2])
def test_related_max_caps_similar_threads(related_max: int) -> None:
    threads = [thread(f"threads/t{i}.yml", tags=["insomnia"], body=SLEEP) for i in range(5)]
    relations = relations_of(threads, related_max=related_max)
    assert [len(r.similar) for r in relations.values()] == [related_max] * 5
    assert all(path not in rel.similar for path, rel in relations.items())


@pytest.mark.parametrize(
    ("listed", "backlinks", "related_max", "similar"),
    [(2, 2, 5, 1), (6, 0, 5, 0), (4, 1, 5, 0), (0, 3, 5, 2), (0, 0, 5, 5), (2, 2, 0, 0), (6, 0, 0, 0)],
)
def test_similar_threads_only_fill_the_block_up_to_related_max(
    listed: int, backlinks: int, related_max: int, similar: int
) -> None:
    # Listed threads and backlinks always show, however many; similar ones fill what is left.
    names = [f"l{i}.yml" for i in range(listed)]
    a = thread("threads/a.yml", tags=["insomnia"], body=SLEEP, related=names)
    targets = [thread(f"threads/{name}", tags=["insomnia"], body=SLEEP) for name in names]
    linking = [thread(f"threads/b{i}.yml", tags=["insomnia"], body=SLEEP, related=["a.yml"]) for i in range(backlinks)]
    others = [thread(f"threads/s{i}.yml", tags=["insomnia"], body=SLEEP) for i in range(8)]
    rel = relations_of([a, *targets, *linking, *others], related_max=related_max)["threads/a.yml"]
    assert rel.listed == [f"threads/{name}" for name in names]
    assert rel.backlinks == [t.path for t in linking]
    assert len(rel.similar) == similar
    assert set(rel.similar) <= {t.path for t in others}


# ----------------------------------------------------------------------------------------
# privacy
# ----------------------------------------------------------------------------------------

SECRET = "site secret"


def test_alias_is_stable_secret_dependent_and_case_blind() -> None:
    ann = alias("ann", SECRET)
    assert ann == alias("ann", SECRET)
    assert ann == alias("ANN", SECRET)
    assert ann != alias("ann", "another secret")
    assert ann != alias("bob", SECRET)
    assert ann.startswith("Member ")
    assert len(ann) == len("Member ") + 8
    assert "ann" not in ann.lower()


PRIVATE_THREAD = """
title: Names everywhere
posts:
  - author: ann
    likes: [bob, Dr Rowe]
    body: |
      Hello @bob and @Dr Rowe, and @bobby who is no member.
  - author: bob
    body: |
      [quote="ann, post:1"]
      Hello
      [/quote]

      [QUOTE='Dr Rowe']
      Advice.
      [/QUOTE]
  - author: Dr Rowe
    body: Answer for @ann.
"""


def hidden_thread(public: list[str] | None = None) -> tuple[Thread, dict[str, Member], Thread]:
    original = thread_from(PRIVATE_THREAD)
    members = members_from("Dr Rowe:\n  role: Therapist\n  expert: true\nbob:\n  role: Member\n  memorial: RIP\n")
    hidden = pseudonymize({original.path: original}, members, render_options(), SECRET, public)
    threads, hidden_members, _avatars, _problems = hidden
    return threads[original.path], hidden_members, original


def test_pseudonymize_replaces_authors_likes_quotes_and_mentions() -> None:
    hidden, _, original = hidden_thread()
    ann, bob = alias("ann", SECRET), alias("bob", SECRET)
    assert [p.author for p in hidden.posts] == [ann, bob, "Dr Rowe"]  # the expert is public by default
    assert hidden.posts[0].likes == [bob, "Dr Rowe"]
    bobby = alias("bobby", SECRET)  # mentioned, never posted: a forum member all the same
    assert hidden.posts[0].body == f"Hello @{bob} and @Dr Rowe, and @{bobby} who is no member.\n"
    assert hidden.posts[1].body == (
        f'[quote="{ann}, post:1"]\nHello\n[/quote]\n\n[QUOTE="Dr Rowe"]\nAdvice.\n[/QUOTE]\n'
    )
    assert hidden.posts[2].body == f"Answer for @{ann}."
    assert [p.author for p in original.posts] == ["ann", "bob", "Dr Rowe"]  # the thread itself is unchanged


def test_pseudonymize_public_list_replaces_the_default() -> None:
    hidden, members, _ = hidden_thread(public=["bob"])
    assert [p.author for p in hidden.posts] == [alias("ann", SECRET), "bob", alias("Dr Rowe", SECRET)]
    assert set(members) == {"bob", alias("Dr Rowe", SECRET)}


def test_pseudonymize_members_keeps_only_role_and_expert_flag_of_hidden_members() -> None:
    _, members, _ = hidden_thread()
    bob = alias("bob", SECRET)
    assert members == {
        "Dr Rowe": Member(name="Dr Rowe", role="Therapist", expert=True),
        bob: Member(name=bob, role="Member"),  # the memorial could identify bob
    }


def test_expert_answer_authors_are_public_by_default() -> None:
    text = "title: T\nposts:\n  - author: Sam\n    role: Therapist\n    body: Advice for @ann.\n"
    original = thread_from(text)
    options = render_options(experts=("therapist",))
    threads, _, _, _ = pseudonymize({original.path: original}, {}, options, SECRET, None)
    assert threads[original.path].posts[0].author == "Sam"


def test_mention_in_another_letter_case_is_replaced() -> None:
    original = thread_from("title: T\nposts:\n  - author: ann\n    body: Hi\n  - author: bob\n    body: Thanks @Ann!\n")
    threads, _, _, _ = pseudonymize({original.path: original}, {}, render_options(), SECRET, [])
    assert threads[original.path].posts[1].body == f"Thanks @{alias('ann', SECRET)}!"


def test_quote_with_spaces_around_the_equals_sign_is_pseudonymized() -> None:
    body = '[quote = "ann, post:1"]Hi[/quote]'
    text = f"title: T\nposts:\n  - author: ann\n    body: Hi\n  - author: bob\n    body: '{body}'\n"
    original = thread_from(text)
    threads, _, _, _ = pseudonymize({original.path: original}, {}, render_options(), SECRET, [])
    assert "ann" not in threads[original.path].posts[1].body


def test_quote_with_spaces_around_the_equals_sign_is_a_quote() -> None:
    html = body_html('[quote = "ann, post:1"]\nHi\n[/quote]\n', post_count=1)
    assert '<p><a href="#post-1">ann wrote:</a></p>' in html


def hider() -> Pseudonymizer:
    """A pseudonymizer that knows Qvortrup_K, Eika Solberg and Hope, and keeps Dr Rowe public."""
    hide = Pseudonymizer(SECRET, {"Dr Rowe"})
    hide.know(["Qvortrup_K", "Eika Solberg", "Hope", "Dr Rowe"])
    return hide


Q, EIKA, HOPE = (alias(name, SECRET) for name in ("Qvortrup_K", "Eika Solberg", "Hope"))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Ask Qvortrup_K.", f"Ask {Q}."),
        ("Ask QVORTRUP_K or qvortrup_k", f"Ask {Q} or {Q}"),
        ("Ask Qvortrup\\_K", f"Ask {Q}"),  # Markdown's escape
        ("Ask Qvortrup&#95;K, Qvortrup&#x5f;K, Qvortrup&lowbar;K", f"Ask {Q}, {Q}, {Q}"),  # entities
        ("Ask Qvortrup%5FK", f"Ask {Q}"),  # percent-encoded
        ("_Qvortrup_K_ and __Qvortrup_K__ and *Qvortrup_K*", f"_{Q}_ and __{Q}__ and *{Q}*"),  # emphasis
        ("`Qvortrup_K`", f"`{Q}`"),  # code
        ("Qvortrup_K.Thanks", f"{Q}.Thanks"),
        ("Qvor**trup**_K", Q),  # split by markup a reader does not see
        ("Qvor<b></b>trup_K and Qvortrup\u200b_K", f"{Q} and {Q}"),
        ("Eika<!-- --> Solberg", EIKA),
        ('<abbr title="Qvortrup_K">QK</abbr>', f'<abbr title="{Q}">QK</abbr>'),
        ("Eika  Solberg said, eika solberg", f"{EIKA} said, {EIKA}"),  # a name with a space
        ("Eika_Solberg", "Eika_Solberg"),  # not the name: other characters between its words
        ("Qvortrup_Kx and xQvortrup", "Qvortrup_Kx and xQvortrup"),
        ("Hope you are well", "Hope you are well"),  # a name that is an ordinary word
        ("@Qvortrup\\_K and @hope", f"@{Q} and @{HOPE}"),
        ('[quote="Qvortrup\\_K, post: 1"]x[/quote]', f'[quote="{Q}, post: 1"]x[/quote]'),
        ("Dr Rowe and @Dr Rowe", "Dr Rowe and @Dr Rowe"),  # public
    ],
)
def test_pseudonymize_reads_names_as_readers_see_them(text: str, shown: str) -> None:
    assert hider().text(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # An address loses the part with the name and stays a working link.
        ("[my notes](https://talk.example.com/u/Qvortrup_K/summary)", "[my notes](https://talk.example.com/u/)"),
        ("[me](/members/qvortrup_k.45/)", "[me](/members/)"),
        ("[me](https://forum.example.org/members/qvortrup-k.45/)", "[me](https://forum.example.org/members/)"),
        ("[me](https://x.org/u/Qvortrup%5FK)", "[me](https://x.org/u/)"),
        ("[me](https://x.org/?user=Qvortrup&#95;K)", "[me](https://x.org/?user=)"),
        ("[me](<https://x.org/u/Eika Solberg/a> 'Eika Solberg')", f"[me](<https://x.org/u/> '{EIKA}')"),
        ("[me](https://x.org/u/eika-solberg)", "[me](https://x.org/u/)"),
        ("[Hope's page](https://x.org/u/hope)", "[Hope's page](https://x.org/u/)"),  # any hidden name
        ("[x](https://x.org/@someone)", "[x](https://x.org/)"),  # a profile: anyone mentioned
        ("[Qvortrup_K](https://x.org/u/qvortrup_k)", f"[{Q}](https://x.org/u/)"),
        ("[x [y]](https://x.org/u/Qvortrup_K)", "[x [y]](https://x.org/u/)"),
        ("[a]: https://x.org/u/qvortrup_k/\n\n[b][a]", "[a]: https://x.org/u/\n\n[b][a]"),
        ("<https://x.org/u/Qvortrup_K>", "<https://x.org/u/>"),
        ("see https://x.org/u/Qvortrup_K.", "see https://x.org/u/."),  # the sentence keeps its full stop
        ("(see https://x.org/u/Qvortrup_K)", "(see https://x.org/u/)"),
        ("<a href='/u/Qvortrup_K' title='Qvortrup_K'>x</a>", f"<a href='/u/' title='{Q}'>x</a>"),
        ("<a href=/u/Qvortrup_K>x</a>", "<a href=/u/>x</a>"),
        # Nothing usable would be left: the link gives way to its text, an address shown as text to the alias.
        ("[site](https://qvortrup_k.example.org/) ok", "site ok"),
        ("[mail](mailto:Qvortrup_K@example.org)", "mail"),
        ("![Qvortrup_K at the lake](https://x.org/Qvortrup_K.png)", f"{Q} at the lake"),  # a picture
        ("<mailto:qvortrup_k@example.org>", Q),
        ("write to qvortrup_k@example.org", f"write to {Q}"),
        ("[x [y]](qvortrup_k.html)", "[x [y]](#)"),
        # Not an address past its space, but the name is replaced all the same.
        ("[me](https://x.org/u/Eika Solberg/a)", f"[me](https://x.org/u/ {EIKA}/a)"),
        # Addresses without a name stay as they are, public names too.
        ("[x](https://x.org/u/anna) https://x.org/a_b", "[x](https://x.org/u/anna) https://x.org/a_b"),
        ("[Dr Rowe](https://x.org/u/dr-rowe)", "[Dr Rowe](https://x.org/u/dr-rowe)"),
    ],
)
def test_pseudonymize_cuts_names_out_of_addresses(text: str, shown: str) -> None:
    assert hider().text(text) == shown


def test_pseudonymize_replaces_names_in_every_one_line_field() -> None:
    text = (
        "title: Qvortrup&#95;K asks\ndescription: For Qvortrup\\_K\nforum: Qvortrup_K's corner\n"
        "tags: [Qvortrup_K, back]\nposts:\n  - author: Qvortrup_K\n    role: Friend of Eika Solberg\n"
        "    body: Hi\n  - author: Eika Solberg\n    body: Hi\n"
    )
    original = thread_from(text)
    threads, _, _, _ = pseudonymize({original.path: original}, {}, render_options(), SECRET, [])
    hidden = threads[original.path]
    assert (hidden.title, hidden.description, hidden.forum) == (f"{Q} asks", f"For {Q}", f"{Q}'s corner")
    assert hidden.tags == [Q, "back"]
    assert hidden.posts[0].role == f"Friend of {EIKA}"


def test_pseudonymize_replaces_names_in_what_members_wrote_about_others() -> None:
    members = members_from(
        "Dr Rowe:\n  role: Looks after Qvortrup_K\n  bio: Works with Qvortrup_K.\n  memorial: Qvortrup_K misses him\n"
        "  url: https://rowe.example.org/\n  expert: true\nQvortrup_K:\n  role: Friend of Eika Solberg\n"
    )
    original = thread_from("title: T\nposts:\n  - author: Eika Solberg\n    body: Hi\n")
    _, hidden, _, _ = pseudonymize({original.path: original}, members, render_options(), SECRET, None)
    rowe = hidden["Dr Rowe"]
    assert (rowe.role, rowe.bio, rowe.memorial) == (f"Looks after {Q}", f"Works with {Q}.", f"{Q} misses him")
    assert rowe.url == "https://rowe.example.org/"
    assert hidden[Q] == Member(name=Q, role=f"Friend of {EIKA}")


def test_pseudonymize_leaves_out_an_old_address_that_names_a_member_and_warns_of_a_file_name() -> None:
    text = "title: T\nsource: https://forum.example.org/threads/for-qvortrup-k.12/\nposts:\n  - author: Qvortrup_K\n"
    named = thread_from(text + "    body: Hi\n", "threads/thanks-qvortrup_k.yml")
    plain = thread_from(
        "title: T\nsource: https://forum.example.org/threads/finding-hope.13/\nposts:\n"
        "  - author: Hope\n    body: Hi\n",
        "threads/hope.yml",
    )
    threads, _, _, problems = pseudonymize({t.path: t for t in (named, plain)}, {}, render_options(), SECRET, [])
    assert threads[named.path].source is None
    assert threads[plain.path].source == plain.source  # "hope" can be an ordinary word
    assert [str(p) for p in problems] == [
        "threads/thanks-qvortrup_k.yml:1: the file name holds a member's name, which the page's address shows;"
        " rename the file",
        "threads/thanks-qvortrup_k.yml:2: source: the old address holds a member's name, so it is not published:"
        " no redirect, no link to it",
    ]


def test_an_escaped_name_has_the_alias_of_the_name() -> None:
    hide = hider()
    assert hide.name("Qvortrup\\_K") == hide.name("qvortrup&#95;k") == Q
    assert hide.name("Dr&#32;Rowe") == "Dr&#32;Rowe"  # public, however it is written


def test_pseudonymize_costs_linear_time_on_hostile_text() -> None:
    hide = Pseudonymizer(SECRET, set())
    hide.know([f"user_{i}" for i in range(3000)] + [f"Name{i} Other" for i in range(1000)])
    units = ["<!--", "[x](", "](", "&#", "%4", "\\", "*a", "<b>", "a@b.", "https://x/user_1 ", "[quote=", "user_1 "]
    started = time.monotonic()
    for unit in [*units, "@Name1 Other "]:
        hide.text((unit * 50_000)[:50_000])
    # A bound, not a timing: this takes about 2 s on a shared two-core machine. While it was
    # written, a pattern with a long bound made "<!--" alone take 4 s; a quadratic pass takes minutes.
    assert time.monotonic() - started < 30


# ----------------------------------------------------------------------------------------
# sources
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://forum.example.org/threads/pain.12/", "forum.example.org/threads/pain.12"),
        ("http://Forum.Example.ORG/threads/pain.12", "forum.example.org/threads/pain.12"),
        (" https://forum.example.org/threads/pain.12/?page=2#post-3 ", "forum.example.org/threads/pain.12"),
        ("https://forum.example.org/Threads/Pain.12/", "forum.example.org/Threads/Pain.12"),  # paths keep case
        ("https://forum.example.org/", "forum.example.org"),
    ],
)
def test_address_key(url: str, key: str) -> None:
    assert address_key(url) == key


INDEX = SourceIndex(
    {
        "threads/pain.yml": "https://forum.example.org/threads/pain.12/",
        "threads/sleep.yml": "http://old.example.net/showthread.php?t=7",
    }
)


@pytest.mark.parametrize(
    ("href", "path"),
    [
        ("https://forum.example.org/threads/pain.12/", "threads/pain.yml"),
        ("http://FORUM.example.org/threads/pain.12", "threads/pain.yml"),
        ("https://forum.example.org/threads/pain.12/page-2", "threads/pain.yml"),
        ("https://forum.example.org/threads/pain.12/post-345#post-345", "threads/pain.yml"),
        ("https://forum.example.org/threads/pain.12/" + "/".join(["x"] * MAX_DEPTH), "threads/pain.yml"),
        ("https://forum.example.org/threads/pain.12/" + "/".join(["x"] * (MAX_DEPTH + 1)), None),
        ("https://forum.example.org/threads/pain.13/", None),
        ("https://forum.example.org/threads/", None),
        ("https://elsewhere.example.org/threads/pain.12/", None),
        ("https://old.example.net/showthread.php?t=8", "threads/sleep.yml"),  # the query is not compared
        ("mailto:ann@example.org", None),
    ],
)
def test_thread_for(href: str, path: str | None) -> None:
    assert INDEX.thread_for(href) == path


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ("https://forum.example.org/threads/tension.123/", "threads/tension.123/index.html"),
        ("https://forum.example.org/threads/tension.123", "threads/tension.123/index.html"),
        ("https://forum.example.org/showthread.php?t=5", "showthread.php"),
        ("https://forum.example.org/archive/t-5.HTML", "archive/t-5.HTML"),
        ("https://forum.example.org/t/topic.json", "t/topic.json/index.html"),
        ("https://forum.example.org/", None),
        ("https://forum.example.org/?t=5", None),
        ("https://forum.example.org/threads/../../etc/passwd", None),
        ("https://forum.example.org/..", None),
    ],
)
def test_redirect_path(source: str, path: str | None) -> None:
    assert redirect_path(source) == path


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("threads/" + "痛" * 85 + "/index.html", None),  # 255 bytes: the most a folder name can have
        (
            "threads/" + "痛" * 86 + "/index.html",
            "a part of its path has 258 bytes, and a file or folder name can have at most 255",
        ),
        (
            "threads/" + "ж" * 150 + ".html",
            "a part of its path has 305 bytes, and a file or folder name can have at most 255",
        ),
        ("threads/a\x00b/index.html", "its path holds a control character"),
        ("threads/a\x9bb/index.html", "its path holds a control character"),
    ],
    ids=["cjk-at-the-limit", "cjk-over", "cyrillic-file-over", "nul", "csi"],
)
def test_redirect_problem(target: str, problem: str | None) -> None:
    # A redirect must stand at the old address itself, so it is left out, never shortened.
    assert redirect_problem(target) == problem


def test_redirect_page_escapes_its_target() -> None:
    page = redirect_page('../threads/a/?x="1"&y=<2>')
    target = "../threads/a/?x=&quot;1&quot;&amp;y=&lt;2&gt;"
    assert f'<link rel="canonical" href="{target}">' in page
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
    assert '"1"' not in page
    assert "<2>" not in page


# ----------------------------------------------------------------------------------------
# search_cache
# ----------------------------------------------------------------------------------------


@dataclass
class FakeTocItem:
    id: str
    url: str
    children: list[FakeTocItem] = field(default_factory=list)


@dataclass
class FakePage:
    """What page_key reads of a MkDocs page."""

    url: str = "threads/a/"
    title: str = "A thread"
    meta: Any = field(default_factory=dict)
    toc: list[Any] = field(default_factory=lambda: [FakeTocItem("post-1", "#post-1")])
    content: str | None = "<p>Hello</p>"


class _Unrepresentable:
    def __repr__(self) -> str:
        raise ValueError("no repr")


def key(page: FakePage, salt: bytes = b"") -> bytes | None:
    return page_key(page, salt)  # type: ignore[arg-type]


def test_page_key_is_the_same_for_the_same_page() -> None:
    first = key(FakePage())
    assert first is not None
    assert len(first) == 20
    assert key(FakePage()) == first


@pytest.mark.parametrize(
    "changed",
    [
        FakePage(url="threads/b/"),
        FakePage(title="Another title"),
        FakePage(meta={"title": "Meta title"}),
        FakePage(meta={"tags": ["sleep"]}),
        FakePage(meta={"search": {"exclude": True}}),
        FakePage(toc=[FakeTocItem("post-1", "#post-1", [FakeTocItem("part", "#part")])]),
        FakePage(toc=[]),
        FakePage(content="<p>Hello!</p>"),
        FakePage(content=None),
    ],
)
def test_page_key_changes_with_what_search_reads(changed: FakePage) -> None:
    assert key(changed) != key(FakePage())


def test_page_key_keeps_front_matter_types_apart() -> None:
    as_date = key(FakePage(meta={"tags": dt.date(2015, 1, 30)}))
    as_text = key(FakePage(meta={"tags": "2015-01-30"}))
    assert as_date != as_text


def test_page_key_ignores_other_metadata_and_depends_on_salt() -> None:
    assert key(FakePage(meta={"description": "x"})) == key(FakePage())
    assert key(FakePage(meta=None)) == key(FakePage())  # no front matter at all
    assert key(FakePage(), salt=b"other settings") != key(FakePage())


def test_page_key_is_none_for_what_cannot_be_keyed() -> None:
    assert key(FakePage(meta={"tags": _Unrepresentable()})) is None


class FakeSearchIndex:
    """The shape of Material's SearchIndex that the cache wraps; counts the pages it reads."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.entries: list[dict[str, Any]] = []
        self.config = config or {"lang": ["en"]}
        self.read: list[str] = []

    def add_entry_from_context(self, page: FakePage) -> None:
        self.read.append(page.url)
        self.entries.append({"location": page.url, "title": page.title, "text": page.content, "tags": ["t"]})
        self.entries.append({"location": page.url + "#post-1", "title": "ann", "text": ""})

    def generate_search_index(self, prev: FakeSearchIndex | None) -> str:
        assert prev is None  # the cache merges the previous build's entries itself
        return ",".join(str(entry["location"]) for entry in self.entries)


class FakeSearchPlugin:
    __module__ = "material.plugins.search.plugin"  # search_index_of only wraps Material's search plugin

    def __init__(self) -> None:
        self.search_index = FakeSearchIndex()


def test_search_index_of_finds_only_materials_search_plugin() -> None:
    plugin = FakeSearchPlugin()
    other = type("OtherPlugin", (), {"search_index": FakeSearchIndex()})()
    found: object = search_index_of([other, plugin])
    assert found is plugin.search_index
    assert search_index_of([other]) is None
    broken = FakeSearchPlugin()
    broken.search_index.entries = None  # type: ignore[assignment]
    assert search_index_of([broken]) is None
    original = other.search_index.add_entry_from_context
    SearchEntryCache().attach([other])
    assert other.search_index.add_entry_from_context == original  # another search plugin is left alone


def wrapped(plugin: FakeSearchPlugin) -> bool:
    """Whether the cache wrapped the plugin's index."""
    return bool(getattr(plugin.search_index.add_entry_from_context, "__forum_search_cache__", False))


def build(cache: SearchEntryCache, pages: list[FakePage]) -> FakeSearchIndex:
    """One build: a fresh search plugin, every page indexed, the build finished."""
    plugin = FakeSearchPlugin()
    cache.attach([plugin])
    assert wrapped(plugin)
    for page in pages:
        plugin.search_index.add_entry_from_context(page)
    cache.finish()
    return plugin.search_index


def test_unchanged_pages_reuse_their_entries_in_the_next_build() -> None:
    cache = SearchEntryCache()
    first = build(cache, [FakePage(), FakePage(url="threads/b/")])
    assert (first.read, cache.indexed, cache.reused) == (["threads/a/", "threads/b/"], 2, 0)

    second = build(cache, [FakePage(), FakePage(url="threads/b/", content="<p>Changed</p>")])
    assert (second.read, cache.indexed, cache.reused) == (["threads/b/"], 1, 1)
    assert second.entries[:2] == first.entries[:2]
    assert second.entries[2]["text"] == "<p>Changed</p>"


def test_reused_entries_are_copies() -> None:
    cache = SearchEntryCache()
    first = build(cache, [FakePage()])
    first.entries[0]["tags"].append("changed later")
    second = build(cache, [FakePage()])
    assert second.entries[0]["tags"] == ["t"]
    second.entries[0]["tags"].append("changed again")
    assert build(cache, [FakePage()]).entries[0]["tags"] == ["t"]


def test_entries_of_pages_left_out_of_a_build_are_forgotten() -> None:
    cache = SearchEntryCache()
    build(cache, [FakePage()])
    build(cache, [FakePage(url="threads/b/")])
    third = build(cache, [FakePage()])
    assert third.read == ["threads/a/"]


def test_search_settings_are_part_of_the_key() -> None:
    cache = SearchEntryCache()
    build(cache, [FakePage()])
    plugin = FakeSearchPlugin()
    plugin.search_index.config = {"lang": ["zh"]}
    cache.attach([plugin])
    plugin.search_index.add_entry_from_context(FakePage())
    assert plugin.search_index.read == ["threads/a/"]


def test_dirty_rebuild_keeps_other_pages_and_replaces_every_rebuilt_one() -> None:
    cache = SearchEntryCache()
    before = build(cache, [FakePage(), FakePage(url="threads/b/"), FakePage(url="threads/c/")])
    plugin = FakeSearchPlugin()
    cache.attach([plugin])
    index = plugin.search_index
    index.add_entry_from_context(FakePage(content="<p>New</p>"))
    index.add_entry_from_context(FakePage(url="threads/c/"))
    locations = index.generate_search_index(before).split(",")
    assert locations == [
        "threads/b/",
        "threads/b/#post-1",
        "threads/a/",
        "threads/a/#post-1",
        "threads/c/",
        "threads/c/#post-1",
    ]


def test_attach_twice_does_not_wrap_twice() -> None:
    cache = SearchEntryCache()
    plugin = FakeSearchPlugin()
    cache.attach([plugin])
    first = plugin.search_index.add_entry_from_context
    assert wrapped(plugin)
    cache.attach([plugin])
    assert plugin.search_index.add_entry_from_context is first


# ----------------------------------------------------------------------------------------
# file_names: every name the plugin makes fits in one file or folder name (255 bytes)
# ----------------------------------------------------------------------------------------

# The longest names the loader takes (200 characters) in scripts of 2, 3 and 4 bytes a letter.
LONG_NAMES = {
    "cjk": "痛" * 200,
    "cyrillic": "Боль в спине " * 15 + "Боль в",
    "arabic": "ألم الظهر " * 20,
    "emoji": "😀" * 200,
    "mixed": "a" + "痛" * 199,
}


@pytest.mark.parametrize("name", ["sleep", "痛" * 85, "ж" * 127 + "j"], ids=["ascii", "cjk-255", "cyrillic-255"])
def test_a_name_that_fits_is_kept(name: str) -> None:
    assert fit_name(name) == name


@pytest.mark.parametrize("name", list(LONG_NAMES.values()), ids=list(LONG_NAMES))
@pytest.mark.parametrize("budget", [MAX_PART_BYTES, SLUG_BYTES, 20])
def test_a_long_name_is_cut_between_characters_and_keeps_a_digest(name: str, budget: int) -> None:
    fitted = fit_name(name, budget)
    assert byte_length(fitted) <= budget
    start, _, digest = fitted.rpartition("-")
    assert re.fullmatch("[0-9a-f]{8}", digest), fitted
    assert name.startswith(start)  # whole characters of the name, none cut in half
    assert byte_length(start) > budget - 8 - 1 - 4  # as much of the name as fits
    assert fit_name(name, budget) == fitted  # the same address, build after build


def test_long_names_that_start_alike_stay_apart() -> None:
    first, second = "痛" * 150 + "a", "痛" * 150 + "b"
    assert fit_name(first) != fit_name(second)
    assert fit_name(first).split("-")[0] == fit_name(second).split("-")[0]


def test_a_budget_without_room_for_the_digest_is_refused() -> None:
    with pytest.raises(ValueError, match="no room"):
        fit_name("x" * 20, 8)


@pytest.mark.parametrize("name", list(LONG_NAMES.values()), ids=list(LONG_NAMES))
def test_slugs_leave_room_for_what_is_added_to_them(name: str) -> None:
    slug = slugify(name)
    # "-NNNNNNN" for a taken address, ".md" / ".html", and a temporary file's ".", ".forum-tmp"
    assert byte_length(f".{slug}-1234567.html.forum-tmp") <= MAX_PART_BYTES
    assert slug == slugify(name)


def test_slugs_that_fit_are_unchanged() -> None:
    assert slugify("Ask a Therapist") == "ask-a-therapist"
    assert slugify("Боль в спине") == "боль-в-спине"


@pytest.mark.parametrize(
    ("path", "part"),
    [("a/b/c.html", None), ("a/" + "痛" * 86 + "/x", "痛" * 86), ("痛" * 85 + "/" + "x" * 256, "x" * 256)],
    ids=["short", "folder", "file"],
)
def test_too_long_part(path: str, part: str | None) -> None:
    assert too_long_part(path) == part
