"""A single build lets each thread page's HTML go; only `mkdocs serve` keeps pages and bodies for the next build."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
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
