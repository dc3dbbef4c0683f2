"""A section page as a forum shows it: one row per thread, newest activity first.

Each row names the thread, its starter (linked, with avatar or initials), its replies,
the date and author of its last post, the expert badge and its tags. The rows are a
list whose parts are labelled by their own words ("3 replies", "last post … by …"),
so a screen reader reads each row whole, and CSS lays the list out as a table on wide
screens and as cards on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..link_index import PageLinks
from ..model import Member, Post, Thread, instant
from .avatar import avatar
from .labels import Labels
from .text import escape_attr, member_link, time_tag


@dataclass(frozen=True)
class SectionEntry:
    """A thread as a section page lists it."""

    thread: Thread
    page_src: str  # the generated Markdown src_uri of the thread page
    has_expert: bool
    has_recommended: bool = False  # an editor's pick by an author without an expert role


@dataclass(frozen=True)
class ListingPage:
    """One page of a section's listing, as plain data: rendered once every address is known."""

    name: str  # the section
    title: str  # the page's heading
    total: int  # threads in the whole section
    entries: tuple[SectionEntry, ...]  # this page's, in order
    page: int
    pages: int
    newer: str | None = None  # docs path of the page before, if any
    older: str | None = None  # docs path of the page after, if any


def last_post(entry: SectionEntry) -> Post | None:
    """The thread's latest dated post (the last one written, when several share that moment)."""
    dated = [p for p in entry.thread.posts if p.date is not None]
    return max(reversed(dated), key=lambda p: instant(p.date)) if dated else None  # type: ignore[arg-type]


def newest_activity_first(entries: list[SectionEntry]) -> list[SectionEntry]:
    """Threads by the date of their last post, newest first; undated threads last, by title."""
    moments: dict[int, str] = {}  # each thread's last activity, found once (a walk over its posts)
    for entry in entries:
        post = last_post(entry)
        when = post.date if post is not None else entry.thread.started
        if when is not None:
            moments[id(entry)] = instant(when)
    dated = [e for e in entries if id(e) in moments]
    dated.sort(key=lambda e: e.thread.title.casefold())
    dated.sort(key=lambda e: moments[id(e)], reverse=True)
    undated = sorted((e for e in entries if id(e) not in moments), key=lambda e: e.thread.title.casefold())
    return dated + undated


def _member_link(name: str, links: PageLinks) -> str:
    return member_link(escape(name), links.member_page(name), links.member(name).url)


def _avatar(member: Member, links: PageLinks) -> str:
    path = member.avatar_path
    return avatar(member, links.picture(path) if path is not None else member.avatar, "forum-listing__avatar")


def _row(entry: SectionEntry, links: PageLinks, badges: tuple[str, str], labels: Labels) -> str:
    thread = entry.thread
    starter = thread.posts[0].author
    url = links.file(entry.page_src) or entry.page_src
    classes = "forum-listing__row forum-listing__row--expert" if entry.has_expert else "forum-listing__row"
    parts = [f'<h2 class="forum-listing__title"><a href="{escape_attr(url)}">{escape(thread.title)}</a></h2>']
    expert_label, recommended_label = badges
    if entry.has_expert:
        parts.append(f'<span class="forum-post__expert-label forum-listing__badge">{escape(expert_label)}</span>')
    elif entry.has_recommended:
        badge = escape(recommended_label)
        parts.append(f'<span class="forum-post__recommended-label forum-listing__badge">{badge}</span>')
    started = labels.html("started_by", name=_member_link(starter, links))
    parts.append(f'<p class="forum-listing__starter">{_avatar(links.member(starter), links)}<span>{started}</span></p>')
    counts = [labels.count("replies", thread.replies)]
    likes = sum(p.like_count for p in thread.posts)
    if likes:
        counts.append(labels.count("likes", likes))
    parts.append(f'<p class="forum-listing__replies">{escape(" · ".join(counts))}</p>')
    last = last_post(entry)
    if last is not None and last.date is not None:
        date = time_tag(last.date, labels.date(last.date))
        text = labels.html("last_post_by", date=date, name=_member_link(last.author, links))
        parts.append(f'<p class="forum-listing__last">{text}</p>')
    if thread.tags:
        tags = "".join(f"<li>{escape(tag)}</li>" for tag in thread.tags)
        parts.append(f'<ul class="forum-listing__tags" aria-label="{escape_attr(labels("tags"))}">{tags}</ul>')
    return f'<li class="{classes}">{"".join(parts)}</li>'


def _pager(listing: ListingPage, links: PageLinks, labels: Labels) -> str:
    if listing.pages <= 1:
        return ""
    parts = []
    if listing.newer is not None:
        parts.append(f'<a href="{escape_attr(links.file(listing.newer) or "")}">{escape(labels("pager_newer"))}</a>')
    where = labels("pager_page", page=labels.number(listing.page), pages=labels.number(listing.pages))
    parts.append(f"<span>{escape(where)}</span>")
    if listing.older is not None:
        parts.append(f'<a href="{escape_attr(links.file(listing.older) or "")}">{escape(labels("pager_older"))}</a>')
    return f'<nav class="forum-pager" aria-label="{escape_attr(where)}">{" · ".join(parts)}</nav>'


def listing_html(listing: ListingPage, links: PageLinks, badges: tuple[str, str], labels: Labels) -> str:
    """HTML of one page of a section's listing; ``links`` is the link index seen from that page.

    ``badges``: the labels of expert and of recommended answers.
    """
    rows = "".join(_row(entry, links, badges, labels) for entry in listing.entries)
    count = escape(labels.count("section_count", listing.total))
    return (
        f"<h1>{escape(listing.title)}</h1>"
        f'<p class="forum-listing__count">{count}</p>'
        f'<ol class="forum-listing" role="list">{rows}</ol>{_pager(listing, links, labels)}'
    )
