#!/usr/bin/env python
"""Benchmark a wiki built in another language against the same wiki in English.

Usage (from the repository root)::

    python benchmarks/languages.py --threads 1000 --language de --repeat 3

The synthetic forum of ``run.py`` is written twice with every plugin feature on
(sections, member pages, feeds): once with ``theme.language: en``, once with the
chosen language, and neither sets ``expert_label`` or a disclaimer title, so
every label comes from the catalogues. Both are built alternately in child
processes; the report gives the median ``build()`` time of each and their ratio
(the target is at most 1.05).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from corpus import SEED, generate
from measures import BuildResult, ChildError, build_site, median, stop
from sites import write_plugin_site


def write_language_site(root: Path, threads: int, posts: int, language: str) -> Path:
    """The plugin site of ``run.py`` with all features, its words from ``language``'s catalogue."""
    config_path = write_plugin_site(root, generate(threads, posts, SEED), like_for_like=False)
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["theme"]["language"] = language
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "forum" in plugin:
            plugin["forum"].pop("expert_label", None)
            plugin["forum"]["disclaimer"].pop("title", None)
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return config_path


def main(argv: list[str] | None = None) -> int:
    """Build both sites ``--repeat`` times and print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1000, help="number of threads (default 1000)")
    parser.add_argument("--posts", type=int, default=15, help="posts per thread (default 15)")
    parser.add_argument("--language", default="de", help="theme.language of the compared site (default de)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each site; the median is reported")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="forum-languages-") as tmp:
        configs = {
            language: write_language_site(Path(tmp) / language, args.threads, args.posts, language)
            for language in ("en", args.language)
        }
        runs: dict[str, list[BuildResult]] = {language: [] for language in configs}
        for r in range(args.repeat):
            for language, config in configs.items():
                try:
                    result = build_site(config, config.parent / "site")
                except ChildError as failed:
                    stop(failed)
                runs[language].append(result)
                print(
                    f"  run {r + 1}/{args.repeat} {language}: build() {result.build:6.1f} s, wall {result.wall:6.1f} s"
                )
    english = median([r.build for r in runs["en"]])
    other = median([r.build for r in runs[args.language]])
    sizes = f"{args.threads} threads x {args.posts} posts"
    print(f"{sizes}, median build(): en {english:.1f} s, {args.language} {other:.1f} s")
    print(f"ratio {args.language}/en: {other / english:.3f} (target <= 1.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
