"""Where each option is read: the plugin's options as written under ``plugins: - forum:`` in mkdocs.yml.

Each option is declared and documented here; :func:`forum_settings` hands the
ones the core uses to it as plain data, and the adapter reads the rest (which
pages to generate, and where) from the same object.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ...build_state import ForumSettings
from ...render.labels import Labels, check_overrides, labels_for
from ...render.members import MEMBER_PAGES
from ...render.options import DISCLAIMER_THREADS, PLACEMENTS, DisclaimerOptions, RenderOptions


class DisclaimerConfig(base.Config):
    """``disclaimer:`` - the notice inserted next to expert answers."""

    text = c.Type(str, default="")
    """Markdown of the disclaimer. Empty: no disclaimer anywhere (threads may still set their own)."""
    title = c.Optional(c.Type(str))
    """Title line of the admonition; default: the site language's word for 'Disclaimer'."""
    type = c.Type(str, default="warning")
    """Admonition type (note, warning, danger, ... or a custom type styled in CSS)."""
    collapsible = c.Type(bool, default=False)
    """Render it collapsed (a ``<details>`` the reader opens) instead of always open."""
    placement = c.Choice(PLACEMENTS, default="first-expert")
    """first-expert, every-expert, top or bottom."""
    threads = c.Choice(DISCLAIMER_THREADS, default="with-expert")
    """with-expert: only threads with an expert answer; all: every thread."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:  # noqa: D102
        failed, warnings = super().validate()
        kind = self.get("type")
        if isinstance(kind, str) and not kind.replace("-", "").replace("_", "").isalnum():
            failed.append(("type", base.ValidationError(f"'{kind}' is not an admonition type name")))
        return failed, warnings


class ForumConfig(base.Config):
    """All options of the ``forum`` plugin."""

    experts = c.ListOfItems(c.Type(str), default=[])
    """Roles (user titles) whose posts are expert answers, compared case-insensitively."""
    expert_label = c.Optional(c.Type(str))
    """Label on expert answers, such as 'Therapist answer'; default: the site language's 'Expert answer'."""
    members = c.Type(str, default="members.yml")
    """The members file, relative to docs/. Optional."""
    disclaimer = c.SubConfig(DisclaimerConfig)
    related_max = c.Type(int, default=5)
    """How many similar threads to add automatically to each 'Related threads' block."""
    include = c.ListOfItems(c.Type(str), default=["*.yml", "*.yaml"])
    """Glob patterns (gitignore style, relative to docs/) of thread files."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of YAML files under docs/ that are not thread files."""
    sections = c.Type(bool, default=True)
    """Generate a page per forum section listing its threads, and a forums overview."""
    sections_dir = c.Type(str, default="forums")
    """Folder (URL prefix) of the generated section pages."""
    default_section = c.Type(str, default="General")
    """Section for threads that name no ``forum``."""
    section_page_size = c.Type(int, default=50)
    """Threads per section listing page; longer sections get more pages."""
    member_pages = c.Choice(MEMBER_PAGES, default="all")
    """all: a page per member who posted; experts: only for experts; off: none."""
    members_dir = c.Type(str, default="members")
    """Folder (URL prefix) of the generated member pages."""
    structured_data = c.Type(bool, default=True)
    """Add schema.org DiscussionForumPosting JSON-LD to each thread page."""
    feeds = c.Type(bool, default=True)
    """Atom feeds of the newest threads (needs site_url): feed.xml and one per section."""
    feed_size = c.Type(int, default=20)
    """Threads in each feed."""
    redirects = c.Type(bool, default=False)
    """Write a redirect page at the old forum path of each thread's ``source`` address."""
    privacy = c.Choice(("off", "pseudonymize"), default="off")
    """pseudonymize: show every member name as a stable alias, except public members."""
    privacy_secret = c.Type(str, default="")
    """Secret the aliases are derived from; keep it out of the repository (``!ENV FORUM_SECRET``)."""
    public_members = c.Optional(c.ListOfItems(c.Type(str)))
    """Names shown as they are under ``privacy: pseudonymize``; default: the experts."""
    search = c.Choice(("chunked", "material"), default="chunked")
    """chunked: a reader's browser fetches per query only the parts of the index it needs, and
    threads are indexed from the model; material: Material's own search (one index file that
    every page downloads whole). See docs/reference/search.md."""
    labels = c.Type(dict, default={})
    """The wiki's own wording of any label (label name -> text), over the language's catalogue (theme.language)."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:  # noqa: D102
        failed, warnings = super().validate()
        if self.get("privacy") == "pseudonymize" and not self.get("privacy_secret"):
            message = "privacy: pseudonymize needs a privacy_secret (e.g. privacy_secret: !ENV FORUM_SECRET)"
            failed.append(("privacy_secret", base.ValidationError(message)))
        overrides = self.get("labels")
        if isinstance(overrides, dict):
            failed.extend(("labels", base.ValidationError(problem)) for problem in check_overrides(overrides))
        return failed, warnings


def forum_settings(config: ForumConfig, *, tags_plugin: bool, language: str = "en") -> ForumSettings:
    """The options the core uses, as plain data.

    ``tags_plugin``: Material's tags plugin shows the tags; ``language``: the theme's language code.
    """
    d = config.disclaimer
    labels = labels_for(language, config.labels)
    title = d.title if d.title is not None else labels("disclaimer")
    render = RenderOptions(
        experts=frozenset(role.casefold() for role in config.experts),
        expert_label=expert_label(config, labels),
        disclaimer=DisclaimerOptions(d.text, title, d.type, d.collapsible, d.placement, d.threads),
        render_tags=not tags_plugin,
        labels=labels,
    )
    public = tuple(config.public_members) if config.public_members is not None else None
    return ForumSettings(
        render=render,
        related_max=config.related_max,
        default_section=config.default_section,
        privacy=config.privacy,
        privacy_secret=config.privacy_secret,
        public_members=public,
    )


def expert_label(config: ForumConfig, labels: Labels) -> str:
    """The wiki's ``expert_label``, else the language's 'Expert answer'."""
    return config.expert_label if config.expert_label is not None else labels("expert_answer")


def site_language(theme: Mapping[str, Any]) -> str:
    """Material's ``theme.language`` ('en' when the theme has none)."""
    language = theme.get("language")
    return language if isinstance(language, str) and language else "en"
