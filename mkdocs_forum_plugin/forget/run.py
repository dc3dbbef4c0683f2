"""``mkdocs-forum forget NAME`` on a wiki's docs folder: what is rewritten, deleted and recorded, in a safe order.

The order makes a run that is killed at any point safe to run again, and a rerun
completes it:

1. the record (``.forum-forgotten.json``) first, so an import from then on already
   leaves the member out;
2. each thread file, rewritten in one step (``ledger.atomic_write``); a file already
   rewritten names them no more and is left alone. Where the importer wrote the file and
   it is still as the importer wrote it, the importer's record is told the new digest
   first (through its journal), so a later import may still update the thread;
3. the avatar, deleted while the members entry that names it is still there;
4. the members entry last.

Which files it deletes: only a picture that the member's own entry names as a path
inside docs/, that is a plain file (not a link), and that no other member's entry names.
Every other file that holds the name in its path is listed for the editor, never deleted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..adapters.written import RECORD as GENERATED_RECORD
from ..importers.state import STATE_NAME, State, Written, digest
from ..ledger import atomic_write, crash_point
from ..load.files import decode, is_thread_path
from ..load.threads import parse_members
from ..problems import ThreadFileError
from .members_file import forget_in_members
from .names import Matcher, name_problem
from .record import RECORD_NAME, forgotten_key, load_record
from .thread_file import FileChange, forget_in_thread


@dataclass
class Wiki:
    """Where a wiki's forum files are: its docs folder, members file and which YAML files are threads."""

    docs: Path
    members: str = "members.yml"
    include: list[str] = field(default_factory=lambda: ["*.yml", "*.yaml"])
    exclude: list[str] = field(default_factory=list)


@dataclass
class ForgetReport:
    """What ``forget`` did (or, in a dry run, would do), for the editor."""

    dry_run: bool = False
    threads: list[str] = field(default_factory=list)  # one line a rewritten file
    deleted: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # where the name still is, and what to do
    failed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as lines for the terminal."""
        would = "would be " if self.dry_run else ""
        out = [f"{path}: {would}rewritten: {what}" for path, what in (t.split("\t") for t in self.threads)]
        out += [f"{path}: {would}deleted" for path in self.deleted]
        out += self.members
        out += [f"left: {line}" for line in self.left]
        out += [f"failed: {line}" for line in self.failed]
        out.append(
            f"{len(self.threads)} thread file(s) {would}rewritten, {len(self.deleted)} file(s) {would}deleted"
            + (" (dry run: nothing was written)" if self.dry_run else "")
        )
        if self.left:
            out.append(f"{len(self.left)} place(s) still name them: see 'left:' above, and edit those by hand")
        return out


def _describe(change: FileChange) -> str:
    parts = []
    if change.removed_posts:
        parts.append("removed post(s) " + ", ".join(map(str, change.removed_posts)))
    if change.quotes:
        parts.append(f"{change.quotes} quote(s) emptied")
    if change.likes:
        parts.append(f"{change.likes} like(s) taken out")
    if change.mentions:
        parts.append(f"the name replaced in {change.mentions} place(s)")
    parts += [f"'{what}' dropped" for what in change.dropped]
    return "; ".join(parts)


def _files(docs: Path) -> list[str]:
    return sorted(
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs).parts)
    )


class _ImportRecords:
    """The importer's records (``.forum-import.json``) in docs/: told of each rewrite, and rid of the name.

    A record's key may hold the name (a thread's key can name its starter): it becomes the
    key the importer makes of the same thread once the member is forgotten (``forgotten_key``).
    """

    def __init__(self, docs: Path, matcher: Matcher, word: str, salt: str) -> None:
        self.states: dict[Path, State] = {}
        self.renamed = 0
        for path in sorted(docs.rglob(STATE_NAME)):
            try:
                state = State.load(path.parent)
            except ValueError:
                continue  # the importer reports a broken record itself
            for key in [k for k in state.threads if matcher.found_in(k)]:
                state.threads[forgotten_key(key, salt)] = state.threads.pop(key)
                self.renamed += 1
            for entry in state.threads.values():
                entry.sources = [matcher.replace(source, word) for source in entry.sources]
            self.states[path.parent] = state

    def note(self, path: Path, old: str, new: str) -> None:
        """Before ``path`` is rewritten: where the importer's record holds exactly ``old``, it now holds ``new``."""
        state = self.states.get(path.parent)
        key = state.owner(path.name) if state else None
        entry = state.threads.get(key) if state and key else None
        if state and key and entry is not None and entry.sha256 == digest(old):
            state.record(key, Written(entry.file, digest(new), entry.posts, entry.sources))

    def save(self) -> None:
        """Write the records (each in one step), with their journals folded in."""
        for folder, state in self.states.items():
            state.save(folder)


def _write(path: Path, text: str, bom: bool) -> None:
    atomic_write(path, (("\ufeff" if bom else "") + text).encode("utf-8"))


def forget(wiki: Wiki, name: str, word: str, *, dry_run: bool = False) -> ForgetReport:
    """Forget the member ``name`` in ``wiki``: see the module's description for what and in which order."""
    report = ForgetReport(dry_run=dry_run)
    problem = name_problem(name)
    if problem is not None:
        report.failed.append(f"'{name}': {problem}")
        return report
    matcher = Matcher.of([name])
    word = matcher.safe_word(word)
    docs = wiki.docs
    try:
        record = load_record(docs / RECORD_NAME)
    except ValueError as exc:
        report.failed.append(str(exc))
        return report
    record = record.adding(name, word)
    if not dry_run:
        record.save(docs)
        crash_point("forget-recorded")
    report.members.append(f"{RECORD_NAME}: {'would record' if dry_run else 'recorded'} (without the name)")
    files = _files(docs)
    members_uri = wiki.members.strip("/")
    imports = _ImportRecords(docs, matcher, word, record.salt)
    for uri in files:
        if uri == members_uri or not is_thread_path(uri, wiki.include, wiki.exclude):
            continue
        _thread(docs, uri, matcher=matcher, word=word, report=report, imports=imports, dry_run=dry_run)
    if not dry_run:
        imports.save()
    if members_uri in files:
        _members(docs, members_uri, matcher=matcher, word=word, report=report, dry_run=dry_run)
    gone = set(report.deleted)
    rewritten = {line.split("\t")[0] for line in report.threads} | {members_uri}
    for uri in _files(docs):
        if uri in gone:
            continue
        if matcher.found_in(_path_words(uri)):
            report.left.append(f"{uri}: its file name holds the name; rename it (and the links to it) by hand")
        if uri not in rewritten and uri.lower().endswith(TEXT_SUFFIXES) and _names_in(docs / uri, matcher):
            report.left.append(f"{uri}: a page or file of the wiki names them; edit it by hand")
    if (docs / GENERATED_RECORD).is_file():
        report.members.append("pages written by 'mkdocs-forum generate' still hold the name: run it again")
    return report


TEXT_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt", ".json", ".yml", ".yaml", ".csv", ".xml", ".svg")


def _names_in(path: Path, matcher: Matcher) -> bool:
    """Whether a text file of the wiki (not a thread file) names the member; unreadable files are not read."""
    try:
        return matcher.found_in(path.read_bytes().decode("utf-8", "replace"))
    except OSError:
        return False


def _path_words(uri: str) -> str:
    """A path with its separators as spaces, so 'avatars/ravi_k.png' shows the name 'ravi_k'."""
    return uri.replace("/", " ").replace(".", " ").replace("-", " ")


def _thread(
    docs: Path, uri: str, *, matcher: Matcher, word: str, report: ForgetReport, imports: _ImportRecords, dry_run: bool
) -> None:
    path = docs / uri
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.failed.append(f"{uri}: could not be read ({exc.strerror or exc})")
        return
    try:
        text = decode(data, uri)
        if "\\" not in text and not matcher.found_in(text):
            return  # no name, and no escape that could spell one: nothing to read further
        change = forget_in_thread(text, uri, matcher, word)
    except ThreadFileError as exc:
        if matcher.found_in(data.decode("utf-8", "replace")):
            report.failed.append(f"{uri}: holds the name, but is not valid YAML ({exc.problem}); edit it by hand")
        return
    report.left.extend(f"{uri}: {line}" for line in change.left)
    if not change.changed or change.text == text:
        return
    report.threads.append(f"{uri}\t{_describe(change)}")
    if dry_run:
        return
    imports.note(path, text, change.text)
    _write(path, change.text, data.startswith(b"\xef\xbb\xbf"))
    crash_point("forget-thread")


def _inside(docs: Path, relative: str) -> Path | None:
    """The file a docs-relative path names, when it is a plain file inside docs/ (no link, no '..')."""
    target = docs / relative
    try:
        resolved = target.resolve(strict=True)
        resolved.relative_to(docs.resolve())
    except (OSError, ValueError):
        return None
    return target if target.is_file() and not target.is_symlink() else None


def _members(docs: Path, uri: str, *, matcher: Matcher, word: str, report: ForgetReport, dry_run: bool) -> None:
    path = docs / uri
    try:
        data = path.read_bytes()
        text = decode(data, uri)
        members = parse_members(text, uri)
        change = forget_in_members(text, uri, matcher, word)
    except (OSError, ThreadFileError) as exc:
        report.failed.append(f"{uri}: could not be read ({exc}); take the member's entry out by hand")
        return
    report.left.extend(f"{uri}: {line}" for line in change.left)
    others = {m.avatar_path for n, m in members.items() if n not in change.entries and m.avatar_path}
    delete: Callable[[Path], None] = (lambda _p: None) if dry_run else os.unlink
    for avatar in change.avatars:
        found = _inside(docs, avatar)
        if avatar in others:
            report.members.append(f"{avatar}: kept: another member's entry names this picture too")
        elif found is not None:
            delete(found)
            report.deleted.append(avatar)
            crash_point("forget-avatar")
    if change.text != text:
        taken = f"{len(change.entries)} entr{'y' if len(change.entries) == 1 else 'ies'}"
        elsewhere = f", and the name from {change.mentions} other place(s)" if change.mentions else ""
        report.members.append(f"{uri}: {'would take' if dry_run else 'took'} out {taken}{elsewhere}")
        if not dry_run:
            _write(path, change.text, data.startswith(b"\xef\xbb\xbf"))
