"""``python -m mkdocs_forum_plugin.cli``: the ``mkdocs-forum`` command."""

from . import main

main(prog_name="mkdocs-forum")
