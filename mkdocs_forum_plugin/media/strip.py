"""Location and camera metadata (EXIF, XMP, GPS, IPTC, comments) removed from every picture.

JPEG, PNG, GIF and WebP are cleaned without re-encoding: their files are sequences of
segments, chunks or blocks, and only the ones that draw the picture (plus its colour
profile) are kept, so not one pixel changes. A JPEG whose EXIF said "rotate" is turned
by Pillow and saved again, since the turn would otherwise be lost with the EXIF. AVIF
keeps its metadata in boxes that cannot be dropped one by one, so it is decoded and
encoded again without them. Each result is then opened with Pillow, decoded whole and
checked to hold no EXIF or XMP; a picture Pillow cannot read is refused.

Pillow is native code reading untrusted bytes: every call is guarded with
``except BaseException`` (KeyboardInterrupt and SystemExit still stop the run), and
pictures larger than ``MAX_PIXELS`` are refused before they are decoded (decompression
bombs).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from .sniff import AVIF, GIF, JPEG, PNG, WEBP, Kind

MAX_PIXELS = 50_000_000  # a 50-megapixel photo; larger pictures are refused
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_ORIENTATION = 0x0112
_FORMATS = {JPEG: "JPEG", PNG: "PNG", GIF: "GIF", WEBP: "WEBP", AVIF: "AVIF"}


class StripError(Exception):
    """A picture that cannot be cleaned or read; the message says why, for the report."""


@dataclass(frozen=True)
class Clean:
    """A picture without metadata: its bytes, size in pixels, and a note when it was re-encoded."""

    data: bytes
    width: int
    height: int
    note: str = ""


def _u16(data: bytes, at: int) -> int:
    if at + 2 > len(data):
        raise StripError("the file is cut short")
    return int.from_bytes(data[at : at + 2], "big")


# JPEG: APP0 (JFIF), APP14 (Adobe: colour transform) and the ICC profile in APP2 are kept.
_APP_KEPT = {0xE0, 0xEE}


def _jpeg(data: bytes) -> bytes:
    """The JPEG without APPn metadata segments (EXIF, XMP, IPTC, ...), comments and anything after its end."""
    out = [data[:2]]
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise StripError("not a well-formed JPEG (a segment does not start with a marker)")
        while i + 1 < len(data) and data[i + 1] == 0xFF:  # fill bytes
            i += 1
        if i + 1 >= len(data):
            break
        marker = data[i + 1]
        if marker == 0xD9:  # end of image: anything after it is dropped
            out.append(b"\xff\xd9")
            return b"".join(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(data[i : i + 2])
            i += 2
            continue
        end = i + 2 + _u16(data, i + 2)
        segment = data[i:end]
        if marker == 0xDA:  # start of scan: the entropy-coded data runs to the next real marker
            end = _scan_end(data, end)
            segment = data[i:end]
        kept = marker not in range(0xE0, 0xF0) and marker != 0xFE
        kept = kept or marker in _APP_KEPT or (marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\x00")
        if kept:
            out.append(segment)
        i = end
    raise StripError("not a well-formed JPEG (no end marker)")


def _scan_end(data: bytes, at: int) -> int:
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            return len(data)
        following = data[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            at += 1 if following == 0xFF else 2
            continue
        return at


_PNG_KEPT = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs",
    b"bKGD", b"hIST", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv", b"cLLi",
}  # fmt: skip


def _png(data: bytes) -> bytes:
    """The PNG with only the chunks that draw it: no text (tEXt, zTXt, iTXt: XMP), eXIf, tIME or private chunks."""
    out = [data[:8]]
    i = 8
    while i + 12 <= len(data):
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > len(data):
            raise StripError("the file is cut short")
        if kind in _PNG_KEPT:
            out.append(data[i:end])
        i = end
        if kind == b"IEND":
            return b"".join(out)
    raise StripError("not a well-formed PNG (no IEND chunk)")


def _gif_blocks(data: bytes, at: int) -> int:
    """The end of a run of GIF data sub-blocks starting at ``at``."""
    while True:
        if at >= len(data):
            raise StripError("the file is cut short")
        size = data[at]
        at += 1 + size
        if size == 0:
            return at


def _gif(data: bytes) -> bytes:
    """The GIF without comments and application blocks other than the animation loop (XMP, ICC, others)."""
    if len(data) < 13:
        raise StripError("the file is cut short")
    flags = data[10]
    i = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    out = [data[:i]]
    while i < len(data):
        block = data[i]
        if block == 0x3B:  # trailer
            out.append(b"\x3b")
            return b"".join(out)
        if block == 0x2C:  # an image: descriptor, local colour table, LZW data
            if i + 10 > len(data):
                raise StripError("the file is cut short")
            local = data[i + 9]
            start = i
            i += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
            i = _gif_blocks(data, i)
            out.append(data[start:i])
        elif block == 0x21 and i + 1 < len(data):
            label = data[i + 1]
            start = i
            i = _gif_blocks(data, i + 2)
            app = data[start + 3 : start + 14]
            if label in (0xF9, 0x01) or (label == 0xFF and app in (b"NETSCAPE2.0", b"ANIMEXTS1.0")):
                out.append(data[start:i])
        else:
            raise StripError("not a well-formed GIF (an unknown block)")
    raise StripError("not a well-formed GIF (no trailer)")


_WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}


def _webp(data: bytes) -> bytes:
    """The WebP without its EXIF and XMP chunks (and their flags in the VP8X header)."""
    chunks = []
    i = 12
    while i + 8 <= len(data):
        kind = data[i : i + 4]
        size = int.from_bytes(data[i + 4 : i + 8], "little")
        end = i + 8 + size + (size & 1)
        if i + 8 + size > len(data):
            raise StripError("the file is cut short")
        chunk = data[i:end]
        if kind == b"VP8X" and size >= 1:
            chunk = chunk[:8] + bytes([chunk[8] & ~0x0C & 0xFF]) + chunk[9:]
        if kind in _WEBP_KEPT:
            chunks.append(chunk)
        i = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def _orientation(image: Image.Image) -> int:
    value = image.getexif().get(_ORIENTATION, 1)
    return value if isinstance(value, int) else 1


def _reencoded(data: bytes, kind: Kind) -> tuple[bytes, str]:
    """A JPEG turned as its EXIF said, or an AVIF, decoded and saved again without metadata."""
    with Image.open(io.BytesIO(data)) as image:
        if kind == JPEG:
            if _orientation(image) == 1:
                return data, ""
            turned = ImageOps.exif_transpose(image)
            buffer = io.BytesIO()
            icc = image.info.get("icc_profile")
            turned.save(buffer, "JPEG", quality=92, **({"icc_profile": icc} if icc else {}))
            return buffer.getvalue(), "turned upright as its EXIF said, and saved again (JPEG quality 92)"
        image.load()
        buffer = io.BytesIO()
        ImageOps.exif_transpose(image).save(buffer, "AVIF", quality=90)
        return buffer.getvalue(), "saved again without its metadata (AVIF quality 90)"


def _check(data: bytes, kind: Kind) -> tuple[int, int]:
    """Open the cleaned picture, decode it whole, and make sure no EXIF or XMP is left; its size."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format != _FORMATS[kind]:
            raise StripError(f"Pillow reads it as {image.format}, not {_FORMATS[kind]}")
        image.load()
        if len(image.getexif()) or image.info.get("exif") or image.info.get("xmp"):
            raise StripError("its metadata could not be removed")
        return image.size


def strip(data: bytes, kind: Kind) -> Clean:
    """``data`` (a picture of ``kind``, already sniffed) without metadata; StripError says why it cannot be."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            cleaned, note = _reencoded(data, kind) if kind in (JPEG, AVIF) else (data, "")
            if kind != AVIF:
                cleaned = {JPEG: _jpeg, PNG: _png, GIF: _gif, WEBP: _webp}[kind](cleaned)
            width, height = _check(cleaned, kind)
    except (KeyboardInterrupt, SystemExit):
        raise
    except StripError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise StripError(f"it has more than {MAX_PIXELS:,} pixels (the limit, against decompression bombs)") from None
    except BaseException as exc:  # native code on untrusted bytes: a panic or any error refuses the file
        raise StripError(f"Pillow cannot read it ({type(exc).__name__})") from None
    return Clean(cleaned, width, height, note)
