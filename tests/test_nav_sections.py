"""The automatic navigation: a folder whose only listed page is one of the plugin's is a link, not a section."""

from __future__ import annotations

from bs4 import Tag
from sitebuild import BuildFn, Site, one, thread_yaml

THREADS = {
    "a.yml": thread_yaml("Back pain at night", [{"author": "sam", "body": "x"}, {"author": "bo", "body": "y"}]),
}


def top_level(site: Site) -> list[Tag]:
    """The entries of the primary navigation's outermost list."""
    nav = one(site.html("index.html"), "nav.md-nav--primary > ul.md-nav__list")
    return nav.find_all("li", recursive=False)


def entry(items: list[Tag], title: str) -> Tag:
    found = [li for li in items if li.find(class_="md-ellipsis", string=lambda s: (s or "").strip() == title)]
    assert len(found) == 1, [li.get_text(" ", strip=True) for li in items]
    return found[0]


def test_members_index_is_a_link_of_its_own(make_site: BuildFn) -> None:
    members = entry(top_level(make_site(THREADS)), "Members")
    assert "md-nav__item--nested" not in (members.get("class") or [])
    assert members.select("nav, input, label") == []
    link = one(members, "a.md-nav__link")
    assert link["href"] == "members/"


def test_sections_with_more_than_one_page_stay(make_site: BuildFn) -> None:
    forums = entry(top_level(make_site(THREADS)), "Forums")
    assert "md-nav__item--nested" in (forums.get("class") or [])
    assert [a["href"] for a in forums.select("a.md-nav__link")] == ["forums/", "forums/general/"]


def test_an_editors_one_page_folder_stays_a_section(make_site: BuildFn) -> None:
    site = make_site({**THREADS, "guides/only.md": "# Only guide\n"})
    guides = entry(top_level(site), "Guides")
    assert "md-nav__item--nested" in (guides.get("class") or [])
    assert [a["href"] for a in guides.select("a.md-nav__link")] == ["guides/only/"]


def test_the_wikis_own_nav_is_left_as_written(make_site: BuildFn) -> None:
    site = make_site(THREADS, nav=[{"Home": "index.md"}, {"People": ["members/index.md"]}])
    people = entry(top_level(site), "People")
    assert "md-nav__item--nested" in (people.get("class") or [])
    assert [a["href"] for a in people.select("a.md-nav__link")] == ["members/"]
