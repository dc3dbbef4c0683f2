"""Parsing and converting many threads on every processor core.

Both steps are pure functions of their inputs, so they run in worker processes
when there is enough work to pay for starting them; results come back in order.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 24  # below this, starting worker processes costs more than it saves
PARENT_CHECK_SECONDS = 0.5


def workers() -> int:
    """How many worker processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _end_with_parent(parent: int) -> None:
    """In a worker: end as soon as the import that started it is gone.

    An import killed outright (SIGKILL, or out of memory) cannot stop its workers, and
    they would wait for work forever, each holding a process and its memory.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def ordered_map(function: Callable[[T], R], items: list[T], jobs: int | None = None) -> Iterator[R]:
    """``map(function, items)``, in worker processes when worth it; results in the order of ``items``."""
    jobs = workers() if jobs is None else jobs
    if jobs <= 1 or len(items) < MIN_ITEMS:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("spawn")  # safe whatever threads the caller runs
    chunk = max(1, min(16, len(items) // (jobs * 8)))
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_end_with_parent, initargs=(os.getpid(),)
    )
    with pool:
        results: Iterable[R] = pool.map(function, items, chunksize=chunk)
        yield from results
