"""What a file is, judged by its first bytes (magic numbers), never by its name or the server's word.

Only the kinds in ``ALLOWED`` are kept. Everything else is named as well as it can
be (SVG, HTML, ZIP, office documents, programs), so the report says why it was refused.
"""

from __future__ import annotations

from dataclasses import dataclass

# Of a text file, this much is looked at to tell it from markup.
_TEXT_HEAD = 4096


@dataclass(frozen=True)
class Kind:
    """A file type: its media type, the extension it is stored with, and whether it is a picture."""

    mime: str
    ext: str
    picture: bool


JPEG = Kind("image/jpeg", "jpg", picture=True)
PNG = Kind("image/png", "png", picture=True)
GIF = Kind("image/gif", "gif", picture=True)
WEBP = Kind("image/webp", "webp", picture=True)
AVIF = Kind("image/avif", "avif", picture=True)
PDF = Kind("application/pdf", "pdf", picture=False)
TEXT = Kind("text/plain", "txt", picture=False)
ALLOWED = (JPEG, PNG, GIF, WEBP, AVIF, PDF, TEXT)
BY_MIME = {kind.mime: kind for kind in ALLOWED}


@dataclass(frozen=True)
class Refused:
    """A file that is not of an allowed type; ``what`` names it for the report."""

    what: str


def _avif(data: bytes) -> bool:
    """An ISO media file (``ftyp`` box first) whose brands name AVIF."""
    if data[4:8] != b"ftyp":
        return False
    size = int.from_bytes(data[:4], "big")
    box = data[8 : min(max(size, 16), 256)]
    brands = {box[i : i + 4] for i in range(0, len(box) - 3, 4)} - {box[4:8]}  # skip the minor version
    return bool(brands & {b"avif", b"avis"})


def _text_kind(data: bytes) -> Kind | Refused:
    """Plain UTF-8 text without markup, or why not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Refused("an unknown binary type")
    if any(ch < " " and ch not in "\t\n\r\f" for ch in text):
        return Refused("an unknown binary type (control characters)")
    head = text[:_TEXT_HEAD].lstrip("\ufeff \t\r\n\f").lower()
    if "<svg" in head:
        return Refused("SVG (it can carry script)")
    if head.startswith(("<!doctype", "<html", "<?xml", "<head", "<body", "<script", "<")):
        return Refused("HTML or XML markup")
    return TEXT


def sniff(data: bytes) -> Kind | Refused:
    """The kind of ``data`` if it is one the wiki keeps, else what it looks like."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if _avif(data):
        return AVIF
    if data.startswith(b"%PDF-"):
        return PDF
    refused = _binary(data)
    if refused is not None:
        return refused
    if not data:
        return Refused("an empty file")
    return _text_kind(data)


def _binary(data: bytes) -> Refused | None:
    """Known types that are not kept, by name."""
    if data.startswith(b"PK\x03\x04"):
        return Refused("a ZIP archive (office documents are ZIP archives too)")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Refused("an old office document (it can carry macros)")
    if data.startswith((b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")) or (
        data.startswith(b"MZ") and b"\x00" in data[:64]
    ):
        return Refused("a program")
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"heim", b"heis"):
        return Refused("a HEIC photo (most browsers do not show it; save it as JPEG)")
    if data[4:8] == b"ftyp":
        return Refused("a video or other ISO media file")
    if data.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!")):
        return Refused("a compressed archive")
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return Refused("a TIFF picture (not shown by browsers)")
    if data.startswith(b"BM") and data[6:10] == b"\x00\x00\x00\x00":
        return Refused("a BMP picture")
    return None
