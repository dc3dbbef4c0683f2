"""What XenForo 1 and 2 pages share: thread addresses, dates, likes, title prefixes."""

from __future__ import annotations

import re

from .dates import from_timestamp, is_relative, localize, parse_date, parse_iso
from .dom import Element, attr, css, og_url, page_address, text
from .names import clean_name, one_line, parse_count
from .numbers import page_number, position
from .records import When

_THREAD = re.compile(
    r"^(?P<base>https?://[^?#]*?/threads/(?:[^/?#]*\.)?(?P<id>\d+))(?:/page-(?P<page>\d+))?/?(?:[?#].*)?$"
)
_OTHERS = re.compile(r"(\d[\d,.\u202f\xa0]*)\s+(?:others?|more)\b", re.IGNORECASE)


def thread_address(doc: Element) -> tuple[str | None, str | None, int | None]:
    """(thread URL without the page part, thread id, page number) from the page's own address."""
    for candidate in (page_address(doc), og_url(doc)):
        match = _THREAD.match(candidate or "")
        if match:
            page = page_number(match.group("page")) if match.group("page") else None
            return match.group("base") + "/", match.group("id"), page
    return page_address(doc), None, None


def thread_key(host_url: str | None, thread_id: str | None, title: str, forum: str | None) -> str:
    """The same thread gets the same key in XenForo 1 and 2 pages, whatever its slug."""
    if thread_id:
        host = re.sub(r"^https?://", "", host_url or "").split("/", 1)[0]
        return f"xenforo:{host}:{thread_id}"
    return f"xenforo:title:{forum or ''}:{title}"


def split_title(h1: Element | None, label_selector: str) -> tuple[str, list[str]]:
    """The thread title without its prefix labels ('Solved', 'Question'), and the labels."""
    if h1 is None:
        return "", []
    found = css(h1, label_selector)
    labels = [text(el) for el in found if text(el)]
    for el in found:
        el.decompose()
    return one_line(text(h1)), labels


def time_of(el: Element | None, notes: list[str] | None = None) -> When | None:
    """A XenForo date element: <time datetime>, <abbr data-datestring data-timestring>, <span title>."""
    if el is None:
        return None
    value = parse_iso(attr(el, "datetime")) if attr(el, "datetime") else None
    if value is None and attr(el, "data-datestring"):
        value = parse_date(f"{attr(el, 'data-datestring')} at {attr(el, 'data-timestring')}")
    if value is None and attr(el, "title"):
        value = parse_date(attr(el, "title").replace(" at ", " "))
    if value is None:
        value = parse_date(text(el))
    stamp = attr(el, "data-time") or attr(el, "data-timestamp")
    utc = from_timestamp(stamp) if stamp else None
    # XenForo 1 prints the local time and gives the moment as a Unix time: their difference is the offset.
    value = localize(value, utc) if value is not None else utc
    if value is None and notes is not None and text(el):
        why = "it is relative to the day the page was saved" if is_relative(text(el)) else "it is not a known form"
        notes.append(f"date '{text(el)}' left out: {why}")
    return value


def likes_of(names: list[str], sentence: str) -> tuple[list[str], int | None]:
    """Named likers plus 'and N others' (and 'You', the member who saved the page)."""
    named = [clean_name(n) for n in names if n.strip()]
    others = sum(parse_count(m.group(1)) or 0 for m in _OTHERS.finditer(sentence))
    if re.match(r"^\s*You\b", sentence):
        others += 1
    return named, (len(named) + others if others else None)


def position_of(el: Element | None) -> int | None:
    """The post number XenForo shows: '#12'."""
    match = re.search(r"#\s*(\d+)", text(el))
    return position(match.group(1)) if match else None
