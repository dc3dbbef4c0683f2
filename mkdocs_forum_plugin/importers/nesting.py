"""How deep and how many: a linear look at a page's tags before any tree is built from it.

HTML5 tree builders (lexbor, and lxml with markdownify after it) spend time on
every open element at each new tag, and markdownify recurses once per level, so
a page of 200,000 nested ``<div>`` took a minute and then failed with a
RecursionError. ``measure`` reads the tags once, with a small model of the
tree builder's stack, and stops at the first limit passed: pages are refused
there, before lexbor sees them, and post bodies too deep to convert are read
as plain text.

The model follows the HTML5 rules that decide depth: void elements, raw text
(``<script>``, ``<style>`` ...), comments, end tags that close the elements
left open inside them (within their scope), elements closed by their next
sibling (``<p>``, ``<li>``, table cells ...), the rows and bodies a table
adds itself, self-closing tags in SVG and MathML (and the HTML tags that end them, and
integration points where HTML starts again; end tags there close only their own
elements, and ``</p>`` or ``</br>`` ends them), a ``<select>``, which ignores other
end tags, and cells or rows outside a table, which are dropped. The fuzz test
against lexbor found each of the last rules. Where it differs from a
browser it counts deeper, never shallower, except for rare error recovery in
the tree builder; the tree is then still bounded, since each post body is
measured again before it is converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .open_elements import BREAKOUT, FONT_BREAKOUT, FOREIGN, IGNORED_STARTS, RAW_TEXT, VOID, OpenElements

MAX_DEPTH = 200  # open elements on a page; saved XenForo and Discourse pages nest fewer than 100
MAX_BODY_DEPTH = 120  # inside one post body: markdownify recurses three calls per level (Python allows 1,000)
MAX_TAGS = 500_000  # tags and comments on a page; a saved thread page of 20 posts has a few thousand
BASE_DEPTH = 2  # <html> and <body>, which the tree builder adds when the page leaves them out

_SPACE = "\t\n\f\r "
_TOKEN = re.compile(r"<(?:(!--)|([!?])|/([A-Za-z][^\t\n\f\r />]*+)?|([A-Za-z][^\t\n\f\r />]*+))")
# A tag's attributes up to its '>', as the HTML tokenizer reads them: a quote opens a value only after '=',
# and a value in quotes may hold '>'. Possessive throughout, so a tag that never ends costs one linear scan.
_REST = re.compile(
    r"(?:[\t\n\f\r ]++|/(?!>)|[^\t\n\f\r />=\"'][^\t\n\f\r />=]*+|[\"']"
    r"|=[\t\n\f\r ]*+(?:\"[^\"]*+\"|'[^']*+'|(?![\"'])[^\t\n\f\r >]*+))*+(/?)>"
)
_COMMENT_END = re.compile(r"--!?>")


@dataclass(frozen=True)
class Measure:
    """What ``measure`` found: the deepest nesting and the tag count up to where it stopped."""

    depth: int
    tags: int
    over: str | None = None  # "depth" or "tags" when a limit was passed
    offset: int = 0  # where in the text it was passed


def _skip_raw(text: str, name: str, start: int) -> int:
    """Where the raw text of a ``<script>`` (or similar) ends: after its end tag, or at the end of the text."""
    found = re.compile(f"</{re.escape(name)}[{_SPACE}/>]", re.IGNORECASE).search(text, start)
    if found is None:
        return len(text)
    end = text.find(">", found.end() - 1)
    return len(text) if end < 0 else end + 1


def _skip_markup(text: str, pos: int, comment: bool, cdata: bool) -> int:
    """Where a comment, doctype or other ``<!`` / ``<?`` markup ends."""
    if comment:
        after = pos + 4
        if text.startswith(">", after) or text.startswith("->", after):  # '<!-->' and '<!--->' end at once
            return text.find(">", after) + 1
        found = _COMMENT_END.search(text, after)
        return len(text) if found is None else found.end()
    if cdata:
        end = text.find("]]>", pos)
        return len(text) if end < 0 else end + 3
    end = text.find(">", pos)
    return len(text) if end < 0 else end + 1


def _start(stack: OpenElements, name: str, self_closing: bool) -> None:
    """An HTML start tag (an SVG or MathML element starts foreign content; '<svg/>' is void)."""
    if name in FOREIGN:
        if not self_closing:
            stack.open(name)
            stack.foreign_at[-1] = name
    elif name not in VOID:
        stack.open(name)
        if name in RAW_TEXT:
            stack.pop()  # its text is skipped whole


def measure(text: str, max_depth: int = MAX_DEPTH, max_tags: int = MAX_TAGS, base: int = BASE_DEPTH) -> Measure:
    """The nesting depth and tag count of HTML, read once from start to end; stops at the first limit passed."""
    stack = OpenElements()
    deepest = base
    tags = 0
    pos = 0
    end = len(text)
    while pos < end:
        found = _TOKEN.search(text, pos)
        if found is None:
            break
        tags += 1
        if tags > max_tags:
            return Measure(deepest, tags, "tags", found.start())
        comment, bang, end_name, start_name = found.groups()
        if comment or bang:
            cdata = bool(bang) and stack.foreign() and text.startswith("[CDATA[", found.end())
            pos = _skip_markup(text, found.start(), bool(comment), cdata)
            continue
        if start_name is None and end_name is None:  # '</' and no name: '</>' is dropped, anything else is a comment
            pos = _skip_markup(text, found.start(), False, False)
            continue
        rest = _REST.match(text, found.end())
        if rest is None:  # the tag runs to the end of the text (an open quote): the tree builder drops it all
            break
        pos = rest.end()
        if end_name is not None:
            stack.end_tag(end_name.lower())
            continue
        name = start_name.lower()
        if name in IGNORED_STARTS and not stack.foreign():
            continue
        if name in IGNORED_STARTS and name in BREAKOUT:  # <body> or <head> in SVG: it ends it, then is merged
            stack.break_out()
            continue
        breakout = name in BREAKOUT or (name == "font" and FONT_BREAKOUT.search(rest.group(0)) is not None)
        if stack.foreign() and not breakout:
            if not rest.group(1):
                stack.push(name, foreign=stack.foreign_at[-1])
        else:
            if stack.foreign():
                stack.break_out()  # and the tag is read as HTML
            _start(stack, name, bool(rest.group(1)))
            if name in RAW_TEXT:
                pos = _skip_raw(text, name, pos)
            elif name == "plaintext":  # everything after it is text
                pos = end
        depth = len(stack.names) + base
        if depth > deepest:
            deepest = depth
            if depth > max_depth:
                return Measure(deepest, tags, "depth", found.start())
    return Measure(deepest, tags)


def line_of(text: str, offset: int) -> int:
    """The line number (from 1) of a position in a text."""
    return text.count("\n", 0, offset) + 1


def cut_html(html: str, limit: int) -> str:
    """At most ``limit`` characters of HTML, cut before a tag or character reference rather than inside one."""
    if len(html) <= limit:
        return html
    cut = html[:limit]
    tag = cut.find("<", cut.rfind(">") + 1)  # the first '<' after the last '>': '<<<' may start a tag anywhere
    if tag >= 0:
        cut = cut[:tag]
    amp = cut.rfind("&")
    if amp >= 0 and amp > len(cut) - 40 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut
