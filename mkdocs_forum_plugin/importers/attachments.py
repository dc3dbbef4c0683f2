"""The files attached to a post, listed below its body by XenForo 1 and 2, as Markdown links; and its author's picture.

XenForo shows attached files outside the post's body: ``ul.attachmentList`` (2.x inside
``section.message-attachments``), one item a file, with a link to the full file and, for
pictures, a thumbnail inside the link. Each becomes a line of the body, a thumbnail
picture linked to its file (``[![name](thumbnail)](file)``) or a plain link, so the media
step keeps both and a reader opens the full file from the thumbnail.
"""

from __future__ import annotations

import re

from .bodies import Converted
from .dom import Element, PostTree, attr, first, text
from .markdown_text import escape_text
from .soup import absolute

ITEMS = "ul.attachmentList > li"
_BRACKETS = re.compile(r"[\[\]]")


def _item(item: Element, base: str | None) -> str | None:
    links = [a for a in item.css("a[href]") if attr(a, "href").strip() and not attr(a, "href").startswith("#")]
    if not links:
        return None
    full = absolute(attr(links[0], "href"), base)
    if not full.startswith(("http://", "https://")):
        return None
    picture = first(item, "img")
    name = (
        attr(first(item, ".file-name"), "title")
        or text(first(item, ".file-name, .attachmentName"))
        or attr(item, "title")
        or attr(picture, "alt")
        or text(links[-1])
    )
    name = escape_text(_BRACKETS.sub("", name).strip())
    thumbnail = absolute(attr(picture, "data-src") or attr(picture, "src"), base) if picture is not None else ""
    if thumbnail.startswith(("http://", "https://")):
        return f"[![{name}]({thumbnail})]({full})"
    return f"[{name or 'attached file'}]({full})"


def avatar_of(tree: PostTree, post: Element, selector: str, base: str | None) -> str | None:
    """The web address of the author's picture beside a post (a saved page's own copy included), if any."""
    picture = next(iter(tree.own(post, selector)), None)
    address = absolute(attr(picture, "data-src") or attr(picture, "src"), base) if picture is not None else ""
    return address if address.startswith(("http://", "https://")) else None


def with_attachments(converted: Converted, post: Element, tree: PostTree, base: str | None) -> Converted:
    """A converted body with the post's attached files added at its end, one paragraph each."""
    lines = [line for item in tree.own(post, ITEMS) if (line := _item(item, base)) is not None]
    if not lines:
        return converted
    markdown = "\n\n".join([converted.markdown, *lines]) if converted.markdown else "\n\n".join(lines)
    return Converted(markdown, converted.quotes, converted.notes)
