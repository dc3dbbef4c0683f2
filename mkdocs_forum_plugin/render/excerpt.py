"""Plain-text excerpts of post bodies, for descriptions, listings, feeds and structured data."""

from __future__ import annotations

import functools
import html
import re

from .quotes import split_quotes

# Every repetition is bounded: an unbounded "[^\]]*" makes a body of 40,000 "[" cost
# quadratic time, since each "[" would scan to the end looking for its "]".
_TARGET = r"\([^()\s]{0,2000}(?:[ \t]+\"[^\"\n]{0,300}\")?\)"  # (address "optional title")
_IMAGE = re.compile(rf"!\[[^\[\]\n]{{0,500}}\]{_TARGET}")
_LINK = re.compile(rf"\[([^\[\]\n]{{0,500}})\]{_TARGET}")
_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+|```.*|~~~.*)", re.MULTILINE)
_INLINE_MARK = re.compile(r"\*\*|__|~~|`+|(?<!\w)[*_]|[*_](?!\w)|<[^<>\n]{0,500}>")
# A code span is kept as written (its "<b>" or "__init__" are the member's words), other marks go.
_CODE_OR_MARK = re.compile(rf"(`{{1,3}})([^`\n]{{1,1000}}?)\1|{_INLINE_MARK.pattern}")


def _unmarked(match: re.Match[str]) -> str:
    return match.group(2) if match.group(1) else ""


_TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$", re.MULTILINE)
_TABLE_ROW = re.compile(r"^[ \t]*\|([^\n]*)", re.MULTILINE)
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.MULTILINE)
SEPARATOR = " · "
_ITEM = "\ue001"  # marks where a list item or table row starts (a private-use character)


def _cells(match: re.Match[str]) -> str:
    """A table row's cells, without the pipes between them."""
    cells = [cell.strip() for cell in match[1].rstrip().removesuffix("|").split("|")]
    return _ITEM + SEPARATOR.join(cell for cell in cells if cell) + "\n"


# Made once per body and shared: a post's plain text feeds its member page's excerpt, the
# search records and, for a first post, the page's description and feed entry. The cache
# returns the same string object, so the search index holds no second copy.
@functools.lru_cache(maxsize=1 << 17)
def plain_text(body: str) -> str:
    """The body's own words: quotes of other posts and Markdown markup removed, punctuation kept.

    Table cells and list items stay apart (``a · b``): no pipe of a table shows, and no
    list runs its items together.
    """
    own = "\n".join(part for part in split_quotes(body) if isinstance(part, str)).replace(_ITEM, "")
    own = _TABLE_ROW.sub(_cells, _TABLE_RULE.sub("", own))
    own = _LIST_ITEM.sub(_ITEM, own)  # each item's start, marked before the markup goes
    own = _LINK.sub(r"\1", _IMAGE.sub(" ", own))
    own = _CODE_OR_MARK.sub(_unmarked, _LINE_MARK.sub("", own))
    words = " ".join(own.split())
    out = ""
    for part in words.split(_ITEM):
        item = part.strip()
        if not item:
            continue
        if out:
            out += " " if out.endswith(":") else SEPARATOR  # "My list: heat · walks"
        out += item
    return out


def cut_at_word(text: str, chars: int) -> str:
    """``text`` up to ``chars`` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= chars:
        return text
    return text[:chars].rsplit(" ", 1)[0] + "…"


def excerpt(body: str, chars: int = 160) -> str:
    """The start of a body as plain text, cut at a word boundary."""
    return cut_at_word(plain_text(body), chars)


# A tag that starts or ends a block of its own (or shows as a break) stands for a space;
# any other tag (a link, emphasis, code) for nothing, so "the <a>book</a>." reads "the book.".
_TAG = re.compile(
    r"<(/?)(p|div|br|hr|li|ul|ol|dl|dt|dd|blockquote|pre|h[1-6]|table|thead|tbody|tfoot|tr|td|th|caption"
    r"|figure|figcaption|details|summary|section|article|aside|header|footer|nav|img|video|audio)?\b[^>]*>",
    re.IGNORECASE,
)


def _tag_space(match: re.Match[str]) -> str:
    return " " if match.group(2) else ""


def html_text(fragment: str) -> str:
    """Visible text of sanitized HTML (nh3 output is well-formed, so dropping tags is exact)."""
    return " ".join(html.unescape(_TAG.sub(_tag_space, fragment)).split())
