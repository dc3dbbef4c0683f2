"""``mkdocs-forum forget NAME``: the member out of every file, the rest byte for byte, and out of later imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import build_site, write_site
from test_import_helpers import FIXTURES, run

from mkdocs_forum_plugin.forget.body import forget_in_body
from mkdocs_forum_plugin.forget.members_file import forget_in_members
from mkdocs_forum_plugin.forget.names import Matcher, name_digest
from mkdocs_forum_plugin.forget.record import RECORD_NAME, Forgotten, find_record, load_record
from mkdocs_forum_plugin.forget.thread_file import forget_in_thread
from mkdocs_forum_plugin.importers.state import STATE_NAME, digest
from mkdocs_forum_plugin.ledger import KILL_AT
from mkdocs_forum_plugin.load.threads import parse_members, parse_thread

WORD = "a former member"
RAVI = Matcher.of(["Ravi_K"])
SAVED = FIXTURES / "forget" / "stretching.txt"
NAME = "Pebble_Moss"


# --- finding the name ---


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("thanks Ravi_K!", ["Ravi_K"]),
        ("@RAVI_K see this", ["@RAVI_K"]),
        ("ravi_k, ravi_k.", ["ravi_k", "ravi_k"]),
        ("Ｒａｖｉ_Ｋ wrote", ["Ｒａｖｉ_Ｋ"]),  # full-width letters are the same name (NFKC)
        ("ravi_kay and xravi_k and ravi_k2", []),  # another word, or another member's name
        ("", []),
    ],
)
def test_the_name_is_found_in_any_letter_case_as_a_word_of_its_own(text: str, found: list[str]) -> None:
    assert [text[a:b] for a, b in RAVI.spans(text)] == found


def test_a_name_with_dots_and_spaces_and_the_form_quote_tags_give_it() -> None:
    matcher = Matcher.of(['Bea "B" Mendes, RN'])
    assert matcher.is_name('bea "b" mendes, rn')
    assert matcher.found_in("[quote=\"Bea 'B' Mendes RN, post:2\"]")  # as the importer writes it in a tag
    assert matcher.found_in('Bea "B"\n  Mendes, RN')  # a line break inside the name


def test_the_neutral_word_never_holds_the_name() -> None:
    assert Matcher.of(["member"]).safe_word(WORD) == "…"
    assert RAVI.safe_word(WORD) == WORD


def test_the_digest_is_of_the_normal_form() -> None:
    assert name_digest("RAVI_K", "s") == name_digest(" ravi_k ", "s") == name_digest("Ｒａｖｉ_Ｋ", "s")
    assert name_digest("ravi_k", "s") != name_digest("ravi_k", "t")


# --- one body ---


def test_quotes_of_them_lose_their_words_and_others_keep_theirs() -> None:
    body = (
        '[quote="Ravi_K, post:3"]\nRavi words\n[/quote]\n'
        '[quote="ann, post:1"]ann words [quote="RAVI_K"]nested Ravi words[/quote][/quote]\n'
        '[quote="post:4"]by number only[/quote]\n'
        "Thanks @ravi_k, and `Ravi_K` in code.\n"
    )
    new, quotes, mentions = forget_in_body(body, RAVI, frozenset({3, 4}), WORD)
    assert new == (
        '[quote="post:3, removed:true"][/quote]\n'
        '[quote="ann, post:1"]ann words [quote="removed:true"][/quote][/quote]\n'
        '[quote="post:4, removed:true"][/quote]\n'
        "Thanks a former member, and `a former member` in code.\n"
    )
    assert (quotes, mentions) == (3, 2)
    assert forget_in_body(new, RAVI, frozenset(), WORD) == (new, 0, 0)  # a second run changes nothing


def test_a_quote_left_open_keeps_the_last_line_break() -> None:
    assert forget_in_body('a\n[quote="Ravi_K"]open to the end\n', RAVI, frozenset(), WORD)[0] == (
        'a\n[quote="removed:true"][/quote]\n'
    )


def test_a_member_called_post_leaves_the_new_tags_alone() -> None:
    new = forget_in_body('[quote="post, post:2"]x[/quote] post', Matcher.of(["post"]), frozenset(), WORD)[0]
    assert new == '[quote="post:2, removed:true"][/quote] a former member'


# --- one thread file, edited in place ---

BEFORE = """\
# yaml-language-server: $schema=../thread.schema.json
title: Thanks, Ravi_K   # a title that names him
forum: Ask a Therapist
tags: [sleep, pillows]
source: https://forum.example.org/threads/ravi_k-tips.12/
posts:
  - author: ann
    date: 2022-01-01   # the opening post
    likes: [bob, RAVI_K, cy]
    likes_total: 7
    body: |
      How do you all sleep with back pain?

      Ravi's not here yet.
  - author: Ravi_K
    role: Well-Known Member
    date: 2022-01-02 10:00:00
    expert: true      # a comment inside his post goes with it
    likes:
      - ann
    body: |
      A pillow between the knees.
  - author: bob
    likes:
      - ravi_k
    body: |-
      [quote="Ravi_K, post:2"]
      A pillow between the knees.
      [/quote]

      That worked for me, @ravi_k.
  - {author: Ravi_K, body: "flow style post"}
  - author: cy
    body: "An escaped name: \\x52avi_K."
"""

AFTER = """\
# yaml-language-server: $schema=../thread.schema.json
title: Thanks, a former member   # a title that names him
forum: Ask a Therapist
tags: [sleep, pillows]
posts:
  - author: ann
    date: 2022-01-01   # the opening post
    likes: [bob, cy]
    likes_total: 6
    body: |
      How do you all sleep with back pain?

      Ravi's not here yet.
  - removed: true
    date: 2022-01-02 10:00:00
  - author: bob
    body: |-
      [quote="post:2, removed:true"][/quote]

      That worked for me, a former member.
  - {removed: true}
  - author: cy
    body: "An escaped name: a former member."
"""


def test_the_thread_file_is_edited_in_place_and_nothing_else_changes() -> None:
    change = forget_in_thread(BEFORE, "threads/t.yml", RAVI, WORD)
    assert change.text == AFTER
    assert (change.removed_posts, change.quotes, change.likes, change.dropped) == ([2, 4], 1, 2, ["source"])
    thread = parse_thread(change.text, "threads/t.yml")
    assert [p.number for p in thread.posts if p.removed] == [2, 4]
    assert forget_in_thread(change.text, "threads/t.yml", RAVI, WORD).text == change.text  # a rerun is a no-op


def test_a_file_that_does_not_name_them_is_left_as_it_is() -> None:
    text = Path("docs/threads/fear-of-bending.yml").read_text(encoding="utf-8")
    change = forget_in_thread(text, "threads/fear-of-bending.yml", RAVI, WORD)
    assert not change.changed and change.text == text


def test_every_line_of_the_example_wiki_that_does_not_concern_them_stays() -> None:
    """Byte for byte: each line that neither names Ravi_K nor lies in his posts is in the new file, in order."""
    changed = 0
    for path in sorted(Path("docs/threads").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        change = forget_in_thread(text, f"threads/{path.name}", RAVI, WORD)
        parse_thread(change.text, path.name)
        assert not RAVI.found_in(change.text), path
        thread = parse_thread(text, path.name)
        own = [p for p in thread.posts if p.author == "Ravi_K"]
        lines = text.splitlines(keepends=True)
        posts_at = lines.index("posts:\n")
        starts = [i for i, line in enumerate(lines) if line.startswith("  - ") and i > posts_at]
        theirs: set[int] = set()
        for post in own:
            first = starts[post.number - 1]
            last = starts[post.number] if post.number < len(starts) else len(lines)
            theirs.update(range(first, last))
        # A likes_total under a list of likes that names him counts one fewer.
        counts = {i for i, line in enumerate(lines) if "likes_total:" in line and RAVI.found_in(lines[i - 1])}
        kept = [line for i, line in enumerate(lines) if i not in theirs | counts and not RAVI.found_in(line)]
        new_lines = iter(change.text.splitlines(keepends=True))
        assert all(any(line == other for other in new_lines) for line in kept), path
        changed += change.text != text
    assert changed == 5  # the files that name him


def test_a_result_the_loader_refuses_is_not_written() -> None:
    # A member called "true" would make "expert: true" a mention... the loader catches what the edit cannot foresee.
    text = "title: T\nposts:\n  - author: ann\n    expert: true\n    body: hi\n"
    change = forget_in_thread(text, "t.yml", Matcher.of(["true"]), WORD)
    assert change.text == text
    assert change.left and "would not load" in change.left[0]


# --- the members file ---

MEMBERS = """\
# Members of the wiki
ann:
  role: Member

Ravi_K:
  role: Well-Known Member   # retired physio
  avatar: images/avatars/ravi_k.png

bob:
  bio: Friend of ravi_k since 2010.
"""


def test_the_members_entry_goes_and_the_others_stay() -> None:
    change = forget_in_members(MEMBERS, "members.yml", RAVI, WORD)
    assert change.text == (
        "# Members of the wiki\nann:\n  role: Member\n\nbob:\n  bio: Friend of a former member since 2010.\n"
    )
    assert (change.entries, change.avatars) == (["Ravi_K"], ["images/avatars/ravi_k.png"])
    assert sorted(parse_members(change.text, "members.yml")) == ["ann", "bob"]


# --- the record ---


def test_the_record_holds_no_name_and_knows_the_member_in_any_case(tmp_path: Path) -> None:
    record = Forgotten().adding("Ravi_K", WORD)
    record.save(tmp_path)
    text = (tmp_path / RECORD_NAME).read_text(encoding="utf-8")
    assert "ravi" not in text.casefold()
    loaded = load_record(tmp_path / RECORD_NAME)
    assert loaded.has("RAVI_K") and not loaded.has("ann")
    assert len(loaded.salt) == 32 and loaded.word == WORD


def test_a_broken_record_stops_the_import(tmp_path: Path) -> None:
    (tmp_path / "docs" / "threads").mkdir(parents=True)
    (tmp_path / "docs" / RECORD_NAME).write_text('{"salt": 1}', encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert find_record(tmp_path / "docs" / "threads") == tmp_path / "docs" / RECORD_NAME
    with pytest.raises(ValueError, match="not a record of forgotten members"):
        load_record(tmp_path / "docs" / RECORD_NAME)


# --- the whole wiki: the "done when" ---


def _wiki(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A wiki with the saved thread imported, a second thread that mentions the member, and their avatar."""
    write_site(root, {}, {"experts": ["Pain Therapist"]}, site_url="https://wiki.example.org/")
    monkeypatch.chdir(root)
    result = run("import", SAVED, "-o", "docs/threads")
    assert result.exit_code == 0, result.output
    docs = root / "docs"
    (docs / "images" / "avatars").mkdir(parents=True)
    (docs / "images" / "avatars" / "pebble_moss.svg").write_text("<svg/>", encoding="utf-8")
    (docs / "images" / "avatars" / "keep.svg").write_text("<svg/>", encoding="utf-8")
    members = (docs / "members.yml").read_text(encoding="utf-8")
    members = members.replace("Pebble_Moss:\n", "Pebble_Moss:\n  avatar: images/avatars/pebble_moss.svg\n")
    (docs / "members.yml").write_text(members + "\nann:\n  avatar: images/avatars/keep.svg\n", encoding="utf-8")
    (docs / "threads" / "by-hand.yml").write_text(
        "title: Kettle-side routine\nposts:\n  - author: ann\n    body: |\n      Has anyone seen pebble_MOSS lately?\n",
        encoding="utf-8",
    )
    return docs


def _named(folder: Path, name: str) -> list[str]:
    """Every file under ``folder`` whose path or content holds ``name`` in any letter case (a plain grep -ri)."""
    needle = name.casefold()
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if needle in path.relative_to(folder).as_posix().casefold():
            found.append(f"name: {path}")
        elif needle in path.read_bytes().decode("utf-8", "replace").casefold():
            found.append(f"text: {path}")
    return found


def _quote_links(site_dir: Path) -> list[tuple[str, bool]]:
    from bs4 import BeautifulSoup  # noqa: PLC0415

    links = []
    for page in site_dir.glob("threads/*/index.html"):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for link in html.select(".forum-quote > p:first-child > a"):
            target = str(link["href"]).lstrip("#")
            links.append((target, html.find(id=target) is not None))
    return links


def test_after_forget_no_file_of_the_wiki_or_the_site_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _wiki(tmp_path, monkeypatch)
    before = {p: p.read_bytes() for p in (docs / "threads").glob("*.yml")}
    assert _named(docs, NAME)
    result = run("forget", NAME.upper())
    assert result.exit_code == 0, result.output
    assert "2 thread file(s) rewritten, 1 file(s) deleted" in result.output
    assert _named(docs, NAME) == []
    assert (docs / "images" / "avatars" / "keep.svg").is_file()  # another member's picture stays
    thread = parse_thread(next(iter(before)).read_text(encoding="utf-8"), "t.yml")
    assert [p.number for p in thread.posts] == [1, 2, 3, 4, 5]
    assert [p.number for p in thread.posts if p.removed] == [2, 4]
    site = build_site(tmp_path)
    assert site.warnings() == []
    assert _named(site.site_dir, NAME) == []  # pages, search index, feeds, JSON-LD, file names
    assert (site.site_dir / "feed.xml").is_file() or list(site.site_dir.rglob("*.xml"))
    links = _quote_links(site.site_dir)
    assert ("post-2", True) in links and all(ok for _target, ok in links)
    # Importing the original thread again brings none of them back.
    result = run("import", SAVED, "-o", "docs/threads", "--force")
    assert result.exit_code == 0, result.output
    assert _named(docs, NAME) == []
    # Nor does a fresh import into a new folder of the same wiki.
    result = run("import", SAVED, "-o", "docs/again")
    assert result.exit_code == 0, result.output
    assert _named(docs, NAME) == []
    again = parse_thread(next((docs / "again").glob("*.yml")).read_text(encoding="utf-8"), "a.yml")
    assert [p.number for p in again.posts if p.removed] == [2, 4]


def test_the_import_record_follows_the_rewrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _wiki(tmp_path, monkeypatch)
    run("forget", NAME)
    state = json.loads((docs / "threads" / STATE_NAME).read_text(encoding="utf-8"))
    entry = next(iter(state["threads"].values()))
    assert entry["sha256"] == digest((docs / "threads" / entry["file"]).read_text(encoding="utf-8"))
    result = run("import", SAVED, "-o", "docs/threads")
    assert "edited by hand" not in result.output


def test_dry_run_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _wiki(tmp_path, monkeypatch)
    files = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    result = run("forget", NAME, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would be rewritten" in result.output and "dry run: nothing was written" in result.output
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == files


def test_a_page_that_names_them_is_listed_for_the_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _wiki(tmp_path, monkeypatch)
    (docs / "thanks.md").write_text("# Thanks to Pebble_Moss\n", encoding="utf-8")
    result = run("forget", NAME)
    assert "left: thanks.md: a page or file of the wiki names them; edit it by hand" in result.output
    assert (docs / "thanks.md").read_text(encoding="utf-8") == "# Thanks to Pebble_Moss\n"  # not ours to edit


@pytest.mark.parametrize("at", ["forget-recorded:1", "forget-thread:1", "forget-avatar:1"])
def test_a_killed_run_is_completed_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: str) -> None:
    docs = _wiki(tmp_path, monkeypatch)
    command = [sys.executable, "-m", "mkdocs_forum_plugin.cli", "forget", NAME]
    env = {**os.environ, KILL_AT: at, "NO_MKDOCS_2_WARNING": "1"}
    killed = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert killed.returncode == -9, killed.stderr
    assert _named(docs, NAME)  # stopped half way
    result = run("forget", NAME)
    assert result.exit_code == 0, result.output
    assert _named(docs, NAME) == []
    state = json.loads((docs / "threads" / STATE_NAME).read_text(encoding="utf-8"))
    entry = next(iter(state["threads"].values()))
    assert entry["sha256"] == digest((docs / "threads" / entry["file"]).read_text(encoding="utf-8"))


def test_forgetting_the_thread_starter_renames_the_import_key_and_a_reimport_finds_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _wiki(tmp_path, monkeypatch)
    assert "fernhollow" in (docs / "threads" / STATE_NAME).read_text(encoding="utf-8")  # the key names the starter
    result = run("forget", "FernHollow")
    assert result.exit_code == 0, result.output
    assert _named(docs, "fernhollow") == []
    result = run("import", SAVED, "-o", "docs/threads")
    assert result.exit_code == 0, result.output
    assert "1 skipped" in result.output and "unchanged since the last import" in result.output
    assert sorted(p.name for p in (docs / "threads").glob("*.yml")) == [
        "by-hand.yml",
        "question-morning-stretches-how-long-before-they-help.yml",
    ]
    assert _named(docs, "fernhollow") == []


def test_a_body_that_only_mentions_them_changes_only_where_the_name_is() -> None:
    text = (
        "title: T\nposts:\n  - author: ann\n    likes: [Ravi_K, Ravi_K fan]\n"
        "    body: |\n      one @Ravi_K  \n    \n      two\n"
    )
    change = forget_in_thread(text, "t.yml", RAVI, WORD)
    assert change.text == (
        'title: T\nposts:\n  - author: ann\n    likes: ["a former member fan"]\n'
        "    body: |\n      one a former member  \n    \n      two\n"
    )


def test_check_warns_when_a_forgotten_member_is_copied_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _wiki(tmp_path, monkeypatch)
    run("forget", NAME)
    assert "forgotten" not in run("check").output
    (docs / "threads" / "by-hand.yml").write_text(
        "title: T\nposts:\n  - author: pebble_moss\n    body: |\n      I am back.\n", encoding="utf-8"
    )
    result = run("check")
    assert "threads/by-hand.yml:5: posts[1]: a member forgotten at their request is back" in result.output


def test_a_file_with_windows_line_breaks_keeps_them() -> None:
    text = BEFORE.replace("\n", "\r\n")
    change = forget_in_thread(text, "threads/t.yml", RAVI, WORD)
    assert change.text == AFTER.replace("\n", "\r\n")
