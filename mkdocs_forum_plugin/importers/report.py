"""The summary an import prints: what was imported, updated, skipped and why, what failed, what to look at.

Warnings (``review.py``) name a thread file and say what to do: posts without dates,
a role that reads like an expert's but is not in ``experts``, a section the wiki's
``nav`` does not list. They do not make the import fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    """Everything one import did, in the order it happened."""

    imported: list[tuple[str, str]] = field(default_factory=list)  # (thread file, detail)
    updated: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (thread file or input, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input or file, message)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (thread file, note)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (thread file, what to do)
    members: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)  # what the media step kept, refused, found dead
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        """Nothing failed."""
        return not self.failed

    def summary(self) -> str:
        """One line: counts of each outcome."""
        parts = [
            f"{len(self.imported)} imported",
            f"{len(self.updated)} updated",
            f"{len(self.skipped)} skipped",
            f"{len(self.failed)} failed",
        ]
        if self.warnings:
            parts.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}")
        lead = "Dry run (nothing written): " if self.dry_run else ""
        return lead + ", ".join(parts)

    def lines(self) -> list[str]:
        """The whole report, one line per file or note."""
        out: list[str] = []
        for label, rows in (("imported", self.imported), ("updated", self.updated)):
            out.extend(f"{label:<9} {name}  ({detail})" for name, detail in rows)
        out.extend(f"skipped   {name}: {why}" for name, why in self.skipped)
        out.extend(f"FAILED    {name}: {message}" for name, message in self.failed)
        if self.notes:
            out.append("notes:")
            out.extend(f"  {name}: {note}" for name, note in self.notes)
        if self.warnings:
            out.append("warnings:")
            out.extend(f"  {name}: {message}" for name, message in self.warnings)
        out.extend(f"members:  {line}" for line in self.members)
        out.extend(self.media)
        out.append(self.summary())
        return out
