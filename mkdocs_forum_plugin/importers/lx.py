"""Reading saved pages with lxml: the page structure is found with XPath (fast, in C).

Only post bodies go through BeautifulSoup and markdownify, all bodies of a page
in one small document, which keeps a 1,000-page import well under a minute.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

from bs4 import Tag

try:
    import lxml.html  # type: ignore[import-untyped,unused-ignore]
    from lxml import etree  # type: ignore[import-untyped,unused-ignore]
except ImportError as exc:  # pragma: no cover - lxml comes with the test extra
    raise ImportError("importing saved XenForo pages needs lxml: pip install lxml") from exc

from .html_to_markdown import to_markdown
from .records import QuoteMark
from .safety import clean_html_bytes
from .soup import make_soup

Element = Any  # lxml.html.HtmlElement; lxml ships no type information


def parse_page(data: bytes) -> Element:
    """The page's root element."""
    return lxml.html.document_fromstring(clean_html_bytes(data))


def has_class(name: str) -> str:
    """An XPath test for one class among an element's classes."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@lru_cache(maxsize=256)
def _compiled(xpath: str) -> Any:
    return etree.XPath(xpath)


def find(el: Element | None, xpath: str) -> list[Element]:
    """Every element an XPath finds under ``el`` (XPath compiled once)."""
    return [] if el is None else list(_compiled(xpath)(el))


def first(el: Element | None, xpath: str) -> Element | None:
    """The first element an XPath finds under ``el``."""
    found = find(el, xpath)
    return found[0] if found else None


def by_class(el: Element | None, name: str, tag: str = "*") -> Element | None:
    """The first descendant (in document order) with a class."""
    return first(el, f".//{tag}[{has_class(name)}]")


def class_index(el: Element) -> dict[str, Element]:
    """The first descendant with each class, found in one pass (for many look-ups in one post)."""
    index: dict[str, Element] = {}
    for child in el.iter():
        classes = child.get("class") if isinstance(child.tag, str) else None
        for name in classes.split() if classes else ():
            index.setdefault(name, child)
    return index


def all_by_class(el: Element | None, name: str, tag: str = "*") -> list[Element]:
    """Every descendant with a class."""
    return find(el, f".//{tag}[{has_class(name)}]")


def text(el: Element | None) -> str:
    """Visible text, whitespace collapsed."""
    return "" if el is None else " ".join(el.text_content().split())


def attr(el: Element | None, name: str) -> str:
    """An attribute ('' when missing)."""
    return "" if el is None else str(el.get(name) or "")


def page_address(doc: Element) -> str | None:
    """The canonical link, else og:url."""
    for value in (attr(first(doc, "//link[@rel='canonical']"), "href"), og_url(doc)):
        if value.strip().startswith(("http://", "https://")):
            return value.strip()
    return None


def og_url(doc: Element) -> str:
    """The og:url of a page ('' when none)."""
    return attr(first(doc, "//meta[@property='og:url']"), "content")


def link_base(doc: Element) -> str | None:
    """Where relative links start: the <base href>, else the page's own address."""
    base = attr(first(doc, "//base[@href]"), "href").strip()
    return base if base.startswith(("http://", "https://")) else page_address(doc)


def inner_html(el: Element | None) -> str:
    """The HTML inside an element (its text and children, not the element itself)."""
    if el is None:
        return ""
    children = "".join(lxml.html.tostring(child, encoding="unicode") for child in el)
    return escape(el.text or "", quote=False) + children


def bodies_to_markdown(bodies: list[Element | None], base: str | None) -> list[tuple[str, list[QuoteMark]]]:
    """Markdown of each body element, converted together in one BeautifulSoup document."""
    html = "".join(f"<div>{inner_html(body)}</div>" for body in bodies)
    soup = make_soup(f"<html><body>{html}</body></html>")
    holders = list(soup.body.find_all("div", recursive=False)) if soup.body else []
    return [to_markdown(el, soup, base) for el in holders if isinstance(el, Tag)]
