#!/usr/bin/env python
"""What search costs a reader: time from navigation to the first result, and bytes fetched by then.

Usage (from the repository root; needs Playwright and Debian's Chromium)::

    python benchmarks/search_reader.py --threads 1000 --posts 15

It generates the benchmark's forum (``benchmarks/run.py``), adds one word that
occurs in one post only, and builds three sites:

- ``plugin``: the plugin with its defaults (the chunked index, fetched per query);
- ``plugin-material``: the plugin with ``search: material`` (Material's one index file);
- ``hand-written``: the same wiki as Markdown, with Material's search.

For each site and query it opens a thread page in a fresh browser context (empty
cache), types the query into Material's search box as soon as the box is there,
and records, in the page, when the first ``.md-search-result__item`` appears
(milliseconds since navigation began) and the bytes of every response that
finished before that. Fonts from the internet fail fast here and in both sites.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

from browser.helpers import launch_browser, serve  # noqa: E402  (the tests' own browser helpers)

from corpus import generate  # noqa: E402
from sites import write_handwritten_site, write_plugin_site  # noqa: E402

RARE_WORD = "zyzzogeton"  # added to one post: the first result must be that post
COMMON_WORD = "sciatica"  # in many posts of the generated text

FIRST_RESULT_JS = """() => {
  window.__firstResult = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector('.md-search-result__item')) {
      window.__firstResult = performance.now();
      observer.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
}"""


BUILD = """
import resource, sys
from mkdocs.__main__ import cli
try:
    cli(["build", "-q", "-f", sys.argv[1], "-d", sys.argv[2]])
except SystemExit as exit:
    if exit.code:
        raise
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def build(root: Path) -> tuple[float, int]:
    """``mkdocs build`` of the site in ``root``: its wall time in seconds and peak memory in MB."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    command = [sys.executable, "-c", BUILD, str(root / "mkdocs.yml"), str(root / "site")]
    done = subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, int(done.stdout.split()[-1])


def measure(browser: Browser, url: str, query: str) -> dict[str, Any]:
    """Open ``url`` in a fresh context, type ``query``; time to first result and bytes fetched by then."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(f"({FIRST_RESULT_JS})()")
    finished: list[tuple[float, int, str]] = []

    def done(request: Any) -> None:
        sizes = request.sizes()
        finished.append((time.perf_counter(), sizes["responseBodySize"] + sizes["responseHeadersSize"], request.url))

    page.on("requestfinished", done)
    page.goto(url, wait_until="commit")
    page.locator(".md-search__input").press_sequentially(query)
    page.wait_for_function("window.__firstResult !== null", timeout=120_000)
    seen = time.perf_counter()
    first = page.evaluate("window.__firstResult")
    links = page.locator(".md-search-result__item").first.locator("a.md-search-result__link")
    hrefs = links.evaluate_all("links => links.slice(0, 2).map(a => a.getAttribute('href'))")
    fetched = sum(size for at, size, _ in finished if at <= seen)
    largest = max(((size, u) for at, size, u in finished if at <= seen), default=(0, ""))
    context.close()
    return {"first_result_ms": round(first), "bytes": fetched, "largest": largest, "first_links": hrefs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3, help="measurements per site and query (median)")
    parser.add_argument("--keep", type=Path, help="build the sites here and keep them")
    parser.add_argument("--sites", default="plugin,plugin-material,hand-written", help="which sites, comma-separated")
    args = parser.parse_args()
    chosen = args.sites.split(",")

    forum = generate(args.threads, args.posts)
    target = forum.threads[len(forum.threads) // 2]
    target.posts[min(6, len(target.posts) - 1)].blocks.append(f"A word found in this post only: {RARE_WORD}.")
    base = args.keep or Path(tempfile.mkdtemp(prefix="search-reader-"))
    sites = {"plugin": base / "plugin", "plugin-material": base / "plugin-material", "hand-written": base / "hand"}
    sites = {name: root for name, root in sites.items() if name in chosen}
    if "plugin" in sites:
        write_plugin_site(sites["plugin"], forum, like_for_like=False)
    if "plugin-material" in sites:
        write_plugin_site(sites["plugin-material"], forum, like_for_like=False)
        config = sites["plugin-material"] / "mkdocs.yml"
        settings = json.loads(config.read_text(encoding="utf-8"))
        settings["plugins"][1]["forum"]["search"] = "material"
        config.write_text(json.dumps(settings, indent=2), encoding="utf-8")
    if "hand-written" in sites:
        write_handwritten_site(sites["hand-written"], forum)

    report: dict[str, Any] = {"threads": args.threads, "posts": args.posts, "rare_word_in": target.stem, "sites": {}}
    for name, root in sites.items():
        seconds, peak = build(root)
        report["sites"][name] = {"build_s": round(seconds, 1), "peak_mb": peak}
        print(f"built {name} in {seconds:.1f} s, peak memory {peak} MB", file=sys.stderr)
    page_path = f"threads/{forum.threads[0].stem}/"
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        for name, root in sites.items():
            with serve(root / "site") as url:
                for query in (RARE_WORD, COMMON_WORD):
                    runs = [measure(browser, url + page_path, query) for _ in range(args.repeat)]
                    runs.sort(key=lambda r: r["first_result_ms"])
                    median = runs[len(runs) // 2]
                    report["sites"][name][query] = median
                    print(f"{name} {query}: {median}", file=sys.stderr)
        browser.close()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
