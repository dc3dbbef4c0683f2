"""Pages made ahead in a second process (``pages_ahead.py``): handed over in order, and never needed.

Whatever the copy does (raise, die, fall behind an out-of-order ask), every page
still comes, from the copy or from the caller, and nothing waits forever.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from typing import Any

import pytest

from mkdocs_forum_plugin import pages_ahead
from mkdocs_forum_plugin.pages_ahead import MIN_PAGES, READY_MAX, PagesAhead, can_fork

KEYS = [f"page-{n}" for n in range(MIN_PAGES + 36)]
PARENT = os.getpid()
COUNT_THREADS = pages_ahead._native_threads
OTHER_THREADS = pages_ahead._other_threads  # as the plugin has it, before the fixture replaces it
pytestmark = pytest.mark.usefixtures("forks_under_xdist")


def made(key: str) -> tuple[str, int]:
    """A page: its key and the process that made it."""
    return (key, os.getpid())


@pytest.fixture
def ahead() -> Iterator[PagesAhead[tuple[str, int]]]:
    started = PagesAhead.start(KEYS, made)
    assert started is not None
    yield started
    started.close()


def test_every_page_comes_from_the_copy_in_order(ahead: PagesAhead[tuple[str, int]]) -> None:
    pages = [ahead.take(key) for key in KEYS]
    assert [p[0] for p in pages if p is not None] == KEYS
    assert {p[1] for p in pages if p is not None} != {PARENT}  # made by another process
    assert ahead.taken == len(KEYS)
    ahead.close()
    assert not ahead.stopped_early


def test_a_page_asked_a_little_early_still_comes(ahead: PagesAhead[tuple[str, int]]) -> None:
    assert ahead.take(KEYS[5]) == (KEYS[5], _pid(ahead))
    # The five before it were kept while the asked one was read.
    assert [ahead.take(k) for k in KEYS[:5]] == [(k, _pid(ahead)) for k in KEYS[:5]]
    assert ahead.take(KEYS[5]) is None  # handed over once


def _copy(ahead: PagesAhead[Any]) -> BaseProcess:
    """The last copy forked."""
    assert ahead._process is not None
    return ahead._process


def _pid(ahead: PagesAhead[Any]) -> int:
    """The copy's process id."""
    pid = _copy(ahead).pid
    assert pid is not None
    return pid


def test_a_page_far_out_of_order_stops_the_copy(ahead: PagesAhead[tuple[str, int]]) -> None:
    assert ahead.take(KEYS[READY_MAX + 5]) is None  # more than READY_MAX pages before it: too far
    assert ahead.stopped_early
    assert not _copy(ahead).is_alive()
    # The pages already received still come; the caller makes the rest.
    got = [ahead.take(k) for k in KEYS]
    assert got == [(k, _pid(ahead)) for k in KEYS[:READY_MAX]] + [None] * (len(KEYS) - READY_MAX)


def test_an_unknown_page_is_not_waited_for(ahead: PagesAhead[tuple[str, int]]) -> None:
    assert ahead.take("not-a-page") is None
    assert ahead.take(KEYS[0]) == (KEYS[0], _pid(ahead))


def every_page(make: Callable[[str], object]) -> tuple[list[object], PagesAhead[object]]:
    """Each page of KEYS as the copies hand it over (None where they did not), and the finished PagesAhead."""
    ahead = PagesAhead.start(KEYS, make)
    assert ahead is not None
    try:
        return [ahead.take(k) for k in KEYS], ahead
    finally:
        ahead.close()


def test_a_page_that_raises_is_left_to_the_caller() -> None:
    def make(key: str) -> str:
        if key == KEYS[3]:
            raise ValueError("a page this process must make, and report, itself")
        return key.upper()

    got, ahead = every_page(make)
    assert got == [None if k == KEYS[3] else k.upper() for k in KEYS]
    assert ahead.taken == len(KEYS) - 1


def test_a_page_that_cannot_be_sent_is_left_to_the_caller() -> None:
    def make(key: str) -> object:
        return (lambda: key) if key == KEYS[2] else key  # a function does not pickle

    got, ahead = every_page(make)
    assert got == [None if k == KEYS[2] else k for k in KEYS]
    assert not ahead.stopped_early


def test_a_copy_that_dies_leaves_the_rest_to_the_caller() -> None:
    def make(key: str) -> str:
        if key == KEYS[10]:
            os._exit(3)  # as if killed: out of memory, kill -9
        return key

    ahead = PagesAhead.start(KEYS, make)
    assert ahead is not None
    got = [ahead.take(k) for k in KEYS]
    assert got == KEYS[:10] + [None] * (len(KEYS) - 10)
    assert ahead.stopped_early
    assert not _copy(ahead).is_alive()


def test_closing_ends_a_copy_blocked_on_a_full_pipe() -> None:
    ahead = PagesAhead.start(KEYS, lambda key: key * 20_000)  # pages bigger than the pipe holds
    assert ahead is not None
    assert ahead.take(KEYS[0]) == KEYS[0] * 20_000
    time.sleep(0.2)  # the copy fills the pipe and waits
    ahead.close()
    assert not _copy(ahead).is_alive()
    assert _copy(ahead).exitcode == 0  # it ended on the closed pipe; it did not have to be killed
    assert ahead.stopped_early


def test_few_pages_are_made_here() -> None:
    assert PagesAhead.start(KEYS[: MIN_PAGES - 1], made) is None


@contextmanager
def another_thread() -> Iterator[None]:
    """A second thread runs (waiting) inside the block."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        yield
    finally:
        release.set()
        other.join()


def test_no_copy_while_another_thread_runs() -> None:
    # A lock that thread held at the fork would stay locked in the copy.
    with another_thread():
        assert not can_fork()
        assert PagesAhead.start(KEYS, made) is None
    # The system counts the thread until it has fully exited, a moment after join().
    for _ in range(200):
        if can_fork():
            break
        time.sleep(0.01)
    assert can_fork()


def test_no_copy_where_forking_is_unsafe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert PagesAhead.start(KEYS, made) is None


@pytest.mark.parametrize(
    ("name", "value"),
    [("_other_threads", 1), ("_cores", 1)],  # a library's own thread, say; a container allowed one core
)
def test_no_copy_beside_another_thread_or_on_one_core(monkeypatch: pytest.MonkeyPatch, name: str, value: int) -> None:
    assert can_fork()
    monkeypatch.setattr(pages_ahead, name, lambda: value)
    assert not can_fork()
    assert PagesAhead.start(KEYS, made) is None


def test_threads_a_library_started_count(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python does not know of them; the system's count does.
    python_threads = threading.active_count()
    monkeypatch.setattr(pages_ahead, "_native_threads", lambda: python_threads + 2)
    assert OTHER_THREADS() == python_threads + 1


def test_a_fresh_copy_makes_each_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    # A copy comes to own every memory page it touches; one per batch keeps that bounded.
    monkeypatch.setattr(pages_ahead, "BATCH", 30)
    pages, ahead = every_page(made)
    assert [p[0] for p in pages if isinstance(p, tuple)] == KEYS
    makers = [p[1] for p in pages if isinstance(p, tuple)]
    assert ahead.copies == 4  # 100 pages, 30 a copy
    assert [len(set(makers[i : i + 30])) for i in range(0, 100, 30)] == [1, 1, 1, 1]
    assert len(set(makers)) == 4 and PARENT not in makers
    assert not ahead.stopped_early


def test_a_copy_that_dies_is_not_followed_by_another(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages_ahead, "BATCH", 30)

    def make(key: str) -> str:
        if key == KEYS[40]:
            os._exit(3)
        return key

    ahead = PagesAhead.start(KEYS, make)
    assert ahead is not None
    got = [ahead.take(k) for k in KEYS]
    assert got == KEYS[:40] + [None] * (len(KEYS) - 40)
    assert ahead.copies == 2
    assert ahead.stopped_early


def test_the_system_count_of_threads_sees_every_thread() -> None:
    before = COUNT_THREADS()
    with another_thread():
        assert COUNT_THREADS() == before + 1
