"""XenForo 2 thread pages saved from a browser (``article.message[data-content="post-N"]``)."""

from __future__ import annotations

import re

from .attachments import avatar_of, with_attachments
from .bodies import Converted
from .dom import (
    Element,
    PostTree,
    attr,
    bodies_to_markdown,
    by_class,
    css,
    first,
    link_base,
    parse_page,
    text,
    within,
)
from .names import split_memorial
from .numbers import page_number
from .records import InputError, ParseOptions, SourcePage, SourcePost
from .xenforo import likes_of, position_of, split_title, thread_address, thread_key, time_of

FORMAT = "XenForo 2"
POSTS = "[data-author][data-content^='post-']"  # an <article> in the default style, any element in some themes
# Each part of a post by the classes XenForo's default style and common themes give it, most specific first.
TITLES = ("message-userTitle", "userTitle", "message-titlebadge", "titleBadge", "userTitleBadge", "memberTitle")
EDITS = ("message-lastEdit", "lastEdit", "message-editDate", "editDate", "message-lastEdited")
LIKES = ("reactionsBar", "likesBar", "message-reactionsBar", "message-likes", "likesSummary")
LIKES_LINK = ("reactionsBar-link", "likesBar-link")
HEADERS = ("message-attribution-main", "message-attribution", "message-date", "message-header")
BODIES = (".bbWrapper", "[itemprop=text]", ".message-body", ".message-content")


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like a XenForo 2 thread page."""
    return 'data-content="post-' in head and ("message-" in head or "bbWrapper" in head)


def _first_class(index: dict[str, Element], names: tuple[str, ...]) -> Element | None:
    return next((index[name] for name in names if name in index), None)


def _likes(tree: PostTree, index: dict[str, Element], notes: list[str]) -> tuple[list[str], int | None]:
    """Likes from a reactions bar (XenForo 2.1+) or a likes bar (2.0 and themes): named members plus 'N others'."""
    bar = _first_class(index, LIKES)
    if bar is None:
        return [], None
    link = _first_class(index, LIKES_LINK)
    link = bar if link is None or not within(link, bar) else link
    names = [text(b) for b in tree.own(link, "bdi")] or [text(a) for a in tree.own(link, "a.username")]
    likes, total = likes_of(names, text(link))
    images = tree.own(bar, ".reactionSummary img")
    kinds = {attr(img, "title") or attr(img, "alt") for img in images}
    others = sorted(k for k in kinds if k and k.lower() != "like")
    if others:
        notes.append(f"reactions other than Like ({', '.join(others)}) are counted as likes")
    return likes, total


def _user_title(el: Element, tree: PostTree, index: dict[str, Element]) -> str | None:
    """The author's user title, by what it is: a title class of any theme, else schema.org's jobTitle."""
    found = _first_class(index, TITLES)
    if found is None:
        found = next(iter(tree.own(el, "[itemprop=jobTitle]")), None)
    return text(found) or None


def _edited(el: Element, tree: PostTree, index: dict[str, Element]) -> Element | None:
    """The time of the post's own 'Last edited' note."""
    note = _first_class(index, EDITS)
    if note is not None:
        return first(note, "time") or note
    return next(iter(tree.own(el, "time[itemprop=dateModified]")), None)


def _posted(el: Element, tree: PostTree, index: dict[str, Element]) -> Element | None:
    """The time the post was made: in its attribution header, else schema.org's datePublished."""
    header = _first_class(index, HEADERS)
    found = first(header, "time") if header is not None else None
    return found or next(iter(tree.own(el, "time[itemprop=datePublished]")), None)


def _position(el: Element, tree: PostTree, index: dict[str, Element]) -> int | None:
    found = position_of(_first_class(index, ("message-attribution-opposite",)))
    if found is None:
        link = next((a for a in tree.own(el, "a") if re.fullmatch(r"#\s*\d+", text(a))), None)
        found = position_of(link)
    return found


def _body(el: Element, tree: PostTree) -> Element | None:
    """The post's own body: its first .bbWrapper outside a signature, else the theme's message body."""
    signatures = tree.own(el, ".message-signature")
    for selector in BODIES:
        found = tree.own(el, selector)
        for node, signed in zip(found, tree.inside(found, signatures, el), strict=True):
            if not signed:
                return node
    return None


def _post(el: Element, tree: PostTree, converted: Converted) -> SourcePost:
    author, memorial = split_memorial(attr(el, "data-author"))
    body, quotes, notes = converted[0], converted[1], list(converted[2])
    index = tree.class_index(el)
    likes, total = _likes(tree, index, notes)
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=_user_title(el, tree, index),
        date=time_of(_posted(el, tree, index), notes),
        edited=time_of(_edited(el, tree, index), notes),
        likes=likes,
        likes_total=total,
        post_id=attr(el, "data-content").removeprefix("post-") or None,
        position=_position(el, tree, index),
        memorial=memorial,
        notes=notes,
    )


def _theme_notes(posts: list[SourcePost], bodies: list[Element | None]) -> list[str]:
    """What the page's theme hid from the importer, said in the report rather than left out silently."""
    notes: list[str] = []
    missing = [str(n) for n, body in enumerate(bodies, 1) if body is None]
    if missing:
        notes.append(
            f"the page's theme is not understood: no post body found in post(s) {', '.join(missing)} of this page;"
            " left out"
        )
    if posts and all(p.date is None for p in posts):
        notes.append("the page's theme is not understood: no post dates found")
    if posts and all(p.user_title is None for p in posts):
        notes.append("no user titles found on this page: if it shows them, its theme is not understood (no roles)")
    return notes


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved XenForo 2 thread page."""
    doc = parse_page(data)
    tree = PostTree(doc, POSTS)
    posts = tree.posts
    if not posts:
        raise InputError(
            "no posts found: the page's theme is not understood (no element with data-author and"
            ' data-content="post-N", as XenForo 2 gives each post)'
        )
    url, thread_id, page = thread_address(doc)
    base = link_base(doc) or url or options.base_url
    title, labels = split_title(first(doc, "h1.p-title-value"), ".label")
    if not title:
        raise InputError("no thread title found (h1.p-title-value)")
    crumbs = [text(a) for a in css(doc, "ul.p-breadcrumbs a") if text(a)]
    forum = crumbs[-1] if len(crumbs) > 1 else None
    if page is None:
        current = text(by_class(doc, "pageNav-page--current"))
        page = page_number(current) or 1
    description = by_class(doc, "p-description")
    starter = text(by_class(description, "username"))
    tags = [text(a) for a in css(doc, ".tagItem") if text(a)]
    numbers = [n for n in (page_number(text(li)) for li in css(doc, "ul.pageNav-main > li")) if n is not None]
    bodies = [_body(el, tree) for el in posts]
    converted = bodies_to_markdown(bodies, base, tree)
    converted = [with_attachments(body, el, tree, base) for el, body in zip(posts, converted, strict=True)]
    parsed = [_post(el, tree, body) for el, body in zip(posts, converted, strict=True)]
    for el, post in zip(posts, parsed, strict=True):
        post.avatar = avatar_of(tree, el, ".message-avatar img", base)
    return [
        SourcePage(
            source=source,
            format=FORMAT,
            numbered=True,
            key=thread_key(url, thread_id, title, forum),
            title=title,
            posts=[post for post, body in zip(parsed, bodies, strict=True) if body is not None],
            page=page,
            thread_id=thread_id,
            url=url,
            forum=forum,
            date=time_of(first(description, "time")),
            starter=split_memorial(starter)[0] if starter else None,
            tags=labels + [t for t in tags if t not in labels],
            last_page=max(numbers, default=None),
            notes=_theme_notes(parsed, bodies),
        )
    ]
