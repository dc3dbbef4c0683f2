"""A whole thread page: header, expert summary, posts, disclaimer, related threads."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html import escape

from ..link_index import PageLinks, RelatedLink
from ..model import Location, Post, Thread
from ..problems import Problem
from .body import BodyRenderer, RenderedBody
from .body_links import rewrite_links
from .disclaimer import admonition, disclaimer_text, slots
from .labels import Labels
from .options import RenderOptions
from .post import PostFrame, is_expert, render_post, render_removed_post
from .text import escape_attr, plural, time_tag

RELATED_NOTES = {"listed": "", "backlink": "related_backlink", "similar": "related_similar"}  # kind -> label


@dataclass
class RenderedThread:
    """The page HTML and the problems found while rendering it."""

    html: str
    problems: list[Problem] = field(default_factory=list)


def _header(thread: Thread, options: RenderOptions, links: PageLinks) -> str:
    facts: list[str] = []
    labels = options.labels
    section_name, section_url = links.section(thread.path)
    section = section_name or thread.forum
    if section:
        forum = escape(section)
        if section_url:
            forum = f'<a href="{escape_attr(section_url)}">{forum}</a>'
        facts.append(f'<span class="forum-thread__forum">{labels.html("thread_in", section=forum)}</span>')
    started = thread.started
    if started:
        date = time_tag(started, labels.date(started))
        facts.append(f'<span class="forum-thread__date">{labels.html("thread_started", date=date)}</span>')
    replies = escape(labels.count("replies", thread.replies))
    facts.append(f'<span class="forum-thread__replies">{replies}</span>')
    if thread.source:
        href = escape_attr(thread.source)
        words = escape(labels("original_thread"))
        facts.append(f'<a class="forum-thread__source" href="{href}" rel="nofollow noopener">{words}</a>')
    html = f'<h1>{escape(thread.title)}</h1><p class="forum-thread__meta">{" ".join(facts)}</p>'
    if thread.tags and options.render_tags:
        tags = "".join(f'<li class="forum-tag">{escape(tag)}</li>' for tag in thread.tags)
        html += f'<ul class="forum-thread__tags" aria-label="{escape_attr(labels("tags"))}">{tags}</ul>'
    return html


def _expert_summary(expert_posts: list[int], options: RenderOptions) -> str:
    if not expert_posts:
        return ""
    labels = options.labels
    links = labels.names(
        [f'<a href="#post-{n}">{escape(labels("post_ref", n=labels.number(n)))}</a>' for n in expert_posts]
    )
    text = labels.html("expert_summary", len(expert_posts), label=escape(options.expert_label), links=links)
    return f'<p class="forum-expert-summary">{text}</p>'


def _related(related: tuple[RelatedLink, ...], labels: Labels) -> str:
    if not related:
        return ""
    items = []
    for link in related:
        note = escape(labels(RELATED_NOTES[link.kind])) if RELATED_NOTES[link.kind] else ""
        extra = f' <span class="forum-related__note">({note})</span>' if note else ""
        anchor = f'<a href="{escape_attr(link.url)}">{escape(link.title)}</a>'
        items.append(f'<li class="forum-related__{link.kind}">{anchor}{extra}</li>')
    return (
        '<nav class="forum-related" aria-labelledby="forum-related-title">'
        f'<h2 id="forum-related-title">{escape(labels("related_threads"))}</h2><ul>{"".join(items)}</ul></nav>'
    )


def _body_at(thread: Thread, post: Post) -> Location:
    return post.body_location or Location(thread.path, 1, f"posts[{post.number}].body")


def _check_bodies(thread: Thread, rendered: list[RenderedBody], problems: list[Problem]) -> dict[int, list[int]]:
    """Report empty, unrenderable and wrongly quoting posts; return which later posts quote each post."""
    count = len(thread.posts)
    quoted_by: dict[int, list[int]] = {}
    for post, body in zip(thread.posts, rendered, strict=True):
        if post.removed:
            _check_removed(post, problems)
            continue
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


# --- removed posts (issue 22) ---
def _check_removed(post: Post, problems: list[Problem]) -> None:
    """A removed post that still gives its author or words: they are not shown, and should leave the file."""
    if post.ignored and post.removed_at is not None:
        fields = ", ".join(post.ignored)
        one = len(post.ignored) == 1
        message = f"the post is removed, so its {fields} {'is' if one else 'are'} not shown"
        problems.append(Problem(post.removed_at, f"{message}; delete {'it' if one else 'them'} from the file"))


def _posts(
    thread: Thread,
    rendered: list[RenderedBody],
    options: RenderOptions,
    links: PageLinks,
    problems: list[Problem],
) -> list[str]:
    """Each post's HTML, its links pointed at the wiki's pages."""
    quoted_by = _check_bodies(thread, rendered, problems)
    base_dir = posixpath.dirname(thread.path)
    posts: list[str] = []
    for post, body in zip(thread.posts, rendered, strict=True):
        if post.removed:
            posts.append(render_removed_post(post, PostFrame(quoted_by=quoted_by.get(post.number, [])), options))
            continue
        location = _body_at(thread, post)
        body_html, link_problems = rewrite_links(body.html, base_dir, links)
        for problem in link_problems:
            found = post.body.find(problem.target)
            line = location.line + (post.body[:found].count("\n") if found >= 0 else 0)
            problems.append(Problem(Location(location.path, line, location.field), problem.message))
        member = links.member(post.author)
        path = member.avatar_path
        avatar = (links.picture(path) if path is not None else member.avatar) if member.avatar else None
        frame = PostFrame(
            expert=is_expert(post, member, options),
            member=member,
            avatar_url=avatar,
            member_page=links.member_page(post.author),
            quoted_by=quoted_by.get(post.number, []),
        )
        posts.append(render_post(post, body_html, frame, options))
    return posts


def _notice(
    thread: Thread, bodies: BodyRenderer, options: RenderOptions, has_expert: bool
) -> tuple[str, list[Problem]]:
    """The disclaimer admonition for this thread ("" for none), and what is wrong with it."""
    problems: list[Problem] = []
    notice_md = disclaimer_text(thread, options.disclaimer, has_expert)
    notice_body = bodies.render(notice_md, 0) if notice_md else None
    if notice_body and notice_body.failure and isinstance(thread.disclaimer, str):
        message = f"could not be rendered as Markdown ({notice_body.failure}); it is shown as plain text"
        problems.append(Problem(thread.where("disclaimer"), message))
    if thread.disclaimer is True and not notice_md:
        message = "asks for the disclaimer, but the site has none (set the plugin's disclaimer.text)"
        problems.append(Problem(thread.where("disclaimer"), message))
    return (admonition(notice_body.html, options.disclaimer) if notice_body else ""), problems


def render_thread(thread: Thread, bodies: BodyRenderer, options: RenderOptions, links: PageLinks) -> RenderedThread:
    """Render one thread page's HTML; problems (bad quotes, dead links) come back as values.

    Everything the page needs from the rest of the wiki comes through ``links``,
    which records it for the page cache.
    """
    experts = [p.number for p in thread.shown_posts if is_expert(p, links.member(p.author), options)]
    notice, problems = _notice(thread, bodies, options, bool(experts))
    where, after = slots(options.disclaimer, experts)
    removed = thread.removed_numbers
    rendered = [bodies.render(post.body, len(thread.posts), removed) for post in thread.posts]
    posts: list[str] = []
    for post, post_html in zip(thread.posts, _posts(thread, rendered, options, links, problems), strict=True):
        posts.append(post_html)
        if notice and where == "after" and post.number in after:
            posts.append(notice)
    parts = [_header(thread, options, links), _expert_summary(experts, options)]
    if notice and where == "top":
        parts.append(notice)
    parts.append(f'<div class="forum-thread">{"".join(posts)}</div>')
    if notice and where == "bottom":
        parts.append(notice)
    parts.append(_related(links.related(thread.path), options.labels))
    return RenderedThread("".join(p for p in parts if p), problems)
