"""Pages made ahead in a second process while the engine writes the ones before them.

MkDocs writes pages one after another in one process, and a CI runner has two to
four cores. When every page's inputs are known (after the navigation is made), a
forked copy of the build process makes the plugin's pages in the order the engine
will ask for them and hands each over through a pipe; the engine's own work on a
page (its templates) overlaps with the making of the next ones.

- The copy makes each page with the same code from the same state, so a page is
  byte for byte the one this process would have made. Anything the copy cannot
  hand over (its page raised, it died, it was killed, it fell behind a page asked
  for out of order) is made here instead, so the output never depends on it.
- The pipe holds a few pages and the receiving side keeps at most
  :data:`READY_MAX`; a copy makes :data:`BATCH` pages and hands over to a fresh
  one, so what the copies take does not grow with the site.
- Forking needs a platform that forks safely and a process with no other thread
  (a lock held by another thread would stay locked in the copy); elsewhere
  :meth:`PagesAhead.start` gives None and the caller makes every page itself.

Imports nothing from MkDocs: any engine that knows its page order can use it. The
keys need not be pages: ``load/wiki.py`` has every second thread file parsed this way.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

MIN_PAGES = 64  # below this, one process makes the pages sooner than a fork pays for itself
BATCH = 1000  # pages one copy makes before it ends and the next is forked (memory, see PagesAhead)
READY_MAX = 32  # pages received and not yet asked for; more means the order differs

_Message = tuple[str, bool, object]  # (key, made, the page or None)


def can_fork() -> bool:
    """Whether a copy of this process can be forked safely: a platform that forks, and no other thread."""
    if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS system libraries are not fork-safe
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return _other_threads() == 0 and _cores() > 1


def _other_threads() -> int:
    """Threads of this process besides the calling one: Python's, or more where the system counts a library's."""
    return max(threading.active_count(), _native_threads()) - 1


def _cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than the machine has)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def _native_threads() -> int:
    """The threads of this process that the system counts, a library's own included; 1 where it does not say."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Threads:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 1


def _work(keys: Sequence[str], make: Callable[[str], object], conn: Connection, theirs: Connection) -> None:
    """In the copy: make each page in order and send it; a page that raises is sent as not made."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle; the pipe ends this one
    _ctrl_c(signal.SIG_UNBLOCK)  # held since the fork (see _fork); one that came meanwhile is dropped now
    theirs.close()  # the parent's end: once the parent closes it, sending here fails instead of waiting
    for key in keys:
        message: _Message
        try:
            message = (key, True, make(key))
        except (KeyboardInterrupt, SystemExit):
            return
        except BaseException:  # a native panic too: the parent makes this page and reports it
            message = (key, False, None)
        if not _send(conn, message) and not _send(conn, (key, False, None)):
            return  # the parent is gone or has stopped listening
    conn.close()


def _send(conn: Connection, message: _Message) -> bool:
    """Send one page to the parent; False when the pipe is closed or the page cannot be pickled."""
    try:
        conn.send(message)
    except Exception:  # a closed pipe (the parent is gone), or a page pickle refuses
        return False
    return True


def _fork(keys: Sequence[str], make: Callable[[str], object]) -> tuple[BaseProcess, Connection] | None:
    """A copy of this process that makes the pages of ``keys``, and the end of its pipe; None when none could start."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_work, args=(list(keys), make, send, receive), daemon=True)
    # The copy only reads the objects it inherits: frozen, the collector does not write to
    # every one of them in the copy, which would copy all of their memory pages.
    gc.freeze()
    # A Ctrl+C between the fork and the copy's ignoring it would give the copy a traceback;
    # held meanwhile, it reaches this process when released, and the copy drops it.
    _ctrl_c(signal.SIG_BLOCK)
    try:
        process.start()
    except OSError:  # no memory or no process slot left for a copy
        receive.close()
        return None
    finally:
        gc.unfreeze()
        send.close()  # this end is the copy's: its death must read as the pipe's end here
        _ctrl_c(signal.SIG_UNBLOCK)
    return process, receive


def _ctrl_c(how: int) -> None:
    """Hold back (``SIG_BLOCK``) or let through (``SIG_UNBLOCK``) Ctrl+C for this thread, where the system can."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(how, {signal.SIGINT})


class PagesAhead(Generic[T]):
    """Pages of ``keys`` made ahead by copies of this process; :meth:`take` hands each one over.

    A copy makes :data:`BATCH` pages and ends; the next is forked when it has sent its
    last. Each memory page a copy writes to (an object it reads counts it) becomes its
    own, so a copy that made every page of a large wiki would come to hold a second
    copy of the whole model; a fresh copy per batch holds only what its batch touched.
    """

    def __init__(self, keys: Sequence[str], make: Callable[[str], T]) -> None:
        self._make = make
        self._batches = [list(keys[i : i + BATCH]) for i in range(0, len(keys), BATCH)]
        self._pending = set(keys)  # keys a copy will still send
        self._batch: set[str] = set()  # keys the running copy will still send
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._ready: dict[str, tuple[bool, object]] = {}
        self.taken = 0  # pages handed over from the copies
        self.copies = 0  # copies forked
        self.stopped_early = False  # the copies stopped before the last page (died, fell behind, or were closed)

    @classmethod
    def start(cls, keys: Sequence[str], make: Callable[[str], T]) -> PagesAhead[T] | None:
        """Fork a copy that makes ``make(key)`` for each key in order; None where that cannot be done or pay."""
        if len(keys) < MIN_PAGES:
            return None
        ahead = cls(keys, make)
        return ahead if ahead._next_copy() else None

    def _next_copy(self) -> bool:
        """Fork the copy of the next batch; False when none is left or none could start."""
        if not self._batches or not can_fork():
            return False
        batch = self._batches.pop(0)
        forked = _fork(batch, self._make)
        if forked is None:
            return False
        self._process, self._conn = forked
        self._batch = set(batch)
        self.copies += 1
        return True

    def take(self, key: str) -> T | None:
        """The page of ``key`` made by a copy; None when it was not made there (then make it here)."""
        if key not in self._pending and key not in self._ready:
            return None
        while key not in self._ready:
            if not self._receive():
                return None
        made, page = self._ready.pop(key)
        # Let the copy run ahead while this process writes the page.
        while self._conn is not None and len(self._ready) < READY_MAX and self._poll():
            if not self._receive():
                break
        if made:
            self.taken += 1
            return page  # type: ignore[return-value]
        return None

    def _poll(self) -> bool:
        """Whether a page (or the end of the batch) is waiting in the pipe."""
        try:
            return self._conn is not None and self._conn.poll(0)
        except (OSError, EOFError):
            return False

    def _receive(self) -> bool:
        """Read one page from the pipe; False when the copies are done, gone or too far ahead of the asking."""
        if self._conn is None:
            return False
        if len(self._ready) >= READY_MAX:  # the pages are asked for in another order than they come
            self._finish()
            return False
        try:
            key, made, page = self._conn.recv()
        except (EOFError, OSError):  # the batch is sent, or the copy died
            if self._batch:  # it died before its last page: no other copy is tried
                self._finish()
                return False
            self._end_copy()
            if not self._next_copy():
                self._finish()
                return False
            return True
        self._pending.discard(key)
        self._batch.discard(key)
        self._ready[key] = (made, page)
        return True

    def _end_copy(self) -> None:
        """Close the running copy's pipe and wait for it; a copy still sending gets a broken pipe and ends."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()

    def _finish(self) -> None:
        """Stop the copies; the pages already received can still be taken."""
        self.stopped_early = self.stopped_early or bool(self._pending)
        self._pending = set()
        self._batch = set()
        self._batches = []
        self._end_copy()

    def close(self) -> None:
        """Stop the copies and let their pages go; what was not handed over is made by the caller."""
        self._finish()
        self._ready = {}
