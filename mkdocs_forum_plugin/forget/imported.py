"""A forgotten member taken out of a thread the importer is about to write.

The importer hands over a thread file's data (``importers/convert.py``) before it is
dumped. The record holds digests only, so the names to look for are learnt from the
thread itself: its authors, the names in its likes and quote tags, and what follows each
``@``. A member named only without an ``@`` in a thread where they neither wrote, liked
nor were quoted cannot be recognised from a digest.
"""

from __future__ import annotations

import re
from typing import Any

from ..render.quotes import Quote, split_quotes
from .body import forget_in_body
from .names import Matcher
from .record import Forgotten, forgotten_key

_MENTION = re.compile(r"@([^\s@]{1,60}(?:[ \t][^\s@]{1,60}){0,3})")
_TRAILING = ".,;:!?)]}'\"…"


def _quoted(parts: list[str | Quote], into: set[str]) -> None:
    for part in parts:
        if isinstance(part, Quote):
            if part.author:
                into.add(part.author)
            _quoted(part.parts, into)


def candidates(data: dict[str, Any]) -> set[str]:
    """Every name the thread data shows: authors, likes, quote tags, and the words after each '@'."""
    names: set[str] = set()
    for post in data.get("posts", []):
        names.add(str(post.get("author", "")))
        names.update(str(n) for n in post.get("likes", []))
        body = str(post.get("body", ""))
        _quoted(split_quotes(body), names)
        for match in _MENTION.finditer(body):
            words = match.group(1).split()
            for n in range(1, len(words) + 1):
                names.add(" ".join(words[:n]))
                names.add(" ".join(words[:n]).rstrip(_TRAILING))
    return {n for n in names if n.strip()}


def forgotten_names(data: dict[str, Any], forgotten: Forgotten) -> list[str]:
    """The forgotten members this thread names."""
    return sorted(n for n in candidates(data) if forgotten.has(n))


def _one_line(value: Any, matcher: Matcher, word: str) -> Any:
    return matcher.replace(value, word) if isinstance(value, str) else value


def forget_in_data(data: dict[str, Any], names: list[str], word: str) -> dict[str, Any]:
    """Thread data without the members ``names``: their posts removed, quotes emptied, likes and name gone."""
    matcher = Matcher.of(names)
    word = matcher.safe_word(word)
    posts = list(data.get("posts", []))
    own = frozenset(n for n, post in enumerate(posts, 1) if matcher.is_name(str(post.get("author", ""))))
    out_posts: list[dict[str, Any]] = []
    for number, post in enumerate(posts, 1):
        if number in own:
            out_posts.append({"removed": True, **({"date": post["date"]} if "date" in post else {})})
            continue
        new = {key: _one_line(value, matcher, word) for key, value in post.items() if key not in ("likes", "body")}
        new["author"] = post["author"]
        if "likes" in post:
            kept = type(post["likes"])(n for n in post["likes"] if not matcher.is_name(str(n)))
            gone = len(post["likes"]) - len(kept)
            if kept:
                new["likes"] = kept
            if "likes_total" in post:
                total = max(int(post["likes_total"]) - gone, len(kept))
                new["likes_total"] = total
                if total <= len(kept):
                    del new["likes_total"]
        if "body" in post:
            new["body"] = forget_in_body(str(post["body"]), matcher, own, word)[0]
        out_posts.append({key: new[key] for key in [*post] if key in new})
    result = {key: _one_line(value, matcher, word) for key, value in data.items() if key != "posts"}
    if "tags" in data:
        result["tags"] = type(data["tags"])(matcher.replace(str(t), word) for t in data["tags"])
    if "source" in data and matcher.found_in(str(data["source"])):
        del result["source"]  # no word fits in an address
    result["posts"] = out_posts
    return result


def forget_thread_out(
    data: dict[str, Any], notes: list[str], key: str, forgotten: Forgotten
) -> tuple[dict[str, Any], list[str], str] | None:
    """The importer's data, notes and thread key with every forgotten member the thread names taken out.

    None when the thread names none of them.
    """
    names = forgotten_names(data, forgotten)
    if not names:
        return None
    matcher = Matcher.of(names)
    word = matcher.safe_word(forgotten.word)
    key = forgotten_key(key, forgotten.salt) if matcher.found_in(key) else key
    return forget_in_data(data, names, word), [matcher.replace(note, word) for note in notes], key
