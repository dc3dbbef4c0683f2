"""The allowlist that untrusted post HTML passes through (nh3, i.e. ammonia)."""

from __future__ import annotations

import re

import nh3

TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    ]
)
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}
SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noreferrer"  # on every link in a post that leaves the wiki (see _CLEANER)
_HEADING = re.compile(r"<(/?)h([1-6])>")
BODY_TOP_HEADING = 3  # the title is h1, each post's author h2, so a body's headings start at h3


def _inert_title(_element: str, attribute: str, value: str) -> str | None:
    """Drop a ``title`` that HTML would read as markup; keep every other attribute as it is.

    With ``content.tooltips``, Material and Zensical show a title by inserting it as
    HTML, so a link title ``<img src=x onerror=...>`` ran the author's script on hover.
    Without ``<`` and ``&`` a string holds neither a tag nor a character reference,
    so the theme's tooltip and the browser's own show it alike, exactly as written.
    The plugin's tooltips.js guards the theme's tooltips too; this holds without it.
    """
    if attribute == "title" and ("<" in value or "&" in value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_inert_title,
    url_schemes=set(SCHEMES),
    # "nofollow ugc": search engines give a member's link no weight of the wiki's. "noreferrer": the
    # linked site is not told which page the reader came from. No "noopener": it only acts on a link
    # that opens a new window, and no post link can (``target`` is not on the allowlist).
    link_rel=LINK_REL,
    strip_comments=True,
)


MAX_DEPTH = 64  # elements inside each other in one body; deeper is refused before nh3 sees it
_ELEMENT = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


def depth(html: str) -> int:
    """How deeply elements nest in ``html``, counted in one pass (a close tag without its open one counts 0).

    nh3's time grows with the square of the nesting depth, so a post of 5,000
    nested lists written as raw HTML would stall a build; this count is linear.
    """
    deepest = current = 0
    for match in _ELEMENT.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        current = max(current - 1, 0) if closing else current + 1
        deepest = max(deepest, current)
    return deepest


def clean(html: str) -> str:
    """Keep ordinary formatting and http(s)/mailto/relative links; drop everything else."""
    return str(_CLEANER.clean(html))


def demote_headings(html: str) -> str:
    """Move a body's headings so its highest one is an h3, keeping their steps (never past h6).

    A body that starts at "##" gets h3 too, so no heading level is skipped under the post's h2.
    """
    levels = [int(m.group(2)) for m in _HEADING.finditer(html) if not m.group(1)]
    if not levels:
        return html
    shift = BODY_TOP_HEADING - min(levels)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}>", html)
