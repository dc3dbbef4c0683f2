"""The site a command works on: its settings from --config, or from ./zensical.toml or ./mkdocs.yml.

Every command looks for the wiki's configuration as Zensical does (``find_config``):
``zensical.toml`` first, then ``mkdocs.yml``, in the folder the command runs in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..load.site_config import SiteSettings, find_config, read_site

CONFIG_HELP = "default: ./zensical.toml or ./mkdocs.yml, whichever is here"


def site_settings(config: Path | None) -> SiteSettings | None:
    """The site settings from ``config``, or from the configuration in this folder; None without one."""
    path = config or find_config(Path())
    if path is None:
        return None
    try:
        return read_site(path)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def config_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``-f/--config`` option of every command: an existing file, handed over as ``config``."""
    return click.option(
        "-f",
        "--config",
        "config",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help=help_text,
    )
