"""Every form of a copied XenForo thread brought to one: the numbered form Firefox copies.

Firefox copies ``N. NAME`` (the forum's list number), ``NAME USER-TITLE``, the body and
``NAME, DATE #N``. Chromium puts the name, date and ``#N`` on lines of their own and has
no list numbers; a copy without list numbers is given them from its posts' meta lines.
"""

from __future__ import annotations

from .plaintext_lines import (
    HEADER,
    MAX_META,
    NAME_COMMA,
    NAME_DATE,
    NUMBER,
    UI,
    is_date,
    meta_line,
    next_filled,
    title_like,
    trailing,
)


def join_meta(lines: list[str]) -> tuple[list[str], bool]:
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
        if (name := NAME_COMMA.match(line)) and (j := next_filled(lines, i, 1)) is not None and is_date(lines[j]):
            k = next_filled(lines, j, 1)
            while k is not None and not NUMBER.match(lines[k]) and UI.match(lines[k]):  # 'Report' between
                k = next_filled(lines, k, 1)
            number = NUMBER.match(lines[k]) if k is not None else None
            if number and k is not None:
                out.append(f"{name.group('name')}, {lines[j]} #{number.group('n')}")
                joined, i = True, k + 1
                continue
        if (both := NAME_DATE.match(line)) and not meta_line(line) and is_date(both.group("date")):
            k = next_filled(lines, i, 1)
            number = NUMBER.match(lines[k]) if k is not None else None
            if number and k is not None:
                out.append(f"{line} #{number.group('n')}")
                joined, i = True, k + 1
                continue
        out.append(line)
        i += 1
    return out, joined


def number_posts(lines: list[str], start: int) -> tuple[list[str], bool, int]:
    """Lines without list numbers, given ``N. NAME`` headers: each post starts at its author's name line.

    Posts are found from their ``NAME, DATE #N`` lines; the post's first line is
    the first line after the previous post's own lines that is its author's name
    (Chromium) or starts with it (Firefox: ``NAME USER-TITLE``). A short line
    right after a name line alone is the user title (Chromium puts it on a line
    of its own). Returns the lines, whether titles stood alone, and the posts found.
    """
    anchors = [i for i in range(start, len(lines)) if (m := meta_line(lines[i])) and is_date(m.group("date"))]
    out = lines[:start]
    alone = False
    previous = start
    found = 0
    for anchor in anchors:
        match = meta_line(lines[anchor])
        assert match is not None
        name = match.group("name")
        begin = previous
        while begin < anchor and trailing(lines[begin]):
            begin += 1
        head = next((i for i in range(begin, anchor) if lines[i] == name or lines[i].startswith(name + " ")), None)
        if head is None:
            continue  # not a post's meta line after all: the lines stay where they are
        found += 1
        out.extend(lines[previous:head])
        out.append(f"{found}. {name}")
        title = next_filled(lines, head, 1) if lines[head] == name else None
        rest = next_filled(lines, title, 2) if title is not None else None
        if title is not None and rest is not None and rest < anchor and title_like(lines[title]):
            out.append(f"{name} {lines[title]}")
            out.extend(lines[title + 1 : anchor + 1])
            alone = True
        else:
            out.extend(lines[head : anchor + 1])
        previous = anchor + 1
    out.extend(lines[previous:])
    return out, alone, found


def numbered(lines: list[str]) -> bool:
    """Whether the lines hold ``N. NAME`` headers, each followed by its author's name line."""
    for i, line in enumerate(lines):
        header = HEADER.match(line)
        if header:
            name = header.group("name").strip()
            following = next((other for other in lines[i + 1 : i + 4] if other), "")
            if following == name or following.startswith(name + " "):
                return True
    return False


def normalise(lines: list[str], start: int) -> tuple[list[str], str]:
    """Every copy form as Firefox's numbered one, and which form the copy was in (for the report)."""
    if numbered(lines[start:]):
        return lines, "as Firefox copies it, with the forum's list numbers"
    lines, joined = join_meta(lines)
    lines, alone, found = number_posts(lines, start)
    if joined or alone:
        return lines, "as Chromium copies it (name, date and #N on lines of their own; no list numbers)"
    return lines, "without list numbers" if found else "in no known form"
