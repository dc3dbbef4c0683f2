"""A rendered page packed into Markdown that no Markdown extension can read or change.

The HTML of a thread or member page (post bodies included) is compressed and
base64-encoded between two marker lines. Base64 has no character that a Markdown
preprocessor reacts to, so a file-reading extension (``pymdownx.snippets``) or a
text-changing one (``pymdownx.critic``) never sees a member's words; the
``forum_pages`` extension (``extension.py``) puts the HTML back, whole, as raw HTML.
"""

from __future__ import annotations

import base64
import zlib

START = "<!--forum-page"
END = "forum-page-->"
LINE = 76  # characters of base64 per line, so that editors and diffs stay usable
# A page larger than this is refused, so a hand-made block cannot unpack into gigabytes. The
# largest real pages (a thread at the loader's caps, a member page of a very active member)
# are a small fraction of it.
MAX_HTML_BYTES = 256 * 1024 * 1024
# Shown only when the extension is missing: Zensical would otherwise show an empty page.
MISSING = (
    "**This page is empty because the `forum_pages` Markdown extension is not enabled.** "
    "Add `- forum_pages` under `markdown_extensions` in mkdocs.yml."
)


def pack(html: str) -> str:
    """The Markdown body of a page that shows ``html``."""
    data = base64.b64encode(zlib.compress(html.encode("utf-8"), 6)).decode("ascii")
    lines = [data[i : i + LINE] for i in range(0, len(data), LINE)]
    return "\n".join([MISSING, "", START, *lines, END, ""])


def unpack(lines: list[str]) -> str | None:
    """The HTML packed in a page's lines, or None when they hold no (intact) packed page."""
    try:
        start = lines.index(START)
        end = lines.index(END, start)
    except ValueError:
        return None
    try:
        unpacker = zlib.decompressobj()
        data = unpacker.decompress(base64.b64decode("".join(lines[start + 1 : end]), validate=True), MAX_HTML_BYTES)
        if unpacker.unconsumed_tail or not unpacker.eof:
            return None  # larger than the cap, or cut short
        return data.decode("utf-8")
    except (ValueError, zlib.error):  # binascii.Error, non-ASCII text and UnicodeDecodeError are ValueErrors
        return None
