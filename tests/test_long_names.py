"""Issue 18: names at the loader's limit (200 characters) make addresses that fit the file system.

A section or member name of 200 letters of a non-Latin script is 400 to 600 bytes
of UTF-8, where a file or folder name may have 255. The wiki is built with MkDocs,
and with `mkdocs-forum generate` then `zensical build`: every page is there, every
link of every page leads to a file of the site, and a redirect whose old address
cannot be a file is a warning, not a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from sitebuild import Site, build_site, thread_yaml, write_site

from mkdocs_forum_plugin.file_names import MAX_PART_BYTES, byte_length

# 200 characters each: the longest one-line field the loader takes.
SCRIPTS = {
    "cjk": "痛" * 200,  # 600 bytes
    "cyrillic": ("Боль в спине " * 16)[:200],  # 389 bytes
    "arabic": ("ألم الظهر " * 20)[:200],  # 362 bytes
}
OLD_FORUM = "https://forum.example/threads/"


def _twin(name: str) -> str:
    """Another name of 200 characters that differs from ``name`` only in its last letter."""
    return name[:-1] + "x"


def long_wiki(root: Path, **config: object) -> None:
    """Two threads per script in a section of that script's long name, by members with long names."""
    files = {"members.yml": "".join(f'"{name}":\n  role: Member\n' for name in SCRIPTS.values())}
    for script, name in SCRIPTS.items():
        for number in (1, 2):
            posts: list[dict[str, Any]] = [
                {"author": name, "body": f"Question {number} about {script}.", "likes": [_twin(name)]},
                {"author": _twin(name), "body": "An answer."},
            ]
            # 150 letters in the old address's path: a folder name no file system can hold.
            source = OLD_FORUM + name[:150].replace(" ", "-") + f".{number}/"
            files[f"threads/{script}-{number}.yml"] = thread_yaml(
                f"{script} {number}", posts, forum=name, source=source
            )
    plugin = {"redirects": True, "section_page_size": 1}  # two listing pages per section
    write_site(root, files, plugin, site_url="https://wiki.example/", **config)


def built_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def broken_links(site: Path) -> list[str]:
    """Every link of every page of ``site`` that does not lead to a file of it, as 'page -> href'."""
    files = built_files(site)
    broken = []
    for page in sorted(f for f in files if f.endswith(".html")):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")
        for link in soup.select("a[href]"):
            href = str(link["href"])
            parts = urlsplit(urljoin(f"https://wiki.example/{page}", href))
            if parts.netloc != "wiki.example" or href.startswith("#"):
                continue
            target = unquote(parts.path).removeprefix("/")
            if target == "" or target.endswith("/"):
                target += "index.html"
            if target not in files:
                broken.append(f"{page} -> {href}")
    return broken


def long_parts(site: Path) -> list[str]:
    return [f for f in built_files(site) if any(byte_length(part) > MAX_PART_BYTES for part in f.split("/"))]


def pages_linked_from(site: Path, page: str, selector: str) -> list[str]:
    """The addresses (from the site's root) that the links under ``selector`` of ``page`` lead to."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")
    found = [urlsplit(urljoin(f"https://wiki.example/{page}", str(a["href"]))).path for a in soup.select(selector)]
    return [unquote(path).removeprefix("/") for path in found]


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("long-names")
    long_wiki(root)
    return build_site(root)


def test_the_build_warns_only_about_the_redirects(mkdocs_site: Site) -> None:
    warnings = mkdocs_site.warnings()
    assert len(warnings) == 2 * len(SCRIPTS), warnings
    for warning in warnings:
        assert "no redirect from 'https://forum.example/threads/" in warning
        assert "and a file or folder name can have at most 255" in warning


def test_every_page_is_there_and_every_link_leads_to_a_file(mkdocs_site: Site) -> None:
    site = mkdocs_site.site_dir
    assert long_parts(site) == []
    assert broken_links(site) == []
    for script in SCRIPTS:
        for number in (1, 2):
            assert f"threads/{script}-{number}/index.html" in built_files(site)


def test_each_section_has_its_listing_pages_and_feed(mkdocs_site: Site) -> None:
    site = mkdocs_site.site_dir
    sections = pages_linked_from(site, "forums/index.html", "article li > strong > a[href]")
    assert len(sections) == len(SCRIPTS)
    for section in sections:
        assert section.endswith("/")
        folder = section.removesuffix("/")
        assert {f"{folder}/index.html", f"{folder}/page/2/index.html", f"{folder}/feed.xml"} <= built_files(site)
        listed = pages_linked_from(site, f"{folder}/index.html", "article a[href*='threads/']")
        listed += pages_linked_from(site, f"{folder}/page/2/index.html", "article a[href*='threads/']")
        assert len(set(listed)) == 2


def test_members_whose_long_names_start_alike_get_pages_of_their_own(mkdocs_site: Site) -> None:
    site = mkdocs_site.site_dir
    members = pages_linked_from(site, "members/index.html", "article a[href]")
    assert len(set(members)) == 2 * len(SCRIPTS)
    for script, name in SCRIPTS.items():
        page = f"threads/{script}-1/index.html"
        authors = pages_linked_from(site, page, "article .forum-post > h2 > a:not(:last-child)")
        assert len(set(authors)) == 2, authors
        for address in authors:
            text = (site / address / "index.html").read_text(encoding="utf-8")
            assert name[:-1] in text


def test_the_same_addresses_in_the_next_build(mkdocs_site: Site, tmp_path: Path) -> None:
    long_wiki(tmp_path)
    assert built_files(build_site(tmp_path).site_dir) == built_files(mkdocs_site.site_dir)


def test_pages_without_directory_addresses_fit_too(tmp_path: Path) -> None:
    long_wiki(tmp_path, use_directory_urls=False)
    site = build_site(tmp_path).site_dir
    assert long_parts(site) == []
    assert broken_links(site) == []


def test_generate_and_zensical_build_the_long_names(tmp_path: Path) -> None:
    zensical_ready = {
        "markdown_extensions": ["forum_pages"],
        "extra_css": ["assets/forum/forum.css"],
        "exclude_docs": "*.yml\n",
        "not_in_nav": "/threads/\n/members/\n",
    }
    long_wiki(tmp_path, **zensical_ready)
    # A thread file whose own name has 250 bytes: its page and the temporary file made while
    # writing it are longer still.
    (tmp_path / "docs" / "threads" / ("ж" * 125 + ".yml")).write_text(thread_yaml("Long file name"), "utf-8")

    def run(*command: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", *command], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        return done.stdout + done.stderr

    generated = run("mkdocs_forum_plugin.cli", "generate")
    assert generated.count("no redirect from") == 2 * len(SCRIPTS)
    docs = tmp_path / "docs"
    assert long_parts(docs) == []
    assert not [p for p in docs.rglob("*") if p.name.endswith("forum-tmp")]
    run("zensical", "build", "--clean")
    site = tmp_path / "site"
    assert long_parts(site) == []
    assert broken_links(site) == []
    sections = pages_linked_from(site, "forums/index.html", "article li > strong > a[href]")
    assert len(sections) == len(SCRIPTS) + 1  # and General, for the thread without a forum
    assert f"threads/{'ж' * 125}/index.html" in built_files(site)


def test_a_redirect_from_an_address_no_folder_can_have_is_a_warning(tmp_path: Path) -> None:
    source = OLD_FORUM + "ж" * 150 + "/"  # 300 bytes in one folder name
    write_site(tmp_path, {"threads/a.yml": thread_yaml("A", source=source)}, {"redirects": True})
    built = build_site(tmp_path)
    expected = f"threads/a.yml: no redirect from '{source}': a part of its path has 300 bytes"
    assert [w for w in built.warnings() if "redirect" in w] == [
        f"mkdocs_forum_plugin: {expected}, and a file or folder name can have at most 255"
    ]
    assert "threads/a/index.html" in built_files(built.site_dir)


def test_generate_writes_the_page_of_a_thread_file_with_a_long_name(tmp_path: Path) -> None:
    # The page's name fits (250 bytes and ".md"); the temporary file written first needs a shorter one.
    name = "ж" * 125
    write_site(tmp_path, {f"threads/{name}.yml": thread_yaml("Long file name")})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "docs" / "threads" / f"{name}.md").is_file()
    assert not [p for p in (tmp_path / "docs").rglob("*") if p.name.endswith("forum-tmp")]
