"""schema.org structured data: a thread page as a DiscussionForumPosting.

Google's guidance for discussion forums asks for the first post's author, date and
text, and for each reply as a ``Comment`` with its author, date and text (or an
image or video). It asks for no reply's whole text, so the ``short`` form (the
default) gives the first post's full text and each reply's opening words; ``full``
repeats every post's text, about a third of a thread page's weight; ``off`` leaves
the structured data out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..model import Post, Thread
from ..reviews import day_of
from .text import iso

LIKE_ACTION = "https://schema.org/LikeAction"
STRUCTURED_DATA = ("short", "full", "off")  # the ``structured_data`` option's values
COMMENT_CHARS = 200  # a reply's text in the short form, cut at a word boundary


def posting_texts(
    posts: Sequence[Post], mode: str, full_text: Callable[[Post], str], short_text: Callable[[Post], str]
) -> list[str]:
    """Each post's text for the structured data: ``full_text`` of every post, or (``short``) of the first only.

    In the short form a reply's text is ``short_text``: its excerpt, its own words without the
    quotes of other posts, as its member page and the search show it (a folded post: its note's title).
    """
    if mode == "full":
        return [full_text(post) for post in posts]
    return [full_text(post) if n == 0 else short_text(post) for n, post in enumerate(posts)]


def _person(name: str, member_urls: Mapping[str, str]) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": name}
    url = member_urls.get(name)
    if url:
        person["url"] = url
    return person


def _post_fields(post: Post, page_url: str, member_urls: Mapping[str, str], texts: Sequence[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {"url": f"{page_url}#post-{post.number}"}
    if post.removed:  # removed at the member's request (issue 22): no author, no words
        return fields
    fields = {"author": _person(post.author, member_urls), "text": texts[post.number - 1], **fields}
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


def _main_entity(thread: Thread, page_url: str, member_urls: Mapping[str, str]) -> str | dict[str, Any]:
    """The page's address, or for a reviewed thread the page itself with when and by whom it was reviewed."""
    if thread.reviewed is None:
        return page_url
    page: dict[str, Any] = {"@type": "WebPage", "@id": page_url, "lastReviewed": iso(day_of(thread.reviewed))}
    if thread.reviewed_by:
        page["reviewedBy"] = _person(thread.reviewed_by, member_urls)
    return page


def discussion_posting(
    thread: Thread, page_url: str, member_urls: Mapping[str, str], texts: Sequence[str], language: str = ""
) -> dict[str, Any]:
    """The JSON-LD object of a thread.

    ``page_url`` and ``member_urls`` (author or reviewer name -> their page) are absolute; ``texts``
    holds each post's visible text, in post order; ``language`` is the page's language code.
    """
    first, replies = thread.posts[0], [p for p in thread.posts[1:] if not p.removed]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": thread.title,
        "mainEntityOfPage": _main_entity(thread, page_url, member_urls),
        **_post_fields(first, page_url, member_urls, texts),
        "url": page_url,
        "commentCount": len(replies),
    }
    if language:
        data["inLanguage"] = language
    if thread.started:
        data["datePublished"] = iso(thread.started)
    if thread.tags:
        data["keywords"] = ", ".join(thread.tags)
    if thread.source:
        data["sameAs"] = thread.source
    if replies:
        data["comment"] = [{"@type": "Comment", **_post_fields(p, page_url, member_urls, texts)} for p in replies]
    return data


def jsonld_script(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element that no body text can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # The excerpts' own ellipsis, escaped: the same JSON, and a page of Latin-1 text stays a
    # string of one byte per character in memory (MkDocs holds every page's HTML at once).
    text = text.replace("\u2026", "\\u2026")
    return f'<script type="application/ld+json">{text}</script>'
