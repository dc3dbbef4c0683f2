"""Links inside rendered bodies that point at other files of the wiki."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

# nh3 writes every link as <a href="..." rel="..."> (href first), so this sees them all.
_HREF = re.compile(r'href="([^"]*)"(?P<rel> rel="[^"]*")?')
_WIKI_SUFFIXES = (".yml", ".yaml", ".md", ".markdown")


def docs_path(base_dir: str, target: str) -> str | None:
    """The docs-relative path a relative link in a file under ``base_dir`` points at."""
    joined = posixpath.normpath(posixpath.join(base_dir, target))
    if joined.startswith("../") or joined == "..":
        return None
    return "" if joined == "." else joined


def rewrite_links(
    body_html: str,
    base_dir: str,
    resolve: Callable[[str], str | None],
    missing: Callable[[str], None],
    resolve_web: Callable[[str], str | None] = lambda href: None,
) -> str:
    """Point links at the wiki pages they name.

    ``resolve`` gets a docs-relative path and returns the URL to use, or None when
    no such file exists; ``missing`` is then told of links to wiki files (thread
    files and Markdown pages) that do not exist. ``resolve_web`` maps an old forum
    address (a thread's ``source``) to its page. Other links stay as written.
    """

    def replace(match: re.Match[str]) -> str:
        href = html.unescape(match.group(1))
        parts = urlsplit(href)
        if parts.scheme in ("http", "https"):
            page = resolve_web(href)
            return f'href="{html.escape(page, quote=True)}"' if page else match.group(0)
        if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
            return match.group(0)
        # A page of this wiki is no untrusted destination: it keeps no "nofollow ugc" rel.
        path = docs_path(base_dir, unquote(parts.path))
        url = resolve(path) if path is not None else None
        if url is None:
            if parts.path.lower().endswith(_WIKI_SUFFIXES):
                missing(unquote(parts.path))
            return match.group(0)
        if parts.fragment:
            url += "#" + parts.fragment
        return f'href="{html.escape(url, quote=True)}"'

    return _HREF.sub(replace, body_html)
