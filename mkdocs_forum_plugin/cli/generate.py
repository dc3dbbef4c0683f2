"""The ``mkdocs-forum generate`` command: the wiki's pages for Zensical, once or while editing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..adapters.zensical.docs_folder import GenerateError
from ..adapters.zensical.generate import Generator, config_file
from ..adapters.zensical.watch import run_once, serve, watch
from .manual import ERRORS, ZENSICAL, see
from .site import config_option


@click.command("generate", short_help="Write the wiki's pages for Zensical.", epilog=see(ZENSICAL, ERRORS))
@config_option("The wiki's zensical.toml or mkdocs.yml. Default: zensical.toml here, else mkdocs.yml.")
@click.option("--watch", "watching", is_flag=True, help="Keep running, and write the pages again after each change.")
@click.option(
    "--serve",
    "serving",
    is_flag=True,
    help="Run 'zensical serve' too (with the options after --), and keep its pages current until it stops.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, like 'mkdocs build --strict'.")
@click.argument("zensical_options", nargs=-1, type=click.UNPROCESSED)
def generate_command(
    *, config: Path, watching: bool, serving: bool, strict: bool, zensical_options: tuple[str, ...]
) -> None:
    """Write the thread, section and member pages into docs/ for Zensical, which runs no plugins.

    The written files are listed in docs/.gitignore, so git leaves them out, and the
    forum plugin leaves them out of MkDocs builds. Add `forum_pages` to
    markdown_extensions in mkdocs.yml: it shows the pages.
    """
    if zensical_options and not serving:
        raise click.UsageError("options after the command's own are passed to 'zensical serve': add --serve")
    try:
        found = config_file(config)
    except GenerateError as exc:
        raise click.UsageError(str(exc)) from None
    generator = Generator(found, command="serve" if watching or serving else "build")
    if watching or serving:
        if run_once(generator, click.echo) is None and generator.docs is None:
            sys.exit(1)  # not even the configuration could be read: there is nothing to watch
        if serving:
            sys.exit(serve(generator, click.echo, list(zensical_options)))
        try:
            watch(generator, click.echo)
        except KeyboardInterrupt:
            return
        return
    try:
        report = generator.run()
    except GenerateError as exc:
        click.echo(f"ERROR    -  {exc}", err=True)
        sys.exit(1)
    for message in report.warnings:
        click.echo(f"WARNING  -  {message}")
    click.echo(f"Pages for Zensical in {generator.docs}: {report.summary()}")
    if strict and report.warnings:
        sys.exit(1)
