"""A loopback HTTP server that plays a forum's media, and the files it serves (all made here, none copied).

Routes: pictures (one JPEG with GPS data), an attached PDF, a thumbnail and its full file,
an SVG with script, a redirect, a 404, a file whose bytes are a web page, and a slow answer.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures" / "media"
PLACEHOLDER = "http://forum.test"
GPS_IFD = 0x8825


def jpeg_with_gps(size: tuple[int, int] = (64, 48), color: tuple[int, int, int] = (180, 40, 40)) -> bytes:
    """A JPEG whose EXIF says where it was taken (GPS) and with which camera, plus a comment."""
    exif = Image.Exif()
    exif[0x010F] = "InventedCam"
    exif[0x0110] = "Model 7"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (59.0, 19.0, 44.0), 3: "E", 4: (18.0, 4.0, 6.0)})
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", exif=exif.tobytes(), comment=b"taken at home")
    return buffer.getvalue()


def picture(fmt: str, size: tuple[int, int] = (32, 24), color: tuple[int, int, int] = (20, 140, 60)) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    if fmt == "PNG":
        from PIL.PngImagePlugin import PngInfo  # noqa: PLC0415

        info = PngInfo()
        info.add_text("Author", "a member's full name")
        image.save(buffer, "PNG", pnginfo=info)
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


class Forum:
    """What the server serves, and what it was asked."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
            "/data/attachments/0/101-morning-after.jpg": (200, "image/jpeg", jpeg_with_gps(), {}),
            "/data/attachments/0/102-knee-brace-thumb.jpg": (200, "image/jpeg", picture("JPEG", (25, 19)), {}),
            "/attachments/knee-brace-jpg.102/": (
                200, "image/jpeg", picture("JPEG", (250, 188), (10, 10, 200)),
                {"Content-Disposition": 'inline; filename="knee-brace.jpg"'},
            ),
            "/attachments/rehab-plan-pdf.103/": (
                200, "application/pdf", PDF, {"Content-Disposition": 'attachment; filename="rehab-plan.pdf"'},
            ),
            "/data/knee-diagram.svg": (200, "image/svg+xml", SVG, {}),
            "/old/quad-stretch.png": (302, "text/html", b"", {"Location": "/data/quad-stretch.png"}),
            "/data/quad-stretch.png": (200, "image/png", picture("PNG"), {}),
            "/data/attachments/0/105-ice-pack.webp": (200, "image/webp", picture("WEBP"), {}),
            "/data/fake.jpg": (200, "image/jpeg", b"<!DOCTYPE html><html><script>alert(1)</script></html>", {}),
            "/slow/running-log.gif": (200, "image/gif", picture("GIF"), {}),
            "/to-file": (302, "text/html", b"", {"Location": "file:///etc/passwd"}),
            "/flaky.png": (200, "image/png", picture("PNG", (8, 8)), {}),
            # Discourse: the full upload, its smaller copy, and an attached file by its short address
            "/uploads/default/original/1X/5e1f.jpeg": (200, "image/jpeg", jpeg_with_gps((120, 80)), {}),
            "/uploads/default/optimized/1X/5e1f_2_690x460.jpeg": (200, "image/jpeg", picture("JPEG", (69, 46)), {}),
            "/uploads/short-url/rollerplan.pdf": (
                302, "text/html", b"", {"Location": "/uploads/default/original/1X/r.pdf"},
            ),
            "/uploads/default/original/1X/r.pdf": (200, "application/pdf", PDF + b"%roller\n", {}),
            "/user_avatar/forum.test/tove_b/96/12_2.png": (200, "image/png", picture("PNG", (96, 96)), {}),
        }  # fmt: skip
        self.asked: Counter[str] = Counter()
        self.agents: set[str] = set()
        self.slow = 2.0  # seconds before /slow/ answers
        self.flaky = 1  # how many times /flaky.png answers 503 first
        self.stop = threading.Event()
        self.base = ""

    def page(self, folder: Path, fixture: str = "xenforo2/Knee-swelling.html") -> Path:
        """A saved page (and its NAME_files/ folder), copied into ``folder`` and pointed at this server."""
        source = FIXTURES / fixture
        target = folder / "saved"
        target.mkdir(parents=True, exist_ok=True)
        files = source.with_name(f"{source.stem}_files")
        if files.is_dir():
            (target / files.name).mkdir(exist_ok=True)
            for path in files.iterdir():
                (target / files.name / path.name).write_bytes(path.read_bytes())
        page = target / source.name
        page.write_text(source.read_text(encoding="utf-8").replace(PLACEHOLDER, self.base), encoding="utf-8")
        return page


def _handler(forum: Forum) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            forum.asked[self.path] += 1
            forum.agents.add(self.headers.get("User-Agent", ""))
            if self.path.startswith("/slow/"):
                forum.stop.wait(forum.slow)
            if self.path == "/flaky.png" and forum.asked[self.path] <= forum.flaky:
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, kind, body, headers = forum.files.get(self.path, (404, "text/html", b"not found", {}))
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture
def forum() -> Iterator[Forum]:
    """The loopback forum, on a free port of 127.0.0.1, for one test."""
    state = Forum()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
