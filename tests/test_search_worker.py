"""The plugin's search worker (assets/search-worker.js), run in Node on a built site's index files.

Material inserts a result's title and text as HTML, so the worker's highlighting
must wrap words of the text only: a query typed on its way to a longer word
(``quo``, ``am``, ``lt``, ``x27``) must never cut a character reference such as
``&quot;`` or a tag, and a reader must see every result exactly as written.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import BuildFn, thread_yaml
from search_files import all_rows

from mkdocs_forum_plugin import search_index
from mkdocs_forum_plugin.adapters.mkdocs.search import write_index
from mkdocs_forum_plugin.search_index import term_file
from mkdocs_forum_plugin.search_records import TEASER, SearchItem, SearchPage, words

WORKER = Path(__file__).resolve().parents[1] / "mkdocs_forum_plugin" / "assets" / "search-worker.js"

# Loads the worker into a context of its own with a fetch that reads the built site, sends
# Material's SETUP message, then each query, and prints the results as JSON with the files each
# query fetched. Calls of highlight() with a matcher built like search() builds it, and of
# termFile() with a number of term files, are answered too.
HARNESS = r"""
const fs = require("fs"), path = require("path"), vm = require("vm")
const [workerFile, siteDir, requests] = [process.argv[2], process.argv[3], JSON.parse(process.argv[4])]
const sent = [], fetched = []
let listener = null
const context = vm.createContext({
  self: { location: { href: "http://wiki.test/assets/forum/search-worker.js" } },
  URL, TextEncoder, console,
  fetch: async address => {
    fetched.push(new URL(address).pathname.slice(1) + new URL(address).search)
    const file = path.join(siteDir, decodeURIComponent(new URL(address).pathname))
    if (!fs.existsSync(file)) return { ok: false }
    const text = fs.readFileSync(file, "utf8")
    return { ok: true, json: async () => JSON.parse(text) }
  },
  postMessage: message => sent.push(message),
  addEventListener: (type, handler) => { listener = handler },
})
vm.runInContext(fs.readFileSync(workerFile, "utf8"), context, { filename: workerFile })
const answer = async data => {
  const before = sent.length
  listener({ data })
  await vm.runInContext("queue", context)
  return sent.slice(before)
}
;(async () => {
  const out = { results: {}, fetched: {}, highlights: [], files: [] }
  if (siteDir) {
    const index = JSON.parse(fs.readFileSync(path.join(siteDir, "search/search_index.json"), "utf8"))
    await answer({ type: 0, data: { ...index, options: { suggest: true } } })
    for (const query of requests.queries) {
      const before = fetched.length
      out.results[query] = (await answer({ type: 2, data: query }))[0].data
      out.fetched[query] = fetched.slice(before)
    }
  }
  for (const [word, count] of requests.files || []) {
    context.__args = [word, count]
    out.files.push(vm.runInContext("buckets = __args[1]; termFile(__args[0])", context))
  }
  for (const [text, words] of requests.highlights || []) {
    context.__args = [text, words]
    out.highlights.push(vm.runInContext(`highlight(__args[0], new RegExp(
      "(^|[^\\p{L}\\p{N}_])(" + __args[1].map(escapeRegExp).join("|") + ")", "giu"))`, context))
  }
  process.stdout.write(JSON.stringify(out))
})().catch(error => { console.error(error); process.exit(1) })
"""


def run_worker(
    tmp_path: Path,
    site_dir: Path | None,
    queries: list[str],
    highlights: list[tuple[str, list[str]]] | None = None,
    files: list[tuple[str, int]] | None = None,
) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs)")
    harness = tmp_path / "harness.js"
    harness.write_text(HARNESS, encoding="utf-8")
    requests = json.dumps({"queries": queries, "highlights": highlights or [], "files": files or []})
    done = subprocess.run(
        [node, str(harness), str(WORKER), str(site_dir or ""), requests],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def shown(fragment: str) -> str:
    """What a reader sees of a result's HTML once Material has inserted it."""
    return BeautifulSoup(fragment, "html.parser").get_text()


def marked(fragment: str) -> list[str]:
    return [mark.get_text() for mark in BeautifulSoup(fragment, "html.parser").find_all("mark")]


TITLE = 'Say "quotes" & <tags> aren\'t amazing'
BODY = (
    'I wrote "quote" & <b>not bold</b> at 5 < 7, it\'s x27 &amp; ltd & co; "ampersand" amid ambient alt, '
    "I am sure, said Lt Dan"
)
# Each on its way to a longer word, some of them the names inside a character reference.
QUERIES = ["quo", "quot", "quotes", "am", "amp", "ampersand ", "lt", "ltd", "x2", "x27", "&", "<", "amp;", "b", "it"]
QUERIES += ["lt dan"]


@pytest.fixture
def site(make_site: BuildFn, tmp_path: Path) -> Path:
    posts = [{"author": "ann", "body": BODY}, {"author": "Sam & <Co>", "body": "A reply that says amazing things."}]
    built = make_site({"threads/q.yml": thread_yaml(TITLE, posts)})
    assert built.warnings() == []
    return built.site_dir


def test_results_show_text_as_written_while_typing(site: Path, tmp_path: Path) -> None:
    results = run_worker(tmp_path, site, QUERIES)["results"]
    # What the items read as without highlighting: the index as the plugin wrote it.
    rows = all_rows(site)
    titles, texts = {shown(row[1]) for row in rows}, {shown(row[2]) for row in rows}
    assert {TITLE, "ann", "Sam & <Co>"} <= titles
    assert any('I wrote "quote" & not bold at 5 < 7, it\'s x27 &amp; ltd' in text for text in texts), texts
    for query, data in results.items():
        items = [doc for group in data["items"] for doc in group]
        for doc in items:
            title, text = shown(doc["title"]), shown(doc["text"])
            assert title in titles, (query, doc["title"])
            assert text in texts, (query, doc["text"])
            for word in marked(doc["title"]) + marked(doc["text"]):
                assert word.casefold().startswith(tuple(words(query))), (query, word, doc)
    # The queries found what they should, and marked it.
    assert marked(results["quo"]["items"][0][0]["title"]) == ["quotes"]  # the indexed words it begins
    assert "quote" in marked(next(d["text"] for g in results["quo"]["items"] for d in g if d["text"]))
    found_words = {
        "am": {"am"},
        "amp": {"amp", "ampersand"},
        "lt": {"Lt"},
        "ltd": {"ltd"},
        "x27": {"x27"},
        "ampersand ": {"ampersand"},
    }
    for query, found in found_words.items():
        found_texts = [d["text"] for g in results[query]["items"] for d in g if d["text"]]
        assert found_texts, query
        assert set(marked(" ".join(found_texts))) >= found, (query, found_texts)
    # Queries without a word find nothing.
    for query in ("&", "<"):
        assert results[query]["items"] == []


@pytest.mark.parametrize(
    ("source", "words", "expected"),
    [
        ("say &quot;quote&quot;", ["quo"], "say &quot;<mark>quo</mark>te&quot;"),
        ("&quot;quote&quot;", ["quot"], "&quot;<mark>quot</mark>e&quot;"),
        ("it&#x27;s x27", ["x27"], "it&#x27;s <mark>x27</mark>"),
        ("it&#x27;s x27", ["x2"], "it&#x27;s <mark>x2</mark>7"),
        ("a &amp; amid", ["am"], "a &amp; <mark>am</mark>id"),
        ("5 &lt; 7 ltd", ["lt"], "5 &lt; 7 <mark>lt</mark>d"),
        ("<code>am</code> &amp;am", ["am"], "<code><mark>am</mark></code> &amp;<mark>am</mark>"),
        ("caf&#233; au", ["café"], "<mark>caf&#233;</mark> au"),
        ("&hellip;amid", ["am"], "&hellip;<mark>am</mark>id"),
        ("no match &amp; here", ["zz"], "no match &amp; here"),
        ("amam am", ["am"], "<mark>am</mark>am <mark>am</mark>"),
    ],
)
def test_highlight_marks_text_never_references_or_tags(
    tmp_path: Path, source: str, words: list[str], expected: str
) -> None:
    (got,) = run_worker(tmp_path, None, [], [(source, words)])["highlights"]
    assert got == expected
    assert shown(got) == shown(source)


# -- packs of pages and term files -------------------------------------------------------------

COUNT = 30  # pages of the index below: 15 packs of 2


def _pages() -> list[SearchPage]:
    """Page N's post has "shared" a varying number of times (so the pages rank apart) and "onlyN"."""
    pages = []
    for n in range(COUNT):
        text = "shared " * (1 + n * 7 % 5) + f"only{n} " + ("zoëtrope" if n == COUNT - 1 else "filler words here")
        items = [SearchItem(f"p{n}/", f"Page {n}", "", ""), SearchItem(f"p{n}/#post-1", "ann", text, text)]
        pages.append(SearchPage.of(items))
    return pages


def _index_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack: int, target: int) -> Path:
    """A site folder holding only the chunked index of ``_pages()``, with this pack size and term size."""
    monkeypatch.setattr(search_index, "PACK", pack)
    monkeypatch.setattr(search_index, "TERM_TARGET", target)
    site = tmp_path / f"site-{pack}-{target}"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text('{"config": {"lang": ["en"]}, "docs": []}', encoding="utf-8")
    assert write_index(site, _pages()) == 2 * COUNT
    return site


def _config(site: Path) -> dict[str, Any]:
    config: dict[str, Any] = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return dict(config["config"]["forum"])


def _pages_shown(data: dict[str, Any]) -> list[str]:
    return [group[0]["location"].partition("#")[0] for group in data["items"]]


def test_packs_are_fetched_for_the_best_pages_until_ten_are_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packed = _index_site(tmp_path, monkeypatch, pack=2, target=100)
    whole = _index_site(tmp_path, monkeypatch, pack=64, target=1 << 20)
    config = _config(packed)
    assert (config["pack"], _config(whole)["pack"]) == (2, 64)
    assert config["buckets"] > 1 and _config(whole)["buckets"] == 1
    queries = ["only29", "shared ", "zoë"]  # the rare word first: its pack is not fetched yet
    got = run_worker(tmp_path, packed, queries)
    one_pack = run_worker(tmp_path, whole, queries)["results"]

    shown, ranked = _pages_shown(got["results"]["shared "]), _pages_shown(one_pack["shared "])
    assert len(ranked) == 20  # one pack: the 20 best pages of all 30, as before packs
    assert shown[:10] == ranked[:10]  # the same ten best pages, in the same order
    assert 10 < len(shown) < 20  # beyond the ten, only pages whose pack came with them
    assert [page for page in ranked if page in shown] == shown  # the rest in rank order, fewer
    # Fetched for this query, or already for the one before (the worker keeps what it fetched).
    fetched = got["fetched"]["only29"] + got["fetched"]["shared "]
    packs = {path.partition("?")[0] for path in fetched if "/pages/" in path}
    assert len(packs) <= 10 < COUNT // 2  # at most one pack per page of the ten, never all of them
    assert {f"search/forum/pages/{int(page[1:-1]) // 2}.json" for page in shown} <= packs
    assert all(path.endswith("?v=" + config["version"]) for path in fetched)

    # A rare word on the last page: its term file and the last pack, nothing else.
    [[post, page]] = got["results"]["only29"]["items"]
    assert (post["location"], page["location"]) == ("p29/#post-1", "p29/")
    assert post == {**one_pack["only29"]["items"][0][0], "location": "p29/#post-1"}
    fetched = [path.partition("?")[0] for path in got["fetched"]["only29"]]
    assert fetched == [f"search/forum/terms/{term_file('only29', config['buckets'])}", "search/forum/pages/14.json"]
    # A non-ASCII word, found while typing, and suggested.
    assert got["results"]["zoë"]["items"][0][0]["location"] == "p29/#post-1"
    assert got["results"]["zoë"]["suggest"] == ["zoëtrope"]


def test_term_files_are_named_as_python_names_them(tmp_path: Path) -> None:
    cases = [
        (word, count)
        for word in ("at", "zoë", "ünïcode", "日本語の", "🙂🙃x", "ﬁle", "_x", "42")
        for count in (1, 7, 64)
    ]
    got = run_worker(tmp_path, None, [], files=cases)["files"]
    assert got == [term_file(word, count) for word, count in cases]
    assert len({name for name, (_w, count) in zip(got, cases, strict=True) if count == 64}) > 3


def test_an_empty_index_answers_with_no_results(tmp_path: Path) -> None:
    site = tmp_path / "empty"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text('{"config": {}, "docs": []}', encoding="utf-8")
    assert write_index(site, []) == 0
    assert not list((site / "search" / "forum").rglob("*.json"))
    got = run_worker(tmp_path, site, ["anything", "an"])
    assert [got["results"][query]["items"] for query in ("anything", "an")] == [[], []]
    assert got["fetched"]["anything"] == [f"search/forum/terms/0.json?v={_config(site)['version']}"]


def test_the_workers_snippet_window_is_the_records_teaser() -> None:
    """A post's record holds TEASER characters; the worker cuts longer texts to SNIPPET: one length, two languages."""
    found = re.search(r"\bSNIPPET = (\d+)\b", WORKER.read_text(encoding="utf-8"))
    assert found is not None
    assert int(found.group(1)) == TEASER
