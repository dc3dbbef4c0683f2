"""Reading saved pages as a browser does: lexbor's HTML5 tree builder (through selectolax) and CSS selectors.

An HTML5 tree builder closes a ``<div>`` left open in one post at the end of
that post's ``<article>``, where lxml's parser nested every later post inside
it. Per-post look-ups still skip any post nested inside another
(``PostTree.own``, ``PostTree.class_index``), so that one post never takes
another's edit date or likes; which post each element belongs to is found once
per element, so the look-ups take linear time however deep posts nest.

A page is measured before lexbor builds its tree (``nesting.measure``): one too
deep or with too many tags is refused with a message that names the limit.
Post bodies then go through BeautifulSoup and markdownify, several bodies of a
page in one small document, each cut and checked first (``bodies.prepare``).
"""

from __future__ import annotations

import codecs
import html as html_module
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .bodies import Converted, convert_bodies
from .nesting import MAX_DEPTH, MAX_TAGS, line_of, measure
from .records import InputError
from .safety import clean_html_bytes

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
    """The page's root element (``<html>``), parsed as a browser would; InputError when it passes a limit."""
    page = decode_page(clean_html_bytes(data))
    found = measure(page)
    if found.over == "depth":
        raise InputError(
            f"line {line_of(page, found.offset)}: elements are nested more than {MAX_DEPTH} deep, the importer's"
            " limit (a saved forum page nests fewer than 100); the page was not read"
        )
    if found.over == "tags":
        raise InputError(
            f"line {line_of(page, found.offset)}: the page has more than {MAX_TAGS:,} tags, the importer's limit"
            " (a saved thread page has a few thousand); the page was not read"
        )
    root = LexborHTMLParser(page).root
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


def within(node: Element, ancestor: Element) -> bool:
    """Whether ``node`` is ``ancestor`` or inside it."""
    current: Element | None = node
    while current is not None:
        if current.mem_id == ancestor.mem_id:
            return True
        current = current.parent
    return False


def classes(el: Element | None) -> list[str]:
    """An element's class names."""
    return attr(el, "class").split()


class PostTree:
    """The posts of one page, and which post each element belongs to, each found once.

    An element belongs to the innermost post around it (a post to itself), so
    a post nested in another, and all inside it, is left out of the outer
    post's look-ups. Every look-up costs time in proportion to what it finds,
    not to how deep the posts are nested.
    """

    def __init__(self, doc: Element, posts: str) -> None:
        """Find the posts (elements matching the selector ``posts``) of the page ``doc``."""
        self.doc = doc
        self.selector = posts
        self.posts = css(doc, posts)
        self.post_ids = {post.mem_id for post in self.posts}
        self._owner: dict[int, int] = {}  # element -> its post's mem_id (0: none); lexbor's mem_id is the node
        self._holders: set[int] | None = None  # every element with a post inside it
        self._by_post: dict[str, dict[int, list[Element]]] = {}

    def owner(self, node: Element) -> int:
        """The mem_id of the post ``node`` belongs to (0 when none), remembered for every element on the way up."""
        path: list[int] = []
        current: Element | None = node
        found = 0
        while current is not None:
            ident = current.mem_id
            known = self._owner.get(ident)
            if known is not None:
                found = known
                break
            path.append(ident)
            if ident in self.post_ids:
                found = ident
                break
            current = current.parent
        for ident in path:
            self._owner[ident] = found
        return found

    def own(self, el: Element, selector: str) -> list[Element]:
        """What ``selector`` finds under ``el`` (in document order), leaving out anything inside a post nested in it."""
        if el.mem_id in self.post_ids:
            groups = self._by_post.get(selector)
            if groups is None:  # one search of the whole page per selector, shared by every post
                groups = {}
                for node in css(self.doc, selector):
                    groups.setdefault(self.owner(node), []).append(node)
                self._by_post[selector] = groups
            return [node for node in groups.get(el.mem_id, []) if node.mem_id != el.mem_id]
        mine = self.owner(el)
        return [node for node in css(el, selector) if self.owner(node) == mine]

    def holds_post(self, el: Element) -> bool:
        """Whether a post is nested somewhere inside ``el``."""
        if self._holders is None:
            holders: set[int] = set()
            for post in self.posts:  # up from each post, stopping where another post's climb has been
                current = post.parent
                while current is not None and current.mem_id not in holders:
                    holders.add(current.mem_id)
                    current = current.parent
            self._holders = holders
        return el.mem_id in self._holders

    def class_index(self, el: Element) -> dict[str, Element]:
        """The first own descendant with each class (see ``own``), for many look-ups in one post."""
        index: dict[str, Element] = {}
        for node in self.own(el, "[class]"):
            for name in str(node.attrs.get("class") or "").split():
                index.setdefault(name, node)
        return index

    def inside(self, nodes: list[Element], marks: list[Element], stop: Element) -> list[bool]:
        """For each node, whether it is (in) one of ``marks`` below ``stop``; each element is looked at once."""
        marked = {mark.mem_id for mark in marks}
        seen: dict[int, bool] = {stop.mem_id: False}
        answers = []
        for node in nodes:
            path: list[int] = []
            current: Element | None = node
            answer = False
            while current is not None:
                ident = current.mem_id
                if ident in seen:
                    answer = seen[ident]
                    break
                path.append(ident)
                if ident in marked:
                    answer = True
                    break
                current = current.parent
            for ident in path:
                seen[ident] = answer
            answers.append(answer)
        return answers


def own(el: Element, selector: str, posts: str) -> list[Element]:
    """What ``selector`` finds under the post ``el``, leaving out anything inside a post nested in it.

    For a parser's few look-ups per post; a parser that looks up much in every post
    makes one :class:`PostTree` for the page instead.
    """
    return PostTree(el, posts).own(el, selector)


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


def own_html(body: Element | None, tree: PostTree | None) -> str:
    """The HTML inside a post's body, without any post nested in it (that post is read on its own)."""
    if body is None or tree is None or not tree.holds_post(body):
        return inner_html(body)
    return "".join(_own_parts(body, tree))


def _own_parts(el: Element, tree: PostTree) -> list[str]:
    """The HTML of ``el``'s children, leaving out posts: only elements around a nested post are rebuilt, tag by tag.

    Copying the body and removing its nested posts, as before, copied each
    post's whole subtree again for every post around it.
    """
    parts: list[str] = []
    pending = [(child, False) for child in reversed(list(el.iter(include_text=True)))]
    while pending:  # a list, not recursion: elements around nested posts may be many levels deep
        node, closing = pending.pop()
        if closing:
            parts.append(f"</{node.tag}>")
        elif node.mem_id in tree.post_ids:
            continue
        elif tree.holds_post(node):
            attrs = "".join(f' {name}="{html_module.escape(value or "")}"' for name, value in node.attributes.items())
            parts.append(f"<{node.tag}{attrs}>")
            pending.append((node, True))
            pending.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
        else:
            parts.append(str(node.html or ""))
    return parts


def bodies_to_markdown(bodies: list[Element | None], base: str | None, tree: PostTree | None = None) -> list[Converted]:
    """Markdown of each body element (without posts nested in it), cut and converted by ``bodies.convert_bodies``."""
    return convert_bodies([own_html(body, tree) for body in bodies], base)
