"""``docs/.forum-forgotten.json``: which members were forgotten, kept without their names.

The file holds, for each forgotten member, the SHA-256 of a salt and their name's normal
form (``names.normal``), the salt (random, one per wiki) and the neutral word that took
the name's place. ``mkdocs-forum import`` reads it before writing anything, so a later
import brings none of them back.

The trade-off, for the docs: a digest hides a name from someone who reads the file
without a guess. It cannot hide it from someone who has one: forum names are short, the
old forum's member list may be public, and the import itself must recognise the name
with no secret at hand, so anyone can test "was NAME forgotten?" by hashing the salt
and NAME. The salt only keeps one table of digests from serving every wiki. The file is
a record that an erasure happened, not a secret.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from ..ledger import atomic_write
from .names import name_digest

RECORD_NAME = ".forum-forgotten.json"
VERSION = 1
DEFAULT_WORD = "a former member"
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class Forgotten:
    """The forgotten members of one wiki, as digests."""

    salt: str = ""
    digests: frozenset[str] = field(default_factory=frozenset)
    word: str = DEFAULT_WORD  # what an @mention of them becomes, in the wiki's language

    def has(self, name: str) -> bool:
        """Whether ``name`` (in any letter case) is a forgotten member's."""
        return bool(self.digests) and name_digest(name, self.salt) in self.digests

    def adding(self, name: str, word: str) -> Forgotten:
        """The record with ``name`` added (a wiki's first record gets its salt here)."""
        salt = self.salt or secrets.token_hex(16)
        return Forgotten(salt, self.digests | {name_digest(name, salt)}, word or self.word)

    def text(self) -> str:
        """The file's JSON, digests sorted, so the same record is the same text."""
        data = {
            "version": VERSION,
            "about": "Members forgotten at their request (mkdocs-forum forget). Each is the SHA-256 of salt + name.",
            "salt": self.salt,
            "word": self.word,
            "sha256": sorted(self.digests),
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def save(self, folder: Path) -> None:
        """Write the record into ``folder`` (the docs folder) in one step."""
        atomic_write(folder / RECORD_NAME, self.text().encode("utf-8"))


def forgotten_key(key: str, salt: str) -> str:
    """The importer's key of a thread whose key holds a forgotten name (the starter's, say), without the name.

    ``forget`` renames the importer's record's key this way, and the import makes the same key of the
    same thread, so a re-import still finds the thread's file.
    """
    return "forgotten:" + hashlib.sha256((salt + key).encode("utf-8")).hexdigest()


def load_record(path: Path) -> Forgotten:
    """The record in ``path``; an empty one when there is none; ValueError for a file that is not one."""
    if not path.is_file():
        return Forgotten()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        salt, word, digests = raw["salt"], raw.get("word", DEFAULT_WORD), raw["sha256"]
        if not isinstance(salt, str) or not isinstance(word, str) or not isinstance(digests, list):
            raise TypeError("salt, word or sha256 of the wrong type")
        if not all(isinstance(d, str) and len(d) == 64 and set(d) <= _HEX for d in digests):
            raise TypeError("an entry of sha256 is not a SHA-256 in hex")
    except (OSError, ValueError, TypeError, KeyError, RecursionError) as exc:
        raise ValueError(f"{path}: not a record of forgotten members ({exc}); fix it, or no import may run") from None
    return Forgotten(salt, frozenset(digests), word or DEFAULT_WORD)


def find_record(folder: Path) -> Path | None:
    """The record that applies to an import into ``folder``: in it or the nearest folder above that has one.

    The search stops at the wiki's own folder (the one with ``mkdocs.yml`` or ``zensical.toml``).
    """
    here = folder.resolve()
    for place in (here, *here.parents):
        if (place / RECORD_NAME).is_file():
            return place / RECORD_NAME
        if any((place / name).is_file() for name in ("mkdocs.yml", "mkdocs.yaml", "zensical.toml")):
            # The docs folder may sit beside the config under another name.
            found = sorted(place.glob(f"*/{RECORD_NAME}"))
            return found[0] if found else None
    return None
