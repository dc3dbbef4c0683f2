"""Material's templates indent their HTML for people reading the source; the plugin's pages leave that out.

A run of spaces, tabs and line breaks in a page's text that holds a line break shows
as one space in a browser, except inside ``pre``, ``textarea``, ``script`` and
``style``, whose text is shown or run as written, and ``code`` and ``kbd``, which
Material shows with their line breaks and spaces (``white-space: pre-wrap``). On a
thread page Material's indentation is about 2.6 KB; a forum of 20,000 pages saves
some 50 MB. Only runs that hold a line break are touched, each becomes one line
break; tags, with their attribute values, and the elements above are copied as they
are, a ``pre``, ``code`` or ``kbd`` with the same elements nested inside it whole (and
any ``textarea``, ``script`` or ``style`` inside it, whose text can hold its end tag).
One pass over the page: an element above that is never closed keeps the rest of the
page as it is.

The same pass drops the SVG namespace from Material's inline icons' ``<svg>`` tags: an
HTML parser puts ``svg`` in that namespace by itself, and the seven icons of Material's
header and drawer repeat it on every page (245 bytes).
"""

from __future__ import annotations

import re

_KEPT = ("pre", "textarea", "script", "style", "code", "kbd")
_RAW = ("textarea", "script", "style")  # their text is text: a "<script>" inside one opens nothing
_NAME_ENDS = r"(?=[\s/>])"  # "<code-block>" is another element
_END = r"(?:[\s/][^>]*)?>"  # as browsers read an end tag: "</script foo>" and "</code/>" end one too
_OPEN = re.compile(rf"<({'|'.join(_KEPT)}){_NAME_ENDS}", re.IGNORECASE)
# The end of each element above (group 2); for pre, code and kbd also a start (group 1):
# their own, since they nest, and a raw element's, whose text may hold their end tag.
_BOUND = {
    name: re.compile(
        rf"()</({name}){_END}" if name in _RAW else rf"<({name}|{'|'.join(_RAW)}){_NAME_ENDS}|</({name}){_END}",
        re.IGNORECASE,
    )
    for name in _KEPT
}
_TAG_OR_RUN = re.compile(r"(<[^<>]*>)|[ \t\r\f]*\n[ \t\r\n\f]*")


def _end_of(html: str, name: str, start: int) -> int | None:
    """Where the element ``name`` opened just before ``start`` ends (after its end tag); None if it never does.

    A raw element inside a pre, code or kbd is skipped whole: an end tag in its text ends nothing.
    """
    depth, at = 1, start
    while (bound := _BOUND[name].search(html, at)) is not None:
        at = bound.end()
        opened = (bound.group(1) or "").lower()
        if opened and opened != name:
            skipped = _end_of(html, opened, at)
            if skipped is None:
                return None
            at = skipped
            continue
        depth += 1 if opened else -1
        if depth == 0:
            return at
    return None


_SVG_NAMESPACE = ' xmlns="http://www.w3.org/2000/svg"'


def _squeezed(match: re.Match[str]) -> str:
    tag = match.group(1)
    if tag is None:
        return "\n"
    return tag.replace(_SVG_NAMESPACE, "", 1) if tag.startswith("<svg ") else tag


def squeeze_indentation(html: str) -> str:
    """``html`` with each blank run of its text that holds a line break made one line break (see above)."""
    out: list[str] = []
    at = 0
    while (opening := _OPEN.search(html, at)) is not None:
        out.append(_TAG_OR_RUN.sub(_squeezed, html[at : opening.start()]))
        closing = _end_of(html, opening.group(1).lower(), opening.end())
        if closing is None:
            out.append(html[opening.start() :])
            return "".join(out)
        out.append(html[opening.start() : closing])
        at = closing
    out.append(_TAG_OR_RUN.sub(_squeezed, html[at:]))
    return "".join(out)
