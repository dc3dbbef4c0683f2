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
(``_normalise``), then read the same way. Quotes are ``NAME said: ↑`` up to
``Click to expand...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .bodies import cut_lines
from .dates import is_relative, parse_date
from .html_to_markdown import escape_text, tidy_markdown
from .names import clean_name, one_line, parse_likes, slugify, split_memorial
from .numbers import page_number
from .numbers import position as number_of
from .phrases import TABLES, first_match
from .records import QUOTE_MARK, TRUNCATED, InputError, ParseOptions, QuoteMark, SourcePage, SourcePost, When

FORMAT = "copied text"
# Each of these phrases is matched in every language of phrases.py.
_DISCUSSION = [t.discussion for t in TABLES]
_HEADER = re.compile(r"^(?P<n>\d{1,5})\.\s+(?P<name>\S.*)$")
_EDITED = [t.edited for t in TABLES]
_LIKES = [t.likes for t in TABLES]
_SAID = [t.said for t in TABLES]
_EXPAND = [t.expand for t in TABLES]
_PAGE = re.compile(r"^(?:Page|Seite) (?P<page>\d+) (?:of|von) (?P<last>\d+)$")
# The buttons under a post, in English and in XenForo's German.
_UI = re.compile(
    r"^(?:(?:Report|Like|Unlike|Reply|\+\s*Quote|Quote|Edit|Delete|Share|Bookmark"
    r"|Melden|Gefällt mir|Antworten|\+\s*Zitat|Zitieren|Bearbeiten|Löschen|Teilen|Lesezeichen|#\d+)\s*)+$"
)
_NAV_WORD = r"(?:<\s*Prev|Prev|Next(?:\s*>)?|\d+|…|\.\.\.)"
_NAV = re.compile(rf"^{_NAV_WORD}(?:\s+{_NAV_WORD})*$")
_ENDS = {t.end for t in TABLES}
_BOILERPLATE = {line for t in TABLES for line in t.boilerplate}
_LISTISH = re.compile(r"^(?:[-*+\u2022]|\d{1,9}[.)])\s")


_META = re.compile(r"^(?P<name>\S.*?),\s+(?P<date>.+?)\s+#(?P<n>\d{1,6})(?:\s+(?:Report|Edit))*$")
_NAME_COMMA = re.compile(r"^(?P<name>\S.*?),$")
_NAME_DATE = re.compile(r"^(?P<name>\S.*?),\s+(?P<date>.+?)$")
_NUMBER = re.compile(r"^#(?P<n>\d{1,6})$")
_SENTENCE_END = re.compile(r"[.?!:;,…\"'”’)\]]$")
_ENDS_NUMBERED = re.compile(r"\s#\d{1,6}$")
MAX_TITLE = 60  # a user title is short
MAX_META = 300  # a 'NAME, DATE #N' line is short; longer lines are never matched (keeps the patterns linear)


def looks_like(head: str) -> bool:
    """Whether a text file looks like a copied XenForo thread: its header line, or posts' 'NAME, DATE #N' lines."""
    if any(first_match(_DISCUSSION, line.strip()) for line in head.splitlines()):
        return True
    lines = [line.strip() for line in head.replace("\r\n", "\n").split("\n")]
    for i, line in enumerate(lines):
        if len(line) > MAX_META:
            continue
        if "," in line and _ENDS_NUMBERED.search(line) and (meta := _META.match(line)) and _is_date(meta["date"]):
            return True
        if _NUMBER.match(line) and i >= 2 and lines[i - 2].endswith(",") and _is_date(lines[i - 1]):  # Chromium
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
        said = first_match(_SAID, line)
        if said:
            quotes.append(QuoteMark(clean_name(said.group("name"))))
            stack.append(quotes[-1])
            out += ["", QUOTE_MARK.format(len(quotes) - 1)]
        elif first_match(_EXPAND, line) and stack:
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
            if match := first_match(_EDITED, line):
                edited = _when(match.group("date"), notes)
            elif match := first_match(_LIKES, line):
                likes, total = parse_likes(match.group("text"))
        lines = lines[: last + 1]
    while lines:
        line = lines[-1]
        if not line or _UI.match(line) or _NAV.match(line) or _PAGE.match(line) or line in _BOILERPLATE:
            pass
        elif match := first_match(_EDITED, line):
            edited = _when(match.group("date"), notes)
        elif match := own_meta(line):
            date = _when(match.group("date"), notes)
            position = number_of(match.group("n")) if match.group("n") else None
        elif (match := first_match(_LIKES, line)) and len(line) <= MAX_META * 4:
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


def _is_date(text: str) -> bool:
    return len(text) <= MAX_META and (parse_date(text) is not None or is_relative(text))


def _meta(line: str) -> re.Match[str] | None:
    """A post's 'NAME, DATE #N' line (short lines only, so that the pattern stays linear)."""
    return _META.match(line) if len(line) <= MAX_META and "#" in line else None


def _next_filled(lines: list[str], i: int, limit: int = 2) -> int | None:
    """The index of the next non-empty line after ``i``, skipping at most ``limit`` empty ones."""
    for j in range(i + 1, min(len(lines), i + 2 + limit)):
        if lines[j]:
            return j
    return None


def _join_meta(lines: list[str]) -> tuple[list[str], bool]:
    """Chromium's ``NAME,`` / ``DATE`` / ``#N`` (or ``NAME, DATE`` / ``#N``) joined into one ``NAME, DATE #N`` line."""
    out: list[str] = []
    joined = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line) > MAX_META:
            out.append(line)
            i += 1
            continue
        if (name := _NAME_COMMA.match(line)) and (j := _next_filled(lines, i, 1)) is not None and _is_date(lines[j]):
            k = _next_filled(lines, j, 1)
            while k is not None and not _NUMBER.match(lines[k]) and _UI.match(lines[k]):  # 'Report' between
                k = _next_filled(lines, k, 1)
            number = _NUMBER.match(lines[k]) if k is not None else None
            if number and k is not None:
                out.append(f"{name.group('name')}, {lines[j]} #{number.group('n')}")
                joined, i = True, k + 1
                continue
        if (both := _NAME_DATE.match(line)) and not _meta(line) and _is_date(both.group("date")):
            k = _next_filled(lines, i, 1)
            number = _NUMBER.match(lines[k]) if k is not None else None
            if number and k is not None:
                out.append(f"{line} #{number.group('n')}")
                joined, i = True, k + 1
                continue
        out.append(line)
        i += 1
    return out, joined


def _trailing(line: str) -> bool:
    """A line that follows a post's meta line: likes, edit note, buttons, page navigation."""
    return (
        not line
        or bool(
            _UI.match(line)
            or _NAV.match(line)
            or _PAGE.match(line)
            or first_match(_EDITED, line)
            or first_match(_LIKES, line)
        )
        or line in _BOILERPLATE
    )


def _title_like(line: str) -> bool:
    return (
        0 < len(line) <= MAX_TITLE
        and not _SENTENCE_END.search(line)
        and not (first_match(_SAID, line) or _LISTISH.match(line) or _trailing(line) or _meta(line))
    )


def _number_posts(lines: list[str], start: int) -> tuple[list[str], bool, int]:
    """Lines without list numbers, given ``N. NAME`` headers: each post starts at its author's name line.

    Posts are found from their ``NAME, DATE #N`` lines; the post's first line is
    the first line after the previous post's own lines that is its author's name
    (Chromium) or starts with it (Firefox: ``NAME USER-TITLE``). A short line
    right after a name line alone is the user title (Chromium puts it on a line
    of its own). Returns the lines, whether titles stood alone, and the posts found.
    """
    anchors = [i for i in range(start, len(lines)) if (m := _meta(lines[i])) and _is_date(m.group("date"))]
    out = lines[:start]
    alone = False
    previous = start
    found = 0
    for anchor in anchors:
        match = _meta(lines[anchor])
        assert match is not None
        name = match.group("name")
        begin = previous
        while begin < anchor and _trailing(lines[begin]):
            begin += 1
        head = next((i for i in range(begin, anchor) if lines[i] == name or lines[i].startswith(name + " ")), None)
        if head is None:
            continue  # not a post's meta line after all: the lines stay where they are
        found += 1
        out.extend(lines[previous:head])
        out.append(f"{found}. {name}")
        title = _next_filled(lines, head, 1) if lines[head] == name else None
        rest = _next_filled(lines, title, 2) if title is not None else None
        if title is not None and rest is not None and rest < anchor and _title_like(lines[title]):
            out.append(f"{name} {lines[title]}")
            out.extend(lines[title + 1 : anchor + 1])
            alone = True
        else:
            out.extend(lines[head : anchor + 1])
        previous = anchor + 1
    out.extend(lines[previous:])
    return out, alone, found


def _numbered(lines: list[str]) -> bool:
    for i, line in enumerate(lines):
        header = _HEADER.match(line)
        if header:
            name = header.group("name").strip()
            following = next((other for other in lines[i + 1 : i + 4] if other), "")
            if following == name or following.startswith(name + " "):
                return True
    return False


def _normalise(lines: list[str], start: int) -> tuple[list[str], str]:
    """Every copy form as Firefox's numbered one, and which form the copy was in (for the report)."""
    if _numbered(lines[start:]):
        return lines, "as Firefox copies it, with the forum's list numbers"
    lines, joined = _join_meta(lines)
    lines, alone, found = _number_posts(lines, start)
    if joined or alone:
        return lines, "as Chromium copies it (name, date and #N on lines of their own; no list numbers)"
    return lines, "without list numbers" if found else "in no known form"


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
    start = next((i for i, line in enumerate(lines) if first_match(_DISCUSSION, line)), None)
    whole = start is not None
    lines, form = _normalise(lines, start + 1 if start is not None else 0)
    notes: list[str] = [f"read as text copied {form}, {'the whole page' if whole else 'a selection of posts'}"]
    labels: list[str] = []
    if start is not None:
        head = first_match(_DISCUSSION, lines[start])
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
    end = next((i for i, line in enumerate(lines) if line in _ENDS and i >= first_line), len(lines))
    body = lines[first_line:end]
    page, last = 1, None
    for line in body[:10] + body[-10:]:
        if match := _PAGE.match(line):
            page, last = page_number(match.group("page")) or 1, page_number(match.group("last"))
    if whole and end == len(lines):
        notes.append("no 'Share This Page' line: the copy may be cut short")
    posts = [_finish(p, notes) for p in _posts(body)]
    if not posts:
        raise InputError(
            "no posts found (expected lines like '1. NAME' and 'NAME USER-TITLE', or 'NAME' and a 'NAME, DATE #N' line)"
        )
    if start is not None:
        head_match = first_match(_DISCUSSION, lines[start])
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
