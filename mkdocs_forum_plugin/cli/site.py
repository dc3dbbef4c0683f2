"""The site a command works on: its settings from --config, or from ./mkdocs.yml when there is one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..load.site_config import SiteSettings, read_site

DEFAULT_CONFIG = Path("mkdocs.yml")


def site_settings(config: Path | None) -> SiteSettings | None:
    """The site settings from ``config``, or from ./mkdocs.yml when there is one; None without either."""
    path = config or (DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None)
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
