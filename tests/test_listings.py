"""Section pages, the forums overview and the members index show names, titles and links as written.

These pages are Markdown the plugin writes, rendered by the site's own Markdown.
The old backslash escape showed ``Back pain \\< 3 weeks`` and ``\\<3 Sam \\~*\\~``,
and a thread file named ``a)b.yml`` got the listing link ``<a href="../threads/a">``.
Each test builds a real site, with MkDocs and (after ``mkdocs-forum generate``)
with Zensical, and follows every link to the page it names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from sitebuild import build_site, text_of, thread_yaml, write_site

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
HOSTILE = [
    "<",
    "~",
    "|",
    "*",
    "_",
    "`",
    "[",
    "]",
    "\\",
    "&",
    "<3",
    "a)b",
    "Back pain < 3 weeks",
    "<3 Sam ~*~",
    "x_y_z_",
    "**not bold**",
    "[a link](https://example.org)",
    "&amp; &#60;",
    '--8<-- "mkdocs.yml"',
    "<!-- material/tags -->",
    "<b>not bold</b>",
    "'single' \"double\" -- ... (c) 1/2 -->",
    "{: .big }",
    "==mark== ^^up^^ ~~gone~~ $x$ :smile:",
    "Ünïcödé 痛み",
]
# The example wiki's extensions (snippets would read mkdocs.yml into a page), and ones that change text.
EXAMPLE_EXTENSIONS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
EXTENSIONS: dict[str, list[Any]] = {
    "mkdocs defaults": [],
    "example wiki": EXAMPLE_EXTENSIONS,
    "text-changing": [
        "tables",
        "smarty",
        "pymdownx.tilde",
        "pymdownx.caret",
        "pymdownx.mark",
        "pymdownx.smartsymbols",
        "pymdownx.emoji",
        "pymdownx.magiclink",
        "pymdownx.critic",
        "pymdownx.arithmatex",
        "pymdownx.betterem",
        "forum_pages",
    ],
}
# What a wiki needs for `mkdocs-forum generate` and `zensical build`.
ZENSICAL: dict[str, Any] = {"extra_css": ["assets/forum/forum.css"], "exclude_docs": "*.yml\n"}
# File names MkDocs takes as they are, whose characters mean something in a link.
ODD_FILES = ["a)b", "hash#tag", "q?x", "pct%41", "sp ace", "ünï", "x(y)", "a]b[", "amp&er", "it's", "<x>", "semi;colon"]


def hostile_wiki() -> dict[str, str]:
    """One thread, section and member (with a role) per hostile name."""
    members = {name: {"role": f"role {name}"} for name in HOSTILE}
    files = {"members.yml": yaml.safe_dump(members, allow_unicode=True)}
    for i, name in enumerate(HOSTILE):
        post = {"author": name, "date": f"2020-01-{i + 1:02d}", "body": "Words."}
        files[f"threads/t{i}.yml"] = thread_yaml(f"T{i} {name}", [post], forum=f"S{i} {name}")
    return files


def odd_wiki() -> dict[str, str]:
    """Threads in files whose names need percent-encoding in a link, in one section, each related to the next.

    Their one author has a picture whose file name needs it too.
    """
    files = {
        "members.yml": yaml.safe_dump({"ann": {"avatar": "images/ann's #1 (100%).svg"}}),
        "images/ann's #1 (100%).svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n',
    }
    for i, name in enumerate(ODD_FILES):
        post = {"author": "ann", "date": f"2020-02-{i + 1:02d}", "body": "x"}
        related = [f"{ODD_FILES[(i + 1) % len(ODD_FILES)]}.yml"]
        files[f"threads/{name}.yml"] = thread_yaml(f"T {name}", [post], related=related)
    return files


class Pages:
    """A built site's pages, by site path (``forums/s0/``), parsed."""

    def __init__(self, site: Path) -> None:
        self.site = site

    def page(self, url: str) -> BeautifulSoup:
        path = self.site / unquote(urlsplit(url).path)
        assert path.resolve().is_relative_to(self.site.resolve()), url
        if not path.suffix:
            path = path / "index.html"
        assert path.is_file(), f"{url} leads to no page ({path})"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def content(self, url: str) -> Tag:
        found = self.page(url).select_one("article.md-content__inner")
        assert found is not None, url
        for chrome in found.select("a.headerlink, a#__skip"):
            chrome.decompose()
        return found

    def follow(self, url: str, link: Tag) -> str:
        """The site path ``link`` on page ``url`` leads to."""
        return urlsplit(urljoin(url, str(link["href"]))).path

    def broken_links(self) -> list[str]:
        """Every link and picture of the forum's pages that leads to no file, or to no such anchor."""
        broken = []
        for path in sorted(self.site.rglob("index.html")):
            url = quote(path.parent.relative_to(self.site).as_posix()) + "/"
            if not url.startswith(("threads/", "forums/", "members/")):
                continue
            content = self.content(url)
            for element in content.select("a[href], img[src]"):
                address = str(element.get("href") or element.get("src"))
                target = urlsplit(urljoin(url, address))
                if target.scheme or address.startswith("#"):
                    continue
                file = self.site / unquote(target.path)
                file = file / "index.html" if target.path.endswith("/") or not target.path else file
                if not file.is_file():
                    broken.append(f"{url}: {address}")
                elif target.fragment and not BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").find(
                    id=unquote(target.fragment)
                ):
                    broken.append(f"{url}: {address} (no such anchor)")
        return broken

    def heading(self, url: str) -> str:
        return text_of(self.content(url).h1)

    def title(self, url: str) -> str:
        return text_of(self.page(url).title)

    def entries(self, url: str) -> list[tuple[Tag, str]]:
        """Each list item of a listing, with the site path its first link leads to."""
        found = []
        for item in self.content(url).select("li:not(.forum-listing__tags li)"):
            link = item.find("a")
            assert isinstance(link, Tag), item
            found.append((item, self.follow(url, link)))
        return found


def build_mkdocs(root: Path, files: dict[str, str], **config: Any) -> Pages:
    write_site(root, files, **{"plugins": ["search", "tags", "forum"], **config})
    site = build_site(root)
    assert site.warnings() == []
    return Pages(site.site_dir)


def run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "page does not exist" not in done.stdout + done.stderr


def build_zensical(root: Path, files: dict[str, str], **config: Any) -> Pages:
    write_site(root, files, **ZENSICAL, **config)
    run([sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate"], root)
    shutil.rmtree(root / "site", ignore_errors=True)
    run([sys.executable, "-m", "zensical", "build", "--clean"], root)
    return Pages(root / "site")


Builder = Callable[..., Pages]
ENGINES: dict[str, Builder] = {"mkdocs": build_mkdocs, "zensical": build_zensical}


def only(entries: list[tuple[Tag, str]], words: str) -> tuple[Tag, str]:
    """The one entry whose link shows exactly ``words``."""
    found = [(item, target) for item, target in entries if text_of(item.find("a")) == words]
    shown = [text_of(item.find("a")) for item, _ in entries]
    assert len(found) == 1, f"{words!r} not shown once among {shown}"
    return found[0]


def check_hostile_site(pages: Pages) -> None:
    sections = pages.entries("forums/")
    members = pages.entries("members/")
    assert len(sections) == len(HOSTILE)
    for i, name in enumerate(HOSTILE):
        section_name = f"S{i} {name}"
        item, section = only(sections, section_name)
        assert " ".join(item.get_text().split()) == f"{section_name} 1 thread · latest: T{i} {name}"
        assert pages.heading(section) == section_name
        # Material's tags plugin would take a title's "<!-- material/tags -->" for a listing of its own.
        assert pages.content(section).select("[id^='tag:']") == []
        assert pages.title(section).startswith(f"{section_name} - ")
        ((entry, thread),) = pages.entries(section)
        assert text_of(entry.find("a")) == f"T{i} {name}"
        assert text_of(entry.select_one(".forum-listing__starter span:not([aria-hidden])")) == f"started by {name}"
        assert pages.heading(thread) == f"T{i} {name}"
        item, member = only(members, name)
        for hidden in item.select("[aria-hidden=true]"):
            hidden.decompose()  # the initials, which screen readers skip
        # The count's space does not break ("1\u00a0post"); the words are the same.
        assert item.get_text().split() == f"{name} · role {name} · 1 post".split()
        assert pages.heading(member) == name
    assert pages.broken_links() == []


@pytest.mark.parametrize("extensions", EXTENSIONS)
def test_listings_show_hostile_names_as_written(tmp_path: Path, extensions: str) -> None:
    pages = build_mkdocs(tmp_path, hostile_wiki(), markdown_extensions=EXTENSIONS[extensions])
    check_hostile_site(pages)


def test_zensical_listings_show_hostile_names_as_written(tmp_path: Path) -> None:
    check_hostile_site(build_zensical(tmp_path, hostile_wiki(), markdown_extensions=EXAMPLE_EXTENSIONS))


@pytest.mark.parametrize("engine", ENGINES)
def test_listing_links_lead_to_threads_whatever_their_file_names(tmp_path: Path, engine: str) -> None:
    options = {"plugins": ["search", {"forum": {"section_page_size": 5}}], "markdown_extensions": ["forum_pages"]}
    pages = ENGINES[engine](tmp_path, odd_wiki(), **options)
    listed: list[str] = []
    url: str | None = "forums/general/"
    while url is not None:
        for entry, thread in pages.entries(url):
            words = text_of(entry.find("a"))
            listed.append(words)
            assert pages.heading(thread) == words
        older = pages.content(url).find("a", string="Older threads →")
        url = pages.follow(url, older) if isinstance(older, Tag) else None
    assert sorted(listed) == sorted(f"T {name}" for name in ODD_FILES)
    # The thread pages (related threads, quotes, the section) and the member pages link to them too.
    assert pages.broken_links() == []
