"""Truthful labels: the expert label only on posts whose author has an expert role, everywhere a
reader meets it (the post, the summary line, member pages and index, search, structured data).
An editor's pick by anyone else is a 'Recommended answer'."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from search_files import hits
from sitebuild import Site, build_site, one, text_of, thread_yaml, write_site

from mkdocs_forum_plugin.load.site_config import read_site
from mkdocs_forum_plugin.render.labels import bundled_languages, catalogue, missing_labels

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = """\
Dr Mira:
  role: Pain Therapist
Guest PT:
  role: Guest Therapist
  expert: true
Ravi:
  role: Well-Known Member
  bio: Retired physiotherapist.
"""
POSTS: list[dict[str, Any]] = [
    {"author": "ann", "body": "What helps a stiff back in the morning?"},
    {"author": "Ravi", "expert": True, "body": "A warm zyxshower first, speaking as a member."},
    {"author": "Dr Mira", "body": "Gentle knee rolls are a good start."},
    {"author": "Guest PT", "expert": True, "body": "Agreed, and keep moving through the day."},
]
LABEL = "Therapist answer"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("labels")
    files = {
        "members.yml": MEMBERS,
        "threads/a.yml": thread_yaml("Morning stiffness", POSTS),
        "threads/b.yml": thread_yaml("Only a pick", [POSTS[0], POSTS[1]]),
    }
    plugin = {"experts": ["Pain Therapist"], "expert_label": LABEL, "structured_data": "short"}
    write_site(root, files, plugin, site_url="https://x.org/")
    return build_site(root)


def _label(article: Any) -> tuple[str | None, str | None]:
    expert = article.select_one(".forum-post__expert-label")
    recommended = article.select_one(".forum-post__recommended-label")
    return (text_of(expert) if expert else None, text_of(recommended) if recommended else None)


def test_each_post_carries_the_label_its_author_earns(site: Site) -> None:
    posts = site.content("threads/a/").select("article.forum-post")
    assert [_label(p) for p in posts] == [
        (None, None),
        (None, "Recommended answer"),
        (LABEL, None),  # an expert role listed in `experts:`
        (LABEL, None),  # `expert: true` in the members file
    ]
    assert "forum-post--expert" not in posts[1]["class"]
    assert "forum-post--recommended" in posts[1]["class"]


def test_summary_lines_keep_expert_and_recommended_answers_apart(site: Site) -> None:
    content = site.content("threads/a/")
    expert = one(content, ".forum-expert-summary")
    assert text_of(expert).startswith(f"{LABEL}s in this thread")
    assert [a["href"] for a in expert.select("a")] == ["#post-3", "#post-4"]
    recommended = one(content, ".forum-recommended-summary")
    assert text_of(recommended) == "Recommended answer in this thread: post 2"
    only_pick = site.content("threads/b/")
    assert only_pick.select_one(".forum-expert-summary") is None
    assert LABEL not in text_of(only_pick)


def _names_under(heading: Any) -> list[str]:
    listing = heading.find_next("ul")
    assert listing is not None, "no list under the heading"
    return [text_of(a) for a in listing.select("a")]


def test_members_index_lists_only_members_with_an_expert_role_as_experts(site: Site) -> None:
    content = site.content("members/")
    headings = content.select("h2")
    assert [text_of(h).rstrip("¶") for h in headings] == ["Experts", "Members"]
    experts, others = _names_under(headings[0]), _names_under(headings[1])
    assert experts == ["Dr Mira", "Guest PT"]
    assert "Ravi" in others


def test_member_page_labels_a_pick_as_recommended(site: Site) -> None:
    items = site.content("members/ravi/").select("ul.forum-member__posts li")
    labels = [text_of(li.select_one(".forum-post__recommended-label")) for li in items]
    assert labels == ["Recommended answer", "Recommended answer"]
    assert LABEL not in text_of(site.content("members/ravi/"))
    mira = site.content("members/dr-mira/").select("ul.forum-member__posts li .forum-post__expert-label")
    assert [text_of(s) for s in mira] == [LABEL]


def test_section_page_badges_follow_the_same_rule(site: Site) -> None:
    rows = site.content("forums/general/").select("li.forum-listing__row")
    items = {text_of(li.select_one(".forum-listing__title a")): li for li in rows}
    badge = ".forum-listing__badge"
    assert text_of(items["Morning stiffness"].select_one(badge)) == LABEL  # an expert answer wins the badge
    assert text_of(items["Only a pick"].select_one(badge)) == "Recommended answer"
    assert LABEL not in text_of(items["Only a pick"])


def _hits(site: Site, word: str) -> list[list[Any]]:
    return hits(site.site_dir, word)


def test_search_titles_follow_the_same_rule(site: Site) -> None:
    titles = {hit[0]: hit[1] for hit in _hits(site, "zyxshower")}
    assert titles == {
        "threads/a/#post-2": "Ravi · Recommended answer",
        "threads/b/#post-2": "Ravi · Recommended answer",
    }
    [mira] = _hits(site, "knee")
    assert mira[1] == f"Dr Mira · {LABEL}"


def test_no_page_search_record_or_structured_data_gives_the_pick_the_expert_label(site: Site) -> None:
    # Everything the site publishes about Ravi's posts: their pages, member page, search files, feeds.
    for path in site.site_dir.rglob("*"):
        if path.suffix not in (".html", ".json", ".xml"):
            continue
        text = path.read_text(encoding="utf-8")
        assert f"Ravi · {LABEL}" not in text, path
        if "members/ravi" in path.as_posix() or "threads/b" in path.as_posix():
            assert LABEL not in text, path
    data = json.loads(text_of(site.html("threads/b/").select_one('script[type="application/ld+json"]')))
    assert data["comment"][0]["author"] == {"@type": "Person", "name": "Ravi", "url": "https://x.org/members/ravi/"}


def test_recommended_answer_is_translated_in_every_bundled_language() -> None:
    english = catalogue("en")["recommended_answer"]
    for code in bundled_languages():
        assert "recommended_answer" not in missing_labels(code), code
        assert {"reviewed", "reviewed_by", "review_due"}.isdisjoint(missing_labels(code)), code
        if code != "en":
            assert catalogue(code)["recommended_answer"] != english, code


# -- the example wiki ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repository's wiki built as it is (mkdocs.yml and docs/)."""
    from mkdocs.commands.build import build  # noqa: PLC0415
    from mkdocs.config import load_config  # noqa: PLC0415

    site_dir = tmp_path_factory.mktemp("example")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.run_event("startup", command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.run_event("shutdown")
    yield site_dir


def test_example_wiki_shows_both_cases(example: Path) -> None:
    from bs4 import BeautifulSoup  # noqa: PLC0415

    label = read_site(ROOT / "mkdocs.yml").forum_options["expert_label"]
    sleep = BeautifulSoup((example / "threads/sleep-and-pain/index.html").read_text(encoding="utf-8"), "html.parser")
    ravi = one(sleep, "#post-2")
    assert text_of(one(ravi, ".forum-post > h2")).startswith("Ravi_K")
    assert _label(ravi) == (None, "Recommended answer")
    tight = BeautifulSoup((example / "threads/tightness/index.html").read_text(encoding="utf-8"), "html.parser")
    assert any(_label(p) == (label, None) for p in tight.select("article.forum-post"))
    members = BeautifulSoup((example / "members/index.html").read_text(encoding="utf-8"), "html.parser")
    experts = _names_under(members.select("h2")[0])
    assert "Ravi_K" not in experts
    assert "TherapistMira" in experts
    for path in (example / "search").rglob("*.json"):
        assert f"Ravi_K · {label}" not in path.read_text(encoding="utf-8"), path
