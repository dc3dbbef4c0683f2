"""phpBB 3.0 to 3.3 thread pages in the prosilver style (``div.post#pN`` with ``dl.postprofile``).

What every phpBB style shares (the thread's address, forum, pages and time
zone, and the markup of quotes, code, smilies and edit notes in posts) is here
too; ``phpbb_subsilver`` reads the older table styles with it.
"""

from __future__ import annotations

import datetime as dt
import re

from ..bodies import Converted
from ..dates import zone_posts
from ..dom import Element, attr, css, first, link_base, own, page_address, parse_page, text
from ..names import one_line, split_memorial
from ..numbers import page_number
from ..records import InputError, ParseOptions, SourcePage, SourcePost, When
from ..soup import absolute
from .common import (
    Topic,
    attachment_html,
    bodies_markdown,
    host_of,
    numbers_in,
    pages_of,
    topic_page,
    web_address,
)
from .dates import dated, from_utc, stated_offset
from .phpbb_markup import prepare

FORMAT = "phpBB 3 (prosilver)"
POSTS = "div.post[id^='p']"
PHPBB_POSTS = "div.post, span.postbody, div.postbody"  # what holds a post's text, in every style
_TOPIC = re.compile(r"[?&;](?:amp;)?t=(\d+)")


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like a phpBB 3 prosilver topic page."""
    return 'class="postprofile"' in head and 'class="postbody"' in head


# --- what every phpBB style shares ---------------------------------------------------------------------------


def thread_address(doc: Element, title_link: Element | None) -> tuple[str | None, str | None, str | None]:
    """(the topic's address without its page, topic id, the page's own address) from the canonical link or title."""
    base = link_base(doc)
    own_address = page_address(doc)
    candidates = [own_address or "", absolute(attr(title_link, "href"), base)]
    for candidate in candidates:
        match = _TOPIC.search(candidate)
        if not match:
            continue
        found = web_address(candidate)
        if found:
            scheme, host, path = found
            return f"{scheme}://{host}{path}?t={match.group(1)}", match.group(1), own_address
        return None, match.group(1), own_address
    return None, None, own_address


def thread_key(url: str | None, topic: str | None, title: str, forum: str | None) -> str:
    """The same topic gets the same key in every page and style, whatever else its address carries.

    Without the forum's address, topic ids of two forums could meet: the title and forum are part of the key then.
    """
    host = host_of(url)
    if topic and host:
        return f"phpbb:{host}:{topic}"
    return f"phpbb:title:{forum or ''}:{title}:{topic or ''}"


def forum_of(doc: Element) -> str | None:
    """The topic's forum: the last forum link of the breadcrumbs (any phpBB style)."""
    links = css(doc, ".crumb a, .navlinks a, .breadcrumbs a, span.nav a, td.nav a, .navbar a")
    names = [one_line(text(a)) for a in links if "viewforum." in attr(a, "href") and text(a)]
    return names[-1] if names else None


def pages(doc: Element) -> tuple[int, int | None]:
    """The page number and the last page, from the pagination: 'Page 2 of 5', else its current and numbered links."""
    blocks = css(doc, ".pagination, td.nav, span.nav, .gensmall")
    for block in blocks:
        current, last = pages_of(text(block))
        if current is not None:
            return current, last
    for block in css(doc, ".pagination"):
        active = first(block, "li.active, strong")
        numbers = numbers_in([text(a) for a in css(block, "a, li span, strong")])
        current = page_number(text(active))
        if current is not None:
            return current, max(numbers, default=None)
    return 1, None


def time_zone(doc: Element) -> dt.timedelta | None:
    """The offset the page says its times are in ('All times are UTC+01:00'), in any phpBB style."""
    return stated_offset(doc, ".rightside, .datetime, .gensmall, span.gensmall, li, p", PHPBB_POSTS)


def edit_date(note: str, notes: list[str]) -> When | None:
    """The time in 'Last edited by NAME on DATE, edited N times in total' (phpBB 2 ends with '; edited')."""
    match = re.search(r"\bon\s+(.+?)(?:[,;]\s*edited\b|$)", note)
    return dated(match.group(1), notes) if match else None


# --- prosilver ---------------------------------------------------------------------------------------------------


def _author(el: Element) -> str:
    found = first(first(el, "p.author"), "strong")
    if not text(found):
        profile = first(el, "dl.postprofile dt")
        names = [a for a in css(profile, "a") if "viewprofile" in attr(a, "href") and text(a)]
        found = names[-1] if names else first(profile, "strong, .username, .username-coloured")
    return one_line(text(found)) or "Guest"


def _user_title(el: Element) -> str | None:
    """The rank: dd.profile-rank (3.1+), else 3.0's first dd that has no 'Label:' (or its rank picture's name)."""
    profile = first(el, "dl.postprofile")
    rank = first(profile, "dd.profile-rank")
    if rank is None:
        rank = next((dd for dd in css(profile, "dd") if first(dd, "strong") is None and text(dd)), None)
    if rank is None:
        return None
    picture = first(rank, "img")
    return one_line(text(rank)) or one_line(attr(picture, "alt") or attr(picture, "title")) or None


def _posted(el: Element, offset: dt.timedelta | None, notes: list[str]) -> When | None:
    """The post's time: the printed one; for a relative one, 3.2+'s UTC time moved into the page's zone."""
    line = first(el, "p.author")
    stamp = first(line, "time")
    printed = text(stamp) if stamp is not None else text(line).rsplit("\u00bb", 1)[-1]
    scratch: list[str] = []
    found = dated(printed, scratch)
    if found is None and stamp is not None:
        found = from_utc(attr(stamp, "datetime"), offset)
        if found is None and offset is None and scratch:
            scratch = [f"{scratch[0]}, and the page does not say its time zone to place the UTC time it also gives"]
    if found is None:
        notes.extend(scratch)
    return found


def _attachments(el: Element, base: str | None) -> list[tuple[str, str]]:
    """The files of the post's attachment box (inline attachments stay where they are in the text)."""
    files: list[tuple[str, str]] = []
    for box in own(el, "dl.attachbox", POSTS):
        for link in css(box, "a[href]"):
            href = attr(link, "href")
            if "download/file." in href:
                picture = first(link, "img")
                name = text(link) or attr(picture, "alt") or attr(picture, "title") or "attachment"
                files.append((one_line(name), absolute(href, base)))
        for picture in css(box, "img.postimage"):
            if "download/file." in attr(picture, "src") and first(box, "a[href*='download/file.']") is None:
                files.append((one_line(attr(picture, "alt")) or "attachment", absolute(attr(picture, "src"), base)))
    return list(dict.fromkeys(files))


def _post(el: Element, converted: Converted, offset: dt.timedelta | None) -> SourcePost:
    author, memorial = split_memorial(_author(el))
    notes = list(converted.notes)
    body, quotes = converted.markdown, converted.quotes
    edit = next((n for n in own(el, "div.notice", POSTS) if "edited" in text(n).lower()), None)
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=_user_title(el),
        date=_posted(el, offset, notes),
        edited=edit_date(text(edit), notes) if edit is not None else None,
        post_id=attr(el, "id").removeprefix("p") or None,
        memorial=memorial,
        notes=notes,
    )


def title_and_labels(h2: Element | None) -> tuple[str, list[str]]:
    """The topic title (its link's text) and the labels the topic prefixes extension shows before it."""
    labels = [one_line(text(tag)) for tag in css(h2, ".topic-tag")]
    links = [a for a in css(h2, "a") if "topic-tag" not in attr(a, "class").split()]
    link = next((a for a in links if "viewtopic." in attr(a, "href")), links[0] if links else None)
    return one_line(text(link if link is not None else h2)), [label for label in labels if label]


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved phpBB 3 (prosilver) topic page."""
    doc = parse_page(data)
    posts = [el for el in css(doc, POSTS) if re.fullmatch(r"p\d+", attr(el, "id"))]
    if not posts:
        raise InputError('no posts found: the page\'s style is not understood (no div.post with id="pN")')
    h2 = first(doc, "h2.topic-title") or first(doc, "#page-body h2") or first(doc, "h2")
    title, labels = title_and_labels(h2)
    if not title:
        raise InputError("no topic title found (h2.topic-title)")
    url, topic, here = thread_address(doc, next((a for a in css(h2, "a") if "viewtopic." in attr(a, "href")), None))
    base = link_base(doc) or url or options.base_url
    forum = forum_of(doc)
    page, last = pages(doc)
    offset = time_zone(doc)
    bodies = [next(iter(own(el, "div.content", POSTS)), None) for el in posts]
    tails = [attachment_html(_attachments(el, base)) for el in posts]
    converted = bodies_markdown(bodies, base, POSTS, prepare, tails)
    parsed = [_post(el, body, offset) for el, body in zip(posts, converted, strict=True)]
    zone_posts(parsed, offset)
    topic_url = url or (here if here and _TOPIC.search(here) else None)
    found = Topic(
        source, FORMAT, thread_key(url, topic, title, forum), title, topic, topic_url, forum, page, last, tuple(labels)
    )
    return [topic_page(found, parsed, bodies, numbered=False)]
