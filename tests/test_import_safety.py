"""Issue 9, importer: no write outside --out, no marker collisions, no lost records, shortening within the limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_import_helpers import FIXTURES, run, setup_site, threads

from mkdocs_forum_plugin.importers import pipeline
from mkdocs_forum_plugin.importers.convert import cap
from mkdocs_forum_plugin.importers.convert import convert as real_convert
from mkdocs_forum_plugin.importers.placing import Candidate
from mkdocs_forum_plugin.importers.placing import place as real_place
from mkdocs_forum_plugin.importers.records import TRUNCATED
from mkdocs_forum_plugin.importers.safety import UnsafePathError, check_name, clean_html, file_stem, output_path
from mkdocs_forum_plugin.importers.state import STATE_NAME
from mkdocs_forum_plugin.load.threads import MAX_BODY_CHARS, parse_thread

XF2 = FIXTURES / "xenforo2"
XF2_NAME = "sitting-at-a-desk-all-day-what-actually-helps-5310.yml"


def every_file(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def topic(topic_id: Any, *, cooked: str = "<p>Hello there, this is the first post.</p>", **extra: Any) -> str:
    post = {
        "id": 1,
        "username": "ann",
        "cooked": cooked,
        "post_number": 1,
        "post_type": 1,
        "created_at": "2023-10-02T21:14:05.118Z",
        "updated_at": "2023-10-02T21:14:05.118Z",
        "version": 1,
        **extra,
    }
    return json.dumps({"id": topic_id, "title": "A topic title", "slug": "a-topic", "post_stream": {"posts": [post]}})


def forumdl_line(path: list[str], content: str = "A post about walking.") -> str:
    item = {
        "path": path,
        "subpath": ["3"],
        "url": "https://forum.example.org/posts/3/",
        "origin": "",
        "data": {},
        "author": "ann",
        "creation_time": "2022-06-01T07:30:00+00:00",
        "content": content,
    }
    thread = {"path": path, "url": "", "title": "Walking again"}
    head = {"generator": "forum-dl", "version": "0.3.0", "extractor": "x"}
    return "\n".join(
        json.dumps({**head, "type": kind, "item": it}) for kind, it in (("thread", thread), ("post", item))
    )


# --- item 7: every output path stays in --out ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../x.yml",
        "/etc/x.yml",
        "a/../../x.yml",
        "..\\x.yml",
        "a\\b.yml",
        "x\x00.yml",
        "",
        ".yml",
        ".hidden.yml",
        "sub/x.yml",
        "x.yaml",
        "X.yml",
        "..yml",
        "a..b.yml",
        "x" * 300 + ".yml",
        ".forum-import.json",
    ],
)
def test_unsafe_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafePathError):
        output_path(tmp_path, name)


def test_safe_names_stay_in_the_folder(tmp_path: Path) -> None:
    assert output_path(tmp_path / "out", "a-thread-12.yml") == tmp_path / "out" / "a-thread-12.yml"
    assert check_name("a-thread-12-2.yml") == "a-thread-12-2.yml"


@pytest.mark.parametrize(
    ("thread_id", "expected"),
    [
        ("5310", "a-title-5310"),
        ("../../evil", "a-title-evil"),
        ("/abs\\path\x00", "a-title-abs-path"),
        ("..", "a-title"),
        (None, "a-title"),
    ],
)
def test_file_stems_are_derived_and_safe(thread_id: str | None, expected: str) -> None:
    stem = file_stem("A title", thread_id)
    assert stem == expected
    check_name(stem + ".yml")


def test_discourse_id_cannot_leave_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "t.json").write_text(topic("../../../escaped"), encoding="utf-8")
    before = every_file(tmp_path)
    result = run("import", tmp_path / "in", "--out", "docs/threads", "--no-members")
    assert result.exit_code == 0, result.output
    added = every_file(tmp_path) - before
    assert added == {"docs/threads/a-topic-title-escaped.yml", f"docs/threads/{STATE_NAME}"}


def test_forumdl_path_cannot_leave_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    source = tmp_path / "x.jsonl"
    source.write_text(forumdl_line(["4", "../../../../tmp/escaped"]), encoding="utf-8")
    before = every_file(tmp_path)
    result = run("import", source, "--out", "docs/threads", "--no-members")
    assert result.exit_code == 0, result.output
    added = every_file(tmp_path) - before
    assert added == {"docs/threads/walking-again-tmp-escaped.yml", f"docs/threads/{STATE_NAME}"}


@pytest.mark.parametrize(
    "bad",
    ["../../outside.yml", "/tmp/outside.yml", "..\\outside.yml", "sub/../../outside.yml", "x\x00.yml", "", 7, None],
)
def test_state_file_entries_are_checked_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: Any) -> None:
    setup_site(tmp_path, monkeypatch)
    out = tmp_path / "docs" / "threads"
    out.mkdir(parents=True)
    entry = {"file": bad, "sha256": "0" * 64, "posts": 5, "sources": []}
    state = {"version": 1, "threads": {"xenforo:forum.example.org:5310": entry}}
    (out / STATE_NAME).write_text(json.dumps(state), encoding="utf-8")
    before = every_file(tmp_path)
    result = run("import", XF2, "--out", "docs/threads", "--no-members")
    assert result.exit_code == 1
    assert f"FAILED    docs/threads/{STATE_NAME}: the entry for 'xenforo:forum.example.org:5310' is left out" in (
        result.output
    )
    assert every_file(tmp_path) - before == {f"docs/threads/{XF2_NAME}"}  # imported as a new thread, inside
    saved = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    assert saved["threads"]["thread:forum.example.org:5310"]["file"] == XF2_NAME  # by forum and thread id


def test_a_symbolic_link_in_out_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    out = tmp_path / "docs" / "threads"
    out.mkdir(parents=True)
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    (out / XF2_NAME).symlink_to(target)
    state = {
        "version": 1,
        "threads": {
            "xenforo:forum.example.org:5310": {"file": XF2_NAME, "sha256": "0" * 64, "posts": 5, "sources": []}
        },
    }
    (out / STATE_NAME).write_text(json.dumps(state), encoding="utf-8")
    result = run("import", XF2, "--out", "docs/threads", "--no-members", "--force")
    assert result.exit_code == 1
    assert "is a symbolic link" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    assert (out / XF2_NAME).is_symlink()


# --- item 8: no marker collisions, no lost records --------------------------------------------------------------

MARKS = "\x03Q0\x03 \x03Q7\x03 \x02 \x00 \x1b[31m"


def assert_clean(root: Path) -> list[str]:
    bodies: list[str] = []
    for data in threads(root).values():
        text = json.dumps(data, default=str)
        for char in "\x00\x02\x03\x1b":
            assert char not in text and json.dumps(char)[1:-1] not in text
        bodies.extend(post["body"] for post in data["posts"])
    return bodies


def test_marker_characters_in_discourse_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    source = tmp_path / "t.json"
    cooked = f"<p>Before {MARKS} &#3;Q5&#x3; &#03;Q1&#003; after</p><a href='https://x.org/&#3;Q2&#3;'>link</a>"
    source.write_text(topic(41, cooked=cooked, username=f"ann{MARKS}", user_title=f"T{MARKS}"), encoding="utf-8")
    result = run("import", source, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    (body,) = assert_clean(tmp_path)
    assert "Before Q0 Q7" in body and "Q5 Q1 after" in body


def test_marker_characters_in_discourse_raw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    source = tmp_path / "t.json"
    data = json.loads(topic(41))
    del data["post_stream"]["posts"][0]["cooked"]
    data["post_stream"]["posts"][0]["raw"] = f'[quote="bob, post:1"]\x03Q3\x03[/quote] {MARKS} text'
    source.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", source, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    (body,) = assert_clean(tmp_path)
    assert "Q3" in body and "text" in body


def test_marker_characters_in_a_saved_page_and_copied_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    page = (XF2 / "desk-page-1.html").read_text(encoding="utf-8")
    page = page.replace("expensive chair", f"expensive {MARKS} &#3;Q9&#3; chair", 1)
    assert "Q9" in page
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    text = (FIXTURES / "text" / "posture-myths.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    middle = len(lines) // 2
    lines[middle] = lines[middle] + f" {MARKS}"
    (tmp_path / "copy.txt").write_text("\n".join(lines), encoding="utf-8")
    result = run("import", tmp_path / "page.html", tmp_path / "copy.txt", "--out", "docs/threads", "--prefix", "Myth")
    assert result.exit_code == 0, result.output
    bodies = assert_clean(tmp_path)
    assert any("expensive Q0 Q7" in b and "Q9 chair" in b for b in bodies)


def test_marker_characters_in_forumdl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    source = tmp_path / "x.jsonl"
    source.write_text(forumdl_line(["4", "6120"], f"Walk {MARKS} &#3;Q1&#3; daily"), encoding="utf-8")
    result = run("import", source, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    (body,) = assert_clean(tmp_path)
    assert "Walk Q0 Q7" in body and "Q1 daily" in body


def test_clean_html_leaves_tab_newline_and_other_references() -> None:
    assert clean_html("a&#9;b&#10;c&#13;d&#x41;&#150;\t\n") == "a&#9;b&#10;c&#13;d&#x41;&#150;\t\n"
    assert clean_html("&#3;&#x3;&#0003;&#x1F;&#127;&#31;x&#32;") == "x&#32;"


def three_topics(folder: Path) -> None:
    folder.mkdir()
    for n in (1, 2, 3):
        text = topic(n, cooked=f"<p>Post of topic {n}.</p>")
        (folder / f"t{n}.json").write_text(text.replace("A topic title", f"Topic {n}"), encoding="utf-8")


def test_a_crash_on_one_thread_keeps_the_others_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    three_topics(tmp_path / "in")
    convert = real_convert

    def flaky(thread: Any, *args: Any) -> Any:
        if thread.first.title == "Topic 2":
            raise IndexError("boom")
        return convert(thread, *args)

    place = real_place

    def full_disk(folder: Path, out: Candidate, **kwargs: Any) -> Any:
        if out.stem.startswith("topic-3"):
            raise OSError("disk full")
        return place(folder, out, **kwargs)

    monkeypatch.setattr(pipeline, "convert", flaky)
    monkeypatch.setattr(pipeline, "place", full_disk)
    result = run("import", tmp_path / "in", "--out", "docs/threads")
    assert result.exit_code == 1
    assert "t2.json: could not be converted (IndexError: boom)" in result.output
    assert "topic-3-3.yml: could not be written (disk full)" in result.output
    assert "1 imported, 0 updated, 0 skipped, 2 failed" in result.output
    state = json.loads((tmp_path / "docs" / "threads" / STATE_NAME).read_text(encoding="utf-8"))
    assert [e["file"] for e in state["threads"].values()] == ["topic-1-1.yml"]
    monkeypatch.setattr(pipeline, "convert", convert)
    monkeypatch.setattr(pipeline, "place", place)
    again = run("import", tmp_path / "in", "--out", "docs/threads")
    assert again.exit_code == 0, again.output
    assert sorted(threads(tmp_path)) == ["topic-1-1.yml", "topic-2-2.yml", "topic-3-3.yml"]  # no topic-1-1-2.yml


def test_state_is_saved_even_when_the_batch_is_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    three_topics(tmp_path / "in")
    place = real_place

    def interrupted(folder: Path, out: Candidate, **kwargs: Any) -> Any:
        if out.stem.startswith("topic-2"):
            raise KeyboardInterrupt
        return place(folder, out, **kwargs)

    monkeypatch.setattr(pipeline, "place", interrupted)
    result = run("import", tmp_path / "in", "--out", "docs/threads")
    assert result.exit_code == 1 and "Aborted!" in result.output  # click's answer to Ctrl-C
    state = json.loads((tmp_path / "docs" / "threads" / STATE_NAME).read_text(encoding="utf-8"))
    assert [e["file"] for e in state["threads"].values()] == ["topic-1-1.yml"]


# --- item 9: shortening respects the limit exactly ---------------------------------------------------------------


def raw_topic(body: str) -> str:
    data = json.loads(topic(77))
    del data["post_stream"]["posts"][0]["cooked"]
    data["post_stream"]["posts"][0]["raw"] = body
    return json.dumps(data)


@pytest.mark.parametrize("length", [MAX_BODY_CHARS - 2, MAX_BODY_CHARS - 1, MAX_BODY_CHARS, MAX_BODY_CHARS + 1])
def test_shortening_at_the_boundary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, length: int) -> None:
    setup_site(tmp_path, monkeypatch)
    body = ("word " * length)[: length - 1] + "z"
    assert len(body) == length
    (tmp_path / "t.json").write_text(raw_topic(body), encoding="utf-8")
    result = run("import", tmp_path / "t.json", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    ((name, data),) = threads(tmp_path).items()  # threads() checks every file with the plugin's loader
    written = data["posts"][0]["body"]
    assert len(written) <= MAX_BODY_CHARS
    if length + 1 <= MAX_BODY_CHARS:
        assert written == body + "\n"
        assert "shortened" not in result.output
    else:
        assert written.endswith(TRUNCATED.strip() + "\n")
        assert "post 1: shortened from" in result.output
    parse_thread((tmp_path / "docs" / "threads" / name).read_text(encoding="utf-8"), name)


def test_cap_is_exact_without_a_paragraph_break() -> None:
    notes: list[str] = []
    for length in (MAX_BODY_CHARS - 1, MAX_BODY_CHARS, 3 * MAX_BODY_CHARS):
        out = cap("x" * length, 1, notes)
        assert len(out) == min(length, MAX_BODY_CHARS - 1)
        loaded = yaml.safe_load(yaml.safe_dump({"body": out + "\n"}))["body"]
        assert len(loaded) <= MAX_BODY_CHARS
    assert len(notes) == 2


# --- found by the fuzz tests ----------------------------------------------------------------------------------


def test_a_base_address_that_is_no_address_keeps_the_link() -> None:
    from mkdocs_forum_plugin.importers.bodies import html_to_markdown  # noqa: PLC0415

    assert html_to_markdown('<a href="page">the page</a>', "https://[0]/")[0] == "the page"


def test_a_quote_inside_removed_markup_is_dropped_with_it() -> None:
    from mkdocs_forum_plugin.importers.bodies import html_to_markdown  # noqa: PLC0415

    html = '<button><blockquote class="bbCodeBlock bbCodeBlock--quote" data-quote="a">q</blockquote></button>Text'
    assert html_to_markdown(html)[0] == "Text"


def test_a_title_of_line_separators_is_no_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    (tmp_path / "t.json").write_text(topic(8).replace("A topic title", "\\u2028 \\u2029"), encoding="utf-8")
    result = run("import", tmp_path / "t.json", "--out", "docs/threads")
    assert result.exit_code == 1
    assert "t.json: no thread title: give the file with the thread's first page (or topic JSON) too" in result.output
