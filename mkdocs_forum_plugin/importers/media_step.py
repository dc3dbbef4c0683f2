"""The import's media step: each converted thread's pictures and attached files kept in the wiki.

Called by the pipeline for every thread before it is placed; the work is done by the
``media`` package (what to fetch, fetching, checking, cleaning, storing). Links to kept
files are written relative to the thread file; where a file could not be kept, the
thread shows a note in its place, and the report says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..load.threads import parse_thread
from ..media.fetch import Fetcher
from ..media.fetch import Settings as FetchSettings
from ..media.keep import Keeper, Limits, Tally, media_links, rewrite_body
from ..media.store import Store
from ..problems import ThreadFileError
from .convert import ThreadOut
from .members import MemberFacts
from .merge import MergedThread
from .yamlout import dump


@dataclass
class MediaOptions:
    """Whether and how an import keeps media."""

    keep: bool = True  # False: --no-media, the old addresses stay
    docs: Path | None = None  # the wiki's docs/ folder (media/ goes there); None: the parent of --out
    fetch: FetchSettings = field(default_factory=FetchSettings)
    limits: Limits = field(default_factory=Limits)


class MediaStep:
    """Media kept for the threads of one import."""

    def __init__(self, options: MediaOptions, out: Path, *, dry_run: bool) -> None:
        """A store under the docs folder, and a downloader (none in a dry run: nothing is fetched)."""
        self.docs = options.docs or out.parent
        self.out = out
        self.keeper = Keeper(
            Store(self.docs, dry_run=dry_run), None if dry_run else Fetcher(options.fetch), options.limits
        )

    def apply(self, result: tuple[ThreadOut, str]) -> tuple[ThreadOut, str]:
        """A converted thread with its media kept and its links changed (the same thread when it has none)."""
        try:
            return self._apply(result)
        except (ThreadFileError, ValueError, OSError) as exc:  # the thread is written with its old addresses
            result[0].notes.append(f"its media could not be kept ({exc}); the old addresses stay")
            return result

    def _apply(self, result: tuple[ThreadOut, str]) -> tuple[ThreadOut, str]:
        out, text = result
        posts = out.data.get("posts", [])
        addresses = [link.dest for post in posts for link in media_links(post.get("body", ""))]
        if not addresses:
            return result
        outcomes = self.keeper.keep(addresses, [Path(source) for source in out.sources])
        changed = False
        for post in posts:
            body = post.get("body", "")
            new = rewrite_body(body, outcomes, self.keeper, self.docs, self.out)
            if new != body:
                post["body"], changed = new, True
        for address in dict.fromkeys(addresses):
            outcome = outcomes.get(address)
            if outcome is not None and outcome.failed:
                out.notes.append(f"not kept: {address} ({outcome.failed})")
        if not changed:
            return result
        text = dump(out.data)
        parse_thread(text, f"{self.out.name}/{out.stem}.yml")  # still a valid thread file
        return out, text

    def avatars(self, threads: list[MergedThread], facts: dict[str, MemberFacts]) -> list[str]:
        """Keep the pictures of members who have none in the members file yet; the report's avatar lines."""
        wanted: dict[str, list[str]] = {}
        inputs: list[Path] = []
        for thread in threads:
            for post in thread.posts:
                member = facts.get(post.author)
                if post.avatar and member is not None and member.avatar is None:
                    wanted.setdefault(post.avatar, []).append(post.author)
            inputs.extend(Path(source) for source in thread.sources)
        if not wanted:
            return []
        self.keeper.tally = Tally()
        outcomes = self.keeper.keep(wanted, list(dict.fromkeys(inputs)))
        for address, authors in wanted.items():
            outcome = outcomes.get(address)
            entry = self.keeper.entry(outcome) if outcome is not None else None
            if entry is not None and entry.type.startswith("image/"):
                for author in authors:
                    facts[author].avatar = facts[author].avatar or entry.path
        return [line.replace("media:  ", "avatars:", 1) for line in self.finish()]

    def finish(self) -> list[str]:
        """Save the store's records; the report's media lines."""
        lines = self.keeper.tally.lines()
        try:
            self.keeper.store.save()
        except OSError as exc:
            lines.append(f"media:    FAILED to write {self.keeper.store.folder}: {exc} (the journal keeps the record)")
        return lines
