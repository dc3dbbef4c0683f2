"""Member pages: who a member is and every post they wrote, plus the members index."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field

from ..model import Member, Post, Thread
from .excerpt import excerpt
from .sections import front_matter, md_escape, slugify
from .text import attr, human_date, plural

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


def member_page_uri(folder: str, name: str) -> str:
    """Where a member's page lives."""
    return f"{folder}/{slugify(name)}.md"


def _link(target_src: str, here: str) -> str:
    return posixpath.relpath(target_src, here)


def member_page(activity: Activity, src: str, avatar: str | None, expert_label: str) -> str:
    """Markdown of one member's page."""
    member = activity.member
    here = posixpath.dirname(src)
    # Kept out of the search index: it repeats words of posts whose own pages are indexed,
    # and a search hit should open the post in its thread.
    meta: dict[str, object] = {"title": member.name, "description": f"Posts by {member.name}"}
    meta["search"] = {"exclude": True}
    lines = [front_matter(meta)]
    lines.append(f"# {md_escape(member.name)}\n")
    facts = []
    if member.role:
        facts.append(f"**{md_escape(member.role)}**")
    if member.memorial:
        facts.append(f"In memoriam: {md_escape(member.memorial)}")
    facts.append(plural(len(activity.posts), "post"))
    if avatar:
        lines.append(f"![]({avatar})\n")
    lines.append(" · ".join(facts) + "\n")
    if member.bio:
        lines.append(md_escape(" ".join(member.bio.split())) + "\n")
    if member.url:
        lines.append(f'<a href="{attr(member.url)}" rel="nofollow noopener">{html.escape(member.url)}</a>\n')
    lines.append(f"## {plural(len(activity.posts), 'Post')}\n")
    for item in activity.posts:
        link = f"{_link(item.page_src, here)}#post-{item.post.number}"
        facts = [f"post {item.post.number}"]
        if item.post.date:
            facts.append(human_date(item.post.date))
        if item.expert:
            facts.append(f"**{md_escape(expert_label)}**")
        text = md_escape(excerpt(item.post.body, 200))
        lines.append(f"- [{md_escape(item.thread.title)}]({link}) · {' · '.join(facts)}  \n  {text}")
    return "\n".join(lines) + "\n"


def members_index(rows: list[tuple[Activity, str]], src: str) -> str:
    """Markdown of the members index: experts first, then everyone else, by name."""
    here = posixpath.dirname(src)
    lines = [front_matter({"title": "Members"}), "# Members\n"]
    experts = [r for r in rows if r[0].is_expert]
    others = [r for r in rows if not r[0].is_expert]
    for heading, group in (("Experts", experts), ("Members", others)):
        if not group:
            continue
        lines.append(f"\n## {heading}\n")
        for activity, page_src in sorted(group, key=lambda r: r[0].member.name.casefold()):
            member = activity.member
            role = f" · {md_escape(member.role)}" if member.role else ""
            memorial = f" · In memoriam: {md_escape(member.memorial)}" if member.memorial else ""
            posts = plural(len(activity.posts), "post")
            lines.append(f"- [{md_escape(member.name)}]({_link(page_src, here)}){role}{memorial} · {posts}")
    return "\n".join(lines) + "\n"
