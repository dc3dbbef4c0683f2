"""One import, start to end: read inputs, merge pages, convert, write files, merge members."""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import click

from ..load.site_config import SiteSettings
from ..load.threads import parse_thread
from ..problems import ThreadFileError
from .convert import Settings, ThreadOut, convert, member_titles
from .detect import parse_file, read_input
from .forgotten import forgotten_identity, forgotten_out, with_forgotten
from .identity import source_path, thread_identity
from .media_step import MediaOptions, MediaStep
from .members import MemberFacts, merge_members
from .merge import MergedThread, merge_pages
from .names import one_line
from .parallel import ordered_map
from .placing import Candidate, Taken, place
from .records import InputError, ParseOptions, SourcePage
from .report import Report
from .review import Review, wiki_of
from .state import STATE_NAME, State, setting_digests
from .writing import atomic_write
from .yamlout import dump

T = TypeVar("T")
INPUT_SUFFIXES = (".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".txt")
PROGRESS_MIN_FILES = 10


@dataclass
class ImportOptions:
    """Everything an import needs besides its inputs."""

    out: Path
    members: Path | None = None
    settings: Settings = field(default_factory=Settings)
    parse: ParseOptions = field(default_factory=ParseOptions)
    force: bool = False
    dry_run: bool = False
    progress: bool = False
    jobs: int | None = None  # worker processes; None: one per core
    site: SiteSettings | None = None  # the wiki's configuration, for the report's warnings; None: none read
    # The command keeps media unless told --no-media; a caller of the pipeline asks for it.
    media: MediaOptions = field(default_factory=lambda: MediaOptions(keep=False))


def output_settings(options: ImportOptions) -> dict[str, str]:
    """A digest of each setting that shapes a thread file, as the record keeps it (named as the user knows it)."""
    settings, parse = options.settings, options.parse
    return setting_digests(
        {
            "experts": sorted(settings.experts),
            "disclaimer": [settings.disclaimer, settings.disclaimer_title],
            "--forum": settings.forum,
            "--base-url": parse.base_url,
            "--prefix": sorted(parse.prefixes),
        }
    )


def expand(sources: Iterable[Path], report: Report) -> list[Path]:
    """Input files: each file named, and the forum exports inside each folder named (by suffix)."""
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            found = sorted(
                p
                for p in source.rglob("*")
                if p.is_file()
                and p.suffix.lower() in INPUT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(source).parts)
            )
            if not found:
                report.failed.append((str(source), f"no input files ({', '.join(INPUT_SUFFIXES)}) in this folder"))
            files.extend(found)
        elif source.is_file():
            files.append(source)
        else:
            report.failed.append((str(source), "no such file or folder"))
    return list(dict.fromkeys(files))


@contextlib.contextmanager
def _bar(items: Iterator[T], count: int, label: str, shown: bool) -> Iterator[Iterable[T]]:
    if not shown or count < PROGRESS_MIN_FILES:
        yield items
        return
    with click.progressbar(items, length=count, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar


def _parse_one(job: tuple[str, ParseOptions]) -> list[SourcePage] | str:
    """Parse one input file; a failure comes back as its message (worker processes cannot share a report)."""
    path, options = job
    try:
        return parse_file(path, read_input(Path(path)), options)
    except InputError as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot read it ({exc.strerror or exc})"
    except Exception as exc:  # a parser bug must not stop the batch: report it with the file
        return f"could not be imported ({type(exc).__name__}: {exc})"


def read_pages(files: list[Path], options: ImportOptions, report: Report) -> list[SourcePage]:
    """Parse every input; a file that fails is reported and the others go on."""
    pages: list[SourcePage] = []
    results = ordered_map(_parse_one, [(str(path), options.parse) for path in files], options.jobs)
    with _bar(results, len(files), "Reading", options.progress) as items:
        for path, result in zip(files, items, strict=True):
            if isinstance(result, str):
                report.failed.append((str(path), result))
            else:
                pages.extend(result)
    return pages


def _convert_one(job: tuple[MergedThread, dict[str, str], Settings, str]) -> tuple[ThreadOut, str] | str:
    """Convert, dump and validate one thread; a failure comes back as its message."""
    thread, titles, settings, folder = job
    try:
        out = convert(thread, titles, settings)
        text = dump(out.data)
        parse_thread(text, f"{folder}/{out.stem}.yml")
    except ThreadFileError as exc:
        return f"the thread file would not be valid: {exc}"
    except Exception as exc:  # a converter bug must not stop the batch: report it with the thread
        return f"could not be converted ({type(exc).__name__}: {exc})"
    return out, text


def _members(threads: list[MergedThread], titles: dict[str, str]) -> dict[str, MemberFacts]:
    facts: dict[str, MemberFacts] = {}
    for thread in threads:
        for post in thread.posts:
            member = facts.setdefault(post.author, MemberFacts(role=titles.get(post.author)))
            member.memorial = member.memorial or post.memorial
    return facts


def _write_members(path: Path, facts: dict[str, MemberFacts], options: ImportOptions, report: Report) -> None:
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        change = merge_members(existing, facts, path.name)
    except (InputError, OSError, UnicodeDecodeError) as exc:
        report.failed.append((str(path), str(exc)))
        return
    report.members.extend(f"{path}: {note}" for note in change.notes)
    if change.text is None:
        report.members.append(f"{path}: no new members or fields")
        return
    if not options.dry_run:
        atomic_write(path, change.text)
    added = f"{len(change.added)} new member{'s' if len(change.added) != 1 else ''}"
    report.members.append(f"{path}: {added}, {len(change.fields)} new field(s) for members already there")


def _usable(threads: list[MergedThread], report: Report) -> list[MergedThread]:
    usable = []
    for thread in threads:
        titled = bool(one_line(thread.first.title))  # a title of spaces or line separators only is none
        if not titled or not thread.posts:
            what = "no thread title" if not titled else "no posts"
            why = f"{what}: give the file with the thread's first page (or topic JSON) too"
            said = [note for page in thread.pages for note in page.notes]
            if not thread.posts and said:
                why = f"no posts: {'; '.join(dict.fromkeys(said))}"
            report.failed.append((", ".join(thread.sources), why))
        else:
            usable.append(thread)
    return usable


@dataclass
class _Run:
    """What placing the threads of one run shares."""

    state: State
    options: ImportOptions
    report: Report
    review: Review
    titles: dict[str, str]
    settings: dict[str, str]
    sources: Counter[tuple[str, ...]]  # how many threads of the run came from each set of input files
    taken: Taken = field(default_factory=Taken)  # the files this run placed threads in


def _place_one(thread: MergedThread, result: tuple[ThreadOut, str], run: _Run) -> bool:
    """Place one converted thread and report what happened; True when it counts as converted."""
    out, text = result
    options, report = run.options, run.report
    folder = options.out
    candidate = Candidate(
        identity=forgotten_identity(thread_identity(thread, folder), options.settings),
        key=out.key,
        stem=out.stem,
        text=text,
        posts=len(out.data["posts"]),
        sources=[source_path(s, folder) for s in out.sources],
        settings=run.settings,
        alone=run.sources[tuple(thread.sources)] == 1,
    )
    try:
        placed = place(
            folder, candidate, state=run.state, force=options.force, dry_run=options.dry_run, taken=run.taken
        )
    except (OSError, UnicodeError) as exc:
        report.failed.append((str(folder / f"{out.stem}.yml"), f"could not be written ({exc})"))
        return False
    shown = str(folder / placed.name)
    if placed.kind == "failed":
        report.failed.append((", ".join(out.sources), f"not written: {placed.reason}"))
        return False
    count = len(out.data["posts"])
    files = len(out.sources)
    detail = f"{count} post{'s' if count != 1 else ''} from {files} file{'s' if files != 1 else ''}"
    if placed.kind in ("imported", "updated"):
        getattr(report, placed.kind).append((shown, f"{detail}; {placed.reason}" if placed.reason else detail))
    else:
        report.skipped.append((shown, placed.reason))
    if placed.kind in ("imported", "updated") or options.dry_run:
        report.notes.extend((placed.name, note) for note in out.notes)
    if placed.kind in ("imported", "updated", "unchanged"):  # the file holds what was converted
        roles = {p.author: one_line(p.user_title or run.titles.get(p.author) or "") for p in thread.posts}
        run.review.thread(shown, out.data, {a: r for a, r in roles.items() if r})
    return True


def run_import(sources: Iterable[Path], options: ImportOptions) -> Report:
    """Import every source into ``options.out``; the report says what happened to each.

    A failure with one input or thread is reported and the others go on; the
    state file records every thread file written, even when a later one fails.
    """
    report = Report(dry_run=options.dry_run)
    folder = options.out
    try:
        state = State.load(folder)
    except ValueError as exc:
        report.failed.append((str(folder), str(exc)))
        return report
    report.failed.extend((str(folder / STATE_NAME), problem) for problem in state.problems)
    try:  # issue 22: members forgotten at their request stay out of every import
        options = replace(options, settings=with_forgotten(options.settings, folder))
    except ValueError as exc:
        report.failed.append((str(folder), str(exc)))
        return report
    if options.dry_run:
        state.journal = None  # a dry run records nothing
    try:
        threads = merge_pages(read_pages(expand(sources, report), options, report))
        titles = member_titles(threads)
    except Exception as exc:  # a bug in merging must not end in a traceback
        report.failed.append((str(folder), f"the inputs could not be merged ({type(exc).__name__}: {exc})"))
        return report
    usable = _usable(threads, report)
    review = Review(wiki_of(options.site, options.settings.experts))
    counts = Counter(tuple(thread.sources) for thread in usable)
    run = _Run(state, options, report, review, titles, output_settings(options), counts)
    converted: list[MergedThread] = []
    jobs = [(thread, titles, options.settings, folder.name) for thread in usable]
    media = MediaStep(options.media, folder, dry_run=options.dry_run) if options.media.keep and usable else None
    try:
        for thread, result in zip(usable, ordered_map(_convert_one, jobs, options.jobs), strict=True):
            if isinstance(result, str):
                report.failed.append((", ".join(thread.sources), result))
            elif _place_one(thread, media.apply(result) if media else result, run):
                converted.append(thread)
    finally:
        report.warnings.extend(review.all())
        report.media.extend(media.finish() if media else [])
        if not options.dry_run and (converted or state.problems):
            try:
                state.save(folder)
            except OSError as exc:
                report.failed.append((str(folder / STATE_NAME), f"could not be written ({exc})"))
    if converted and options.members is not None:
        facts = forgotten_out(_members(converted, titles), options.settings)
        report.media.extend(media.avatars(converted, facts) if media else [])
        _write_members(options.members, facts, options, report)
    return report
