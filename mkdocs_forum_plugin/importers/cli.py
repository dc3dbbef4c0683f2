"""The ``mkdocs-forum`` command: ``import`` forum exports, ``check`` thread files, ``generate`` pages for Zensical."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..adapters.zensical.command import generate_command
from ..cli.forget import forget_command
from ..load.site_config import SiteSettings, read_site
from .check import check_docs
from .convert import Settings
from .records import ParseOptions

DEFAULT_CONFIG = Path("mkdocs.yml")


def _site(config: Path | None) -> tuple[SiteSettings | None, Path | None]:
    """The site settings from --config, or from ./mkdocs.yml when there is one."""
    path = config or (DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None)
    if path is None:
        return None, None
    try:
        return read_site(path), path
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def _progress_wanted(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stderr.isatty() and not os.environ.get("CI")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-forum-plugin", prog_name="mkdocs-forum")
def main() -> None:
    """Import forum threads into thread files for mkdocs-forum-plugin, and check thread files."""


@main.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the thread files, such as docs/threads.",
)
@click.option(
    "--members",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Members file to add members to. Default: the site's members file (docs/members.yml),"
    " or members.yml in the parent folder of --out when there is no mkdocs.yml.",
)
@click.option("--no-members", is_flag=True, help="Do not touch any members file.")
@click.option(
    "-f",
    "--config",
    "config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The site's mkdocs.yml (default: ./mkdocs.yml if there is one), for the disclaimer, experts and members file.",
)
@click.option("--forum", help="Forum section for threads whose source names none (such as Discourse topics).")
@click.option("--base-url", help="The forum's address (https://...), for Discourse topics and relative links.")
@click.option(
    "--experts",
    "experts",
    multiple=True,
    metavar="ROLE",
    help="A role whose accepted answers (Discourse) are marked expert. Repeatable; adds to the site's.",
)
@click.option(
    "--prefix",
    "prefixes",
    multiple=True,
    metavar="LABEL",
    help="A title prefix label of copied text threads, such as 'Solved'. Repeatable.",
)
@click.option("--force", is_flag=True, help="Overwrite thread files edited by hand since their import.")
@click.option("--dry-run", is_flag=True, help="Report what would happen; write nothing.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar while reading. Default: on a terminal, not in CI."
)
def import_command(
    *,
    sources: tuple[Path, ...],
    out: Path,
    members: Path | None,
    no_members: bool,
    config: Path | None,
    forum: str | None,
    base_url: str | None,
    experts: tuple[str, ...],
    prefixes: tuple[str, ...],
    force: bool,
    dry_run: bool,
    progress: bool | None,
) -> None:
    """Import forum threads (saved pages, JSON, copied text) from SOURCE files or folders into --out."""
    from .pipeline import ImportOptions, run_import  # noqa: PLC0415 - `check` needs none of the parsers

    site, _path = _site(config)
    if base_url and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://", param_hint="--base-url")
    if no_members:
        members = None
    elif members is None:
        members = (site.docs_dir / site.members) if site else out.parent / "members.yml"
    roles = [*experts, *(site.experts if site else [])]
    settings = Settings(
        disclaimer=site.disclaimer if site else "",
        disclaimer_title=site.disclaimer_title if site else "",
        experts=frozenset(role.casefold() for role in roles),
        forum=forum,
    )
    options = ImportOptions(
        out=out,
        members=members,
        settings=settings,
        parse=ParseOptions(base_url=base_url, prefixes=prefixes),
        force=force,
        dry_run=dry_run,
        progress=_progress_wanted(progress),
    )
    report = run_import(sources, options)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        sys.exit(1)


@main.command("check")
@click.argument("docs", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "-f",
    "--config",
    "config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The site's mkdocs.yml (default: ./mkdocs.yml if there is one).",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, like 'mkdocs build --strict'.")
@click.option(
    "--zensical/--no-zensical",
    default=None,
    help="Say what a Zensical build would lose or publish (--zensical), or never (--no-zensical)."
    " Default: only for a wiki set up for Zensical (forum_pages in markdown_extensions, or pages"
    " that 'mkdocs-forum generate' wrote).",
)
def check_command(*, docs: Path | None, config: Path | None, strict: bool, zensical: bool | None) -> None:
    """Check the thread files and members file in DOCS (default: the site's docs folder) without a build."""
    site, _path = _site(config)
    settings = site or SiteSettings()
    folder = docs or settings.docs_dir
    if not folder.is_dir():
        raise click.UsageError(f"no docs folder '{folder}'; name one: mkdocs-forum check DOCS")
    result = check_docs(folder, settings, zensical=zensical)
    for message in result.errors:
        click.echo(f"ERROR    -  {message}")
    for message in result.warnings:
        click.echo(f"WARNING  -  {message}")
    click.echo(result.summary())
    if result.errors or (strict and result.warnings):
        sys.exit(1)


main.add_command(generate_command)
main.add_command(forget_command)

if __name__ == "__main__":
    main()
