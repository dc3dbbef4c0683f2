"""Every avatar (posts, member pages, listings): the member's picture, or their initials on one of twelve colours."""

from __future__ import annotations

from html import escape

from ..model import Member
from .text import escape_attr, hue_class, initials


def avatar(member: Member, asset_url: str | None, css_class: str = "") -> str:
    """The picture, or the initials (with the ``css_class--initials`` class); hidden from screen readers.

    The colour is a class (``forum-hue-N``), not a ``style``: a thread repeats an avatar on
    every post, a listing on every row. A post's avatar has no class of its own (``css_class``
    ""): the stylesheet finds it as the post's ``span`` or ``img`` child, and tells initials
    from a picture by the element.
    """
    if asset_url:
        src = escape_attr(asset_url)
        attrs = f' class="{css_class}"' if css_class else ""
        return f'<img{attrs} src="{src}" alt="" width="40" height="40" loading="lazy">'
    own = [css_class, f"{css_class}--initials"] if css_class else []
    classes = " ".join([*own, hue_class(member.name)])
    return f'<span class="{classes}" aria-hidden="true">{escape(initials(member.name))}</span>'


def post_avatar(member: Member, asset_url: str | None) -> tuple[str, str, str]:
    """A post's avatar: (the picture as the article's ``img`` child, or ""; a class and attributes for its tag).

    A post's initials are no element: the article carries their colour (``forum-hue-N``) and
    letters (``data-initials``), and the stylesheet draws them before the heading, with empty
    alternative text, so screen readers skip them as they skip a picture with ``alt=""``. A
    thread of fifteen posts saves fifteen spans, each with ``aria-hidden="true"``.
    """
    if asset_url:
        return avatar(member, asset_url), "", ""
    return "", f" {hue_class(member.name)}", f' data-initials="{escape_attr(initials(member.name))}"'
