"""Output addresses: which file holds each, so that no generated page replaces a file of docs/."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel


def nav_paths(nav: object) -> set[str]:
    """Every page path named in an explicit ``nav`` setting, at any depth."""
    if isinstance(nav, str):
        return {nav.lstrip("/")}
    if isinstance(nav, dict):
        return set().union(*(nav_paths(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_paths(item) for item in nav))
    return set()


class Addresses:
    """Which file of the site holds each output address, so that no generated page replaces one.

    A thread file, a Markdown page or any other file of docs/ always keeps its
    address: a section or member page that would land on it moves to a free one,
    and an index page or feed is left out, each with a warning naming both.
    """

    def __init__(self, files: Files, thread_files: dict[str, str]) -> None:
        """``thread_files``: each thread page's src_uri -> its thread file, to name it in messages."""
        self._held = {f.dest_uri: thread_files.get(f.src_uri, f.src_uri) for f in files}
        self.problems: list[str] = []

    def holder(self, file: File) -> str | None:
        """The file of docs/ that already has ``file``'s address, if any."""
        return self._held.get(file.dest_uri)

    def add(self, files: Files, file: File, what: str) -> bool:
        """Add ``file`` (``what`` names it in a message) unless its address is taken."""
        holder = self.holder(file)
        if holder is not None:
            self.problems.append(f"'{holder}' has the address '{file.url}', so {what} is left out; rename one of them")
            return False
        self._held[file.dest_uri] = what
        files.append(file)
        return True

    def moved(self, holder: str, what: str, wanted: File, got: File) -> None:
        """Report a generated page that had to move off ``holder``'s address."""
        self.problems.append(
            f"'{holder}' has the address '{wanted.url}' of {what}, which is at '{got.url}' instead; rename one of them"
        )


def generated_file(config: MkDocsConfig, src: str, content: str, in_nav: bool = True) -> File:
    """A generated page; in the nav only where the site has no own nav or names it there."""
    # A site with its own nav lists the generated pages it wants there; the others are
    # reached from the forums overview, and MkDocs must not call them omitted.
    if in_nav and config.nav is not None and src not in nav_paths(config.nav):
        in_nav = False
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, src, content=content, inclusion=inclusion)


def add_generated(
    files: Files, config: MkDocsConfig, addresses: Addresses, src: str, content: str, *, what: str
) -> bool:
    """Add a generated page or feed unless a file of docs/ has its address (then say so)."""
    return addresses.add(files, generated_file(config, src, content), what)
