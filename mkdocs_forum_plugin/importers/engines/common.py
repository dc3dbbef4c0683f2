"""What the engine readers share: quotes in the converter's form, bodies, addresses, pages and page records.

Each engine marks up quotes, code blocks and smilies its own way. Before a
body is converted, its quotes are rewritten into the one quote form the
shared converter reads (XenForo 2's ``blockquote.bbCodeBlock--quote`` with
``data-quote`` and ``data-source="post: ID"``), so that quote resolution,
nesting and the ``[quote="NAME, post:N"]`` tags work the same for every engine
(and for forum-dl's output of these engines). Dates are in ``dates``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueList, NavigableString, PageElement

from ..bodies import Converted, Rewrite, convert_bodies
from ..dom import Element, PostTree, own_html
from ..numbers import page_number
from ..records import SourcePage, SourcePost
from ..soup import attr as soup_attr

Prepare = Rewrite
_PAGE_OF = re.compile(r"\bPage\s+(\d+)\s+of\s+(\d+)\b", re.IGNORECASE)


def quote_block(soup: BeautifulSoup, author: str | None, post_id: str | None) -> tuple[Tag, Tag]:
    """A quote in the form the shared converter reads, and the element its quoted text goes into."""
    # The converter reads class lists as parsed HTML gives them, so the classes are given as a list.
    block = soup.new_tag("blockquote")
    block["class"] = AttributeValueList(["bbCodeBlock", "bbCodeBlock--quote"])
    if author:
        block["data-quote"] = author
    if post_id:
        block["data-source"] = f"post: {post_id}"
    content = soup.new_tag("div")
    content["class"] = AttributeValueList(["bbCodeBlock-content"])
    block.append(content)
    return block, content


def replace_quote(soup: BeautifulSoup, old: Tag, source: Tag, author: str | None, post_id: str | None) -> None:
    """Put a shared-form quote in place of ``old``, holding the children of ``source`` (the quoted text)."""
    xenforo_quote(soup, old, author, post_id, list(source.contents))


def xenforo_quote(
    soup: BeautifulSoup, old: Tag, author: str | None, post_id: str | None, content: Sequence[PageElement | str]
) -> None:
    """Replace ``old`` with a shared-form quote holding ``content`` (moved, not copied).

    An ``old`` no longer in the page (removed with an outer element by broken markup) is left alone.
    """
    if old.decomposed or old.parent is None:
        return
    block, inner = quote_block(soup, author, post_id)
    for piece in content:
        inner.append(NavigableString(piece) if isinstance(piece, str) else piece.extract())
    old.replace_with(block)


def smilie_to_text(img: Tag, code: str) -> None:
    """A smilie picture as the text code members typed (``:)``), so that it reads the same in the wiki."""
    img.replace_with(NavigableString(code))


def code_to_pre(el: Tag, soup: BeautifulSoup) -> None:
    """A code block that the engine writes as ``<code>`` with ``<br>`` lines, as a ``<pre>`` block."""
    for br in el.find_all("br"):
        after = br.next_sibling
        # MyBB and SMF write "<br />" and a line break: one line break, not two.
        newline = isinstance(after, NavigableString) and str(after).startswith(("\n", "\r\n"))
        br.replace_with(NavigableString("" if newline else "\n"))
    pre = soup.new_tag("pre")
    code = soup.new_tag("code")
    code.append(NavigableString(el.get_text()))
    pre.append(code)
    el.replace_with(pre)


def rewrite_styles(root: Tag) -> None:
    """Bold and italic written as styled spans (phpBB 3.0 and 2, MyBB), as the elements the converter reads."""
    for span in root.find_all("span", style=True):
        style = soup_attr(span, "style").replace(" ", "").lower()
        if "font-weight:bold" in style:
            span.name = "strong"
        elif "font-style:italic" in style:
            span.name = "em"


def text_before_break(el: Element | None) -> str:
    """The text before an element's first line break (where phpBB 2 and MyBB print a member's title)."""
    if el is None:
        return ""
    markup = el.html or ""
    parts = re.split(r"<br\s*/?>", markup, maxsplit=1, flags=re.IGNORECASE)
    if len(parts) < 2:
        return ""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", parts[0])).split())


def attachment_html(files: list[tuple[str, str]]) -> str:
    """The post's attachments (name, address) as a list of links after its text."""
    if not files:
        return ""
    items = "".join(f'<li><a href="{html.escape(href)}">{html.escape(name)}</a></li>' for name, href in files)
    return f"<p>Attachments:</p><ul>{items}</ul>"


def bodies_markdown(
    bodies: list[Element | None],
    base: str | None,
    posts: str,
    prepare: Prepare,
    tails: list[str] | None = None,
) -> list[Converted]:
    """Markdown of each body, after ``prepare`` has rewritten the engine's own markup; ``tails`` go after each body.

    Every body goes through ``bodies.convert_bodies``, as every other importer's do: cut to the importer's
    limit before anything parses it, and read as plain text when nested too deep.
    """
    extra = tails if tails is not None and len(tails) == len(bodies) else [""] * len(bodies)
    markup = [
        own_html(body, PostTree(body, posts) if body is not None else None) + tail
        for body, tail in zip(bodies, extra, strict=True)
    ]
    return convert_bodies(markup, base, prepare)


def theme_notes(posts: list[SourcePost], bodies: list[Element | None]) -> list[str]:
    """What the page's theme or style hid from the reader, said in the report rather than left out silently."""
    notes: list[str] = []
    missing = [str(n) for n, body in enumerate(bodies, 1) if body is None]
    if missing:
        notes.append(f"no post text found in post(s) {', '.join(missing)} of this page; left out")
    if posts and all(p.date is None for p in posts):
        notes.append("no post dates could be read on this page")
    return notes


def web_address(candidate: str) -> tuple[str, str, str] | None:
    """(scheme, host, path) of an http(s) address; None for anything else, a malformed host or port included."""
    try:
        parts = urlsplit(candidate.strip())
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:  # a bracketed host that is no IP address, and the like
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.scheme, parts.netloc, parts.path


def host_of(url: str | None) -> str:
    """The host of a thread's address, for its key ('' when there is none)."""
    found = web_address(url) if url else None
    return found[1] if found else ""


def pages_of(sentence: str) -> tuple[int | None, int | None]:
    """The page number and the last page from 'Page 2 of 5' in a pagination block."""
    match = _PAGE_OF.search(sentence)
    return (page_number(match.group(1)), page_number(match.group(2))) if match else (None, None)


def numbers_in(texts: list[str]) -> list[int]:
    """The page numbers among the texts of a pagination block's links."""
    return [n for n in (page_number(t) for t in texts) if n is not None]


def embeds_to_links(holder: Tag, soup: BeautifulSoup) -> None:
    """An embedded video or page (``<iframe>``) becomes a link to it; its fallback text ("No iframe support") goes."""
    for frame in holder.find_all("iframe"):
        src = str(frame.get("src") or "").strip()
        if src.startswith("//"):
            src = "https:" + src
        if not src.startswith(("http://", "https://")):
            frame.decompose()
            continue
        link = soup.new_tag("a", href=src)
        link.append(NavigableString(src))
        paragraph = soup.new_tag("p")
        paragraph.append(link)
        frame.replace_with(paragraph)


def thread_key(engine: str, host: str, thread_id: str | None, forum: str | None, title: str) -> str:
    """The same thread gets the same key on every page: its forum's host and id, else its section and title.

    Without a host (a page with no address of its own and no ``--base-url``), ids of two forums could meet, so
    the title is part of the key too.
    """
    if thread_id and host:
        return f"{engine}:{host}:{thread_id}"
    if thread_id:
        return f"{engine}:id:{thread_id}:{title}"
    return f"{engine}:title:{forum or ''}:{title}"


@dataclass(frozen=True)
class Topic:
    """What a topic page says about its thread, besides its posts."""

    source: str
    format: str
    key: str
    title: str
    thread_id: str | None
    url: str | None
    forum: str | None
    page: int
    last_page: int | None
    tags: tuple[str, ...] = ()


def topic_page(topic: Topic, parsed: list[SourcePost], bodies: list[Element | None], *, numbered: bool) -> SourcePage:
    """The page record of a phpBB, Simple Machines or MyBB topic page.

    Posts whose body was not found are left out (``theme_notes`` says so); their ids still count as seen.
    ``numbered``: the engine shows each post's number, so the merge can find missing posts by it.
    """
    return SourcePage(
        source=topic.source,
        format=topic.format,
        numbered=numbered and all(p.position is not None for p in parsed),
        key=topic.key,
        title=topic.title,
        posts=[p for p, body in zip(parsed, bodies, strict=True) if body is not None],
        page=topic.page,
        thread_id=topic.thread_id,
        url=topic.url,
        forum=topic.forum,
        starter=parsed[0].author if topic.page == 1 and parsed else None,
        tags=list(topic.tags),
        seen_ids=[p.post_id for p in parsed if p.post_id],
        last_page=topic.last_page,
        notes=theme_notes(parsed, bodies),
    )
