"""The line at the end of a reviewed thread: 'Last reviewed DATE by NAME · Next review due DATE'."""

from __future__ import annotations

from html import escape

from ..link_index import PageLinks
from ..model import Thread
from ..reviews import day_of, next_review
from .options import RenderOptions
from .text import escape_attr, time_tag


def review_line(thread: Thread, options: RenderOptions, links: PageLinks) -> str:
    """The review line of a thread in the page's language, or "" for a thread never reviewed."""
    due = next_review(thread, options.review_every)
    if thread.reviewed is None or due is None:
        return ""
    labels = options.labels
    day = day_of(thread.reviewed)  # a review is dated by its day, whatever time the file gives
    reviewed = time_tag(day, labels.date(day))
    if thread.reviewed_by:
        name = escape(thread.reviewed_by)
        link = links.member_page(thread.reviewed_by) or links.member(thread.reviewed_by).url
        if link:
            name = f'<a href="{escape_attr(link)}">{name}</a>'
        last = labels.html("reviewed_by", date=reviewed, name=name)
    else:
        last = labels.html("reviewed", date=reviewed)
    nxt = labels.html("review_due", date=time_tag(due, labels.date(due)))
    return (
        f'<p class="forum-review"><span class="forum-review__last">{last}</span>'
        f' · <span class="forum-review__next">{nxt}</span></p>'
    )
