"""XenForo 1 thread pages saved from a browser (``li.message[data-author]``)."""

from __future__ import annotations

import re

from .attachments import avatar_of, with_attachments
from .bodies import Converted
from .dates import shown_offset, zone_posts
from .dom import Element, PostTree, attr, bodies_to_markdown, by_class, css, first, link_base, parse_page, text
from .names import one_line, split_memorial
from .numbers import page_number
from .records import InputError, ParseOptions, SourcePage, SourcePost
from .xenforo import likes_of, position_of, split_title, thread_address, thread_key, time_of

FORMAT = "XenForo 1"
POSTS = "li.message[data-author]:not(.deleted)"


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like a XenForo 1 thread page."""
    return "messageText" in head and 'data-author="' in head


def _post(el: Element, tree: PostTree, converted: Converted) -> SourcePost:
    author, memorial = split_memorial(attr(el, "data-author"))
    body, quotes, notes = converted[0], converted[1], list(converted[2])
    index = tree.class_index(el)
    summary = index.get("likesSummary")
    likes: list[str] = []
    total: int | None = None
    if summary is not None:
        likes, total = likes_of([text(a) for a in tree.own(summary, "a.username")], text(summary))
    meta = index.get("messageMeta")
    edit = index.get("editDate")
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=text(index.get("userTitle")) or None,
        date=time_of(next(iter(tree.own(el if meta is None else meta, ".DateTime")), None), notes),
        edited=time_of(by_class(edit, "DateTime"), notes) if edit is not None else None,
        likes=likes,
        likes_total=total,
        post_id=attr(el, "id").removeprefix("post-") or None,
        position=position_of(by_class(meta, "postNumber")),
        memorial=memorial,
        notes=notes,
    )


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved XenForo 1 thread page."""
    doc = parse_page(data)
    tree = PostTree(doc, POSTS)
    posts = tree.posts
    if not posts:
        raise InputError("no posts found (no li.message elements with data-author)")
    url, thread_id, page = thread_address(doc)
    base = link_base(doc) or url or options.base_url
    title, labels = split_title(first(doc, ".titleBar h1"), ".prefix")
    if not title:
        raise InputError("no thread title found (.titleBar h1)")
    description = first(doc, "#pageDescription")
    forum_link = first(description, "a[href*='forums/']")
    forum = one_line(text(forum_link)) if forum_link is not None else None
    if not forum and description is not None:
        match = re.search(r"Discussion in '(.+?)' started by", text(description))
        forum = match.group(1) if match else None
    starter = text(by_class(description, "username"))
    nav = by_class(doc, "PageNav")
    if page is None:
        page = page_number(attr(nav, "data-page")) or 1
    last = attr(nav, "data-last")
    tags = [text(a) for a in css(doc, ".tagList a.tag") if text(a)]
    bodies = [next(iter(tree.own(el, "blockquote.messageText")), None) for el in posts]
    converted = bodies_to_markdown(bodies, base, tree)
    converted = [with_attachments(body, el, tree, base) for el, body in zip(posts, converted, strict=True)]
    parsed = [_post(el, tree, body) for el, body in zip(posts, converted, strict=True)]
    for el, post in zip(posts, parsed, strict=True):
        post.avatar = avatar_of(tree, el, ".messageUserInfo .avatar img", base)
    zone_posts(parsed, shown_offset(parsed))
    return [
        SourcePage(
            source=source,
            format=FORMAT,
            numbered=True,
            key=thread_key(url, thread_id, title, forum),
            title=title,
            posts=parsed,
            page=page,
            thread_id=thread_id,
            url=url,
            forum=forum or None,
            date=time_of(by_class(description, "DateTime")),
            starter=split_memorial(starter)[0] if starter else None,
            tags=labels + [t for t in tags if t not in labels],
            last_page=page_number(last),
        )
    ]
