"""One post: the frame around its body (author, role, flair, avatar, dates, likes)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape

from ..model import Member, Post
from .avatar import post_avatar
from .labels import Labels
from .options import RenderOptions
from .text import member_link, time_tag


def member_of(post: Post, members: Mapping[str, Member]) -> Member:
    """The members-file entry of a post's author, or an empty one."""
    return members.get(post.author) or Member(name=post.author)


def author_is_expert(post: Post, member: Member, options: RenderOptions) -> bool:
    """Whether the post's author holds an expert role: ``expert: true`` in the members file, or a listed role."""
    if member.expert:
        return True
    role = post.role or member.role
    return role is not None and role.casefold() in options.experts


def answer_kind(post: Post, member: Member, options: RenderOptions) -> str | None:
    """'expert', 'recommended' or None: what a post is labelled as.

    Only an author with an expert role writes expert answers. A post an editor marks
    ``expert: true`` whose author has no such role is a recommended answer: the page
    never claims a qualification the author does not have. ``expert: false`` unmarks
    any post; a moderator's note is never an answer.
    """
    if post.kind == "moderator" or post.expert is False or post.removed:
        return None
    if author_is_expert(post, member, options):
        return "expert"
    return "recommended" if post.expert else None


def is_expert(post: Post, member: Member, options: RenderOptions) -> bool:
    """An expert answer: written by an author with an expert role, and not unmarked (see :func:`answer_kind`)."""
    return answer_kind(post, member, options) == "expert"


def memorial_html(text: str, labels: Labels, escape_text: Callable[[str], str] = escape) -> str:
    """A member's memorial flair: sighted readers see the wiki's text alone ("RIP 2021"), once.

    Only the label's words around it ("In memoriam: ") are there for screen readers.
    ``escape_text``: how text is written (HTML escaping, or character references in Markdown).
    """
    before, _, after = labels("in_memoriam", text="\0").partition("\0")
    hide = [
        f'<span class="forum-visually-hidden">{escape_text(words)}</span>' if words else "" for words in (before, after)
    ]
    return f'<span class="forum-post__memorial">{hide[0]}{escape_text(text)}{hide[1]}</span>'


@dataclass(frozen=True)
class PostFrame:
    """What the thread knows about a post that the post itself does not say."""

    expert: bool = False
    recommended: bool = False  # an editor's pick whose author has no expert role
    member: Member | None = None  # the author's members-file entry
    avatar_url: str | None = None
    member_page: str | None = None  # URL of the author's member page
    quoted_by: list[int] = field(default_factory=list)  # later posts that quote this one


def _after_body(post: Post, quoted_by: list[int], labels: Labels) -> str:
    """The likes and quoted-by lines under a post's body ("" for neither): children of the post, no wrapper."""
    parts = []
    likes = labels.likes(post.likes, post.likes_total)
    if likes:
        parts.append(f'<p class="forum-post__likes">{escape(likes)}</p>')
    if quoted_by:
        links = labels.names([f'<a href="#post-{n}">{labels.number(n)}</a>' for n in quoted_by])
        text = labels.html("quoted_in", len(quoted_by), links=links)
        parts.append(f'<p class="forum-post__quoted-by">{text}</p>')
    return "".join(parts)


def _heading(n: int, text: str, options: RenderOptions, css_class: str = "") -> str:
    """The post's h2: the name (or the removed placeholder), then ", post N", the link to the post.

    The number makes each heading unique for screen readers and search results, and it is the
    post's address: one link, which sighted readers and screen readers see alike, where a
    hidden ", post N" and a visible "Post N" beside the date each said it (20 bytes a post).
    The stylesheet finds it as the heading's last link (the name is text or the first link).
    The heading itself has no class: the stylesheet finds it as the article's ``h2``
    (``css_class`` marks the removed placeholder). The h2 is a direct child of the article,
    so Material's search index makes each post a section of its own (a hit inside post 12
    opens post 12); it needs the heading's id for that (``heading_ids``), the plugin's
    search does not.
    """
    number = escape(options.labels("post_hidden", n=options.labels.number(n)))
    anchor = f' id="post-{n}-author"' if options.heading_ids else ""
    attrs = f' class="{css_class}"' if css_class else ""
    return f'<h2{attrs}{anchor}>{text}<a href="#post-{n}">{number}</a></h2>'


def _meta(post: Post, labels: Labels, who: list[str]) -> str:
    """One line under the name: role and labels, then the date and the edit date ("" for none of them).

    Spaces between the parts keep them apart where no stylesheet applies (reader views, feeds).
    The line has no class: it is the paragraph right after the post's heading.
    """
    parts = list(who)
    if post.date:
        parts.append(time_tag(post.date, labels.date(post.date)))
    if post.edited:
        parts.append(time_tag(post.edited, labels("last_edited", date=labels.date(post.edited)), "forum-post__edited"))
    return f"<p>{' '.join(parts)}</p>" if parts else ""


def render_post(post: Post, body_html: str, frame: PostFrame, options: RenderOptions) -> str:
    """The HTML of one post, with ``id="post-N"`` and the documented classes.

    Only the article and the optional lines carry classes: the picture, heading, meta line and
    body are the article's ``img``, ``h2``, first ``p`` and ``div`` children, which the
    stylesheet finds by their place, so fifteen posts do not repeat four class names; initials
    are the article's own (see :func:`post_avatar`).
    """
    expert = frame.expert
    member = frame.member or Member(name=post.author)
    role = post.role or member.role
    labels = options.labels
    classes = "forum-post forum-post--expert" if expert else "forum-post"
    if frame.recommended:
        classes += " forum-post--recommended"
    if post.kind == "moderator":
        classes += " forum-post--moderator"
    name = member_link(escape(post.author), frame.member_page, member.url)
    who = []
    if role:
        who.append(f'<span class="forum-post__role">{escape(role)}</span>')
    if member.memorial:
        who.append(memorial_html(member.memorial, labels))
    if expert:
        who.append(f'<span class="forum-post__expert-label">{escape(options.expert_label)}</span>')
    elif frame.recommended:
        who.append(f'<span class="forum-post__recommended-label">{escape(options.recommended_label)}</span>')
    if post.kind == "moderator":
        who.append(f'<span class="forum-post__moderator-label">{escape(labels("moderator_note"))}</span>')
    picture, hue, initials = post_avatar(member, frame.avatar_url)
    return (
        f'<article class="{classes}{hue}" id="post-{post.number}"{initials}>'
        f"{picture}{_heading(post.number, name, options)}{_meta(post, labels, who)}"
        f"<div>{body_html}</div>{_after_body(post, frame.quoted_by, labels)}</article>"
    )


# --- removed posts (issue 22: a member's right to be forgotten) ---
def render_removed_post(post: Post, frame: PostFrame, options: RenderOptions) -> str:
    """A removed post: its number, date and the posts that quote it, with a placeholder for everything else.

    The author, role, avatar, likes and body are never shown, whatever the file still holds.
    """
    labels = options.labels
    placeholder = escape(labels("post_removed"))
    heading = _heading(post.number, placeholder, options, "forum-post__removed")
    shown = Post(post.number, "", "", date=post.date)  # the number and date, nothing the member wrote
    return (
        f'<article class="forum-post forum-post--removed" id="post-{post.number}">{heading}'
        f"{_meta(shown, labels, [])}{_after_body(shown, frame.quoted_by, labels)}</article>"
    )
