"""Issue 20, re-imports: a thread is its forum identity, never its title; settings re-render; the report warns.

Tried as a new user would: importing the same copied thread again with ``--prefix`` wrote a
second file; after ``experts`` or the disclaimer changed, importing again (even with
``--force``) said "unchanged"; the report was silent about undated posts, expert-like roles
missing from ``experts`` and sections missing from the nav.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_import_helpers import DISCLAIMER, FIXTURES, PLUGIN, only_thread, run, setup_site, threads

from mkdocs_forum_plugin.importers.identity import canonical_address
from mkdocs_forum_plugin.importers.state import STATE_NAME, State, Written

COPIED = (FIXTURES / "text" / "posture-myths.txt").read_text(encoding="utf-8")
TITLE_LINE = 'Question Is "bad posture" really why my back hurts?'
XF2_PAGE = (FIXTURES / "xenforo2" / "desk-page-1.html").read_text(encoding="utf-8")
XF2_SLUG = "sitting-at-a-desk-all-day-what-actually-helps"
XF2_TITLE = "Sitting at a desk all day: what actually helps?"


def copied_thread(folder: Path) -> Path:
    """A copied thread whose title starts with a label the forum showed as text ('Alan G.')."""
    folder.mkdir(exist_ok=True)
    path = folder / "tightness.txt"
    path.write_text(COPIED.replace(TITLE_LINE, "Alan G. How does tension cause tightness?"), encoding="utf-8")
    return path


def record(root: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((root / "docs" / "threads" / STATE_NAME).read_text(encoding="utf-8"))
    return loaded


def test_a_copied_thread_imported_again_with_a_prefix_updates_the_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_site(tmp_path, monkeypatch)
    source = copied_thread(tmp_path / "copied")
    first = run("import", source, "--out", "docs/threads")
    assert first.exit_code == 0, first.output
    name, data = only_thread(tmp_path)
    assert name == "alan-g-how-does-tension-cause-tightness.yml" and data["title"].startswith("Alan G. ")
    again = run("import", source, "--out", "docs/threads", "--prefix", "Alan G.")
    assert again.exit_code == 0, again.output
    assert f"updated   docs/threads/{name}  (4 posts from 1 file; with the changed setting --prefix)" in again.output
    same, data = only_thread(tmp_path)  # no second file beside the first
    assert same == name
    assert data["title"] == "How does tension cause tightness?" and data["tags"] == ["Alan G."]
    (key,) = record(tmp_path)["threads"]
    assert key == "file:../../copied/tightness.txt:fernhollow:2022-04-02"  # the input file and the first post
    assert (
        "unchanged since the last import" in run("import", source, "-o", "docs/threads", "--prefix", "Alan G.").output
    )


def retitled_page(folder: Path, title: str) -> Path:
    """The saved XenForo 2 page after a moderator renamed the thread (its address slug follows the title)."""
    folder.mkdir(exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    path = folder / "desk.html"
    path.write_text(XF2_PAGE.replace(XF2_TITLE, title).replace(XF2_SLUG, slug), encoding="utf-8")
    return path


def test_a_saved_page_whose_title_changed_updates_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_site(tmp_path, monkeypatch)
    assert run("import", retitled_page(tmp_path / "saved", XF2_TITLE), "-o", "docs/threads").exit_code == 0
    name, _ = only_thread(tmp_path)
    page = retitled_page(tmp_path / "saved", "Desk work all day: what helps your back?")
    result = run("import", page, "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    assert f"updated   docs/threads/{name}  (" in result.output
    same, data = only_thread(tmp_path)
    assert same == name == f"{XF2_SLUG}-5310.yml"
    assert data["title"] == "Desk work all day: what helps your back?"
    assert data["source"] == "https://forum.example.org/threads/desk-work-all-day-what-helps-your-back.5310/"
    assert list(record(tmp_path)["threads"]) == ["thread:forum.example.org:5310"]


def old_record(root: Path) -> None:
    """Turn the record into what the version 1 importer wrote: keyed by each reader's key (titles in some)."""
    folder = root / "docs" / "threads"
    entries = {}
    for entry in record(root)["threads"].values():
        key = "xenforo:forum.example.org:5310"
        if entry["file"].startswith("alan-g"):
            key = "text:alan-g-how-does-tension-cause-tightness:fernhollow:Apr 2, 2022"
        del entry["settings"]  # version 1 kept no settings
        entries[key] = entry
    (folder / STATE_NAME).write_text(json.dumps({"version": 1, "threads": entries}), encoding="utf-8")


def test_an_old_record_keyed_by_title_is_read_and_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    source = copied_thread(tmp_path / "copied")
    assert run("import", source, FIXTURES / "xenforo2", "--out", "docs/threads").exit_code == 0
    files = sorted(threads(tmp_path))
    old_record(tmp_path)
    same = run("import", source, FIXTURES / "xenforo2", "--out", "docs/threads")
    assert "0 imported, 0 updated, 2 skipped, 0 failed" in same.output, same.output
    assert same.output.count("unchanged since the last import") == 2
    old_record(tmp_path)
    result = run("import", source, FIXTURES / "xenforo2", "--out", "docs/threads", "--prefix", "Alan G.")
    assert result.exit_code == 0, result.output
    # The title changed with --prefix, so its old key is not met: the entry written from the same file is.
    assert "updated   docs/threads/alan-g-how-does-tension-cause-tightness.yml" in result.output
    assert "1 updated, 1 skipped, 0 failed" in result.output
    assert sorted(threads(tmp_path)) == files
    saved = record(tmp_path)
    assert saved["version"] == 2 and "legacy" not in saved
    assert sorted(saved["threads"]) == [
        "file:../../copied/tightness.txt:fernhollow:2022-04-02",
        "thread:forum.example.org:5310",
    ]


def test_an_old_entry_is_kept_until_its_thread_is_met(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    source = copied_thread(tmp_path / "copied")
    assert run("import", source, FIXTURES / "xenforo2", "--out", "docs/threads").exit_code == 0
    old_record(tmp_path)
    assert run("import", FIXTURES / "xenforo2", "--out", "docs/threads").exit_code == 0
    saved = record(tmp_path)
    assert list(saved["threads"]) == ["thread:forum.example.org:5310"]
    assert list(saved["legacy"]) == ["text:alan-g-how-does-tension-cause-tightness:fernhollow:Apr 2, 2022"]
    # Met again, the thread takes its old entry on: the same file, no second one.
    assert run("import", source, "--out", "docs/threads").exit_code == 0
    assert len(threads(tmp_path)) == 2 and "legacy" not in record(tmp_path)


def test_an_old_journal_line_is_read_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version 1 run killed before it saved left lines keyed by its reader's key."""
    setup_site(tmp_path, monkeypatch)
    assert run("import", FIXTURES / "xenforo2", "--out", "docs/threads").exit_code == 0
    folder = tmp_path / "docs" / "threads"
    (entry,) = record(tmp_path)["threads"].values()
    (folder / STATE_NAME).unlink()
    line = {"key": "xenforo:forum.example.org:5310", "entry": {k: v for k, v in entry.items() if k != "settings"}}
    (folder / ".forum-import.journal").write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = run("import", FIXTURES / "xenforo2", "--out", "docs/threads")
    assert "unchanged since the last import" in result.output, result.output
    assert list(record(tmp_path)["threads"]) == ["thread:forum.example.org:5310"]
    assert not (folder / ".forum-import.journal").exists()


def test_an_old_entry_of_a_file_with_other_threads_is_not_taken_by_a_new_one() -> None:
    """One input file, several threads (forum-dl JSONL): only the old key finds an old entry, not the file."""
    state = State(legacy={"forum-dl:https://a.example/t/1": Written("one.yml", "0" * 64, 2, ["in.jsonl"])})
    assert (
        state.find("address:https://a.example/t/2", "forum-dl:https://a.example/t/2", ["in.jsonl"], alone=False) is None
    )
    assert state.find("address:https://a.example/t/1", "forum-dl:https://a.example/t/1", ["in.jsonl"], alone=False)
    assert list(state.threads) == ["address:https://a.example/t/1"] and not state.legacy


def test_changed_experts_convert_again_and_force_writes_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    assert run("import", FIXTURES / "xenforo2", "--out", "docs/threads").exit_code == 0
    name, _ = only_thread(tmp_path)
    setup_site(tmp_path, monkeypatch, {**PLUGIN, "experts": ["Pain Therapist", "Moderator"]})
    result = run("import", FIXTURES / "xenforo2", "--out", "docs/threads")
    assert f"skipped   docs/threads/{name}: converted again for the changed setting experts: the text is the same" in (
        result.output
    )
    assert "the wiki marks expert answers and shows the disclaimer when it is built" in result.output
    assert "unchanged since the last import" in run("import", FIXTURES / "xenforo2", "-o", "docs/threads").output
    forced = run("import", FIXTURES / "xenforo2", "--out", "docs/threads", "--force")
    assert f"updated   docs/threads/{name}  (5 posts from 2 files; written again (--force); the text is the same)" in (
        forced.output
    )
    assert "0 imported, 1 updated, 0 skipped, 0 failed" in forced.output


def test_a_changed_disclaimer_rerenders_and_hand_edits_stay_protected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pasted = "This is general information, not a diagnosis."  # how the copied thread's expert ends a post
    setup_site(
        tmp_path,
        monkeypatch,
        {
            **PLUGIN,
            "disclaimer": {"text": pasted + " Please see your own doctor if your symptoms change or worry you."},
        },
    )
    source = copied_thread(tmp_path / "copied")
    assert run("import", source, "--out", "docs/threads").exit_code == 0
    name, data = only_thread(tmp_path)
    assert not any(pasted in post["body"] for post in data["posts"])  # the site's: removed from the post
    setup_site(tmp_path, monkeypatch)  # another disclaimer
    result = run("import", source, "--out", "docs/threads")
    assert f"updated   docs/threads/{name}  (4 posts from 1 file; with the changed setting disclaimer)" in result.output
    _, data = only_thread(tmp_path)
    assert any(pasted in post["body"] for post in data["posts"])  # no longer the site's: kept in the post
    path = tmp_path / "docs" / "threads" / name
    edited = path.read_text(encoding="utf-8").replace("fernhollow", "fern", 1)
    path.write_text(edited, encoding="utf-8")
    setup_site(tmp_path, monkeypatch)
    result = run("import", source, "--out", "docs/threads")
    assert "edited by hand since it was imported; --force overwrites it" in result.output
    assert path.read_text(encoding="utf-8") == edited


def warnings_of(output: str) -> list[str]:
    lines = output.splitlines()
    start = lines.index("warnings:") if "warnings:" in lines else len(lines)
    return [line.strip() for line in lines[start + 1 :] if line.startswith("  ")]


def test_the_report_warns_about_undated_posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    (tmp_path / "saved").mkdir()
    undated = re.sub(r"<time [^>]*>[^<]*</time>", "", XF2_PAGE)
    (tmp_path / "saved" / "desk.html").write_text(undated, encoding="utf-8")
    result = run("import", tmp_path / "saved", "--out", "docs/threads")
    assert result.exit_code == 0, result.output
    (warning,) = warnings_of(result.output)
    assert warning.startswith(f"docs/threads/{XF2_SLUG}-5310.yml: none of its posts has a date")
    assert "Add 'date: YYYY-MM-DD' to each such post in the file, or import a saved page" in warning
    assert result.output.rstrip().endswith("1 imported, 0 updated, 0 skipped, 0 failed, 1 warning")


def test_the_report_warns_about_expert_roles_missing_from_experts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_site(tmp_path, monkeypatch, {"disclaimer": {"text": DISCLAIMER}})
    result = run("import", FIXTURES / "xenforo2", copied_thread(tmp_path / "copied"), "--out", "docs/threads")
    (warning,) = warnings_of(result.output)
    assert warning.startswith(f"docs/threads/{XF2_SLUG}-5310.yml: the role 'Pain Therapist'")  # the first thread
    assert (
        "of TherapistJun (and 1 other thread) reads like an expert's, but `experts` in mkdocs.yml does not list it"
        in (warning)
    )
    assert "add 'Pain Therapist' to the forum plugin's `experts` option" in warning
    # Listed, it is no warning; --experts counts too.
    assert not warnings_of(
        run("import", FIXTURES / "xenforo2", "-o", "docs/threads", "--experts", "pain therapist").output
    )


@pytest.mark.parametrize(
    ("role", "expert"),
    [
        ("TMS Therapist", True),
        ("Physiotherapist", True),
        ("Dr.", True),
        ("Counsellor", True),
        ("Schmerztherapeutin", True),
        ("Hausärztin", True),
        ("médecin du sport", True),
        ("Fisioterapeuta", True),
        ("Lekarz", True),
        ('ד"ר', True),
        ("طبيب", True),
        ("Well-Known Member", False),
        ("Moderator", False),
        ("Drummer", False),
        ("Nursery volunteer", False),
        ("Martial arts fan", False),
    ],
)
def test_expert_like_roles(role: str, expert: bool) -> None:
    from mkdocs_forum_plugin.importers.expert_roles import looks_expert  # noqa: PLC0415

    assert looks_expert(role) is expert


def test_the_report_warns_about_sections_the_nav_lacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(tmp_path, monkeypatch)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config + "nav:\n  - index.md\n  - forums/ask-a-therapist.md\n", "utf-8")
    result = run("import", FIXTURES / "xenforo2", copied_thread(tmp_path / "copied"), "--out", "docs/threads")
    (warning,) = warnings_of(result.output)  # 'Ask a Therapist' (the copied thread's) is listed
    assert warning == (
        f"docs/threads/{XF2_SLUG}-5310.yml: this thread is in the section 'Work & Daily Life', whose page"
        " forums/work-daily-life.md the `nav` of mkdocs.yml does not list, so the sidebar does not show the section."
        " Add 'forums/work-daily-life.md' to the nav (beside the other section pages)"
    )
    (tmp_path / "mkdocs.yml").write_text(config, "utf-8")  # no nav of its own: every section is in the sidebar
    assert not warnings_of(run("import", FIXTURES / "xenforo2", "--out", "docs/threads").output)


def test_the_nav_of_zensical_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "zensical.toml").write_text(
        '[project]\nsite_name = "T"\nnav = ["index.md"]\n\n[project.extra.forum]\nexperts = ["Pain Therapist"]\n',
        encoding="utf-8",
    )
    result = run("import", FIXTURES / "xenforo2", "--out", "docs/threads", "--config", "zensical.toml")
    (warning,) = warnings_of(result.output)
    assert "the `nav` of zensical.toml does not list, so the sidebar does not show the section" in warning


@pytest.mark.parametrize(
    ("address", "canonical"),
    [
        ("HTTPS://Forum.Example.ORG:443/threads/a.5310/page-2", "https://forum.example.org/threads/a.5310"),
        ("https://forum.example.org/threads/a.5310/", "https://forum.example.org/threads/a.5310"),
        ("http://x.example:8080/t/a/9#post-3", "http://x.example:8080/t/a/9"),
        ("https://b.example/viewtopic.php?t=61&start=15&f=2", "https://b.example/viewtopic.php?f=2&t=61"),
        ("https://b.example/viewtopic.php?f=2&t=61&sid=abc", "https://b.example/viewtopic.php?f=2&t=61"),
        ("https://v.example/forum/123-a-slug-2.html", "https://v.example/forum/123-a-slug.html"),
        ("https://m.example/thread-73-page-2.html", "https://m.example/thread-73.html"),
        ("https://m.example/thread-73.html", "https://m.example/thread-73.html"),
        ("https://p.example/topic12-15.html", "https://p.example/topic12.html"),
        ("https://v.example/threads/4521-long-drives/page2", "https://v.example/threads/4521-long-drives"),
        ("https://s.example/index.php?topic=96.15", "https://s.example/index.php?topic=96"),
        ("https://i.example/topic/812-x/page/3/", "https://i.example/topic/812-x"),
        ("ftp://x.example/a", None),
        ("http://[::1", None),
    ],
)
def test_canonical_addresses(address: str, canonical: str | None) -> None:
    assert canonical_address(address) == canonical


PHPBB30 = (FIXTURES / "phpbb30" / "magnesium.html").read_text(encoding="utf-8")  # a saved page without its address


def test_a_thread_with_an_id_but_no_address_keeps_its_file_when_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_site(tmp_path, monkeypatch)
    page = tmp_path / "saved" / "magnesium.html"
    page.parent.mkdir()
    page.write_text(PHPBB30, encoding="utf-8")
    assert run("import", page, "--out", "docs/threads").exit_code == 0
    name, _ = only_thread(tmp_path)
    (key,) = record(tmp_path)["threads"]
    assert key.startswith("id:phpbb:388:") and "Magnesium" not in key
    page.write_text(PHPBB30.replace("Magnesium before bed?", "Magnesium in the evening?"), encoding="utf-8")
    result = run("import", page, "--out", "docs/threads")
    assert f"updated   docs/threads/{name}" in result.output, result.output
    assert only_thread(tmp_path)[1]["title"] == "Magnesium in the evening?"


def test_the_same_thread_given_twice_under_two_titles_is_written_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_site(tmp_path, monkeypatch)
    (tmp_path / "saved").mkdir()
    (tmp_path / "saved" / "a.html").write_text(PHPBB30, encoding="utf-8")
    renamed = PHPBB30.replace("Magnesium before bed?", "Magnesium in the evening?")
    (tmp_path / "saved" / "b.html").write_text(renamed, encoding="utf-8")
    result = run("import", tmp_path / "saved", "--out", "docs/threads")
    assert result.exit_code == 1
    name, _ = only_thread(tmp_path)
    assert f"b.html: not written: the same thread as {name}, placed already in this run" in result.output
