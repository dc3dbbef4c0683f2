"""What to fetch: which links of a body are media, and where a local copy of each may already be.

Every picture with a web address is kept. A plain link is kept only when it points at
an attached or uploaded file (the addresses forums give attachments, or a file name
with a media extension): a link to another website stays a link.

A saved page's own copies come first. *Save page as… complete* writes ``NAME_files/``
beside ``NAME.html`` and points the page's pictures into it; forums' lazy pictures keep
their web address, whose last part is the name the browser saved it under. Only plain
names inside the input's folder are looked at: no ``..``, no folder of the address's own.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .rewrite import Link

# Attachment and upload addresses: XenForo (attachments/NAME.N/, data/attachments/), Discourse and Invision
# (uploads/), vBulletin and MyBB (attachment.php), phpBB (download/file.php), Simple Machines (action=dlattach).
_ATTACHMENT = re.compile(
    r"/attachments?/|/uploads?/|/attachment\.php|/download/file\.php|[?&;]action=dlattach|/data/attachments/",
    re.IGNORECASE,
)
_MEDIA_SUFFIX = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|pdf|txt|svg)$", re.IGNORECASE)


def is_web(address: str) -> bool:
    """An http(s) address with a host."""
    parts = urlsplit(address)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def wanted(link: Link) -> bool:
    """Whether a link or picture is media to keep."""
    if not is_web(link.dest):
        return False
    if link.picture:
        return True
    parts = urlsplit(link.dest)
    return bool(_ATTACHMENT.search(parts.path + ("?" + parts.query if parts.query else ""))) or bool(
        _MEDIA_SUFFIX.search(parts.path)
    )


def _plain(name: str) -> str | None:
    """A file name safe to look for: one part, not hidden, no separators or NUL."""
    if not name or name in (".", "..") or name.startswith(".") or any(c in name for c in "/\\\x00"):
        return None
    return name


def local_copies(address: str, inputs: list[Path]) -> list[Path]:
    """Where a copy of ``address`` may be, beside each input file: first the saved page's folder."""
    parts = [unquote(p) for p in urlsplit(address).path.split("/") if p]
    if not parts:
        return []
    found: list[Path] = []
    for source in inputs:
        folder = source.parent
        files_at = next((i for i in range(len(parts) - 1, -1, -1) if parts[i].endswith("_files")), None)
        if files_at is not None:  # the page pointed into its own NAME_files/ folder
            tail = [_plain(p) for p in parts[files_at:]]
            if all(tail):
                found.append(folder.joinpath(*(p for p in tail if p)))
        name = _plain(parts[-1])
        if name:
            found.extend([folder / f"{source.stem}_files" / name, folder / name])
    return list(dict.fromkeys(found))


def read_local(candidates: list[Path], inputs: list[Path], cap: int) -> tuple[bytes, Path] | None:
    """The first candidate that is a regular file inside an input's folder (no link leading out), within ``cap``."""
    roots = [source.parent.resolve() for source in inputs]
    for path in candidates:
        try:
            real = path.resolve()
            if not path.is_file() or not any(real.is_relative_to(root) for root in roots):
                continue
            if real.stat().st_size > cap:
                continue
            return real.read_bytes(), path
        except OSError:
            continue
    return None
