"""Parsing and converting many threads on every processor core.

Both steps are pure functions of their inputs, so they run in worker processes
when there is enough work to pay for starting them; results come back in order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 24  # below this, starting worker processes costs more than it saves


def workers() -> int:
    """How many worker processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ordered_map(function: Callable[[T], R], items: list[T], jobs: int | None = None) -> Iterator[R]:
    """``map(function, items)``, in worker processes when worth it; results in the order of ``items``."""
    jobs = workers() if jobs is None else jobs
    if jobs <= 1 or len(items) < MIN_ITEMS:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("spawn")  # safe whatever threads the caller runs
    chunk = max(1, min(16, len(items) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        results: Iterable[R] = pool.map(function, items, chunksize=chunk)
        yield from results
