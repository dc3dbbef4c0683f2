"""The forum's options, declared once and read from any engine's configuration.

MkDocs finds them under ``plugins: - forum:`` in ``mkdocs.yml``; Zensical wikis
keep them under ``[project.extra.forum]`` in ``zensical.toml``, where Zensical
leaves third-party settings alone. Both hand the same plain mapping to
:func:`read_options`, which checks every value and names the option that is wrong.
Nothing here imports an engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

from .build_state import ForumSettings
from .hosting import HOST_NAMES, Features
from .problems import closest
from .render.jsonld import STRUCTURED_DATA
from .render.labels import Labels, check_overrides, labels_for
from .render.media import REMOTE_IMAGES, MediaOptions
from .render.members import MEMBER_PAGES
from .render.options import DISCLAIMER_THREADS, PLACEMENTS, ContentNote, DisclaimerOptions, RenderOptions

Check = Callable[[Any], str | None]  # a value -> what is wrong with it, or None


def _kind(*types: type) -> Check:
    words = {bool: "true or false", int: "a whole number", str: "text", dict: "a mapping"}
    names = " or ".join(words[t] for t in types)

    def check(value: Any) -> str | None:
        # A YAML or TOML true is no number of threads.
        if isinstance(value, bool) and bool not in types:
            return f"expected {names}, not {value!r}"
        return None if isinstance(value, types) else f"expected {names}, not {value!r}"

    return check


def _choice(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        if value in choices:
            return None
        close = closest(value, choices) if isinstance(value, str) else None
        hint = f" (did you mean '{close}'?)" if close else ""
        return f"expected one of {', '.join(choices)}, not {value!r}{hint}"

    return check


def _texts(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return None
    return f"expected a list of text, not {value!r}"


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _admonition_type(value: Any) -> str | None:
    problem = _kind(str)(value)
    if problem is None and not value.replace("-", "").replace("_", "").isalnum():
        return f"'{value}' is not an admonition type name"
    return problem


FORUM_KEYS = ("name", "description")


def _forums(value: Any) -> str | None:
    """A list of sections: each a mapping with a ``name`` and an optional ``description`` (Markdown)."""
    if not isinstance(value, list):
        return f"expected a list of sections (each with a name and a description), not {value!r}"
    names: set[str] = set()
    for n, item in enumerate(value, 1):
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str) or not item["name"].strip():
            return f"item {n}: expected a mapping with a name, such as {{name: Ask a Therapist}}, not {item!r}"
        for key, text in item.items():
            if key not in FORUM_KEYS:
                return f"item {n}: {unknown_name(str(key), list(FORUM_KEYS))}"
            if not isinstance(text, str):
                return f"item {n}: {key}: expected text, not {text!r}"
        if item["name"] in names:
            return f"item {n}: '{item['name']}' is listed twice"
        names.add(item["name"])
    return None


def _labels(value: Any) -> str | None:
    problem = _kind(dict)(value)
    return problem or "; ".join(check_overrides(value)) or None


# --- care: content notes and the review cycle
def _content_notes(value: Any) -> str | None:
    """``content_notes``: each name maps to a title (one line of text) and an optional Markdown text."""
    if not isinstance(value, Mapping):
        return f"expected a mapping of note names to {{title, text}}, not {value!r}"
    for name, note in value.items():
        if not isinstance(name, str) or not name.strip():
            return f"a note's name must be text, not {name!r}"
        if not isinstance(note, Mapping):
            return f"{name}: expected a mapping with title and text, not {note!r}"
        unknown = sorted(str(k) for k in note if k not in ("title", "text"))
        if unknown:
            return f"{name}: unknown key {', '.join(unknown)} (allowed: title, text)"
        title = note.get("title")
        if not isinstance(title, str) or not title.strip() or "\n" in title.strip():
            return f"{name}.title: expected one line of text, not {title!r}"
        if not isinstance(note.get("text", ""), str):
            return f"{name}.text: expected Markdown text, not {note.get('text')!r}"
    return None


def _months(value: Any) -> str | None:
    problem = _kind(int)(value)
    if problem is None and value < 1:
        return f"expected a whole number of months, 1 or more, not {value!r}"
    return problem


def content_notes(raw: Mapping[str, Any]) -> dict[str, ContentNote]:
    """The checked ``content_notes`` option as the renderer uses it."""
    return {name: ContentNote(note["title"].strip(), note.get("text") or "") for name, note in raw.items()}


# --- end care


@dataclass(frozen=True)
class DisclaimerSettings:
    """``disclaimer:`` - the notice inserted next to expert answers."""

    text: str = ""  # Markdown of the disclaimer; empty: none anywhere (threads may still set their own)
    title: str | None = None  # the admonition's title line; default: the language's word for 'Disclaimer'
    type: str = "warning"  # admonition type (note, warning, danger, ... or one styled in CSS)
    collapsible: bool = False  # collapsed, a <details> the reader opens
    placement: str = "first-expert"  # first-expert, every-expert, top or bottom
    threads: str = "with-expert"  # with-expert: only threads with an expert answer; all: every thread


@dataclass(frozen=True)
class ForumOptions:
    """Every option of the forum, with its default; each is documented in docs/reference/configuration.md."""

    experts: tuple[str, ...] = ()  # roles (user titles) whose posts are expert answers, any letter case
    expert_label: str | None = None  # label on expert answers; default: the language's 'Expert answer'
    members: str = "members.yml"  # the members file, relative to docs/
    disclaimer: DisclaimerSettings = field(default_factory=DisclaimerSettings)
    related_max: int = 5  # similar threads fill a 'Related threads' block up to this many entries (0: none)
    include: tuple[str, ...] = ("*.yml", "*.yaml")  # gitignore-style patterns of thread files, from docs/
    exclude: tuple[str, ...] = ()  # patterns of YAML files under docs/ that are not thread files
    sections: bool = True  # a page per forum section listing its threads, and a forums overview
    sections_dir: str = "forums"  # folder (address prefix) of the section pages
    default_section: str = "General"  # section of threads that name no forum
    section_page_size: int = 50  # threads per section listing page
    forums: tuple[Mapping[str, str], ...] = ()  # sections in the overview's order, each {name, description}
    member_pages: str = "all"  # all: a page per member who posted; experts: only experts'; off: none
    members_dir: str = "members"  # folder (address prefix) of the member pages
    structured_data: str = "off"  # schema.org DiscussionForumPosting: short, full or off (true: short, false: off)
    feeds: bool = True  # Atom feeds of the newest threads (needs site_url)
    feed_size: int = 20  # threads in each feed
    redirects: bool = False  # a redirect page at the old forum path of each thread's source
    privacy: str = "off"  # pseudonymize: every member name shown as a stable alias, but public members
    privacy_secret: str = ""  # what the aliases are made from; keep it out of the repository
    public_members: tuple[str, ...] | None = None  # names shown as they are when pseudonymizing; default: experts
    search: str = "chunked"  # chunked: the index fetched per query; material: Material's one index file
    labels: Mapping[str, str] = field(default_factory=dict)  # the wiki's own wording of any label
    # --- care
    review_every: int = 36  # months from a thread's review to the next one that is due
    content_notes: Mapping[str, Any] = field(default_factory=dict)  # name -> {title, text}: notes threads name
    remote_images: str = "warn"  # post pictures from other hosts: allow, warn (name them) or block (a link)
    host: str = "none"  # where the site is published: warn near that host's limits (hosting.py)
    parallel: bool = True  # make pages in a second process while MkDocs writes others (pages_ahead.py)


DISCLAIMER_CHECKS: dict[str, Check] = {
    "text": _kind(str),
    "title": _optional(_kind(str)),
    "type": _admonition_type,
    "collapsible": _kind(bool),
    "placement": _choice(PLACEMENTS),
    "threads": _choice(DISCLAIMER_THREADS),
}

CHECKS: dict[str, Check] = {
    "experts": _texts,
    "expert_label": _optional(_kind(str)),
    "members": _kind(str),
    "related_max": _kind(int),
    "include": _texts,
    "exclude": _texts,
    "sections": _kind(bool),
    "sections_dir": _kind(str),
    "default_section": _kind(str),
    "section_page_size": _kind(int),
    "forums": _forums,
    "member_pages": _choice(MEMBER_PAGES),
    "members_dir": _kind(str),
    "structured_data": lambda value: None if isinstance(value, bool) else _choice(STRUCTURED_DATA)(value),
    "feeds": _kind(bool),
    "feed_size": _kind(int),
    "redirects": _kind(bool),
    "privacy": _choice(("off", "pseudonymize")),
    "privacy_secret": _kind(str),
    "public_members": _optional(_texts),
    "search": _choice(("chunked", "material")),
    "labels": _labels,
    # --- care
    "review_every": _months,
    "content_notes": _content_notes,
    "remote_images": _choice(REMOTE_IMAGES),
    "host": _choice(HOST_NAMES),
    "parallel": _kind(bool),
}


@dataclass(frozen=True)
class OptionProblem:
    """One wrong option: its name as written (``disclaimer.placement``) and what is wrong."""

    option: str
    message: str

    def __str__(self) -> str:
        """'disclaimer.placement: expected one of ...'."""
        return f"{self.option}: {self.message}"


def unknown_name(name: str, known: list[str]) -> str:
    """The message for an option nobody declared, with the closest declared name when one is close."""
    close = closest(name, known)
    hint = f" (did you mean '{close}'?)" if close else ""
    return f"Unrecognised configuration name: {name}{hint}"


def _read(
    raw: Mapping[str, Any], checks: dict[str, Check], prefix: str, problems: list[OptionProblem]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in raw.items():
        where = f"{prefix}{name}"
        check = checks.get(name)
        if check is None:
            problems.append(OptionProblem(where, unknown_name(str(name), list(checks))))
            continue
        problem = check(value)
        if problem is not None:
            problems.append(OptionProblem(where, problem))
            continue
        values[name] = tuple(value) if isinstance(value, list) else value
    return values


def read_options(raw: Mapping[str, Any] | None) -> tuple[ForumOptions, list[OptionProblem]]:
    """The options as written (``None``: none), checked; a wrong value keeps its default and is reported."""
    problems: list[OptionProblem] = []
    given = dict(raw or {})
    disclaimer = given.pop("disclaimer", None) or {}
    values = _read(given, CHECKS, "", problems)
    if isinstance(values.get("structured_data"), bool):  # the option's older form: on or off
        values["structured_data"] = "short" if values["structured_data"] else "off"
    if not isinstance(disclaimer, Mapping):
        problems.append(OptionProblem("disclaimer", f"expected a mapping of disclaimer options, not {disclaimer!r}"))
        disclaimer = {}
    options = ForumOptions(
        **values, disclaimer=DisclaimerSettings(**_read(disclaimer, DISCLAIMER_CHECKS, "disclaimer.", problems))
    )
    if options.privacy == "pseudonymize" and not options.privacy_secret:
        message = "privacy: pseudonymize needs a privacy_secret (e.g. privacy_secret: !ENV FORUM_SECRET)"
        problems.append(OptionProblem("privacy_secret", message))
    return options, problems


def option_names() -> list[str]:
    """Every top-level option name, in declaration order."""
    return [f.name for f in fields(ForumOptions)]


def forum_settings(
    options: ForumOptions, *, tags_plugin: bool, language: str = "en", site_url: str = ""
) -> ForumSettings:
    """The options the core follows, as plain data.

    ``tags_plugin``: Material's tags plugin shows the tags; ``language``: the theme's language code;
    ``site_url``: the site's address, whose host is the site's own (pictures from others are remote).
    """
    d = options.disclaimer
    labels = labels_for(language, dict(options.labels))
    title = d.title if d.title is not None else labels("disclaimer")
    render = RenderOptions(
        experts=frozenset(role.casefold() for role in options.experts),
        expert_label=expert_label(options, labels),
        disclaimer=DisclaimerOptions(d.text, title, d.type, d.collapsible, d.placement, d.threads),
        render_tags=not tags_plugin,
        labels=labels,
        recommended_label=labels("recommended_answer"),
        content_notes=content_notes(options.content_notes),
        review_every=options.review_every,
        media=MediaOptions(options.remote_images, site_host(site_url)),
        heading_ids=options.search == "material",
    )
    return ForumSettings(
        render=render,
        related_max=options.related_max,
        default_section=options.default_section,
        privacy=options.privacy,
        privacy_secret=options.privacy_secret,
        public_members=options.public_members,
    )


def site_host(site_url: str) -> str | None:
    """The host of ``site_url`` in lower case; None without one (then every other address is remote)."""
    try:
        host = urlsplit(site_url.strip()).hostname
    except ValueError:  # an unclosed "[" of an IPv6 address
        return None
    return host or None


def expert_label(options: ForumOptions, labels: Labels) -> str:
    """The wiki's ``expert_label``, else the language's 'Expert answer'."""
    return options.expert_label if options.expert_label is not None else labels("expert_answer")


def site_language(theme: Mapping[str, Any]) -> str:
    """Material's ``theme.language`` ('en' when the theme has none)."""
    language = theme.get("language")
    return language if isinstance(language, str) and language else "en"


def site_features(options: ForumOptions) -> Features:
    """The options that decide how much a site weighs (``hosting.py``)."""
    return Features(options.member_pages, options.feeds, options.search, options.structured_data, options.members_dir)
