"""Section pages as a forum's thread list, the forums overview's order and counts, and member pages (issue 24)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sitebuild import BuildFn, one, text_of, thread_yaml

from mkdocs_forum_plugin.options import read_options
from mkdocs_forum_plugin.render.text import hue, hue_class

MEMBERS = """\
Dr Ana:
  role: TMS Therapist
Old Tom:
  memorial: RIP 2021
"""


def post(author: str, date: str, **extra: Any) -> dict[str, Any]:
    return {"author": author, "date": date, "body": f"Words of {author}.", **extra}


def files() -> dict[str, str]:
    return {
        "members.yml": MEMBERS,
        # Started first, but its last reply is the newest of all.
        "threads/old.yml": thread_yaml(
            "Started long ago",
            [post("sam", "2015-01-01"), post("Dr Ana", "2016-05-01", role="TMS Therapist")],
            forum="Ask",
            tags=["sleep", "stress"],
        ),
        "threads/new.yml": thread_yaml("Started lately", [post("bo", "2016-01-01")], forum="Ask"),
        "threads/story.yml": thread_yaml("A story", [post("Old Tom", "2014-01-01")], forum="Stories"),
    }


PLUGIN = {"experts": ["TMS Therapist"], "expert_label": "Therapist answer"}


def test_rows_are_newest_activity_first_with_starter_replies_and_last_post(make_site: BuildFn) -> None:
    site = make_site(files(), plugin=PLUGIN)
    page = site.content("forums/ask/")
    rows = page.select("ol.forum-listing > li.forum-listing__row")
    assert [text_of(r.select_one(".forum-listing__title a")) for r in rows] == ["Started long ago", "Started lately"]
    first = rows[0]
    starter = one(first, ".forum-listing__starter")
    assert " ".join(starter.get_text(" ").split()) == "SA started by sam"
    assert one(starter, "a")["href"] == "../../members/sam/"
    initials = one(starter, "[aria-hidden=true]")
    assert initials.get_text() == "SA"
    assert hue_class("sam") in initials["class"] and "style" not in initials.attrs
    assert text_of(one(first, ".forum-listing__replies")) == "1 reply"
    last = one(first, ".forum-listing__last")
    assert " ".join(last.get_text(" ").split()) == "last post 1 May 2016 by Dr Ana"
    assert one(last, "time")["datetime"] == "2016-05-01"
    assert one(last, "a")["href"] == "../../members/dr-ana/"
    # The badge is the thread page's own, and only where an expert answered.
    assert text_of(one(first, ".forum-post__expert-label")) == "Therapist answer"
    assert rows[1].select(".forum-post__expert-label") == []
    assert [li.get_text() for li in first.select(".forum-listing__tags li")] == ["sleep", "stress"]
    assert rows[1].select(".forum-listing__tags") == []


def test_overview_follows_the_nav_order_with_counts_and_latest_thread(make_site: BuildFn) -> None:
    nav = ["index.md", {"Forums": ["forums/index.md", "forums/stories.md", "forums/ask.md"]}]
    site = make_site(files(), plugin=PLUGIN, nav=nav)
    items = [" ".join(li.get_text(" ").split()) for li in site.content("forums/").select("article > ul > li")]
    assert items == [
        "Stories 1 thread · latest: A story",
        "Ask 2 threads · 1 with an expert answer · latest: Started long ago",
    ]


def test_overview_follows_the_forums_option_and_shows_descriptions(make_site: BuildFn) -> None:
    forums = [{"name": "Ask", "description": "Questions for our *volunteer* therapists."}, {"name": "Stories"}]
    site = make_site(files(), plugin={**PLUGIN, "forums": forums})
    items = site.content("forums/").select("article > ul > li")
    assert [text_of(li.select_one("strong > a")) for li in items] == ["Ask", "Stories"]
    assert "Questions for our volunteer therapists." in " ".join(items[0].get_text(" ").split())
    assert text_of(one(items[0], "em")) == "volunteer"  # the wiki's own Markdown


def test_without_nav_or_option_the_overview_is_by_name(make_site: BuildFn) -> None:
    site = make_site(files(), plugin=PLUGIN)
    items = site.content("forums/").select("article > ul > li")
    assert [text_of(li.select_one("strong > a")) for li in items] == ["Ask", "Stories"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Ask", "forums: expected a list of sections (each with a name and a description), not 'Ask'"),
        (["Ask"], "forums: item 1: expected a mapping with a name, such as {name: Ask a Therapist}, not 'Ask'"),
        (
            [{"name": ""}],
            "forums: item 1: expected a mapping with a name, such as {name: Ask a Therapist}, not {'name': ''}",
        ),
        (
            [{"name": "Ask", "descripton": "x"}],
            "forums: item 1: Unrecognised configuration name: descripton (did you mean 'description'?)",
        ),
        ([{"name": "Ask", "description": 3}], "forums: item 1: description: expected text, not 3"),
        ([{"name": "Ask"}, {"name": "Ask"}], "forums: item 2: 'Ask' is listed twice"),
    ],
)
def test_a_wrong_forums_option_is_named(value: object, message: str) -> None:
    _options, problems = read_options({"forums": value})
    assert [str(p) for p in problems] == [message]


def test_member_page_shows_initials_counts_once_and_the_flair_once(make_site: BuildFn) -> None:
    site = make_site(files(), plugin=PLUGIN)
    tom = site.content("members/old-tom/")
    assert one(tom, ".forum-member__avatar--initials").get_text() == "OT"
    shown = " ".join(tom.get_text(" ").split())
    assert shown.casefold().count("1 post") == 1  # the heading says it; the facts don't repeat it
    assert shown.count("RIP 2021") == 1
    ana = site.content("members/dr-ana/")
    assert text_of(one(ana, ".forum-member__facts .forum-post__expert-label")) == "Therapist answer"
    index = site.content("members/")
    (tom_item,) = [li for li in index.select("li") if "Old Tom" in li.get_text()]
    visible = [t for t in tom_item.find_all(string=True) if not t.find_parent(class_="forum-visually-hidden")]
    assert "".join(visible).count("RIP 2021") == 1
    assert "In memoriam" not in "".join(visible)
    assert one(tom_item, ".forum-visually-hidden").get_text() == "In memoriam: "
    assert one(tom_item, "[aria-hidden=true]").get_text() == "OT"


def test_members_index_shows_pictures_initials_and_counts(make_site: BuildFn, tmp_path: Any) -> None:
    site_files = files()
    site_files["members.yml"] = MEMBERS + "sam:\n  avatar: pictures/sam.png\n"
    (tmp_path / "docs" / "pictures").mkdir(parents=True)
    (tmp_path / "docs" / "pictures" / "sam.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    site = make_site(site_files, plugin=PLUGIN)
    index = site.content("members/")
    rows = {text_of(li.select_one("a")): li for li in index.select("ul.forum-members > li")}
    assert one(rows["sam"], "img.forum-listing__avatar")["src"] == "../pictures/sam.png"
    initials = one(rows["bo"], ".forum-listing__avatar--initials")
    assert initials.get_text() == "BO"
    assert initials["class"][-1] == hue_class("bo") and "style" not in initials.attrs  # a class, not a style
    assert " ".join(text_of(one(rows["Dr Ana"], ".forum-members__who")).split()) == "Dr Ana · TMS Therapist · 1 post"
    assert all(li.get("class") is None for li in index.select("ul.forum-members > li"))  # no class on every row
    assert [text_of(h).rstrip("¶") for h in index.select("h2")] == ["Experts", "Members"]


def test_every_avatar_colour_class_has_its_rule_in_the_stylesheet() -> None:
    from importlib import resources  # noqa: PLC0415

    css = resources.files("mkdocs_forum_plugin").joinpath("assets/forum.css").read_text(encoding="utf-8")
    names = [f"member {n}" for n in range(400)]
    used = {hue_class(name) for name in names}
    assert all(hue_class(name) == f"forum-hue-{hue(name) * 12 // 360}" for name in names)
    assert len(used) == 12  # four hundred names reach every colour
    for klass in used:
        rule = re.search(rf"\.{klass} \{{\s*--forum-avatar-hue: (\d+);", css)
        assert rule is not None, f"no rule for .{klass}"
        assert int(rule[1]) * 12 // 360 == int(klass.rsplit("-", 1)[1])  # a hue inside the class's twelfth
