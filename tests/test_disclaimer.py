"""The site disclaimer is inserted by the plugin, where and when configured."""

from __future__ import annotations

from typing import Any

from sitebuild import BuildFn, Site, attr, one, text_of, thread_yaml

TEXT = "General information, **not** medical advice."
EXPERT_POSTS = [
    {"author": "q", "body": "question"},
    {"author": "dr", "role": "Therapist", "body": "answer one"},
    {"author": "m", "body": "thanks"},
    {"author": "dr", "role": "Therapist", "body": "answer two"},
]
MEMBER_POSTS = [{"author": "q", "body": "question"}, {"author": "m", "body": "reply"}]


def build(
    make_site: BuildFn,
    posts: list[dict[str, Any]] | None = None,
    thread: dict[str, Any] | None = None,
    **disclaimer: Any,
) -> Site:
    plugin = {"experts": ["Therapist"], "disclaimer": {"text": TEXT, **disclaimer}}
    return make_site({"t.yml": thread_yaml("T", posts or EXPERT_POSTS, **(thread or {}))}, plugin=plugin)


def sequence(site: Site) -> list[str]:
    """The thread's blocks in order: post ids and 'D' for each disclaimer."""
    content = site.content("t/")
    out: list[str] = []
    for el in content.select("article.forum-post, .forum-disclaimer"):
        out.append("D" if "forum-disclaimer" in el["class"] else attr(el, "id"))
    return out


def test_default_is_once_after_first_expert_answer(make_site: BuildFn) -> None:
    site = build(make_site)
    assert sequence(site) == ["post-1", "post-2", "D", "post-3", "post-4"]


def test_disclaimer_is_admonition_with_title_and_markdown(make_site: BuildFn) -> None:
    notice = one(build(make_site).content("t/"), ".forum-disclaimer")
    assert notice.name == "div"
    assert notice["class"] == ["admonition", "warning", "forum-disclaimer"]
    assert one(notice, ".admonition-title").get_text() == "Disclaimer"
    assert text_of(notice.strong) == "not"


def test_title_and_type_are_configurable(make_site: BuildFn) -> None:
    notice = one(build(make_site, title="Please note", type="danger").content("t/"), ".forum-disclaimer")
    assert "danger" in notice["class"]
    assert one(notice, ".admonition-title").get_text() == "Please note"


def test_collapsible_disclaimer_is_details(make_site: BuildFn) -> None:
    notice = one(build(make_site, collapsible=True).content("t/"), ".forum-disclaimer")
    assert notice.name == "details"
    assert not notice.has_attr("open")
    assert text_of(notice.summary) == "Disclaimer"


def test_no_disclaimer_in_thread_without_expert(make_site: BuildFn) -> None:
    assert sequence(build(make_site, MEMBER_POSTS)) == ["post-1", "post-2"]


def test_every_expert_placement(make_site: BuildFn) -> None:
    site = build(make_site, placement="every-expert")
    assert sequence(site) == ["post-1", "post-2", "D", "post-3", "post-4", "D"]


def test_top_placement(make_site: BuildFn) -> None:
    assert sequence(build(make_site, placement="top")) == ["D", "post-1", "post-2", "post-3", "post-4"]


def test_bottom_placement(make_site: BuildFn) -> None:
    assert sequence(build(make_site, placement="bottom")) == ["post-1", "post-2", "post-3", "post-4", "D"]


def test_all_threads_option_adds_it_without_expert(make_site: BuildFn) -> None:
    assert sequence(build(make_site, MEMBER_POSTS, threads="all")) == ["D", "post-1", "post-2"]


def test_thread_can_switch_it_off(make_site: BuildFn) -> None:
    assert "D" not in sequence(build(make_site, thread={"disclaimer": False}))


def test_thread_can_switch_it_on(make_site: BuildFn) -> None:
    assert sequence(build(make_site, MEMBER_POSTS, thread={"disclaimer": True})) == ["D", "post-1", "post-2"]


def test_thread_text_overrides_site_text(make_site: BuildFn) -> None:
    site = build(make_site, thread={"disclaimer": "Ask *your own* doctor."})
    notice = one(site.content("t/"), ".forum-disclaimer")
    assert text_of(notice.em) == "your own"
    assert "medical advice" not in notice.get_text()


def test_no_site_text_no_disclaimer(make_site: BuildFn) -> None:
    site = make_site({"t.yml": thread_yaml("T", EXPERT_POSTS)}, plugin={"experts": ["Therapist"]})
    assert site.content("t/").select(".forum-disclaimer") == []


def test_disclaimer_is_never_part_of_a_post_body(make_site: BuildFn) -> None:
    bodies = build(make_site).content("t/").select(".forum-post > div")
    assert all(b.select(".forum-disclaimer") == [] for b in bodies)
