"""One post: the frame around its body (author, role, flair, avatar, dates, likes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape

from ..model import Member, Post
from .labels import Labels
from .options import RenderOptions
from .text import escape_attr, hue, initials, time_tag


def member_of(post: Post, members: Mapping[str, Member]) -> Member:
    """The members-file entry of a post's author, or an empty one."""
    return members.get(post.author) or Member(name=post.author)


def is_expert(post: Post, member: Member, options: RenderOptions) -> bool:
    """An expert answer: marked on the post, else on the member (its author), else by role; never a moderator's note."""
    if post.kind == "moderator" or post.removed:
        return False
    if post.expert is not None:
        return post.expert
    if member.expert:
        return True
    role = post.role or member.role
    return role is not None and role.casefold() in options.experts


def _avatar(member: Member, asset_url: str | None) -> str:
    if asset_url:
        src = escape_attr(asset_url)
        return f'<img class="forum-post__avatar" src="{src}" alt="" width="40" height="40" loading="lazy">'
    return (
        f'<span class="forum-post__avatar forum-post__avatar--initials" style="--forum-avatar-hue: {hue(member.name)}"'
        f' aria-hidden="true">{escape(initials(member.name))}</span>'
    )


@dataclass(frozen=True)
class PostFrame:
    """What the thread knows about a post that the post itself does not say."""

    expert: bool = False
    member: Member | None = None  # the author's members-file entry
    avatar_url: str | None = None
    member_page: str | None = None  # URL of the author's member page
    quoted_by: list[int] = field(default_factory=list)  # later posts that quote this one


def _footer(post: Post, quoted_by: list[int], labels: Labels) -> str:
    parts = []
    likes = labels.likes(post.likes, post.likes_total)
    if likes:
        parts.append(f'<p class="forum-post__likes">{escape(likes)}</p>')
    if quoted_by:
        links = labels.names([f'<a href="#post-{n}">{labels.number(n)}</a>' for n in quoted_by])
        text = labels.html("quoted_in", len(quoted_by), links=links)
        parts.append(f'<p class="forum-post__quoted-by">{text}</p>')
    return f'<footer class="forum-post__footer">{"".join(parts)}</footer>' if parts else ""


def render_post(post: Post, body_html: str, frame: PostFrame, options: RenderOptions) -> str:
    """The HTML of one post, with ``id="post-N"`` and the documented classes."""
    expert = frame.expert
    member = frame.member or Member(name=post.author)
    role = post.role or member.role
    n = post.number
    labels = options.labels
    classes = "forum-post forum-post--expert" if expert else "forum-post"
    if post.kind == "moderator":
        classes += " forum-post--moderator"
    name = escape(post.author)
    link = frame.member_page or member.url
    if link:
        name = f'<a href="{escape_attr(link)}">{name}</a>'
    # The hidden post number makes each heading unique for screen readers and search results.
    hidden = f'<span class="forum-visually-hidden">{escape(labels("post_hidden", n=labels.number(n)))}</span>'
    heading = f'<h2 class="forum-post__author" id="post-{n}-author">{name}{hidden}</h2>'
    who = []
    if role:
        who.append(f'<span class="forum-post__role">{escape(role)}</span>')
    if member.memorial:
        # Only the words around the memorial text are hidden: sighted readers see the text alone.
        before, _, after = labels("in_memoriam", text="\0").partition("\0")
        hide = [
            f'<span class="forum-visually-hidden">{escape(words)}</span>' if words else "" for words in (before, after)
        ]
        who.append(f'<span class="forum-post__memorial">{hide[0]}{escape(member.memorial)}{hide[1]}</span>')
    if expert:
        who.append(f'<span class="forum-post__expert-label">{escape(options.expert_label)}</span>')
    if post.kind == "moderator":
        who.append(f'<span class="forum-post__moderator-label">{escape(labels("moderator_note"))}</span>')
    number = escape(labels("post_number", n=labels.number(n)))
    meta = [f'<a class="forum-post__number" href="#post-{n}">{number}</a>']
    if post.date:
        meta.append(time_tag(post.date, labels.date(post.date), "forum-post__date"))
    if post.edited:
        meta.append(time_tag(post.edited, labels("last_edited", date=labels.date(post.edited)), "forum-post__edited"))
    # The heading is a direct child of the article: Material's search index then makes each
    # post a section of its own, so a hit inside post 12 opens post 12.
    return (
        f'<article class="{classes}" id="post-{n}">'
        f"{_avatar(member, frame.avatar_url)}{heading}"
        f'<div class="forum-post__header"><div class="forum-post__who">{"".join(who)}</div>'
        f'<div class="forum-post__meta">{"".join(meta)}</div></div>'
        f'<div class="forum-post__body">{body_html}</div>{_footer(post, frame.quoted_by, labels)}</article>'
    )


# --- removed posts (issue 22: a member's right to be forgotten) ---
def render_removed_post(post: Post, frame: PostFrame, options: RenderOptions) -> str:
    """A removed post: its number, date and the posts that quote it, with a placeholder for everything else.

    The author, role, avatar, likes and body are never shown, whatever the file still holds.
    """
    n = post.number
    labels = options.labels
    hidden = f'<span class="forum-visually-hidden">{escape(labels("post_hidden", n=labels.number(n)))}</span>'
    placeholder = escape(labels("post_removed"))
    heading = f'<h2 class="forum-post__author forum-post__removed" id="post-{n}-author">{placeholder}{hidden}</h2>'
    number = escape(labels("post_number", n=labels.number(n)))
    meta = [f'<a class="forum-post__number" href="#post-{n}">{number}</a>']
    if post.date:
        meta.append(time_tag(post.date, labels.date(post.date), "forum-post__date"))
    footer = _footer(Post(n, "", ""), frame.quoted_by, labels)
    return (
        f'<article class="forum-post forum-post--removed" id="post-{n}">{heading}'
        f'<div class="forum-post__header"><div class="forum-post__meta">{"".join(meta)}</div></div>{footer}</article>'
    )
