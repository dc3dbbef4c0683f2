"""`mkdocs-forum generate` touches only what is still exactly what it wrote, and a killed run wedges nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import build_site, thread_yaml
from test_zensical import ENV, generate, ok, pages, small_wiki, zensical_build

from mkdocs_forum_plugin.adapters.written import JOURNAL, Generated, ours, written
from mkdocs_forum_plugin.adapters.zensical.generate import Generator
from mkdocs_forum_plugin.ledger import KILL_AT

CHANGED = "'threads/x.md' has been changed since mkdocs-forum generate wrote it"


def own_page(docs: Path, path: str, text: str) -> None:
    (docs / path).write_text(text, encoding="utf-8")


def test_an_editors_page_where_a_generated_one_was_is_built_and_kept(tmp_path: Path) -> None:
    docs = small_wiki(tmp_path, {"threads/x.yml": thread_yaml("X"), "threads/b.yml": thread_yaml("B")})
    ok(generate(tmp_path))
    assert "threads/x.md" in ours(docs)
    # The thread file is renamed, and the editor writes a page of their own at the old page's path.
    (docs / "threads/x.yml").rename(docs / "threads/renamed.yml")
    own_page(docs, "threads/x.md", "# Notes on X\n\nWritten by hand.\n")
    site = build_site(tmp_path)
    assert "Written by hand." in site.content("threads/x/").get_text()
    assert any(CHANGED in message for message in site.warnings())
    output = ok(generate(tmp_path))
    assert CHANGED in output and "1 deleted" not in output
    assert (docs / "threads/x.md").read_text(encoding="utf-8") == "# Notes on X\n\nWritten by hand.\n"
    # No longer the command's: not in its record, and git sees it.
    assert "threads/x.md" not in written(docs)
    assert "/threads/x.md\n" not in (docs / ".gitignore").read_text(encoding="utf-8")
    assert "threads/renamed.md" in ours(docs)
    assert "Written by hand." in build_site(tmp_path).content("threads/x/").get_text()


def test_a_generated_page_changed_by_hand_is_not_replaced(tmp_path: Path) -> None:
    docs = small_wiki(tmp_path, {"threads/a.yml": thread_yaml("A")})
    ok(generate(tmp_path))
    own_page(docs, "members/ann.md", "# Ann, by hand\n")
    output = ok(generate(tmp_path))
    assert "'members/ann.md' has been changed since mkdocs-forum generate wrote it" in output
    assert (docs / "members/ann.md").read_text(encoding="utf-8") == "# Ann, by hand\n"
    assert "members/ann.md" not in written(docs) and "members/ann-2.md" in ours(docs)


def test_a_deleted_thread_leaves_its_changed_page_alone(tmp_path: Path) -> None:
    docs = small_wiki(tmp_path, {"threads/a.yml": thread_yaml("A"), "threads/x.yml": thread_yaml("X")})
    ok(generate(tmp_path))
    (docs / "threads/x.yml").unlink()
    own_page(docs, "threads/x.md", "# X, kept by hand\n")
    output = ok(generate(tmp_path))
    assert (docs / "threads/x.md").read_text(encoding="utf-8") == "# X, kept by hand\n"
    assert "threads/x.md" not in written(docs) and CHANGED in output


# -- a run killed midway -------------------------------------------------------------------------

THREADS = 12
AUTHORS = ("ann", "bo", "cy", "di")
KILL_POINTS = ["generate-claimed:1", "generate-written:1", "generate-written:9", "generate-recorded:1"]


def wiki(tmp_path: Path, words: str = "Stretching helps.") -> Path:
    files = {
        f"threads/t{n:02}.yml": thread_yaml(f"T {n}", [{"author": AUTHORS[n % 4], "body": f"{words} {n}"}])
        for n in range(THREADS)
    }
    return small_wiki(tmp_path, files)


def killed(root: Path, at: str) -> None:
    command = [sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate"]
    environment = {**ENV, KILL_AT: at}
    done = subprocess.run(command, check=False, cwd=root, env=environment, capture_output=True, text=True, timeout=180)
    assert done.returncode == -9, done.stdout + done.stderr  # SIGKILL: nothing after it ran


@pytest.mark.parametrize("edited", [False, True], ids=["first-run", "after-an-edit"])
@pytest.mark.parametrize("at", KILL_POINTS)
def test_a_killed_run_wedges_neither_mkdocs_nor_the_next_run(tmp_path: Path, at: str, edited: bool) -> None:
    docs = wiki(tmp_path)
    expected = pages(build_site(tmp_path).site_dir)
    if edited:  # the killed run replaces pages of an earlier one
        ok(generate(tmp_path))
        docs = wiki(tmp_path, "Stretching helps, slowly.")
    killed(tmp_path, at)
    site = build_site(tmp_path, strict=True)  # no "'threads/t00.md' already exists"
    assert pages(site.site_dir) == expected
    assert "Stretching helps" in site.content("threads/t11/").get_text()
    output = ok(generate(tmp_path, "--strict"))
    assert "did not write" not in output and "changed since" not in output
    assert not (docs / JOURNAL).exists()
    assert {f"threads/t{n:02}.md" for n in range(THREADS)} <= ours(docs)
    assert not [p for p in docs.rglob("*") if p.name.endswith("-2.md") or ".forum-tmp" in p.name]
    assert pages(build_site(tmp_path, strict=True).site_dir) == expected
    assert "0 written" in ok(generate(tmp_path))


def test_after_a_killed_run_zensical_builds_every_page(tmp_path: Path) -> None:
    docs = wiki(tmp_path)
    expected = pages(build_site(tmp_path).site_dir)
    killed(tmp_path, "generate-written:5")
    recorded = Generated.load(docs)
    assert (docs / JOURNAL).is_file() and len(recorded.paths()) > 5
    ok(generate(tmp_path))
    zensical_build(tmp_path)
    assert expected <= pages(tmp_path / "site")
    assert not list((tmp_path / "site").rglob(".*"))  # the record is never published


def killed_in_batches(root: Path, at: str, batch: int) -> None:
    """``killed``, with ``batch`` pages made, recorded and written at a time."""
    script = (
        "import sys, mkdocs_forum_plugin.adapters.zensical.generate as g\n"
        f"g.BATCH = {batch}\n"
        "from mkdocs_forum_plugin.cli import main\n"
        "sys.argv = ['mkdocs-forum', 'generate']\n"
        "main()\n"
    )
    environment = {**ENV, KILL_AT: at}
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == -9, done.stdout + done.stderr


# Where the run is killed, and how many batches (of 4 pages) were recorded by then.
@pytest.mark.parametrize(
    ("at", "claims"), [("generate-claimed:2", 2), ("generate-written:6", 2), ("generate-claimed:4", 4)]
)
def test_a_run_killed_between_its_batches_leaves_each_written_page_recorded(
    tmp_path: Path, at: str, claims: int
) -> None:
    docs = wiki(tmp_path)
    expected = pages(build_site(tmp_path).site_dir)
    killed_in_batches(tmp_path, at, batch=4)
    entries = [line for line in (docs / JOURNAL).read_text(encoding="utf-8").splitlines() if line]
    assert len(entries) == claims  # one journal entry per batch, each before its pages are written
    recorded = Generated.load(docs)
    on_disk = {p.relative_to(docs).as_posix() for p in (docs / "threads").glob("*.md")}
    assert on_disk and on_disk <= recorded.paths()  # every page written so far is known as ours
    assert pages(build_site(tmp_path, strict=True).site_dir) == expected
    output = ok(generate(tmp_path, "--strict"))
    assert "did not write" not in output and "changed since" not in output
    assert not (docs / JOURNAL).exists()
    assert {f"threads/t{n:02}.md" for n in range(THREADS)} <= ours(docs)
    assert "0 written" in ok(generate(tmp_path))


@pytest.mark.parametrize(("command", "kept"), [("build", 0), ("serve", THREADS)])
def test_only_watching_keeps_the_rendered_pages(tmp_path: Path, command: str, kept: int) -> None:
    wiki(tmp_path)
    generator = Generator(tmp_path / "mkdocs.yml", command=command)  # type: ignore[arg-type]
    report = generator.run()
    assert len(report.written) > THREADS
    assert len(generator.caches.pages) == kept
