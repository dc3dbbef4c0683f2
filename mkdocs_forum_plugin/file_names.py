"""Addresses that fit the file system: each part of a path at most 255 bytes of UTF-8.

Linux, macOS and Windows file systems all cap one file or folder name at 255 bytes
(or UTF-16 units, which UTF-8 bytes never undercount). A name of 200 characters
from a forum is up to 800 bytes, so every name the plugin derives from one is
made to fit here: kept as it is when it fits, otherwise cut at a character
boundary and followed by a short digest of the whole name. The digest keeps two
long names that start alike apart, and the same name always gets the same
address, build after build.
"""

from __future__ import annotations

import hashlib

MAX_PART_BYTES = 255  # one file or folder name
DIGEST_CHARS = 8  # hexadecimal digits of the whole name's digest


def byte_length(text: str) -> int:
    """Length of ``text`` in UTF-8 bytes, as the file system counts it."""
    return len(text.encode("utf-8"))


def fit_name(name: str, budget: int = MAX_PART_BYTES) -> str:
    """``name`` unchanged when it has at most ``budget`` bytes; else its start, '-' and a digest of all of it.

    The cut falls between characters, so the result is valid text; it has at most
    ``budget`` bytes (``budget`` must leave room for the digest).
    """
    data = name.encode("utf-8")
    if len(data) <= budget:
        return name
    room = budget - DIGEST_CHARS - 1
    if room < 0:
        raise ValueError(f"a budget of {budget} bytes leaves no room for the digest")
    digest = hashlib.sha256(data).hexdigest()[:DIGEST_CHARS]
    # Decoding with "ignore" drops the bytes of a character the cut went through.
    start = data[:room].decode("utf-8", "ignore").rstrip("-")
    return f"{start}-{digest}"


def too_long_part(path: str) -> str | None:
    """The first part of a '/'-separated path longer than a file or folder name can be, or None."""
    return next((part for part in path.split("/") if byte_length(part) > MAX_PART_BYTES), None)
