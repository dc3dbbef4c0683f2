"""A wiki configured by ``zensical.toml`` alone, generated and built where MkDocs cannot be imported.

The forum's options live under ``[project.extra.forum]``. The generate step and the
Zensical build run in an environment whose ``import mkdocs`` fails, so the Zensical
path is proved not to need MkDocs at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_forum_plugin.load.site_config import read_site

ROOT = Path(__file__).resolve().parents[1]

TOML = """\
[project]
site_name = "Toml wiki"
site_url = "https://wiki.example.org/"
exclude_docs = "*.yml"
not_in_nav = "/threads/\\n/members/"
extra_css = ["assets/forum/forum.css"]

[project.markdown_extensions.forum_pages]
[project.markdown_extensions.admonition]

[project.extra.forum]
experts = ["Therapist"]
{more}
[project.extra.forum.disclaimer]
text = "General information, not a diagnosis."
"""

SLEEP = """\
title: Sleeping with back pain
forum: Ask a Therapist
posts:
  - author: ann
    body: What position helps at night?
  - author: Mira
    role: Therapist
    body: Try a pillow between the knees.
  - author: bo
    body: |
      [quote="Mira, post:2"]
      Try a pillow between the knees.
      [/quote]
      That worked for me too.
"""


def wiki(root: Path, more: str = "") -> Path:
    (root / "docs" / "threads").mkdir(parents=True)
    (root / "zensical.toml").write_text(TOML.format(more=more), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs" / "threads" / "sleep.yml").write_text(SLEEP, encoding="utf-8")
    return root


def without_mkdocs(tmp_path: Path) -> dict[str, str]:
    """An environment in which ``import mkdocs`` fails."""
    blocker = tmp_path / "blocker" / "mkdocs"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text('raise ImportError("MkDocs is not installed here")\n', encoding="utf-8")
    path = os.pathsep.join([str(blocker.parent), str(ROOT), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=180, check=False)


def test_the_blocker_really_blocks_mkdocs(tmp_path: Path) -> None:
    done = run([sys.executable, "-c", "import mkdocs"], tmp_path, without_mkdocs(tmp_path))
    assert done.returncode != 0
    assert "MkDocs is not installed here" in done.stderr


def test_a_zensical_toml_wiki_generates_and_builds_without_mkdocs(tmp_path: Path) -> None:
    root = wiki(tmp_path / "wiki")
    env = without_mkdocs(tmp_path)
    generated = run([sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate", "--strict"], root, env)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "Traceback" not in generated.stderr
    built = run([sys.executable, "-m", "zensical", "build", "--clean"], root, env)
    assert built.returncode == 0, built.stdout + built.stderr
    site = root / "site"
    page = BeautifulSoup((site / "threads/sleep/index.html").read_text(encoding="utf-8"), "html.parser")
    posts = page.select(".forum-post")
    assert len(posts) == 3
    assert "forum-post--expert" in posts[1]["class"]
    assert page.select_one(".forum-disclaimer") is not None
    quote = page.select_one(".forum-quote a")
    assert quote is not None and str(quote["href"]).endswith("#post-2")
    assert (site / "members/mira/index.html").is_file()
    assert (site / "forums/ask-a-therapist/index.html").is_file()
    assert (site / "feed.xml").is_file()
    assert not list(site.rglob("*.yml")), "exclude_docs keeps the thread files out of the site"


def test_a_wrong_option_in_zensical_toml_is_named(tmp_path: Path) -> None:
    root = wiki(tmp_path / "wiki", more='expert_labl = "Therapist answer"\n')
    done = run([sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate"], root, without_mkdocs(tmp_path))
    assert done.returncode == 1
    assert "[project.extra.forum]: expert_labl: Unrecognised configuration name: expert_labl" in done.stderr
    assert "(did you mean 'expert_label'?)" in done.stderr
    assert "Traceback" not in done.stderr


def test_zensical_toml_is_read_before_mkdocs_yml(tmp_path: Path) -> None:
    root = wiki(tmp_path / "wiki")
    (root / "mkdocs.yml").write_text("site_name: Other\nplugins:\n  - forum:\n      experts: [Nobody]\n")
    done = run([sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate"], root, without_mkdocs(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    page = (root / "docs/threads/sleep.md").read_text(encoding="utf-8")
    assert page.startswith("---\n")
    expert = read_site(root / "zensical.toml")
    assert expert.experts == ["Therapist"] and expert.site_name == "Toml wiki"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[project]\ndocs_dir = 'pages'\n[project.extra.forum]\nmembers = 'people.yml'\n", ("pages", "people.yml")),
        ("[project]\n[project.theme]\nlanguage = 'de'\n[project.extra.forum]\n", ("docs", "members.yml")),
    ],
)
def test_settings_of_zensical_toml(tmp_path: Path, text: str, expected: tuple[str, str]) -> None:
    path = tmp_path / "zensical.toml"
    path.write_text(text, encoding="utf-8")
    site = read_site(path)
    assert (site.docs_dir.name, site.members) == expected
    assert site.forum


def test_markdown_extensions_of_zensical_toml_by_name(tmp_path: Path) -> None:
    path = tmp_path / "zensical.toml"
    path.write_text(
        textwrap.dedent(
            """\
            [project.markdown_extensions.forum_pages]
            [project.markdown_extensions.pymdownx.details]
            [project.plugins.tags]
            """
        ),
        encoding="utf-8",
    )
    site = read_site(path)
    assert site.markdown_extensions == ["forum_pages", "pymdownx.details"]
    assert site.plugins == ["tags"]
    assert not site.forum


def test_env_tags_of_mkdocs_yml_are_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORUM_TEST_SECRET", "s3cret")
    path = tmp_path / "mkdocs.yml"
    path.write_text(
        "site_name: !ENV [NO_SUCH_VARIABLE_HERE, Fallback]\n"
        "plugins:\n  - forum:\n      privacy_secret: !ENV FORUM_TEST_SECRET\n",
        encoding="utf-8",
    )
    site = read_site(path)
    assert site.site_name == "Fallback"
    assert site.forum_options == {"privacy_secret": "s3cret"}


def test_every_command_finds_zensical_toml_by_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """import, check, media and forget read ./zensical.toml as generate does: no --config needed."""
    from click.testing import CliRunner  # noqa: PLC0415 - only this test drives the commands in-process

    from mkdocs_forum_plugin.cli import main  # noqa: PLC0415

    (tmp_path / "zensical.toml").write_text(
        "[project]\nsite_name = 'W'\ndocs_dir = 'pages'\n"
        "[project.extra.forum]\nmembers = 'people.yml'\nexperts = ['Physio']\n",
        encoding="utf-8",
    )
    (tmp_path / "pages" / "threads").mkdir(parents=True)
    fixture = sorted((Path(__file__).parent / "fixtures" / "import" / "text").glob("*.txt"))[0]
    (tmp_path / "copied.txt").write_bytes(fixture.read_bytes())
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    imported = runner.invoke(main, ["import", "copied.txt", "-o", "pages/threads", "--no-media"])
    assert imported.exit_code == 0, imported.output
    assert (tmp_path / "pages" / "people.yml").is_file(), imported.output  # the members file zensical.toml names
    checked = runner.invoke(main, ["check"])
    assert checked.exit_code == 0, checked.output
    assert "1 thread file checked" in checked.output  # in pages/, the docs_dir of zensical.toml
