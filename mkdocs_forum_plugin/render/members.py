"""Member pages: who a member is and every post they wrote, plus the members index.

A member page lists the member's posts as a compact list, newest first, one row per
thread (several posts in one thread share a row, each with its own link); only the
newest rows carry an excerpt. The thread pages already show every word.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..link_index import PageLinks
from ..model import Member, Post, Thread, instant
from .avatar import avatar
from .content_notes import post_words
from .excerpt import excerpt
from .labels import ENGLISH, Labels
from .markdown_source import front_matter
from .media import MediaOptions, avatar_url
from .options import ContentNote
from .post import memorial_html
from .sanitize import LINK_REL
from .sections import slugify
from .text import escape_attr

MEMBER_PAGES = ("all", "experts", "off")


@dataclass(frozen=True)
class MemberPost:
    """One post as its author's page lists it."""

    thread: Thread
    post: Post
    page_src: str  # the thread page's src_uri
    answer: str | None  # 'expert', 'recommended' (an editor's pick by an author without an expert role) or None

    @property
    def expert(self) -> bool:
        """Whether the post is an expert answer."""
        return self.answer == "expert"


@dataclass
class Activity:
    """A member and their posts across the wiki, newest first."""

    member: Member
    posts: list[MemberPost] = field(default_factory=list)

    @property
    def is_expert(self) -> bool:
        """An expert: marked so in the members file, or the author of an expert answer (never of a recommended one)."""
        return self.member.expert or any(p.expert for p in self.posts)

    def by_thread(self) -> list[list[MemberPost]]:
        """The posts grouped by thread, each group newest first, the groups in the order of their newest post."""
        groups: dict[str, list[MemberPost]] = {}
        for item in self.posts:
            groups.setdefault(item.thread.path, []).append(item)
        return list(groups.values())


def activities(
    threads: list[Thread], members: dict[str, Member], answer: Callable[[Post], str | None]
) -> dict[str, Activity]:
    """Every member who posted, with their posts newest first (``answer`` labels each post, as ``answer_kind``)."""
    found: dict[str, Activity] = {}
    for thread in threads:
        page = thread.path.rsplit(".", 1)[0] + ".md"
        for post in thread.shown_posts:  # a removed post has no author (issue 22)
            activity = found.get(post.author)
            if activity is None:
                known = members.get(post.author)
                activity = found[post.author] = Activity(known or Member(name=post.author))
            if activity.member.role is None and post.author not in members:
                activity.member.role = post.role
            activity.posts.append(MemberPost(thread, post, page, answer(post)))
    for activity in found.values():
        # Newest first: two stable sorts keep undated posts last, in wiki order.
        activity.posts.sort(key=_when, reverse=True)
        activity.posts.sort(key=lambda item: _when(item) == "")
    return found


def _when(item: MemberPost) -> str:
    """A post's moment (the thread's start when the post has none), as a sort key; empty when neither is known."""
    when = item.post.date or item.thread.started
    return instant(when) if when else ""


def member_page_uri(folder: str, name: str) -> str:
    """Where a member's page lives."""
    return f"{folder}/{slugify(name)}.md"


def member_page_meta(member: Member, labels: Labels = ENGLISH) -> str:
    """Front matter of a member page; its HTML comes from ``member_page_html``."""
    # Kept out of the search index: it repeats words of posts whose own pages are indexed,
    # and a search hit should open the post in its thread.
    meta: dict[str, object] = {"title": member.name, "description": labels("posts_by", name=member.name)}
    meta["search"] = {"exclude": True}
    return front_matter(meta)


def member_page_html(
    activity: Activity,
    links: PageLinks,
    expert_label: str,
    labels: Labels = ENGLISH,
    *,
    recommended_label: str | None = None,
    notes: Mapping[str, ContentNote] | None = None,
    media: MediaOptions | None = None,
) -> str:
    """HTML of one member's page; ``links`` is the link index seen from that page.

    ``recommended_label``: the label of recommended answers (default: the language's);
    ``notes``: the wiki's content notes (a folded post's excerpt is its note's title);
    ``media``: how pictures from other sites are treated (the member's own picture among them).
    """
    member = activity.member
    picture = avatar_url(member, links, media or MediaOptions())
    out = [f"<h1>{html.escape(member.name)}</h1>", '<div class="forum-member__card">']
    out.append(avatar(member, picture, "forum-member__avatar"))
    facts = []
    if member.role:
        facts.append(f'<span class="forum-post__role">{html.escape(member.role)}</span>')
    if activity.is_expert:
        facts.append(f'<span class="forum-post__expert-label">{html.escape(expert_label)}</span>')
    if member.memorial:
        facts.append(memorial_html(member.memorial, labels))
    out.append(f'<p class="forum-member__facts">{"".join(facts)}</p></div>' if facts else "</div>")
    if member.bio:
        out.append(f"<p>{html.escape(' '.join(member.bio.split()))}</p>")
    if member.url:
        out.append(f'<p><a href="{escape_attr(member.url)}" rel="{LINK_REL}">{html.escape(member.url)}</a></p>')
    # The count is said once, in the heading.
    heading = html.escape(labels.count("posts_heading", len(activity.posts)))
    out.append(f'<h2>{heading}</h2><ul class="forum-member__posts">')
    badges = {"expert": expert_label, "recommended": recommended_label or labels("recommended_answer")}
    for n, group in enumerate(activity.by_thread()):
        words = post_words(group[0].post, notes) if n < EXCERPTS else None
        out.append(_post_row(group, links, labels, badges, words))
    out.append("</ul>")
    return "".join(out)


# Only the newest few rows carry the start of the post: a reader recognises the others by
# thread title, number and date, and an excerpt on each of a member's hundred posts would
# weigh more than the rest of the page together.
EXCERPTS = 3
EXCERPT_CHARS = 140


def _post_row(
    group: list[MemberPost], links: PageLinks, labels: Labels, badges: Mapping[str, str], words: str | None
) -> str:
    """One thread on a member's page: its title linked to the newest of the member's posts there, then each post.

    ``words``: the newest post's words to excerpt (its note's title when folded), or None for no excerpt.
    """
    newest = group[0]
    page = links.file(newest.page_src) or newest.page_src  # once per thread, not once per post
    title = html.escape(newest.thread.title)
    parts = [f'<a href="{escape_attr(page)}#post-{newest.post.number}">{title}</a>']
    for item in group:
        ref = _unbroken(labels("post_ref", n=labels.number(item.post.number)))
        # A single post is the title's own link; several get a link each.
        parts.append(f'<a href="{escape_attr(page)}#post-{item.post.number}">{ref}</a>' if len(group) > 1 else ref)
        if item.answer is not None:
            parts[-1] += f' <span class="forum-post__{item.answer}-label">{html.escape(badges[item.answer])}</span>'
    if newest.post.date:
        # Words only, no <time datetime>: the thread page dates each post for machines, and
        # here the attribute would be a fifth of every row.
        parts.append(_unbroken(labels.date(newest.post.date)))
    text = html.escape(excerpt(words, EXCERPT_CHARS)) if words else ""
    excerpt_html = f'<p class="forum-member__excerpt">{text}</p>' if text else ""
    return f"<li>{' · '.join(parts)}{excerpt_html}</li>"


def _unbroken(words: str) -> str:
    """Short words that stay on one line ("post 12", "45 posts"), escaped: no-break spaces, not a class per row."""
    return html.escape(words).replace(" ", "\u00a0")


@dataclass(frozen=True)
class MembersRoster:
    """The members index as plain data: each member with a page, and that page's docs path."""

    rows: tuple[tuple[Activity, str], ...]


def members_index_meta(labels: Labels = ENGLISH) -> str:
    """Front matter of the members index; its HTML comes from :func:`members_index_html`."""
    return front_matter({"title": labels("members")})


def _index_row(activity: Activity, page_src: str, links: PageLinks, labels: Labels, media: MediaOptions) -> str:
    member = activity.member
    picture = avatar(member, avatar_url(member, links, media), "forum-listing__avatar")
    url = links.file(page_src) or page_src
    parts = [f'<a href="{escape_attr(url)}">{html.escape(member.name)}</a>']
    if member.role:
        parts.append(f'<span class="forum-post__role">{html.escape(member.role)}</span>')
    if member.memorial:
        parts.append(memorial_html(member.memorial, labels))
    parts.append(_unbroken(labels.count("posts", len(activity.posts))))
    # The list's own rules lay out each row (forum.css): no class repeated on every one.
    return f'<li>{picture}<span class="forum-members__who">{" · ".join(parts)}</span></li>'


def members_index_html(
    roster: MembersRoster, links: PageLinks, labels: Labels = ENGLISH, media: MediaOptions | None = None
) -> str:
    """HTML of the members index: experts first, then everyone else, by name, each with avatar or initials.

    ``media``: how pictures from other sites are treated (members' own pictures among them).
    """
    title = labels("members")
    out = [f"<h1>{html.escape(title)}</h1>"]
    experts = [r for r in roster.rows if r[0].is_expert]
    others = [r for r in roster.rows if not r[0].is_expert]
    for heading, group in ((labels("experts"), experts), (title, others)):
        if not group:
            continue
        rows = sorted(group, key=lambda r: r[0].member.name.casefold())
        items = "".join(_index_row(activity, src, links, labels, media or MediaOptions()) for activity, src in rows)
        out.append(f'<h2>{html.escape(heading)}</h2><ul class="forum-members" role="list">{items}</ul>')
    return "".join(out)
