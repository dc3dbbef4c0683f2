"""Discourse topic JSON (``/t/ID.json``) and its extra pages of posts (``/t/ID/posts.json``)."""

from __future__ import annotations

import json
from typing import Any

from .discourse_records import convert_record, topic_tags
from .records import InputError, ParseOptions, SourcePage, SourcePost
from .safety import clean_json

FORMAT = "Discourse"


def _id(value: Any) -> str | None:
    return str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) and str(value) else None


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read a topic JSON file, or a file of extra posts of a topic."""
    try:
        raw = clean_json(json.loads(data.decode("utf-8-sig")))
    except (ValueError, RecursionError) as exc:
        raise InputError(f"not valid JSON ({exc})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("post_stream"), dict):
        raise InputError("not a Discourse topic: no 'post_stream' object")
    stream = raw["post_stream"]
    listed = stream.get("posts")
    posts = [p for p in listed if isinstance(p, dict)] if isinstance(listed, list) else []
    title: str = raw["title"] if isinstance(raw.get("title"), str) else ""
    topic = _id(raw.get("id")) if title else None
    topic = topic or next((_id(p.get("topic_id")) for p in posts if _id(p.get("topic_id"))), None) or _id(raw.get("id"))
    if topic is None:
        raise InputError("no topic id in the Discourse JSON")
    base = options.base_url.rstrip("/") if options.base_url else None
    notes: list[str] = []
    kept: list[SourcePost] = []
    for post in posts:
        record = convert_record(post, base)
        if record.post is None:
            notes.append(record.left_out or "a Discourse post left out")
        else:
            kept.append(record.post)
    slug = raw.get("slug") or next((p.get("topic_slug") for p in posts if p.get("topic_slug")), None)
    slug = slug if isinstance(slug, str) else None
    numbers = [p.position for p in kept if p.position is not None]
    ids = stream.get("stream")
    return [
        SourcePage(
            source=source,
            format=FORMAT,
            key=f"discourse:{topic}",
            title=title,
            posts=kept,
            page=0 if title else min(numbers, default=1),
            thread_id=topic,
            url=f"{base}/t/{slug}/{topic}" if base and slug else None,
            tags=topic_tags(raw),
            expected_ids=[str(i) for i in ids if _id(i)] if isinstance(ids, list) else [],
            seen_ids=[str(p.get("id")) for p in posts],
            notes=notes,
        )
    ]
