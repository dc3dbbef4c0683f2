"""Relative links worked out from the addresses' parts give what posixpath.relpath gives."""

from __future__ import annotations

import itertools
import posixpath

from mkdocs_forum_plugin.link_index import relative_url

PARTS = ["", "a", "b", "a.html", "x y", "%C3%A9", ".", "..", "threads", "members"]


def reference(url: str, from_url: str) -> str:
    """The former way: posixpath.relpath under a made-up root."""
    head, tail = posixpath.split(from_url)
    base = head if "." in tail else from_url
    target, start = url or ".", base or "."
    if not target.startswith("..") and not start.startswith(".."):
        target, start = "/" + target, "/" + start
    rel = posixpath.relpath(target, start)
    return rel + "/" if url.endswith("/") else rel


def addresses() -> list[str]:
    found = {""}
    for n in (1, 2, 3):
        for parts in itertools.product(PARTS, repeat=n):
            path = "/".join(parts)
            found.update({path, path + "/"})
    return sorted(found)


def test_every_pair_of_addresses_links_as_relpath_does() -> None:
    urls = addresses()
    sample = urls[::29]  # every pair of two thousand addresses would take a minute
    for url in urls:
        for from_url in sample:
            assert relative_url(url, from_url) == reference(url, from_url), (url, from_url)


def test_the_usual_links() -> None:
    assert relative_url("threads/a/", "members/ann/") == "../../threads/a/"
    assert relative_url("threads/a/", "threads/b/") == "../a/"
    assert relative_url("threads/a.html", "members/ann.html") == "../threads/a.html"
    assert relative_url("", "members/ann/") == "../.."
    assert relative_url("members/ann/", "members/ann/") == "./"
