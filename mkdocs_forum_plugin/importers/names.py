"""Member names and the small texts around them: memorial suffixes, likes sentences, slugs."""

from __future__ import annotations

import re
import unicodedata

from .numbers import count
from .phrases import TABLES

MAX_LINE = 200  # the loader's limit on one-line fields

_MEMORIAL = re.compile(
    r"^(?P<name>.+?)\s*(?:[(\[]\s*(?P<a>(?:R\.?\s?I\.?\s?P\.?|In\s+memoriam|In\s+loving\s+memory)\b[^)\]]*?)\s*[)\]]"
    r"|\s[-\u2013\u2014]\s*(?P<b>(?:R\.?\s?I\.?\s?P\.?|In\s+memoriam)\b.*?))\s*$",
    re.IGNORECASE,
)


def one_line(text: str, limit: int = MAX_LINE) -> str:
    """Collapse whitespace to single spaces and keep within the loader's line limit."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_memorial(name: str) -> tuple[str, str | None]:
    """'OldOakTree (RIP 2021)' -> ('OldOakTree', 'RIP 2021'); other names are returned as they are."""
    name = one_line(name)
    match = _MEMORIAL.match(name)
    if not match:
        return name, None
    memorial = one_line(match.group("a") or match.group("b") or "")
    return match.group("name").strip(), memorial or None


def clean_name(name: str) -> str:
    """A member name without its memorial suffix."""
    return split_memorial(name)[0]


def parse_count(text: str) -> int | None:
    """'1,234' -> 1234; None without digits, or for more than any post's likes (``numbers.count``)."""
    return count(text)


def parse_likes(sentence: str) -> tuple[list[str], int | None]:
    """'A, B and 3 others like this.' -> (['A', 'B'], 5); 'A likes this.' -> (['A'], None).

    German sentences are read too: 'A, B und 3 anderen gefällt das.' -> (['A', 'B'], 5).

    'You' (whoever saved the page) is counted but not named. The total is None
    when every member who liked the post is named.
    """
    text = " ".join(sentence.split())
    # The language whose sentence ending this is ("like this", "gefällt das"); English otherwise.
    phrases = next((t for t in TABLES if t.like_end.search(text)), TABLES[0])
    text = phrases.like_end.sub("", text)
    if not text:
        return [], None
    head, _, last = text.rpartition(f" {phrases.and_word} ")
    pieces = [p.strip() for p in head.split(",")] + [last.strip()] if head else [last.strip()]
    names: list[str] = []
    unnamed = 0
    for piece in pieces:
        if not piece:
            continue
        others = phrases.others.match(piece)
        if others:
            unnamed += parse_count(others.group("count")) or 0
        elif piece.lower() in phrases.you:
            unnamed += 1
        else:
            names.append(clean_name(piece))
    return names, (len(names) + unnamed if unnamed else None)


def slugify(text: str, limit: int = 60) -> str:
    """An ASCII file-name slug: 'Why does my back feel tight?' -> 'why-does-my-back-feel-tight'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut
    return slug.strip("-") or "thread"


def quote_name(name: str) -> str:
    """A name as it can stand inside ``[quote="..."]`` (no quotes, brackets or commas)."""
    return one_line(name.replace('"', "'").replace("]", ")").replace("[", "(").replace(",", " "))
