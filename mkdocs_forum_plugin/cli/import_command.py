"""The ``mkdocs-forum import`` command: forum exports (saved pages, JSON, copied text) into thread files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..importers.convert import Settings
from ..importers.records import ParseOptions
from .manual import ERRORS, MIGRATION, see
from .site import CONFIG_HELP, config_option, site_settings


def progress_wanted(flag: bool | None) -> bool:
    """--progress/--no-progress as given; otherwise a bar on a terminal, never in CI."""
    if flag is not None:
        return flag
    return sys.stderr.isatty() and not os.environ.get("CI")


@click.command("import", short_help="Import forum threads into thread files.", epilog=see(MIGRATION, ERRORS))
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
    " or members.yml in the parent folder of --out when there is no configuration.",
)
@click.option("--no-members", is_flag=True, help="Do not touch any members file.")
@config_option(f"The site's mkdocs.yml or zensical.toml ({CONFIG_HELP}), for the disclaimer, experts and members file.")
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
@click.option(
    "--force", is_flag=True, help="Write every thread file again, even unchanged ones or ones edited by hand since."
)
@click.option("--dry-run", is_flag=True, help="Report what would happen; write nothing.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar while reading. Default: on a terminal, not in CI."
)
@click.option("--no-media", is_flag=True, help="Keep pictures and attachments as links to the old forum.")
@click.option("--media-max-total", default=500, show_default=True, metavar="MB", help="Store at most this much media.")
@click.option("--media-local-network", is_flag=True, help="Also fetch media from this machine and the local network.")
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
    no_media: bool,
    media_max_total: int,
    media_local_network: bool,
) -> None:
    """Import forum threads (saved pages, JSON, copied text) from SOURCE files or folders into --out."""
    from ..importers.media_step import MediaOptions  # noqa: PLC0415 - the other commands need none of these
    from ..importers.pipeline import ImportOptions, run_import  # noqa: PLC0415 - the other commands need no parsers
    from ..media.fetch import Settings as FetchSettings  # noqa: PLC0415
    from ..media.keep import Limits  # noqa: PLC0415

    site = site_settings(config)
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
        progress=progress_wanted(progress),
        site=site,
        media=MediaOptions(
            keep=not no_media,
            docs=site.docs_dir if site else None,
            fetch=FetchSettings(allow_local=media_local_network),
            limits=Limits(max_total=media_max_total * 1024 * 1024),
        ),
    )
    report = run_import(sources, options)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        sys.exit(1)
