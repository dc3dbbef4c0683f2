"""Invision Community 4 topic pages saved from a browser (``article#elComment_N``).

Invision's templates are not published by Invision. The markup read here is
that of the compiled template cache of an Invision Community 4.6 install
(``forums/front/topics`` post and postContainer, ``core/front/global``
reputation, reactionBlurb, commentEditLine, signature, tags, breadcrumb,
pagination) and post HTML kept in public repositories: see
``docs/reference/migration.md``. Dates: ``<time datetime>`` is UTC, its
``title`` the forum's local time as the page shows it; the local time is kept.
"""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from ..bodies import Converted, convert_bodies
from ..dates import localize, parse_iso, shown_offset, zone_posts
from ..dom import Element, attr, css, first, inner_html, link_base, own, page_address, parse_page, text
from ..names import clean_name, one_line, parse_count, split_memorial
from ..numbers import page_number
from ..records import InputError, ParseOptions, SourcePage, SourcePost, When
from ..soup import attr as soup_attr
from .common import embeds_to_links, host_of, thread_key, xenforo_quote
from .dates import read_date

FORMAT = "Invision Community 4"
POSTS = "article[id^='elComment_']"
BODY = "[data-role=commentContent]"
_TOPIC = re.compile(r"^(?P<base>https?://[^?#]*?/topic/(?P<id>\d+)[^/?#]*/?)(?:page/(?P<page>\d+)/?)?(?:[?#].*)?$")
_OTHERS = re.compile(r"(\d[\d,.]*)\s+others?\b", re.IGNORECASE)


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like an Invision Community 4 topic page."""
    return 'id="elComment_' in head or "id='elComment_" in head or ("ipsComment" in head and "commentContent" in head)


def _one(post: Element, selector: str) -> Element | None:
    return next(iter(own(post, selector, POSTS)), None)


def _time(el: Element | None, notes: list[str]) -> When | None:
    """The local time in the title ('09/13/2020 11:00 AM'), else the UTC time in datetime (with a note)."""
    if el is None:
        return None
    value = read_date(attr(el, "title")) if attr(el, "title") else None
    utc = parse_iso(attr(el, "datetime")) if attr(el, "datetime") else None
    if value is None and utc is not None:
        notes.append("its time is UTC (the page shows no local time)")
        return utc
    return localize(value, utc)  # the offset between the local time shown and the UTC time in datetime


def _quote_data(post: Element) -> dict[str, object]:
    try:
        data = json.loads(attr(_one(post, "[data-quotedata]"), "data-quotedata") or "{}")
    except (ValueError, RecursionError):  # untrusted: not JSON, or nested deeper than Python's stack
        return {}
    return data if isinstance(data, dict) else {}


def _author(post: Element) -> str:
    found = _one(post, "aside .cAuthorPane_author") or _one(post, ".cAuthorPane_author")
    name = text(found) or str(_quote_data(post).get("username") or "")
    return name or "Guest"


def _likes(post: Element, notes: list[str]) -> tuple[list[str], int | None]:
    """Who reacted (the names the blurb shows) and how many reactions the counts add up to."""
    blurb = _one(post, "[data-role=reactionBlurb]") or _one(post, ".ipsReact_blurb")
    if blurb is None:
        return [], None
    kinds = {attr(el, "title") or attr(first(el, "img"), "alt") for el in css(blurb, ".ipsReact_reactCount > *")}
    others = sorted(k for k in kinds if k and k.lower() != "like")
    if others:
        notes.append(f"reactions other than Like ({', '.join(others)}) are counted as likes")
    overview = first(blurb, ".ipsReact_overview") or first(blurb, ".ipsType_blendLinks") or blurb
    names = [clean_name(text(a)) for a in css(overview, "a") if text(a) and not _OTHERS.search(text(a))]
    counts = [parse_count(text(c)) or 0 for c in css(blurb, ".ipsReact_reactCount")]
    total = sum(counts) if counts else len(names) + sum(parse_count(m) or 0 for m in _OTHERS.findall(text(overview)))
    return names, (total if total > len(names) else None)


def _post(post: Element, converted: Converted) -> SourcePost:
    notes = list(converted.notes)
    author, memorial = split_memorial(_author(post))
    body, quotes = converted.markdown, converted.quotes
    likes, total = _likes(post, notes)
    meta = _one(post, ".ipsComment_meta")
    edit = _one(post, f"{BODY} [data-excludequote] time")
    post_id = attr(post, "id").removeprefix("elComment_")
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=text(_one(post, "aside [data-role=group]")) or None,
        date=_time(first(meta, "time") or _one(post, "time"), notes),
        edited=_time(edit, notes),
        likes=likes,
        likes_total=total,
        post_id=post_id if post_id.isdigit() else None,
        memorial=memorial,
        notes=notes,
    )


def rewrite_invision(holder: Tag, soup: BeautifulSoup) -> None:
    """Quotes in the converter's form; emoticons as their code; the edit line and UI text out (in place)."""
    embeds_to_links(holder, soup)
    for el in holder.select("[data-excludequote], .ipsQuote_citation, .ipsSpoiler_header"):
        el.decompose()
    for quote in holder.select("blockquote.ipsQuote"):
        inner = quote.find(class_="ipsQuote_contents")
        content = list((inner if isinstance(inner, Tag) else quote).contents)
        author = soup_attr(quote, "data-ipsquote-username") or soup_attr(quote, "data-cite") or None
        post_id = soup_attr(quote, "data-ipsquote-contentcommentid") or None
        xenforo_quote(soup, quote, author, post_id if post_id and post_id.isdigit() else None, content)
    for img in holder.select("img[data-emoticon]"):
        img.replace_with(NavigableString(soup_attr(img, "alt") or soup_attr(img, "title")))
    for mention in holder.select("a[data-mentionid]"):
        mention.replace_with(NavigableString(mention.get_text()))


def _address(doc: Element) -> tuple[str | None, str | None, int | None]:
    url = page_address(doc)
    match = _TOPIC.match(url or "")
    if not match:
        return url, None, None
    page = match.group("page") or (re.search(r"[?&]page=(\d+)", url or "") or [None, None])[1]
    return match.group("base"), match.group("id"), page_number(page) if page else None


def _title(doc: Element) -> tuple[str, list[str]]:
    h1 = first(doc, "h1.ipsType_pageTitle") or first(doc, "h1")
    labels = [text(el) for el in css(h1, ".ipsTag_prefix") if text(el)]
    for el in css(h1, ".ipsTag_prefix, .ipsBadge"):
        el.decompose()
    shown = first(h1, ".ipsType_break") or h1
    return one_line(text(shown)), labels


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved Invision Community 4 topic page."""
    doc = parse_page(data)
    posts = css(doc, POSTS)
    if not posts:
        raise InputError("no posts found: the page's theme is not understood (no article#elComment_N)")
    title, labels = _title(doc)
    if not title:
        raise InputError("no topic title found (h1.ipsType_pageTitle)")
    url, topic_id, page = _address(doc)
    base = link_base(doc) or options.base_url
    bodies = [_one(p, BODY) for p in posts]
    converted = convert_bodies([inner_html(b) for b in bodies], base, rewrite_invision)
    parsed = [_post(p, c) for p, c, b in zip(posts, converted, bodies, strict=True) if b is not None]
    zone_posts(parsed, shown_offset(parsed))
    crumbs = [text(a) for a in css(first(doc, "[data-role=breadcrumbList]"), "a") if text(a)]
    nav = first(doc, "ul.ipsPagination")
    active = text(first(nav, ".ipsPagination_active"))
    pages = attr(nav, "data-pages")
    tags = [text(a) for a in css(doc, "ul.ipsTags a.ipsTag") if text(a)]
    missing = [str(n) for n, b in enumerate(bodies, 1) if b is None]
    notes = [f"no post body found in post(s) {', '.join(missing)} of this page; left out"] if missing else []
    if parsed and all(p.date is None for p in parsed):
        notes.append("the page's theme is not understood: no post dates found")
    if parsed and not any(p.user_title for p in parsed):
        notes.append("no member groups found on this page: if it shows them, its theme is not understood (no roles)")
    host = host_of(url or base)
    return [
        SourcePage(
            source=source,
            format=FORMAT,
            key=thread_key("invision", host, topic_id, crumbs[-1] if crumbs else None, title),
            title=title,
            posts=parsed,
            page=page or page_number(active) or 1,
            thread_id=topic_id,
            url=url,
            forum=crumbs[-1] if len(crumbs) > 1 else None,
            tags=labels + list(dict.fromkeys(t for t in tags if t not in labels)),
            last_page=page_number(pages),
            seen_ids=[attr(p, "id").removeprefix("elComment_") for p in posts],
            notes=notes,
        )
    ]
