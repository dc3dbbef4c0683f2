"""A whole thread page: header, expert summary, posts, disclaimer, related threads."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html import escape

from ..model import Location, Post, Thread
from ..problems import Problem
from .body import BodyRenderer, RenderedBody
from .disclaimer import admonition, disclaimer_text, slots
from .links import rewrite_links
from .options import PageContext, RenderOptions
from .post import PostFrame, is_expert, member_of, render_post
from .text import attr, plural, time_tag

RELATED_NOTES = {"listed": "", "backlink": "links here", "similar": "similar"}


@dataclass
class RenderedThread:
    """The page HTML and the problems found while rendering it."""

    html: str
    problems: list[Problem] = field(default_factory=list)


def _header(thread: Thread, options: RenderOptions, ctx: PageContext) -> str:
    facts: list[str] = []
    section = ctx.section_name or thread.forum
    if section:
        forum = escape(section)
        if ctx.section_url:
            forum = f'<a href="{attr(ctx.section_url)}">{forum}</a>'
        facts.append(f'<span class="forum-thread__forum">In {forum}</span>')
    started = thread.started
    if started:
        facts.append(f'<span class="forum-thread__date">Started {time_tag(started)}</span>')
    replies = thread.replies
    facts.append(f'<span class="forum-thread__replies">{replies} {"reply" if replies == 1 else "replies"}</span>')
    if thread.source:
        facts.append(
            f'<a class="forum-thread__source" href="{attr(thread.source)}" rel="nofollow noopener">Original thread</a>'
        )
    html = f'<h1>{escape(thread.title)}</h1><p class="forum-thread__meta">{" ".join(facts)}</p>'
    if thread.tags and options.render_tags:
        tags = "".join(f'<li class="forum-tag">{escape(tag)}</li>' for tag in thread.tags)
        html += f'<ul class="forum-thread__tags" aria-label="Tags">{tags}</ul>'
    return html


def _expert_summary(expert_posts: list[int], options: RenderOptions) -> str:
    if not expert_posts:
        return ""
    links = ", ".join(f'<a href="#post-{n}">post {n}</a>' for n in expert_posts)
    label = escape(options.expert_label)
    return f'<p class="forum-expert-summary">{label}{"s" if len(expert_posts) > 1 else ""} in this thread: {links}</p>'


def _related(ctx: PageContext) -> str:
    if not ctx.related:
        return ""
    items = []
    for link in ctx.related:
        note = RELATED_NOTES[link.kind]
        extra = f' <span class="forum-related__note">({note})</span>' if note else ""
        anchor = f'<a href="{attr(link.url)}">{escape(link.title)}</a>'
        items.append(f'<li class="forum-related__{link.kind}">{anchor}{extra}</li>')
    return (
        '<nav class="forum-related" aria-labelledby="forum-related-title">'
        f'<h2 id="forum-related-title">Related threads</h2><ul>{"".join(items)}</ul></nav>'
    )


def _body_at(thread: Thread, post: Post) -> Location:
    return post.body_location or Location(thread.path, 1, f"posts[{post.number}].body")


def _check_bodies(thread: Thread, rendered: list[RenderedBody], problems: list[Problem]) -> dict[int, list[int]]:
    """Report empty, unrenderable and wrongly quoting posts; return which later posts quote each post."""
    count = len(thread.posts)
    quoted_by: dict[int, list[int]] = {}
    for post, body in zip(thread.posts, rendered, strict=True):
        location = _body_at(thread, post)
        if not post.body.strip():
            problems.append(Problem(location, "the post is empty"))
        if body.failure:
            message = f"could not be rendered as Markdown ({body.failure}); the post is shown as plain text"
            problems.append(Problem(location, message))
        for quote in body.quotes:
            if quote.post is None:
                continue
            if 1 <= quote.post <= count:
                later = quoted_by.setdefault(quote.post, [])
                if quote.post != post.number and post.number not in later:
                    later.append(post.number)
                continue
            line = location.line + post.body[: quote.offset].count("\n")
            message = f"quotes post {quote.post}, but this thread has {plural(count, 'post')}"
            problems.append(Problem(Location(thread.path, line, location.field), message))
    return quoted_by


def render_thread(thread: Thread, bodies: BodyRenderer, options: RenderOptions, ctx: PageContext) -> RenderedThread:
    """Render one thread page's HTML; problems (bad quotes, dead links) come back as values."""
    problems: list[Problem] = []
    count = len(thread.posts)
    base_dir = posixpath.dirname(thread.path)
    experts = [p.number for p in thread.posts if is_expert(p, options)]
    notice_md = disclaimer_text(thread, options.disclaimer, bool(experts))
    notice_body = bodies.render(notice_md, 0) if notice_md else None
    notice = admonition(notice_body.html, options.disclaimer) if notice_body else ""
    if notice_body and notice_body.failure and isinstance(thread.disclaimer, str):
        message = f"could not be rendered as Markdown ({notice_body.failure}); it is shown as plain text"
        problems.append(Problem(thread.where("disclaimer"), message))
    if thread.disclaimer is True and not notice_md:
        message = "asks for the disclaimer, but the site has none (set the plugin's disclaimer.text)"
        problems.append(Problem(thread.where("disclaimer"), message))
    where, after = slots(options.disclaimer, experts)

    rendered = [bodies.render(post.body, count) for post in thread.posts]
    quoted_by = _check_bodies(thread, rendered, problems)

    posts: list[str] = []
    for post, body in zip(thread.posts, rendered, strict=True):
        location = _body_at(thread, post)

        def missing(target: str, message: str, location: Location = location, body: str = post.body) -> None:
            found = body.find(target)
            line = location.line + (body[:found].count("\n") if found >= 0 else 0)
            problems.append(Problem(Location(location.path, line, location.field), message))

        body_html = rewrite_links(
            body.html, base_dir, ctx.resolve_link, missing, resolve_web=ctx.resolve_web, posts_of=ctx.posts_of
        )
        member = member_of(post, options)
        avatar = None
        if member.avatar:
            path = member.avatar_path
            avatar = ctx.asset_url(path) if path is not None else member.avatar
        frame = PostFrame(
            expert=post.number in experts,
            avatar_url=avatar,
            member_page=ctx.member_url(post.author),
            quoted_by=quoted_by.get(post.number, []),
        )
        posts.append(render_post(post, body_html, frame, options))
        if notice and where == "after" and post.number in after:
            posts.append(notice)

    parts = [_header(thread, options, ctx), _expert_summary(experts, options)]
    if notice and where == "top":
        parts.append(notice)
    parts.append(f'<div class="forum-thread">{"".join(posts)}</div>')
    if notice and where == "bottom":
        parts.append(notice)
    parts.append(_related(ctx))
    return RenderedThread("".join(p for p in parts if p), problems)
