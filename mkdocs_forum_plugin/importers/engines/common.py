"""What the phpBB, Simple Machines and MyBB readers share.

Each engine marks up quotes, code blocks and smilies its own way. Before a
body is converted, its quotes are rewritten into the one quote form the
shared converter reads (XenForo 2's ``blockquote.bbCodeBlock--quote`` with
``data-quote`` and ``data-source="post: ID"``), so that quote resolution,
nesting and the ``[quote="NAME, post:N"]`` tags work the same for every engine.
Dates are read as the page prints them (the wall-clock time of whoever saved
it), as the XenForo readers do; a page's stated time zone is used only to
place a machine-readable UTC time when the printed one is relative.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueList, NavigableString

from ..bodies import Converted, Rewrite, convert_bodies
from ..dates import is_relative, parse_date, parse_iso
from ..dom import Element, PostTree, own_html
from ..numbers import page_number
from ..records import SourcePost, When
from ..soup import attr as soup_attr

Prepare = Rewrite
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_NUMERIC = re.compile(
    r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<year>\d{4})"
    r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?$"
)
_OFFSET = re.compile(
    r"\b(?:UTC|GMT)\s*(?:(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2}(?:\.\d+)?)(?::(?P<minutes>\d{2}))?)?",
    re.IGNORECASE,
)
# What engines print before a date: SMF 2.0's "Reply #3 on:", phpBB's "Posted:".
_LABEL = re.compile(r"^(?:Reply\s*#?\s*\d*\s*)?(?:on|Posted)\s*:\s*", re.IGNORECASE)
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
    block, content = quote_block(soup, author, post_id)
    for child in list(source.contents):
        content.append(child.extract())
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


def clean_date_text(value: str) -> str:
    """A printed date without what engines put around it: weekday, guillemets, 'on:', a trailing comma."""
    value = " ".join(value.replace("\u202f", " ").replace("\xa0", " ").split())
    value = value.strip(" \u00ab\u00bb,;.()")
    value = _LABEL.sub("", value)
    return _WEEKDAY.sub("", value).strip()


def numeric_day_first(samples: list[str]) -> bool:
    """Whether numeric dates on a page are day first (13-02-2023): true when any first number is above 12."""
    for sample in samples:
        match = _NUMERIC.match(clean_date_text(sample))
        if match and int(match.group("a")) > 12:
            return True
    return False


def read_date(value: str | None, *, day_first: bool = False) -> When | None:
    """A date as phpBB, Simple Machines or MyBB print it, in the page's own time; None when not a known form."""
    if not value:
        return None
    cleaned = clean_date_text(value)
    found = parse_date(cleaned)
    if found is not None:
        return found
    match = _NUMERIC.match(cleaned)
    if not match:
        return None
    first, second = int(match.group("a")), int(match.group("b"))
    month, day = (second, first) if day_first else (first, second)
    try:
        date = dt.date(int(match.group("year")), month, day)
    except ValueError:
        return None
    if match.group("hour") is None:
        return date
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    second_value = int(match.group("second") or 0)
    ampm = match.group("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            return date
        hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second_value > 59:
        return date
    return dt.datetime(date.year, date.month, date.day, hour, minute, second_value)


def dated(value: str, notes: list[str], *, day_first: bool = False) -> When | None:
    """``read_date``, with a note when a printed date cannot be read (relative dates above all)."""
    found = read_date(value, day_first=day_first)
    cleaned = clean_date_text(value)
    if found is None and cleaned:
        why = "it is relative to the day the page was saved" if relative(cleaned) else "it is not a known form"
        notes.append(f"date '{cleaned[:60]}' left out: {why}")
    return found


def relative(value: str) -> bool:
    """Whether a printed date is relative ('Today, 10:04 am', 'Yesterday at ...', '5 minutes ago')."""
    return is_relative(value) or bool(re.search(r"\b(?:today|yesterday|ago)\b", value, re.IGNORECASE))


def page_offset(sentence: str) -> dt.timedelta | None:
    """The UTC offset a page states ('All times are UTC+01:00', 'UTC + 1 hour [ DST ]', 'GMT - 5 Hours')."""
    match = _OFFSET.search(sentence)
    if not match:
        return None
    hours = float(match.group("hours") or 0)
    minutes = int(match.group("minutes") or 0)
    offset = dt.timedelta(hours=hours, minutes=minutes)
    if match.group("sign") in ("-", "\u2212"):
        offset = -offset
    if re.search(r"\[\s*DST\s*\]", sentence):  # phpBB 3.0 and 2: summer time adds an hour to the stated zone
        offset += dt.timedelta(hours=1)
    return offset if abs(offset) <= dt.timedelta(hours=14) else None


def from_utc(value: str, offset: dt.timedelta | None) -> When | None:
    """An ISO time in UTC, moved into the page's stated zone; None when the page states none."""
    stamp = parse_iso(value) if value else None
    if not isinstance(stamp, dt.datetime) or offset is None:
        return None
    has_offset = re.search(r"(?:[Zz]|[+-]\d{2}:?\d{2})$", value.strip())
    if has_offset and not re.search(r"(?:[Zz]|[+-]00:?00)$", value.strip()):
        return stamp  # already the local wall-clock time of that offset
    return stamp + offset


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
