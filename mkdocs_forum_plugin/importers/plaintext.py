"""A XenForo thread copied from a browser as plain text.

A whole page copied (select all) holds, in order: site notices and menus, the
title (perhaps after a prefix label), ``Discussion in 'FORUM' started by NAME,
DATE.``, then each post, and ``Share This Page`` at the end (the German forms of these
phrases are read too, see ``phrases.py``). A selection of
some posts holds only the posts. Each post is, as Firefox copies it: ``N. NAME``
(the forum's list number; absent where the list is not numbered), ``NAME
USER-TITLE``, the body, and the lines ``NAME, DATE #N``, ``Last edited: DATE``
and ``A, B and N others like this.`` Chromium copies what the page lays out as
blocks on lines of their own, and has no list numbers: ``NAME``,
``USER-TITLE``, the body, ``Last edited: DATE``, then ``NAME,``, ``DATE`` and
``#N`` each on a line. Every form is first brought to Firefox's numbered one
(``plaintext_forms.normalise``), then read the same way. Quotes are ``NAME said: ↑`` up to
``Click to expand...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .bodies import cut_lines
from .dates import is_relative, parse_date
from .markdown_text import LISTISH, escape_text, tidy_markdown
from .names import clean_name, one_line, parse_likes, slugify, split_memorial
from .numbers import page_number
from .numbers import position as number_of
from .phrases import first_match
from .plaintext_forms import normalise
from .plaintext_lines import (
    BOILERPLATE,
    DISCUSSION,
    EDITED,
    ENDS,
    ENDS_NUMBERED,
    EXPAND,
    HEADER,
    LIKES,
    MAX_META,
    META,
    NAV,
    NUMBER,
    PAGE,
    SAID,
    UI,
    is_date,
)
from .records import QUOTE_MARK, TRUNCATED, InputError, ParseOptions, QuoteMark, SourcePage, SourcePost, When

FORMAT = "copied text"


def looks_like(head: str) -> bool:
    """Whether a text file looks like a copied XenForo thread: its header line, or posts' 'NAME, DATE #N' lines."""
    if any(first_match(DISCUSSION, line.strip()) for line in head.splitlines()):
        return True
    lines = [line.strip() for line in head.replace("\r\n", "\n").split("\n")]
    for i, line in enumerate(lines):
        if len(line) > MAX_META:
            continue
        if "," in line and ENDS_NUMBERED.search(line) and (meta := META.match(line)) and is_date(meta["date"]):
            return True
        if NUMBER.match(line) and i >= 2 and lines[i - 2].endswith(",") and is_date(lines[i - 1]):  # Chromium
            return True
    return False


@dataclass
class _Post:
    number: int
    raw_name: str
    title: str | None = None
    lines: list[str] = field(default_factory=list)


def _when(text: str, notes: list[str]) -> When | None:
    value = parse_date(text)
    if value is None:
        why = "it is relative to the day the page was copied" if is_relative(text) else "it is not a known form"
        notes.append(f"date '{text}' left out: {why}")
    return value


def _body(lines: list[str]) -> tuple[str, list[QuoteMark]]:
    """Body lines to Markdown: a paragraph per line (list lines stay together), quotes as markers."""
    out: list[str] = []
    quotes: list[QuoteMark] = []
    stack: list[QuoteMark] = []
    for line in lines:
        said = first_match(SAID, line)
        if said:
            quotes.append(QuoteMark(clean_name(said.group("name"))))
            stack.append(quotes[-1])
            out += ["", QUOTE_MARK.format(len(quotes) - 1)]
        elif first_match(EXPAND, line) and stack:
            stack.pop()
            out += ["[/quote]", ""]
        elif not line:
            if stack and out and out[-1] and not out[-1].startswith("\x03"):
                stack.pop()  # a short quote shows no "Click to expand...": it ends at the blank line
                out += ["[/quote]", ""]
            else:
                out.append("")
        else:
            together = bool(LISTISH.match(line) and out and LISTISH.match(out[-1]))
            if out and out[-1] and not out[-1].startswith("\x03") and not together:
                out.append("")
            out.append(escape_text(line) if not LISTISH.match(line) else line)
            if stack and not stack[-1].text:
                stack[-1].text = line
    out += ["[/quote]"] * len(stack)
    return tidy_markdown("\n".join(out)), quotes


def _finish(post: _Post, notes: list[str]) -> SourcePost:
    """A post's lines to a post: its 'NAME, DATE #N' line, edit note and likes read, the rest its body.

    Lines after the post's own 'NAME, DATE #N' line that are neither likes nor an
    edit note are the page's (tags, share buttons) and are left out.
    """
    author, memorial = split_memorial(post.raw_name)
    lines = list(post.lines)
    likes: list[str] = []
    total: int | None = None
    edited: When | None = None
    date: When | None = None
    position: int | None = None
    meta = re.compile(rf"^{re.escape(post.raw_name)},\s+(?P<date>.+?)(?:\s+#(?P<n>\d+))?(?:\s+(?:Report|Edit))*$")

    def own_meta(line: str) -> re.Match[str] | None:
        return meta.match(line) if len(line) <= MAX_META else None

    last = next((i for i in range(len(lines) - 1, -1, -1) if (m := own_meta(lines[i])) and m.group("n")), None)
    if last is not None:
        for line in lines[last + 1 :]:
            if match := first_match(EDITED, line):
                edited = _when(match.group("date"), notes)
            elif match := first_match(LIKES, line):
                likes, total = parse_likes(match.group("text"))
        lines = lines[: last + 1]
    while lines:
        line = lines[-1]
        if not line or UI.match(line) or NAV.match(line) or PAGE.match(line) or line in BOILERPLATE:
            pass
        elif match := first_match(EDITED, line):
            edited = _when(match.group("date"), notes)
        elif match := own_meta(line):
            date = _when(match.group("date"), notes)
            position = number_of(match.group("n")) if match.group("n") else None
        elif (match := first_match(LIKES, line)) and len(line) <= MAX_META * 4:
            likes, total = parse_likes(match.group("text"))
        else:
            break
        lines.pop()
    lines, cut = cut_lines(lines)
    body, quotes = _body(lines)
    if cut:
        body += TRUNCATED
    return SourcePost(
        author, body, quotes, post.title, date, edited, likes, total, None, position, memorial=memorial, notes=cut
    )


def _posts(lines: list[str]) -> list[_Post]:
    posts: list[_Post] = []
    for i, line in enumerate(lines):
        header = HEADER.match(line)
        if header and (not posts or int(header.group("n")) == posts[-1].number + 1):
            name = header.group("name").strip()
            following = next((other for other in lines[i + 1 : i + 4] if other), "")
            if following == name or following.startswith(name + " "):
                title = following[len(name) :].strip() or None
                posts.append(_Post(int(header.group("n")), name, title))
                posts[-1].lines.append("\x00skip")  # the name-and-title line follows
                continue
        if posts:
            if posts[-1].lines and posts[-1].lines[-1] == "\x00skip":
                if not line:
                    continue
                posts[-1].lines.pop()
                continue
            posts[-1].lines.append(line)
    return posts


def _title_from(source: str) -> str:
    stem = Path(source).stem
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return one_line(words[:1].upper() + words[1:]) or "Copied posts"


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one copied page of a thread, or a copied selection of its posts."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", "replace")
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    start = next((i for i, line in enumerate(lines) if first_match(DISCUSSION, line)), None)
    whole = start is not None
    lines, form = normalise(lines, start + 1 if start is not None else 0)
    notes: list[str] = [f"read as text copied {form}, {'the whole page' if whole else 'a selection of posts'}"]
    labels: list[str] = []
    if start is not None:
        head = first_match(DISCUSSION, lines[start])
        assert head is not None
        title_line = next((line for line in reversed(lines[:start]) if line), "")
        bracket = re.match(r"^\[(?P<label>[^\]]{1,40})\]\s+(?P<rest>.+)$", title_line)
        if bracket:
            labels, title_line = [bracket.group("label")], bracket.group("rest")
        for prefix in sorted(options.prefixes, key=len, reverse=True):
            if title_line.startswith(prefix + " ") and not labels:
                labels, title_line = [prefix], title_line[len(prefix) :].strip()
        title = one_line(title_line)
        forum: str | None = one_line(head.group("forum"))
        starter: str | None = clean_name(head.group("name"))
        started = _when(head.group("date"), notes)
        first_line = start + 1
    else:
        title = _title_from(source)
        notes.append(f"no thread title in a selection of posts: the title '{title}' is made from the file name")
        forum = starter = started = None
        first_line = 0
    end = next((i for i, line in enumerate(lines) if line in ENDS and i >= first_line), len(lines))
    body = lines[first_line:end]
    page, last = 1, None
    for line in body[:10] + body[-10:]:
        if match := PAGE.match(line):
            page, last = page_number(match.group("page")) or 1, page_number(match.group("last"))
    if whole and end == len(lines):
        notes.append("no 'Share This Page' line: the copy may be cut short")
    posts = [_finish(p, notes) for p in _posts(body)]
    if not posts:
        raise InputError(
            "no posts found (expected lines like '1. NAME' and 'NAME USER-TITLE', or 'NAME' and a 'NAME, DATE #N' line)"
        )
    if start is not None:
        head_match = first_match(DISCUSSION, lines[start])
        key_date = head_match.group("date") if head_match else ""
        key = f"text:{slugify(title)}:{starter}:{key_date}"
    else:
        first = posts[0]
        key = f"text:selection:{slugify(title)}:{first.author}:{first.date.isoformat() if first.date else ''}"
    return [
        SourcePage(
            source=source,
            format=FORMAT,
            key=key,
            title=title,
            posts=posts,
            page=page,
            forum=forum,
            date=started,
            starter=starter,
            tags=labels,
            last_page=last,
            notes=notes,
        )
    ]
