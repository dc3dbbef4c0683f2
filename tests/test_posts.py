"""Each post's frame: author, role, flair, avatar, dates, number, likes, expert highlighting."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitebuild import BuildFn, Site, one, thread_yaml

from mkdocs_forum_plugin.render.text import hue_class

MEMBERS = """\
Dr Ana:
  role: TMS Therapist
  url: https://example.org/ana
Old Tom:
  memorial: RIP 2021
  avatar: images/tom.png
Helper:
  expert: true
"""


def build(make_site: BuildFn, posts: list[dict[str, Any]], **plugin: Any) -> Site:
    plugin.setdefault("experts", ["TMS Therapist"])
    return make_site(
        {"members.yml": MEMBERS, "images/tom.png": "png", "threads/a.yml": thread_yaml("T", posts)}, plugin=plugin
    )


def post(site: Site, n: int) -> Any:
    found = site.content("threads/a/").select_one(f"#post-{n}")
    assert found is not None
    return found


def test_each_post_has_id_number_and_class(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "x"}, {"author": "b", "body": "y"}])
    posts = site.content("threads/a/").select("article.forum-post")
    assert [p["id"] for p in posts] == ["post-1", "post-2"]
    assert post(site, 2).select_one(".forum-post > h2 > a:last-child")["href"] == "#post-2"


def test_frame_has_no_empty_wrapper_style_or_heading_id(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "x"}, {"author": "b", "body": "y"}])
    frame = post(site, 1)
    # No role, date or likes: no line for them; initials: no element.
    assert [child.name for child in frame.children] == ["h2", "div"]
    assert frame.select("[style]") == []
    assert [e for e in frame.select("div, p, span") if not e.get_text(strip=True)] == []
    assert not frame.h2.has_attr("id")  # #post-1 is the post's address; the plugin's search needs no other


def test_heading_ids_for_material_search(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "x"}, {"author": "b", "body": "y"}], search="material")
    assert [h["id"] for h in site.content("threads/a/").select(".forum-post > h2")] == [
        "post-1-author",
        "post-2-author",
    ]


def test_body_is_rendered_markdown_inside_body_element(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "Some **bold** and a list:\n\n- one\n- two\n"}])
    body = post(site, 1).select_one(".forum-post > div")
    assert body.strong.get_text() == "bold"
    assert [li.get_text() for li in body.select("li")] == ["one", "two"]


def test_author_is_the_post_heading(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "walllc643", "body": "x"}])
    heading = post(site, 1).select_one(".forum-post > h2")
    assert heading.get_text() == "walllc643, post 1"  # what screen readers read is what is shown
    number = heading.select("a")[-1]  # after the name, which links to the member's page
    assert (number.get_text(), number["href"]) == (", post 1", "#post-1")
    assert heading.select("span") == []


def test_member_url_links_author_without_member_pages(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Dr Ana", "body": "x"}], member_pages="off")
    assert post(site, 1).select_one(".forum-post > h2 a")["href"] == "https://example.org/ana"


def test_author_links_to_member_page(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Dr Ana", "body": "x"}])
    assert post(site, 1).select_one(".forum-post > h2 a")["href"] == "../../members/dr-ana/"


def test_role_comes_from_members_file(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Dr Ana", "body": "x"}])
    assert post(site, 1).select_one(".forum-post__role").get_text() == "TMS Therapist"


def test_post_role_overrides_member_role(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Dr Ana", "role": "Guest", "body": "x"}])
    assert post(site, 1).select_one(".forum-post__role").get_text() == "Guest"


def test_memorial_flair_beside_name(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Old Tom", "body": "x"}])
    flair = post(site, 1).select_one(".forum-post > h2 + p .forum-post__memorial")
    assert flair.get_text() == "In memoriam: RIP 2021"


def test_member_avatar_from_docs_path(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Old Tom", "body": "x"}])
    img = post(site, 1).select_one(".forum-post > img")
    assert img["src"] == "../../images/tom.png"
    assert img["alt"] == ""


def test_generated_initials_avatar(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "north star", "body": "x"}])
    frame = post(site, 1)
    assert frame["data-initials"] == "NS"  # the stylesheet draws them, with empty alternative text
    assert frame["class"] == ["forum-post", hue_class("north star")]
    assert frame.select("span, img") == []  # no element for them


def test_date_and_last_edited(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "date": "2015-01-30 14:05:00", "edited": "2015-02-02", "body": "x"}])
    frame = post(site, 1)
    date = frame.select_one(".forum-post > h2 + p > time:not(.forum-post__edited)")
    assert date.get_text() == "30 January 2015, 14:05"
    edited = frame.select_one("time.forum-post__edited")
    assert edited.get_text() == "Last edited 2 February 2015"
    assert edited["datetime"] == "2015-02-02"


def test_likes_with_others(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "likes": ["Jameslag", "North Star"], "likes_total": 10, "body": "x"}])
    assert post(site, 1).select_one(".forum-post__likes").get_text() == "Jameslag, North Star and 8 others like this"


def test_single_like(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "likes": ["Jameslag"], "body": "x"}])
    assert post(site, 1).select_one(".forum-post__likes").get_text() == "Jameslag likes this"


def test_one_other_like_is_singular(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "likes": ["A", "B"], "likes_total": 3, "body": "x"}])
    assert post(site, 1).select_one(".forum-post__likes").get_text() == "A, B and 1 other like this"


def test_no_likes_no_footer(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "x"}])
    assert post(site, 1).select_one(".forum-post__likes") is None


def test_expert_by_role_is_highlighted_and_labelled(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "q"}, {"author": "Dr Ana", "body": "answer"}])
    assert "forum-post--expert" in post(site, 2)["class"]
    assert "forum-post--expert" not in post(site, 1)["class"]
    assert post(site, 2).select_one(".forum-post__expert-label").get_text() == "Expert answer"


def test_expert_roles_match_case_insensitively(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "x", "role": "tms therapist", "body": "a"}])
    assert "forum-post--expert" in post(site, 1)["class"]


def test_expert_label_is_configurable(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Dr Ana", "body": "a"}], expert_label="Therapist answer")
    assert post(site, 1).select_one(".forum-post__expert-label").get_text() == "Therapist answer"


def test_member_marked_expert(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Helper", "body": "a"}])
    assert "forum-post--expert" in post(site, 1)["class"]


def test_post_marked_expert_by_author_without_expert_role_is_a_recommended_answer(make_site: BuildFn) -> None:
    # An editor's pick never claims a qualification: the author has no expert role.
    site = build(make_site, [{"author": "someone", "expert": True, "body": "a"}])
    classes = post(site, 1)["class"]
    assert "forum-post--recommended" in classes
    assert "forum-post--expert" not in classes
    assert post(site, 1).select_one(".forum-post__expert-label") is None
    assert post(site, 1).select_one(".forum-post__recommended-label").get_text() == "Recommended answer"


def test_post_marked_expert_by_an_expert_keeps_the_expert_label(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Helper", "expert": True, "body": "a"}])
    assert post(site, 1).select_one(".forum-post__expert-label").get_text() == "Expert answer"
    assert post(site, 1).select_one(".forum-post__recommended-label") is None


def test_recommended_label_is_overridable_under_labels(make_site: BuildFn) -> None:
    posts = [{"author": "someone", "expert": True, "body": "a"}]
    site = build(make_site, posts, labels={"recommended_answer": "Editors' pick"})
    assert post(site, 1).select_one(".forum-post__recommended-label").get_text() == "Editors' pick"


def test_post_expert_false_overrides_role(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "Dr Ana", "expert": False, "body": "chit-chat"}])
    assert "forum-post--expert" not in post(site, 1)["class"]


def test_top_of_page_links_expert_answers(make_site: BuildFn) -> None:
    posts = [{"author": "a", "body": "q"}, {"author": "Dr Ana", "body": "1"}, {"author": "b", "body": "2"}]
    posts.append({"author": "Dr Ana", "body": "3"})
    site = build(make_site, posts)
    summary = one(site.content("threads/a/"), ".forum-expert-summary")
    assert [a["href"] for a in summary.select("a")] == ["#post-2", "#post-4"]


def test_no_expert_summary_without_expert(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "q"}])
    assert site.content("threads/a/").select_one(".forum-expert-summary") is None


def test_body_headings_are_demoted_below_post_heading(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "# Big\n\n## Less\n"}])
    body = post(site, 1).select_one(".forum-post > div")
    assert [h.name for h in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])] == ["h3", "h4"]


def test_body_starting_at_a_lower_heading_skips_no_level(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "## Less\n\n### Least\n\n## Less again\n"}])
    body = post(site, 1).select_one(".forum-post > div")
    assert [h.name for h in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])] == ["h3", "h4", "h3"]


def test_body_html_comes_out_escaped_not_executed(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "<b>bold name</b>", "body": "x"}])
    assert post(site, 1).select_one(".forum-post > h2").find(string=True) == "<b>bold name</b>"


def test_members_file_with_another_name(make_site: BuildFn) -> None:
    files = {"people/team.yml": "ann:\n  role: Moderator\n", "threads/a.yml": thread_yaml("T")}
    site = make_site(files, plugin={"members": "people/team.yml"})
    assert post(site, 1).select_one(".forum-post__role").get_text() == "Moderator"
    assert not (site.site_dir / "people" / "team").exists()  # the members file is no thread


def test_single_tildes_are_not_strikethrough(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "Rest ~5 minutes, walk ~10 minutes, ~~no~~ yes."}])
    body = post(site, 1).select_one(".forum-post > div")
    assert [s.get_text() for s in body.select("del")] == ["no"]
    assert "Rest ~5 minutes, walk ~10 minutes" in body.get_text()


def test_bare_web_addresses_become_links(make_site: BuildFn) -> None:
    site = build(make_site, [{"author": "a", "body": "See www.example.org/help or https://example.com/x?a=1."}])
    links = post(site, 1).select(".forum-post > div a")
    assert [a["href"] for a in links] == ["http://www.example.org/help", "https://example.com/x?a=1"]


def test_avatar_colours_are_twelve_classes_spread_over_the_wheel() -> None:
    names = [f"member {n}" for n in range(400)]
    classes = {hue_class(name) for name in names}
    assert classes == {f"forum-hue-{n}" for n in range(12)}  # every colour used, no thirteenth
    css = (Path(__file__).parents[1] / "mkdocs_forum_plugin/assets/forum.css").read_text(encoding="utf-8")
    defined = set(re.findall(r"\.(forum-hue-\d+) \{\s*--forum-avatar-hue: \d+;", css))
    assert defined == classes  # the stylesheet colours each of them
