"""Body Markdown to (unsanitized) HTML: pulldown-cmark through pyromark, bounded nesting, bare addresses linked.

Why pyromark: robustness first, then speed (the comparison is in the performance
docs). pulldown-cmark is fuzzed continuously upstream (OSS-Fuzz), and none of
60,000 generated bodies made it fail; it renders them about 8 times faster than
the markdown-it crate we used before, which panicked on one body in six of that
corpus. It is linear on every hostile body we tried, but it does not limit how
deeply blocks nest: 40,000 ">" make 40,000 nested quotes, and the sanitizer's
cost grows with the square of that depth. So each line's run of container
markers (">", list bullets and numbers) is cut at ``MAX_NESTING``: the rest of
the line is text.

pulldown-cmark does not link bare addresses (``https://…``, ``www.…``, mail
addresses), as GitHub does. linkify-it-py finds them in the text outside links
and code; the nh3 allowlist then judges those links like any other.
"""

from __future__ import annotations

import html
import re

import pyromark
from linkify_it import LinkifyIt  # type: ignore[import-untyped]

MAX_NESTING = 16  # quotes and lists inside each other, per line
_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH

# One container marker at a line's start: up to three spaces, then ">" or a list marker.
_MARKER = re.compile(r"[ \t]{0,3}(?:(>)|([-+*])(?=[ \t])|\d{1,9}([.)])(?=[ \t]))[ \t]?")


def bound_nesting(text: str) -> str:
    """Escape the container markers of each line past the first ``MAX_NESTING``, so they show as text."""
    if ">" not in text and not re.search(r"[-+*.)][ \t]", text):
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        position, count = 0, 0
        while (marker := _MARKER.match(line, position)) is not None and marker.end() > position:
            count += 1
            if count > MAX_NESTING:
                group = next(g for g in (1, 2, 3) if marker.group(g) is not None)
                cut = marker.start(group)
                lines[number] = line[:cut] + "\\" + line[cut:]
                break
            position = marker.end()
    return "\n".join(lines)


_LINKIFY = LinkifyIt()
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<[^<>]*>")
_NO_LINKS_INSIDE = frozenset({"a", "code", "pre"})


# Every link _link_text keeps has a schema ("http://", "//", "mailto:" or a bare mail
# address) or starts with "www.": text with none of these needs no call to linkify-it,
# which costs far more than this search.
_MAY_LINK = re.compile(r"//|@|www\.", re.IGNORECASE)


def _link_text(escaped: str) -> str:
    """HTML text with its bare web and mail addresses made into links."""
    text = html.unescape(escaped)
    if _MAY_LINK.search(text) is None:
        # The same result as below without the search: linkify finds nothing, or only
        # bare domains, which are skipped and leave the text escaped again.
        plain = html.escape(text, quote=False)
        return escaped if plain == escaped or not _LINKIFY.test(text) else plain
    if not _LINKIFY.test(text):
        return escaped
    out: list[str] = []
    last = 0
    for match in _LINKIFY.match(text) or []:
        # A bare domain ("example.org", "notes.md") is too often no address at all.
        if not match.schema and not match.raw.lower().startswith("www."):
            continue
        out.append(html.escape(text[last : match.index], quote=False))
        url = html.escape(match.url, quote=True)
        out.append(f'<a href="{url}">{html.escape(match.text, quote=False)}</a>')
        last = match.last_index
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def link_addresses(fragment: str) -> str:
    """Link the bare addresses in the text of an HTML fragment, outside links and code."""
    if "." not in fragment and "@" not in fragment:
        return fragment
    out: list[str] = []
    inside = 0  # depth of elements whose text must not get links
    last = 0
    for tag in _TAG.finditer(fragment):
        text = fragment[last : tag.start()]
        out.append(_link_text(text) if text and not inside else text)
        out.append(tag.group(0))
        name = (tag.group(2) or "").lower()
        if name in _NO_LINKS_INSIDE:
            inside = max(inside + (-1 if tag.group(1) else 1), 0)
        last = tag.end()
    rest = fragment[last:]
    out.append(_link_text(rest) if rest and not inside else rest)
    return "".join(out)


def markdown_html(text: str) -> str:
    """Unsanitized HTML of body Markdown (CommonMark, tables, ~~strikethrough~~, raw HTML for nh3 to judge)."""
    return link_addresses(pyromark.html(bound_nesting(text), options=_OPTIONS))
