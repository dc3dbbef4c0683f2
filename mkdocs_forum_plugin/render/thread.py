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
from .content_notes import folded, note_of, thread_note
from .disclaimer import admonition, disclaimer_text, slots
from .labels import Labels
from .media import avatar_url, present_media
from .options import ContentNote, RenderOptions
from .post import PostFrame, answer_kind, render_post, render_removed_post
from .review_line import review_line
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
        # No "noopener": the link opens in the same window, where it does nothing.
        facts.append(f'<a class="forum-thread__source" href="{href}" rel="nofollow">{words}</a>')
    html = f'<h1>{escape(thread.title)}</h1><p class="forum-thread__meta">{" ".join(facts)}</p>'
    if thread.tags and options.render_tags:
        tags = "".join(f'<li class="forum-tag">{escape(tag)}</li>' for tag in thread.tags)
        html += f'<ul class="forum-thread__tags" aria-label="{escape_attr(labels("tags"))}">{tags}</ul>'
    return html


def _answer_summary(posts: list[int], label: str, css_class: str, options: RenderOptions) -> str:
    """'Expert answers in this thread: post 2 and post 4' (or the recommended answers', with their own label)."""
    if not posts:
        return ""
    labels = options.labels
    links = labels.names([f'<a href="#post-{n}">{escape(labels("post_ref", n=labels.number(n)))}</a>' for n in posts])
    text = labels.html("expert_summary", len(posts), label=escape(label), links=links)
    return f'<p class="{css_class}">{text}</p>'


def _related(related: tuple[RelatedLink, ...], labels: Labels) -> str:
    if not related:
        return ""
    items = []
    for link in related:
        # The kind shows as the note's words only, in a ``small``: a class on every entry or note
        # weighed more than it told.
        note = escape(labels(RELATED_NOTES[link.kind])) if RELATED_NOTES[link.kind] else ""
        extra = f" <small>({note})</small>" if note else ""
        items.append(f'<li><a href="{escape_attr(link.url)}">{escape(link.title)}</a>{extra}</li>')
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
    *,
    bodies: BodyRenderer,
) -> list[str]:
    """Each post's HTML, its links pointed at the wiki's pages."""
    quoted_by = _check_bodies(thread, rendered, problems)
    base_dir = posixpath.dirname(thread.path)
    posts: list[str] = []
    remote: dict[int, list[str]] = {}  # post number -> the other hosts its pictures come from
    for post, body in zip(thread.posts, rendered, strict=True):
        if post.removed:
            posts.append(render_removed_post(post, PostFrame(quoted_by=quoted_by.get(post.number, [])), options))
            continue
        location = _body_at(thread, post)
        media = present_media(body.html, base_dir, links, options.media, options.labels)
        if media.remote_hosts:
            remote[post.number] = media.remote_hosts
        body_html, link_problems = rewrite_links(media.html, base_dir, links)
        for problem in link_problems:
            found = post.body.find(problem.target)
            line = location.line + (post.body[:found].count("\n") if found >= 0 else 0)
            problems.append(Problem(Location(location.path, line, location.field), problem.message))
        member = links.member(post.author)
        avatar = avatar_url(member, links, options.media)
        kind = answer_kind(post, member, options)
        note = note_of(post.content_note, options.content_notes)
        if note is not None:
            where = post.content_note_at or Location(thread.path, 1, f"posts[{post.number}].content_note")
            text, note_problems = _note_text(note, bodies, links, where)
            problems.extend(note_problems)
            body_html = folded(body_html, note, text)
        frame = PostFrame(
            expert=kind == "expert",
            recommended=kind == "recommended",
            member=member,
            avatar_url=avatar,
            member_page=links.member_page(post.author),
            quoted_by=quoted_by.get(post.number, []),
        )
        posts.append(render_post(post, body_html, frame, options))
    if remote and options.media.remote_images == "warn":
        problems.append(_remote_problem(thread, remote))
    return posts


def _remote_problem(thread: Thread, remote: dict[int, list[str]]) -> Problem:
    """One warning for a thread file: which posts show pictures from which other hosts."""
    numbers = sorted(remote)
    hosts = list(dict.fromkeys(host for n in numbers for host in remote[n]))
    where = "post " if len(numbers) == 1 else "posts "
    posts = where + ", ".join(map(str, numbers))
    message = (
        f"{posts} {'shows' if len(numbers) == 1 else 'show'} pictures from {', '.join(hosts)}: every reader's"
        f" browser asks {'that host' if len(hosts) == 1 else 'those hosts'} for them. Keep them in the wiki"
        " (mkdocs-forum media), or set"
        " remote_images: block (a link instead) or allow"
    )
    first = next(p for p in thread.posts if p.number == numbers[0])
    return Problem(_body_at(thread, first), message)


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


def _note_text(note: ContentNote, bodies: BodyRenderer, links: PageLinks, where: Location) -> tuple[str, list[Problem]]:
    """A content note's text as safe HTML, its links resolved from docs/ (the note is the wiki's, not a file's)."""
    if not note.text.strip():
        return "", []
    html, link_problems = rewrite_links(bodies.render(note.text, 0).html, "", links)
    return html, [Problem(where, f"the content note's text {p.message}") for p in link_problems]


def _thread_note(
    thread: Thread, bodies: BodyRenderer, options: RenderOptions, links: PageLinks
) -> tuple[str, list[Problem]]:
    """The thread's content note, shown before the first post ("" for none), and what is wrong with its text."""
    note = note_of(thread.content_note, options.content_notes)
    if note is None:
        return "", []
    text, problems = _note_text(note, bodies, links, thread.where("content_note"))
    return thread_note(note, text), problems


def render_thread(thread: Thread, bodies: BodyRenderer, options: RenderOptions, links: PageLinks) -> RenderedThread:
    """Render one thread page's HTML; problems (bad quotes, dead links) come back as values.

    Everything the page needs from the rest of the wiki comes through ``links``,
    which records it for the page cache.
    """
    kinds = [answer_kind(p, links.member(p.author), options) for p in thread.posts]
    experts = [p.number for p, kind in zip(thread.posts, kinds, strict=True) if kind == "expert"]
    recommended = [p.number for p, kind in zip(thread.posts, kinds, strict=True) if kind == "recommended"]
    # Advice gets the disclaimer whoever wrote it: an editor's recommended answer as much as an expert's.
    answers = [p.number for p, kind in zip(thread.posts, kinds, strict=True) if kind is not None]
    notice, problems = _notice(thread, bodies, options, bool(answers))
    where, after = slots(options.disclaimer, answers)
    removed = thread.removed_numbers
    rendered = [bodies.render(post.body, len(thread.posts), removed) for post in thread.posts]
    posts: list[str] = []
    shown = _posts(thread, rendered, options, links, problems, bodies=bodies)
    for post, post_html in zip(thread.posts, shown, strict=True):
        posts.append(post_html)
        if notice and where == "after" and post.number in after:
            posts.append(notice)
    note, note_problems = _thread_note(thread, bodies, options, links)
    problems.extend(note_problems)
    parts = [
        _header(thread, options, links),
        note,
        _answer_summary(experts, options.expert_label, "forum-expert-summary", options),
        _answer_summary(recommended, options.recommended_label, "forum-recommended-summary", options),
    ]
    if notice and where == "top":
        parts.append(notice)
    parts.append(f'<div class="forum-thread">{"".join(posts)}</div>')
    if notice and where == "bottom":
        parts.append(notice)
    parts.append(_related(links.related(thread.path), options.labels))
    parts.append(review_line(thread, options, links))
    return RenderedThread("".join(p for p in parts if p), problems)
