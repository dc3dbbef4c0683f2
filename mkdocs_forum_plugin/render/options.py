"""What the renderer needs to know about the site: plain data, filled by the adapter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Member

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
class RenderOptions:
    """Site-wide rendering settings."""

    experts: frozenset[str] = frozenset()  # roles, compared case-insensitively
    expert_label: str = "Expert answer"
    disclaimer: DisclaimerOptions = DisclaimerOptions()
    render_tags: bool = True  # False where Material's tags plugin shows them
    members: dict[str, Member] = field(default_factory=dict)


@dataclass(frozen=True)
class RelatedLink:
    """One entry of a thread's "Related threads" block."""

    title: str
    url: str
    kind: str  # "listed" | "backlink" | "similar"


@dataclass
class PageContext:
    """Per-page facts from the site: where things are, relative to this page."""

    related: list[RelatedLink] = field(default_factory=list)
    section_name: str | None = None
    section_url: str | None = None
    # Maps a link found in a body (already relative to docs/) to a URL, or None.
    resolve_link: Callable[[str], str | None] = lambda target: None
    # Maps a docs-relative file path (e.g. an avatar) to a URL relative to the page.
    asset_url: Callable[[str], str] = lambda path: path
    # Maps an old forum address (some thread's `source`) to that thread's page, or None.
    resolve_web: Callable[[str], str | None] = lambda href: None
    # The number of posts of a thread file (docs-relative path), or None when it is no thread.
    posts_of: Callable[[str], int | None] = lambda path: None
    # Maps a member name to their member page, relative to this page, or None.
    member_url: Callable[[str], str | None] = lambda name: None
