"""schema.org structured data: a thread page as a DiscussionForumPosting."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..model import Post, Thread
from .text import iso

LIKE_ACTION = "https://schema.org/LikeAction"


def _person(name: str, member_url: Callable[[str], str | None]) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": name}
    url = member_url(name)
    if url:
        person["url"] = url
    return person


Texts = Callable[[Post], str]


def _post_fields(post: Post, page_url: str, member_url: Callable[[str], str | None], text: Texts) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "author": _person(post.author, member_url),
        "text": text(post),
        "url": f"{page_url}#post-{post.number}",
    }
    if post.date:
        fields["datePublished"] = iso(post.date)
    if post.edited:
        fields["dateModified"] = iso(post.edited)
    if post.like_count:
        fields["interactionStatistic"] = {
            "@type": "InteractionCounter",
            "interactionType": LIKE_ACTION,
            "userInteractionCount": post.like_count,
        }
    return fields


def discussion_posting(
    thread: Thread, page_url: str, member_url: Callable[[str], str | None], text: Texts
) -> dict[str, Any]:
    """The JSON-LD object of a thread; ``page_url`` should be absolute, ``text`` gives a post's visible text."""
    first, replies = thread.posts[0], thread.posts[1:]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": thread.title,
        "mainEntityOfPage": page_url,
        **_post_fields(first, page_url, member_url, text),
        "url": page_url,
        "commentCount": len(replies),
    }
    if thread.started:
        data["datePublished"] = iso(thread.started)
    if thread.tags:
        data["keywords"] = ", ".join(thread.tags)
    if thread.source:
        data["sameAs"] = thread.source
    if replies:
        data["comment"] = [{"@type": "Comment", **_post_fields(p, page_url, member_url, text)} for p in replies]
    return data


def jsonld_script(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element that no body text can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
