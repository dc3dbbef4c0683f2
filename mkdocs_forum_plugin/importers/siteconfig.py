"""The few settings the importer and the checker read from a site's ``mkdocs.yml``.

The file is read as YAML, without MkDocs: tags such as ``!relative`` or
``!ENV`` are accepted and read as plain values, since only the forum plugin's
options and ``docs_dir`` matter here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """Safe loading that reads any custom tag as the plain value under it."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None


_Loader.add_multi_constructor("!", _untagged)
_Loader.add_multi_constructor("tag:", _untagged)


@dataclass
class SiteSettings:
    """The forum plugin's options that matter outside a build."""

    docs_dir: Path = Path("docs")
    members: str = "members.yml"
    disclaimer: str = ""
    disclaimer_title: str = "Disclaimer"
    experts: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: ["*.yml", "*.yaml"])
    exclude: list[str] = field(default_factory=list)
    redirects: bool = False  # pages at the threads' old forum addresses
    # What a Zensical build depends on (``adapters/zensical/readiness.py``).
    forum: bool = False  # the forum plugin is configured
    text: str = ""  # mkdocs.yml as written, for the tags Zensical cannot read
    markdown_extensions: list[str] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)
    exclude_docs: str = ""
    nav: bool = False  # the wiki has its own nav: setting
    not_in_nav: str = ""


def _names(items: Any) -> list[str]:
    """The names in a list like ``markdown_extensions`` (plain names, or one-key mappings with options)."""
    names: list[str] = []
    for item in items if isinstance(items, list) else [items] if isinstance(items, dict) else []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            names.extend(str(key) for key in item)
    return names


def _forum_options(plugins: Any) -> dict[str, Any] | None:
    items = plugins.items() if isinstance(plugins, dict) else ((p, None) for p in plugins or [])
    for item, value in items:
        if isinstance(item, str) and item == "forum":
            return value if isinstance(value, dict) else {}
        if isinstance(item, dict) and "forum" in item:
            options = item["forum"]
            return options if isinstance(options, dict) else {}
    return None


def read_site(path: Path) -> SiteSettings:
    """Read ``mkdocs.yml``; ValueError says what is wrong with it."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=_Loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from None
    if not isinstance(raw, dict):
        raise ValueError(f"{path} is not a MkDocs configuration (expected a mapping)")
    settings = SiteSettings(docs_dir=(path.parent / str(raw.get("docs_dir") or "docs")), text=text)
    settings.markdown_extensions = _names(raw.get("markdown_extensions"))
    settings.extra_css = [str(c) for c in raw.get("extra_css") or [] if isinstance(c, str)]
    settings.exclude_docs = str(raw.get("exclude_docs") or "")
    settings.nav = raw.get("nav") is not None
    settings.not_in_nav = str(raw.get("not_in_nav") or "")
    options = _forum_options(raw.get("plugins"))
    if options is None:
        return settings
    settings.forum = True
    disclaimer: dict[str, Any] = options["disclaimer"] if isinstance(options.get("disclaimer"), dict) else {}
    settings.members = str(options.get("members") or settings.members)
    settings.disclaimer = str(disclaimer.get("text") or "")
    settings.disclaimer_title = str(disclaimer.get("title") or settings.disclaimer_title)
    settings.experts = [str(e) for e in options.get("experts") or []]
    settings.include = [str(p) for p in options.get("include") or settings.include]
    settings.exclude = [str(p) for p in options.get("exclude") or []]
    settings.redirects = options.get("redirects") is True
    return settings
