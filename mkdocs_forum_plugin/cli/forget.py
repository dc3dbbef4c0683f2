"""The ``mkdocs-forum forget NAME`` command: a member's words and name out of the wiki, and out of later imports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..forget.run import Wiki, forget
from ..load.site_config import SiteSettings
from ..render.labels import labels_for
from .manual import ERRORS, REMOVAL, see
from .site import CONFIG_HELP, site_settings


def _site(config: Path | None) -> SiteSettings:
    return site_settings(config) or SiteSettings()


def neutral_word(site: SiteSettings) -> str:
    """What the name becomes where it is mentioned: the wiki's ``former_member`` label, in its language."""
    overrides = site.forum_options.get("labels")
    texts = {k: v for k, v in overrides.items() if isinstance(v, str)} if isinstance(overrides, dict) else {}
    return labels_for(site.language, texts)("former_member")


@click.command("forget", short_help="Remove a member who asked for it.", epilog=see(REMOVAL, ERRORS))
@click.argument("name")
@click.argument("docs", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "-f",
    "--config",
    "config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help=f"The site's mkdocs.yml or zensical.toml ({CONFIG_HELP}).",
)
@click.option("--dry-run", is_flag=True, help="Report what would change; write and delete nothing.")
def forget_command(*, name: str, docs: Path | None, config: Path | None, dry_run: bool) -> None:
    """Forget the member NAME in DOCS (default: the site's docs folder), at their request.

    Their posts become removed posts, quotes of them lose their words, their likes go,
    their name (any letter case, with or without @) becomes a neutral word, and their
    members-file entry and picture are deleted. Everything else in each file stays as it
    was. The erasure is recorded, without the name, in DOCS/.forum-forgotten.json, and
    every later 'mkdocs-forum import' leaves them out too.
    """
    site = _site(config)
    folder = docs or site.docs_dir
    if not folder.is_dir():
        raise click.UsageError(f"no docs folder '{folder}'; name one: mkdocs-forum forget NAME DOCS")
    wiki = Wiki(folder, site.members, site.include, site.exclude)
    report = forget(wiki, name, neutral_word(site), dry_run=dry_run)
    for line in report.lines():
        click.echo(line)
    if report.failed:
        sys.exit(1)
