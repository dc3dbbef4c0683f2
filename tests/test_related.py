"""Cross-links: listed related threads, backlinks, similar threads and body links."""

from __future__ import annotations

from sitebuild import BuildFn, Site, attr, one, text_of, thread_yaml

KINDS = {None: "listed", "(links here)": "backlink", "(similar)": "similar"}  # an entry's note -> its kind


def related(site: Site, url: str) -> list[tuple[str, str, str]]:
    """(kind, title, address) of each entry of the page's related block; the kind read from the note."""
    block = site.content(url).select_one("nav.forum-related")
    if block is None:
        return []
    entries = []
    for li in block.select("li"):
        assert not li.has_attr("class")  # the entries carry no class of their own
        note = li.select_one("small")
        entries.append((KINDS[text_of(note) if note else None], text_of(li.a), attr(li.a, "href")))
    return entries


def test_listed_related_thread(make_site: BuildFn) -> None:
    site = make_site(
        {"threads/a.yml": thread_yaml("A", related=["b.yml"]), "threads/b.yml": thread_yaml("B")},
        plugin={"related_max": 0},
    )
    assert related(site, "threads/a/") == [("listed", "B", "../b/")]


def test_related_relative_to_docs_root(make_site: BuildFn) -> None:
    site = make_site(
        {"threads/a.yml": thread_yaml("A", related=["other/b.yml"]), "other/b.yml": thread_yaml("B")},
        plugin={"related_max": 0},
    )
    assert related(site, "threads/a/") == [("listed", "B", "../../other/b/")]


def test_backlink_on_the_listed_thread(make_site: BuildFn) -> None:
    site = make_site(
        {"threads/a.yml": thread_yaml("A", related=["b.yml"]), "threads/b.yml": thread_yaml("B")},
        plugin={"related_max": 0},
    )
    assert related(site, "threads/b/") == [("backlink", "A", "../a/")]


def test_threads_listing_each_other_show_each_other_once(make_site: BuildFn) -> None:
    site = make_site(
        {"threads/a.yml": thread_yaml("A", related=["b.yml"]), "threads/b.yml": thread_yaml("B", related=["a.yml"])},
        plugin={"related_max": 0},
    )
    assert related(site, "threads/a/") == [("listed", "B", "../b/")]
    assert related(site, "threads/b/") == [("listed", "A", "../a/")]


def test_similar_threads_by_tags_and_text(make_site: BuildFn) -> None:
    def body(text: str) -> list[dict[str, str]]:
        return [{"author": "a", "body": text}]

    files = {
        "a.yml": thread_yaml("Sleeping with back pain", body("Insomnia and nightly back pain"), tags=["sleep"]),
        "b.yml": thread_yaml("Back pain keeps me awake", body("Insomnia again, sleeping badly"), tags=["sleep"]),
        "c.yml": thread_yaml("Recipes for bread", body("Flour water yeast kneading"), tags=["cooking"]),
    }
    site = make_site(files)
    assert [(kind, title) for kind, title, _ in related(site, "a/")] == [("similar", "Back pain keeps me awake")]


def test_related_max_limits_similar_threads(make_site: BuildFn) -> None:
    files = {f"t{i}.yml": thread_yaml(f"Pain and sleep {i}", tags=["sleep", "pain"]) for i in range(6)}
    site = make_site(files, plugin={"related_max": 2})
    assert len(related(site, "t0/")) == 2


def test_related_max_defaults_to_five_similar_threads(make_site: BuildFn) -> None:
    files = {f"t{i}.yml": thread_yaml(f"Pain and sleep {i}", tags=["sleep", "pain"]) for i in range(8)}
    site = make_site(files)
    assert [kind for kind, _, _ in related(site, "t0/")] == ["similar"] * 5


def test_similar_threads_fill_the_block_after_listed_threads_and_backlinks(make_site: BuildFn) -> None:
    tags = ["sleep", "pain"]
    files = {
        "a.yml": thread_yaml("Pain and sleep A", tags=tags, related=["l1.yml", "l2.yml"]),
        "l1.yml": thread_yaml("Pain and sleep L1", tags=tags),
        "l2.yml": thread_yaml("Pain and sleep L2", tags=tags),
        "b1.yml": thread_yaml("Pain and sleep B1", tags=tags, related=["a.yml"]),
        "b2.yml": thread_yaml("Pain and sleep B2", tags=tags, related=["a.yml"]),
        **{f"s{i}.yml": thread_yaml(f"Pain and sleep S{i}", tags=tags) for i in range(6)},
    }
    site = make_site(files)  # related_max: 5, so one similar thread fills the block
    entries = related(site, "a/")
    assert [(kind, title) for kind, title, _ in entries[:4]] == [
        ("listed", "Pain and sleep L1"),
        ("listed", "Pain and sleep L2"),
        ("backlink", "Pain and sleep B1"),
        ("backlink", "Pain and sleep B2"),
    ]
    assert [kind for kind, _, _ in entries[4:]] == ["similar"]


def test_more_listed_threads_than_related_max_all_show_and_no_similar(make_site: BuildFn) -> None:
    tags = ["sleep", "pain"]
    listed = [f"l{i}.yml" for i in range(6)]
    files = {
        "a.yml": thread_yaml("Pain and sleep A", tags=tags, related=listed),
        **{name: thread_yaml(f"Pain and sleep {name}", tags=tags) for name in listed},
        **{f"s{i}.yml": thread_yaml(f"Pain and sleep S{i}", tags=tags) for i in range(4)},
    }
    site = make_site(files)
    assert [kind for kind, _, _ in related(site, "a/")] == ["listed"] * 6


def test_listed_threads_are_not_repeated_as_similar(make_site: BuildFn) -> None:
    files = {
        "a.yml": thread_yaml("Sleep pain", tags=["sleep"], related=["b.yml"]),
        "b.yml": thread_yaml("Sleep pain too", tags=["sleep"]),
    }
    site = make_site(files)
    assert related(site, "a/") == [("listed", "Sleep pain too", "../b/")]


def test_no_related_block_when_nothing_related(make_site: BuildFn) -> None:
    site = make_site({"a.yml": thread_yaml("Alone")})
    assert site.content("a/").select("nav.forum-related") == []


def test_body_link_to_thread_file_resolves_to_page(make_site: BuildFn) -> None:
    posts = [{"author": "a", "body": "See [that thread](../other/b.yml#post-2) and [home](../index.md)."}]
    site = make_site({"threads/a.yml": thread_yaml("A", posts), "other/b.yml": thread_yaml("B")})
    links = site.content("threads/a/").select(".forum-post > div a")
    assert [a["href"] for a in links] == ["../../other/b/#post-2", "../../"]


def test_body_link_to_a_post_heading_lands_on_the_post(make_site: BuildFn) -> None:
    # Post headings had id="post-N-author"; they carry no id now (but for Material's search).
    posts = [{"author": "a", "body": "See [that post](b.yml#post-2-author)."}]
    two = [{"author": "b", "body": "one"}, {"author": "c", "body": "two"}]
    site = make_site({"a.yml": thread_yaml("A", posts), "b.yml": thread_yaml("B", two)})
    assert one(site.content("a/"), ".forum-post > div a")["href"] == "../b/#post-2"


def test_external_body_links_stay(make_site: BuildFn) -> None:
    posts = [{"author": "a", "body": "[site](https://example.org/x?a=1&b=2)"}]
    site = make_site({"a.yml": thread_yaml("A", posts)})
    assert one(site.content("a/"), ".forum-post > div a")["href"] == "https://example.org/x?a=1&b=2"


def test_links_to_wiki_pages_are_not_marked_nofollow(make_site: BuildFn) -> None:
    posts = [{"author": "a", "body": "[inside](b.yml) and [outside](https://example.org/)"}]
    site = make_site({"a.yml": thread_yaml("A", posts), "b.yml": thread_yaml("B")})
    inside, outside = site.content("a/").select(".forum-post > div a")
    assert not inside.has_attr("rel")
    assert outside["rel"] == ["nofollow", "ugc", "noreferrer"]


def test_body_pictures_relative_to_the_thread_file_resolve(make_site: BuildFn) -> None:
    posts = [{"author": "a", "body": "![here](pic.svg) ![up](../images/up.svg) ![web](https://example.org/w.png)"}]
    svg = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    files = {"threads/a.yml": thread_yaml("A", posts), "threads/pic.svg": svg, "images/up.svg": svg}
    site = make_site(files)
    pictures = site.content("threads/a/").select(".forum-post > div img")
    assert [img["src"] for img in pictures] == ["../pic.svg", "../../images/up.svg", "https://example.org/w.png"]
    for img in pictures[:2]:
        assert (site.site_dir / "threads" / "a" / attr(img, "src")).resolve().is_file()
