"""The chunked search index in a MkDocs site, answered by the plugin's worker in Material's search box.

- :func:`use_worker`: each page's ``__config`` names that worker instead of Material's;
- :func:`leave_out_material_worker`: Material's own worker and its lunr language files,
  which no page then loads, are left out of the site;
- :func:`write_index`: after Material's search plugin wrote ``search/search_index.json``
  (entries of the pages that are not threads), its entries and the threads' records go
  into the chunked index under ``search/forum/``, and ``search_index.json`` keeps only
  its configuration, so no page downloads anything that grows with the wiki.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ....plan.site_plan import WORKER_URI
from ....search_index import build_index
from ....search_records import SearchPage, page_from_entries

INDEX_DIR = "search/forum"
# Material's base.html: "search": "<relative prefix>assets/javascripts/workers/search.<hash>.min.js"
_MATERIAL_WORKER = re.compile(r'("search":\s*"[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
# The theme's files that only Material's worker loads: itself (and its source map), and the
# lunr language files it imports.
_MATERIAL_WORKER_FILES = re.compile(r"assets/javascripts/(?:workers/search\.[0-9a-f]+\.min\.js(?:\.map)?|lunr/.+)")
_MATERIAL_SEARCH = ("search", "material/search")


def use_worker(output: str) -> str:
    """The page with the plugin's worker in its ``__config`` (the relative prefix is kept, so sub-paths work)."""
    return _MATERIAL_WORKER.sub(lambda m: f'{m.group(1)}{WORKER_URI}"', output, count=1)


def leave_out_material_worker(files: Files, config: MkDocsConfig) -> int:
    """Leave Material's search worker and lunr files out of the site; how many files were left out.

    Call it only when the plugin's worker answers the search box. Only the theme's own files
    go (a wiki's docs/ file at the same path stays), and only when Material's search plugin is
    configured, which is when the pages name the plugin's worker instead of Material's.
    """
    if not any(name in config.plugins for name in _MATERIAL_SEARCH):
        return 0
    theme_dirs = {os.path.normpath(folder) for folder in config.theme.dirs}
    gone = [
        file
        for file in files
        if _MATERIAL_WORKER_FILES.fullmatch(file.src_uri)
        and file.abs_src_path is not None
        and os.path.normpath(file.src_dir or "") in theme_dirs
    ]
    for file in gone:
        files.remove(file)
    return len(gone)


def write_index(site_dir: Path, threads: list[SearchPage]) -> int | None:
    """Write the chunked index of the threads and of Material's entries; the number of items, or None.

    None when there is no ``search_index.json`` (no search plugin, or another one):
    then nothing is written and that search works as it did.
    """
    main = site_dir / "search" / "search_index.json"
    try:
        data = json.loads(main.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        return None
    pages = threads + page_from_entries(e for e in data["docs"] if isinstance(e, dict))
    index = build_index(pages)
    folder = site_dir / INDEX_DIR
    shutil.rmtree(folder, ignore_errors=True)
    for sub in ("terms", "pages"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for name, content in index.files():
        (folder / name).write_bytes(content)
    config = dict(data.get("config") or {})
    config["forum"] = {
        "index": f"{INDEX_DIR}/",
        "version": index.version,
        "items": index.items,
        "pack": index.pack,
        "buckets": index.buckets,
    }
    main.write_text(json.dumps({"config": config, "docs": []}, separators=(",", ":")), encoding="utf-8")
    return index.items
