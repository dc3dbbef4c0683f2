#!/usr/bin/env python
"""Time the importer on 1,000 synthetic XenForo 2 thread pages.

Usage (from the repository root)::

    python benchmarks/import_bench.py [--pages 1000] [--pages-per-thread 5] [--posts 20] [--jobs N] [--keep]

Generates the pages into a temporary folder (threads of several pages, 20 posts
a page, quotes, reactions, edits, page chrome like a real saved page), then runs
``mkdocs-forum import`` on the folder in-process and prints the wall time, the
pages and posts per second, and a second run's time (a re-import, which writes
nothing).

``--hostile`` instead times the import of one post made of a single character
(or short string) repeated to 10,000, 20,000 and 40,000 characters, in each
input format, and prints how the time grows: about 2 for each doubling is linear.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs_forum_plugin.importers.convert import Settings
from mkdocs_forum_plugin.importers.pipeline import ImportOptions, run_import

SEED = 20150130
HOST = "https://forum.example.org"
VOCABULARY = (
    "back pain stiffness morning walk stretch sleep desk chair posture flare calm breathing physio doctor"
    " garden bend lift gentle movement habit week better worse tired nerve muscle tension relief progress"
)
WORDS = VOCABULARY.split()
NAMES = [f"member_{i}" for i in range(300)] + ["old_birch (RIP 2020)", "TherapistJun"]
TITLES = ["New member", "Member", "Well-known member", "Pain Therapist"]
CHROME = "\n".join(f'<link rel="stylesheet" href="/css.php?css=public%3Apart{i}.less&amp;s=1" />' for i in range(30))
NAV = "".join(
    f'<li class="p-navEl"><a href="/section-{i}/" class="p-navEl-link">Section {i}</a></li>' for i in range(40)
)


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 22))
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, thread_id: int, post_ids: list[int]) -> str:
    parts = []
    if post_ids and rng.random() < 0.35:
        quoted = rng.choice(post_ids)
        parts.append(
            f'<blockquote data-attributes="member: 7" data-quote="{rng.choice(NAMES)}" data-source="post: {quoted}"'
            ' class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote js-expandWatch">'
            f'<div class="bbCodeBlock-title"><a href="/goto/post?id={quoted}" class="bbCodeBlock-sourceJump">'
            "said:</a></div>"
            f'<div class="bbCodeBlock-content"><div class="bbCodeBlock-expandContent js-expandContent ">{sentence(rng)}'
            '</div><div class="bbCodeBlock-expandLink js-expandLink"><a role="button">Click to expand...</a></div>'
            "</div></blockquote>"
        )
    for _ in range(rng.randint(1, 4)):
        parts.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 4))) + "<br />\n<br />\n")
    if rng.random() < 0.2:
        parts.append("<ul>" + "".join(f"<li>{sentence(rng)}</li>" for _ in range(3)) + "</ul>")
    if rng.random() < 0.2:
        parts.append(f'See <a href="{HOST}/threads/other.{thread_id + 1}/" class="link link--internal">this</a>.')
    return "".join(parts)


def article(rng: random.Random, post_id: int, number: int, thread_id: int, post_ids: list[int]) -> str:
    author = rng.choice(NAMES)
    day = 1 + number % 27
    stamp = f"2021-03-{day:02d}T{8 + number % 12:02d}:{number % 60:02d}:00+0000"
    edit = (
        f'<div class="message-lastEdit">Last edited: <time class="u-dt" datetime="{stamp}">x</time></div>'
        if rng.random() < 0.15
        else ""
    )
    likes = rng.sample(NAMES, k=rng.randint(0, 3))
    bdis = ", ".join(f"<bdi>{n}</bdi>" for n in likes)
    extra = rng.randint(0, 12) if likes else 0
    reactions = (
        '<div class="reactionsBar js-reactionsList is-active"><ul class="reactionSummary"><li><span class="reaction">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP" alt="Like" title="Like" /></span></li></ul>'
        f'<a class="reactionsBar-link" href="/posts/{post_id}/reactions">{bdis}'
        f"{f' and {extra} others' if extra else ''}</a></div>"
        if likes
        else '<div class="reactionsBar js-reactionsList "></div>'
    )
    return (
        f'<article class="message message--post js-post js-inlineModContainer" data-author="{author}"'
        f' data-content="post-{post_id}" id="js-post-{post_id}">'
        f'<span class="u-anchorTarget" id="post-{post_id}"></span>'
        '<div class="message-inner"><div class="message-cell message-cell--user"><section class="message-user">'
        '<div class="message-avatar"><a href="/members/x.1/" class="avatar avatar--m">'
        '<img src="/data/avatars/m/0/1.jpg"'
        f' alt="{author}" /></a></div><div class="message-userDetails"><h4 class="message-name"><a href="/members/x.1/"'
        f' class="username">{author}</a></h4>'
        f'<h5 class="userTitle message-userTitle">{rng.choice(TITLES)}</h5></div>'
        '</section></div><div class="message-cell message-cell--main"><div class="message-main js-quickEditTarget">'
        '<header class="message-attribution message-attribution--split">'
        '<ul class="message-attribution-main listInline">'
        f'<li class="u-concealed"><a href="/threads/t.{thread_id}/post-{post_id}"><time class="u-dt" datetime="{stamp}"'
        f' title="Mar {day}, 2021">Mar {day}, 2021</time></a></li></ul><ul class="message-attribution-opposite'
        f' message-attribution-opposite--list"><li><a href="/threads/t.{thread_id}/post-{post_id}">'
        f"#{number}</a></li></ul>"
        '</header><div class="message-content js-messageContent"><div class="message-userContent lbContainer">'
        '<article class="message-body js-selectToQuote"><div itemprop="text"><div class="bbWrapper">'
        f'{body(rng, thread_id, post_ids)}</div></div><div class="js-selectToQuoteEnd">&nbsp;</div></article></div>'
        f'{edit}</div><footer class="message-footer"><div class="message-actionBar actionBar">'
        '<a class="actionBar-action"'
        f' href="/posts/{post_id}/react?reaction_id=1">Like</a> <a class="actionBar-action" href="#">Reply</a></div>'
        f"{reactions}</footer></div></div></div></article>"
    )


def page_html(rng: random.Random, thread_id: int, page: int, pages: int, posts: int, first_post: int) -> str:
    url = f"{HOST}/threads/thread-number-{thread_id}.{thread_id}/"
    canonical = url if page == 1 else f"{url}page-{page}"
    post_ids: list[int] = list(range(first_post - (page - 1) * posts, first_post))
    articles = []
    for i in range(posts):
        post_id = first_post + i
        articles.append(article(rng, post_id, (page - 1) * posts + i + 1, thread_id, post_ids))
        post_ids.append(post_id)
    nav = "".join(f'<li class="pageNav-page"><a href="{url}page-{k}">{k}</a></li>' for k in range(1, pages + 1))
    return (
        f'<!DOCTYPE html><html id="XF" lang="en-US" data-template="thread_view"><head><meta charset="utf-8" />'
        f'<title>Thread number {thread_id}</title><link rel="canonical" href="{canonical}" />'
        f'<meta property="og:url" content="{url}" />{CHROME}</head><body><div class="p-pageWrapper">'
        f'<nav class="p-nav"><ul class="p-nav-list">{NAV}</ul></nav><div class="p-body"><ul class="p-breadcrumbs">'
        '<li><a href="/" itemprop="item"><span itemprop="name">Home</span></a></li><li><a href="/forums/general.2/"'
        ' itemprop="item"><span itemprop="name">General Discussion</span></a></li></ul><div class="p-title">'
        f'<h1 class="p-title-value">Thread number {thread_id}: {sentence(rng)[:60]}</h1></div>'
        f'<div class="pageNav"><ul class="pageNav-main">{nav}</ul></div><div class="block-body">{"".join(articles)}'
        "</div></div></div></body></html>"
    )


def generate(folder: Path, pages: int, per_thread: int, posts: int) -> int:
    rng = random.Random(SEED)
    written = 0
    thread_id = 1000
    post_id = 500_000
    while written < pages:
        thread_id += 1
        count = min(per_thread, pages - written)
        for page in range(1, count + 1):
            html = page_html(rng, thread_id, page, count, posts, post_id)
            (folder / f"thread-{thread_id}-page-{page}.html").write_text(html, encoding="utf-8")
            post_id += posts
            written += 1
    return written


HOSTILE = ["a", "`", "<", "](", "[quote=", "*", "_", "~", "[", "\\", ">", "&#", "**a", "\n", "- ", " said:"]
HOSTILE += ["<b>", "<br>"]


def _hostile_inputs(body: str) -> dict[str, tuple[str, bytes]]:
    post = {"id": 1, "username": "ann", "post_number": 1, "post_type": 1, "created_at": "2024-01-01T10:00:00Z"}
    topic = {"id": 5, "title": "T", "slug": "t"}
    text = (
        "Title\nDiscussion in 'F' started by ann, Apr 2, 2022.\n1. ann\nann Member\n"
        f"{body}\nann, Apr 2, 2022 #1\nShare This Page\n"
    )
    rng = random.Random(SEED)
    page = page_html(rng, 1001, 1, 1, 1, 500_000)
    start = page.index('<div class="bbWrapper">') + len('<div class="bbWrapper">')
    end = page.index("</div>", start)
    raw = {**topic, "post_stream": {"posts": [{**post, "raw": body}]}}
    cooked = {**topic, "post_stream": {"posts": [{**post, "cooked": body}]}}
    return {
        "Discourse raw": (".json", json.dumps(raw).encode()),
        "Discourse cooked": (".json", json.dumps(cooked).encode()),
        "copied text": (".txt", text.encode()),
        "XenForo 2": (".html", (page[:start] + body + page[end:]).encode()),
    }


def hostile() -> None:
    """Time one post of each hostile kind at three sizes, in every format; print the growth."""
    sizes = (10_000, 20_000, 40_000)
    print(f"{'body':12} {'format':17} " + " ".join(f"{n:>8,}" for n in sizes) + "   growth")
    for piece in HOSTILE:
        times: dict[str, list[float]] = {}
        for size in sizes:
            body = (piece * (size // len(piece) + 1))[:size]
            for name, (suffix, data) in _hostile_inputs(body).items():
                with tempfile.TemporaryDirectory() as folder:
                    source = Path(folder) / f"in{suffix}"
                    source.write_bytes(data)
                    options = ImportOptions(out=Path(folder) / "out", members=None, jobs=1)
                    start = time.perf_counter()
                    run_import([source], options)
                    times.setdefault(name, []).append(time.perf_counter() - start)
        for name, seconds in times.items():
            growth = seconds[-1] / max(seconds[0], 1e-6)
            cells = " ".join(f"{t:7.3f}s" for t in seconds)
            print(f"{piece!r:12} {name:17} {cells}   x{growth:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--pages-per-thread", type=int, default=5)
    parser.add_argument("--posts", type=int, default=20, help="posts per page")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--once", action="store_true", help="skip the re-import")
    parser.add_argument("--hostile", action="store_true", help="time hostile post bodies instead (see above)")
    args = parser.parse_args()
    if args.hostile:
        hostile()
        return
    root = Path(tempfile.mkdtemp(prefix="forum-import-bench-"))
    try:
        saved = root / "saved"
        saved.mkdir()
        pages = generate(saved, args.pages, args.pages_per_thread, args.posts)
        size = sum(p.stat().st_size for p in saved.iterdir())
        print(f"generated {pages:,} pages ({size / 1e6:.1f} MB) in {saved}")
        options = ImportOptions(
            out=root / "docs" / "threads", members=root / "docs" / "members.yml", settings=Settings(), jobs=args.jobs
        )
        start, cpu = time.perf_counter(), time.process_time()
        report = run_import([saved], options)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        posts = pages * args.posts
        print(report.summary())
        rate = f"{pages / elapsed:.0f} pages/s, {posts / elapsed:,.0f} posts/s"
        print(f"import: {elapsed:.1f} s for {pages:,} pages ({rate})")
        # With --jobs 1 the work is in this process: its CPU time is steadier than wall time on a busy machine.
        print(f"import CPU time of this process: {cpu:.1f} s ({1000 * cpu / pages:.1f} ms a page)")
        if args.once:
            return
        start = time.perf_counter()
        again = run_import([saved], options)
        print(f"re-import (no changes): {time.perf_counter() - start:.1f} s; {again.summary()}")
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root)


if __name__ == "__main__":
    main()
