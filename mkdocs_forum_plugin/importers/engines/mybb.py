"""MyBB 1.8 thread pages (``div.post#post_N`` with ``div.post_author`` and ``div.post_body``), both post layouts.

MyBB prints dates as its settings say (by default '02-06-2023, 08:14 PM',
month first); a page whose dates are day first is recognised by a day above
12. Recent dates are printed relative ('Yesterday', '5 hours ago') with the
full date in the element's title, which is what is read. Smilies carry their
name as alt text, so the default set is written back as the codes members typed.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..bodies import Converted
from ..dom import Element, attr, css, first, link_base, own, page_address, parse_page, text
from ..names import one_line, split_memorial
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
    rewrite_styles,
    smilie_to_text,
    text_before_break,
    topic_page,
    web_address,
)
from .dates import dated, numeric_day_first

FORMAT = "MyBB"
POSTS = "div.post[id^='post_']"
_THREAD = re.compile(r"[?&]tid=(\d+)|thread-(\d+)(?:-page-\d+)?\.html", re.IGNORECASE)
_PID = re.compile(r"pid=?(\d+)")
_WROTE = re.compile(r"\s*Wrote\s*:?\s*$", re.IGNORECASE)
# MyBB's default smilies (install/resources/mysql_db_inserts.php): the alt text is the name, not the code.
_SMILIES = {
    "Smile": ":)",
    "Wink": ";)",
    "Cool": ":cool:",
    "Big Grin": ":D",
    "Tongue": ":P",
    "Rolleyes": ":rolleyes:",
    "Shy": ":shy:",
    "Sad": ":(",
    "At": ":at:",
    "Angel": ":angel:",
    "Angry": ":@",
    "Blush": ":blush:",
    "Confused": ":s",
    "Dodgy": ":dodgy:",
    "Exclamation": ":exclamation:",
    "Heart": ":heart:",
    "Huh": ":huh:",
    "Idea": ":idea:",
    "Sleepy": ":sleepy:",
    "Undecided": ":-/",
    "Cry": ":cry:",
    "Sick": ":sick:",
    "Arrow": ":arrow:",
    "My": ":my:",
}


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like a MyBB 1.8 thread page."""
    return 'class="post_author' in head and 'id="post_' in head and "post_body" in head


def _take_label(cite: Tag) -> str | None:
    """The quoted author of a cite that broken markup left open: its 'NAME Wrote:' text, taken out of it."""
    for label in cite.find_all(string=_WROTE):
        name = _WROTE.sub("", str(label)).strip()
        if name:
            label.extract()
            return name
    return None


def _rewrite_quotes(root: Tag, soup: BeautifulSoup) -> None:
    """blockquote.mycode_quote > cite ('<span> (DATE)</span>NAME Wrote: <a class=quick_jump>'), outer ones first."""
    for quote in list(root.select("blockquote.mycode_quote")):
        cite = quote.find("cite", recursive=False)
        author: str | None = None
        post_id: str | None = None
        if isinstance(cite, Tag):
            jump = cite.find("a", href=True)
            found = _PID.search(soup_attr(jump, "href")) if isinstance(jump, Tag) else None
            post_id = found.group(1) if found else None
            for el in cite.find_all(["span", "a"]):
                el.decompose()
            if cite.find(True) is None:
                label = soup_text(cite)
                author = _WROTE.sub("", label).strip() if _WROTE.search(label) else None
                cite.decompose()
            else:  # broken markup left the cite open: the post's own words are inside it, and are kept
                author = _take_label(cite)
                cite.unwrap()
        replace_quote(soup, quote, quote, author or None, post_id)


def _prepare(root: Tag, soup: BeautifulSoup) -> None:
    """A MyBB body's own markup in the forms the shared converter reads."""
    for block in list(root.select("div.codeblock")):  # 'Code:' / 'PHP Code:' over div.body > code
        code = block.find("code")
        if isinstance(code, Tag):
            code_to_pre(code, soup)
        title = block.find("div", class_="title")
        if isinstance(title, Tag):
            title.decompose()
    rewrite_styles(root)
    for img in list(root.select("img.smilie")):
        name = soup_attr(img, "alt") or soup_attr(img, "title")
        smilie_to_text(img, _SMILIES.get(name, name))
    _rewrite_quotes(root, soup)


def _printed(el: Element | None) -> str:
    """A MyBB date as printed, with a relative one ('<span title="DATE">Yesterday</span>, TIME') made whole."""
    if el is None:
        return ""
    copy = el.clone()
    for edit in css(copy, ".post_edit"):
        edit.decompose()
    relative = first(copy, "span[title]")
    if relative is None:
        return text(copy)
    shown = attr(relative, "title")
    label = text(relative)
    after = text(copy).split(label, 1)[-1].strip(" ,") if label else ""
    return shown if ":" in shown or not after else f"{shown}, {after}"


def _author(el: Element) -> str:
    return one_line(text(first(el, ".author_information .largetext"))) or "Guest"


def _post(el: Element, converted: Converted, day_first: bool) -> SourcePost:
    author, memorial = split_memorial(_author(el))
    notes = list(converted.notes)
    body, quotes = converted.markdown, converted.quotes
    number = re.search(r"#\s*(\d+)", text(first(el, ".post_head .float_right a, .post_head strong a")))
    edit = first(el, "span.edited_post")
    edited: When | None = None
    if edit is not None:
        match = re.search(r":\s*(.+?)\s+by\b", _printed(edit))
        edited = dated(match.group(1), notes, day_first=day_first) if match else None
    title = text_before_break(first(el, ".author_information span.smalltext"))
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=one_line(title) or None,
        date=dated(_printed(first(el, "span.post_date")), notes, day_first=day_first),
        edited=edited,
        post_id=attr(el, "id").removeprefix("post_") or None,
        position=position(number.group(1)) if number else None,
        memorial=memorial,
        notes=notes,
    )


def _attachments(el: Element, base: str | None) -> list[tuple[str, str]]:
    """The files of the post's 'Attached Files' box (those in its text stay where they are)."""
    found: dict[str, str] = {}
    for box in own(el, "fieldset", POSTS):
        for link in css(box, "a[href*='attachment.php?aid=']"):
            picture = first(link, "img")
            name = one_line(text(link)) or one_line(
                attr(picture, "title").removeprefix("Filename: ").split(" Size:")[0]
            )
            found.setdefault(absolute(attr(link, "href"), base), name or "attachment")
    return [(name, href) for href, name in found.items()]


def _address(doc: Element) -> tuple[str | None, str | None]:
    """The thread's address (without its page) and id, from the canonical link or the post links."""
    links = css(doc, ".post_head a[href], a[href*='tid=']")[:40]  # the post links, else 'New Reply' and the like
    candidates = [page_address(doc) or "", *(attr(a, "href") for a in links)]
    base = link_base(doc)
    for candidate in candidates:
        match = _THREAD.search(candidate)
        if not match:
            continue
        tid = match.group(1) or match.group(2)
        full = absolute(candidate, base)
        found = web_address(full)
        if found:
            scheme, host, path = found
            return f"{scheme}://{host}{path.rsplit('/', 1)[0]}/showthread.php?tid={tid}", tid
        return None, tid
    return None, None


def _title(doc: Element) -> tuple[str, list[str]]:
    """The subject (the link tree's last item) and the thread prefix shown before it in the heading."""
    subject = one_line(text(first(doc, ".navigation .active")))
    heading = next((one_line(text(s)) for s in css(doc, "td.thead strong") if subject and subject in text(s)), "")
    if not subject:
        heading = one_line(text(first(doc, "td.thead strong")))
        return heading, []
    prefix = heading[: heading.rfind(subject)].strip(" -:[]") if heading.endswith(subject) else ""
    return subject, [prefix] if prefix else []


def _pages(doc: Element) -> tuple[int, int | None]:
    """The page number and the last page, from 'Pages (N):' and the current page in the pagination."""
    block = first(doc, "div.pagination")
    if block is None:
        return 1, None
    current = text(first(block, ".pagination_current"))
    total = re.search(r"\((\d+)\)", text(first(block, ".pages")))
    numbers = numbers_in([text(a) for a in css(block, "a.pagination_page, a.pagination_last, .pagination_current")])
    page = page_number(current) or 1
    return page, page_number(total.group(1)) if total else max([*numbers, page])


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved MyBB thread page."""
    doc = parse_page(data)
    posts = [el for el in css(doc, POSTS) if re.fullmatch(r"post_\d+", attr(el, "id"))]
    if not posts:
        raise InputError('no posts found: the page\'s theme is not understood (no div.post with id="post_N")')
    title, labels = _title(doc)
    if not title:
        raise InputError("no thread title found (the link tree's last item, or the heading)")
    url, tid = _address(doc)
    base = link_base(doc) or url or options.base_url
    links = css(doc, ".navigation a")
    forum = one_line(text(links[-1])) if len(links) > 1 else None
    page, last = _pages(doc)
    samples = [_printed(el) for el in css(doc, "span.post_date, span.edited_post")]
    day_first = numeric_day_first(samples)
    bodies = [next(iter(own(el, "div.post_body", POSTS)), None) for el in posts]
    tails = [attachment_html(_attachments(el, base)) for el in posts]
    converted = bodies_markdown(bodies, base, POSTS, _prepare, tails)
    parsed = [_post(el, body, day_first) for el, body in zip(posts, converted, strict=True)]
    host = host_of(url)
    key = f"mybb:{host}:{tid}" if tid and host else f"mybb:title:{forum or ''}:{title}:{tid or ''}"
    found = Topic(source, FORMAT, key, title, tid, url, forum, page, last, tuple(labels))
    return [topic_page(found, parsed, bodies, numbered=True)]
