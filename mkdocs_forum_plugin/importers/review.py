"""What an editor should look at after an import: the warnings of the report, each with what to do.

Three things an import cannot fix itself and would otherwise leave silent:

- posts without a date (the source showed none the importer could read);
- a role that reads like an expert's (``expert_roles.py``) that the wiki's ``experts``
  option lacks, so that member's answers are not highlighted;
- a section that gets threads but is not in the wiki's own ``nav`` (``mkdocs.yml``, or
  ``zensical.toml``), so the sidebar does not show it.

A role or a section is named once per run, with the first thread file it was found
in and how many other threads have it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..load.site_config import SiteSettings
from ..options import read_options
from ..plan.addresses import nav_paths
from ..render.sections import section_page_uri, slugify
from .expert_roles import looks_expert


@dataclass(frozen=True)
class Wiki:
    """What the warnings need of the wiki: its experts, its own nav, where section pages go."""

    experts: frozenset[str] = frozenset()  # casefolded
    config: str = ""  # the configuration file, as named in messages; "": none was read
    nav: frozenset[str] | None = None  # the pages its nav lists; None: no nav of its own
    sections: bool = True
    sections_dir: str = "forums"
    default_section: str = "General"


def wiki_of(site: SiteSettings | None, experts: frozenset[str]) -> Wiki:
    """The wiki as the warnings see it, from its configuration (None: none was read)."""
    if site is None:
        return Wiki(experts=experts)
    options, _problems = read_options(site.forum_options)  # a wrong option is the build's to report
    return Wiki(
        experts=experts,
        config=str(site.path) if site.path else "mkdocs.yml",
        nav=frozenset(nav_paths(site.nav_value)) if site.nav else None,
        sections=options.sections,
        sections_dir=options.sections_dir.strip("/"),
        default_section=options.default_section,
    )


@dataclass
class Review:
    """The warnings of one run, gathered thread by thread."""

    wiki: Wiki
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (thread file, what to do)
    _roles: dict[str, list[str]] = field(default_factory=dict)  # role -> thread files (and who, first)
    _who: dict[str, str] = field(default_factory=dict)
    _sections: dict[str, list[str]] = field(default_factory=dict)  # section page -> thread files
    _section_names: dict[str, str] = field(default_factory=dict)

    def thread(self, name: str, data: dict[str, Any], roles: dict[str, str]) -> None:
        """One thread file as written (or as it would be): ``roles`` maps each author to their role."""
        posts = data.get("posts") or []
        undated = sum(1 for post in posts if not post.get("date"))
        if undated:
            some = "none of its posts has" if undated == len(posts) else f"{undated} of its {len(posts)} posts have"
            self.warnings.append(
                (
                    name,
                    f"{some} a date (the source showed none that could be read): the page shows them undated."
                    " Add 'date: YYYY-MM-DD' to each such post in the file, or import a saved page of the"
                    " thread, which shows its dates",
                )
            )
        for author, role in roles.items():
            if role.casefold() not in self.wiki.experts and looks_expert(role):
                self._who.setdefault(role, author)
                files = self._roles.setdefault(role, [])
                if name not in files:
                    files.append(name)
        forum = data.get("forum") or self.wiki.default_section
        if self.wiki.sections and self.wiki.nav is not None and isinstance(forum, str):
            src = section_page_uri(self.wiki.sections_dir, slugify(forum), 1)
            if src not in self.wiki.nav:
                self._section_names.setdefault(src, forum)
                self._sections.setdefault(src, []).append(name)

    def all(self) -> list[tuple[str, str]]:
        """Every warning: per thread first, then each role and each section once."""
        out = list(self.warnings)
        where = f"`experts` in {self.wiki.config}" if self.wiki.config else "`experts` (no mkdocs.yml was read)"
        for role, files in self._roles.items():
            out.append(
                (
                    files[0],
                    f"the role '{role}' of {self._who[role]}{_others(files)} reads like an expert's, but {where}"
                    " does not list it, so these answers are not highlighted as expert answers. If it is one of"
                    f" the forum's expert roles, add '{role}' to the forum plugin's `experts` option",
                )
            )
        for src, files in self._sections.items():
            out.append(
                (
                    files[0],
                    f"this thread{_others(files)} is in the section '{self._section_names[src]}', whose page {src}"
                    f" the `nav` of {self.wiki.config} does not list, so the sidebar does not show the section."
                    f" Add '{src}' to the nav (beside the other section pages)",
                )
            )
        return out


def _others(files: list[str]) -> str:
    more = len(files) - 1
    return f" (and {more} other thread{'s' if more != 1 else ''})" if more else ""
