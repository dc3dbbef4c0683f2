"""Atomic writes of the importer's text files, through the one atomic writer of ``ledger.py``.

A reader (or a running ``mkdocs serve``) sees either the old file or the new
one, never half of one, and an interrupted import leaves no partial file.
"""

from __future__ import annotations

from pathlib import Path

from .. import ledger


def atomic_write(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` atomically, creating its folder if needed."""
    ledger.atomic_write(path, text.encode("utf-8"))
