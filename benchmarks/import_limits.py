#!/usr/bin/env python
"""Time and peak memory of the importer on the largest and most deeply nested inputs it accepts.

Usage (from the repository root)::

    python benchmarks/import_limits.py                 # every case
    python benchmarks/import_limits.py --only nested   # the cases whose name contains 'nested'
    python benchmarks/import_limits.py --size 20000000 # smaller inputs than the limit (quicker)

Each case writes one input file into a temporary folder and imports it in a
child process (``--jobs 1``); the child prints its wall time and its peak
resident memory (``VmHWM``, its own, not its parent's), and the last line of the import's report. The
cases are the worst ones for time or memory at the input size limit
(``MAX_INPUT_BYTES``), the nested pages of issue 18, and a 200 MB file, which
is refused before it is read.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from import_bench import SEED, page_html
from mkdocs_forum_plugin.importers.detect import MAX_INPUT_BYTES

REPO = Path(__file__).resolve().parent.parent
XF1_PAGE = REPO / "tests" / "fixtures" / "import" / "xenforo1" / "b-stiffness-page-1.html"
CHILD = """
import re, sys, time
from pathlib import Path
from mkdocs_forum_plugin.importers.pipeline import ImportOptions, run_import
start = time.perf_counter()
report = run_import([Path(sys.argv[1])], ImportOptions(out=Path(sys.argv[2]), members=None, jobs=1))
seconds = time.perf_counter() - start
said = [why for _file, why in report.failed] + [note for _name, note in report.notes]
status = Path("/proc/self/status").read_text()  # VmHWM: this program's own peak, not its parent's
peak = int(re.search(r"VmHWM:\\s*(\\d+)", status).group(1)) // 1024
print(f"{seconds:.1f}", peak, (said or ["imported"])[0][:150])
"""


def _words(size: int) -> str:
    rng = random.Random(SEED)
    words = ["back", "pain", "morning", "walk", "stretch", "sleep", "desk", "chair", "posture", "gentle"]
    out = " ".join(rng.choice(words) for _ in range(size // 5 + 1))
    return out[:size]


def _xf2(bodies: list[str]) -> str:
    """A saved XenForo 2 page with the given post bodies (one post per body)."""
    page = page_html(random.Random(SEED), 1001, 1, 1, len(bodies), 500_000)
    marker = '<div class="bbWrapper">'
    parts = page.split(marker)
    out = [parts[0]]
    for body, part in zip(bodies, parts[1:], strict=True):
        out.append(marker + body + part[part.index("</div>") :])
    return "".join(out)


def one_huge_post(size: int) -> tuple[str, bytes]:
    """XenForo 2: one post whose body is the whole file (the 5 GB case of issue 18)."""
    return ".html", _xf2([_words(size)]).encode()


def many_big_posts(size: int) -> tuple[str, bytes]:
    """XenForo 2: a page of posts of 400,000 characters each (read whole, then shortened)."""
    count = max(1, size // 400_000)
    return ".html", _xf2([_words(400_000)] * count).encode()


def many_tags(size: int) -> tuple[str, bytes]:
    """XenForo 2: one post of 240,000 small elements (near the tag limit), filled up with text."""
    tags = "<b>x</b>" * 240_000
    return ".html", _xf2([tags + _words(max(0, size - len(tags)))]).encode()


def xf1_huge_post(size: int) -> tuple[str, bytes]:
    """XenForo 1: one post whose body is the whole file."""
    page = XF1_PAGE.read_text(encoding="utf-8")
    marker = '<blockquote class="messageText SelectQuoteContainer ugc baseHtml">'
    at = page.index(marker) + len(marker)
    return ".html", (page[:at] + _words(size) + page[at:]).encode()


def discourse_posts(size: int) -> tuple[str, bytes]:
    """Discourse topic JSON: posts of 500,000 characters of HTML each."""
    count = max(1, size // 500_000)
    cooked = "<p>" + _words(500_000) + "</p>"
    posts = [
        {"id": n, "username": f"m{n % 7}", "post_number": n, "post_type": 1, "created_at": "2024-01-01T10:00:00Z"}
        | {"cooked": cooked}
        for n in range(1, count + 1)
    ]
    return ".json", json.dumps({"id": 5, "title": "T", "slug": "t", "post_stream": {"posts": posts}}).encode()


def discourse_small_posts(size: int) -> tuple[str, bytes]:
    """Discourse topic JSON: as many short posts as fit (the most records, and objects, in one file)."""
    post = {"id": 1, "username": "ann", "post_number": 1, "post_type": 1, "created_at": "2024-01-01T10:00:00Z"}
    post["cooked"] = "<p>" + _words(100) + "</p>"
    count = size // (len(json.dumps(post)) + 12)
    posts = [post | {"id": n, "post_number": n} for n in range(1, count + 1)]
    return ".json", json.dumps({"id": 5, "title": "T", "slug": "t", "post_stream": {"posts": posts}}).encode()


def discourse_one_post(size: int) -> tuple[str, bytes]:
    """Discourse topic JSON: one post whose HTML is the whole file."""
    post = {"id": 1, "username": "ann", "post_number": 1, "post_type": 1, "created_at": "2024-01-01T10:00:00Z"}
    post["cooked"] = "<p>" + _words(size) + "</p>"
    return ".json", json.dumps({"id": 5, "title": "T", "slug": "t", "post_stream": {"posts": [post]}}).encode()


def forumdl_lines(size: int) -> tuple[str, bytes]:
    """forum-dl JSONL: one thread of posts of 100,000 characters of HTML each."""
    head = {"generator": "forum-dl", "version": "0.3.0", "extractor": "xenforo", "type": "thread"}
    url = "https://forum.example.org/threads/t.6120/"
    lines = [json.dumps(head | {"item": {"path": ["4", "6120"], "url": url, "data": {}, "title": "T"}})]
    content = "<p>" + _words(100_000) + "</p>"
    for n in range(max(1, size // 100_000)):
        item = {"path": ["4", "6120"], "subpath": [str(n + 1)], "url": f"{url}post-{n + 1}", "data": {}}
        item |= {"author": f"m{n % 7}", "creation_time": "2024-06-01T10:00:00", "content": content}
        lines.append(json.dumps(head | {"type": "post", "item": item}))
    return ".jsonl", "\n".join(lines).encode()


def forumdl_small_posts(size: int) -> tuple[str, bytes]:
    """forum-dl JSONL: as many short posts as fit, in threads of 100."""
    head = {"generator": "forum-dl", "version": "0.3.0", "extractor": "xenforo", "type": "thread"}
    lines: list[str] = []
    content = "<p>" + _words(100) + "</p>"
    written = 0
    n = 0
    while written < size:
        thread = 6000 + n // 100
        url = f"https://forum.example.org/threads/t.{thread}/"
        if n % 100 == 0:
            record = {"path": ["4", str(thread)], "url": url, "data": {}, "title": "T"}
            lines.append(json.dumps(head | {"item": record}))
        item = {"path": ["4", str(thread)], "subpath": [str(n + 1)], "url": f"{url}post-{n + 1}", "data": {}}
        item |= {"author": f"m{n % 7}", "creation_time": "2024-06-01T10:00:00", "content": content}
        lines.append(json.dumps(head | {"type": "post", "item": item}))
        written += len(lines[-1]) + 1
        n += 1
    return ".jsonl", "\n".join(lines).encode()


def copied_text(size: int) -> tuple[str, bytes]:
    """A thread copied as text, one post of the whole file."""
    body = _words(size)
    text = f"Title\nDiscussion in 'F' started by ann, Apr 2, 2022.\n1. ann\nann Member\n{body}\nann, Apr 2, 2022 #1\n"
    return ".txt", text.encode()


def nested_divs(_size: int) -> tuple[str, bytes]:
    """Issue 18: a post of 200,000 nested <div> in 1 MB."""
    return ".html", _xf2(["<div>" * 200_000]).encode()


def nested_posts(_size: int) -> tuple[str, bytes]:
    """Issue 18: 620 unclosed posts nested in each other, in 2 MB."""
    bodies = [_words(3_000) + "<div>" for _ in range(620)]
    page = _xf2(bodies).replace("</article>", "")
    return ".html", page.encode()


def too_big(_size: int) -> tuple[str, bytes]:
    """A 200 MB file (sparse: nothing is written but its length)."""
    return ".html", b""


CASES: dict[str, Callable[[int], tuple[str, bytes]]] = {
    "nested divs (1 MB)": nested_divs,
    "nested posts (2 MB)": nested_posts,
    "XenForo 2, one huge post": one_huge_post,
    "XenForo 2, posts of 400 kB": many_big_posts,
    "XenForo 2, 480,000 tags": many_tags,
    "XenForo 1, one huge post": xf1_huge_post,
    "Discourse, posts of 500 kB": discourse_posts,
    "Discourse, short posts": discourse_small_posts,
    "Discourse, one huge post": discourse_one_post,
    "forum-dl, posts of 100 kB": forumdl_lines,
    "forum-dl, short posts": forumdl_small_posts,
    "copied text, one huge post": copied_text,
    "200 MB file": too_big,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=MAX_INPUT_BYTES - 1_000_000, help="bytes of the large inputs")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    args = parser.parse_args()
    print(f"{'case':30} {'bytes':>12} {'seconds':>8} {'peak RSS':>9}  report")
    for name, make in CASES.items():
        if args.only.lower() not in name.lower():
            continue
        with tempfile.TemporaryDirectory() as folder:
            suffix, data = make(args.size)
            source = Path(folder) / f"input{suffix}"
            source.write_bytes(data)
            if make is too_big:
                with source.open("r+b") as file:
                    file.truncate(200_000_000)
            size = source.stat().st_size
            del data
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(source), str(Path(folder) / "out")],
                capture_output=True,
                text=True,
                check=False,
                cwd=REPO,  # the repository first on the path: this version of the importer
            )
            if done.returncode:
                print(f"{name:30} {size:>12,} failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            seconds, rss, said = done.stdout.strip().split(" ", 2)
            print(f"{name:30} {size:>12,} {seconds:>8} {rss:>6} MB  {said}")


if __name__ == "__main__":
    main()
