"""The help texts of ``mkdocs-forum``: whole sentences, every command listed, the manual's pages named."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mkdocs_forum_plugin.cli import main
from mkdocs_forum_plugin.cli.manual import ERRORS, MANUAL, MEDIA, MIGRATION, REMOVAL, ZENSICAL
from mkdocs_forum_plugin.load.site_config import read_site

ROOT = Path(__file__).parent.parent
COMMANDS = sorted(main.commands)
WIDTHS = [50, 80, 120]
MANUAL_PAGES = {"import": MIGRATION, "check": MIGRATION, "generate": ZENSICAL, "media": MEDIA, "forget": REMOVAL}


def help_of(*args: str, width: int = 80) -> str:
    result = CliRunner().invoke(main, [*args, "--help"], terminal_width=width, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def flat(text: str) -> str:
    """Text with its wrapping undone: every run of white space one space, a word split at its hyphen joined."""
    return " ".join(re.sub(r"(?<=\w-)\n\s+", "", text).split())


def command_rows(output: str) -> dict[str, str]:
    """The 'Commands:' list of a group's help: each command's text, its wrapped lines joined."""
    section = output.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0]
    rows: dict[str, str] = {}
    name = ""
    for line in section.splitlines():
        match = re.match(r"^  (\S+)\s+(.*)$", line)
        if match and match.group(1) in main.commands:
            name = match.group(1)
            rows[name] = match.group(2)
        else:
            rows[name] += " " + line.strip()
    return rows


def test_every_command_is_registered() -> None:
    assert COMMANDS == ["check", "forget", "generate", "import", "media"]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_command_list_shows_each_short_help_whole(width: int) -> None:
    rows = command_rows(help_of(width=width))
    assert sorted(rows) == COMMANDS
    for name, shown in rows.items():
        short = main.commands[name].short_help
        assert short and len(short) <= 45, f"{name}: a short help that fits the list on one line"
        assert flat(shown) == short
        assert shown.endswith(".") and "..." not in shown


def test_the_top_level_help_names_every_command_and_the_manual() -> None:
    text = flat(help_of())
    described = text.split("Options:", 1)[0]
    for name in COMMANDS:
        assert f"'{name}'" in described, f"the group's own text says what '{name}' does"
    lines = help_of().splitlines()
    for page in (MANUAL, MIGRATION, MEDIA, ZENSICAL, ERRORS):
        assert f"    {page}" in lines, "each address stands on its own line, never broken"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_help_is_whole_and_points_to_its_manual_page(name: str, width: int) -> None:
    output = help_of(name, width=width)
    command = main.commands[name]
    assert command.help
    first = flat(command.help.split("\n\n", 1)[0])
    assert first.endswith("."), "the first paragraph is whole sentences"
    assert first in flat(output)
    lines = output.splitlines()
    assert f"    {MANUAL_PAGES[name]}" in lines, "the address stands on its own line, never broken"
    assert f"    {ERRORS}" in lines
    for option in command.params:
        if isinstance(option, click.Option) and option.help:
            assert flat(option.help) in flat(output), option.name
    after_usage = output.split("\n\n", 1)[1]  # the usage line ends in 'SOURCES...' or '[ARGS]...' by design
    assert "..." not in after_usage.replace("(https://...)", "")


def test_the_manual_addresses_are_the_wikis_own_pages() -> None:
    site = read_site(ROOT / "mkdocs.yml")
    assert site.site_url == MANUAL
    assert site.use_directory_urls
    for page in (MIGRATION, MEDIA, REMOVAL, ZENSICAL, ERRORS):
        source = page.removeprefix(MANUAL).rstrip("/") + ".md"
        assert (ROOT / "docs" / source).is_file(), source


def test_python_m_runs_the_command_line_by_its_name() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs_forum_plugin.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: mkdocs-forum [OPTIONS] COMMAND [ARGS]...")
    assert sorted(command_rows(done.stdout)) == COMMANDS
