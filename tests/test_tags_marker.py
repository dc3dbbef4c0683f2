"""Material's tags plugin on the example wiki: tag chips link to the tags page whatever the hash seed.

Material reads its listing marker (``<!-- material/tags -->``) anywhere in a page's
Markdown, code blocks included. A docs page that shows the marker in a code block
became a second tags listing, and which of the two listings a tag chip linked to
depended on Python's hash seed. The wiki is built in a subprocess with two seeds:
with the marker in a code block of ``reference/configuration.md``, seed 2 sent every
chip to ``reference/configuration/#tag:…``, an anchor that does not exist.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
# The pattern Material's tags plugin looks for in a page's Markdown (its listing manager).
MARKER = re.compile(r"<!--\s*?material/tags(.*?)\s*-->", re.I | re.S)


def test_only_the_tags_page_holds_a_listing_marker() -> None:
    docs = ROOT / "docs"
    pages = sorted(docs.rglob("*.md"))
    holders = [p.relative_to(docs).as_posix() for p in pages if MARKER.search(p.read_text(encoding="utf-8"))]
    assert holders == ["tags.md"]


def _page(site: Path, url: str) -> BeautifulSoup:
    path = site / unquote(urlsplit(url).path)
    if url.endswith("/") or not path.suffix:
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("seed", ["0", "2"])
def test_tag_chips_link_to_the_tags_page(tmp_path: Path, seed: str) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    tags_page = _page(site, "tags/")
    anchors = {str(h["id"]) for h in tags_page.select("[id^='tag:']")}
    chips = 0
    for thread in sorted((ROOT / "docs" / "threads").glob("*.yml")):
        url = f"threads/{thread.stem}/"
        for chip in _page(site, url).select("nav.md-tags a.md-tag"):
            target = urlsplit(urljoin(url, str(chip["href"])))
            assert target.path == "tags/", (url, chip["href"])
            assert target.fragment in anchors, (url, target.fragment)
            chips += 1
    assert chips >= 10  # the example wiki's threads carry tags; none may be missed
