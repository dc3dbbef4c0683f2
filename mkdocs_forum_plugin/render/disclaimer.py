"""The medical disclaimer admonition and where it goes in a thread."""

from __future__ import annotations

from html import escape

from ..model import Thread
from .options import DisclaimerOptions
from .text import escape_attr


def disclaimer_text(thread: Thread, site: DisclaimerOptions, has_expert: bool) -> str | None:
    """The Markdown to show for this thread, or None when it gets no disclaimer."""
    own = thread.disclaimer
    if own is False:
        return None
    if isinstance(own, str):
        return own if own.strip() else None
    if not site.text.strip():
        return None
    if own is True or site.threads == "all" or has_expert:
        return site.text
    return None


def slots(site: DisclaimerOptions, expert_posts: list[int]) -> tuple[str, set[int]]:
    """Where the disclaimer goes: ("top"|"bottom"|"after", post numbers to follow).

    Expert placements fall back to the top of a thread that has no expert answer,
    so a reader meets the disclaimer before any advice.
    """
    if site.placement in ("top", "bottom"):
        return site.placement, set()
    if not expert_posts:
        return "top", set()
    if site.placement == "every-expert":
        return "after", set(expert_posts)
    return "after", {expert_posts[0]}


def admonition(body_html: str, site: DisclaimerOptions) -> str:
    """Material admonition markup: a ``<details>`` when collapsible, else a ``<div>``."""
    kind = escape_attr(site.type)
    title = escape(site.title)
    if site.collapsible:
        return f'<details class="{kind} forum-disclaimer" role="note"><summary>{title}</summary>{body_html}</details>'
    return (
        f'<div class="admonition {kind} forum-disclaimer" role="note">'
        f'<p class="admonition-title">{title}</p>{body_html}</div>'
    )
