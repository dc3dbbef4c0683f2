"""A single build lets each thread page's HTML go; only `mkdocs serve` keeps pages and bodies for the next build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page
from sitebuild import thread_yaml, write_site

from mkdocs_forum_plugin.adapters.mkdocs.plugin import ForumPlugin


def posts(thread: int) -> list[dict[str, str]]:
    return [{"author": f"m{n}", "body": f"Post {n} of thread {thread}, in its own words."} for n in range(4)]


@pytest.mark.parametrize(("command", "kept"), [("build", False), ("gh-deploy", False), ("serve", True)])
def test_only_serve_keeps_rendered_pages(tmp_path: Path, command: str, kept: bool) -> None:
    write_site(tmp_path, {f"threads/t{n}.yml": thread_yaml(f"T{n}", posts(n)) for n in range(3)})
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    build(config)
    plugin = config.plugins["forum"]
    assert isinstance(plugin, ForumPlugin)
    assert len(plugin.caches.pages) == (3 if kept else 0)
    # After a build nothing is kept; serve keeps every body it rendered (12 posts).
    assert len(plugin.caches.bodies) == (12 if kept else 0)
    assert (tmp_path / "site/threads/t2/index.html").read_text(encoding="utf-8").count(
        '<article class="forum-post'
    ) == 4


class _Probe(BasePlugin):  # type: ignore[type-arg]
    """Records what the thread pages hold while their template is rendered, and after the build."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.at_context: dict[str, str] = {}
        self.at_content: dict[str, str] = {}

    def on_page_context(self, context: Any, *, page: Page, config: Any, nav: Any) -> Any:
        if page.file.src_uri.startswith("threads/"):
            self.pages[page.file.src_uri] = page
            self.at_context[page.file.src_uri] = page.content or ""
        return context


class _ContentReader(_Probe):
    """Another plugin that reads pages' HTML at on_page_content, as Material's privacy plugin does."""

    def on_page_content(self, html: str, *, page: Page, config: Any, files: Any) -> str:
        if page.file.src_uri.startswith("threads/"):
            self.at_content[page.file.src_uri] = html
        return html


@pytest.mark.parametrize("probe_type", [_Probe, _ContentReader])
def test_each_page_holds_its_html_only_while_it_is_written(tmp_path: Path, probe_type: type[_Probe]) -> None:
    write_site(tmp_path, {f"threads/t{n}.yml": thread_yaml(f"T{n}", posts(n)) for n in range(3)})
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    probe = probe_type()
    config.plugins["probe"] = probe
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert sorted(probe.at_context) == ["threads/t0.md", "threads/t1.md", "threads/t2.md"]
    for src, html in probe.at_context.items():
        # Other plugins and the template see the whole page where MkDocs renders it.
        assert html.count('<article class="forum-post') == 4, src
    if probe_type is _ContentReader:
        # A plugin that reads pages' HTML at on_page_content gets it there, so the plugin makes it there.
        assert all(html.count('<article class="forum-post') == 4 for html in probe.at_content.values())
        assert len(probe.at_content) == 3
    else:
        # Once written, a page lets its HTML go: MkDocs would otherwise hold every page's to the end.
        assert all(page.content == "" for page in probe.pages.values())
    for n in range(3):
        page = (tmp_path / f"site/threads/t{n}/index.html").read_text(encoding="utf-8")
        assert page.count('<article class="forum-post') == 4
