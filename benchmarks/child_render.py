"""Child process: load one thread file and render it with the plugin's core, without MkDocs.

Run by ``hostile.py`` as ``python benchmarks/child_render.py THREAD_FILE``; prints one
JSON line with the CPU seconds of loading and of rendering. The parent runs it as a
process of its own only so that a render stuck in native code can be killed at the
timeout: the timed part is the plain in-process call, as the plugin makes it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from mkdocs_forum_plugin.link_index import LinkIndex, PageLinks
from mkdocs_forum_plugin.load.threads import parse_thread
from mkdocs_forum_plugin.render.body import BodyRenderer
from mkdocs_forum_plugin.render.options import RenderOptions
from mkdocs_forum_plugin.render.thread import render_thread


def main(argv: list[str]) -> int:
    """Parse and render the thread file ``argv[1]``; print the timings as JSON."""
    path = Path(argv[1])
    text = path.read_text(encoding="utf-8")
    start = time.process_time()
    thread = parse_thread(text, f"threads/{path.name}")
    loaded = time.process_time()
    index = LinkIndex({thread.path: "threads/t/"}, {thread.path: thread})
    rendered = render_thread(thread, BodyRenderer(), RenderOptions(), PageLinks(index, "threads/t/"))
    end = time.process_time()
    figures = {
        "load_cpu": loaded - start,
        "render_cpu": end - loaded,
        "html_chars": len(rendered.html),
        "problems": [str(p) for p in rendered.problems[:3]],
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
