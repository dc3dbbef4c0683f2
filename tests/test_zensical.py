"""Zensical: `mkdocs-forum generate` then `zensical build` gives the pages `mkdocs build` gives.

The example wiki is copied, prepared with `mkdocs-forum generate`, built by Zensical
and by MkDocs (which must leave the generated files out), and the two sites are
compared page by page inside the page content. Then what `generate` does to docs/ on
small wikis, and the packed pages that the `forum_pages` extension puts back.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from sitebuild import build_site, thread_yaml, write_site

from mkdocs_forum_plugin.adapters.written import written
from mkdocs_forum_plugin.adapters.zensical import envelope
from mkdocs_forum_plugin.adapters.zensical.envelope import END, MISSING, START, pack, unpack
from mkdocs_forum_plugin.adapters.zensical.generate import Generator

ROOT = Path(__file__).resolve().parents[1]
THREADS = sorted(path.stem for path in (ROOT / "docs" / "threads").glob("*.yml"))
FORUM_FOLDERS = ("threads/", "forums/", "members/")
# Theme chrome inside the content article: Material's tags (a plugin Zensical does not run),
# the edit button (it points at the .yml under MkDocs and at the .md under Zensical),
# Zensical's skip target and the headings' permalinks.
CHROME = "nav.md-tags, a.md-content__button, a#__skip, a.headerlink"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=180, check=False)


def generate(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate", *options], root)


def zensical_build(root: Path) -> None:
    done = run([sys.executable, "-m", "zensical", "build", "--clean"], root)
    assert done.returncode == 0, done.stdout + done.stderr


def copy_example(root: Path) -> Path:
    """The example wiki (mkdocs.yml and docs/) copied into ``root``."""
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


# -- the example wiki, built both ways ---------------------------------------------------------


@dataclass
class Built:
    root: Path
    generated: str  # what `mkdocs-forum generate` printed
    mkdocs_log: str  # what `mkdocs build` printed

    @property
    def zensical(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs(self) -> Path:
        return self.root / "mkdocs-site"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_example(tmp_path_factory.mktemp("zensical-example"))
    done = generate(root)
    assert done.returncode == 0, done.stdout + done.stderr
    zensical_build(root)
    # MkDocs builds the same folder, generated files and all: it must leave them out.
    mk = run([sys.executable, "-m", "mkdocs", "build", "-d", str(root / "mkdocs-site")], root)
    assert mk.returncode == 0, mk.stderr
    return Built(root, done.stdout + done.stderr, mk.stdout + mk.stderr)


def pages(site: Path) -> set[str]:
    """The site's pages as addresses: '', 'threads/a/', ..."""
    found = {path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html")}
    return {"" if page == "./" else page for page in found}


def content(site: Path, page: str) -> Tag:
    """The page's content article without the theme's chrome."""
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "lxml")
    article = soup.select_one("article.md-content__inner")
    assert article is not None, f"no content in {site / page}"
    for element in article.select(CHROME):
        element.decompose()
    return article


def site_path(page: str, address: str) -> str:
    """A link of ``page`` as a path from the site's root (with its #fragment); other sites' addresses as they are."""
    base = "http://site.invalid/" + page
    resolved = urlsplit(urljoin(base, address))
    if resolved.netloc != "site.invalid":
        return address
    return resolved.path + (f"#{resolved.fragment}" if resolved.fragment else "")


def links(article: Tag, page: str, selector: str = "[href], [src]") -> list[tuple[str, str]]:
    """(text, site-root path) of every link and image under the selector, in page order."""
    found = []
    for element in article.select(selector):
        address = element.get("href") or element.get("src")
        assert isinstance(address, str)
        found.append((element.get_text(" ", strip=True), site_path(page, address)))
    return found


def skeleton(article: Tag) -> list[tuple[str, str, str]]:
    """Every element of the content as (tag, id, classes), in order: the page's structure."""
    return [
        (element.name, str(element.get("id", "")), " ".join(element.get("class") or []))
        for element in article.find_all(True)
    ]


def forum_pages(site: Path) -> set[str]:
    return {page for page in pages(site) if page.startswith(FORUM_FOLDERS)}


def test_generate_reports_what_it_wrote(built: Built) -> None:
    assert "0 unchanged, 0 deleted" in built.generated
    assert "WARNING" not in built.generated
    assert "Traceback" not in built.generated


def test_mkdocs_leaves_the_generated_files_out(built: Built) -> None:
    assert "WARNING" not in built.mkdocs_log, built.mkdocs_log
    # A generated .md next to its .yml would be a second page at the thread's address.
    assert "conflict" not in built.mkdocs_log.lower()
    # The thread page is still made from the thread file, not from the generated .md.
    edit = BeautifulSoup((built.mkdocs / "threads/fear-of-bending/index.html").read_text(encoding="utf-8"), "lxml")
    assert [str(a["href"]).rsplit("/", 1)[-1] for a in edit.select("a[rel=edit]")] == ["fear-of-bending.yml"]


def test_every_forum_page_is_in_both_sites(built: Built) -> None:
    made = forum_pages(built.mkdocs)
    assert {f"threads/{name}/" for name in THREADS} <= made
    assert {"forums/", "forums/ask-a-therapist/", "members/", "members/tidepool/"} <= made
    assert forum_pages(built.zensical) == made


@pytest.mark.parametrize("name", THREADS)
def test_thread_page_has_the_same_posts_and_links(built: Built, name: str) -> None:
    page = f"threads/{name}/"
    mine, theirs = content(built.mkdocs, page), content(built.zensical, page)

    def posts(article: Tag) -> list[tuple[str, str, str]]:
        return [(p.name, str(p["id"]), " ".join(p.get("class") or [])) for p in article.select("[id^=post-]")]

    assert posts(mine), f"{page} has no posts under MkDocs"
    assert posts(theirs) == posts(mine)
    assert [str(d) for d in theirs.select(".forum-disclaimer")] == [str(d) for d in mine.select(".forum-disclaimer")]
    for selector in (".forum-quote > p:first-child > a", "nav.forum-related a", "[href], [src]"):
        assert links(theirs, page, selector) == links(mine, page, selector), selector
    assert [json.loads(s.get_text()) for s in theirs.select("script[type='application/ld+json']")] == [
        json.loads(s.get_text()) for s in mine.select("script[type='application/ld+json']")
    ]


def test_the_comparison_sees_posts_quotes_and_related_threads(built: Built) -> None:
    """The comparison sees what it compares: the expert post, a quote, a related thread, the disclaimer."""
    article = content(built.zensical, "threads/fear-of-bending/")
    assert article.select("article.forum-post.forum-post--expert")
    assert ("tidepool wrote:", "/threads/fear-of-bending/#post-1") in links(article, "threads/fear-of-bending/")
    assert article.select("nav.forum-related a[href]")
    assert len(article.select(".forum-disclaimer.admonition")) == 1


def test_zensical_pages_carry_labels_reviews_and_content_notes(built: Built) -> None:
    """What the care features add is in the Zensical site as in MkDocs': a recommended answer, a review
    line, a content note before the posts and a folded post."""
    sleep = content(built.zensical, "threads/sleep-and-pain/")
    assert sleep.select_one("#post-2.forum-post--recommended .forum-post__recommended-label") is not None
    assert sleep.select_one("#post-2 .forum-post__expert-label") is None
    reviews = [
        content(site, "threads/fear-of-bending/").select_one("p.forum-review")
        for site in (built.zensical, built.mkdocs)
    ]
    assert reviews[0] is not None and reviews[1] is not None
    assert reviews[0].get_text().startswith("Last reviewed 15 September 2025 by TherapistMira")
    assert reviews[0].get_text() == reviews[1].get_text()
    noted = content(built.zensical, "threads/when-pain-gets-you-down/")
    assert noted.select_one(".forum-content-note[role=note] .admonition-title") is not None
    summary = noted.select_one("#post-3 details.forum-fold > summary")
    assert summary is not None and summary.get_text() == "This post talks about feeling unable to go on"
    # Zensical's own search leaves out what the page keeps folded (data-search-exclude).
    index = (built.zensical / "search.json").read_text(encoding="utf-8")
    assert "Thank you both for sharing this" in index  # the control: the thread is indexed
    assert "reached a point" not in index


def test_forum_pages_have_the_same_structure(built: Built) -> None:
    """Element by element inside the content: nothing added around a page (no stray paragraph)."""
    different = [
        page
        for page in sorted(forum_pages(built.mkdocs))
        if skeleton(content(built.zensical, page)) != skeleton(content(built.mkdocs, page))
    ]
    assert not different, f"structure differs on {different}"


def test_member_and_section_pages_have_the_same_links(built: Built) -> None:
    checked = 0
    for page in sorted(forum_pages(built.mkdocs)):
        if page.startswith("threads/"):
            continue
        expected = links(content(built.mkdocs, page), page)
        assert links(content(built.zensical, page), page) == expected, page
        checked += bool(expected)
    assert checked >= 10  # the sections and the members' pages all link somewhere


def test_zensical_site_publishes_no_thread_file_and_has_the_feeds_and_styles(built: Built) -> None:
    site = built.zensical
    assert list(site.rglob("*.yml")) == []
    feeds = sorted(p.relative_to(built.mkdocs).as_posix() for p in built.mkdocs.rglob("feed.xml"))
    assert "feed.xml" in feeds
    for feed in feeds:
        assert (site / feed).read_bytes() == (built.mkdocs / feed).read_bytes(), feed
    css = ROOT / "mkdocs_forum_plugin" / "assets" / "forum.css"
    assert (site / "assets" / "forum" / "forum.css").read_bytes() == css.read_bytes()
    for page in sorted(forum_pages(site)):
        soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "lxml")
        sheets = [site_path(page, str(link["href"])) for link in soup.select("link[rel=stylesheet][href]")]
        assert "/assets/forum/forum.css" in sheets, page
        text = str(soup)
        assert "This page is empty because" not in text, page
        assert START not in text, page


# -- what generate does to docs/ -----------------------------------------------------------------

ZENSICAL_READY: dict[str, Any] = {
    "markdown_extensions": ["forum_pages"],
    "extra_css": ["assets/forum/forum.css"],
    "exclude_docs": "*.yml\n",
    "not_in_nav": "/threads/\n/members/\n",
}


def small_wiki(root: Path, files: dict[str, str], **config: Any) -> Path:
    write_site(root, files, **{**ZENSICAL_READY, **config})
    return root / "docs"


def generated_files(docs: Path) -> dict[str, int]:
    """Modification time of every file generate recorded, by docs path."""
    return {path: (docs / path).stat().st_mtime_ns for path in sorted(written(docs))}


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout + done.stderr


def test_a_second_run_writes_nothing(tmp_path: Path) -> None:
    docs = small_wiki(tmp_path, {"threads/a.yml": thread_yaml("A"), "threads/b.yml": thread_yaml("B")})
    assert "0 unchanged" in ok(generate(tmp_path))
    before = generated_files(docs)
    assert {"threads/a.md", "threads/b.md", "members/ann.md", "assets/forum/forum.css"} <= set(before)
    assert "0 written" in ok(generate(tmp_path))
    assert generated_files(docs) == before


def test_while_watching_unchanged_thread_pages_are_not_rendered_again(tmp_path: Path) -> None:
    words = {"a": "apples and oranges", "b": "bicycles with wheels", "c": "clouds and weather"}

    def thread(name: str, more: str = "") -> str:
        return thread_yaml(name.upper(), [{"author": f"{name}-author", "body": words[name] + more}])

    docs = small_wiki(tmp_path, {f"threads/{n}.yml": thread(n) for n in words})
    generator = Generator(tmp_path / "mkdocs.yml", command="serve")  # one generator, as --watch keeps
    assert "threads/a.md" in generator.run().written
    caches = generator.caches
    assert generator.run().written == [] and caches.pages.reused_last == 3
    (docs / "threads/a.yml").write_text(thread("a", ", and pears"), encoding="utf-8")
    assert generator.run().written == ["threads/a.md", "members/a-author.md"]
    assert caches.pages.reused_last == 2  # b and c asked nothing whose answer changed


def test_an_edit_rewrites_only_the_pages_it_changes(tmp_path: Path) -> None:
    def knees(body: str) -> str:
        return thread_yaml("Knees", [{"author": "ann", "body": body}], forum="Joints")

    sleep = thread_yaml("Sleep", [{"author": "bo", "body": "Pillows under the hips at night."}], forum="Rest")
    docs = small_wiki(tmp_path, {"threads/a.yml": knees("Stretching helps."), "threads/b.yml": sleep})
    ok(generate(tmp_path))
    before = generated_files(docs)
    (docs / "threads" / "a.yml").write_text(knees("Stretching helps, slowly."), encoding="utf-8")
    assert "2 written" in ok(generate(tmp_path))
    after = generated_files(docs)
    assert {path for path in before if after[path] != before[path]} == {"threads/a.md", "members/ann.md"}
    assert "slowly" in (unpack((docs / "threads" / "a.md").read_text(encoding="utf-8").splitlines()) or "")


def test_a_deleted_thread_file_takes_its_pages_and_empty_folders_along(tmp_path: Path) -> None:
    old = thread_yaml("Old", [{"author": "zed", "body": "Gone soon."}], forum="Archive")
    docs = small_wiki(tmp_path, {"threads/a.yml": thread_yaml("A"), "threads/old/b.yml": old})
    ok(generate(tmp_path))
    assert {"threads/old/b.md", "members/zed.md", "forums/archive.md"} <= written(docs)
    (docs / "threads" / "old" / "b.yml").unlink()
    output = ok(generate(tmp_path))
    assert "3 deleted" in output
    for path in ("threads/old/b.md", "members/zed.md", "forums/archive.md"):
        assert not (docs / path).exists(), path
        assert path not in written(docs)
    assert not (docs / "threads" / "old").exists()
    assert (docs / "threads" / "a.md").is_file()


def test_a_file_of_the_wiki_at_a_member_pages_path_is_left_alone(tmp_path: Path) -> None:
    docs = small_wiki(tmp_path, {"threads/a.yml": thread_yaml("A"), "members/ann.md": "# Ann, by hand\n"})
    output = ok(generate(tmp_path))
    assert "WARNING" in output and "'members/ann.md' has the address 'members/ann/'" in output
    assert (docs / "members" / "ann.md").read_text(encoding="utf-8") == "# Ann, by hand\n"
    assert "members/ann.md" not in written(docs)
    assert {"threads/a.md", "members/ann-2.md"} <= written(docs)  # the member page moved aside
    # Still the wiki's on the next run, and --strict fails on the warning.
    assert generate(tmp_path, "--strict").returncode == 1
    assert (docs / "members" / "ann.md").read_text(encoding="utf-8") == "# Ann, by hand\n"


def test_a_page_of_the_wiki_at_a_thread_pages_path_fails_the_run(tmp_path: Path) -> None:
    docs = small_wiki(tmp_path, {"threads/a.yml": thread_yaml("A"), "threads/a.md": "# A, by hand\n"})
    done = generate(tmp_path)
    assert done.returncode == 1
    assert "threads/a.yml:1: 'threads/a.md' already exists" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert (docs / "threads" / "a.md").read_text(encoding="utf-8") == "# A, by hand\n"
    assert written(docs) == set()


@pytest.mark.parametrize("own", ["", "# drafts stay local\n/drafts/\n*.tmp\n"], ids=["no-gitignore", "own-gitignore"])
def test_gitignore_keeps_the_wikis_lines_and_ignores_the_generated_files(tmp_path: Path, own: str) -> None:
    docs = small_wiki(tmp_path, {"threads/a.yml": thread_yaml("A")})
    if own:
        (docs / ".gitignore").write_text(own, encoding="utf-8")
    ok(generate(tmp_path))
    text = (docs / ".gitignore").read_text(encoding="utf-8")
    assert text.startswith(own)
    ok(generate(tmp_path))
    assert (docs / ".gitignore").read_text(encoding="utf-8") == text
    # git sees the wiki's own files, and none that generate wrote.
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.split()
    expected = ["docs/index.md", "docs/threads/a.yml", "mkdocs.yml"]
    assert listed == sorted([*expected, *(["docs/.gitignore"] if own else [])])
    assert len(written(docs)) >= 5


def test_mkdocs_builds_the_same_site_after_generate(tmp_path: Path) -> None:
    files = {
        "members.yml": "Dr Mira:\n  role: Pain Therapist\n",
        "threads/a.yml": thread_yaml("A", [{"author": "ann", "body": "Q"}, {"author": "Dr Mira", "body": "A"}]),
        "threads/b.yml": thread_yaml(
            "B", [{"author": "bo", "body": '[quote="ann, post:1"]Q[/quote]'}], related=["a.yml"]
        ),
    }
    plugin = {"experts": ["Pain Therapist"], "members": "members.yml", "disclaimer": {"text": "General information."}}
    small_wiki(tmp_path, files, plugin=plugin)
    before = build_site(tmp_path)
    expected = {page: str(content(before.site_dir, page)) for page in sorted(pages(before.site_dir))}
    assert "threads/a/" in expected
    ok(generate(tmp_path))
    after = build_site(tmp_path)
    assert after.warnings() == before.warnings()
    assert {page: str(content(after.site_dir, page)) for page in sorted(pages(after.site_dir))} == expected


def test_a_broken_thread_file_fails_with_its_line(tmp_path: Path) -> None:
    broken = "title: B\nposts:\n- author: a\n  expert: !!bool maybe\n  body: b\n"
    docs = small_wiki(tmp_path, {"threads/a.yml": thread_yaml("A"), "threads/b.yml": broken})
    done = generate(tmp_path)
    assert done.returncode == 1
    assert "threads/b.yml:4: posts[1].expert" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (docs / "threads" / "a.md").exists()  # a failed run writes nothing


def test_a_snippet_line_in_a_post_stays_text(tmp_path: Path) -> None:
    body = 'Look at this:\n--8<-- "mkdocs.yml"\nand nothing else.\n'
    snippets = {"pymdownx.snippets": {"base_path": ["."], "check_paths": True}}
    small_wiki(
        tmp_path,
        {"threads/snip.yml": thread_yaml("Snip", [{"author": "ann", "body": body}])},
        markdown_extensions=[snippets, "forum_pages"],
    )
    ok(generate(tmp_path))
    zensical_build(tmp_path)
    post = content(tmp_path / "site", "threads/snip/").select_one("#post-1 > div")
    assert post is not None
    text = post.get_text()
    assert "Look at this:" in text and "and nothing else." in text
    assert '--8<-- "mkdocs.yml"' in text
    assert "site_name" not in text and "Test wiki" not in text


# -- the envelope and the forum_pages extension ------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_pack_and_unpack_round_trip(html: str) -> None:
    packed = pack(html)
    lines = packed.splitlines()
    assert unpack(lines) == html
    # Between the markers only base64: nothing a Markdown preprocessor could react to.
    inside = lines[lines.index(START) + 1 : lines.index(END)]
    assert all(re.fullmatch(r"[A-Za-z0-9+/=]{1,76}", line) for line in inside)


def _drop_a_line(lines: list[str]) -> list[str]:
    return [line for i, line in enumerate(lines) if i != lines.index(START) + 1]


def _change_a_character(lines: list[str]) -> list[str]:
    i = lines.index(START) + 1
    line = lines[i]
    return [*lines[:i], line[:10] + ("A" if line[10] != "A" else "B") + line[11:], *lines[i + 1 :]]


def _not_base64(lines: list[str]) -> list[str]:
    i = lines.index(START) + 1
    return [*lines[:i], "*" + lines[i][1:], *lines[i + 1 :]]


def _no_end(lines: list[str]) -> list[str]:
    return [line for line in lines if line != END]


DAMAGE: dict[str, Callable[[list[str]], list[str]]] = {
    "dropped-line": _drop_a_line,
    "changed-character": _change_a_character,
    "not-base64": _not_base64,
    "no-end-marker": _no_end,
}
PAGE = "<h1>A page</h1>\n" + "".join(
    f'<article class="forum-post" id="post-{n}"><p>Post {n}</p></article>' for n in range(40)
)


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_page_shows_the_notice(damage: str) -> None:
    lines = DAMAGE[damage](pack(PAGE).splitlines())
    assert unpack(lines) is None
    shown = markdown.markdown("\n".join(lines), extensions=["forum_pages"])
    assert "<strong>This page is empty because" in shown
    assert "Post 1" not in shown


def test_a_page_without_an_envelope_is_left_alone() -> None:
    text = "# Title\n\nA paragraph.\n"
    assert markdown.markdown(text, extensions=["forum_pages"]) == markdown.markdown(text)


def test_the_notice_is_what_markdown_shows_without_the_extension() -> None:
    shown = markdown.markdown(pack(PAGE))
    assert "This page is empty because" in shown
    assert MISSING.startswith("**This page is empty")
    assert "Post 1" not in shown


def test_a_packed_page_comes_back_exactly(built: Built) -> None:
    """Every page generate packed, through forum_pages and snippets, is its HTML, byte for byte."""
    docs = built.root / "docs"
    checked = 0
    for path in sorted(written(docs)):
        if not path.endswith(".md"):
            continue
        body, _ = get_data((docs / path).read_text(encoding="utf-8"))
        html = unpack(body.splitlines())
        if html is None:
            continue  # the indexes: plain Markdown
        assert markdown.markdown(body, extensions=["forum_pages", "pymdownx.snippets"]) == html, path
        checked += 1
    listings = [p for p in written(docs) if p.startswith("forums/") and p.endswith(".md") and p != "forums/index.md"]
    members = [p for p in written(docs) if p.startswith("members/")]  # the index too
    assert listings and checked == len(THREADS) + len(members) + len(listings)


def test_a_page_that_unpacks_past_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(envelope, "MAX_HTML_BYTES", 1000)
    assert unpack(pack("x" * 1000).splitlines()) == "x" * 1000
    assert unpack(pack("x" * 1001).splitlines()) is None


PIECES = [START, END, MISSING, "", "AAAA", *pack("<p>Packed</p>").splitlines()]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text()), max_size=12))
def test_forum_pages_shows_any_page_without_failing(lines: list[str]) -> None:
    shown = markdown.markdown("\n".join(lines), extensions=["forum_pages"])
    html = unpack(lines)
    if html is not None:
        assert shown == html  # an intact packed page is the whole page
    else:
        assert shown == markdown.markdown("\n".join(lines))  # anything else is left to Markdown
