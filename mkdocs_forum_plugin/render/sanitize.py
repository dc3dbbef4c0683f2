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
_HEADING = re.compile(r"<(/?)h([1-6])>")
HEADING_SHIFT = 2  # a body "# Heading" becomes <h3>: the title is h1, posts are h2


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(SCHEMES),
    link_rel="nofollow ugc noopener noreferrer",
    strip_comments=True,
)


def clean(html: str) -> str:
    """Keep ordinary formatting and http(s)/mailto/relative links; drop everything else."""
    safe = _CLEANER.clean(html)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + HEADING_SHIFT, 6)}>", safe)
