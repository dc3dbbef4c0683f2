"""Links inside rendered bodies that point at other files of the wiki."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..link_index import PageLinks
from .text import plural

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


@dataclass
class LinkProblem:
    """A link or picture in a body that points nowhere: the target as written, and what to say."""

    target: str
    message: str


def rewrite_links(body_html: str, base_dir: str, links: PageLinks) -> tuple[str, list[LinkProblem]]:
    """Point links and pictures at the files of the wiki they name; report the ones that point nowhere.

    Relative links are resolved against ``base_dir`` (the thread file's folder). Links
    to wiki files (thread files and Markdown pages) and pictures that do not exist are
    reported, and so are links to posts (``#post-N``) that a thread does not have. A
    link to an old forum address (some thread's ``source``) points at that thread's
    page. Other links stay as written.
    """
    problems: list[LinkProblem] = []

    def is_relative(target: str) -> bool:
        parts = urlsplit(target)
        return not (parts.scheme or parts.netloc or not parts.path or target.startswith("/"))

    def local(target: str) -> str | None:
        """The URL of a relative path to a file of the wiki; None for anything else or a missing file."""
        if not is_relative(target):
            return None
        parts = urlsplit(target)
        path = docs_path(base_dir, unquote(parts.path))
        url = links.file(path) if path is not None else None
        if url is not None and path is not None and parts.fragment:
            post = _POST_ANCHOR.fullmatch(parts.fragment)
            # "#post-N-author", a post heading's old id, is the post's own "#post-N" (headings carry
            # an id only for Material's search): the link lands on the post either way.
            url += "#" + (f"post-{post.group(1)}" if post else parts.fragment)
            count = links.posts_in(path) if post else None
            if post and count is not None and not 1 <= int(post.group(1)) <= count:
                problems.append(
                    LinkProblem(target, f"links to '{target}', but that thread has {plural(count, 'post')}")
                )
        return url

    def link(match: re.Match[str]) -> str:
        href = html.unescape(match.group(1))
        if urlsplit(href).scheme in ("http", "https"):
            page = links.old_address(href)
            return f'href="{html.escape(page, quote=True)}"' if page else match.group(0)
        # A page of this wiki is no untrusted destination: it keeps no "nofollow ugc" rel.
        url = local(href)
        if url is None:
            path = urlsplit(href).path
            if is_relative(href) and path.lower().endswith(_WIKI_SUFFIXES):
                target = unquote(path)
                problems.append(LinkProblem(target, f"links to '{target}', which is not a file of this wiki"))
            return match.group(0)
        return f'href="{html.escape(url, quote=True)}"'

    def picture(match: re.Match[str]) -> str:
        src = html.unescape(match.group("src"))
        url = local(src)
        if url is None:
            if is_relative(src):
                path = unquote(urlsplit(src).path)
                problems.append(LinkProblem(path, f"shows the picture '{path}', which is not a file of this wiki"))
            return match.group(0)
        return f'{match.group("start")}{html.escape(url, quote=True)}"'

    return _SRC.sub(picture, _HREF.sub(link, body_html)), problems
