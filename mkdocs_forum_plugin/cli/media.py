"""``mkdocs-forum media [PATH...]``: keep the pictures and files of thread files already in the wiki."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .manual import ERRORS, MEDIA, see
from .site import CONFIG_HELP, site_settings

MB = 1024 * 1024
DEFAULT_MAX_TOTAL_MB = 500  # media.keep.DEFAULT_MAX_TOTAL, without importing Pillow for every command


def _docs(config: Path | None, docs: Path | None) -> Path:
    if docs is not None:
        return docs
    site = site_settings(config)
    if site is None:
        raise click.UsageError("no zensical.toml or mkdocs.yml here: name the docs folder with --docs")
    return site.docs_dir


@click.command("media", short_help="Keep the pictures and files threads link to.", epilog=see(MEDIA, ERRORS))
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-f",
    "--config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help=f"The site's mkdocs.yml or zensical.toml ({CONFIG_HELP}).",
)
@click.option(
    "--docs",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The docs folder (default: the site's); media/ is made in it.",
)
@click.option("--dry-run", is_flag=True, help="Say what would be fetched and changed; fetch and write nothing.")
@click.option("--max-file", default=20, show_default=True, metavar="MB", help="Refuse a file larger than this.")
@click.option(
    "--max-total", default=DEFAULT_MAX_TOTAL_MB, show_default=True, metavar="MB", help="Store at most this much."
)
@click.option("--local-network", is_flag=True, help="Also fetch from this machine and the local network.")
def media_command(
    *,
    paths: tuple[Path, ...],
    config: Path | None,
    docs: Path | None,
    dry_run: bool,
    max_file: int,
    max_total: int,
    local_network: bool,
) -> None:
    """Keep the remote pictures and attached files of thread files in PATHS (default: all of docs/).

    Files are stored under docs/media/ and only the links' addresses change in each file.
    """
    from ..media.fetch import Fetcher  # noqa: PLC0415 - Pillow and the downloader, only for this command
    from ..media.fetch import Settings as FetchSettings  # noqa: PLC0415
    from ..media.in_place import keep_in_files, report_lines, thread_files  # noqa: PLC0415
    from ..media.keep import Keeper, Limits  # noqa: PLC0415
    from ..media.store import Store  # noqa: PLC0415

    folder = _docs(config, docs)
    files = thread_files(paths or (folder,), folder)
    fetcher = None if dry_run else Fetcher(FetchSettings(max_bytes=max_file * MB, allow_local=local_network))
    keeper = Keeper(Store(folder, dry_run=dry_run), fetcher, Limits(max_file * MB, max_total * MB))
    try:
        result = keep_in_files(files, keeper, folder, dry_run=dry_run)
    finally:
        keeper.store.save()
    for line in report_lines(result, keeper, dry_run=dry_run):
        click.echo(line)
    if result.left or keeper.tally.dead or keeper.tally.refused:
        sys.exit(1)
