"""Which files of docs/ ``mkdocs-forum generate`` wrote: its block in ``docs/.gitignore``.

The list is both the record of what the command may replace or delete and what keeps
those files out of git. Lines outside the block are the wiki's own and are kept.
The MkDocs plugin reads the same list and leaves those files out of its build, so a
wiki that was prepared for Zensical still builds with MkDocs exactly as before.
"""

from __future__ import annotations

from pathlib import Path

GITIGNORE = ".gitignore"
BEGIN = "# >>> mkdocs-forum generate: pages made from thread files for Zensical; do not edit this block"
FINISH = "# <<< mkdocs-forum generate"


def _split(text: str) -> tuple[list[str], list[str]]:
    """The wiki's own lines, and the paths listed in the block."""
    own: list[str] = []
    listed: list[str] = []
    inside = False
    for line in text.splitlines():
        if line == BEGIN:
            inside = True
        elif line == FINISH:
            inside = False
        elif inside:
            if line.startswith("/") and line != "/" + GITIGNORE:
                listed.append(line[1:])
        else:
            own.append(line)
    return own, listed


def _text(docs: Path) -> str:
    try:
        return (docs / GITIGNORE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def written(docs: Path) -> set[str]:
    """The docs paths the last ``mkdocs-forum generate`` wrote (none when it never ran)."""
    return set(_split(_text(docs))[1])


def record(docs: Path, paths: list[str]) -> None:
    """Record ``paths`` as the generated files, keeping the wiki's own ignore lines."""
    own, _ = _split(_text(docs))
    while own and not own[-1].strip():
        own.pop()
    # A .gitignore that only this command wrote ignores itself; a wiki's own stays tracked.
    block = [BEGIN, *([f"/{GITIGNORE}"] if not own else []), *(f"/{p}" for p in sorted(paths)), FINISH]
    lines = [*own, *([""] if own else []), *block] if paths else own
    text = "\n".join(lines) + "\n" if lines else ""
    target = docs / GITIGNORE
    if not text:
        target.unlink(missing_ok=True)
        return
    temporary = target.with_name(f".{GITIGNORE}.forum-tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
