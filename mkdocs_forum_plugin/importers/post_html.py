"""Post HTML (XenForo, Discourse) made ready to convert, in one pass over its elements.

Buttons, scripts and other page furniture go; smilies become their text and mentions
plain names; links and pictures get absolute addresses against the page; Discourse
link previews become a link (and a code block); every forum quote becomes a
placeholder that the converter turns into a quote marker.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from .records import QuoteMark
from .soup import absolute, attr, text

_JUNK_TAGS = frozenset(["script", "style", "noscript", "button"])
_JUNK_CLASSES = frozenset(
    [
        "messageTextEndMarker",
        "js-selectToQuoteEnd",
        "quoteExpand",
        "bbCodeBlock-expandLink",
        "bbCodeSpoiler-button",
        "bbCodeSpoilerButton",
        "quote-controls",
    ]
)
# Classes that are junk only inside a parent with one of these classes.
_JUNK_INSIDE = {"meta": "lightbox", "type": "bbCodeCode", "bbCodeBlock-title": "bbCodeBlock--code"}
_QUOTE_CLASSES = {"div": "bbCodeQuote", "blockquote": "bbCodeBlock--quote", "aside": "quote"}
_SMILIE_CLASSES = frozenset(["smilie", "mceSmilie", "mceSmilieSprite", "emoji"])
_MENTION_CLASSES = frozenset(["username", "mention", "mention-group"])
_POST_ID = re.compile(r"(?:[?&]id=|post[-:]\s*|posts/)(\d+)")


def _quote_parts(el: Tag) -> tuple[QuoteMark, Tag]:
    """Who a quote names, which post it points at, and the element holding the quoted text."""
    classes = attr(el, "class")
    if el.name == "aside":  # Discourse
        author = attr(el, "data-username") or text(el.find("div", class_="title")).rstrip(":") or None
        number = attr(el, "data-post")
        mark = QuoteMark(author, post_number=int(number) if number.isdigit() else None)
        mark.thread_id = attr(el, "data-topic") or None
        inner = el.find("blockquote", recursive=False)
    elif "bbCodeBlock--quote" in classes:  # XenForo 2
        source = _POST_ID.search(attr(el, "data-source"))
        mark = QuoteMark(attr(el, "data-quote") or None, post_id=source.group(1) if source else None)
        inner = el.select_one(".bbCodeBlock-expandContent") or el.select_one(".bbCodeBlock-content")
    else:  # XenForo 1
        link = el.select_one(".attribution a[href]")
        source = _POST_ID.search(attr(link, "href")) if isinstance(link, Tag) else None
        mark = QuoteMark(attr(el, "data-author") or None, post_id=source.group(1) if source else None)
        inner = el.select_one(".quote") or el.select_one("blockquote")
    return mark, inner if isinstance(inner, Tag) else el


def _classes(el: Tag) -> list[str]:
    value = el.get("class")
    return value if isinstance(value, list) else ([value] if isinstance(value, str) else [])


def _junk(el: Tag, classes: list[str]) -> bool:
    if el.name in _JUNK_TAGS or _JUNK_CLASSES.intersection(classes):
        return True
    for name, parent_class in _JUNK_INSIDE.items():
        if name in classes and isinstance(el.parent, Tag) and parent_class in _classes(el.parent):
            return True
    return False


def clean_body(root: Tag, base: str | None) -> list[Tag]:
    """Clean a body in one pass over its elements; return its quote elements, outer ones first."""
    junk: list[Tag] = []
    quotes: list[Tag] = []
    for el in list(root.descendants):
        if not isinstance(el, Tag):
            continue
        classes = _classes(el)
        name = el.name
        if _junk(el, classes):
            junk.append(el)
        elif _QUOTE_CLASSES.get(name, "\x00") in classes:
            quotes.append(el)
        elif name == "img" and _SMILIE_CLASSES.intersection(classes):
            el.replace_with(NavigableString(attr(el, "alt") or attr(el, "title")))
        elif name == "img":
            el["src"] = absolute(attr(el, "data-src") or attr(el, "src"), base)
        elif name == "a" and _MENTION_CLASSES.intersection(classes):
            el.replace_with(NavigableString(text(el)))
        elif name == "a" and el.has_attr("href"):
            el["href"] = absolute(attr(el, "href"), base)
        elif name == "aside" and "onebox" in classes:
            _onebox(el, base)
    for el in junk:
        el.decompose()
    return [el for el in quotes if not el.decomposed]  # a quote inside junk went with it


def _onebox(el: Tag, base: str | None) -> None:
    """A Discourse link preview: a link with the page's title, and a code excerpt as a code block."""
    heading = el.select_one("article h3 a[href], article h4 a[href], h3 a[href], h4 a[href]")
    link = attr(el, "data-onebox-src") or attr(heading, "href") or attr(el.select_one("header a[href]"), "href")
    link = absolute(link, base) if link else ""
    title = text(heading) or text(el.select_one("header a[href]")) or link
    holder = Tag(name="div")
    if link:
        paragraph = Tag(name="p")
        anchor = Tag(name="a", attrs={"href": link})
        anchor.append(NavigableString(title))
        paragraph.append(anchor)
        holder.append(paragraph)
    code = el.select_one("pre code") or el.select_one("pre")
    if isinstance(code, Tag):
        lines = code.select("ol.lines > li, ol > li")
        source = "\n".join(li.get_text().rstrip("\n") for li in lines) if lines else code.get_text().strip("\n")
        pre = Tag(name="pre")
        block = Tag(name="code", attrs={"class": attr(code, "class")} if attr(code, "class") else {})
        block.append(NavigableString(source))
        pre.append(block)
        holder.append(pre)
    el.replace_with(holder)


def mark_quotes(found: list[Tag], soup: BeautifulSoup) -> list[QuoteMark]:
    """Each quote element replaced by a ``data-forum-quote`` placeholder holding its text; who each quotes."""
    quotes: list[QuoteMark] = []
    for el in found:
        mark, inner = _quote_parts(el)
        holder = soup.new_tag("div")
        holder["data-forum-quote"] = str(len(quotes))
        for child in list(inner.contents if inner is not el else el.contents):
            holder.append(child.extract())
        el.replace_with(holder)
        quotes.append(mark)
    return quotes
