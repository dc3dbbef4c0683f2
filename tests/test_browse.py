"""Forum-like browsing: section pages, member pages, search, structured data and feeds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from sitebuild import BuildFn, Site, attr, one, text_of, thread_yaml

ATOM = "{http://www.w3.org/2005/Atom}"
MEMBERS = """\
Dr Ana:
  role: TMS Therapist
  bio: Physiotherapist who answers questions on Sundays.
  url: https://example.org/ana
Old Tom:
  memorial: RIP 2021
"""


def posts(*authors: str, **extra: Any) -> list[dict[str, Any]]:
    return [
        {"author": a, "date": f"2015-01-{i + 10:02d}", "body": f"Words of {a} number {i}.", **extra}
        for i, a in enumerate(authors)
    ]


def wiki(make_site: BuildFn, plugin: dict[str, Any] | None = None, **config: Any) -> Site:
    files = {
        "members.yml": MEMBERS,
        "threads/a.yml": thread_yaml(
            "Back pain at night", posts("sam", "Dr Ana", "Old Tom"), forum="Ask", tags=["sleep"]
        ),
        "threads/b.yml": thread_yaml("Walking again", posts("Old Tom", "sam"), forum="Stories"),
    }
    options = {"experts": ["TMS Therapist"], **(plugin or {})}
    return make_site(files, plugin=options, **config)


def test_section_listing_shows_starter_date_replies_likes(make_site: BuildFn) -> None:
    thread = thread_yaml(
        "Liked",
        [
            {"author": "sam", "date": "2015-01-30", "likes": ["a"], "likes_total": 4, "body": "x"},
            {"author": "bo", "likes": ["sam"], "body": "y"},
        ],
        forum="Ask",
    )
    site = make_site({"t.yml": thread})
    item = one(site.content("forums/ask/"), "li.forum-listing__row")
    shown = "Liked SA started by sam 1 reply · 5 likes last post 30 January 2015 by sam"
    assert item.get_text(" ", strip=True) == shown
    assert [a["href"] for a in item.select("a")] == ["../../t/", "../../members/sam/", "../../members/sam/"]


def test_section_listing_is_paginated(make_site: BuildFn) -> None:
    files = {
        f"t{i}.yml": thread_yaml(
            f"Thread {i}", [{"author": "a", "date": f"2015-01-{i + 1:02d}", "body": "x"}], forum="Ask"
        )
        for i in range(5)
    }
    site = make_site(files, plugin={"section_page_size": 2})
    first = site.content("forums/ask/")
    assert [a.get_text() for a in first.select(".forum-listing__title a")] == ["Thread 4", "Thread 3"]
    older = first.find("a", string="Older threads →")
    assert older is not None
    assert older["href"] == "page/2/"
    second = site.content("forums/ask/page/2/")
    assert [a.get_text() for a in second.select(".forum-listing__title a")] == ["Thread 2", "Thread 1"]
    assert [a.get_text() for a in site.content("forums/ask/page/3/").select(".forum-listing__title a")] == ["Thread 0"]
    nav = one(site.html("index.html"), "nav.md-nav--primary").get_text()
    assert "page 2" not in nav


def test_member_page_lists_posts_with_links_and_excerpts(make_site: BuildFn) -> None:
    site = wiki(make_site)
    page = site.content("members/old-tom/")
    assert text_of(page.h1, strip=True) == "Old Tom"
    assert "In memoriam: RIP 2021" in page.get_text()
    items = page.select("ul.forum-member__posts > li")
    assert [attr(li.a, "href") for li in items] == ["../../threads/a/#post-3", "../../threads/b/#post-1"]
    shown = " ".join(items[0].get_text(" ", strip=True).split())  # no-break spaces read as spaces
    assert shown == "Back pain at night · post 3 · 12 January 2015 Words of Old Tom number 2."


def test_member_page_shows_role_bio_and_url(make_site: BuildFn) -> None:
    page = wiki(make_site).content("members/dr-ana/")
    text = page.get_text(" ")
    assert "TMS Therapist" in text
    assert "Physiotherapist who answers questions on Sundays." in text
    site = page.find("a", href="https://example.org/ana")
    assert site is not None
    assert site.get("rel") == ["nofollow", "ugc", "noreferrer"]


def test_a_members_website_is_a_members_link_where_no_member_page_is_made(make_site: BuildFn) -> None:
    """Without member pages the name links to the member's own site, as a member's link: nofollow, ugc, noreferrer."""

    def rels(page: Any, href: str) -> list[str]:
        return [" ".join(a.get("rel") or []) for a in page.find_all("a", href=lambda h: h and h.endswith(href))]

    files = {"members.yml": MEMBERS, "threads/a.yml": thread_yaml("Sundays", posts("Dr Ana", "sam"), forum="Ask")}
    site = make_site(files, plugin={"member_pages": "off"})
    for page in (site.content("threads/a/"), site.content("forums/ask/")):
        assert rels(page, "https://example.org/ana") == ["nofollow ugc noreferrer"]
    # With member pages, the name links to the member's page in the wiki, which is no member's link.
    page = make_site(files).content("threads/a/")
    assert rels(page, "members/dr-ana/") == [""] and not rels(page, "https://example.org/ana")


def test_member_page_lists_posts_newest_first_undated_last(make_site: BuildFn) -> None:
    files = {
        "a.yml": thread_yaml("Later", [{"author": "kim", "date": "2020-05-01", "body": "later words"}]),
        "b.yml": thread_yaml("Earlier", [{"author": "kim", "date": "2019-05-01", "body": "earlier words"}]),
        "c.yml": thread_yaml("Undated", [{"author": "kim", "body": "when?"}]),
        "d.yml": thread_yaml("Latest", [{"author": "kim", "date": "2021-01-01T09:30:00", "body": "latest"}]),
    }
    page = make_site(files).content("members/kim/")
    assert [text_of(li.a) for li in page.select("li")] == ["Latest", "Later", "Earlier", "Undated"]


def test_member_page_has_one_row_per_thread_with_a_link_to_each_post(make_site: BuildFn) -> None:
    thread = [
        {"author": "kim", "date": "2020-05-01", "body": "first words"},
        {"author": "bo", "date": "2020-05-02", "body": "a reply"},
        {"author": "kim", "date": "2020-05-03", "body": "second words"},
    ]
    files = {
        "a.yml": thread_yaml("Twice", thread),
        "b.yml": thread_yaml("Once", [{"author": "kim", "date": "2020-06-01", "body": "once"}]),
    }
    page = make_site(files).content("members/kim/")
    assert text_of(page.h2).rstrip("¶") == "3 Posts"  # every post counted, though two share a row
    once, twice = page.select("ul.forum-member__posts > li")
    assert [attr(a, "href") for a in twice.select("a")] == [
        "../../a/#post-3",  # the title: the newest of the member's posts there
        "../../a/#post-3",
        "../../a/#post-1",
    ]
    assert [text_of(a) for a in twice.select("a")] == ["Twice", "post\u00a03", "post\u00a01"]
    assert "3\u00a0May\u00a02020" in twice.get_text()  # the newest post's date, on one line
    assert [text_of(a) for a in once.select("a")] == ["Once"]  # a single post is the title's link
    assert once.select("time") == []  # the thread page dates each post for machines; here only words


def test_member_page_excerpts_only_the_newest_rows(make_site: BuildFn) -> None:
    from mkdocs_forum_plugin.render.members import EXCERPTS  # noqa: PLC0415

    files = {
        f"t{i}.yml": thread_yaml(f"T{i}", [{"author": "kim", "date": f"2020-01-{i + 1:02d}", "body": f"words {i}"}])
        for i in range(EXCERPTS + 2)
    }
    rows = make_site(files).content("members/kim/").select("ul.forum-member__posts > li")
    shown = [text_of(li.select_one(".forum-member__excerpt")) if li.select_one("p") else None for li in rows]
    newest = list(range(EXCERPTS + 1, -1, -1))
    assert shown == [f"words {i}" for i in newest[:EXCERPTS]] + [None, None]


def test_member_page_excerpt_keeps_punctuation_drops_markup(make_site: BuildFn) -> None:
    body = "- Forty leeks! I ran 5k (slowly, **very** slowly) see [this](b.yml)."
    page = make_site({"a.yml": thread_yaml("A", [{"author": "kim", "body": body}])}).content("members/kim/")
    assert one(page, "li").get_text(" ", strip=True).endswith("Forty leeks! I ran 5k (slowly, very slowly) see this.")


def test_members_index_lists_experts_first(make_site: BuildFn) -> None:
    page = wiki(make_site).content("members/")
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    assert headings[:2] == ["Experts", "Members"]
    expert_list = page.select("h2")[0].find_next("ul")
    assert expert_list is not None
    assert [a.get_text() for a in expert_list.select("a")] == ["Dr Ana"]


def test_member_pages_can_be_limited_to_experts(make_site: BuildFn) -> None:
    site = wiki(make_site, plugin={"member_pages": "experts"})
    assert (site.site_dir / "members/dr-ana/index.html").is_file()
    assert not (site.site_dir / "members/sam").exists()
    sam = one(site.content("threads/a/"), "#post-1 > h2")
    assert [attr(a, "href") for a in sam.select("a")] == ["#post-1"]  # the post's number only, not the name


def test_member_pages_can_be_turned_off(make_site: BuildFn) -> None:
    site = wiki(make_site, plugin={"member_pages": "off"})
    assert not (site.site_dir / "members").exists()


def test_search_index_has_a_section_per_post(make_site: BuildFn) -> None:
    site = wiki(make_site, plugin={"search": "material"})  # Material's own index
    index = json.loads((site.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"]: d for d in index["docs"]}
    entry = locations["threads/a/#post-2-author"]
    assert entry["title"] == "Dr Ana, post 2"
    assert "Words of Dr Ana number 1." in entry["text"]
    assert "Words of sam" not in entry["text"]


def test_search_index_grows_with_text_only(make_site: BuildFn, tmp_path: Any) -> None:
    site = wiki(make_site, plugin={"search": "material"})  # Material's own index
    index = json.loads((site.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    thread_docs = [d for d in index["docs"] if d["location"].startswith("threads/a/")]
    text = sum(len(d["text"]) + len(d["title"]) for d in thread_docs)
    assert text < 3000  # three short posts: the index holds their words, not markup


def jsonld(site: Site, url: str) -> dict[str, Any]:
    scripts = site.html(url).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    text = scripts[0].string
    assert text is not None
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


SCHEMA_ORG_PROPS = {
    "@context",
    "@type",
    "headline",
    "mainEntityOfPage",
    "author",
    "text",
    "url",
    "datePublished",
    "dateModified",
    "interactionStatistic",
    "commentCount",
    "comment",
    "inLanguage",  # schema.org CreativeWork: the page's language code
    "keywords",
    "sameAs",
    "name",
    "interactionType",
    "userInteractionCount",
}


def all_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in all_keys(v)}
    return set()


def test_thread_page_has_discussion_forum_posting(make_site: BuildFn) -> None:
    thread: list[dict[str, Any]] = [
        {
            "author": "sam",
            "date": "2015-01-30",
            "edited": "2015-02-02",
            "likes": ["x"],
            "likes_total": 3,
            "body": "Why `</script><script>alert(1)</script>` me?",
        },
        # An answer (recommended by the editors): the short form's comments are the answers.
        {"author": "Dr Ana", "date": "2015-01-31", "body": "Because.", "expert": True},
    ]
    site = make_site(
        {"members.yml": MEMBERS, "t.yml": thread_yaml("Why me", thread, tags=["fear"])},
        plugin={"structured_data": "short"},
        site_url="https://wiki.example.org/",
    )
    data = jsonld(site, "t/")
    assert data["@type"] == "DiscussionForumPosting"
    assert data["headline"] == "Why me"
    assert data["url"] == "https://wiki.example.org/t/"
    assert data["author"] == {"@type": "Person", "name": "sam", "url": "https://wiki.example.org/members/sam/"}
    assert data["datePublished"] == "2015-01-30"
    assert data["dateModified"] == "2015-02-02"
    assert data["text"] == "Why </script><script>alert(1)</script> me?"
    assert data["interactionStatistic"]["userInteractionCount"] == 3
    assert data["interactionStatistic"]["interactionType"] == "https://schema.org/LikeAction"
    reply = data["comment"][0]
    assert reply["@type"] == "Comment"
    assert reply["url"] == "https://wiki.example.org/t/#post-2"
    assert reply["author"]["name"] == "Dr Ana"
    assert all_keys(data) <= SCHEMA_ORG_PROPS
    # structured_data: short leaves out what the page says: its address (url), <html lang> and tags.
    assert {"mainEntityOfPage", "inLanguage", "keywords"}.isdisjoint(data)


def test_structured_data_can_be_turned_off(make_site: BuildFn) -> None:
    site = make_site({"t.yml": thread_yaml()}, plugin={"structured_data": False})
    assert site.html("t/").select('script[type="application/ld+json"]') == []


def feed(site: Site, path: str) -> ET.Element:
    return ET.fromstring((site.site_dir / path).read_bytes())


def child(element: ET.Element, path: str) -> ET.Element:
    """The first element at ``path`` under ``element``; fails clearly when there is none."""
    found = element.find(path)
    assert found is not None, f"no {path} in {element.tag}"
    return found


def test_site_feed_lists_newest_threads_with_absolute_links(make_site: BuildFn) -> None:
    site = wiki(make_site, site_url="https://wiki.example.org/")
    root = feed(site, "feed.xml")
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [child(e, f"{ATOM}title").text for e in entries] == ["Back pain at night", "Walking again"]
    link = child(entries[0], f"{ATOM}link").get("href")
    assert link == "https://wiki.example.org/threads/a/"
    assert child(entries[0], f"{ATOM}author/{ATOM}name").text == "sam"
    assert child(entries[0], f"{ATOM}updated").text == "2015-01-12T00:00:00Z"


def test_section_feed(make_site: BuildFn) -> None:
    site = wiki(make_site, site_url="https://wiki.example.org/")
    root = feed(site, "forums/stories/feed.xml")
    assert [child(e, f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == ["Walking again"]
    assert child(root, f"{ATOM}link[@rel='self']").get("href") == "https://wiki.example.org/forums/stories/feed.xml"


def test_pages_announce_feeds(make_site: BuildFn) -> None:
    site = wiki(make_site, site_url="https://wiki.example.org/")
    links = site.html("threads/a/").select('link[type="application/atom+xml"]')
    assert {link["href"] for link in links} >= {"../../feed.xml", "../../forums/ask/feed.xml"}
    assert all("alternate" in link["rel"] for link in links)  # the keyword feed readers look for
    # Material's JavaScript takes link[rel=alternate] (that exact value) for another language of
    # the site and fetches a sitemap.xml next to each on every page: the feeds must not match.
    assert site.html("threads/a/").select("link[rel=alternate]") == []


def test_no_feeds_without_site_url(make_site: BuildFn) -> None:
    site = wiki(make_site)
    assert not (site.site_dir / "feed.xml").exists()


def test_member_pages_stay_out_of_the_search_index(make_site: BuildFn) -> None:
    site = wiki(make_site, plugin={"search": "material"})  # Material's own index
    index = json.loads((site.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"]]
    member_pages = [loc for loc in locations if loc.startswith("members/") and not loc.startswith("members/#")]
    assert member_pages == ["members/"]
    assert any(loc.startswith("threads/a/") for loc in locations)
