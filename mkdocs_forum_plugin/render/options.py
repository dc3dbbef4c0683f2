"""The site-wide settings the renderer follows: plain data, made from the plugin's options by the adapter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .labels import Labels
from .media import MediaOptions

PLACEMENTS = ("first-expert", "every-expert", "top", "bottom")
DISCLAIMER_THREADS = ("with-expert", "all")


@dataclass(frozen=True)
class DisclaimerOptions:
    """The site's disclaimer, from the plugin config."""

    text: str = ""
    title: str = "Disclaimer"
    type: str = "warning"
    collapsible: bool = False
    placement: str = "first-expert"
    threads: str = "with-expert"


@dataclass(frozen=True)
class ContentNote:
    """One of the wiki's content notes (the ``content_notes`` option): a title and a Markdown text."""

    title: str
    text: str = ""


@dataclass(frozen=True)
class RenderOptions:
    """Site-wide rendering settings."""

    experts: frozenset[str] = frozenset()  # roles, compared case-insensitively
    expert_label: str = "Expert answer"
    disclaimer: DisclaimerOptions = DisclaimerOptions()
    render_tags: bool = True  # False where Material's tags plugin shows them
    labels: Labels = field(default_factory=Labels)  # the site language's words, dates and numbers
    # --- care: honest labels, content notes and review dates
    recommended_label: str = "Recommended answer"  # an editor's pick whose author has no expert role
    content_notes: Mapping[str, ContentNote] = field(default_factory=dict)
    review_every: int = 36  # months between reviews
    media: MediaOptions = field(default_factory=MediaOptions)  # remote pictures, and the site's own host
    # Each post heading carries id="post-N-author" only for Material's own search, which makes a
    # section (a hit that opens that post) only of a heading with an id; nothing else needs it.
    heading_ids: bool = False
