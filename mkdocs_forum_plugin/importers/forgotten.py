"""The wiki's forgotten members (``docs/.forum-forgotten.json``, written by ``mkdocs-forum forget``) in an import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from ..forget.record import find_record, load_record
from .convert import Settings

T = TypeVar("T")


def with_forgotten(settings: Settings, out: Path) -> Settings:
    """``settings`` with the record that applies to ``out``; ValueError for a record that cannot be read.

    A broken record stops the import: going on would bring the forgotten members back.
    """
    path = find_record(out)
    forgotten = load_record(path) if path is not None else None
    if forgotten is None or not forgotten.digests:
        return settings
    return replace(settings, forgotten=forgotten)


def forgotten_out(facts: dict[str, T], settings: Settings) -> dict[str, T]:
    """The members to add to the members file, without the forgotten ones."""
    forgotten = settings.forgotten
    return {name: fact for name, fact in facts.items() if forgotten is None or not forgotten.has(name)}
