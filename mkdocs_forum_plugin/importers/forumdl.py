"""forum-dl JSONL output: one JSON object per line, ``{generator, version, extractor, type, item}``.

Thread items give the title; post items ``{path, subpath, url, data, author,
creation_time, content}`` give the posts, grouped by ``path``. ``content`` is
the post's HTML (for XenForo, the ``.bbWrapper``), converted like a saved page.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .dates import from_timestamp, parse_utc
from .html_to_markdown import html_to_markdown
from .names import one_line, split_memorial
from .records import InputError, ParseOptions, SourcePage, SourcePost, When
from .safety import clean_json
from .xenforo import thread_key

FORMAT = "forum-dl"
LIKE = 2  # Discourse's action type id of a like, when forum-dl keeps the post's data
_XF_THREAD = re.compile(r"^(https?://[^?#]*?/threads/(?:[^/?#]*\.)?(\d+))(?:/page-\d+)?/?")
_POST_ID = re.compile(r"(?:post-|posts/|#p|p=)(\d+)")


def _when(value: Any) -> When | None:
    if isinstance(value, (int, float)):
        return from_timestamp(value)
    return parse_utc(str(value)) if value else None


def _entries(data: bytes) -> list[dict[str, Any]]:
    entries = []
    for number, line in enumerate(data.decode("utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = clean_json(json.loads(line))
        except (ValueError, RecursionError) as exc:
            raise InputError(f"line {number} is not JSON ({exc.args[0]})") from None
        if isinstance(entry, dict) and isinstance(entry.get("item"), dict):
            entries.append(entry)
    return entries


def _post(item: dict[str, Any], base: str | None) -> SourcePost:
    data: dict[str, Any] = item["data"] if isinstance(item.get("data"), dict) else {}
    author, memorial = split_memorial(str(item.get("author") or data.get("username") or "Guest"))
    body, quotes = html_to_markdown(str(item.get("content") or ""), base)
    subpath = [str(s) for s in item.get("subpath") or []]
    match = _POST_ID.search(str(item.get("url") or ""))
    post_id = subpath[-1] if subpath and subpath[-1].isdigit() else (match.group(1) if match else None)
    likes = sum(int(a.get("count") or 0) for a in data.get("actions_summary") or [] if a.get("id") == LIKE)
    number = data.get("post_number")
    return SourcePost(
        author=author,
        body=body,
        quotes=quotes,
        user_title=str(data.get("user_title") or "").strip() or None,
        date=_when(item.get("creation_time")),
        post_id=post_id,
        position=number if isinstance(number, int) else None,
        likes_total=likes or None,
        memorial=memorial,
    )


def _title_from(url: str) -> str:
    match = re.search(r"/(?:threads|t)/([^/?#]+?)(?:\.\d+)?/", url + "/")
    return one_line(match.group(1).replace("-", " ").capitalize()) if match else ""


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read a forum-dl JSONL file: every thread in it with its posts."""
    entries = _entries(data)
    if not entries:
        raise InputError("no forum-dl items in the file")
    boards: dict[tuple[str, ...], str] = {}
    threads: dict[tuple[str, ...], dict[str, Any]] = {}
    posts: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for entry in entries:
        item = entry["item"]
        path = tuple(str(p) for p in item.get("path") or [])
        if entry.get("type") == "board":
            boards[path] = one_line(str(item.get("title") or ""))
        elif entry.get("type") == "thread":
            threads[path] = item
        elif entry.get("type") == "post":
            posts.setdefault(path, []).append(item)
    if not posts:
        raise InputError("the file has no posts (forum-dl was run with --no-posts?)")
    pages = []
    for path, items in posts.items():
        thread = threads.get(path, {})
        url = str(thread.get("url") or items[0].get("origin") or items[0].get("url") or "")
        xf = _XF_THREAD.match(url)
        url = xf.group(1) + "/" if xf else url
        title = one_line(str(thread.get("title") or "")) or _title_from(url)
        notes = (
            [] if thread.get("title") else [f"no thread item in the file: the title '{title}' is made from its address"]
        )
        key = thread_key(url, xf.group(2), title, None) if xf else f"forum-dl:{url or '/'.join(path)}"
        pages.append(
            SourcePage(
                source=source,
                format=FORMAT,
                key=key,
                title=title,
                posts=[_post(item, url or options.base_url) for item in items],
                thread_id=xf.group(2) if xf else (path[-1] if path else None),
                url=url or None,
                forum=boards.get(path[:-1]) or None,
                notes=notes,
            )
        )
    return pages
