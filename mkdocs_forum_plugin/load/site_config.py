"""A wiki's own configuration, ``zensical.toml`` or ``mkdocs.yml``, read without any engine.

The importer, the checker and the Zensical adapter need only a few settings: where
docs/ is, the site's name, address and URL style, its navigation, what it leaves out,
its language, Markdown extensions and stylesheets, and the forum's options. Those
live under ``plugins: - forum:`` in ``mkdocs.yml`` and under ``[project.extra.forum]``
in ``zensical.toml`` (``[project]`` mirrors ``mkdocs.yml``; Zensical leaves ``extra``
alone). In ``mkdocs.yml``, ``!ENV`` is resolved as MkDocs resolves it and any other
tag (``!relative``) is read as the plain value under it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CONFIG_NAMES = ("zensical.toml", "mkdocs.yml", "mkdocs.yaml")  # Zensical's own order of preference


class _Loader(yaml.SafeLoader):
    """Safe loading that resolves ``!ENV`` and reads any other custom tag as the plain value under it."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable that is set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode) and node.value:
        items = node.value
        default = loader.construct_object(items[-1]) if len(items) > 1 else None
        names = [loader.construct_scalar(item) for item in (items[:-1] if len(items) > 1 else items)]
    else:
        return None
    for name in names:
        if str(name) in os.environ:
            value = os.environ[str(name)]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_Loader.add_constructor("!ENV", _environment)
_Loader.add_multi_constructor("!", _untagged)
_Loader.add_multi_constructor("tag:", _untagged)


@dataclass
class SiteSettings:
    """The settings of a wiki that matter outside an engine's build."""

    docs_dir: Path = Path("docs")
    members: str = "members.yml"
    disclaimer: str = ""
    disclaimer_title: str = "Disclaimer"
    experts: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: ["*.yml", "*.yaml"])
    exclude: list[str] = field(default_factory=list)
    redirects: bool = False  # pages at the threads' old forum addresses
    # What a Zensical build depends on (``adapters/zensical/readiness.py``).
    forum: bool = False  # the forum is configured
    text: str = ""  # the configuration file as written, for the tags Zensical cannot read
    markdown_extensions: list[str] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)  # each script's path
    features: list[str] = field(default_factory=list)  # theme.features
    exclude_docs: str = ""
    nav: bool = False  # the wiki has its own nav: setting
    not_in_nav: str = ""
    # What an engine-free build of the forum's pages needs (``adapters/zensical``).
    path: Path | None = None  # the configuration file
    site_name: str = ""
    site_url: str = ""
    use_directory_urls: bool = True
    nav_value: Any = None  # the nav: setting as written
    language: str = "en"
    plugins: list[str] = field(default_factory=list)  # by name
    forum_options: dict[str, Any] = field(default_factory=dict)  # as written, checked by options.py

    @property
    def toml(self) -> bool:
        """Whether this is a ``zensical.toml``."""
        return self.path is not None and self.path.suffix == ".toml"


def find_config(folder: Path) -> Path | None:
    """The wiki's configuration file in ``folder``, as Zensical looks for it."""
    return next((folder / name for name in CONFIG_NAMES if (folder / name).is_file()), None)


def _names(items: Any) -> list[str]:
    """The names in a list like ``markdown_extensions`` (plain names, or one-key mappings with options)."""
    names: list[str] = []
    if isinstance(items, dict):
        # zensical.toml: a table of tables, pymdownx's written as one table of its own.
        for key, value in items.items():
            if key == "pymdownx" and isinstance(value, dict):
                names.extend(f"pymdownx.{name}" for name in value)
            else:
                names.append(str(key))
        return names
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            names.extend(str(key) for key in item)
    return names


def _scripts(items: Any) -> list[str]:
    """The paths in ``extra_javascript``: plain paths, or mappings with a ``path`` (and ``defer``, ``async``)."""
    paths: list[str] = []
    for item in items if isinstance(items, list) else []:
        path = item.get("path") if isinstance(item, dict) else item
        if isinstance(path, str):
            paths.append(path)
    return paths


def _forum_options(plugins: Any) -> dict[str, Any] | None:
    items = plugins.items() if isinstance(plugins, dict) else ((p, None) for p in plugins or [])
    for item, value in items:
        if isinstance(item, str) and item == "forum":
            return value if isinstance(value, dict) else {}
        if isinstance(item, dict) and "forum" in item:
            options = item["forum"]
            return options if isinstance(options, dict) else {}
    return None


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        raw = tomllib.loads(text)
        project = raw.get("project", raw)
        return text, project if isinstance(project, dict) else {}
    loaded = yaml.load(text, Loader=_Loader)
    if loaded is None:
        return text, {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path} is not a wiki configuration (expected a mapping)")
    return text, loaded


def read_site(path: Path) -> SiteSettings:
    """Read ``zensical.toml`` or ``mkdocs.yml``; ValueError says what is wrong with it."""
    try:
        text, raw = _read(path)
    except (OSError, yaml.YAMLError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from None
    settings = SiteSettings(docs_dir=(path.parent / str(raw.get("docs_dir") or "docs")), text=text, path=path)
    settings.markdown_extensions = _names(raw.get("markdown_extensions"))
    settings.extra_css = [str(c) for c in raw.get("extra_css") or [] if isinstance(c, str)]
    settings.extra_javascript = _scripts(raw.get("extra_javascript"))
    settings.exclude_docs = str(raw.get("exclude_docs") or "")
    settings.nav_value = raw.get("nav")
    settings.nav = settings.nav_value is not None
    settings.not_in_nav = str(raw.get("not_in_nav") or "")
    settings.site_name = str(raw.get("site_name") or "")
    settings.site_url = str(raw.get("site_url") or "")
    settings.use_directory_urls = raw.get("use_directory_urls", True) is not False
    theme = raw.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    settings.language = language if isinstance(language, str) and language else "en"
    features = theme.get("features") if isinstance(theme, dict) else None
    settings.features = [str(f) for f in features] if isinstance(features, list) else []
    settings.plugins = _names(raw.get("plugins"))
    if settings.toml:
        extra = raw.get("extra")
        found = extra.get("forum") if isinstance(extra, dict) else None
        options = found if isinstance(found, dict) else None
    else:
        options = _forum_options(raw.get("plugins"))
    if options is None:
        return settings
    settings.forum = True
    settings.forum_options = options
    disclaimer: dict[str, Any] = options["disclaimer"] if isinstance(options.get("disclaimer"), dict) else {}
    settings.members = str(options.get("members") or settings.members)
    settings.disclaimer = str(disclaimer.get("text") or "")
    settings.disclaimer_title = str(disclaimer.get("title") or settings.disclaimer_title)
    settings.experts = [str(e) for e in options.get("experts") or []]
    settings.include = [str(p) for p in options.get("include") or settings.include]
    settings.exclude = [str(p) for p in options.get("exclude") or []]
    settings.redirects = options.get("redirects") is True
    return settings
