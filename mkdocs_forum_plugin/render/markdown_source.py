"""Markdown written from member data (names, titles, file names) that shows it as written.

Section pages, the forums overview and the members index are Markdown, rendered
by the site's own Markdown with whatever extensions it has (tilde, tables, smarty,
smart symbols, emoji, magic links, critic, snippets, a third party's). A backslash
escape works only for the characters that this particular set of extensions
unescapes, so the backslash before a ``<`` or a ``~`` stayed on the page. Here every ASCII
punctuation character is written as a character reference instead: Python-Markdown
hands a reference through whole, so no extension's pattern sees the character, and
the browser shows it as written. Letters, digits, spaces and other non-ASCII text
stay as they are, which no extension reads as markup (a run of spaces keeps its first).

Link destinations are percent-encoded, so that MkDocs and Zensical (both decode
them before looking up the page) find a page whose file name holds ``)``, ``#``,
``?``, ``%`` or a space.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from urllib.parse import quote

# ASCII punctuation, ASCII control characters and line breaks (a newline would end the list
# item; Python-Markdown uses STX and ETX as its own placeholders), and each space after a
# space: two spaces before a line's end make a line break, four at its start a code block.
_MARKUP = re.compile(r"[!-/:-@\[-`{-~\x00-\x1f\u2028\u2029]|(?<= ) ")
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# What YAML reads other than as written inside a double-quoted string: characters it
# refuses (a refused character loses the whole front matter, which then shows as page
# text) and line breaks, which it folds into spaces.
_YAML_UNSAFE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]")


def _reference(match: re.Match[str]) -> str:
    char = match[0]
    # Hexadecimal, so that no extension reads "#123" in "&#123;" as an issue number.
    return _NAMED.get(char) or f"&#x{ord(char):02X};"


def md_text(text: str) -> str:
    """``text`` as Markdown that any set of Python-Markdown extensions shows literally."""
    return _MARKUP.sub(_reference, text)


def md_link(target_src: str, here: str) -> str:
    """A Markdown link destination from the folder ``here`` to the page ``target_src`` (src_uris)."""
    return quote(posixpath.relpath(target_src, here), safe="/")


def _html_safe(value: object) -> object:
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [_html_safe(v) for v in value]
    if isinstance(value, dict):
        return {key: _html_safe(v) for key, v in value.items()}
    return value


def _yaml_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"  # all of them are in the BMP, so no surrogate pairs


def front_matter(values: dict[str, object]) -> str:
    """YAML front matter for a generated page (JSON is valid YAML and needs no escaping rules).

    MkDocs and Material print ``title``, ``description`` and ``tags`` into pages and
    the navigation without escaping them, so the values are HTML-escaped here.
    """
    safe = {key: _html_safe(value) for key, value in values.items()}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}" for key, value in safe.items()]
    return "---\n" + _YAML_UNSAFE.sub(_yaml_escape, "\n".join(lines)) + "\n---\n\n"
