#!/usr/bin/env python
"""Benchmark issue 23's archive workload: the plugin's defaults against the same wiki written by hand.

Usage (from the repository root)::

    python benchmarks/archive.py --threads 200      # a quick check, about a minute
    python benchmarks/archive.py --threads 2000     # the issue's size

Both sites are built in child processes, alternately, ``--repeat`` times; the summary
gives build time (wall, and CPU of every process), peak memory (PSS of the build's
processes), the site's bytes and files, and one thread page's bytes, each as
plugin / hand-written from the same run. The workload is described in
``archive_sites.py``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from archive_sites import generate_archive, write_archive_handwritten_site, write_archive_plugin_site
from corpus import SEED
from measures import BuildResult, ChildError, build_site, load_average, median, scratch_folder, stop

Rows = list[tuple[str, str]]
_JSONLD = re.compile(rb'<script type="application/ld\+json">.*?</script>', re.DOTALL)


def site_size(site: Path) -> tuple[int, int]:
    """The bytes and the number of files a built site has."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def thread_page(site: Path, stem: str) -> tuple[int, int]:
    """One thread page's bytes, and the bytes of its JSON-LD."""
    page = (site / "threads" / stem / "index.html").read_bytes()
    return len(page), sum(len(m) for m in _JSONLD.findall(page))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2000, help="number of threads (default 2000)")
    parser.add_argument("--posts", type=int, default=15, help="posts per thread (default 15)")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each site; medians are reported")
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a plugin option on top of the defaults, as YAML (e.g. structured_data=off)",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument(
        "--plugin-only",
        action="store_true",
        help="build only the plugin's site (for sizes where the hand-written build takes too long); no ratios",
    )
    args = parser.parse_args(argv)
    if args.threads < 2 or args.posts < 3 or args.repeat < 1:
        parser.error("--threads must be at least 2, --posts at least 3 and --repeat at least 1")
    return args


def _options(pairs: list[str]) -> dict[str, object]:
    import yaml  # noqa: PLC0415  (MkDocs depends on PyYAML)

    return {k: yaml.safe_load(v) for k, _, v in (p.partition("=") for p in pairs)}


def _builds(configs: dict[str, Path], repeat: int) -> dict[str, list[BuildResult]]:
    runs: dict[str, list[BuildResult]] = {name: [] for name in configs}
    for r in range(repeat):
        for name, cfg in configs.items():
            try:
                res = build_site(cfg, cfg.parent / "site")
            except ChildError as failed:
                stop(failed)
            runs[name].append(res)
            print(
                f"  run {r + 1}/{repeat} {name:12s}: wall {res.wall:6.1f} s, CPU {res.cpu:6.1f} s, "
                f"peak {res.pss_mb:6.0f} MB (PSS; RSS {res.rss_mb:.0f} MB, with the copy's {res.rss_sum_mb:.0f}), "
                f"warnings {res.warnings}"
            )
            for message in res.first_warnings:
                print(f"      warning: {message[:160]}")
    return runs


def benchmark(args: argparse.Namespace, tmp: Path) -> Rows:
    """Generate, build both sites and compare them; the summary's rows."""
    load_before = load_average()
    t0 = time.perf_counter()
    archive = generate_archive(args.threads, args.posts, args.seed)
    configs = {"plugin": write_archive_plugin_site(tmp / "plugin", archive, _options(args.option))}
    if not args.plugin_only:
        configs["hand-written"] = write_archive_handwritten_site(tmp / "handwritten", archive)
    print(
        f"generated {args.threads} threads x {args.posts} posts, {len(archive.members)} members, "
        f"in {time.perf_counter() - t0:.1f} s under {tmp}; load average {load_before}"
    )
    runs = _builds(configs, args.repeat)
    fig = {}
    stem = archive.threads[len(archive.threads) // 2].stem
    for name, cfg in configs.items():
        site = cfg.parent / "site"
        size, files = site_size(site)
        page, jsonld = thread_page(site, stem)
        wall, cpu = median([r.wall for r in runs[name]]), median([r.cpu for r in runs[name]])
        memory = max(r.pss_mb for r in runs[name]), max(r.rss_sum_mb for r in runs[name])
        fig[name] = (wall, cpu, memory[0], size, files, page, jsonld, memory[1])
    n = args.threads
    options = ", ".join(args.option) or "none (plugin defaults)"
    if args.plugin_only:
        return _plugin_rows(fig["plugin"], n, args.posts, len(archive.members), options, load_before)
    p, h = fig["plugin"], fig["hand-written"]
    return [
        ("Threads x posts, members", f"{n:,} x {args.posts}, {len(archive.members):,}"),
        ("Plugin options on top of the defaults", options),
        (
            "Build, plugin / hand-written",
            f"{p[0]:.1f} / {h[0]:.1f} s wall (**{p[0] / h[0]:.2f}**), "
            f"{p[1]:.1f} / {h[1]:.1f} s CPU of all its processes ({p[1] / h[1]:.2f})",
        ),
        ("Peak memory (PSS of the build's processes)", f"{p[2]:.0f} / {h[2]:.0f} MB (**{p[2] / h[2]:.2f}**)"),
        ("Peak RSS, the build + its copy (shared counted twice)", f"{p[7]:.0f} / {h[7]:.0f} MB ({p[7] / h[7]:.2f})"),
        ("Site bytes", f"{p[3] / 1e6:.1f} / {h[3] / 1e6:.1f} MB (**{p[3] / h[3]:.2f}**)"),
        ("Files", f"{p[4]:,} / {h[4]:,} ({p[4] / n:.2f} / {h[4] / n:.2f} per thread)"),
        (
            "One thread page (15 posts)",
            f"{p[5] / 1e3:.1f} / {h[5] / 1e3:.1f} KB ({p[5] / h[5]:.2f}), JSON-LD {p[6] / 1e3:.1f} KB",
        ),
        ("Load average before / after", f"{load_before} / {load_average()}"),
    ]


def _plugin_rows(
    p: tuple[float, float, float, int, int, int, int, float], n: int, posts: int, members: int, options: str, load: str
) -> Rows:
    """The summary of a build of the plugin's site alone."""
    return [
        ("Threads x posts, members", f"{n:,} x {posts}, {members:,}"),
        ("Plugin options on top of the defaults", options),
        ("Build", f"{p[0]:.1f} s wall, {p[1]:.1f} s CPU"),
        ("Peak memory (PSS of the build's processes)", f"{p[2]:.0f} MB"),
        ("Peak RSS, the build + its copy (shared counted twice)", f"{p[7]:.0f} MB"),
        ("Site bytes", f"{p[3] / 1e6:.1f} MB"),
        ("Files", f"{p[4]:,} ({p[4] / n:.2f} per thread)"),
        ("One thread page (15 posts)", f"{p[5] / 1e3:.1f} KB, JSON-LD {p[6] / 1e3:.1f} KB"),
        ("Load average before / after", f"{load} / {load_average()}"),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run in a temporary folder, removed afterwards unless ``--keep``; print a Markdown table."""
    args = parse_args(argv)
    with scratch_folder("forum-archive-", args.keep) as tmp:
        rows = benchmark(args, tmp)
    width = max(len(k) for k, _ in rows)
    print(f"\n| {'Measure':{width}} | Plugin / hand-written |\n|{'-' * (width + 2)}|---|")
    for key, value in rows:
        print(f"| {key:{width}} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
