"""A post body without a forgotten member: their quoted words out, their name replaced.

A quote of the member (named in its tag, or pointing at one of their posts) becomes
``[quote="post:N, removed:true"][/quote]``: the link to post N stays, the words and the
name go, and the page shows "(removed)". Everything else in the body stays as written,
but for the name itself, which becomes the neutral word wherever it stands (an ``@``
before it included, in code too).
"""

from __future__ import annotations

from ..render.quotes import REMOVED_PART, Quote, split_quotes
from .names import Matcher
from .yaml_edit import Edit


def removed_quote(post: int | None) -> str:
    """What a quote of a forgotten member becomes."""
    attr = f"post:{post}, {REMOVED_PART}" if post is not None else REMOVED_PART
    return f'[quote="{attr}"][/quote]'


def _is_theirs(quote: Quote, matcher: Matcher, own_posts: frozenset[int]) -> bool:
    if quote.removed:
        return False  # already what forget writes
    return bool(quote.author and matcher.is_name(quote.author)) or quote.post in own_posts


def _quote_edits(
    parts: list[str | Quote], matcher: Matcher, own_posts: frozenset[int], edits: list[Edit], body: str
) -> int:
    count = 0
    for part in parts:
        if isinstance(part, str):
            continue
        if _is_theirs(part, matcher, own_posts):
            end = part.end
            if end == len(body):  # left open to the end: the body's last line break stays
                end = max(len(body.rstrip()), part.offset)
            edits.append(Edit(part.offset, end, removed_quote(part.post)))
            count += 1
        else:
            count += _quote_edits(part.parts, matcher, own_posts, edits, body)
    return count


def forget_in_body(body: str, matcher: Matcher, own_posts: frozenset[int], word: str) -> tuple[str, int, int]:
    """``body`` without the member: (new body, quotes of them emptied, other places their name was replaced)."""
    edits: list[Edit] = []
    quotes = _quote_edits(split_quotes(body), matcher, own_posts, edits, body)
    # The name is replaced between the new tags, never inside one (a member called "post" or "quote").
    out: list[str] = []
    mentions = 0
    pos = 0
    for edit in [*sorted(edits, key=lambda e: e.start), Edit(len(body), len(body), "")]:
        segment = body[pos : edit.start]
        mentions += len(matcher.spans(segment))
        out.append(matcher.replace(segment, word))
        out.append(edit.new)
        pos = edit.end
    return "".join(out), quotes, mentions
