"""What the wiki knows about its stored pictures and attachments: type, size in bytes, width and height.

``mkdocs-forum import`` stores each file once under ``docs/media/<2 hex>/<32 hex>.<ext>``
and describes it in ``docs/media/index.json`` (digest -> type, bytes, width, height,
original name, source address). The plugin only reads that index; for a picture it
does not describe (a file an editor put into docs/, or an index that is missing), the
width and height are read from the first bytes of the file itself.

Both the index and the files are untrusted: the index may be hand-edited, a picture may
be anything. The index is capped in size and every entry is checked field by field; the
header reader is plain Python that looks at no more than :data:`HEAD_BYTES` bytes, and
Pillow (native code), tried only for formats the reader does not know, is guarded.
Nothing here imports an engine.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

MEDIA_DIR = "media"
MEDIA_INDEX = "media/index.json"
MAX_INDEX_BYTES = 64 * 1024 * 1024  # a very large archive's index; more is refused, not parsed
HEAD_BYTES = 256 * 1024  # JPEG keeps its size after its metadata segments, which can be long
MAX_SIDE = 100_000  # pixels; a larger width or height is a broken header
_STORED = re.compile(r"media/[0-9a-f]{2}/([0-9a-f]{32})\.[A-Za-z0-9]{1,8}")
_DIGEST = re.compile(r"[0-9a-f]{32}")
PICTURE_TYPES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "image/avif": "AVIF",
}
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
# Never swallowed: the user stopping the build, or the interpreter going down.
_NOT_OURS = (KeyboardInterrupt, SystemExit, GeneratorExit)


@dataclass(frozen=True)
class MediaInfo:
    """One stored file as a page shows it; what is unknown is None."""

    type: str | None = None  # MIME type
    bytes: int | None = None
    width: int | None = None
    height: int | None = None
    name: str | None = None  # the file's original name

    @property
    def is_picture(self) -> bool:
        """Whether browsers show the file as a picture (one of the stored picture types)."""
        return self.type in PICTURE_TYPES


def stored_digest(path: str) -> str | None:
    """The digest in a stored file's docs path (``media/ab/ab12….png``), or None for any other path."""
    match = _STORED.fullmatch(path)
    return match.group(1) if match else None


def is_media_path(path: str) -> bool:
    """Whether a docs path is inside the media folder."""
    return path.startswith(MEDIA_DIR + "/")


def is_picture_path(path: str) -> bool:
    """Whether a docs path names a picture by its suffix (for files the index does not describe)."""
    return path.lower().endswith(PICTURE_SUFFIXES)


def _side(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_SIDE:
        return value
    return None


def _entry(value: Any) -> MediaInfo | None:
    if not isinstance(value, Mapping):
        return None
    kind = value.get("type")
    size = value.get("bytes")
    name = value.get("name")
    return MediaInfo(
        type=kind if isinstance(kind, str) and len(kind) <= 200 else None,
        bytes=size if isinstance(size, int) and not isinstance(size, bool) and size >= 0 else None,
        width=_side(value.get("width")),
        height=_side(value.get("height")),
        name=posixpath.basename(name)[:255] or None if isinstance(name, str) else None,
    )


def parse_index(data: bytes) -> tuple[dict[str, MediaInfo], str | None]:
    """The entries of ``media/index.json`` by digest, and what is wrong with the file (None: nothing).

    Entries that are not mappings or whose key is no digest are left out; a field of the
    wrong type is unknown (None), never an error that stops a build.
    """
    if len(data) > MAX_INDEX_BYTES:
        return {}, f"is {len(data)} bytes, more than the {MAX_INDEX_BYTES} read; its entries are not used"
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        first = (str(exc).splitlines() or ["no message"])[0]
        return {}, f"is not JSON ({first}); its entries are not used"
    if not isinstance(raw, dict):
        return {}, "is not a JSON object of digests; its entries are not used"
    entries: dict[str, MediaInfo] = {}
    for key, value in raw.items():
        entry = _entry(value)
        if entry is not None and _DIGEST.fullmatch(key):
            entries[key] = entry
    return entries, None


# -- sizes read from a file's first bytes ----------------------------------------------------


def _png(head: bytes) -> tuple[int, int] | None:
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR" and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    return None


def _gif(head: bytes) -> tuple[int, int] | None:
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    return None


_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def _jpeg(head: bytes) -> tuple[int, int] | None:
    """Walk the JPEG's segments to its frame header; each step skips a whole segment, so it is linear."""
    if head[:2] != b"\xff\xd8":
        return None
    at = 2
    while at + 9 <= len(head):
        if head[at] != 0xFF:
            return None
        marker = head[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # segments without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", head[at + 2 : at + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", head[at + 5 : at + 9])
            return width, height
        if length < 2:
            return None
        at += 2 + length
    return None


def _webp(head: bytes) -> tuple[int, int] | None:
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP" or len(head) < 25:
        return None
    chunk = head[12:16]
    if chunk == b"VP8X" and len(head) >= 30:
        width = 1 + int.from_bytes(head[24:27], "little")
        height = 1 + int.from_bytes(head[27:30], "little")
        return width, height
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a" and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


_READERS: tuple[Callable[[bytes], tuple[int, int] | None], ...] = (_png, _jpeg, _gif, _webp)


def _pillow_size(head: bytes) -> tuple[int, int] | None:
    """Pillow's reading of a header it knows (AVIF among others), if Pillow is installed; never raises."""
    try:
        from PIL import Image  # noqa: PLC0415 - optional, and only for formats read here seldom

        with Image.open(io.BytesIO(head)) as picture:
            width, height = picture.size
            return int(width), int(height)
    except _NOT_OURS:
        raise
    except BaseException:  # native code on untrusted bytes: a panic is a BaseException
        return None


def picture_size(head: bytes) -> tuple[int, int] | None:
    """A picture's width and height read from its first bytes (PNG, JPEG, GIF, WebP; Pillow for others)."""
    head = head[:HEAD_BYTES]
    for reader in _READERS:
        size = reader(head)
        if size is not None:
            break
    else:
        size = _pillow_size(head)
    if size is None or _side(size[0]) is None or _side(size[1]) is None:
        return None
    return size


# -- the files of one build -------------------------------------------------------------------


@dataclass
class MediaFiles:
    """What one build knows about the files of docs/: the importer's index, else each file's own header.

    ``readers`` reads a file of docs/ by its path; a file is read only when a page asks
    about it and the index does not describe it, and then once per build.
    """

    entries: Mapping[str, MediaInfo] = field(default_factory=dict)  # by digest, from media/index.json
    readers: Mapping[str, Callable[[], bytes]] = field(default_factory=dict)  # docs path -> its bytes
    _read: dict[str, MediaInfo | None] = field(default_factory=dict, repr=False)

    def info(self, path: str) -> MediaInfo | None:
        """What is known about the file at a docs path; None when docs/ has no such file."""
        if path not in self.readers:
            return None
        digest = stored_digest(path)
        entry = self.entries.get(digest) if digest else None
        if entry is not None and (entry.width or not entry.is_picture):
            return entry
        if path not in self._read:
            self._read[path] = self._from_file(path, entry)
        return self._read[path]

    def _from_file(self, path: str, entry: MediaInfo | None) -> MediaInfo | None:
        read = self.readers.get(path)
        if read is None:
            return entry
        try:
            data = read()
        except OSError:
            return entry
        size = picture_size(data) if is_picture_path(path) or (entry and entry.is_picture) else None
        kind = entry.type if entry and entry.type else _type_of(path, size)
        width, height = size if size else (None, None)
        return MediaInfo(kind, len(data), width, height, entry.name if entry else None)


def _type_of(path: str, size: tuple[int, int] | None) -> str | None:
    suffix = posixpath.splitext(path)[1].lower().lstrip(".")
    known = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif"}
    known |= {"webp": "image/webp", "avif": "image/avif", "pdf": "application/pdf", "txt": "text/plain"}
    kind = known.get(suffix)
    if kind in PICTURE_TYPES and size is None:
        return None  # named like a picture, but no picture's header: not shown as one
    return kind


def load_media(files: Mapping[str, Callable[[], bytes]]) -> tuple[MediaFiles, str | None]:
    """The build's media from the files of docs/ (path -> reader), and what is wrong with the index."""
    reader = files.get(MEDIA_INDEX)
    if reader is None:
        return MediaFiles({}, files), None
    try:
        data = reader()
    except OSError as exc:
        return MediaFiles({}, files), f"{MEDIA_INDEX}: could not be read ({exc.strerror or exc})"
    entries, problem = parse_index(data)
    return MediaFiles(entries, files), f"{MEDIA_INDEX} {problem}" if problem else None
