"""Every avatar (posts, member pages, listings): the member's picture, or their initials on one of twelve colours."""

from __future__ import annotations

from html import escape

from ..model import Member
from .text import escape_attr, hue_class, initials


def avatar(member: Member, asset_url: str | None, css_class: str, *, modifier: bool = True) -> str:
    """The picture, or the initials (``modifier``: with the ``css_class--initials`` class); hidden from screen readers.

    The colour is a class (``forum-hue-N``), not a ``style``: a thread repeats an avatar on
    every post, a listing on every row. A post's initials go without the modifier: the
    stylesheet tells them from a picture by the element (``span``, ``img``).
    """
    if asset_url:
        src = escape_attr(asset_url)
        return f'<img class="{css_class}" src="{src}" alt="" width="40" height="40" loading="lazy">'
    classes = f"{css_class} {css_class}--initials" if modifier else css_class
    classes += f" {hue_class(member.name)}"
    return f'<span class="{classes}" aria-hidden="true">{escape(initials(member.name))}</span>'
