"""Markdown text for thread files: plain text escaped, line-break markers made paragraphs, the result tidied.

The plugin's Markdown has no hard line breaks, so a single ``<br>`` of a post (the
marker ``BR`` while converting) starts a new paragraph, except between lines that are
list items.
"""

from __future__ import annotations

import re

BR = "\x02"
_STAR = re.compile(r"(?<=\S)\*|\*(?=\S)")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_HTMLISH = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_QUOTE_TAG = re.compile(r"\[(?=/?quote\b)", re.IGNORECASE)
_LINE_START = re.compile(r"^(\s*)([#>]|\+(?=\s)|[-=]+\s*$)")
_PREFIX = re.compile(r"^((?:[ ]*>[ ]?)*)([ ]*)((?:[-*+]|\d{1,9}[.)])[ ]+)?")
LISTISH = re.compile(r"^(?:[-*+\u2022]|\d{1,9}[.)])\s")
_BREAKS = re.compile(r"(?:[ \t]*\x02[ \t]*)+")
_CONTROL = re.compile(r"[\x00-\x01\x04-\x08\x0b-\x1f\x7f\u2028\u2029\ufeff]")


def escape_text(text: str) -> str:
    """Plain forum text as Markdown that shows the same: only meaningful characters are escaped."""
    if not text:
        return ""
    text = _STAR.sub(r"\\*", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = text.replace("`", "\\`")
    text = _ENTITY.sub("&amp;", text)
    text = _HTMLISH.sub("&lt;", text)
    text = _QUOTE_TAG.sub("&#91;", text)
    return _LINE_START.sub(lambda m: m.group(1) + ("&#61;" if m.group(2)[0] == "=" else "\\") + m.group(2), text)


def resolve_breaks(markdown: str) -> str:
    """Turn line-break markers into paragraph breaks, keeping quote and list prefixes."""
    if BR not in markdown:
        return markdown
    out: list[str] = []
    for line in markdown.split("\n"):
        if BR not in line:
            out.append(line)
            continue
        match = _PREFIX.match(line)
        assert match is not None
        lead = line[: match.end()]
        cont = match.group(1) + match.group(2) + " " * len(match.group(3) or "")
        done: list[str] = []
        previous_listish = False
        for raw in _BREAKS.split(line[match.end() :]):
            piece = raw.strip()
            if not piece:
                continue
            listish = bool(LISTISH.match(piece))
            if not done:
                done.append(lead + piece)
            else:
                if not (listish and previous_listish):
                    done.append(cont.rstrip())
                done.append(cont + piece)
            previous_listish = listish
        out.extend(done or [lead.rstrip()])
    return "\n".join(out)


def tidy_markdown(markdown: str) -> str:
    """No tabs, control characters or trailing spaces; at most one blank line in a row."""
    markdown = _CONTROL.sub("", markdown.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    lines = [line.rstrip() for line in markdown.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
