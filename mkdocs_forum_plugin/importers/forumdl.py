"""forum-dl JSONL output: one JSON object per line, ``{generator, version, extractor, type, item}``.

Thread items give the title; post items ``{path, subpath, url, data, author,
creation_time, content}`` give the posts, grouped by ``path``. ``content`` is
the post's HTML (for XenForo, the ``.bbWrapper``), converted like a saved page:
the engine's own quote markup (vBulletin's ``div.bbcode_quote``, phpBB's cited
``blockquote``, Simple Machines' and Invision's) goes through the same rewrite as
that engine's saved pages, so quotes become ``[quote="NAME, post:N"]`` blocks and
the forum's words around them ("Originally Posted by", "View Post", "wrote:") go.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ..render.text import plural
from .bodies import Rewrite, convert_bodies
from .dates import from_timestamp, parse_iso
from .discourse_records import Record, convert_record, topic_tags
from .dom import first, parse_page
from .engines import invision, phpbb_markup, smf, vbquotes
from .names import one_line, split_memorial
from .records import InputError, ParseOptions, SourcePage, SourcePost, When
from .safety import clean_html, clean_json
from .xenforo import split_title, thread_key

FORMAT = "forum-dl"
_XF_THREAD = re.compile(r"^(https?://[^?#]*?/threads/(?:[^/?#]*\.)?(\d+))(?:/page-\d+)?/?")
_POST_ID = re.compile(r"(?:post-|posts/|#p|p=)(\d+)")


def _when(value: Any, extractor: str = "") -> When | None:
    """A post's time as forum-dl gives it: the page's own time with its offset, kept as it is (``dates``).

    vBulletin 5's ``datetime`` attribute, which forum-dl hands over, is UTC without saying so.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_timestamp(value)
    found = parse_iso(value) if isinstance(value, str) and value else None
    if extractor == "vbulletin" and isinstance(found, dt.datetime) and found.tzinfo is None:
        return found.replace(tzinfo=dt.UTC)
    return found


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value) if isinstance(value, (int, float)) else ""


# forum-dl names its extractor by module: each engine's body markup is read by that engine's rewrite.
_REWRITES: dict[str, Rewrite] = {
    "phpbb": phpbb_markup.prepare,
    "vbulletin": vbquotes.rewrite_vbulletin,
    "simplemachines": smf.prepare,
    "invision": invision.rewrite_invision,
}


def body_rewrite(extractor: str, content: str) -> Rewrite | None:
    """The rewrite for a post's HTML: its extractor's engine, else the engine whose quote markup it holds."""
    if extractor in _REWRITES:
        return _REWRITES[extractor]
    if extractor == "xenforo" or "bbCodeBlock" in content or "bbCodeQuote" in content:
        return None  # the shared converter reads XenForo's quotes as they are
    if "bbcode_quote" in content:
        return vbquotes.rewrite_vbulletin
    if "<blockquote" in content and "<cite" in content:
        return phpbb_markup.rewrite_quotes
    return None


# Prefix labels as the engines mark them: XenForo 2 (.label), XenForo 1 (.prefix), phpBB and vBulletin themes.
_LABELS = ".label, .prefix, .labelLink, .topic-prefix, .prefix_label, .badge"


def plain(value: Any) -> tuple[str, list[str]]:
    """A title, name or section as text, and the prefix labels in it.

    forum-dl's HTML extractors hand over the inner HTML of the page's heading or name
    link (``<a href=...><span class="label">Solved</span> Title</a>``, ``<b>Name</b>``).
    """
    raw = _text(value)
    if "<" not in raw and "&" not in raw:
        return one_line(raw), []
    return split_title(first(parse_page(f"<h1>{raw}</h1>".encode()), "h1"), _LABELS)


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


def _discourse(item: dict[str, Any], extractor: str) -> bool:
    """Whether a post item carries a Discourse post record in its ``data``."""
    data = item.get("data")
    return isinstance(data, dict) and (extractor == "discourse" or "post_number" in data or "post_type" in data)


def _post(item: dict[str, Any], base: str | None, extractor: str) -> Record:
    data: dict[str, Any] = item["data"] if isinstance(item.get("data"), dict) else {}
    if _discourse(item, extractor):
        content = item.get("content")
        return convert_record(
            data,
            base,
            author=plain(item["author"])[0] or None if isinstance(item.get("author"), str) else None,
            content=content if isinstance(content, str) else None,
            created=_when(item.get("creation_time"), extractor),
        )
    author, memorial = split_memorial(plain(item.get("author") or data.get("username"))[0] or "Guest")
    content = clean_html(str(item.get("content") or ""))
    body, quotes, notes = convert_bodies([content], base, body_rewrite(extractor, content))[0]
    subpath = [_text(s) for s in item["subpath"]] if isinstance(item.get("subpath"), list) else []
    match = _POST_ID.search(str(item.get("url") or ""))
    post_id = subpath[-1] if subpath and subpath[-1].isdigit() else (match.group(1) if match else None)
    return Record(
        SourcePost(
            author=author,
            body=body,
            quotes=quotes,
            user_title=_text(data.get("user_title")).strip() or None,
            date=_when(item.get("creation_time"), extractor),
            post_id=post_id,
            memorial=memorial,
            notes=notes,
        )
    )


def _title_from(url: str) -> str:
    match = re.search(r"/(?:threads|t)/([^/?#]+?)(?:\.\d+)?/", url + "/")
    return one_line(match.group(1).replace("-", " ").capitalize()) if match else ""


def _topic(thread: dict[str, Any], items: list[dict[str, Any]]) -> str | None:
    """The Discourse topic id: the thread record's own, else its posts' topic_id."""
    data: dict[str, Any] = thread["data"] if isinstance(thread.get("data"), dict) else {}
    records = [i["data"] for i in items if isinstance(i.get("data"), dict)]
    for value in [data.get("id"), *(r.get("topic_id") for r in records)]:
        if isinstance(value, (int, str)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def parse(source: str, data: bytes, options: ParseOptions) -> list[SourcePage]:
    """Read a forum-dl JSONL file: every thread in it with its posts."""
    entries = _entries(data)
    if not entries:
        raise InputError("no forum-dl items in the file")
    boards: dict[tuple[str, ...], str] = {}
    threads: dict[tuple[str, ...], dict[str, Any]] = {}
    posts: dict[tuple[str, ...], list[tuple[dict[str, Any], str]]] = {}
    for entry in entries:
        item = entry["item"]
        raw_path = item.get("path")
        path = tuple(_text(p) for p in raw_path) if isinstance(raw_path, list) else ()
        kind = entry.get("type")
        if kind == "board":
            boards[path] = plain(item.get("title"))[0]
        elif kind == "thread":
            threads[path] = item
        elif kind == "post":
            posts.setdefault(path, []).append((item, _text(entry.get("extractor")).lower()))
    if not posts:
        extractors = sorted({_text(e.get("extractor")) for e in entries if _text(e.get("extractor"))})
        which = f" ({', '.join(extractors)})" if extractors else ""
        raise InputError(
            f"the file has {plural(len(threads), 'thread')} but no posts: forum-dl's extractor{which} found no"
            " post on the pages (it reads only the markup of the engine versions it knows), or it was run with"
            " --no-posts; import saved pages of the thread instead"
        )
    pages = []
    for path, found in posts.items():
        items = [item for item, _extractor in found]
        thread = threads.get(path, {})
        url = _text(thread.get("url")) or _text(items[0].get("origin")) or _text(items[0].get("url"))
        xf = _XF_THREAD.match(url)
        url = xf.group(1) + "/" if xf else url
        title, labels = plain(thread.get("title"))
        title = title or _title_from(url)
        notes = (
            [] if thread.get("title") else [f"no thread item in the file: the title '{title}' is made from its address"]
        )
        base = url or options.base_url
        converted = [_post(item, base, extractor) for item, extractor in found]
        notes.extend(record.left_out for record in converted if record.left_out)
        discourse = any(_discourse(item, extractor) for item, extractor in found)
        discourse_tags = topic_tags(thread["data"]) if discourse and isinstance(thread.get("data"), dict) else []
        topic = _topic(thread, items) if discourse else None
        if xf:
            key, thread_id = thread_key(url, xf.group(2), title, None), xf.group(2)
        elif topic:
            key, thread_id = f"discourse:{topic}", topic
        else:
            key, thread_id = f"forum-dl:{url or '/'.join(path)}", (path[-1] if path else None)
        pages.append(
            SourcePage(
                source=source,
                format=FORMAT,
                key=key,
                title=title,
                posts=[record.post for record in converted if record.post is not None],
                thread_id=thread_id,
                url=url if url.startswith(("http://", "https://")) else None,
                forum=boards.get(path[:-1]) or None,
                tags=[*labels, *discourse_tags],
                notes=notes,
            )
        )
    return pages
