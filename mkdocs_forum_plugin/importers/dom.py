"""Reading saved pages as a browser does: lexbor's HTML5 tree builder (through selectolax) and CSS selectors.

An HTML5 tree builder closes a ``<div>`` left open in one post at the end of
that post's ``<article>``, where lxml's parser nested every later post inside
it. Per-post look-ups still skip any post nested inside another (``own``,
``class_index``), so that one post never takes another's edit date or likes.
Post bodies then go through BeautifulSoup and markdownify, all bodies of a page
in one small document.
"""

from __future__ import annotations

import codecs
import re

from bs4 import Tag
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .html_to_markdown import to_markdown
from .records import QuoteMark
from .safety import clean_html_bytes
from .soup import make_soup

Element = LexborNode
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_page(data: bytes) -> str:
    """A saved page's text: by its byte order mark, else its ``<meta charset>``, else UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    match = _CHARSET.search(data[:4096])
    encoding = "utf-8"
    if match:
        try:
            encoding = codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            encoding = "utf-8"
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        encoding = "cp1252"  # what browsers read for these labels
    return data.decode(encoding, "replace")


def parse_page(data: bytes) -> Element:
    """The page's root element (``<html>``), parsed as a browser would."""
    root = LexborHTMLParser(decode_page(clean_html_bytes(data))).root
    assert root is not None  # an HTML5 document always has an <html> element
    return root


def css(el: Element | None, selector: str) -> list[Element]:
    """Every element a CSS selector finds under ``el`` (not ``el`` itself), in document order."""
    if el is None:
        return []
    return [node for node in el.css(selector) if node.mem_id != el.mem_id]


def first(el: Element | None, selector: str) -> Element | None:
    """The first element a CSS selector finds under ``el`` (not ``el`` itself)."""
    if el is None:
        return None
    found = el.css_first(selector)
    if found is not None and found.mem_id == el.mem_id:  # lexbor's selectors match the element itself too
        rest = css(el, selector)
        return rest[0] if rest else None
    return found


def by_class(el: Element | None, name: str) -> Element | None:
    """The first descendant (in document order) with a class."""
    return first(el, f".{name}")


def all_by_class(el: Element | None, name: str) -> list[Element]:
    """Every descendant with a class."""
    return css(el, f".{name}")


def classes(el: Element | None) -> list[str]:
    """An element's class names."""
    return attr(el, "class").split()


def _inside_other(node: Element, owner: Element, others: set[int]) -> bool:
    """Whether ``node`` is (in) one of ``others`` below ``owner``."""
    current: Element | None = node
    while current is not None and current.mem_id != owner.mem_id:
        if current.mem_id in others:
            return True
        current = current.parent
    return False


def own(el: Element, selector: str, posts: str) -> list[Element]:
    """What ``selector`` finds under the post ``el``, leaving out anything inside a post nested in it."""
    found = css(el, selector)
    nested = {n.mem_id for n in css(el, posts)}
    return [n for n in found if not _inside_other(n, el, nested)] if nested else found


def class_index(el: Element, posts: str) -> dict[str, Element]:
    """The first own descendant with each class (see ``own``), found in one pass, for many look-ups in one post."""
    index: dict[str, Element] = {}
    for node in own(el, "[class]", posts):
        for name in str(node.attrs.get("class") or "").split():
            index.setdefault(name, node)
    return index


def text(el: Element | None) -> str:
    """Visible text, whitespace collapsed."""
    return "" if el is None else " ".join(el.text(deep=True, separator="", strip=False).split())


def attr(el: Element | None, name: str) -> str:
    """An attribute ('' when missing)."""
    if el is None:
        return ""
    value = el.attrs.get(name)
    return str(value) if value is not None else ""


def page_address(doc: Element) -> str | None:
    """The canonical link, else og:url."""
    for value in (attr(first(doc, "link[rel=canonical]"), "href"), og_url(doc)):
        if value.strip().startswith(("http://", "https://")):
            return value.strip()
    return None


def og_url(doc: Element) -> str:
    """The og:url of a page ('' when none)."""
    return attr(first(doc, "meta[property='og:url']"), "content")


def link_base(doc: Element) -> str | None:
    """Where relative links start: the <base href>, else the page's own address."""
    base = attr(first(doc, "base[href]"), "href").strip()
    return base if base.startswith(("http://", "https://")) else page_address(doc)


def inner_html(el: Element | None) -> str:
    """The HTML inside an element (its text and children, not the element itself)."""
    return "" if el is None else str(el.inner_html or "")


def own_html(body: Element | None, posts: str) -> str:
    """The HTML inside a post's body, without any post nested in it (that post is read on its own)."""
    if body is None or not css(body, posts):
        return inner_html(body)
    copy = body.clone()
    for nested in css(copy, posts):
        nested.decompose()
    return inner_html(copy)


def bodies_to_markdown(
    bodies: list[Element | None], base: str | None, posts: str = ""
) -> list[tuple[str, list[QuoteMark]]]:
    """Markdown of each body element (without posts nested in it), converted together in one BeautifulSoup document."""
    html = "".join(f"<div>{own_html(body, posts) if posts else inner_html(body)}</div>" for body in bodies)
    soup = make_soup(f"<html><body>{html}</body></html>")
    holders = list(soup.body.find_all("div", recursive=False)) if soup.body else []
    converted = [to_markdown(el, soup, base) for el in holders if isinstance(el, Tag)]
    if len(converted) != len(bodies):  # cannot happen with serialised HTML; never pair a body with the wrong post
        converted = [_one(body, base) for body in bodies]
    return converted


def _one(body: Element | None, base: str | None) -> tuple[str, list[QuoteMark]]:
    soup = make_soup(f"<html><body><div>{inner_html(body)}</div></body></html>")
    holder = soup.body.find("div") if soup.body else None
    return to_markdown(holder, soup, base) if isinstance(holder, Tag) else ("", [])
