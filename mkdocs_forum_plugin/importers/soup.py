"""Parsing HTML with BeautifulSoup, and typed helpers to read it."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

PARSER = "lxml"  # a dependency: several times faster than Python's own parser
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def make_soup(data: bytes | str) -> BeautifulSoup:
    """Parse an HTML fragment (a post body that the page's HTML5 parser has already cut out)."""
    return BeautifulSoup(data, PARSER)


def attr(el: Tag | None, name: str) -> str:
    """An attribute as one string ('' when missing); class lists are joined with spaces."""
    if el is None:
        return ""
    value = el.get(name)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return " ".join(str(v) for v in value)


def text(el: Tag | None) -> str:
    """The visible text of an element, whitespace collapsed."""
    if el is None:
        return ""
    return " ".join(el.get_text(" ").split())


def absolute(href: str, base: str | None) -> str:
    """A link made absolute against the page address when there is one."""
    href = href.strip()
    if href.startswith("//"):
        return ("https:" if not base else base.split(":", 1)[0] + ":") + href
    if base and not _SCHEME.match(href) and not href.startswith("#"):
        try:
            return urljoin(base, href)
        except ValueError:  # not an address at all (such as a bracketed host that is no IP address)
            return href
    return href
