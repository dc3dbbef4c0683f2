"""The ``mkdocs-forum check`` command: the wiki's thread files and members file checked without a build."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..adapters.written import Generated
from ..adapters.zensical.readiness import EXTENSION, wiki_readiness
from ..hosting import HOST_NAMES, estimate, estimate_warnings
from ..load.site_config import SiteSettings
from ..options import read_options, site_features
from ..wiki_check import CheckResult, check_files, docs_files
from .manual import ERRORS, MIGRATION, see
from .site import CONFIG_HELP, config_option, site_settings


def check_wiki(
    docs: Path, site: SiteSettings, *, zensical: bool | None = None, today: dt.date | None = None
) -> CheckResult:
    """Every thread file under ``docs`` loaded as the plugin does, and what a Zensical build would lose.

    ``zensical``: also say what a Zensical build of the wiki, as configured, would lose or
    leak. None (the default) says it only for a wiki set up for Zensical: ``forum_pages``
    in ``markdown_extensions``, or pages that ``mkdocs-forum generate`` wrote.
    ``today``: the day reviews are due against (default: the machine's date).
    """
    generated = Generated.load(docs)
    ours = generated.ours()[0]
    files = sorted(set(docs_files(docs)) - ours)  # not the pages `mkdocs-forum generate` wrote
    result = check_files(docs, site, files, today=today)
    if zensical is not False and site.forum:
        settings = zensical is True or EXTENSION in site.markdown_extensions or generated.ran
        result.warnings.extend(wiki_readiness(docs, site, files, ours, ran=generated.ran, settings=settings))
    return result


def host_estimate(result: CheckResult, settings: SiteSettings, host: str | None) -> list[str]:
    """Print the estimated size of the site; the warnings for its host (``--host``, else the ``host`` option)."""
    options, _problems = read_options(settings.forum_options)  # wrong options are the build's to report
    name = host or options.host
    if name == "none":
        return []
    features = site_features(options)
    members = {"all": result.authors, "experts": result.expert_authors}.get(options.member_pages, 0)
    size = estimate(result.threads, result.posts, members, features)
    click.echo(f"Estimated site: {size.bytes / 1e6:,.0f} MB in {size.files:,} files (host: {name})")
    return estimate_warnings(size, name, features)


@click.command("check", short_help="Check thread files without a build.", epilog=see(MIGRATION, ERRORS))
@click.argument("docs", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path))
@config_option(f"The site's mkdocs.yml or zensical.toml ({CONFIG_HELP}).")
@click.option("--strict", is_flag=True, help="Fail on warnings too, like 'mkdocs build --strict'.")
@click.option(
    "--zensical/--no-zensical",
    default=None,
    help="Say what a Zensical build would lose or publish (--zensical), or never (--no-zensical)."
    " Default: only for a wiki set up for Zensical (forum_pages in markdown_extensions, or pages"
    " written by the generate command).",
)
@click.option(
    "--strict-reviews",
    is_flag=True,
    help="Fail when a thread's review is due, or an expert-answered thread was never reviewed (default: only say so).",
)
@click.option(
    "--host",
    type=click.Choice(HOST_NAMES),
    default=None,
    metavar="HOST",
    help=f"Estimate the built site's size and files, and warn at 90 % of the limits of HOST: {', '.join(HOST_NAMES)}."
    " Default: the forum's host option, if it names one.",
)
def check_command(
    *,
    docs: Path | None,
    config: Path | None,
    strict: bool,
    zensical: bool | None,
    strict_reviews: bool,
    host: str | None,
) -> None:
    """Check the thread files and members file in DOCS (default: the site's docs folder) without a build."""
    settings = site_settings(config) or SiteSettings()
    folder = docs or settings.docs_dir
    if not folder.is_dir():
        raise click.UsageError(f"no docs folder '{folder}'; name one: mkdocs-forum check DOCS")
    result = check_wiki(folder, settings, zensical=zensical)
    result.warnings.extend(host_estimate(result, settings, host))
    for message in result.errors:
        click.echo(f"ERROR    -  {message}")
    for message in result.warnings:
        click.echo(f"WARNING  -  {message}")
    for message in result.reviews:
        click.echo(f"{'ERROR' if strict_reviews else 'INFO':<9}-  {message}")
    click.echo(result.summary())
    if result.errors or (strict and result.warnings) or (strict_reviews and result.reviews):
        sys.exit(1)
