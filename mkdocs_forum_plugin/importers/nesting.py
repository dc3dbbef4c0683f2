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
integration points where HTML starts again), and cells or rows outside a table,
which are dropped. Where it differs from a
browser it counts deeper, never shallower, except for rare error recovery in
the tree builder; the tree is then still bounded, since each post body is
measured again before it is converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


VOID = _names(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr"
)
RAW_TEXT = _names("script style textarea title xmp iframe noembed noframes")
IGNORED_STARTS = _names("html head body")  # merged into the elements the tree builder already has
FOREIGN = _names("svg math")
# Inside these SVG and MathML elements, tags are read as HTML again (integration points).
INTEGRATION = {"svg": _names("foreignobject desc title"), "math": _names("mi mo mn ms mtext annotation-xml")}
# HTML elements that end SVG or MathML content when they start inside it (so '/>' does not make them void).
BREAKOUT = _names(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li "
    "listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var"
)
# <font> ends them only with one of these attributes.
_FONT_BREAKOUT = re.compile(r"(?:^|[\t\n\f\r /])(?:color|face|size)(?=[\t\n\f\r /=>]|$)", re.IGNORECASE)
_BLOCKS_CLOSING_P = _names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer "
    "header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form table "
    "hr xmp li dd dt plaintext"
)
_HEADINGS = _names("h1 h2 h3 h4 h5 h6")
# What a start tag closes when it is the innermost open element: the sibling it follows.
_SIBLING = {
    "a": ("a",),
    "nobr": ("nobr",),
    "button": ("button",),
    "li": ("li",),
    "dd": ("dd", "dt"),
    "dt": ("dd", "dt"),
    "option": ("option",),
    "optgroup": ("option",),
}
_SECTIONS = ("tbody", "thead", "tfoot")
SCOPE = _names("applet caption html table td th marquee object template foreignobject desc title")
TABLE_SCOPE = _names("html table template")
TABLE_ENDS = _names("table tbody thead tfoot tr td th caption colgroup")
# End tags of these close what is open inside them; any other end tag stops at an open element of this kind.
SPECIAL = _names(
    "address applet area article aside base basefont bgsound blockquote body br button caption center col "
    "colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 "
    "h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu "
    "meta nav noembed noframes object ol p param plaintext pre script search section select source style "
    "summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp svg math"
)


@dataclass(frozen=True)
class Measure:
    """What ``measure`` found: the deepest nesting and the tag count up to where it stopped."""

    depth: int
    tags: int
    over: str | None = None  # "depth" or "tags" when a limit was passed
    offset: int = 0  # where in the text it was passed


_FORMATTING = _names("a b big code em font i nobr s small strike strong tt u")


_TABLE_PARTS = _names("caption colgroup tbody thead tfoot tr td th")


class _Stack:
    """The model of the tree builder's stack of open elements."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.counts: dict[str, int] = {}
        self.foreign_at: list[str] = []  # "svg" or "math" for an open SVG or MathML element, else ""

    def push(self, name: str, foreign: str = "") -> None:
        self.names.append(name)
        self.counts[name] = self.counts.get(name, 0) + 1
        self.foreign_at.append(foreign)

    def pop(self) -> None:
        name = self.names.pop()
        self.counts[name] -= 1
        self.foreign_at.pop()

    def top(self) -> str:
        return self.names[-1] if self.names else "html"

    def foreign(self) -> bool:
        """Whether a tag here is read as SVG or MathML: the current element is one, and not an integration point."""
        space = self.foreign_at[-1] if self.foreign_at else ""
        return bool(space) and self.names[-1] not in INTEGRATION[space]

    def break_out(self) -> None:
        """An HTML element started in SVG or MathML: the tree builder closes them back to an HTML element."""
        self.pop()
        while self.foreign():
            self.pop()

    def close(self, name: str) -> None:
        """An end tag: pop to the open element of that name, unless the tree builder would ignore the tag."""
        if not self.counts.get(name):
            return
        if name == "form" and self.top() != "form":
            # Only the form leaves the stack, and what is open inside it stays inside it in the
            # tree: counting the form as still open counts what follows no shallower.
            return
        if name in _FORMATTING and self._block_inside(name):
            # Misnested formatting around a block (<b><div></b>): the tree builder's adoption
            # agency keeps the block open and opens the formatting again inside it; counting
            # nothing closed never counts shallower than it.
            return
        stops = TABLE_SCOPE if name in TABLE_ENDS else SCOPE if name in SPECIAL else SPECIAL
        names = self.names
        for i in range(len(names) - 1, -1, -1):  # at most the depth limit: the stack never grows past it
            if names[i] == name:
                while len(names) > i:
                    self.pop()
                return
            if names[i] in stops:
                return

    def _block_inside(self, name: str) -> bool:
        """Whether an element other than formatting is open inside the innermost ``name``."""
        for inner in reversed(self.names):  # at most the depth limit
            if inner == name:
                return False
            if inner not in _FORMATTING:
                return True
        return False

    def open(self, name: str) -> None:
        """A start tag of an element that is not void: close the sibling it ends, add what a table adds, push."""
        if name in _TABLE_PARTS and not self.counts.get("table") and not self.counts.get("template"):
            return  # a cell, row or section outside any table is dropped
        top = self.top()
        if top == "p" and name in _BLOCKS_CLOSING_P:
            self.pop()
            top = self.top()
        if (name in _HEADINGS and top in _HEADINGS) or top in _SIBLING.get(name, ()):
            self.pop()
        elif name in ("td", "th", "tr"):
            if top in ("td", "th"):
                self.pop()
                top = self.top()
            if name == "tr" and top == "tr":
                self.pop()
                top = self.top()
            if top == "table":
                self.push("tbody")
                top = "tbody"
            if name != "tr" and top in _SECTIONS:
                self.push("tr")
        self.push(name)


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


def _start(stack: _Stack, name: str, self_closing: bool) -> None:
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
    stack = _Stack()
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
            stack.close(end_name.lower())
            continue
        name = start_name.lower()
        if name in IGNORED_STARTS:
            continue
        breakout = name in BREAKOUT or (name == "font" and _FONT_BREAKOUT.search(rest.group(0)) is not None)
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
