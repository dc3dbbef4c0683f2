"""The ``mkdocs-forum`` command line: one module per command, registered on the group ``main``.

- ``import_command.py``: ``import`` forum exports into thread files (the parsers are in ``importers/``);
- ``check.py``: ``check`` thread files and the members file without a build (``wiki_check.py``);
- ``generate.py``: ``generate`` the wiki's pages into docs/ for Zensical (``adapters/zensical/``);
- ``media.py``: ``media`` brings the pictures and files of existing thread files into the wiki (``media/``);
- ``forget.py``: ``forget`` a member who asked to be removed, everywhere in the wiki (``forget/``);
- ``site.py``: the site settings a command reads from --config, ./zensical.toml or ./mkdocs.yml.
"""

from __future__ import annotations

import click

from .check import check_command
from .forget import forget_command
from .generate import generate_command
from .import_command import import_command
from .manual import ERRORS, MANUAL, MEDIA, MIGRATION, ZENSICAL, see
from .media import media_command


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=see(MANUAL, MIGRATION, MEDIA, ZENSICAL, ERRORS),
)
@click.version_option(package_name="mkdocs-forum-plugin", prog_name="mkdocs-forum")
def main() -> None:
    """The thread files of a mkdocs-forum-plugin wiki: import them, check them, generate their pages.

    'import' turns a forum's saved pages, JSON or copied text into thread files;
    'check' checks thread files and the members file without a build; 'generate'
    writes the wiki's pages into docs/ for Zensical, which runs no plugins (a MkDocs
    build needs no generate); 'media' brings the pictures and files that existing
    thread files link to into the wiki; 'forget' removes a member who asked for it,
    everywhere in the wiki and in every later import. Each command's options:
    'COMMAND --help'.
    """


main.add_command(import_command)
main.add_command(check_command)
main.add_command(generate_command)
main.add_command(media_command)
main.add_command(forget_command)
