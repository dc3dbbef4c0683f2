"""The avatar of member pages and listings: the member's picture, or their initials on one of twelve colours."""

from __future__ import annotations

from html import escape

from ..model import Member
from .text import escape_attr, hue_class, initials


def avatar(member: Member, asset_url: str | None, css_class: str) -> str:
    """The picture, or the initials with the ``css_class--initials`` modifier; hidden from screen readers.

    The colour is a class (``forum-hue-N``), not a ``style``: a members index or a section
    listing repeats an avatar on every row.
    """
    if asset_url:
        src = escape_attr(asset_url)
        return f'<img class="{css_class}" src="{src}" alt="" width="40" height="40" loading="lazy">'
    classes = f"{css_class} {css_class}--initials {hue_class(member.name)}"
    return f'<span class="{classes}" aria-hidden="true">{escape(initials(member.name))}</span>'
