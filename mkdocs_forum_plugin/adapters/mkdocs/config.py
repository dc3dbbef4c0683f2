"""The plugin's options under ``plugins: - forum:`` in mkdocs.yml, checked by the core's table.

The options are declared once, in ``options.py``, for every engine; MkDocs only
hands over what ``mkdocs.yml`` says (with ``!ENV`` already resolved) and shows the
core's messages as its own configuration errors.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base

from ...options import ForumOptions, read_options


class ForumConfig(base.Config):
    """What MkDocs keeps of the options: nothing of its own; the plugin reads them with :func:`load_options`."""


def load_options(raw: dict[str, Any]) -> tuple[ForumOptions, base.ConfigErrors]:
    """The options as written under ``plugins: - forum:``, and MkDocs' form of each problem."""
    options, problems = read_options(raw)
    return options, [(p.option, base.ValidationError(p.message)) for p in problems]
