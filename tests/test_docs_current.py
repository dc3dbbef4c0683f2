"""The README and the home page say what is true of the repository (issue 24)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]


def site_url() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", text, re.MULTILINE)
    assert match, "mkdocs.yml has a site_url"
    return match[1]


def test_the_readme_gives_the_address_mkdocs_serve_really_uses() -> None:
    """`mkdocs serve` serves a site at the path of its site_url."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme[readme.index("## Set up") :]
    addresses = re.findall(r"http://127\.0\.0\.1:8000\S*", setup[: setup.index("```")])
    assert addresses == [f"http://127.0.0.1:8000{urlsplit(site_url()).path}"]


def test_the_home_page_lists_every_reference_page() -> None:
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    manual = home[home.index("## The manual") :]
    linked = set(re.findall(r"\]\((reference/[^)#]+\.md)", manual))
    pages = {f"reference/{p.name}" for p in (ROOT / "docs" / "reference").glob("*.md")}
    assert pages - linked == set(), "reference pages the home page does not list"
    assert linked - pages == set(), "links to reference pages that do not exist"


def test_every_reference_page_is_in_the_nav() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    text = yaml.safe_dump(config.get("nav"))
    for page in (ROOT / "docs" / "reference").glob("*.md"):
        assert f"reference/{page.name}" in text, page.name
