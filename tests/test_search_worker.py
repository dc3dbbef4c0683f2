"""The plugin's search worker (assets/search-worker.js), run in Node on a built site's index files.

Material inserts a result's title and text as HTML, so the worker's highlighting
must wrap words of the text only: a query typed on its way to a longer word
(``quo``, ``am``, ``lt``, ``x27``) must never cut a character reference such as
``&quot;`` or a tag, and a reader must see every result exactly as written.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import BuildFn, thread_yaml
from search_files import all_rows

from mkdocs_forum_plugin.search_records import words

WORKER = Path(__file__).resolve().parents[1] / "mkdocs_forum_plugin" / "assets" / "search-worker.js"

# Loads the worker into a context of its own with a fetch that reads the built site, sends
# Material's SETUP message, then each query, and prints the results as JSON. Calls of
# highlight() with a matcher built like search() builds it are answered too.
HARNESS = r"""
const fs = require("fs"), path = require("path"), vm = require("vm")
const [workerFile, siteDir, requests] = [process.argv[2], process.argv[3], JSON.parse(process.argv[4])]
const sent = []
let listener = null
const context = vm.createContext({
  self: { location: { href: "http://wiki.test/assets/forum/search-worker.js" } },
  URL, TextEncoder, console,
  fetch: async address => {
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
  const out = { results: {}, highlights: [] }
  if (siteDir) {
    const index = JSON.parse(fs.readFileSync(path.join(siteDir, "search/search_index.json"), "utf8"))
    await answer({ type: 0, data: { ...index, options: { suggest: true } } })
    for (const query of requests.queries) out.results[query] = (await answer({ type: 2, data: query }))[0].data
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
    tmp_path: Path, site_dir: Path | None, queries: list[str], highlights: list[tuple[str, list[str]]] | None = None
) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs)")
    harness = tmp_path / "harness.js"
    harness.write_text(HARNESS, encoding="utf-8")
    requests = json.dumps({"queries": queries, "highlights": highlights or []})
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
