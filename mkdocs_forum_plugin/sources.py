"""Old forum addresses: which thread a link to the former forum means, and where it used to live."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from .file_names import MAX_PART_BYTES, byte_length, too_long_part

MAX_DEPTH = 3  # a thread address may be followed by e.g. /page-2 or /post-123


def address_key(url: str) -> str:
    """Compare forum addresses without scheme, case of host, query, fragment or final slash."""
    parts = urlsplit(url.strip())
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}"


class SourceIndex:
    """Find the thread behind a link to the old forum, in time independent of the wiki's size."""

    def __init__(self, sources: dict[str, str]) -> None:
        """``sources`` maps each thread file (docs-relative) to its ``source`` address."""
        self._by_key = {address_key(url): path for path, url in sources.items()}

    def thread_for(self, href: str) -> str | None:
        """The thread file a link points into: its own address or a page or post below it."""
        key = address_key(href)
        for _ in range(MAX_DEPTH + 1):
            if key in self._by_key:
                return self._by_key[key]
            if "/" not in key:
                return None
            key = key.rsplit("/", 1)[0]
        return None


def redirect_path(source: str) -> str | None:
    """Where, on a site served at the forum's old domain, the old thread address lands.

    ``/threads/tension.123/`` becomes ``threads/tension.123/index.html``; an address
    that names a file (``showthread.php``) is written as that file. Query strings
    cannot be served by static files and are ignored.
    """
    path = urlsplit(source).path.strip("/")
    if not path or ".." in path.split("/"):
        return None
    last = path.rsplit("/", 1)[-1]
    if "." in last and last.rsplit(".", 1)[1].lower() in ("html", "htm", "php", "asp", "aspx"):
        return path
    return f"{path}/index.html"


def redirect_problem(target: str) -> str | None:
    """Why no static file can stand at ``target`` (from :func:`redirect_path`), or None when one can.

    The redirect must be at the old address itself, so it is never shortened to fit:
    a folder name over the file system's 255 bytes cannot exist, and no request
    would ask for a shortened one.
    """
    part = too_long_part(target)
    if part is not None:
        return (
            f"a part of its path has {byte_length(part)} bytes, and a file or folder name"
            f" can have at most {MAX_PART_BYTES}"
        )
    if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in target):
        return "its path holds a control character"
    return None


def redirect_page(target: str) -> str:
    """A tiny HTML page that sends browsers and search engines to ``target``."""
    url = escape(target, quote=True)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Redirecting…</title>'
        f'<link rel="canonical" href="{url}"><meta name="robots" content="noindex">'
        f'<meta http-equiv="refresh" content="0; url={url}"></head>'
        f'<body><p>This thread has moved: <a href="{url}">{url}</a></p></body></html>\n'
    )
