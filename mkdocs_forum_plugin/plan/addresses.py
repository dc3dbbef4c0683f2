"""Where a file of the site is published, and which file holds each address.

The rules are MkDocs' (and Zensical's, which follows them): ``a/b.md`` is served at
``a/b/`` from ``a/b/index.html`` with directory URLs, at ``a/b.html`` without;
``index.md`` and ``README.md`` are their folder's page; any other file keeps its path.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def _stem(src: str) -> str:
    stem = posixpath.splitext(posixpath.basename(src))[0]
    return "index" if stem == "README" else stem


def output_path(src: str, directory_urls: bool = True) -> str:
    """The file of the built site that a docs file becomes."""
    if not src.endswith(MARKDOWN):
        return src
    parent = posixpath.dirname(src)
    stem = _stem(src)
    if not directory_urls or stem == "index":
        return posixpath.join(parent, stem + ".html")
    return posixpath.join(parent, stem, "index.html")


def page_url(src: str, directory_urls: bool = True) -> str:
    """A docs file's address from the site's root, percent-encoded as MkDocs writes it."""
    url = output_path(src, directory_urls)
    folder, name = posixpath.split(url)
    if directory_urls and name == "index.html":
        url = (folder or ".") + "/"
    return quote(url)


def relative_url(target: str, here: str) -> str:
    """``target`` (an address from the site's root) as a link from the page at ``here``.

    A last part of ``here`` with a dot in it names a file, whose folder the link starts from.
    """
    folder, _, last = here.rpartition("/")
    start = folder if "." in last else here
    from_parts = [p for p in start.split("/") if p not in ("", ".")]
    to_parts = [p for p in target.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(from_parts), len(to_parts)) and from_parts[common] == to_parts[common]:
        common += 1
    link = "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
    return link + "/" if target.endswith("/") else link


def nav_order(nav: object) -> list[str]:
    """Every page path named in an explicit ``nav`` setting, at any depth, in the order the nav lists them."""
    if isinstance(nav, str):
        return [nav.lstrip("/")]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_order(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in nav_order(item)]
    return []


def nav_paths(nav: object) -> set[str]:
    """Every page path named in an explicit ``nav`` setting, at any depth."""
    return set(nav_order(nav))


class Addresses:
    """Which file of the site holds each output address, so that no generated page replaces one.

    A thread file, a Markdown page or any other file of docs/ always keeps its
    address: a section or member page that would land on it moves to a free one,
    and an index page or feed is left out, each with a warning naming both.
    """

    def __init__(self, held: dict[str, str], directory_urls: bool = True) -> None:
        """``held``: each docs path of the site -> how a message names it (a thread page by its thread file)."""
        self.directory_urls = directory_urls
        self._held = {output_path(src, directory_urls): name for src, name in held.items()}
        self.problems: list[str] = []

    def holder(self, src: str) -> str | None:
        """The file of docs/ that already has the address ``src`` would get, if any."""
        return self._held.get(output_path(src, self.directory_urls))

    def take(self, src: str, what: str) -> bool:
        """Give ``src`` (``what`` names it in a message) its address, unless that is taken (then say so)."""
        holder = self.holder(src)
        if holder is not None:
            url = page_url(src, self.directory_urls)
            self.problems.append(f"'{holder}' has the address '{url}', so {what} is left out; rename one of them")
            return False
        self._held[output_path(src, self.directory_urls)] = what
        return True

    def moved(self, holder: str, what: str, wanted: str, got: str) -> None:
        """Report a generated page that had to move off ``holder``'s address."""
        old, new = page_url(wanted, self.directory_urls), page_url(got, self.directory_urls)
        message = f"'{holder}' has the address '{old}' of {what}, which is at '{new}' instead; rename one of them"
        self.problems.append(message)
