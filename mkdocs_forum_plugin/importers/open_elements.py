"""The tree builder's stack of open elements, as ``nesting.measure`` models it: which tags push, pop or stop.

The names follow the HTML5 tree construction rules that decide depth (see ``nesting.py``
for what the model covers and where it counts deeper than a browser); the stack is a
list of names, with the namespace (SVG, MathML or HTML) of each.
"""

from __future__ import annotations

import re
from collections.abc import Callable


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
FONT_BREAKOUT = re.compile(r"(?:^|[\t\n\f\r /])(?:color|face|size)(?=[\t\n\f\r /=>]|$)", re.IGNORECASE)
# Not <table>: in a page without a doctype (quirks mode), as a post body is read, it does not.
_BLOCKS_CLOSING_P = _names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer "
    "header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form "
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
SCOPE = _names(
    "applet caption html table td th marquee object template foreignobject desc title mi mo mn ms mtext annotation-xml"
)
TABLE_SCOPE = _names("html table template")
TABLE_ENDS = _names("table tbody thead tfoot tr td th caption colgroup")
# End tags of these close what is open inside them; any other end tag stops at an open element of this kind.
SPECIAL = _names(
    "address applet area article aside base basefont bgsound blockquote body br button caption center col "
    "colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 "
    "h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu "
    "meta nav noembed noframes noscript object ol p param plaintext pre script search section select source style "
    "summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp"
    " desc foreignobject"  # lexbor stops end tags at these even where they are not SVG
)


_FORMATTING = _names("a b big code em font i nobr s small strike strong tt u")


_TABLE_PARTS = _names("caption colgroup tbody thead tfoot tr td th")
_SELECT_ENDS = _names("select option optgroup")
# A <noscript> stops other end tags (it is special), but its own is one of them: "</noscript>" stops
# at a <div> open inside it, as the tree builders read it with scripting off.
_CLOSES_INSIDE = SPECIAL - {"noscript"}
# Scopes narrower than the usual one: "</li>" stops at a list inside it, "</p>" at a button.
_NARROWER = {"li": ("ol", "ul"), "p": ("button",)}


class OpenElements:
    """The model of the tree builder's stack of open elements."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.counts: dict[str, int] = {}
        self.foreign_at: list[str] = []  # "svg" or "math" for an open SVG or MathML element, else ""

    def push(self, name: str, foreign: str = "") -> None:
        """Open ``name`` (in SVG or MathML when ``foreign`` says which)."""
        self.names.append(name)
        self.counts[name] = self.counts.get(name, 0) + 1
        self.foreign_at.append(foreign)

    def pop(self) -> None:
        """Close the current element."""
        name = self.names.pop()
        self.counts[name] -= 1
        self.foreign_at.pop()

    def top(self) -> str:
        """The current element's name ("html" when none is open)."""
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
        if name == "p" and self._opened_inside("p", _BLOCKS_CLOSING_P.__contains__):
            # A block opened deeper in (<p><b><div>) closed the p in the tree builder, which
            # the model closes only for a block right inside it: this "</p>" finds nothing there.
            return
        if name in _FORMATTING and self._opened_inside(name, lambda inner: inner not in _FORMATTING):
            # Misnested formatting around a block (<b><div></b>): the tree builder's adoption
            # agency keeps the block open and opens the formatting again inside it; counting
            # nothing closed never counts shallower than it.
            return
        stops = TABLE_SCOPE if name in TABLE_ENDS else SCOPE if name in _CLOSES_INSIDE else SPECIAL
        names = self.names
        for i in range(len(names) - 1, -1, -1):  # at most the depth limit: the stack never grows past it
            if names[i] == name:
                self._pop_to(i)
                return
            if names[i] in stops or names[i] in _NARROWER.get(name, ()):
                return
            if names[i] == "select" and name not in _SELECT_ENDS:
                return  # a select ignores other end tags: what is open in it stays open

    def end_tag(self, name: str) -> None:
        """An end tag, by the rules for SVG and MathML while one of their elements is the current one."""
        if self.foreign_at and self.foreign_at[-1]:
            self.close_foreign(name)
        else:
            self.close(name)

    def close_foreign(self, name: str) -> None:
        """An end tag while an SVG or MathML element is the current one, by the rules for foreign content.

        ``</p>`` and ``</br>`` end the foreign content and are then read as HTML. Any other
        end tag closes the foreign element of its name, unless an HTML element comes first
        down the stack: there the tag is read by the HTML rules (``close``).
        """
        if name in ("p", "br"):
            while self.foreign():
                self.pop()
            if name == "p":
                self.close(name)
            return
        for i in range(len(self.names) - 1, -1, -1):  # at most the depth limit
            if self.names[i] == name:
                self._pop_to(i)
                return
            if i > 0 and not self.foreign_at[i - 1]:  # the next one down is an HTML element
                self.close(name)
                return

    def _pop_to(self, i: int) -> None:
        """Close the element at ``i`` and everything open inside it."""
        while len(self.names) > i:
            self.pop()

    def _opened_inside(self, name: str, kind: Callable[[str], bool]) -> bool:
        """Whether an element of ``kind`` is open inside the innermost ``name``."""
        for inner in reversed(self.names):  # at most the depth limit
            if inner == name:
                return False
            if kind(inner):
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
