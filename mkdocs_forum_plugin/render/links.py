"""Links inside rendered bodies that point at other files of the wiki."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

# nh3 writes every link as <a href="..." rel="..."> (href first), so this sees them all.
_HREF = re.compile(r'href="([^"]*)"(?P<rel> rel="[^"]*")?')
_SRC = re.compile(r'(?P<start><img\b[^>]*?\ssrc=")(?P<src>[^"]*)"')
_POST_ANCHOR = re.compile(r"post-(\d+)(?:-author)?")
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
    missing: Callable[[str, str], None],
    *,
    resolve_web: Callable[[str], str | None] = lambda href: None,
    posts_of: Callable[[str], int | None] = lambda path: None,
) -> str:
    """Point links and pictures at the files of the wiki they name.

    ``resolve`` gets a docs-relative path and returns the URL to use, or None when
    no such file exists; ``missing`` is then told (the target as written, and a
    message) of links to wiki files (thread files and Markdown pages) and of
    pictures that do not exist, and of links to posts (``#post-N``) that a thread
    file, as ``posts_of`` counts them, does not have. ``resolve_web`` maps an old
    forum address (a thread's ``source``) to its page. Other links stay as written.
    """

    def is_relative(target: str) -> bool:
        parts = urlsplit(target)
        return not (parts.scheme or parts.netloc or not parts.path or target.startswith("/"))

    def local(target: str) -> str | None:
        """The URL of a relative path to a file of the wiki; None for anything else or a missing file."""
        if not is_relative(target):
            return None
        parts = urlsplit(target)
        path = docs_path(base_dir, unquote(parts.path))
        url = resolve(path) if path is not None else None
        if url is not None and parts.fragment:
            url += "#" + parts.fragment
            post = _POST_ANCHOR.fullmatch(parts.fragment)
            count = posts_of(path) if post and path is not None else None
            if post and count is not None and not 1 <= int(post.group(1)) <= count:
                posts = f"{count} post{'s' if count != 1 else ''}"
                missing(target, f"links to '{target}', but that thread has {posts}")
        return url

    def link(match: re.Match[str]) -> str:
        href = html.unescape(match.group(1))
        if urlsplit(href).scheme in ("http", "https"):
            page = resolve_web(href)
            return f'href="{html.escape(page, quote=True)}"' if page else match.group(0)
        # A page of this wiki is no untrusted destination: it keeps no "nofollow ugc" rel.
        url = local(href)
        if url is None:
            path = urlsplit(href).path
            if is_relative(href) and path.lower().endswith(_WIKI_SUFFIXES):
                missing(unquote(path), f"links to '{unquote(path)}', which is not a file of this wiki")
            return match.group(0)
        return f'href="{html.escape(url, quote=True)}"'

    def picture(match: re.Match[str]) -> str:
        src = html.unescape(match.group("src"))
        url = local(src)
        if url is None:
            if is_relative(src):
                path = unquote(urlsplit(src).path)
                missing(path, f"shows the picture '{path}', which is not a file of this wiki")
            return match.group(0)
        return f'{match.group("start")}{html.escape(url, quote=True)}"'

    return _SRC.sub(picture, _HREF.sub(link, body_html))
