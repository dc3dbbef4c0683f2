"""Which thread a converted thread is, for the import record: its forum identity, never its title.

A title changes (a moderator renames the thread, ``--prefix`` moves a label out of
it, the forum's address slug follows the title), so the record keys each thread by
what does not change:

1. ``thread:HOST:ID``: the forum's host and the thread's id, when the source gives
   both (every saved-page engine, Discourse with ``--base-url``, forum-dl's XenForo
   and Discourse output);
2. ``address:URL``: the thread's address, normalised (below), when it has no id;
3. ``id:ENGINE:ID:AUTHOR:DATE``: an id without a host (a saved page with no address
   of its own): ids of two forums could meet, so the first post's author and date
   are part of it;
4. ``file:PATH:AUTHOR:DATE``: nothing of the forum at all (copied text): the input
   file, as a path from the output folder, and the first post's author and date.

Normalising an address: scheme and host in lower case, no default port, no
fragment, no trailing slash; the page part left out (``/page-2``, ``/page2``,
``/page/2``, ``-page-2.html``, vBSEO's ``-2.html`` after a slug that starts with the
id, phpBB SEO's ``topic12-15.html``, the query's ``start``, ``page``, SMF's
``topic=96.15``), session and highlight parameters left out, the other parameters
sorted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .merge import MergedThread

DEFAULT_PORTS = {"http": "80", "https": "443"}
# Query parameters that say which page, whose session or which words, not which thread.
NOT_THE_THREAD = frozenset({"start", "page", "sid", "s", "phpsessid", "highlight", "hilit", "view"})
_PAGE_PATH = re.compile(r"/(?:page-?\d+|page/\d+)$", re.IGNORECASE)
_PAGE_FILE = (
    re.compile(r"^(?P<keep>.+?)-page-\d+(?P<ext>\.html?)$", re.IGNORECASE),  # thread-73-page-2.html
    re.compile(r"^(?P<keep>\d+-.+?)-\d+(?P<ext>\.html?)$", re.IGNORECASE),  # 123-a-slug-2.html (vBSEO)
    re.compile(r"^(?P<keep>(?:topic|t)\d+)-\d+(?P<ext>\.html?)$", re.IGNORECASE),  # topic12-15.html (phpBB SEO)
)
_SMF_TOPIC = re.compile(r"^(\d+)\.\d+$")  # topic=96.15: topic 96 from its 15th post


def canonical_address(url: str) -> str | None:
    """The thread's address without what changes between its pages and visits; None for no web address."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not host:
        return None
    if port is not None and str(port) != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    path = _PAGE_PATH.sub("", path)
    head, _, last = path.rpartition("/")
    for pattern in _PAGE_FILE:
        match = pattern.fullmatch(last)
        if match:
            last = match.group("keep") + match.group("ext")
            break
    path = f"{head}/{last}" if head or last else ""
    query = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() in NOT_THE_THREAD:
            continue
        topic = _SMF_TOPIC.match(value) if name.lower() == "topic" else None
        query.append((name, topic.group(1) if topic else value))
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def _host(address: str | None) -> str:
    return urlsplit(address).netloc if address else ""


def thread_identity(thread: MergedThread, folder: Path) -> str:
    """The key of ``thread`` in the import record of ``folder`` (see the module's docstring)."""
    first = thread.first
    engine = first.key.split(":", 1)[0]
    address = canonical_address(first.url) if first.url else None
    host = _host(address)
    # forum-dl's own key (engines it has no mapping for here): its path's last part may not be the forum's id.
    if first.thread_id and host and engine != "forum-dl":
        return f"thread:{host}:{first.thread_id}"
    if address:
        return f"address:{address}"
    post = thread.posts[0] if thread.posts else None
    who = f"{post.author}:{post.date.isoformat() if post.date else ''}" if post else ":"
    if first.thread_id:
        return f"id:{engine}:{first.thread_id}:{who}"
    return f"file:{source_path(first.source, folder)}:{who}"


def source_path(source: str, folder: Path) -> str:
    """An input file as the record names it: a path from the output folder, with '/'."""
    try:
        return os.path.relpath(source, folder).replace(os.sep, "/")
    except ValueError:  # another drive (Windows): no path leads there from the folder
        return Path(source).absolute().as_posix()
