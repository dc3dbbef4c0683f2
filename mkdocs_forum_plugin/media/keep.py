"""Keeping the media of thread bodies: each address found, checked, cleaned, stored once, and its link changed.

For one thread at a time: the media links of every body (``plan``), each address
already dealt with reused from the store's record, local copies read, the rest fetched
a few at a time (``fetch``); every file typed by its bytes (``sniff``), held to the
size caps, cleaned of metadata (``strip``) and stored (``store``). What happened to
each address is kept in a ``Tally`` for the report.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .fetch import Dead, Fetched, Fetcher
from .plan import local_copies, read_local, wanted
from .rewrite import Link, apply, links
from .sniff import Kind, Refused, sniff
from .store import Entry, Outcome, Store
from .strip import StripError, strip

DEFAULT_MAX_TOTAL = 500 * 1024 * 1024  # half of what GitHub Pages and GitLab Pages publish


@dataclass
class Tally:
    """What one run did with media, for the report."""

    stored: list[tuple[str, str]] = field(default_factory=list)  # (docs path, address)
    reused: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (address, why)
    dead: list[tuple[str, str]] = field(default_factory=list)  # (address, why)
    planned: list[str] = field(default_factory=list)  # dry run: addresses that would be fetched
    notes: list[str] = field(default_factory=list)
    stored_bytes: int = 0

    def lines(self) -> list[str]:
        """The media part of a report, one line per file or address."""
        out = [f"media:    stored {path}  ({address})" for path, address in self.stored]
        out += [f"media:    REFUSED {address}: {why}" for address, why in self.refused]
        out += [f"media:    DEAD {address}: {why}" for address, why in self.dead]
        out += [f"media:    would fetch {address}" for address in self.planned]
        out += [f"media:    {note}" for note in self.notes]
        mb = self.stored_bytes / 1024 / 1024
        out.append(
            f"media:    {len(self.stored)} stored ({mb:.1f} MB), {self.reused} already there,"
            f" {len(self.refused)} refused, {len(self.dead)} dead"
        )
        return out


@dataclass
class Limits:
    """The size caps: per file, and for everything one run stores."""

    max_file: int = 20 * 1024 * 1024
    max_total: int = DEFAULT_MAX_TOTAL


_DEAD_PREFIXES = ("HTTP", "timed out", "unreachable", "more than")


class Keeper:
    """Keeps media into one store, for one run."""

    def __init__(self, store: Store, fetcher: Fetcher | None, limits: Limits | None = None) -> None:
        """``fetcher`` None: nothing is downloaded (a dry run); addresses are only planned."""
        self.store = store
        self.fetcher = fetcher
        self.limits = limits or Limits()
        self.tally = Tally()

    def _accept(self, data: bytes, address: str, name: str) -> Outcome:
        """Check, clean and store one file's bytes."""
        kind: Kind | Refused = sniff(data)
        if isinstance(kind, Refused):
            return Outcome(failed=f"not an allowed type: {kind.what}")
        if len(data) > self.limits.max_file:
            return Outcome(failed=f"over the size cap ({len(data):,} bytes, the cap is {self.limits.max_file:,})")
        width = height = None
        if kind.picture:
            try:
                clean = strip(data, kind)
            except StripError as exc:
                return Outcome(failed=f"refused: {exc}")
            data, width, height = clean.data, clean.width, clean.height
            if clean.note:
                self.tally.notes.append(f"{address}: {clean.note}")
        if self.tally.stored_bytes + len(data) > self.limits.max_total:
            return Outcome(failed=f"over the total cap of {self.limits.max_total:,} bytes for one run", permanent=False)
        before = len(self.store.stored)
        entry = self.store.put(data, kind.mime, kind.ext, width=width, height=height, name=name, source=address)
        if len(self.store.stored) > before:
            self.tally.stored.append((entry.path, address))
            self.tally.stored_bytes += len(data)
        else:
            self.tally.reused += 1
        return Outcome(key=entry.key)

    def keep(self, addresses: Iterable[str], inputs: list[Path]) -> dict[str, Outcome]:
        """What became of each address: reused, read from a local copy, or fetched; recorded in the store."""
        results: dict[str, Outcome] = {}
        remote: list[str] = []
        for address in dict.fromkeys(addresses):
            known = self.store.known(address)
            if known is not None:
                results[address] = known
                if known.key:
                    self.tally.reused += 1
                else:
                    self._count_failure(address, known)
                continue
            local = read_local(local_copies(address, inputs), inputs, self.limits.max_file)
            if local is not None:
                results[address] = self._record(address, self._accept(local[0], address, local[1].name))
            else:
                remote.append(address)
        if self.fetcher is None:
            self.tally.planned.extend(remote)
            return results
        for address, got in self.fetcher.get_all(remote).items():
            if isinstance(got, Dead):
                outcome = Outcome(failed=got.why, permanent=got.permanent)
            else:
                assert isinstance(got, Fetched)
                outcome = self._accept(got.data, address, got.name)
            results[address] = self._record(address, outcome)
        return results

    def _record(self, address: str, outcome: Outcome) -> Outcome:
        self.store.remember(address, outcome)
        self._count_failure(address, outcome)
        return outcome

    def _count_failure(self, address: str, outcome: Outcome) -> None:
        if not outcome.failed:
            return
        dead = outcome.failed.startswith(_DEAD_PREFIXES)
        (self.tally.dead if dead else self.tally.refused).append((address, outcome.failed))

    def entry(self, outcome: Outcome) -> Entry | None:
        """The stored file of a successful outcome."""
        return self.store.files.get(outcome.key) if outcome.key else None


def media_links(body: str) -> list[Link]:
    """The links and pictures of a body that are media to keep."""
    return [link for link in links(body) if wanted(link)]


def relative(entry: Entry, docs: Path, folder: Path) -> str:
    """The address of a stored file as written in a thread file in ``folder``: relative to that file."""
    return posixpath.relpath(entry.path, posixpath.normpath(folder.resolve().relative_to(docs.resolve()).as_posix()))


def short_reason(why: str) -> str:
    """A failure as a reader is told it: 'HTTP 404' reads '404'."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", why.removeprefix("HTTP "))


def rewrite_body(body: str, outcomes: dict[str, Outcome], keeper: Keeper, docs: Path, folder: Path) -> str:
    """A body with kept media pointed at their stored files, and a visible note where one could not be kept."""
    edits: list[tuple[int, int, str]] = []
    for link in media_links(body):
        outcome = outcomes.get(link.dest)
        if outcome is None:
            continue
        entry = keeper.entry(outcome)
        if entry is not None:
            edits.append((link.dest_start, link.dest_end, relative(entry, docs, folder)))
        elif outcome.failed:
            what = "picture" if link.picture else "file"
            edits.append((link.start, link.text_start, ""))
            edits.append((link.text_end, link.end, f" *({what} not kept: {short_reason(outcome.failed)})*"))
    return apply(body, edits)
