"""``mkdocs-forum media``: the media of thread files already in the wiki kept, their links changed in place.

Each thread file's bodies are read for media links; the files are kept as an import
keeps them; then only the addresses of the links whose file was kept change, where
they stand in the YAML text (``rewrite.rewrite_file``), and the file is replaced in one
step. Every other byte of the file stays as it was. A link whose file could not be
kept stays as it is and is reported: a hand-written file gets no notes added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..ledger import atomic_write
from ..load.yaml_nodes import compose
from ..problems import ThreadFileError
from .keep import Keeper, media_links, relative
from .rewrite import rewrite_file
from .store import FOLDER

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Result:
    """What ``media`` did to each thread file."""

    changed: list[tuple[str, int]] = field(default_factory=list)  # (file, links changed)
    left: list[tuple[str, str]] = field(default_factory=list)  # (file, why it was left alone)
    lines: list[str] = field(default_factory=list)


def load(text: str) -> Any:
    """A thread file's data, read safely (no aliases, no deep nesting)."""
    compose(text, "thread file")
    return yaml.load(text, Loader=_Loader)  # a safe loader: CSafeLoader or SafeLoader


def thread_files(paths: Iterable[Path], docs: Path) -> list[Path]:
    """The YAML files named, and those in the folders named; no dot files and nothing under docs/media/."""
    media = (docs / FOLDER).resolve()
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.suffix.lower() in (".yml", ".yaml")
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
    return [p for p in dict.fromkeys(found) if not p.resolve().is_relative_to(media)]


def keep_in_files(files: list[Path], keeper: Keeper, docs: Path, *, dry_run: bool) -> Result:
    """Keep the media of each file and change its links in place (not in a dry run)."""
    result = Result()
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
            data = load(text)
        except (OSError, UnicodeDecodeError, ThreadFileError) as exc:
            result.left.append((str(path), f"not read ({exc})"))
            continue
        posts = data.get("posts") if isinstance(data, dict) else None
        if not isinstance(posts, list):
            continue  # not a thread file (a members file, a page's settings)
        bodies = [p["body"] for p in posts if isinstance(p, dict) and isinstance(p.get("body"), str)]
        addresses = list(dict.fromkeys(link.dest for body in bodies for link in media_links(body)))
        if not addresses:
            continue
        outcomes = keeper.keep(addresses, [])
        new: dict[str, str] = {}
        for address in addresses:
            outcome = outcomes.get(address)
            entry = keeper.entry(outcome) if outcome is not None else None
            if entry is not None:
                new[address] = relative(entry, docs, path.parent)
        if not new:
            continue
        change = rewrite_file(text, new, load)
        if change is None:
            continue
        if change.left:
            why = f"{change.left} link(s) could not be changed in place without changing anything else (quoted YAML?)"
            result.left.append((str(path), why))
        if change.text != text:
            if not dry_run:
                atomic_write(path, change.text.encode("utf-8"))
            result.changed.append((str(path), len(new)))
    return result


def report_lines(result: Result, keeper: Keeper, *, dry_run: bool) -> list[str]:
    """The command's report: each file changed or left, then the media lines."""
    verb = "would change" if dry_run else "changed"
    out = [f"{verb:<12} {name}  ({count} address{'es' if count != 1 else ''})" for name, count in result.changed]
    out += [f"left alone   {name}: {why}" for name, why in result.left]
    out += keeper.tally.lines()
    return out
