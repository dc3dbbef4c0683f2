"""One Discourse post record to a SourcePost: the rules shared by topic JSON and forum-dl's Discourse output.

- post_type 1 is an ordinary post; 2 a moderator notice (``kind: moderator``);
  3 a small action (closed, pinned, moved...): without a comment it is left
  out with a note, with one it becomes a moderator note; 4 a staff whisper,
  left out. Deleted posts are left out.
- The edit date is ``updated_at`` when the post has more than one version
  (``updated_at`` alone also moves for reasons other than edits).
- Likes are the ``actions_summary`` entry with id 2; ``accepted_answer`` marks
  the accepted answer.

A field of the wrong type is read as missing, never as a crash.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .bodies import MAX_BODY_HTML, Converted, convert_fragment
from .dates import later, parse_iso
from .markdown_text import tidy_markdown
from .names import split_memorial
from .records import QUOTE_MARK, TRUNCATED, QuoteMark, SourcePost, When
from .soup import absolute

REGULAR, MODERATOR_ACTION, SMALL_ACTION, WHISPER = 1, 2, 3, 4
LIKE = 2  # the action type id of a like in actions_summary
GRACE = dt.timedelta(minutes=5)  # Discourse's default editing grace period, for records without a version
# Bounded, and stopping at the next '[': each attempt ends soon, so the pattern is linear on any text.
_RAW_QUOTE = re.compile(r"\[quote(?:=(\"?)([^\[\]\n]{0,300}?)\1)?\]", re.IGNORECASE)
ACTIONS = {
    "closed.enabled": "closed the topic",
    "closed.disabled": "opened the topic",
    "autoclosed.enabled": "the topic was closed automatically",
    "autoclosed.disabled": "the topic was opened automatically",
    "archived.enabled": "archived the topic",
    "archived.disabled": "unarchived the topic",
    "pinned.enabled": "pinned the topic",
    "pinned.disabled": "unpinned the topic",
    "pinned_globally.enabled": "pinned the topic globally",
    "pinned_globally.disabled": "unpinned the topic globally",
    "banner.enabled": "made the topic a banner",
    "banner.disabled": "removed the banner",
    "visible.enabled": "listed the topic",
    "visible.disabled": "unlisted the topic",
    "split_topic": "moved some posts to another topic",
    "invited_user": "invited a member",
    "removed_user": "removed a member",
    "user_left": "left the conversation",
    "public_topic": "made the topic public",
    "private_topic": "made the topic a private message",
}


@dataclass
class Record:
    """What came of one record: a post, or why it was left out."""

    post: SourcePost | None
    left_out: str | None = None  # the note when the record is not a post


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _raw_quotes(raw: str) -> tuple[str, list[QuoteMark]]:
    """Discourse Markdown keeps its quotes as ``[quote="user, post:3, topic:41"]``: make them markers."""
    quotes: list[QuoteMark] = []

    def mark(match: re.Match[str]) -> str:
        parts = [p.strip() for p in (match.group(2) or "").split(",")]
        values = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
        number = values.get("post", "").strip()
        author = values.get("username", "").strip() or parts[0] or None
        topic = values.get("topic", "").strip() or None
        post_number = int(number) if number.isdigit() and len(number) < 10 else None
        quotes.append(QuoteMark(author, post_number=post_number, thread_id=topic))
        return QUOTE_MARK.format(len(quotes) - 1)

    return _RAW_QUOTE.sub(mark, raw), quotes


def likes_of(record: dict[str, Any]) -> int | None:
    """How many members liked the post (``actions_summary`` id 2; its count is left out when 0)."""
    summary = record.get("actions_summary")
    entries = [a for a in summary if isinstance(a, dict)] if isinstance(summary, list) else []
    total = sum(_int(a.get("count")) or 0 for a in entries if _int(a.get("id")) == LIKE)
    return total or None


def _edited(record: dict[str, Any], date: When | None) -> When | None:
    updated = parse_iso(_str(record.get("updated_at")))
    version = _int(record.get("version"))
    if version is not None:
        return updated if version > 1 else None
    if isinstance(updated, dt.datetime) and isinstance(date, dt.datetime) and later(updated, date + GRACE):
        return updated
    return None


def _body(record: dict[str, Any], base: str | None, content: str | None) -> Converted:
    cooked = record.get("cooked")
    html = cooked if isinstance(cooked, str) else content
    if html is not None:
        return convert_fragment(html, base)
    raw = _str(record.get("raw"))
    notes = []
    if len(raw) > MAX_BODY_HTML:  # cut before converting, as HTML is
        notes.append(f"its text has {len(raw):,} characters; only the first {MAX_BODY_HTML:,} were read")
        raw = raw[:MAX_BODY_HTML]
    text, quotes = _raw_quotes(raw)
    return Converted(tidy_markdown(text) + (TRUNCATED if notes else ""), quotes, notes)


def _avatar(template: str, base: str | None) -> str | None:
    """A member's uploaded picture (``avatar_template`` at 96 pixels); none for Discourse's generated letters."""
    if not template or "letter_avatar" in template or "{size}" not in template:
        return None
    address = absolute(template.replace("{size}", "96"), base)
    return address if address.startswith(("http://", "https://")) else None


def topic_tags(topic: dict[str, Any]) -> list[str]:
    """A topic's tags (names, or objects with a name in newer Discourse versions)."""
    tags = topic.get("tags")
    names = [t.get("name") if isinstance(t, dict) else t for t in tags] if isinstance(tags, list) else []
    return [str(name) for name in names if isinstance(name, (str, int)) and not isinstance(name, bool) and name != ""]


def action_text(code: str) -> str:
    """What a small action did, in words."""
    return ACTIONS.get(code) or (code.replace("_", " ").replace(".", ": ") if code else "a small action")


def convert_record(
    record: dict[str, Any],
    base: str | None,
    *,
    author: str | None = None,
    content: str | None = None,
    created: When | None = None,
) -> Record:
    """One Discourse post record as a SourcePost, or why it is left out.

    ``author``, ``content`` (the post's HTML) and ``created`` stand in for the
    record's own ``username``, ``cooked`` and ``created_at`` where a source
    (forum-dl) gives them beside the record.
    """
    number = _int(record.get("post_number"))
    label = f"Discourse post #{number}" if number is not None else "a Discourse post"
    kind_number = _int(record.get("post_type")) or REGULAR
    if record.get("deleted_at"):
        return Record(None, f"{label} left out: it was deleted")
    if kind_number == WHISPER:
        return Record(None, f"{label} left out: a staff whisper")
    body, quotes, notes = _body(record, base, content)
    action = _str(record.get("action_code"))
    kind = "post"
    if kind_number == SMALL_ACTION:
        what = f"a small action ({action_text(action)})" if action else "a small action"
        if not body.strip():
            return Record(None, f"{label} left out: {what} without a comment")
        kind = "moderator"
        if action:
            body = f"*{action_text(action)[:1].upper()}{action_text(action)[1:]}.*\n\n{body}"
        notes.append(f"{what} with a comment: kept as a moderator note")
    elif kind_number == MODERATOR_ACTION:
        kind = "moderator"
        notes.append("a moderator notice: marked as such")
    username = author if author is not None else _str(record.get("username"))
    name, memorial = split_memorial(username.strip())
    memorial = memorial or split_memorial(_str(record.get("name")))[1]
    date = parse_iso(_str(record.get("created_at"))) or created
    record_id = record.get("id")
    return Record(
        SourcePost(
            author=name or "Guest",
            body=body,
            quotes=quotes,
            user_title=_str(record.get("user_title")).strip() or None,
            date=date,
            edited=_edited(record, date),
            likes_total=likes_of(record),
            post_id=str(record_id) if isinstance(record_id, (int, str)) and not isinstance(record_id, bool) else None,
            position=number,
            accepted=record.get("accepted_answer") is True,
            memorial=memorial,
            kind=kind,
            notes=notes,
            avatar=_avatar(_str(record.get("avatar_template")), base),
        )
    )
