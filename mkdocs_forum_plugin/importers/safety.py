"""What keeps hostile input harmless: output paths that stay in --out, and text without control characters.

Every file the importer writes into the output folder gets its name from
``file_name`` (derived from a thread's title and id) or from the state file,
and every such name passes ``output_path`` before anything is read or written.
Input text loses its C0 control characters (except tab and line breaks) as it
is read: the converter uses some of them as internal markers, and YAML cannot
hold most of them anyway.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .names import slugify

MAX_NAME_BYTES = 200  # well under the 255 bytes most file systems allow
_SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.yml")
_ID_PART = re.compile(r"[^A-Za-z0-9]+")
# C0 controls except tab, line feed and carriage return; DEL; C1 controls; lone surrogates.
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# Numeric character references to the same controls (HTML decodes &#3; to U+0003).
_REF = r"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2\d|3[01]|127)(?!\d));?"
_CONTROL_REF = re.compile(_REF)
_CONTROL_REF_BYTES = re.compile(_REF.encode("ascii"))


class UnsafePathError(ValueError):
    """A file name that would leave the output folder, or is not one the importer writes."""


def clean_bytes(data: bytes) -> bytes:
    """Raw input without C0 control bytes (besides tab and line breaks); safe in UTF-8 and single-byte text."""
    return data.translate(None, _CONTROL_BYTES)


def clean_html_bytes(data: bytes) -> bytes:
    """A saved page without control characters, also none written as numeric character references."""
    return _CONTROL_REF_BYTES.sub(b"", clean_bytes(data))


def clean_text(text: str) -> str:
    """Text without control characters (besides tab and line breaks) and without lone surrogates."""
    return _CONTROL_TEXT.sub("", text)


def clean_html(html: str) -> str:
    """HTML without control characters, also none written as numeric character references."""
    return _CONTROL_REF.sub("", clean_text(html))


def clean_json(value: Any) -> Any:
    """Loaded JSON with every string (keys too) cleaned of control characters."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_json(v) for v in value]
    return value


def file_stem(title: str, thread_id: str | None) -> str:
    """A thread file's name without ``.yml``: the title's slug, then the thread's id made safe."""
    stem = slugify(title)
    ident = _ID_PART.sub("-", thread_id or "").strip("-")[:40].strip("-").lower()
    return f"{stem}-{ident}" if ident else stem


def check_name(name: str) -> str:
    """``name`` when it is a plain thread file name (one part, no dot first, ends in .yml); else UnsafePathError."""
    if not isinstance(name, str) or not _SAFE_NAME.fullmatch(name) or ".." in name:
        why = "is not a plain thread file name (lower-case letters, digits, '-', '.yml')"
        raise UnsafePathError(f"'{name!s:.80}' {why}")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise UnsafePathError(f"'{name:.80}...' is longer than {MAX_NAME_BYTES} bytes")
    return name


def output_path(folder: Path, name: str) -> Path:
    """``folder / name``, checked to be a direct child of ``folder`` once normalised; else UnsafePathError."""
    check_name(name)
    path = folder / name
    root = Path(os.path.normpath(folder.absolute()))
    if Path(os.path.normpath(path.absolute())).parent != root:
        raise UnsafePathError(f"'{name}' would be written outside {folder}")
    if path.is_symlink():  # reading or replacing it would follow the link out of the folder
        raise UnsafePathError(f"'{name}' is a symbolic link")
    return path
