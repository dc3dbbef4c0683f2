"""Child process: emulate ``mkdocs serve``, a cold build and warm rebuilds after edits.

Run by ``run.py`` as ``python benchmarks/child_serve.py MKDOCS_YML THREAD_FILE APPENDED EDITS SITE_DIR``.
It does what ``mkdocs/commands/serve.py`` does: load the config, run ``on_startup``
once, build; after each edit, load the config again and rebuild. The ``plugins``
config option caches plugin classes that define ``on_startup``, so the second load
should return the same ForumPlugin instance, and its caches survive; the output says
whether it did.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

SERVE_URL = "http://127.0.0.1:8000/"


def serve_config(config_file: str, site_dir: str) -> MkDocsConfig:
    """The config as serve loads it for every rebuild, with serve's own address."""
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.site_url = SERVE_URL
    return config


def timed_build(config: MkDocsConfig) -> list[float]:
    """Wall and CPU seconds of one serve-style build."""
    begin, begin_cpu = time.perf_counter(), time.process_time()
    build(config, serve_url=SERVE_URL, dirty=False)
    return [time.perf_counter() - begin, time.process_time() - begin_cpu]


def main(argv: list[str]) -> int:
    """Build cold, then edit and rebuild ``argv[4]`` times; print the figures as JSON."""
    config_file, edit_path, appended, edits, site_dir = argv[1], Path(argv[2]), argv[3], int(argv[4]), argv[5]
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = serve_config(config_file, site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    first = config.plugins.get("forum")
    cold = timed_build(config)
    rss_cold = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    warm: list[list[float]] = []
    same = True
    for edit in range(1, edits + 1):
        with edit_path.open("a", encoding="utf-8") as f:
            # A new number every round, so that every edit changes the file's content.
            f.write(appended.replace("ROUND", str(edit)))
        config = serve_config(config_file, site_dir)
        same = first is None or config.plugins.get("forum") is first
        warm.append(timed_build(config))
    config.plugins.on_shutdown()
    figures = {
        "cold": cold,
        "warm": warm,
        "same_instance": same,
        "plugin": first is not None,
        "maxrss_kb_cold": rss_cold,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
