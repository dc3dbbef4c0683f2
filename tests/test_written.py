"""What `mkdocs-forum generate` recorded: digests in docs/.forum-generated.json, the list in docs/.gitignore."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_forum_plugin.adapters.written import (
    BEGIN,
    FINISH,
    JOURNAL,
    RECORD,
    Generated,
    ours,
    record,
    written,
)
from mkdocs_forum_plugin.adapters.zensical.envelope import pack
from mkdocs_forum_plugin.importers.state import STATE_NAME, State
from mkdocs_forum_plugin.ledger import Journal, sha256


def put(docs: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")


def test_a_first_run_makes_a_gitignore_that_ignores_itself_and_the_record(tmp_path: Path) -> None:
    put(tmp_path, {"threads/b.md": "b\n", "forums/index.md": "f\n"})
    record(tmp_path, ["threads/b.md", "forums/index.md"])
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines == [BEGIN, "/.gitignore", f"/{RECORD}", f"/{JOURNAL}", "/forums/index.md", "/threads/b.md", FINISH]
    assert written(tmp_path) == {"threads/b.md", "forums/index.md"}
    files = json.loads((tmp_path / RECORD).read_text(encoding="utf-8"))["files"]
    assert files == {"forums/index.md": sha256(b"f\n"), "threads/b.md": sha256(b"b\n")}


def test_the_wikis_own_lines_are_kept_and_its_gitignore_stays_tracked(tmp_path: Path) -> None:
    put(tmp_path, {"a.md": "a", "b.md": "b", "c.md": "c"})
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp\n", encoding="utf-8")
    record(tmp_path, ["a.md"])
    record(tmp_path, ["b.md", "c.md"])
    text = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert text.startswith("drafts/\n*.tmp\n\n" + BEGIN + "\n")
    assert "/.gitignore" not in text and "/b.md\n" in text
    assert written(tmp_path) == {"b.md", "c.md"}
    record(tmp_path, [])
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "drafts/\n*.tmp\n"


def test_nothing_recorded_and_nothing_of_ours_leaves_no_file(tmp_path: Path) -> None:
    put(tmp_path, {"a.md": "a"})
    record(tmp_path, ["a.md"])
    record(tmp_path, [])
    assert not (tmp_path / ".gitignore").exists() and not (tmp_path / RECORD).exists()
    assert written(tmp_path) == set()
    assert not Generated.load(tmp_path).ran


def test_an_unreadable_gitignore_and_record_mean_nothing_was_written(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_bytes(b"\xff\xfe" + BEGIN.encode() + b"\n/a.md\n")
    (tmp_path / RECORD).write_bytes(b"\xff{not json")
    assert written(tmp_path) == set()


def test_a_file_changed_since_it_was_written_is_no_longer_ours(tmp_path: Path) -> None:
    put(tmp_path, {"threads/x.md": "generated\n", "threads/y.md": "generated too\n"})
    record(tmp_path, ["threads/x.md", "threads/y.md"])
    assert ours(tmp_path) == {"threads/x.md", "threads/y.md"}
    put(tmp_path, {"threads/x.md": "# My own page about x\n"})
    (tmp_path / "threads/y.md").unlink()
    assert Generated.load(tmp_path).ours() == (set(), ["threads/x.md"])
    assert written(tmp_path) == {"threads/x.md", "threads/y.md"}  # still named, no longer ours


def test_what_a_stopped_run_claimed_is_ours_whichever_content_is_there(tmp_path: Path) -> None:
    put(tmp_path, {"a.md": "old\n"})
    record(tmp_path, ["a.md"])
    Generated.load(tmp_path).claim({"a.md": sha256(b"new\n"), "b.md": sha256(b"b\n")})
    # Stopped here: a.md may still be old or already new; b.md may not exist yet.
    assert ours(tmp_path) == {"a.md"}
    put(tmp_path, {"a.md": "new\n", "b.md": "b\n"})
    assert ours(tmp_path) == {"a.md", "b.md"}
    put(tmp_path, {"b.md": "the editor's b\n"})
    assert ours(tmp_path) == {"a.md"}


def test_a_journal_line_cut_short_is_skipped(tmp_path: Path) -> None:
    put(tmp_path, {"a.md": "a\n", "b.md": "b\n"})
    Journal(tmp_path / JOURNAL).append({"files": {"a.md": sha256(b"a\n")}})
    with (tmp_path / JOURNAL).open("ab") as journal:
        journal.write(b'{"files": {"b.md": "' + sha256(b"b\n")[:20].encode())  # killed mid-line
    assert ours(tmp_path) == {"a.md"}
    assert Generated.load(tmp_path).ran


def test_a_commit_replaces_the_journal(tmp_path: Path) -> None:
    put(tmp_path, {"a.md": "a\n"})
    generated = Generated.load(tmp_path)
    generated.claim({"a.md": sha256(b"a\n")})
    assert (tmp_path / JOURNAL).is_file()
    generated.commit({"a.md": sha256(b"a\n")})
    assert not (tmp_path / JOURNAL).exists()
    assert ours(tmp_path) == {"a.md"}


def test_a_record_naming_paths_outside_docs_names_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    put(tmp_path, {"outside.md": "x\n"})
    put(docs, {"a.md": "a\n"})
    bad = ["../outside.md", "/etc/passwd", "a\x00.md", "./a.md", "a//b.md", "..\\outside.md", ""]
    files = {path: sha256(b"x\n") for path in bad} | {"a.md": sha256(b"a\n")}
    (docs / RECORD).write_text(json.dumps({"version": 1, "files": files}), encoding="utf-8")
    Journal(docs / JOURNAL).append({"files": files})
    (docs / ".gitignore").write_text(f"{BEGIN}\n/../outside.md\n{FINISH}\n", encoding="utf-8")
    assert Generated.load(docs).ours() == ({"a.md"}, [])


def test_a_page_listed_by_a_version_without_digests_is_ours_while_it_holds_a_packed_page(tmp_path: Path) -> None:
    put(tmp_path, {"threads/a.md": "---\ntitle: A\n---\n" + pack("<p>A</p>"), "forums/x.md": "# X\n"})
    (tmp_path / ".gitignore").write_text(f"{BEGIN}\n/.gitignore\n/threads/a.md\n/forums/x.md\n{FINISH}\n")
    assert Generated.load(tmp_path).ours() == ({"threads/a.md"}, ["forums/x.md"])


def test_git_leaves_the_written_files_and_the_record_out(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    put(docs, {"threads/a.yml": "x\n", "threads/a.md": "x\n", "index.md": "x\n"})
    record(docs, ["threads/a.md"])
    Journal(docs / JOURNAL).append({"files": {}})
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    status = subprocess.run(
        ["git", "-C", str(tmp_path), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "docs/threads/a.yml" in status and "docs/index.md" in status
    assert not {"docs/threads/a.md", "docs/.gitignore", f"docs/{RECORD}", f"docs/{JOURNAL}"} & set(status)


# -- a record or journal damaged by hand, or cut short, never stops a build or a run -------------

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=20), inner, max_size=4),
    max_leaves=12,
)
LINE = st.one_of(
    st.binary(max_size=200),
    JSONISH.map(lambda value: json.dumps(value).encode()),
    st.dictionaries(st.sampled_from(["files", "key", "entry"]), JSONISH, max_size=3).map(
        lambda value: json.dumps(value).encode()
    ),
    st.dictionaries(st.sampled_from(["a.md", "../a.md", "a\x00.md", "/a.md", "b/../a.md"]), st.text(), max_size=3).map(
        lambda files: json.dumps({"files": files}).encode()
    ),
)


@FUZZ
@given(record_bytes=LINE, lines=st.lists(LINE, max_size=6))
def test_any_record_and_journal_are_read_without_failing(
    tmp_path: Path, record_bytes: bytes, lines: list[bytes]
) -> None:
    docs = tmp_path / "fuzz"
    docs.mkdir(exist_ok=True)
    put(docs, {"a.md": "a\n"})
    (docs / RECORD).write_bytes(record_bytes)
    (docs / JOURNAL).write_bytes(b"\n".join(lines))
    (docs / STATE_NAME).unlink(missing_ok=True)
    (docs / ".forum-import.journal").write_bytes(b"\n".join(lines))
    generated = Generated.load(docs)
    assert generated.ran
    ours_now, changed = generated.ours()
    assert ours_now | set(changed) <= generated.paths()
    state = State.load(docs)
    assert all("/" not in entry.file for entry in state.threads.values())
