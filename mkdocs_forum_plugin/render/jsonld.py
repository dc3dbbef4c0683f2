"""schema.org structured data: a thread page as a DiscussionForumPosting.

Google's guidance for discussion forums asks, of the posting and of each ``Comment``,
for an author, a date and a text (or an image or video); comments are recommended,
not required, and no post's whole text is asked for. So the ``short`` form gives the
thread's first post's opening words, the number of replies, and as comments only the
replies a reader looks for: the expert and recommended answers, each cut to its opening
words. It also leaves out what Google's guidance does not list
and the page already says: ``mainEntityOfPage`` as the page's address (``url`` names the
page; a reviewed thread keeps it, as the page that says when and by whom it was
reviewed), ``inLanguage`` (the page's ``<html lang>``) and ``keywords`` (its tags).
``full`` gives every reply as a comment with its whole text, and those three;
``off``, the default, leaves the structured data out: it hands search engines each
member's name beside their words, for a wiki to choose, and it would make a thread page
heavier than the same thread written by hand. What each costs is measured in
docs/reference/configuration.md (search engines).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from ..model import Post, Thread
from ..reviews import day_of
from .excerpt import cut_at_word
from .page_meta import DESCRIPTION_CHARS
from .text import iso

LIKE_ACTION = "https://schema.org/LikeAction"
STRUCTURED_DATA = ("short", "full", "off")  # the ``structured_data`` option's values
POSTING_CHARS = DESCRIPTION_CHARS  # the first post's text in the short form, cut at a word boundary: a snippet's length
COMMENT_CHARS = 120  # an answer's text in the short form


def posting_texts(
    posts: Sequence[Post],
    mode: str,
    full_text: Callable[[Post], str],
    short_text: Callable[[Post], str],
    answers: Collection[int] = (),
) -> list[str]:
    """Each post's text for the structured data, in post order ("" for a post that gives none).

    ``full``: ``full_text``, the visible text, of every post. ``short``: the first post's visible
    text cut to ``POSTING_CHARS``, and of the ``answers`` (post numbers) ``short_text``: their
    opening words (``COMMENT_CHARS``) without the quotes of other posts, as their member pages
    and the search show them (a folded post: its note's title).
    """
    if mode == "full":
        return [full_text(post) for post in posts]
    texts = [cut_at_word(full_text(posts[0]), POSTING_CHARS)] if posts else []
    texts += [short_text(post) if post.number in answers else "" for post in posts[1:]]
    return texts


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
    thread: Thread,
    page_url: str,
    member_urls: Mapping[str, str],
    texts: Sequence[str],
    language: str = "",
    *,
    comments: Collection[int] | None = None,
    short: bool = False,
) -> dict[str, Any]:
    """The JSON-LD object of a thread.

    ``page_url`` and ``member_urls`` (author or reviewer name -> their page) are absolute; ``texts``
    holds each post's text, in post order; ``language`` is the page's language code. ``comments``:
    the numbers of the replies given as comments (the short form's answers); None for every reply.
    ``short`` leaves out what the page already says: the page's address as ``mainEntityOfPage``
    (a reviewed thread's page stays), ``inLanguage`` and ``keywords``.
    """
    first, replies = thread.posts[0], [p for p in thread.posts[1:] if not p.removed]
    listed = replies if comments is None else [p for p in replies if p.number in comments]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": thread.title,
    }
    if not short or thread.reviewed is not None:
        data["mainEntityOfPage"] = _main_entity(thread, page_url, member_urls)
    data.update(_post_fields(first, page_url, member_urls, texts))
    data["url"] = page_url
    data["commentCount"] = len(replies)
    if language and not short:
        data["inLanguage"] = language
    if thread.started:
        data["datePublished"] = iso(thread.started)
    if thread.tags and not short:
        data["keywords"] = ", ".join(thread.tags)
    if thread.source:
        data["sameAs"] = thread.source
    if listed:
        data["comment"] = [{"@type": "Comment", **_post_fields(p, page_url, member_urls, texts)} for p in listed]
    return data


def jsonld_script(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element that no body text can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # The excerpts' own ellipsis, escaped: the same JSON, and a page of Latin-1 text stays a
    # string of one byte per character in memory (MkDocs holds every page's HTML at once).
    text = text.replace("\u2026", "\\u2026")
    return f'<script type="application/ld+json">{text}</script>'
