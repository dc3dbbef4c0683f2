"""Build real MkDocs sites into a folder and parse what they produce (shared by all test folders)."""

from __future__ import annotations

import logging
import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar, get_args

import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Site:
    """A built test site: where it is and what MkDocs logged while building it."""

    root: Path
    records: list[logging.LogRecord] = field(default_factory=list)

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def html(self, url_path: str) -> BeautifulSoup:
        """Parse a built page, e.g. ``threads/a/`` or ``index.html``."""
        path = self.site_dir / url_path
        if url_path.endswith("/") or not path.suffix:
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def content(self, url_path: str) -> Tag:
        """The page's main content (Material's article element)."""
        article = self.html(url_path).select_one("article.md-content__inner")
        assert article is not None, f"no content article in {url_path}"
        return article

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno == logging.WARNING]


class Collect(logging.Handler):
    """Keeps every record MkDocs logs while a test builds."""

    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def write_site(root: Path, files: dict[str, str], plugin: dict[str, Any] | None = None, **config: Any) -> None:
    """Write docs/ files and an mkdocs.yml with the forum plugin."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    files = {"index.md": "# Home\n", **files}
    for name, text in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    settings = {
        "site_name": "Test wiki",
        "theme": {"name": "material"},
        "plugins": ["search", {"forum": plugin or {}}],
        **config,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")


Command = Literal["build", "gh-deploy", "serve"]
# The commands by name: tests parametrise over them as plain strings; another name fails here.
_COMMANDS: dict[str, Command] = {name: name for name in get_args(Command)}


def build_site(root: Path, command: str = "build", strict: bool = False, dirty: bool = False) -> Site:
    """Build like `mkdocs build` does (startup, build, shutdown), collecting log records."""
    site = Site(root)
    handler = Collect(site.records)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        cfg = load_config(config_file=str(root / "mkdocs.yml"), strict=strict)
        cfg.plugins.on_startup(command=_COMMANDS[command], dirty=dirty)
        try:
            build(cfg, dirty=dirty)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
    return site


BuildFn = Callable[..., Site]


def one(root: Tag, selector: str) -> Tag:
    """The first element under ``root`` that ``selector`` matches; fails clearly when none does."""
    found = root.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def text_of(tag: Tag | None, separator: str = "", strip: bool = False) -> str:
    """The text of an element that must exist (e.g. ``page.h1``, which is None when there is no h1)."""
    assert tag is not None, "element not found"
    return tag.get_text(separator, strip=strip)


def attr(tag: Tag | None, name: str) -> str:
    """A single-valued attribute (href, content, datetime) of an element that must exist."""
    assert tag is not None, f"element with {name!r} not found"
    value = tag[name]
    assert isinstance(value, str), f"{name!r} is multi-valued: {value!r}"
    return value


def thread_yaml(title: str = "A thread", posts: list[dict[str, Any]] | None = None, **fields: Any) -> str:
    """A valid thread file; ``posts`` defaults to one post by 'ann'."""
    data: dict[str, Any] = {"title": title, **fields}
    data["posts"] = posts or [{"author": "ann", "body": "Hello there."}]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


BROKEN = "links to 'missing.yml', which is not a file of this wiki"  # the one warning of linked_wiki


def linked_wiki(root: Path, threads: int, **options: Any) -> None:
    """A wiki of ``threads`` linked threads, with member pages, a section listing and one broken link (in t7)."""
    files = {}
    for n in range(threads):
        link = f"[the next thread](t{(n + 1) % threads}.yml)"
        posts = [{"author": f"Member {(n + k) % 9}", "body": f"Post {k} of thread {n}, and {link}."} for k in range(3)]
        if n == 7:
            posts[1]["body"] = "A link to [a thread that is gone](missing.yml)."
        files[f"threads/t{n}.yml"] = thread_yaml(f"Thread {n}", posts, forum="Pain")
    write_site(root, files, {"experts": ["Member 4"], **options}, site_url="https://example.org/wiki/")


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its path there, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


P = ParamSpec("P")
R = TypeVar("R")


def dies_in_the_copy(func: Callable[P, R], at: int) -> Callable[P, R]:
    """``func``, ending a forked copy of this process at its ``at``-th call there, as kill -9 would.

    The process that made it is untouched; the copy counts its own calls from the fork on.
    """
    parent, calls = os.getpid(), [0]

    def dying(*args: P.args, **kwargs: P.kwargs) -> R:
        if os.getpid() != parent:
            calls[0] += 1
            if calls[0] == at:
                os._exit(9)  # as if the copy were killed (out of memory, kill -9) halfway
        return func(*args, **kwargs)

    return dying
