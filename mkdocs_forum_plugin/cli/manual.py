"""Where the manual is: the example wiki's address (``site_url`` in mkdocs.yml) and its reference pages.

Every help text ends by pointing at the page that explains its command; a test checks
these addresses against mkdocs.yml and the pages in docs/reference/.
"""

from __future__ import annotations

MANUAL = "https://example.github.io/mkdocs-forum-plugin/"
MIGRATION = f"{MANUAL}reference/migration/"  # import and check
ZENSICAL = f"{MANUAL}reference/zensical/"  # generate
MEDIA = f"{MANUAL}reference/media/"  # media, and what import keeps
REMOVAL = f"{MANUAL}reference/removal-requests/"  # forget
ERRORS = f"{MANUAL}reference/errors/"  # every message, and what to do


def see(*pages: str) -> str:
    """A help text's last paragraph: the manual's pages, each on its own line (never re-wrapped)."""
    return "\b\nThe manual:\n" + "\n".join(f"  {page}" for page in pages)
