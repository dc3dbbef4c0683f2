"""Child process: profile what ``mkdocs serve`` does, the cold build and the rebuild after an edit.

Run by ``run.py --profile K`` as
``python benchmarks/child_profile.py MKDOCS_YML THREAD_FILE APPENDED K SITE_DIR``;
prints cProfile's top K functions of each build, by cumulative and by own time.
"""

from __future__ import annotations

import cProfile
import logging
import pstats
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig

from child_serve import SERVE_URL, serve_config


def profiled(label: str, config: MkDocsConfig, top: int) -> None:
    """Build once under cProfile and print the top functions."""
    profiler = cProfile.Profile()
    profiler.enable()
    build(config, serve_url=SERVE_URL, dirty=False)
    profiler.disable()
    print(f"==== {label} (times include cProfile overhead) ====")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str]) -> int:
    """Profile a cold build, append ``argv[3]`` to ``argv[2]``, profile the rebuild."""
    config_file, edit_path, appended, top, site_dir = argv[1], Path(argv[2]), argv[3], int(argv[4]), argv[5]
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = serve_config(config_file, site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    profiled("cold build", config, top)
    with edit_path.open("a", encoding="utf-8") as f:
        f.write(appended.replace("ROUND", "1"))
    profiled("warm rebuild after an edit", serve_config(config_file, site_dir), top)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
