"""The wiki's forgotten members (``docs/.forum-forgotten.json``, written by ``mkdocs-forum forget``) in an import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from ..forget.record import find_record, forgotten_key, load_record
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


def forgotten_identity(identity: str, settings: Settings) -> str:
    """A thread's identity in the import record, without a forgotten member's name in it.

    A copied thread is known by its first post's author: ``mkdocs-forum forget`` renames
    such a record entry to :func:`~..forget.record.forgotten_key`, and so does every later import.
    """
    forgotten = settings.forgotten
    if forgotten is None or not any(forgotten.has(part) for part in identity.split(":")):
        return identity
    return forgotten_key(identity, forgotten.salt)
