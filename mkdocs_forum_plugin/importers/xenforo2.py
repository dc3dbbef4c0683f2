"""XenForo 2 thread pages saved from a browser (``article.message[data-content="post-N"]``)."""

from __future__ import annotations

from .dom import Element, attr, bodies_to_markdown, by_class, class_index, css, first, link_base, own, parse_page, text
from .names import split_memorial
from .records import InputError, ParseOptions, QuoteMark, SourcePage, SourcePost
from .xenforo import likes_of, position_of, split_title, thread_address, thread_key, time_of

FORMAT = "XenForo 2"
POSTS = "article[data-author][data-content^='post-']"


def looks_like(head: str) -> bool:
    """Whether the start of a file looks like a XenForo 2 thread page."""
    return 'data-content="post-' in head and ("message-" in head or "bbWrapper" in head)


def _post(el: Element, converted: tuple[str, list[QuoteMark]]) -> SourcePost:
    author, memorial = split_memorial(attr(el, "data-author"))
    notes: list[str] = []
    likes: list[str] = []
    total: int | None = None
    index = class_index(el, POSTS)
    bar = index.get("reactionsBar")
    if bar is not None:
        link = index.get("reactionsBar-link")
        link = bar if link is None else link
        likes, total = likes_of([text(b) for b in own(link, "bdi", POSTS)], text(link))
        images = own(bar, ".reactionSummary img", POSTS)
        kinds = {attr(img, "title") or attr(img, "alt") for img in images}
        others = sorted(k for k in kinds if k and k.lower() != "like")
        if others:
            notes.append(f"reactions other than Like ({', '.join(others)}) are counted as likes")
    header = index.get("message-attribution-main", index.get("message-attribution"))
    body, quotes = converted
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=text(index.get("message-userTitle")) or None,
        date=time_of(first(header, "time"), notes),
        edited=time_of(first(index.get("message-lastEdit"), "time"), notes),
        likes=likes,
        likes_total=total,
        post_id=attr(el, "data-content").removeprefix("post-") or None,
        position=position_of(index.get("message-attribution-opposite")),
        memorial=memorial,
        notes=notes,
    )


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one saved XenForo 2 thread page."""
    doc = parse_page(data)
    posts = css(doc, POSTS)
    if not posts:
        raise InputError("no posts found (no article.message elements with data-author)")
    url, thread_id, page = thread_address(doc)
    base = link_base(doc) or url or options.base_url
    title, labels = split_title(first(doc, "h1.p-title-value"), ".label")
    if not title:
        raise InputError("no thread title found (h1.p-title-value)")
    crumbs = [text(a) for a in css(doc, "ul.p-breadcrumbs a") if text(a)]
    forum = crumbs[-1] if len(crumbs) > 1 else None
    if page is None:
        current = text(by_class(doc, "pageNav-page--current"))
        page = int(current) if current.isdigit() else 1
    description = by_class(doc, "p-description")
    starter = text(by_class(description, "username"))
    tags = [text(a) for a in css(doc, ".tagItem") if text(a)]
    numbers = [int(text(li)) for li in css(doc, "ul.pageNav-main > li") if text(li).isdigit()]
    converted = bodies_to_markdown([next(iter(own(el, ".bbWrapper", POSTS)), None) for el in posts], base)
    return [
        SourcePage(
            source=source,
            format=FORMAT,
            numbered=True,
            key=thread_key(url, thread_id, title, forum),
            title=title,
            posts=[_post(el, body) for el, body in zip(posts, converted, strict=True)],
            page=page,
            thread_id=thread_id,
            url=url,
            forum=forum,
            date=time_of(first(description, "time")),
            starter=split_memorial(starter)[0] if starter else None,
            tags=labels + [t for t in tags if t not in labels],
            last_page=max(numbers, default=None),
        )
    ]
