"""How an import behaves: re-imports, hand edits, failures, atomic writes, members, progress, state."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from test_import_helpers import FIXTURES, members, run, setup_site, threads

from mkdocs_forum_plugin.cli.import_command import progress_wanted
from mkdocs_forum_plugin.importers import pipeline
from mkdocs_forum_plugin.importers.state import STATE_NAME

XF2 = FIXTURES / "xenforo2"
NAME = "sitting-at-a-desk-all-day-what-actually-helps-5310.yml"


def snapshot(root: Path) -> dict[str, bytes]:
    docs = root / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def test_reimport_is_a_no_op(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", XF2, "--out", "docs/threads")
    before = snapshot(tmp_path)
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    result = run("import", XF2, "--out", "docs/threads")
    assert result.exit_code == 0
    assert snapshot(tmp_path) == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes  # nothing rewritten, not even the same bytes
    assert f"skipped   docs/threads/{NAME}: unchanged since the last import" in result.output
    assert "no new members or fields" in result.output
    assert "0 imported, 0 updated, 1 skipped, 0 failed" in result.output


def test_state_file_records_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", XF2, "--out", "docs/threads")
    state = json.loads((tmp_path / "docs" / "threads" / STATE_NAME).read_text(encoding="utf-8"))
    assert state["version"] == 2
    entry = state["threads"]["thread:forum.example.org:5310"]  # the forum's host and thread id, not the title
    assert (entry["file"], entry["posts"]) == (NAME, 5)
    assert len(entry["sha256"]) == 64


def test_hand_edited_file_is_not_overwritten_without_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", XF2, "--out", "docs/threads")
    path = tmp_path / "docs" / "threads" / NAME
    edited = path.read_text(encoding="utf-8").replace("forum: Work & Daily Life", "forum: Desk Life")
    path.write_text(edited, encoding="utf-8")
    result = run("import", XF2, "--out", "docs/threads")
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == edited
    assert "edited by hand since it was imported; --force overwrites it" in result.output
    result = run("import", XF2, "--out", "docs/threads", "--force")
    assert "updated   docs/threads/" in result.output
    assert "forum: Work & Daily Life" in path.read_text(encoding="utf-8")
    # After --force the file is the importer's again: the next import leaves it alone.
    assert "unchanged since the last import" in run("import", XF2, "--out", "docs/threads").output


def test_a_changed_source_updates_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    page1 = tmp_path / "page1.html"
    page1.write_bytes((XF2 / "desk-page-1.html").read_bytes())
    run("import", page1, XF2 / "desk-page-2.html", "--out", "docs/threads")
    page1.write_text(page1.read_text(encoding="utf-8").replace("expensive chair", "fancy chair"), encoding="utf-8")
    result = run("import", page1, XF2 / "desk-page-2.html", "--out", "docs/threads")
    assert f"updated   docs/threads/{NAME}" in result.output
    assert "fancy chair" in threads(tmp_path)[NAME]["posts"][0]["body"]


def test_fewer_posts_than_before_need_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", XF2, "--out", "docs/threads")
    result = run("import", XF2 / "desk-page-1.html", "--out", "docs/threads")
    assert "the files given have 3 posts, the last import wrote 5" in result.output
    assert len(threads(tmp_path)[NAME]["posts"]) == 5


def test_never_deletes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    out = tmp_path / "docs" / "threads"
    out.mkdir(parents=True)
    (out / "hand-written.yml").write_text("title: Mine\nposts:\n  - author: me\n    body: hi\n", encoding="utf-8")
    (out / f"{NAME}").write_text("title: Mine too\nposts:\n  - author: me\n    body: hi\n", encoding="utf-8")
    run("import", XF2, "--out", "docs/threads")
    names = sorted(p.name for p in out.iterdir())
    # A file of the same name that the importer did not write is left alone: the thread gets another name.
    assert names == sorted([STATE_NAME, "hand-written.yml", NAME, NAME.replace(".yml", "-2.yml")])
    assert (out / NAME).read_text(encoding="utf-8").startswith("title: Mine too")
    (out / NAME.replace(".yml", "-2.yml")).unlink()
    result = run("import", XF2, "--out", "docs/threads")
    assert "deleted since it was imported; --force writes it again" in result.output
    assert not (out / NAME.replace(".yml", "-2.yml")).exists()
    assert (out / "hand-written.yml").exists()


def test_bad_input_is_named_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    notes = tmp_path / "notes.txt"
    notes.write_text("Just my shopping list.\n", encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"post_stream": {"posts": []}}', encoding="utf-8")
    result = run("import", notes, XF2 / "desk-page-1.html", broken, tmp_path / "missing.html", "--out", "docs/threads")
    assert result.exit_code == 1
    assert f"FAILED    {notes}: not a recognised forum export" in result.output
    assert f"FAILED    {broken}: no topic id in the Discourse JSON" in result.output
    assert f"FAILED    {tmp_path / 'missing.html'}: no such file or folder" in result.output
    assert f"imported  docs/threads/{NAME}" in result.output
    assert "1 imported, 0 updated, 0 skipped, 3 failed" in result.output


def test_a_parser_crash_is_reported_with_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)

    def crash(source: str, data: bytes, options: object) -> list[object]:
        raise KeyError("boom")

    monkeypatch.setattr(pipeline, "parse_file", crash)
    result = run("import", XF2 / "desk-page-1.html", "--out", "docs/threads")
    assert result.exit_code == 1
    assert "desk-page-1.html: could not be imported (KeyError: 'boom')" in result.output


def test_writes_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    replaced: list[tuple[str, str]] = []
    real_replace = Path.replace

    def spy(self: Path, target: str | os.PathLike[str]) -> Path:
        replaced.append((self.name, Path(target).name))
        assert Path(self).parent.resolve() == Path(target).parent.resolve()  # a temporary file in the same folder
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", spy)
    run("import", XF2, "--out", "docs/threads")
    assert {target for _temp, target in replaced} == {NAME, "members.yml", STATE_NAME}
    assert all(temp.endswith(".tmp") and temp.startswith(".") for temp, _target in replaced)
    leftovers = [p.name for p in (tmp_path / "docs").rglob("*.tmp")]
    assert leftovers == []


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)

    def fail(self: Path, target: object) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", fail)
    result = run("import", XF2, "--out", "docs/threads")
    assert result.exit_code == 1
    assert f"FAILED    docs/threads/{NAME}: could not be written (disk full)" in result.output
    assert [p.name for p in (tmp_path / "docs").rglob("*") if p.is_file()] == ["index.md"]


def test_members_file_keeps_hand_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    hand = (
        "# Our members\n\n"
        "nora.kaye:\n  role: Founder   # set by hand\n  bio: Started this forum.\n\n"
        "old_birch:\n  bio: Much missed.\n\n"
        "TherapistJun:\n"
    )
    (tmp_path / "docs" / "members.yml").write_text(hand, encoding="utf-8")
    result = run("import", XF2, "--out", "docs/threads")
    text = (tmp_path / "docs" / "members.yml").read_text(encoding="utf-8")
    assert text.startswith(hand.split("old_birch", maxsplit=1)[0])  # comments and the hand-set role kept
    assert members(tmp_path) == {
        "nora.kaye": {"role": "Founder", "bio": "Started this forum."},
        "old_birch": {"role": "Well-known member", "memorial": "RIP 2020", "bio": "Much missed."},
        "TherapistJun": {"role": "Pain Therapist"},
        "Tomasz W": {"role": "Member"},
    }
    assert "1 new member, 3 new field(s) for members already there" in result.output


def test_members_option_and_no_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    run("import", XF2, "--out", "docs/threads", "--members", "people.yml")
    assert (tmp_path / "people.yml").exists()
    assert not (tmp_path / "docs" / "members.yml").exists()
    run("import", XF1_PAGE, "--out", "docs/threads", "--no-members")
    assert not (tmp_path / "docs" / "members.yml").exists()


XF1_PAGE = FIXTURES / "xenforo1" / "b-stiffness-page-1.html"


def test_members_default_without_a_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    result = run("import", XF2, "--out", "wiki/threads")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "wiki" / "members.yml").exists()


def test_dry_run_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    result = run("import", XF2, "--out", "docs/threads", "--dry-run")
    assert result.exit_code == 0
    assert "Dry run (nothing written): 1 imported" in result.output
    assert not (tmp_path / "docs" / "threads").exists()
    assert not (tmp_path / "docs" / "members.yml").exists()


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    assert progress_wanted(None) is False
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert progress_wanted(None) is True
    monkeypatch.setenv("CI", "true")
    assert progress_wanted(None) is False
    assert progress_wanted(True) is True


def test_no_progress_bar_in_output_when_not_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    saved = tmp_path / "saved"
    saved.mkdir()
    for n in range(12):  # enough files for a bar on a terminal
        (saved / f"copy-{n:02}.html").write_bytes((XF2 / "desk-page-1.html").read_bytes())
    result = run("import", saved, "--out", "docs/threads")
    assert "Reading" not in result.output
    assert "page 1 was given twice" in result.output


def test_progress_bar_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    saved = tmp_path / "saved"
    saved.mkdir()
    for n in range(12):
        (saved / f"copy-{n:02}.html").write_bytes((XF2 / "desk-page-1.html").read_bytes())
    result = run("import", saved, "--out", "docs/threads", "--progress")
    assert "Reading" in result.output


def test_parallel_import_gives_the_same_files(tmp_path: Path) -> None:
    pages = sorted(FIXTURES.glob("xenforo[12]/*.html"))
    files = pages * 5  # past the size where worker processes are used
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        options = pipeline.ImportOptions(out=out, members=out / "members.yml", jobs=jobs)
        report = pipeline.run_import(files, options)
        assert report.ok, report.lines()
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1]
    assert len(outs[0]) == 4  # two threads, the members file and the state file


def test_long_posts_are_shortened_to_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    paragraph = "Word " * 199 + "end."
    item = {
        "path": ["1", "2"],
        "subpath": ["3"],
        "url": "https://forum.example.org/posts/3/",
        "origin": "https://forum.example.org/threads/long.2/",
        "data": {},
        "author": "ann",
        "creation_time": "2022-06-01T07:30:00+00:00",
        "content": "<br /><br />".join([paragraph] * 80),  # about 80,000 characters
    }
    line = {"generator": "forum-dl", "version": "0.3.0", "extractor": "xenforo", "type": "post", "item": item}
    source = tmp_path / "long.jsonl"
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = run("import", source, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    body = next(iter(threads(tmp_path).values()))["posts"][0]["body"]
    assert len(body) <= 60_000
    assert body.rstrip().endswith("*[This post was shortened on import: it was longer than the wiki allows.]*")
    assert re.search(
        r"post 1: shortened from 8\d,\d{3} to \d\d,\d{3} characters \(the limit is 60,000\)", result.output
    )
