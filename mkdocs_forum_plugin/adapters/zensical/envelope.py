"""A rendered page packed into Markdown that no Markdown extension can read or change.

The HTML of a thread or member page (post bodies included) is compressed and
base64-encoded between two marker lines. Base64 has no character that a Markdown
preprocessor reacts to, so a file-reading extension (``pymdownx.snippets``) or a
text-changing one (``pymdownx.critic``) never sees a member's words; the
``forum_pages`` extension (``extension.py``) puts the HTML back, whole, as raw HTML.
"""

from __future__ import annotations

import base64
import binascii
import zlib

START = "<!--forum-page"
END = "forum-page-->"
LINE = 76  # characters of base64 per line, so that editors and diffs stay usable
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
        return zlib.decompress(base64.b64decode("".join(lines[start + 1 : end]), validate=True)).decode("utf-8")
    except (binascii.Error, zlib.error, UnicodeDecodeError):
        return None
