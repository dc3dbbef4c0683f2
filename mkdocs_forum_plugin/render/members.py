"""Member pages: who a member is and every post they wrote, plus the members index."""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from ..link_index import PageLinks
from ..model import Member, Post, Thread
from .excerpt import excerpt
from .labels import ENGLISH, Labels
from .markdown_source import front_matter, md_link, md_text
from .sections import slugify
from .text import escape_attr

MEMBER_PAGES = ("all", "experts", "off")


@dataclass(frozen=True)
class MemberPost:
    """One post as its author's page lists it."""

    thread: Thread
    post: Post
    page_src: str  # the thread page's src_uri
    expert: bool


@dataclass
class Activity:
    """A member and their posts across the wiki, oldest first."""

    member: Member
    posts: list[MemberPost] = field(default_factory=list)

    @property
    def is_expert(self) -> bool:
        """A member counts as an expert when any of their posts is an expert answer."""
        return self.member.expert or any(p.expert for p in self.posts)


def activities(
    threads: list[Thread], members: dict[str, Member], is_expert: Callable[[Post], bool]
) -> dict[str, Activity]:
    """Every member who posted, with their posts oldest first (``is_expert`` says which posts are expert answers)."""
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
            activity.posts.append(MemberPost(thread, post, page, is_expert(post)))
    for activity in found.values():
        activity.posts.sort(key=_when)
    return found


def _when(item: MemberPost) -> tuple[int, str]:
    """Dated posts oldest first, then undated ones in wiki order (the sort is stable)."""
    when = item.post.date or item.thread.started
    return (0, when.isoformat()) if when else (1, "")


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


def member_page_html(activity: Activity, links: PageLinks, expert_label: str, labels: Labels = ENGLISH) -> str:
    """HTML of one member's page; ``links`` is the link index seen from that page."""
    member = activity.member
    path = member.avatar_path
    avatar = links.picture(path) if path is not None else member.avatar
    out = [f"<h1>{html.escape(member.name)}</h1>"]
    facts = []
    if member.role:
        facts.append(f"<strong>{html.escape(member.role)}</strong>")
    if member.memorial:
        facts.append(html.escape(labels("in_memoriam", text=member.memorial)))
    facts.append(html.escape(labels.count("posts", len(activity.posts))))
    if avatar:
        src = escape_attr(avatar)
        out.append(f'<p><img class="forum-member__avatar" src="{src}" alt="" width="80" height="80"></p>')
    out.append(f'<p class="forum-member__facts">{" · ".join(facts)}</p>')
    if member.bio:
        out.append(f"<p>{html.escape(' '.join(member.bio.split()))}</p>")
    if member.url:
        out.append(f'<p><a href="{escape_attr(member.url)}" rel="nofollow noopener">{html.escape(member.url)}</a></p>')
    heading = html.escape(labels.count("posts_heading", len(activity.posts)))
    out.append(f'<h2>{heading}</h2><ul class="forum-member__posts">')
    for item in activity.posts:
        link = f"{links.file(item.page_src) or item.page_src}#post-{item.post.number}"
        facts = [html.escape(labels("post_ref", n=labels.number(item.post.number)))]
        if item.post.date:
            facts.append(html.escape(labels.date(item.post.date)))
        if item.expert:
            facts.append(f"<strong>{html.escape(expert_label)}</strong>")
        text = html.escape(excerpt(item.post.body, 200))
        title = html.escape(item.thread.title)
        out.append(f'<li><a href="{escape_attr(link)}">{title}</a> · {" · ".join(facts)}<br>{text}</li>')
    out.append("</ul>")
    return "".join(out)


def members_index(rows: list[tuple[Activity, str]], src: str, labels: Labels = ENGLISH) -> str:
    """Markdown of the members index: experts first, then everyone else, by name."""
    here = posixpath.dirname(src)
    title = labels("members")
    lines = [front_matter({"title": title}), f"# {md_text(title)}\n"]
    experts = [r for r in rows if r[0].is_expert]
    others = [r for r in rows if not r[0].is_expert]
    for heading, group in ((labels("experts"), experts), (title, others)):
        if not group:
            continue
        lines.append(f"\n## {md_text(heading)}\n")
        for activity, page_src in sorted(group, key=lambda r: r[0].member.name.casefold()):
            member = activity.member
            role = f" · {md_text(member.role)}" if member.role else ""
            memorial = f" · {md_text(labels('in_memoriam', text=member.memorial))}" if member.memorial else ""
            posts = md_text(labels.count("posts", len(activity.posts)))
            lines.append(f"- [{md_text(member.name)}]({md_link(page_src, here)}){role}{memorial} · {posts}")
    return "\n".join(lines) + "\n"
