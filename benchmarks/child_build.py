"""Child process: build one site and print one JSON line with its own timings and peak RSS.

Run by ``measures.build_site`` as ``python benchmarks/child_build.py MKDOCS_YML SITE_DIR``.
A process of its own per build keeps one build's imports, caches and memory peak out
of the next one's figures.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time

# Taken before MkDocs is imported, so that the import time can be told apart.
START = time.perf_counter()


class WarningCounter(logging.Handler):
    """Keeps the messages of every warning MkDocs logs during the build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the message; the parent prints the first few."""
        self.messages.append(record.getMessage())


def main(argv: list[str]) -> int:
    """Build the site of ``argv[1]`` into ``argv[2]`` and print the figures as JSON."""
    # Imported here, after START, so that "import" measures what importing MkDocs costs.
    from mkdocs.commands.build import build  # noqa: PLC0415
    from mkdocs.config import load_config  # noqa: PLC0415

    counter = WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    loaded = time.perf_counter()
    config = load_config(config_file=argv[1], site_dir=argv[2])
    config.plugins.on_startup(command="build", dirty=False)
    begin, begin_cpu = time.perf_counter(), time.process_time()
    build(config)
    end, end_cpu = time.perf_counter(), time.process_time()
    config.plugins.on_shutdown()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        "import": loaded - START,
        "build": end - begin,
        "build_cpu": end_cpu - begin_cpu,
        # With its children (the plugin's copy making pages ahead, joined by the end of the build).
        "cpu": time.process_time() + children.ru_utime + children.ru_stime,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "maxrss_children_kb": children.ru_maxrss,
        "warnings": counter.messages[:5],
        "warning_count": len(counter.messages),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
