#!/usr/bin/env python
"""What the chunked search index of the archive workload weighs, and what a query downloads.

Usage (from the repository root; Node runs the plugin's own worker)::

    python benchmarks/search_index.py --threads 2000
    python benchmarks/search_index.py --threads 20000

The archive of ``archive_sites.py`` is parsed and indexed with the core alone (no MkDocs
build, so 20,000 threads fit in a few minutes): the records of each thread as the plugin
makes them, then the index's files written into a scratch folder. The plugin's worker
then answers a few queries in Node, with a ``fetch`` that counts the bytes of each file
it reads. Wiki pages other than threads (a few dozen in the archive) are left out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from archive_sites import _yaml_thread, generate_archive
from corpus import SEED
from mkdocs_forum_plugin.load.threads import parse_thread
from mkdocs_forum_plugin.search_index import build_index
from mkdocs_forum_plugin.search_records import thread_page

WORKER = Path(__file__).resolve().parents[1] / "mkdocs_forum_plugin" / "assets" / "search-worker.js"

# The worker in a context of its own; fetch reads the scratch folder and counts bytes per query.
HARNESS = r"""
const fs = require("fs"), path = require("path"), vm = require("vm")
const [workerFile, siteDir, queries] = [process.argv[2], process.argv[3], JSON.parse(process.argv[4])]
let listener = null, fetched = []
const sent = []
const context = vm.createContext({
  self: { location: { href: "http://wiki.test/assets/forum/search-worker.js" } },
  URL, TextEncoder, console,
  fetch: async address => {
    const file = path.join(siteDir, new URL(address).pathname)
    const text = fs.readFileSync(file, "utf8")
    fetched.push([new URL(address).pathname, Buffer.byteLength(text)])
    return { ok: true, json: async () => JSON.parse(text) }
  },
  postMessage: message => sent.push(message),
  addEventListener: (type, handler) => { listener = handler },
})
vm.runInContext(fs.readFileSync(workerFile, "utf8"), context)
;(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(siteDir, "search/search_index.json"), "utf8"))
  listener({ data: { type: 0, data: { ...index, options: {} } } })
  await vm.runInContext("queue", context)
  const out = {}
  for (const query of queries) {
    fetched = []
    listener({ data: { type: 2, data: query } })
    await vm.runInContext("queue", context)
    out[query] = { files: fetched, pages: sent[sent.length - 1].data.items.length }
    vm.runInContext("cache.clear()", context)  // each query as on a fresh page
  }
  process.stdout.write(JSON.stringify(out))
})().catch(error => { console.error(error); process.exit(1) })
"""


def _kb(size: float) -> str:
    return f"{size / 1024:,.0f} KB"


def main(argv: list[str] | None = None) -> int:
    """Index the archive, write the files, run the queries; print a Markdown table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=15)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    node = shutil.which("node")
    if node is None:
        parser.error("node is not installed")
    archive = generate_archive(args.threads, args.posts, args.seed)
    pages = []
    for thread in archive.threads:
        model = parse_thread(_yaml_thread(thread, archive), f"threads/{thread.stem}.yml")
        pages.append(thread_page(model, f"threads/{thread.stem}/"))
    index = build_index(pages)
    files = dict(index.files())
    sizes = {name: len(content) for name, content in files.items()}
    gzipped = {name: len(gzip.compress(content, 6)) for name, content in files.items()}  # as hosts serve JSON
    packs = sorted(size for name, size in sizes.items() if name.startswith("pages/"))
    terms = sorted(size for name, size in sizes.items() if name.startswith("terms/"))
    df = Counter({word: data[0] for content in index.terms.values() for word, data in json.loads(content).items()})
    common = [word for word, _ in df.most_common(40) if len(word) > 4 and not word.isdigit()][:2]
    rare = min((count, word) for word, count in df.items() if len(word) > 4 and not word.isdigit())[1]
    queries = [rare, common[0], f"{common[0]} {common[1]}", common[0][:4]]
    with tempfile.TemporaryDirectory(prefix="forum-search-") as tmp:
        site = Path(tmp)
        for name, content in files.items():
            (site / "search" / "forum" / name).parent.mkdir(parents=True, exist_ok=True)
            (site / "search" / "forum" / name).write_bytes(content)
        forum = {"index": "search/forum/", "version": "", "items": index.items, "pack": index.pack}
        forum["buckets"] = index.buckets
        (site / "search" / "search_index.json").write_text(json.dumps({"config": {"forum": forum}}))
        (site / "harness.js").write_text(HARNESS)
        done = subprocess.run(
            [node, str(site / "harness.js"), str(WORKER), str(site), json.dumps(queries)],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
    answers = json.loads(done.stdout)
    print(f"| {args.threads:,} threads x {args.posts} posts | |\n|---|---|")
    print(f"| search/forum | {sum(sizes.values()) / 1e6:.1f} MB in {len(sizes)} files, pages {len(pages):,} |")
    for what, found in ((f"packs of {index.pack} pages", packs), ("term files", terms)):
        print(f"| {what} | {len(found)}, {_kb(found[len(found) // 2])} median, {_kb(found[-1])} largest |")
    for query in queries:
        files = answers[query]["files"]
        fetched = sum(size for _, size in files)
        wire = sum(gzipped[name.removeprefix("/search/forum/")] for name, _ in files)
        shown = answers[query]["pages"]
        kinds = Counter("pack" if "/pages/" in name else "term file" for name, _ in files)
        what = ", ".join(f"{count} {kind}{'s' if count > 1 else ''}" for kind, count in sorted(kinds.items()))
        print(f"| query {query!r} ({shown} pages shown) | {_kb(fetched)} ({_kb(wire)} gzipped): {what} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
