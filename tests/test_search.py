"""Search: records from the model (search_records.py), the chunked index (search_index.py), and a built site's files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import BuildFn, thread_yaml
from search_files import all_rows, forum_config, hits
from sitebuild import text_of

from mkdocs_forum_plugin.adapters.mkdocs.plugin import ForumPlugin
from mkdocs_forum_plugin.model import Post, Thread
from mkdocs_forum_plugin.search_index import (
    MAX_POSTINGS,
    PACK,
    TERM_MAX,
    SearchIndexFiles,
    bucket,
    bucket_count,
    build_index,
    term_file,
)
from mkdocs_forum_plugin.search_records import (
    TEASER,
    SearchItem,
    SearchPage,
    page_from_entries,
    teaser,
    thread_page,
    words,
)


def _thread() -> Thread:
    posts = [
        Post(1, "ann", "Since my **flare-up** I cannot bend.\n\nDoes anyone else?", role="Newcomer"),
        Post(
            2, "Dr Mira", '[quote="ann, post:1"]\nI cannot bend\n[/quote]\n\nTry *graded* walking, e.g. [this](x.md).'
        ),
    ]
    return Thread("threads/bend.yml", "Scared to bend", posts, forum="Ask a Therapist", tags=["bending"])


def _postings(index: SearchIndexFiles, word: str) -> list[int]:
    postings: list[int] = json.loads(index.terms[f"terms/{term_file(word, index.buckets)}"])[word]
    return postings


def _rows(index: SearchIndexFiles, page: int) -> list[list[Any]]:
    rows: list[list[Any]] = json.loads(dict(index.files())[f"pages/{page // index.pack}.json"])[page % index.pack]
    return rows


# -- records from the model ------------------------------------------------------------------


def test_thread_page_has_the_thread_then_one_item_per_post() -> None:
    page = thread_page(_thread(), "threads/bend/", lambda post: f"{post.author}!")
    assert [i.location for i in page.items] == ["threads/bend/", "threads/bend/#post-1", "threads/bend/#post-2"]
    assert page.items[0].title == "Scared to bend"
    assert page.items[0].tags == ("bending",)
    assert "Ask a Therapist" in page.items[0].words
    assert [i.title for i in page.items[1:]] == ["ann!", "Dr Mira!"]


def test_post_text_is_the_post_without_header_quotes_or_markup() -> None:
    first, second = thread_page(_thread(), "threads/bend/").items[1:]
    assert first.text == "Since my flare-up I cannot bend. Does anyone else?"
    assert "Newcomer" not in first.words and "Post" not in first.words
    assert second.words == "Try graded walking, e.g. this."  # the quote of post 1 is post 1's words
    assert thread_page(_thread(), "t/").items[1].title == "ann"  # default title: the author


def test_post_text_is_escaped_html() -> None:
    thread = Thread("t.yml", "T", [Post(1, "x", '1 < 2 & "3" <script>x</script>')])
    assert thread_page(thread, "t/").items[1].text == "1 &lt; 2 &amp; &quot;3&quot; x"


def test_titles_and_tags_are_escaped_html() -> None:
    thread = Thread("t.yml", "<img src=x onerror=alert(1)>", [Post(1, "<b>x</b>", "hi")], tags=["<i>"])
    top, post = thread_page(thread, "t/").items
    assert top.title == "&lt;img src=x onerror=alert(1)&gt;"
    assert top.tags == ("&lt;i&gt;",)
    assert post.title == "&lt;b&gt;x&lt;/b&gt;"
    index = build_index([SearchPage.of([top, post])])
    assert _postings(index, "onerror")[0] == 1  # the title's words are indexed, not its markup


def test_entries_of_ordinary_pages_are_grouped_page_first() -> None:
    entries: list[dict[str, Any]] = [
        {"location": "guide/#setup", "title": "Setup", "text": "<p>Install it.</p>"},
        {"location": "guide/", "title": "Guide", "text": "<p>Intro</p>", "tags": ["how-to"]},
        {"location": "other/#a", "title": "A", "text": ""},
    ]
    guide, other = page_from_entries(entries)
    assert [i.location for i in guide.items] == ["guide/", "guide/#setup"]
    assert guide.items[1].words == "Install it."
    assert guide.items[0].tags == ("how-to",)
    assert [i.location for i in other.items] == ["other/", "other/#a"]  # a page entry stands in


# -- the index ---------------------------------------------------------------------------------


def test_words_are_lower_case_and_at_least_two_characters() -> None:
    assert words("I met Zoë at the Café, 2 x 10") == ["met", "zoë", "at", "the", "café", "10"]


def test_term_files_are_chosen_by_the_first_three_characters() -> None:
    assert term_file("walking", 7) == term_file("wal", 7) == f"{bucket('walked', 7)}.json"
    assert {bucket(word, 1) for word in ("at", "zoë", "walking")} == {0}
    assert all(0 <= bucket(f"w{n}x", 5) < 5 for n in range(100))
    # FNV-1a (32 bits) of the prefix's UTF-8 bytes: the published test vector of "a".
    assert bucket("a", 1 << 32) == 0xE40C292C
    assert bucket("foobar", 1 << 32) == bucket("foo", 1 << 32)


def test_a_word_of_one_post_points_at_that_post() -> None:
    pages = [thread_page(_thread(), "threads/bend/")]
    index = build_index(pages)
    df, page, item, weight = _postings(index, "graded")
    assert (df, page, item) == (1, 0, 2)
    assert weight > 0
    rows = _rows(index, page)
    assert rows[item][0] == 2  # "threads/bend/#post-2", rebuilt by the worker from the page's location
    assert rows[0] == ["threads/bend/", "Scared to bend", "", ["bending"]]
    assert pages[0].items[item].location == "threads/bend/#post-2"
    assert index.items == 3


def test_title_words_weigh_more_than_body_words() -> None:
    items = [SearchItem("a/", "Walking", "", "nothing"), SearchItem("a/#s", "Other", "", "walking")]
    postings = _postings(build_index([SearchPage.of(items)]), "walking")
    assert postings[0] == 2
    assert postings[1:4][1] == 0  # the title's item first
    assert postings[3] > postings[6]


def test_postings_per_word_are_capped_but_counted() -> None:
    pages = [SearchPage.of([SearchItem(f"p{n}/", "T", "", "common " * (1 + n % 3))]) for n in range(300)]
    postings = _postings(build_index(pages), "common")
    assert postings[0] == 300
    assert len(postings) == 1 + 3 * MAX_POSTINGS
    assert min(postings[3::3]) == max(postings[3::3][:MAX_POSTINGS])  # the best weights were kept


def test_version_follows_the_content() -> None:
    one = build_index([thread_page(_thread(), "a/")])
    assert one.version == build_index([thread_page(_thread(), "a/")]).version
    assert one.version != build_index([thread_page(_thread(), "b/")]).version


def _pages(count: int) -> list[SearchPage]:
    """``count`` pages, page N with the word ``onlyN`` in its post and ``shared`` in all."""
    return [
        SearchPage.of(
            [SearchItem(f"p{n}/", f"Page {n}", "", ""), SearchItem(f"p{n}/#post-1", "ann", "x", f"only{n} shared")]
        )
        for n in range(count)
    ]


def test_one_pack_holds_a_small_wikis_pages() -> None:
    index = build_index(_pages(3))
    files = dict(index.files())
    assert sorted(name for name in files if name.startswith("pages/")) == ["pages/0.json"]
    assert index.pack == PACK
    assert [rows[0][0] for rows in json.loads(files["pages/0.json"])] == ["p0/", "p1/", "p2/"]


def test_many_packs_and_a_page_in_the_last_one() -> None:
    count = 2 * PACK + 3
    index = build_index(_pages(count))
    files = dict(index.files())
    packs = sorted(name for name in files if name.startswith("pages/"))
    assert packs == ["pages/0.json", "pages/1.json", "pages/2.json"]
    assert len(json.loads(files["pages/2.json"])) == 3  # the last pack holds what is left
    last = count - 1
    df, page, item, _weight = _postings(index, f"only{last}")
    assert (df, page, item) == (1, last, 1)
    assert _rows(index, page) == [[f"p{last}/", f"Page {last}"], [1, "ann", "x"]]
    assert _postings(index, "shared")[0] == count


def test_an_empty_index_has_no_files() -> None:
    index = build_index([])
    assert (dict(index.files()), index.items, index.buckets) == ({}, 0, 1)


def test_words_sharing_a_term_file_are_kept_apart() -> None:
    pages = [
        SearchPage.of([SearchItem("a/", "Ant", "", "ants antling")]),
        SearchPage.of([SearchItem("b/", "Dog", "", "dogs")]),
    ]
    index = build_index(pages)
    assert index.buckets == 1  # a small index: one term file holds every word
    shard = json.loads(index.terms["terms/0.json"])
    assert list(shard) == sorted(shard) == ["ant", "antling", "ants", "dog", "dogs"]
    assert (shard["ants"][1], shard["dogs"][1]) == (0, 1)


def test_term_files_grow_in_number_with_the_index() -> None:
    assert bucket_count({}) == 1
    assert bucket_count({"abc": 1000, "abd": 1000}) == 1
    sizes = {f"{chr(97 + n // 26)}{chr(97 + n % 26)}x": 20_000 for n in range(200)}  # 4 MB of postings
    count = bucket_count(sizes)
    assert count >= 4_000_000 // (128 * 1024)
    totals: dict[int, int] = {}
    for prefix, size in sizes.items():
        totals[bucket(prefix, count)] = totals.get(bucket(prefix, count), 0) + size
    assert max(totals.values()) <= TERM_MAX
    assert bucket_count({"big": 10 * TERM_MAX}) == 10 * TERM_MAX // (64 * 1024)  # one prefix is never split


def test_a_long_post_shows_its_start_and_is_indexed_whole() -> None:
    long = " ".join(f"word{n}" for n in range(200)) + " zebrafinish"
    thread = Thread("t.yml", "T", [Post(1, "ann", long)])
    item = thread_page(thread, "t/").items[1]
    assert len(item.text) <= TEASER
    assert item.text.endswith("…")
    assert long.startswith(item.text[:-1])
    assert item.text[-2] != " " and long[len(item.text) - 1] == " "  # cut between two words
    index = build_index([thread_page(thread, "t/")])
    assert _postings(index, "zebrafinish")[1:3] == [0, 1]


def test_teaser_cuts_at_a_word_boundary() -> None:
    assert teaser("short text") == "short text"
    assert teaser("aaa bbb ccc", 8) == "aaa bbb…"  # eight characters with the ellipsis
    assert teaser("aaa bbb ccc", 7) == "aaa…"
    assert teaser("aaa bbb ccc", 11) == "aaa bbb ccc"
    assert teaser("abcdefghij", 5) == "abcd…"  # one long word: cut inside it


def test_locations_are_shortened_only_where_the_worker_rebuilds_them() -> None:
    items = [
        SearchItem("guide/", "Guide", "", ""),
        SearchItem("guide/#post-3", "a", "", ""),
        SearchItem("guide/#post-03", "b", "", ""),
        SearchItem("guide/#setup", "c", "", ""),
        SearchItem("other/#x", "d", "", ""),
    ]
    page = SearchPage.of(items)
    assert [row[0] for row in json.loads(page.rows)] == ["guide/", 3, "#post-03", "#setup", "other/#x"]
    assert [item.location for item in page.items] == [item.location for item in items]


# -- built sites -------------------------------------------------------------------------------

POSTS = [
    {"author": "ann", "body": "My back hurts when I bend."},
    {"author": "Dr Mira", "role": "Pain Therapist", "body": "Try the quokkawalk: ten minutes, twice a day."},
    {"author": "bob", "body": "Same here, it helps."},
]
FILES = {
    "threads/bend.yml": thread_yaml("Scared to bend", POSTS, tags=["bending"]),
    "threads/other.yml": thread_yaml("Another thread", [{"author": "cy", "body": "Nothing about that."}]),
    "guide.md": "# Guide\n\nThe wiki's own page.\n\n## Editing\n\nHow to edit a xylographic page.\n",
}


def test_expert_posts_are_titled_in_the_wikis_language(make_site: BuildFn) -> None:
    site = make_site(FILES, plugin={"experts": ["Pain Therapist"]}, theme={"name": "material", "language": "de"})
    [hit] = hits(site.site_dir, "quokkawalk")
    assert hit[:2] == ["threads/bend/#post-2", "Dr Mira · Expertenantwort"]


def test_site_gets_the_chunked_index_and_a_tiny_search_index(make_site: BuildFn) -> None:
    site = make_site(FILES, plugin={"experts": ["Pain Therapist"], "expert_label": "Therapist answer"})
    main = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert main["docs"] == []
    assert main["config"]["forum"]["index"] == "search/forum/"
    assert (forum_config(site.site_dir)["pack"], forum_config(site.site_dir)["buckets"]) == (PACK, 1)
    assert main["config"]["lang"] == ["en"]  # Material's configuration is kept
    [hit] = hits(site.site_dir, "quokkawalk")
    assert hit[:2] == ["threads/bend/#post-2", "Dr Mira · Therapist answer"]
    assert hit[2] == "Try the quokkawalk: ten minutes, twice a day."
    [section] = hits(site.site_dir, "xylographic")
    assert section[0] == "guide/#editing"
    assert (site.site_dir / "assets" / "forum" / "search-worker.js").is_file()


def _scripts(site_dir: Path) -> set[str]:
    folder = site_dir / "assets" / "javascripts"
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_materials_worker_and_lunr_files_are_left_out(make_site: BuildFn) -> None:
    own = {"assets/javascripts/lunr/tinyseg.js": "// the wiki's own file, in place of the theme's\n"}
    site = make_site({**FILES, **own})
    chunked = _scripts(site.site_dir)
    material = _scripts(make_site(FILES, plugin={"search": "material"}).site_dir)
    gone = material - chunked
    assert any(name.startswith("workers/search.") and name.endswith(".min.js") for name in gone)
    assert any(name.startswith("workers/search.") and name.endswith(".min.js.map") for name in gone)
    assert "lunr/min/lunr.de.min.js" in gone and "lunr/wordcut.js" in gone
    assert all(name.startswith(("workers/search.", "lunr/")) for name in gone)  # nothing else
    assert "lunr/tinyseg.js" in chunked  # the wiki's own file is kept
    assert any(name.startswith("bundle.") for name in chunked)
    assert not site.warnings()


def test_without_a_search_plugin_materials_files_stay(make_site: BuildFn) -> None:
    site = make_site(FILES, plugins=[{"forum": {}}])
    assert any(name.startswith("workers/search.") for name in _scripts(site.site_dir))


def test_thread_pages_are_indexed_once_from_the_model(make_site: BuildFn) -> None:
    site = make_site(FILES)
    locations = [row[0] for row in all_rows(site.site_dir)]
    assert locations.count("threads/bend/") == 1
    start = locations.index("threads/bend/")
    assert locations[start : start + 4] == ["threads/bend/", *(f"threads/bend/#post-{n}" for n in (1, 2, 3))]
    assert [path.name for path in (site.site_dir / "search" / "forum" / "pages").iterdir()] == ["0.json"]


def test_pages_name_the_plugin_worker(make_site: BuildFn) -> None:
    site = make_site(FILES)
    config = json.loads(text_of(site.html("threads/bend/").select_one("#__config")))
    assert config["search"] == "../../assets/forum/search-worker.js"
    config = json.loads(text_of(site.html("index.html").select_one("#__config")))
    assert config["search"] == "assets/forum/search-worker.js"


def test_material_search_is_kept_when_asked(make_site: BuildFn) -> None:
    site = make_site(FILES, plugin={"search": "material"})
    main = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in main["docs"]}
    assert "threads/bend/" in locations and "guide/#editing" in locations
    assert not (site.site_dir / "search" / "forum").exists()
    assert not (site.site_dir / "assets" / "forum" / "search-worker.js").exists()
    config = json.loads(text_of(site.html("index.html").select_one("#__config")))
    assert "workers/search." in config["search"]


def test_without_a_search_plugin_nothing_is_written(make_site: BuildFn) -> None:
    site = make_site(FILES, plugins=[{"forum": {}}])
    assert not (site.site_dir / "search").exists()


def test_serve_rebuild_indexes_the_edited_post(make_site: BuildFn, tmp_path: Path) -> None:
    from sitebuild import build_site  # noqa: PLC0415

    make_site(FILES, command="serve")
    edited = [{**POSTS[0], "body": "Now I mention the zanzibarite."}, *POSTS[1:]]
    (tmp_path / "docs" / "threads" / "bend.yml").write_text(thread_yaml("Scared to bend", edited), encoding="utf-8")
    site = build_site(tmp_path, command="serve")
    [hit] = hits(site.site_dir, "zanzibarite")
    assert hit[0] == "threads/bend/#post-1"


def test_serve_rebuild_remakes_only_the_changed_threads_records(make_site: BuildFn, tmp_path: Path) -> None:
    from mkdocs.config import load_config  # noqa: PLC0415
    from sitebuild import build_site  # noqa: PLC0415

    make_site(FILES, command="serve")
    plugin = load_config(config_file=str(tmp_path / "mkdocs.yml")).plugins["forum"]
    assert isinstance(plugin, ForumPlugin)
    before = {page.items[0].location: page for page in plugin.caches.records.values()}
    edited = [{**POSTS[0], "body": "Now I mention the zanzibarite."}, *POSTS[1:]]
    (tmp_path / "docs" / "threads" / "bend.yml").write_text(thread_yaml("Scared to bend", edited), encoding="utf-8")
    build_site(tmp_path, command="serve")
    after = {page.items[0].location: page for page in plugin.caches.records.values()}
    assert after["threads/other/"] is before["threads/other/"]  # unchanged: kept
    assert after["threads/bend/"] is not before["threads/bend/"]  # edited: made again
    assert set(after) == {"threads/bend/", "threads/other/"}


def test_order_of_plugins_does_not_matter(make_site: BuildFn) -> None:
    site = make_site(FILES, plugins=[{"forum": {}}, "search"])
    main = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert main["docs"] == []
    assert hits(site.site_dir, "xylographic")[0][0] == "guide/#editing"


def test_pseudonymized_names_stay_hidden_in_the_index(make_site: BuildFn) -> None:
    site = make_site(FILES, plugin={"privacy": "pseudonymize", "privacy_secret": "s3cret", "public_members": []})
    every_file = "".join(p.read_text(encoding="utf-8") for p in (site.site_dir / "search").rglob("*.json"))
    assert "quokkawalk" in every_file
    assert "Dr Mira" not in every_file and '"ann"' not in every_file
    assert "Member " in hits(site.site_dir, "quokkawalk")[0][1]


def test_mkdocs_serve_indexes_an_edited_post_after_the_reload(tmp_path: Path) -> None:
    from serving import RELOAD_TIMEOUT, fetch, mkdocs_serve, wait_until  # noqa: PLC0415
    from sitebuild import write_site  # noqa: PLC0415

    write_site(tmp_path, FILES)

    def finds(server_base: str, word: str) -> bool:
        status, text = fetch(f"{server_base}search/search_index.json")
        if status != 200:
            return False
        buckets = json.loads(text)["config"]["forum"]["buckets"]
        status, text = fetch(f"{server_base}search/forum/terms/{term_file(word, buckets)}")
        return status == 200 and word in json.loads(text)

    with mkdocs_serve(tmp_path) as server:
        assert finds(server.base, "quokkawalk")
        assert fetch(server.base + "assets/forum/search-worker.js")[0] == 200
        edited = [{**POSTS[0], "body": "Now I mention the zanzibarite."}, *POSTS[1:]]
        thread = thread_yaml("Scared to bend", edited)
        (tmp_path / "docs" / "threads" / "bend.yml").write_text(thread, encoding="utf-8")
        wait_until("the new word in the index", lambda: finds(server.base, "zanzibarite"), RELOAD_TIMEOUT, server)


def test_offline_plugin_is_warned_about(make_site: BuildFn) -> None:
    site = make_site(FILES, plugins=["search", "offline", {"forum": {}}])
    assert any("search: chunked does not work from disk" in w for w in site.warnings())
    assert not make_site(FILES, plugins=["search", "offline", {"forum": {"search": "material"}}]).warnings()
