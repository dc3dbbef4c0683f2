"""The related-threads pass alone, timed on synthetic Thread models at a given size."""

from __future__ import annotations

import gc
import time

from corpus import SEED, Forum, generate
from mkdocs_forum_plugin.model import Location, Post, Thread
from mkdocs_forum_plugin.relate import relate
from sites import body_markup


def relate_models(forum: Forum) -> tuple[list[Thread], set[str]]:
    """The plugin's Thread models of a synthetic forum, and the set of their paths."""
    threads: list[Thread] = []
    for spec in forum.threads:
        path = f"threads/{spec.stem}.yml"
        posts = [Post(number=p.number, author=p.author, body=body_markup(p.blocks)) for p in spec.posts]
        related = [(f"{forum.threads[r].stem}.yml", Location(path, 5 + k)) for k, r in enumerate(spec.related)]
        threads.append(Thread(path=path, title=spec.title, posts=posts, tags=spec.tags, related=related))
    return threads, {t.path for t in threads}


def time_relate(n_threads: int, repeat: int) -> float:
    """Best-of-``repeat`` CPU seconds of one relate() call over n synthetic threads (2 posts each).

    CPU time rather than wall time, and the garbage collector paused as timeit does, so
    that other load on the machine and collections of unrelated objects blur it less.
    """
    forum = generate(n_threads, 2, seed=SEED + n_threads)
    threads, known = relate_models(forum)
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            relations, _problems = relate(threads, known, 5)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    assert len(relations) == n_threads
    return best
