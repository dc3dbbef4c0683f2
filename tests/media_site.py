"""A small wiki with stored pictures and an attachment, and a loopback server playing another site's host.

Shared by the site tests (tests/test_media_pages.py) and the browser tests: real PNG
files made with the standard library, stored the way ``mkdocs-forum import`` stores
them (``docs/media/<2 hex>/<32 hex>.<ext>`` with ``docs/media/index.json``), and a
thread that shows them next to a picture from another host.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import json
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitebuild import thread_yaml, write_site


def png_file(width: int, height: int, rgb: tuple[int, int, int] = (40, 120, 200)) -> bytes:
    """A real PNG of one colour, as any browser decodes it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\0" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def stored_path(data: bytes, suffix: str) -> str:
    """Where the importer keeps a file: ``media/<2 hex>/<32 hex>.<suffix>``, named by its content."""
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return f"media/{digest[:2]}/{digest}.{suffix}"


WIDE = png_file(1600, 900)  # wider than any phone: must shrink to the column
THUMB = png_file(160, 90, (200, 80, 40))
UNLISTED = png_file(300, 200, (30, 160, 60))  # stored, but not in the index: its size comes from the file
PDF = b"%PDF-1.4\n% an invented exercise sheet\n" + b"0" * 2400 + b"\n%%EOF\n"


@dataclass
class MediaWiki:
    """The docs paths of the stored files, and the remote picture's address."""

    wide: str = stored_path(WIDE, "png")
    thumb: str = stored_path(THUMB, "png")
    unlisted: str = stored_path(UNLISTED, "png")
    pdf: str = stored_path(PDF, "pdf")
    remote: str = ""


def media_index(wiki: MediaWiki) -> dict[str, Any]:
    """``media/index.json`` as the importer writes it, for every stored file but ``unlisted``."""

    def entry(data: bytes, kind: str, size: tuple[int, int] | None, name: str) -> dict[str, Any]:
        width, height = size or (None, None)
        source = f"https://forum.example.org/attachments/{name}"
        return {"type": kind, "bytes": len(data), "width": width, "height": height, "name": name, "source": source}

    def digest(path: str) -> str:
        return path.rsplit("/", 1)[1].split(".", maxsplit=1)[0]

    return {
        digest(wiki.wide): entry(WIDE, "image/png", (1600, 900), "desk-from-the-side.png"),
        digest(wiki.thumb): entry(THUMB, "image/png", (160, 90), "chair-small.png"),
        digest(wiki.pdf): entry(PDF, "application/pdf", None, "exercises.pdf"),
    }


def write_media_wiki(root: Path, remote: str, plugin: dict[str, Any] | None = None, **config: Any) -> MediaWiki:
    """A wiki in ``root`` whose thread shows stored pictures, an attachment and the picture at ``remote``."""
    wiki = MediaWiki(remote=remote)
    posts = [
        {
            "author": "ann",
            "body": f"My desk after the physio's advice:\n\n![the desk, from the side](../{wiki.wide})\n\n"
            f"Tap the small one: [![the chair](../{wiki.thumb})](../{wiki.wide})\n\n"
            f"And the mat: ![the mat](../{wiki.unlisted})",
        },
        {"author": "bob", "body": f"The sheet we were given: [exercises.pdf](../{wiki.pdf})"},
        {"author": "cy", "body": f"A stretch I found elsewhere: ![a stretch]({remote})"},
    ]
    files = {"threads/desk.yml": thread_yaml("Setting up a desk", posts, forum="Everyday")}
    write_site(root, files, plugin=plugin, **config)
    docs = root / "docs"
    for path, data in ((wiki.wide, WIDE), (wiki.thumb, THUMB), (wiki.unlisted, UNLISTED), (wiki.pdf, PDF)):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(data)
    (docs / "media" / "index.json").write_text(json.dumps(media_index(wiki), indent=1), encoding="utf-8")
    return wiki


@dataclass
class PictureHost:
    """A loopback web server standing in for another site: what it serves, and every path it was asked for."""

    base: str
    requests: list[str] = field(default_factory=list)


@contextlib.contextmanager
def picture_host(files: dict[str, bytes], host: str = "127.0.0.2") -> Iterator[PictureHost]:
    """Serve ``files`` (path -> bytes, as PNG) at ``http://HOST:PORT/`` in a thread, recording requests."""
    served = PictureHost("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.requests.append(self.path)
            data = files.get(self.path.split("?")[0])
            self.send_response(200 if data is not None else 404)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(data or b"")))
            self.end_headers()
            self.wfile.write(data or b"")

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    served.base = f"http://{host}:{server.server_port}/"
    thread = threading.Thread(target=server.serve_forever, name="picture-host", daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
