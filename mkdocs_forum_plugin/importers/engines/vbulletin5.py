"""vBulletin 5 thread pages saved from a browser (``li.b-post[data-node-id]``).

Read by the classes of vBulletin 5's default style and by schema.org
attributes: ``b-post__count`` (#N), ``b-post__timestamp time``, ``b-userinfo``
with ``author`` and ``usertitle``, ``js-post__content-text`` (itemprop=text),
``post-signature``, ``h1.main-title``, the breadcrumb (``#breadcrumbs``) and the
page navigation (``js-pagenav``). The time shown is the forum's local time;
the ``datetime`` attribute is UTC, used only when the page shows no time.
"""

from __future__ import annotations

import datetime as dt
import re

from ..bodies import Converted, convert_bodies
from ..dates import from_timestamp, parse_iso, zone_posts
from ..dom import Element, attr, css, first, inner_html, link_base, own, page_address, parse_page, text
from ..names import one_line, split_memorial
from ..numbers import page_number, position
from ..records import InputError, ParseOptions, SourcePage, SourcePost, When
from .common import host_of, numbers_in, thread_key, web_address
from .dates import dated, read_date, stated_offset
from .vbquotes import VB_EDITED, rewrite_vbulletin

FORMAT = "vBulletin 5"
POSTS = "li.b-post[data-node-id], div.b-post[data-node-id]"
BODIES = ".js-post__content-text, [itemprop=text]"
_PAGE = re.compile(r"/page(\d+)/?$")


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like a vBulletin 5 thread page."""
    return "data-node-id=" in head and ("js-post__content-text" in head or "b-post__" in head)


def _one(post: Element, selector: str) -> Element | None:
    return next(iter(own(post, selector, POSTS)), None)


def _date(post: Element, notes: list[str]) -> When | None:
    """The local time the page shows, else the UTC time in ``datetime`` or the node's publish date."""
    stamp = _one(post, ".b-post__timestamp time") or _one(post, "time[itemprop=dateCreated]")
    shown = text(stamp) or text(_one(post, ".b-post__timestamp"))
    value = read_date(shown) if shown else None
    if value is None:
        value = parse_iso(attr(stamp, "datetime")) if attr(stamp, "datetime") else None
        if isinstance(value, dt.datetime) and value.tzinfo is None:  # vBulletin 5 writes UTC without saying so
            value = value.replace(tzinfo=dt.UTC)
        value = value or from_timestamp(attr(post, "data-node-publishdate") or "x")
        if value is not None:
            notes.append("its time is the forum's UTC time (the page shows no local time)")
        elif shown:
            dated(shown, notes)
    return value


def _edited(post: Element, notes: list[str]) -> When | None:
    for note in [*own(post, ".b-post__edit", POSTS), *own(post, ".lastedited", POSTS)]:
        match = VB_EDITED.search(text(note))
        if match:
            return dated(match.group("when"), notes)
    return None


def _author(post: Element) -> str:
    found = _one(post, ".b-userinfo .author") or _one(post, "[itemprop=author] [itemprop=name]")
    return text(found) or attr(_one(post, ".b-avatar img"), "alt") or "Guest"


def _position(post: Element) -> int | None:
    match = re.search(r"#\s*(\d+)", text(_one(post, ".b-post__count")))
    return position(match.group(1)) if match else None


def _post(post: Element, converted: Converted) -> SourcePost:
    notes = list(converted.notes)
    author, memorial = split_memorial(_author(post))
    body, quotes = converted.markdown, converted.quotes
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=text(_one(post, ".usertitle")) or None,
        date=_date(post, notes),
        edited=_edited(post, notes),
        post_id=attr(post, "data-node-id") or None,
        position=_position(post),
        memorial=memorial,
        notes=notes,
    )


def _address(doc: Element) -> tuple[str | None, str | None, int | None]:
    """(thread address without the page, thread id, page) from the canonical link: .../727744-title/page2."""
    url = page_address(doc)
    if url is None:
        return None, None, None
    found = web_address(url)
    path = found[2] if found else ""
    page = _PAGE.search(path)
    base = url.split("?")[0].split("#")[0]
    base = _PAGE.sub("", base)
    match = re.search(r"/(\d+)-[^/]*/?$", base)
    return base, match.group(1) if match else None, page_number(page.group(1)) if page else None


def _pages(doc: Element) -> tuple[int | None, int | None]:
    current = attr(first(doc, ".js-pagenav-current-button"), "data-page")
    numbers = numbers_in([attr(a, "data-page") for a in css(doc, ".js-pagenav-button")])
    return page_number(current), (max(numbers) if numbers else None)


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved vBulletin 5 thread page."""
    doc = parse_page(data)
    posts = css(doc, POSTS)
    if not posts:
        raise InputError("no posts found: the page's style is not understood (no li.b-post with data-node-id)")
    title = one_line(text(first(doc, "h1.main-title")))
    if not title:
        raise InputError("no thread title found (h1.main-title)")
    url, thread_id, page = _address(doc)
    base = link_base(doc) or options.base_url
    current, last = _pages(doc)
    bodies = [_one(p, BODIES) for p in posts]
    converted = convert_bodies([inner_html(b) for b in bodies], base, rewrite_vbulletin)
    parsed = [_post(p, c) for p, c, b in zip(posts, converted, bodies, strict=True) if b is not None]
    zone_posts(parsed, stated_offset(doc, "#footer, .footer, .footer-copyright, div.smallfont, .timezone", POSTS))
    heading = first(posts[0], "h2.b-post__title")
    labels = [text(a).strip("[] ") for a in css(heading, "a[href*='prefix']") if text(a).strip("[] ")]
    crumbs = [text(a) for a in css(doc, "#breadcrumbs a.crumb-link") if text(a)]
    host = host_of(url or base)
    key = thread_key("vbulletin", host, thread_id, crumbs[-1] if crumbs else None, title)
    missing = [str(n) for n, b in enumerate(bodies, 1) if b is None]
    notes = [f"no post body found in post(s) {', '.join(missing)} of this page; left out"] if missing else []
    if parsed and all(p.date is None for p in parsed):
        notes.append("the page's style is not understood: no post dates found")
    return [
        SourcePage(
            source=source,
            format=FORMAT,
            numbered=True,
            key=key,
            title=title,
            posts=parsed,
            page=page or current or 1,
            thread_id=thread_id,
            url=url,
            forum=crumbs[-1] if len(crumbs) > 1 else None,
            tags=labels,
            last_page=last,
            notes=notes,
        )
    ]
