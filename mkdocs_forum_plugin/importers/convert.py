"""A merged thread to the data of a thread file: quotes resolved, roles, likes, caps.

Field order follows the thread format (title, forum, date, tags, source, posts;
author, role, date, edited, likes, likes_total, expert, body). Everything the
converter changes or cannot keep is reported as a note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..forget.imported import forget_thread_out
from ..forget.record import Forgotten
from ..load.fields import WEB_ADDRESS
from ..load.threads import MAX_BODY_CHARS, MAX_POSTS
from .dates import later
from .disclaimer import disclaimer_pattern, strip_disclaimer
from .markers import unbalanced
from .merge import MergedThread
from .names import clean_name, one_line, quote_name
from .records import TRUNCATED, QuoteMark, SourcePost, When
from .safety import file_stem

_MARK = re.compile(r"\x03Q(\d+)\x03")
_WEB = re.compile(WEB_ADDRESS)
BODY_ROOM = MAX_BODY_CHARS - 1  # a body is written as a literal block, which adds its final line break


class FlowList(list[str]):
    """A list of names, written on one line: ``likes: [a, b]``."""


@dataclass(frozen=True)
class Settings:
    """What the importer knows about the site and what the user asked for."""

    disclaimer: str = ""
    disclaimer_title: str = ""
    experts: frozenset[str] = frozenset()  # casefolded roles
    forum: str | None = None  # for threads whose source names none
    forgotten: Forgotten | None = None  # members forgotten at their request (docs/.forum-forgotten.json)


@dataclass
class ThreadOut:
    """One thread file to write."""

    key: str
    stem: str  # file name without .yml
    data: dict[str, Any]
    sources: list[str]
    notes: list[str] = field(default_factory=list)


def _day(when: When | None) -> dt.date | None:
    return when.date() if isinstance(when, dt.datetime) else when


def _after(edited: When, date: When | None) -> bool:
    if date is None:
        return True
    if isinstance(edited, dt.datetime) and isinstance(date, dt.datetime):
        return later(edited, date)
    return (_day(edited) or edited) >= (_day(date) or date)


def _order(post: SourcePost, index: int) -> tuple[str, int]:
    return (post.date.isoformat() if post.date else "", index)


def member_titles(threads: list[MergedThread]) -> dict[str, str]:
    """Each author's current user title: the one on their newest post in the whole batch."""
    newest: dict[str, tuple[tuple[str, int], str]] = {}
    index = 0
    for thread in threads:
        for post in thread.posts:
            index += 1
            if post.user_title:
                key = _order(post, index)
                if post.author not in newest or key >= newest[post.author][0]:
                    newest[post.author] = (key, one_line(post.user_title))
    return {name: title for name, (_key, title) in newest.items()}


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _by_text(mark: QuoteMark, posts: list[SourcePost], upto: int) -> int | None:
    """The earlier post by the quoted member that contains the quoted text."""
    needle = _normal(mark.text)[:160]
    if len(needle) < 12 or not mark.author:
        return None
    author = clean_name(mark.author)
    for number in range(upto - 1, 0, -1):
        post = posts[number - 1]
        if post.author == author and needle in _normal(_MARK.sub(" ", post.body)):
            return number
    return None


def _resolve_quotes(thread: MergedThread, notes: list[str]) -> list[str]:
    posts = thread.posts
    by_id = {p.post_id: n for n, p in enumerate(posts, 1) if p.post_id}
    by_position = {p.position: n for n, p in enumerate(posts, 1) if p.position is not None}
    here = thread.first.thread_id
    bodies: list[str] = []
    for number, post in enumerate(posts, 1):

        def tag(match: re.Match[str], post: SourcePost = post, number: int = number) -> str:
            index = int(match.group(1))
            if index >= len(post.quotes):  # cannot come from input (its control characters are removed)
                return ""
            mark = post.quotes[index]
            target: int | None = None
            if mark.post_id is not None:
                target = by_id.get(mark.post_id)
            elif mark.post_number is not None and (mark.thread_id in (None, here)):
                target = by_position.get(mark.post_number)
            elif mark.author:
                target = _by_text(mark, posts, number)
            name = quote_name(clean_name(mark.author)) if mark.author else None
            if target is None and (mark.post_id or mark.post_number):
                who = f"of {name} " if name else ""
                notes.append(f"post {number}: the quote {who}points at a post outside this thread; kept without a link")
            if name and target:
                return f'[quote="{name}, post:{target}"]'
            return f'[quote="{name}"]' if name else "[quote]"

        bodies.append(_MARK.sub(tag, post.body))
    return bodies


def cap(body: str, number: int, notes: list[str], limit: int = BODY_ROOM) -> str:
    """A body within ``limit`` characters: cut at a paragraph break when one is near, with a closing note."""
    if len(body) <= limit:
        return body
    room = limit - len(TRUNCATED)
    cut = body[:room]
    cut = (cut[: cut.rfind("\n\n")] if cut.rfind("\n\n") > room // 2 else cut).rstrip()
    notes.append(
        f"post {number}: shortened from {len(body):,} to {len(cut):,} characters (the limit is {MAX_BODY_CHARS:,})"
    )
    return cut + TRUNCATED


def _post(post: SourcePost, body: str, n: int, *, titles: dict[str, str], settings: Settings, notes: list[str]) -> Any:
    out: dict[str, Any] = {"author": one_line(post.author) or "Guest"}
    if post.kind == "moderator":
        out["kind"] = "moderator"
    title = one_line(post.user_title) if post.user_title else None
    if title and titles.get(post.author) != title:
        out["role"] = title
    if post.date:
        out["date"] = post.date
    if post.edited and _after(post.edited, post.date):
        out["edited"] = post.edited
    likes = [one_line(name) for name in dict.fromkeys(post.likes) if name.strip()]
    if likes:
        out["likes"] = FlowList(likes)
    if post.likes_total is not None and post.likes_total > len(likes):
        out["likes_total"] = post.likes_total
    if post.accepted:
        role = (title or titles.get(post.author) or "").casefold()
        if role and role in settings.experts:
            out["expert"] = True
            shown = title or titles.get(post.author)
            notes.append(f"post {n}: the accepted answer, by an expert ({shown}): marked expert")
        else:
            notes.append(f"post {n}: the accepted answer; not marked expert (its author's role is not an expert role)")
    out["body"] = body
    return out


def convert(thread: MergedThread, titles: dict[str, str], settings: Settings) -> ThreadOut:
    """The thread file data of one merged thread."""
    first = thread.first
    notes = list(thread.notes)
    for page in thread.pages:
        notes.extend(page.notes)
    posts = thread.posts[:MAX_POSTS]
    if len(thread.posts) > MAX_POSTS:
        notes.append(f"only the first {MAX_POSTS:,} of {len(thread.posts):,} posts were kept (the wiki's limit)")
    pattern = disclaimer_pattern(settings.disclaimer, settings.disclaimer_title)
    bodies = _resolve_quotes(thread, notes)
    out_posts = []
    for n, (post, resolved) in enumerate(zip(posts, bodies, strict=False), 1):
        notes.extend(f"post {n}: {note}" for note in post.notes)
        body = strip_disclaimer(resolved, pattern, len(settings.disclaimer))
        if body is not None:
            notes.append(f"post {n}: removed the site disclaimer from the end of the post")
        body = cap(resolved if body is None else body, n, notes)
        notes.extend(
            f"post {n}: warning: the Markdown marker '{run}' is left open in a paragraph and would show as written"
            for run in unbalanced(body)
        )
        out_posts.append(_post(post, body + "\n" if body else "", n, titles=titles, settings=settings, notes=notes))
    data: dict[str, Any] = {"title": one_line(first.title)}
    forum = first.forum or settings.forum
    if forum:
        data["forum"] = one_line(forum)
    start = posts[0].date if posts else None
    if first.date and _day(first.date) != _day(start):
        data["date"] = first.date
    tags = [one_line(t) for t in dict.fromkeys(t for page in thread.pages for t in page.tags) if t.strip()]
    if tags:
        data["tags"] = FlowList(tags)
    if first.url and _WEB.fullmatch(first.url):
        data["source"] = first.url
    data["posts"] = out_posts
    stem = file_stem(first.title, first.thread_id)
    key = thread.key
    forgotten = forget_thread_out(data, notes, key, settings.forgotten) if settings.forgotten else None
    if forgotten is not None:  # issue 22: a forgotten member comes back in no import
        data, notes, key = forgotten
        stem = file_stem(data["title"], first.thread_id)
    unique = list(dict.fromkeys(notes))  # two files of one topic (JSON and forum-dl) say the same once
    return ThreadOut(key, stem, data, thread.sources, sorted(unique, key=_note_order))


def _note_order(note: str) -> int:
    match = re.match(r"post (\d+):", note)
    return int(match.group(1)) if match else 0
