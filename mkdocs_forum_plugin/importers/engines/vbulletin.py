"""vBulletin 3.8 and 4.x thread pages saved from a browser (``showthread.php``).

Each post is read by the ids vBulletin's own JavaScript needs, which every
style keeps: the body is ``#post_message_N``, its post ``#postN`` (3.8, a
table) or ``#post_N`` (4.x, a list item). The rest by the classes of the
default styles: ``bigusername`` / ``username``, ``usertitle``, ``postcounter``,
``lastedited``, ``signature``, and the "Post Thank You" box (``post_thanks_box_N``).
"""

from __future__ import annotations

import html
import re

from ..bodies import Converted, convert_bodies
from ..dates import zone_posts
from ..dom import Element, attr, css, first, inner_html, link_base, parse_page, text, within
from ..names import clean_name, one_line, split_memorial
from ..numbers import page_number, position
from ..records import InputError, ParseOptions, SourcePage, SourcePost, When
from ..soup import absolute
from .common import numbers_in, thread_key
from .dates import dated, stated_offset
from .vbquotes import VB_EDITED, rewrite_vbulletin

FORMAT = "vBulletin"
BODIES = "[id^='post_message_']"
_THREAD = re.compile(r"showthread\.php(?:/|\?(?:[^#]*&)?t=)(\d+)")
_PAGE = re.compile(r"(?:[?&]page=|/page)(\d+)")


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like a vBulletin 3 or 4 thread page."""
    return 'id="post_message_' in head and ("vbulletin" in head.lower() or "showthread.php" in head)


def _container(body: Element, post_id: str) -> Element:
    """The element of the whole post: #postN (3.8) or #post_N (4.x), else the body's parent."""
    current = body.parent
    while current is not None and current.is_element_node:  # up to <html>, not the document above it
        if attr(current, "id") in (f"post{post_id}", f"post_{post_id}"):
            return current
        current = current.parent
    return body.parent or body


def _next_element(el: Element | None) -> Element | None:
    current = el.next if el is not None else None
    while current is not None and current.tag in ("-text", "_text", "-comment", "_comment"):
        current = current.next
    return current


def _author(post: Element, post_id: str) -> str:
    found = first(post, ".bigusername") or first(post, ".username_container .username") or first(post, ".username")
    return text(found) or text(first(post, f"#postmenu_{post_id}")) or "Guest"


def _user_title(post: Element, post_id: str) -> str | None:
    found = first(post, ".usertitle")
    if found is None:  # 3.8: the line after the name's menu
        after = _next_element(first(post, f"#postmenu_{post_id}"))
        found = after if after is not None and "smallfont" in attr(after, "class").split() else None
    return text(found) or None


def _position(post: Element, post_id: str) -> int | None:
    found = first(post, "a.postcounter") or first(post, f"#postcount{post_id}")
    # Styles that hide the number keep the anchor vBulletin links to: <a id="postcountN" name="12">.
    shown = text(found) or attr(first(post, f"#postcount{post_id}"), "name")
    match = re.search(r"\d+", shown.replace(",", ""))
    return position(match.group(0)) if match else None


def _posted(post: Element) -> str:
    found = first(post, ".postdate .date") or first(post, ".postdate")
    if found is None:  # 3.8: the text of the post's first header cell
        found = first(post, "td.thead")
    return text(found)


def _edited(post: Element, body: Element, notes: list[str]) -> When | None:
    """The edit note below the body (4.x ``.lastedited``, 3.8 an ``<em>``); never words in the post itself."""
    for note in [*css(post, ".lastedited"), *css(post, "em")]:
        if within(note, body):
            continue
        match = VB_EDITED.search(text(note))
        if match:
            return dated(match.group("when"), notes)
    return None


def _thanks(doc: Element, post_id: str) -> list[str]:
    """Members in the "Post Thank You" add-on's box, which some styles put after the post's own element."""
    box = first(doc, f"#post_thanks_box_{post_id}")
    return [clean_name(text(a)) for a in css(box, "a[href*='member.php']") if text(a)]


def _attachments(post: Element, base: str | None) -> str:
    """Attached files shown below the post (4.x), as a list of links after the body."""
    links = [a for a in css(post, ".attachments a[href*='attachment.php']") if text(a) or first(a, "img")]
    if not links:
        return ""
    items = []
    for a in links:
        href = absolute(attr(a, "href"), base)
        label = text(a) or attr(first(a, "img"), "alt") or "attachment"
        items.append(f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>')
    return f"<p>Attached files:</p><ul>{''.join(items)}</ul>"


def _post(doc: Element, holder: Element, post_id: str, converted: Converted) -> SourcePost:
    post = _container(holder, post_id)
    notes = list(converted.notes)
    author, memorial = split_memorial(_author(post, post_id))
    body, quotes = converted.markdown, converted.quotes
    thanks = _thanks(doc, post_id)
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=_user_title(post, post_id),
        date=dated(_posted(post), notes),
        edited=_edited(post, holder, notes),
        likes=thanks,
        post_id=post_id,
        position=_position(post, post_id),
        memorial=memorial,
        notes=notes,
    )


def _title(doc: Element) -> tuple[str, list[str]]:
    """The thread title without its prefix, and the prefix (4.x: ``.prefix``)."""
    holder = first(doc, ".threadtitle") or first(doc, "#pagetitle h1")
    labels: list[str] = []
    if holder is not None:
        for prefix in css(holder.parent or holder, ".prefix"):
            if text(prefix):
                labels.append(text(prefix))
            prefix.decompose()
        return one_line(text(holder)), labels
    crumbs = css(doc, "td.navbar strong")  # 3.8: the last line of the breadcrumb
    if crumbs:
        return one_line(text(crumbs[-1])), labels
    return one_line(text(first(doc, "title")).split(" - ")[0]), labels


def _address(doc: Element, base: str | None) -> tuple[str | None, str | None, int | None]:
    """(thread address without the page, thread id, page number) from the page's own links."""
    candidates = [
        attr(first(doc, "link[rel=canonical]"), "href"),
        attr(first(doc, "meta[property='og:url']"), "content"),
    ]
    candidates += [attr(a, "href") for a in css(doc, "td.navbar a[href*='showthread.php']")]
    candidates += [attr(a, "href") for a in css(doc, ".threadtitle a[href*='showthread.php']")]
    for candidate in candidates:
        match = _THREAD.search(candidate)
        if not match:
            continue
        page = _PAGE.search(candidate)
        full = absolute(candidate.split("#")[0], base)
        if "showthread.php?" in full:
            url = re.sub(r"showthread\.php\?.*", f"showthread.php?t={match.group(1)}", full)
        else:
            url = re.sub(r"/page\d+/?$", "", full.split("?")[0])
        return (
            (url if url.startswith(("http://", "https://")) else None),
            match.group(1),
            (page_number(page.group(1)) if page else None),
        )
    field = attr(first(doc, "input[name=t]"), "value")
    return None, field if field.isdigit() else None, None


def _pages(doc: Element) -> tuple[int | None, int | None]:
    """The page's number and the last page's, from 'Page 2 of 5' in the page navigation."""
    for el in [*css(doc, ".pagenav td.vbmenu_control"), *css(doc, ".pagination .popupctrl")]:
        match = re.search(r"(\d+)\D+(\d+)", text(el))
        if match:
            return page_number(match.group(1)), page_number(match.group(2))
    selected = text(first(doc, ".pagination .selected"))
    numbers = numbers_in([text(a) for a in css(doc, ".pagination a, .pagenav a")])
    return page_number(selected), max(numbers, default=None)


def _forum(doc: Element) -> str | None:
    crumbs = [text(a) for a in css(doc, "li.navbit a, span.navbar a") if text(a)]
    return crumbs[-1] if len(crumbs) > 1 else None


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved vBulletin 3.8 or 4.x thread page."""
    doc = parse_page(data)
    bodies = [b for b in css(doc, BODIES) if re.fullmatch(r"post_message_\d+", attr(b, "id"))]
    if not bodies:
        raise InputError(
            "no posts found: the page's style is not understood (no #post_message_N, as vBulletin gives each post)"
        )
    base = link_base(doc) or options.base_url
    url, thread_id, page = _address(doc, base)
    title, labels = _title(doc)
    if not title:
        raise InputError("no thread title found (.threadtitle, or the last line of the breadcrumb)")
    shown, last = _pages(doc)
    ids = [attr(b, "id").removeprefix("post_message_") for b in bodies]
    posts = [_container(b, i) for b, i in zip(bodies, ids, strict=True)]
    html = [inner_html(b) + _attachments(p, base) for b, p in zip(bodies, posts, strict=True)]
    converted = convert_bodies(html, base, rewrite_vbulletin)
    parsed = [_post(doc, b, i, c) for b, i, c in zip(bodies, ids, converted, strict=True)]
    zone_posts(parsed, stated_offset(doc, "#footer, .footer, .footer-copyright, div.smallfont, .timezone", BODIES))
    host = re.sub(r"^https?://", "", url or base or "").split("/", 1)[0]
    generator = attr(first(doc, "meta[name=generator]"), "content")
    version = re.search(r"vBulletin (\d+(?:\.\d+)?)", generator)
    notes = [] if any(p.date for p in parsed) else ["the page's style is not understood: no post dates found"]
    if not any(p.user_title for p in parsed):
        notes.append("no user titles found on this page: if it shows them, its style is not understood (no roles)")
    tags = [text(a) for a in css(doc, "#tag_list_cell a[href*='tag'], #thread_tags_list a[href*='tag']") if text(a)]
    return [
        SourcePage(
            source=source,
            format=f"vBulletin {version.group(1)}" if version else FORMAT,
            numbered=True,
            key=thread_key("vbulletin", host, thread_id, _forum(doc), title),
            title=title,
            posts=parsed,
            page=page or shown or 1,
            thread_id=thread_id,
            url=url,
            forum=_forum(doc),
            tags=labels + [t for t in tags if t not in labels],
            last_page=last,
            notes=notes,
        )
    ]
