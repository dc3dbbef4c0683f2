"""Simple Machines Forum (SMF) 2.0 and 2.1 topic pages (``div.post_wrapper`` with ``div.poster`` and ``div.postarea``).

The two versions share the post frame and differ in the details: 2.0 prints
'« Reply #1 on: DATE »' and writes a quote as a header div before its
blockquote; 2.1 puts the date in a link, the reply number in
``span.page_number`` and the quote's header in a ``<cite>``; 2.1 also shows
likes. Each is read by what it is.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..bodies import Converted
from ..dom import Element, attr, css, first, link_base, own, page_address, parse_page, text
from ..names import one_line, parse_count, split_memorial
from ..numbers import page_number, position
from ..records import InputError, ParseOptions, SourcePage, SourcePost, When
from ..soup import absolute
from ..soup import attr as soup_attr
from ..soup import text as soup_text
from .common import (
    Topic,
    attachment_html,
    bodies_markdown,
    code_to_pre,
    host_of,
    numbers_in,
    replace_quote,
    smilie_to_text,
    topic_page,
    web_address,
)
from .dates import dated

FORMAT = "Simple Machines"
POSTS = "div.post_wrapper"  # Curve (2.0) and 2.1; the Core theme (2.0) has no wrapper: see _posts
_TOPIC = re.compile(r"[?&;]topic=(\d+)")
_MSG = re.compile(r"msg(\d+)")
_QUOTE_FROM = re.compile(r"^[^:]*:\s*(?P<name>.+?)(?:\s+on\s+.+)?$")
_LIKES = re.compile(r"(\d[\d,.\u202f\xa0]*)\s+(?:other\s+)?(?:people|person|members?)", re.IGNORECASE)


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like a Simple Machines 2 topic page."""
    return 'poster"' in head and 'class="postarea"' in head and 'id="msg_' in head


def _quote_author(header: str) -> str | None:
    match = _QUOTE_FROM.match(" ".join(header.split()))
    return match.group("name").strip() if match and ":" in header else None


def _rewrite_quotes(root: Tag, soup: BeautifulSoup) -> None:
    """2.0: div.quoteheader + blockquote + div.quotefooter; 2.1: blockquote > cite. Outer quotes first."""
    for quote in list(root.find_all("blockquote")):
        if quote.parent is None:
            continue
        cite = quote.find("cite", recursive=False)
        header = cite if isinstance(cite, Tag) else quote.find_previous_sibling("div")
        if isinstance(header, Tag) and header.name == "div" and "quoteheader" not in soup_attr(header, "class"):
            header = None
        link = header.find("a", href=True) if isinstance(header, Tag) else None
        msg = _MSG.search(soup_attr(link, "href")) if isinstance(link, Tag) else None
        author = _quote_author(soup_text(header)) if isinstance(header, Tag) else None
        footer = quote.find_next_sibling("div")
        if isinstance(footer, Tag) and "quotefooter" in soup_attr(footer, "class"):
            footer.decompose()
        if isinstance(header, Tag):
            header.decompose()
        replace_quote(soup, quote, quote, author, msg.group(1) if msg else None)


def prepare(root: Tag, soup: BeautifulSoup) -> None:
    """A Simple Machines body's own markup in the forms the shared converter reads."""
    for header in root.select("div.codeheader"):  # 'Code: [Select]'
        header.decompose()
    for code in list(root.select("code.bbc_code")):
        code_to_pre(code, soup)
    for img in list(root.select("img.smiley")):
        smilie_to_text(img, soup_attr(img, "alt") or soup_attr(img, "title"))
    _rewrite_quotes(root, soup)


def _author(el: Element) -> str:
    heading = first(first(el, "div.poster"), "h4")
    links = [a for a in css(heading, "a") if "action=profile" in attr(a, "href") and text(a)]
    return one_line(text(links[-1]) if links else text(heading)) or "Guest"


def _user_title(el: Element) -> str | None:
    """The member's custom title, else their member group, else their post-count group.

    The Core theme of 2.0 lists them without classes, in that order, before the stars.
    """
    poster = first(el, "div.poster")
    for name in ("title", "membergroup", "postgroup"):
        found = one_line(text(first(poster, f"li.{name}")))
        if found:
            return found
    for item in css(first(poster, "ul[id$='_extra_info']"), "li"):
        if not attr(item, "class") and first(item, "img, a") is None and text(item):
            return one_line(text(item))
    return None


def _posted(el: Element, notes: list[str]) -> tuple[When | None, int | None]:
    """The post's time and its number: '« Reply #3 on: DATE »' (2.0) or a link with 'Reply #3' as title (2.1)."""
    info = first(el, "div.postinfo a.smalltext")
    if info is not None:
        # span.page_number ("#3"), else the link's title ("Reply #3 - SUBJECT"), never a '#' in the subject.
        number = re.search(r"#\s*(\d+)", text(first(el, "span.page_number"))) or re.match(
            r"^[^#]{0,30}#\s*(\d+)\s+-\s", attr(info, "title")
        )
        printed = text(info)
    else:
        line = first(first(el, "div.keyinfo"), "div.smalltext")
        number = re.search(r"#\s*(\d+)", text(first(line, "strong")))
        strong = text(first(line, "strong"))
        printed = text(line).replace(strong, "", 1) if strong.endswith(":") else text(line)
    # The topic's first post has no reply number; replies count from 1.
    reply = position(number.group(1)) if number else None
    return dated(printed, notes), (reply + 1 if reply is not None else None)


def _edited(el: Element, notes: list[str]) -> When | None:
    """The time in 'Last Edit: DATE by NAME'."""
    note = text(first(el, ".modified") or first(el, "[id^='modified_']"))  # the Core theme has no class
    if ":" not in note:
        return None
    after = note.split(":", 1)[1]
    printed = after.rsplit(" by ", 1)[0] if " by " in after else after
    return dated(printed, notes)


def _likes(el: Element) -> int | None:
    """2.1's like count: 'N people like this.', 'You and N other people like this.', 'You like this.'."""
    sentence = text(first(el, "li.like_count"))
    if not sentence:
        return None
    match = _LIKES.search(sentence)
    count = (parse_count(match.group(1)) or 0) if match else 0
    if re.match(r"^\s*You\b", sentence):
        count += 1
    return count or None


def _attachments(el: Element, base: str | None) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for box in own(el, "div.attachments", POSTS):
        for link in css(box, "a[href*='action=dlattach']"):
            name = one_line(text(link))
            href = re.sub(r";image$", "", attr(link, "href"))
            if name:
                found.setdefault(absolute(href, base), name)
    return [(name, href) for href, name in found.items()]


def _post(el: Element, converted: Converted) -> SourcePost:
    author, memorial = split_memorial(_author(el))
    notes = list(converted.notes)
    body, quotes = converted.markdown, converted.quotes
    date, position = _posted(el, notes)
    inner = first(el, "div.inner[id^='msg_']")
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=_user_title(el),
        date=date,
        edited=_edited(el, notes),
        likes_total=_likes(el),
        post_id=attr(inner, "data-msgid") or attr(inner, "id").removeprefix("msg_") or None,
        position=position,
        memorial=memorial,
        notes=notes,
    )


def _address(doc: Element) -> tuple[str | None, str | None]:
    """The topic's address (without its page) and id, from the canonical link or any message link."""
    candidates = [page_address(doc) or "", *(attr(a, "href") for a in css(doc, "a[href*='topic=']")[:50])]
    for candidate in candidates:
        match = _TOPIC.search(candidate)
        if not match:
            continue
        found = web_address(candidate)
        if found:
            scheme, host, path = found
            return f"{scheme}://{host}{path}?topic={match.group(1)}.0", match.group(1)
        return None, match.group(1)
    return None, None


def _title(doc: Element) -> str:
    """2.1's #top_subject, else the topic in the link tree, else 2.0's 'Topic: SUBJECT (Read N times)'."""
    found = one_line(text(first(doc, "#top_subject")))
    if found and first(doc, "h3 #top_subject") is not None:  # the Core theme: 'Topic: SUBJECT (Read N times)'
        match = re.match(r"^[^:]*:\s*(.+?)\s*\([^()]*\)$", found)
        found = one_line(match.group(1)) if match else found
    if found:
        return found
    tree = css(doc, "div.navigate_section li, ul.linktree li")
    if tree:
        return one_line(text(first(tree[-1], "span") or tree[-1])).lstrip("\u203a\u00bb ").strip()
    heading = text(first(doc, "h3.catbg"))
    match = re.match(r"^.*?:\s*(.+?)\s*\([^()]*\)$", heading)
    return one_line(match.group(1) if match else heading)


def _pages(doc: Element) -> tuple[int, int | None]:
    """The page number and the last page, from the page index: 2.0 '[2]' in <strong>, 2.1 span.current_page."""
    for block in css(doc, "div.pagelinks, div.pagesection, div.middletext"):
        current = first(block, ".current_page") or first(block, "strong")
        page = page_number(text(current).strip("[]"))
        if page is not None:
            numbers = numbers_in([text(a) for a in css(block, "a.navPages, a.nav_page")])
            return page, max([*numbers, page])
    return 1, None


def _posts(doc: Element) -> list[Element]:
    """Each post: the element holding both its div.poster and its div.postarea (div.post_wrapper in most themes)."""
    found: dict[int, Element] = {}
    for poster in css(doc, "div.poster"):
        holder = poster.parent
        if holder is not None and first(holder, "div.postarea") is not None:
            found.setdefault(holder.mem_id, holder)
    return list(found.values())


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved Simple Machines topic page."""
    doc = parse_page(data)
    posts = _posts(doc)
    if not posts:
        raise InputError("no posts found: the page's theme is not understood (no div.poster beside a div.postarea)")
    title = _title(doc)
    if not title:
        raise InputError("no topic title found (#top_subject, or the link tree)")
    url, topic = _address(doc)
    base = link_base(doc) or url or options.base_url
    tree = css(doc, "div.navigate_section a, ul.linktree a")
    boards = [one_line(text(a)) for a in tree if "board=" in attr(a, "href")]
    forum = boards[-1] if boards else None
    page, last = _pages(doc)
    bodies = [next(iter(own(el, "div.post div.inner", POSTS)), None) for el in posts]
    tails = [attachment_html(_attachments(el, base)) for el in posts]
    converted = bodies_markdown(bodies, base, POSTS, prepare, tails)
    parsed = [_post(el, body) for el, body in zip(posts, converted, strict=True)]
    for post in parsed:
        if post.position is None and page == 1 and post is parsed[0]:
            post.position = 1
    host = host_of(url)
    key = f"smf:{host}:{topic}" if topic and host else f"smf:title:{forum or ''}:{title}:{topic or ''}"
    return [topic_page(Topic(source, FORMAT, key, title, topic, url, forum, page, last), parsed, bodies, numbered=True)]
