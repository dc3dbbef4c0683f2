"""Read a built site's chunked search index as the worker does: term files by bucket, rows from packs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs_forum_plugin.search_index import term_file


def forum_config(site_dir: Path) -> dict[str, Any]:
    """The ``forum`` entry of the site's search_index.json config (index, version, items, pack, buckets)."""
    main = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    config: dict[str, Any] = main["config"]["forum"]
    return config


def page_rows(site_dir: Path, page: int) -> list[list[Any]]:
    """The rows of page number ``page``, with full locations, as the worker rebuilds them."""
    config = forum_config(site_dir)
    pack_file = site_dir / config["index"] / "pages" / f"{page // config['pack']}.json"
    rows: list[list[Any]] = json.loads(pack_file.read_text(encoding="utf-8"))[page % config["pack"]]
    base = rows[0][0]
    full = [rows[0]]
    for row in rows[1:]:
        short = row[0]
        location = f"{base}#post-{short}" if isinstance(short, int) else base + short if short[0] == "#" else short
        full.append([location, *row[1:]])
    return [row if len(row) > 2 else [*row, ""] for row in full]


def postings(site_dir: Path, word: str) -> list[int]:
    """``[df, page, item, weight, ...]`` of an indexed word."""
    config = forum_config(site_dir)
    terms = site_dir / config["index"] / "terms" / term_file(word, config["buckets"])
    found: list[int] = json.loads(terms.read_text(encoding="utf-8"))[word]
    return found


def hits(site_dir: Path, word: str) -> list[list[Any]]:
    """The rows a query for one word finds, best weight first: ``[location, title, text, tags?]``."""
    found = postings(site_dir, word)
    return [page_rows(site_dir, found[k])[found[k + 1]] for k in range(1, len(found), 3)]


def page_count(site_dir: Path) -> int:
    """How many pages the index has: full packs, and the entries of the last one."""
    config = forum_config(site_dir)
    packs = sorted((site_dir / config["index"] / "pages").glob("*.json"), key=lambda path: int(path.stem))
    assert [int(path.stem) for path in packs] == list(range(len(packs))), "packs are numbered from 0 without gaps"
    return (len(packs) - 1) * config["pack"] + len(json.loads(packs[-1].read_bytes())) if packs else 0


def all_rows(site_dir: Path) -> list[list[Any]]:
    """Every row of every page, in page order."""
    return [row for page in range(page_count(site_dir)) for row in page_rows(site_dir, page)]
