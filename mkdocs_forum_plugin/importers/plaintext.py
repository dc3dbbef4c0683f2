"""A XenForo thread copied from a browser as plain text.

The copy holds, in order: site notices and menus, the title (perhaps after a
prefix label), ``Discussion in 'FORUM' started by NAME, DATE.``, then each post
as ``N. NAME``, ``NAME USER-TITLE``, the body, and optional lines
``NAME, DATE #N``, ``Last edited: DATE`` and ``A, B and N others like this.``;
the thread ends with ``Share This Page``. Quotes are ``NAME said: ↑`` up to
``Click to expand...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import is_relative, parse_date
from .html_to_markdown import escape_text, tidy_markdown
from .names import clean_name, one_line, parse_likes, slugify, split_memorial
from .records import QUOTE_MARK, InputError, ParseOptions, QuoteMark, SourcePage, SourcePost, When

FORMAT = "copied text"
_DISCUSSION = re.compile(r"^Discussion in '(?P<forum>.+?)' started by (?P<name>.+?), (?P<date>.+?)\.?$")
_HEADER = re.compile(r"^(?P<n>\d{1,5})\.\s+(?P<name>\S.*)$")
_EDITED = re.compile(r"^Last edited(?: by [^:]+)?:\s*(?P<date>.+?)\.?$")
_LIKES = re.compile(r"^(?!(?:I|We|They|You all)\s)(?P<text>.+\s(?:likes?|like)\s+this\.?)$")
_SAID = re.compile(r"^(?P<name>.+?) said:\s*[↑^]?$")
_EXPAND = re.compile(r"^Click to expand\.{0,3}…?$")
_PAGE = re.compile(r"^Page (?P<page>\d+) of (?P<last>\d+)$")
_UI = re.compile(r"^(?:(?:Report|Like|Unlike|Reply|\+\s*Quote|Quote|Edit|Delete|Share|Bookmark|#\d+)\s*)+$")
_NAV_WORD = r"(?:<\s*Prev|Prev|Next(?:\s*>)?|\d+|…|\.\.\.)"
_NAV = re.compile(rf"^{_NAV_WORD}(?:\s+{_NAV_WORD})*$")
_END = "Share This Page"
_BOILERPLATE = {"You must log in or sign up to reply here.", "(You must log in or sign up to reply here.)"}
_LISTISH = re.compile(r"^(?:[-*+\u2022]|\d{1,9}[.)])\s")


def looks_like(head: str) -> bool:
    """Whether a text file looks like a copied XenForo thread."""
    return bool(re.search(r"^\s*Discussion in '.+' started by .+", head, re.MULTILINE))


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
        said = _SAID.match(line)
        if said:
            quotes.append(QuoteMark(clean_name(said.group("name"))))
            stack.append(quotes[-1])
            out += ["", QUOTE_MARK.format(len(quotes) - 1)]
        elif _EXPAND.match(line) and stack:
            stack.pop()
            out += ["[/quote]", ""]
        elif not line:
            if stack and out and out[-1] and not out[-1].startswith("\x03"):
                stack.pop()  # a short quote shows no "Click to expand...": it ends at the blank line
                out += ["[/quote]", ""]
            else:
                out.append("")
        else:
            together = bool(_LISTISH.match(line) and out and _LISTISH.match(out[-1]))
            if out and out[-1] and not out[-1].startswith("\x03") and not together:
                out.append("")
            out.append(escape_text(line) if not _LISTISH.match(line) else line)
            if stack and not stack[-1].text:
                stack[-1].text = line
    out += ["[/quote]"] * len(stack)
    return tidy_markdown("\n".join(out)), quotes


def _finish(post: _Post, notes: list[str]) -> SourcePost:
    author, memorial = split_memorial(post.raw_name)
    lines = list(post.lines)
    likes: list[str] = []
    total: int | None = None
    edited: When | None = None
    date: When | None = None
    position: int | None = None
    meta = re.compile(rf"^{re.escape(post.raw_name)},\s+(?P<date>.+?)(?:\s+#(?P<n>\d+))?(?:\s+(?:Report|Edit))*$")
    while lines:
        line = lines[-1]
        if not line or _UI.match(line) or _NAV.match(line) or _PAGE.match(line) or line in _BOILERPLATE:
            pass
        elif match := _EDITED.match(line):
            edited = _when(match.group("date"), notes)
        elif match := meta.match(line):
            date = _when(match.group("date"), notes)
            position = int(match.group("n")) if match.group("n") else None
        elif match := _LIKES.match(line):
            likes, total = parse_likes(match.group("text"))
        else:
            break
        lines.pop()
    body, quotes = _body(lines)
    return SourcePost(author, body, quotes, post.title, date, edited, likes, total, None, position, memorial=memorial)


def _posts(lines: list[str]) -> list[_Post]:
    posts: list[_Post] = []
    for i, line in enumerate(lines):
        header = _HEADER.match(line)
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


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read one copied page of a thread."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", "replace")
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    start = next((i for i, line in enumerate(lines) if _DISCUSSION.match(line)), None)
    if start is None:
        raise InputError("no line \"Discussion in 'FORUM' started by NAME, DATE.\" found")
    head = _DISCUSSION.match(lines[start])
    assert head is not None
    title_line = next((line for line in reversed(lines[:start]) if line), "")
    labels: list[str] = []
    bracket = re.match(r"^\[(?P<label>[^\]]{1,40})\]\s+(?P<rest>.+)$", title_line)
    if bracket:
        labels, title_line = [bracket.group("label")], bracket.group("rest")
    for prefix in sorted(options.prefixes, key=len, reverse=True):
        if title_line.startswith(prefix + " ") and not labels:
            labels, title_line = [prefix], title_line[len(prefix) :].strip()
    end = next((i for i, line in enumerate(lines) if line == _END and i > start), len(lines))
    body = lines[start + 1 : end]
    page, last = 1, None
    for line in body[:10] + body[-10:]:
        if match := _PAGE.match(line):
            page, last = int(match.group("page")), int(match.group("last"))
    notes: list[str] = [] if end < len(lines) else ["no 'Share This Page' line: the copy may be cut short"]
    posts = [_finish(p, notes) for p in _posts(body)]
    if not posts:
        raise InputError("no posts found (expected lines like '1. NAME' followed by 'NAME USER-TITLE')")
    title = one_line(title_line)
    starter = clean_name(head.group("name"))
    started = _when(head.group("date"), notes)
    return [
        SourcePage(
            source=source,
            format=FORMAT,
            key=f"text:{slugify(title)}:{starter}:{head.group('date')}",
            title=title,
            posts=posts,
            page=page,
            forum=one_line(head.group("forum")),
            date=started,
            starter=starter,
            tags=labels,
            last_page=last,
            notes=notes,
        )
    ]
