"""Issue 23's weight: each thread page of the archive workload weighs no more than the same thread by hand.

The workload is the archive benchmark's (``benchmarks/archive_sites.py``: 15 posts per
thread, quotes, likes, two expert answers, related threads, tags), built both ways with
MkDocs and Material into ``tmp_path``. Bytes are no timing, so this is a test; the
benchmark reports the same ratio at 2,000 threads.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitebuild import build_site

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from archive_sites import generate_archive, write_archive_handwritten_site, write_archive_plugin_site

THREADS = 24


def _thread_pages(site: Path) -> dict[str, int]:
    return {page.parent.name: page.stat().st_size for page in (site / "threads").glob("*/index.html")}


def test_every_thread_page_weighs_no_more_than_its_handwritten_page(tmp_path: Path) -> None:
    archive = generate_archive(THREADS)
    plugin = write_archive_plugin_site(tmp_path / "plugin", archive).parent
    handwritten = write_archive_handwritten_site(tmp_path / "handwritten", archive).parent
    built = build_site(plugin)
    assert built.warnings() == []
    build_site(handwritten)
    ours, theirs = _thread_pages(plugin / "site"), _thread_pages(handwritten / "site")
    assert len(ours) == THREADS and ours.keys() == theirs.keys()
    heavier = {stem: (ours[stem], theirs[stem]) for stem in ours if ours[stem] > theirs[stem]}
    assert heavier == {}, f"thread pages heavier than by hand (plugin, hand-written bytes): {heavier}"
