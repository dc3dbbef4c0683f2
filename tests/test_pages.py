"""A thread file becomes one page: URL, header, files, navigation, assets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from sitebuild import BuildFn, attr, one, text_of, thread_yaml, write_site

POSTS = [
    {"author": "ann", "date": "2015-01-30", "body": "Why does tension hurt?"},
    {"author": "bob", "date": "2015-02-01", "body": "Good question."},
    {"author": "cy", "body": "Same here."},
]


def test_thread_file_becomes_page_at_markdown_url(make_site: BuildFn) -> None:
    site = make_site({"threads/tightness.yml": thread_yaml("How does tension cause tightness?")})
    assert (site.site_dir / "threads/tightness/index.html").is_file()


def test_title_is_the_only_h1(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml("Title & <more>", [{"author": "a", "body": "# Big\n\ntext"}])})
    h1s = site.content("threads/a/").find_all("h1")
    assert [h.get_text() for h in h1s] == ["Title & <more>"]


def test_page_title_element_uses_thread_title(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml("Sleep and pain")})
    title = site.html("threads/a/").title
    assert title is not None and title.get_text().startswith("Sleep and pain")


def test_yaml_file_is_not_copied_to_site(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml()})
    assert not list(site.site_dir.rglob("*.yml"))


def test_yaml_extension_is_a_thread_too(make_site: BuildFn) -> None:
    site = make_site({"b.yaml": thread_yaml("Long suffix")})
    assert text_of(site.content("b/").h1) == "Long suffix"


def test_edit_link_points_at_yaml_file(make_site: BuildFn) -> None:
    site = make_site(
        {"threads/a.yml": thread_yaml()},
        repo_url="https://github.com/example/wiki",
        edit_uri="edit/main/docs/",
        theme={"name": "material", "features": ["content.action.edit"]},
    )
    link = site.html("threads/a/").select_one("a.md-content__button[href*='edit']")
    assert link is not None
    assert link["href"] == "https://github.com/example/wiki/edit/main/docs/threads/a.yml"


def test_header_names_section_start_date_and_replies(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml("T", POSTS, forum="Ask a Therapist")})
    meta = site.content("threads/a/").select_one(".forum-thread__meta")
    assert meta is not None
    assert one(meta, ".forum-thread__forum a").get_text() == "Ask a Therapist"
    assert one(meta, ".forum-thread__date time")["datetime"] == "2015-01-30"
    assert one(meta, ".forum-thread__replies").get_text() == "2 replies"


def test_thread_date_overrides_first_post_date(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml("T", POSTS, date="2014-12-24")})
    time = one(site.content("threads/a/"), ".forum-thread__date time")
    assert time["datetime"] == "2014-12-24"
    assert time.get_text() == "24 December 2014"


def test_section_link_leads_to_section_page(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml("T", POSTS, forum="Ask a Therapist")})
    href = one(site.content("threads/a/"), ".forum-thread__forum a")["href"]
    assert href == "../../forums/ask-a-therapist/"
    assert (site.site_dir / "forums/ask-a-therapist/index.html").is_file()


def test_source_link(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml("T", source="https://forum.example.org/threads/123/")})
    link = one(site.content("threads/a/"), "a.forum-thread__source")
    assert link["href"] == "https://forum.example.org/threads/123/"


def test_tags_rendered_by_plugin_without_tags_plugin(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml("T", tags=["fear", "sleep"])})
    tags = [li.get_text() for li in site.content("threads/a/").select(".forum-thread__tags .forum-tag")]
    assert tags == ["fear", "sleep"]


def test_tags_reach_material_tags_plugin(make_site: BuildFn) -> None:
    site = make_site(
        {"threads/a.yml": thread_yaml("T", tags=["fear", "sleep"]), "tags.md": "# Tags\n\n<!-- material/tags -->\n"},
        plugin={},
        plugins=["search", "tags", {"forum": {}}],
    )
    page = site.html("threads/a/")
    assert [t.get_text(strip=True) for t in page.select(".md-tags .md-tag")] == ["fear", "sleep"]
    assert page.select(".forum-thread__tags") == []
    index = site.content("tags/").get_text()
    assert "fear" in index and "T" in index


def test_meta_description_is_excerpt_of_question(make_site: BuildFn) -> None:
    body = "My **lower back** tightens whenever I worry about work. " * 6
    site = make_site({"threads/a.yml": thread_yaml("T", [{"author": "a", "body": body}])})
    meta = one(site.html("threads/a/"), 'meta[name="description"]')
    assert attr(meta, "content").startswith("My lower back tightens whenever I worry")
    assert len(meta["content"]) <= 161


def test_plugin_css_is_shipped_and_linked(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml()})
    assert (site.site_dir / "assets/forum/forum.css").is_file()
    hrefs = [link["href"] for link in site.html("threads/a/").select('link[rel="stylesheet"]')]
    assert "../../assets/forum/forum.css" in hrefs


def test_schema_is_published(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml()})
    assert (site.site_dir / "assets/forum/thread.schema.json").is_file()
    assert (site.site_dir / "assets/forum/members.schema.json").is_file()


def test_threads_stay_out_of_sidebar(make_site: BuildFn) -> None:
    threads = {f"threads/t{i}.yml": thread_yaml(f"Thread number {i}", forum="Ask") for i in range(3)}
    site = make_site(threads)
    nav = one(site.html("index.html"), "nav.md-nav--primary")
    labels = " ".join(nav.get_text(" ").split())
    assert "Thread number" not in labels
    assert "Ask" in labels  # the section page is in the navigation instead


def test_section_page_lists_threads_newest_first(make_site: BuildFn) -> None:
    site = make_site(
        {
            "old.yml": thread_yaml("Old one", [{"author": "a", "date": "2014-01-01", "body": "x"}], forum="Ask"),
            "new.yml": thread_yaml("New one", [{"author": "b", "date": "2016-01-01", "body": "x"}], forum="Ask"),
        }
    )
    links = site.content("forums/ask/").select(".forum-listing__title a")
    assert [(a.get_text(), a["href"]) for a in links] == [("New one", "../../new/"), ("Old one", "../../old/")]


def test_section_page_marks_threads_with_expert_answer(make_site: BuildFn) -> None:
    posts = [{"author": "a", "body": "q"}, {"author": "dr", "role": "Therapist", "body": "a"}]
    site = make_site(
        {"a.yml": thread_yaml("Answered", posts, forum="Ask"), "b.yml": thread_yaml("Open", forum="Ask")},
        plugin={"experts": ["Therapist"], "expert_label": "Therapist answer"},
    )
    items = {text_of(li.a): li.get_text(" ") for li in site.content("forums/ask/").select("li.forum-listing__row")}
    assert "Therapist answer" in items["Answered"]
    assert "Therapist answer" not in items["Open"]


def test_threads_without_forum_go_to_default_section(make_site: BuildFn) -> None:
    site = make_site({"a.yml": thread_yaml("Loose")}, plugin={"default_section": "Misc"})
    assert [a.get_text() for a in site.content("forums/misc/").select(".forum-listing__title a")] == ["Loose"]


def test_forums_overview_lists_sections_with_counts(make_site: BuildFn) -> None:
    site = make_site({"a.yml": thread_yaml("A", forum="Ask"), "b.yml": thread_yaml("B", forum="Ask")})
    items = [li.get_text(" ", strip=True) for li in site.content("forums/").select("li")]
    assert items == ["Ask 2 threads · latest: A"]


def test_section_spelled_two_ways_is_one_section(make_site: BuildFn) -> None:
    files = {"a.yml": thread_yaml("A", forum="Ask a Therapist"), "b.yml": thread_yaml("B", forum="ask a therapist!")}
    site = make_site(files)
    listed = [a.get_text() for a in site.content("forums/ask-a-therapist/").select(".forum-listing__title a")]
    assert sorted(listed) == ["A", "B"]
    assert [li.get_text(" ", strip=True) for li in site.content("forums/").select("li")] == [
        "Ask a Therapist 2 threads · latest: A"
    ]
    assert one(site.content("b/"), ".forum-thread__forum a").get_text() == "Ask a Therapist"
    warnings = [w.removeprefix("mkdocs_forum_plugin: ") for w in site.warnings()]
    assert warnings == [
        "b.yml:2: forum: 'ask a therapist!' is listed in the section 'Ask a Therapist'; spell it the same way"
    ]


def test_section_named_index_keeps_the_overview(make_site: BuildFn) -> None:
    site = make_site({"a.yml": thread_yaml("A", forum="Index"), "b.yml": thread_yaml("B", forum="Ask")})
    assert [a.get_text() for a in site.content("forums/index-section/").select(".forum-listing__title a")] == ["A"]
    overview = [li.get_text(" ", strip=True) for li in site.content("forums/").select("li")]
    assert sorted(overview) == ["Ask 1 thread · latest: B", "Index 1 thread · latest: A"]


def test_sections_missing_from_the_sites_own_nav_are_not_omitted_pages(make_site: BuildFn) -> None:
    site = make_site(
        {"a.yml": thread_yaml("A", forum="Ask"), "b.yml": thread_yaml("B", forum="New section")},
        nav=["index.md", "forums/index.md", "forums/ask.md"],
        validation={"omitted_files": "warn"},
        strict=True,
    )
    labels = [a.get_text(strip=True) for a in site.html("index.html").select("nav.md-nav--primary a")]
    assert "Ask" in labels and "New section" not in labels
    overview = [a.get_text() for a in site.content("forums/").select("li > strong > a")]
    assert sorted(overview) == ["Ask", "New section"]


def test_sections_can_be_turned_off(make_site: BuildFn) -> None:
    site = make_site({"a.yml": thread_yaml("A", forum="Ask")}, plugin={"sections": False})
    assert not (site.site_dir / "forums").exists()


def test_threads_can_be_listed_in_own_nav(make_site: BuildFn) -> None:
    site = make_site({"threads/a.yml": thread_yaml("Listed thread")}, nav=["index.md", "threads/a.md"])
    nav = one(site.html("index.html"), "nav.md-nav--primary")
    assert "Listed thread" in nav.get_text()


def test_members_file_is_not_a_thread_and_not_copied(make_site: BuildFn) -> None:
    site = make_site(
        {"members.yml": "ann:\n  role: New Member\n", "a.yml": thread_yaml()}, plugin={"member_pages": "off"}
    )
    assert not (site.site_dir / "members").exists()
    assert not (site.site_dir / "members.yml").exists()


def test_dot_files_are_not_threads(make_site: BuildFn) -> None:
    site = make_site({".hidden.yml": "not: a thread\n", "a.yml": thread_yaml()})
    assert site.messages() == []
    assert not (site.site_dir / ".hidden").exists()


def test_exclude_option_skips_files(make_site: BuildFn) -> None:
    site = make_site({"data/other.yml": "x: 1\n", "a.yml": thread_yaml()}, plugin={"exclude": ["data/*"]})
    assert site.messages() == []
    assert not (site.site_dir / "data/other").exists()


def test_thread_files_named_in_exclude_docs_are_still_threads(make_site: BuildFn) -> None:
    # exclude_docs keeps the YAML out of a Zensical site; the plugin reads it all the same,
    # and its own `exclude` option is what leaves a thread out.
    files = {"threads/a.yml": thread_yaml("Kept"), "threads/b.yml": thread_yaml("Left out")}
    site = make_site(files, plugin={"exclude": ["threads/b.yml"]}, exclude_docs="*.yml\n")
    assert text_of(site.content("threads/a/").h1) == "Kept"
    assert not (site.site_dir / "threads/b").exists()
    assert not list(site.site_dir.rglob("*.yml"))
    assert site.messages() == []


def test_include_option_limits_thread_files(make_site: BuildFn) -> None:
    site = make_site(
        {"threads/a.yml": thread_yaml("In"), "config/x.yml": "x: 1\n"}, plugin={"include": ["threads/*.yml"]}
    )
    assert text_of(site.content("threads/a/").h1) == "In"
    assert site.messages() == []


def test_thread_without_forum_links_default_section(make_site: BuildFn) -> None:
    site = make_site({"a.yml": thread_yaml("Loose")})
    forum = one(site.content("a/"), ".forum-thread__forum a")
    assert (forum.get_text(), forum["href"]) == ("General", "../forums/general/")


def test_plugin_css_comes_before_site_css(make_site: BuildFn) -> None:
    site = make_site({"a.yml": thread_yaml(), "css/wiki.css": "p {}"}, extra_css=["css/wiki.css"])
    hrefs = [link["href"] for link in site.html("a/").select('link[rel="stylesheet"]')]
    assert hrefs.index("../assets/forum/forum.css") < hrefs.index("../css/wiki.css")


def test_properdocs_builds_the_same_thread_page(tmp_path: Path) -> None:
    """properdocs (the maintained fork of MkDocs 1.6) loads the plugin from the same entry point."""
    write_site(tmp_path, {"threads/a.yml": thread_yaml("Under properdocs", POSTS)})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "out"]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    page = BeautifulSoup((tmp_path / "out" / "threads" / "a" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert one(page, "article.md-content__inner h1").get_text() == "Under properdocs"
    assert len(page.select("article.forum-post")) == len(POSTS)
