"""Discourse topic JSON (``/t/ID.json``) and its extra pages of posts (``/t/ID/posts.json``)."""

from __future__ import annotations

import json
import re
from typing import Any

from .dates import parse_utc
from .html_to_markdown import html_to_markdown, tidy_markdown
from .names import split_memorial
from .records import QUOTE_MARK, InputError, ParseOptions, QuoteMark, SourcePage, SourcePost
from .safety import clean_json

FORMAT = "Discourse"
LIKE = 2  # the action type id of a like in actions_summary
SKIPPED_TYPES = {3: "a small action (such as 'closed the topic')", 4: "a staff whisper"}
_RAW_QUOTE = re.compile(r"\[quote(?:=(\"?)([^\]\n]*?)\1)?\]", re.IGNORECASE)


def _raw_quotes(raw: str) -> tuple[str, list[QuoteMark]]:
    """Discourse Markdown keeps its quotes as ``[quote="user, post:3, topic:41"]``: make them markers."""
    quotes: list[QuoteMark] = []

    def mark(match: re.Match[str]) -> str:
        parts = [p.strip() for p in (match.group(2) or "").split(",")]
        values = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
        number = values.get("post", "").strip()
        author = values.get("username", "").strip() or parts[0] or None
        topic = values.get("topic", "").strip() or None
        quotes.append(QuoteMark(author, post_number=int(number) if number.isdigit() else None, thread_id=topic))
        return QUOTE_MARK.format(len(quotes) - 1)

    return _RAW_QUOTE.sub(mark, raw), quotes


def _likes(post: dict[str, Any]) -> int | None:
    total = sum(int(a.get("count") or 0) for a in post.get("actions_summary") or [] if a.get("id") == LIKE)
    return total or None


def _post(raw: dict[str, Any], base: str | None) -> SourcePost:
    username = str(raw.get("username") or "").strip()
    author, memorial = split_memorial(username)
    memorial = memorial or split_memorial(str(raw.get("name") or ""))[1]
    if isinstance(raw.get("cooked"), str):
        body, quotes = html_to_markdown(raw["cooked"], base)
    else:
        text, quotes = _raw_quotes(str(raw.get("raw") or ""))
        body = tidy_markdown(text)
    date = parse_utc(str(raw.get("created_at") or ""))
    updated = parse_utc(str(raw.get("updated_at") or ""))
    edited = updated if int(raw.get("version") or 1) > 1 else None
    number = raw.get("post_number")
    return SourcePost(
        author=author or "Guest",
        body=body,
        quotes=quotes,
        user_title=str(raw.get("user_title") or "").strip() or None,
        date=date,
        edited=edited,
        likes_total=_likes(raw),
        post_id=str(raw["id"]) if raw.get("id") is not None else None,
        position=int(number) if isinstance(number, int) else None,
        accepted=bool(raw.get("accepted_answer")),
        memorial=memorial,
    )


def _tags(raw: dict[str, Any]) -> list[str]:
    tags = raw.get("tags") or []
    return [str(t.get("name") if isinstance(t, dict) else t) for t in tags if t]


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read a topic JSON file, or a file of extra posts of a topic."""
    try:
        raw = clean_json(json.loads(data.decode("utf-8-sig")))
    except (ValueError, RecursionError) as exc:
        raise InputError(f"not valid JSON ({exc})") from None
    stream = raw.get("post_stream") or {}
    posts = [p for p in stream.get("posts") or [] if isinstance(p, dict)]
    topic = raw.get("id") if raw.get("title") else None
    topic = topic or next((p.get("topic_id") for p in posts if p.get("topic_id")), None) or raw.get("id")
    if topic is None:
        raise InputError("no topic id in the Discourse JSON")
    base = options.base_url.rstrip("/") if options.base_url else None
    notes: list[str] = []
    kept: list[SourcePost] = []
    for post in posts:
        kind = SKIPPED_TYPES.get(int(post.get("post_type") or 1))
        if kind or post.get("deleted_at"):
            notes.append(f"Discourse post #{post.get('post_number')} left out: {kind or 'it was deleted'}")
            continue
        kept.append(_post(post, base))
    slug = raw.get("slug") or next((p.get("topic_slug") for p in posts if p.get("topic_slug")), None)
    numbers = [p.position for p in kept if p.position is not None]
    return [
        SourcePage(
            source=source,
            format=FORMAT,
            key=f"discourse:{topic}",
            title=str(raw.get("title") or ""),
            posts=kept,
            page=0 if raw.get("title") else min(numbers, default=1),
            thread_id=str(topic),
            url=f"{base}/t/{slug}/{topic}" if base and slug else None,
            tags=_tags(raw),
            expected_ids=[str(i) for i in stream.get("stream") or []],
            seen_ids=[str(p.get("id")) for p in posts],
            notes=notes,
        )
    ]
