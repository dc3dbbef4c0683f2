"""The site's disclaimer, pasted by hand at the end of forum posts, found and removed.

The plugin inserts the disclaimer by itself, so a copy at the end of an imported
post would show it twice. The text is matched word by word, whatever the
whitespace, line breaks, punctuation or Markdown between the words.
"""

from __future__ import annotations

import re

MIN_WORDS = 4  # shorter texts are too likely to end a post by chance
_SEPARATOR = r"[\W_]+"
_RULE_AT_END = re.compile(r"(?:\s|(?:^|\n)[ ]{0,3}\\?(?:[-*_=][ ]*){3,}(?=\n|\Z))+\Z")


def disclaimer_pattern(text: str, title: str = "") -> re.Pattern[str] | None:
    """A pattern matching the disclaimer (optionally after its title) at the very end of a body."""
    words = re.findall(r"[^\W_]+", text)
    if len(words) < MIN_WORDS:
        return None
    body = _SEPARATOR.join(re.escape(w) for w in words)
    title_words = re.findall(r"[^\W_]+", title)
    lead = rf"(?:{_SEPARATOR.join(re.escape(w) for w in title_words)}{_SEPARATOR})?" if title_words else ""
    return re.compile(rf"(?<![^\W_]){lead}{body}[\W_]*\Z", re.IGNORECASE)


def strip_disclaimer(body: str, pattern: re.Pattern[str] | None, length: int) -> str | None:
    """The body without a trailing disclaimer, or None when it does not end with one."""
    if pattern is None:
        return None
    start = max(0, len(body) - length * 3 - 200)
    match = pattern.search(body, start)
    if match is None:
        return None
    kept = re.sub(r"[*_~>#\s]+\Z", "", body[: match.start()])  # emphasis or quote marks it started with
    return _RULE_AT_END.sub("", kept)
