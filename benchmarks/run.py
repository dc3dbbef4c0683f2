#!/usr/bin/env python
"""Benchmark the forum plugin against the equivalent hand-written Material wiki.

Usage (from the repository root)::

    python benchmarks/run.py --threads 2000 --posts 15

What it does:

1. generates a synthetic forum wiki (YAML thread files, members.yml, plugin config);
2. generates the same content as hand-written Material Markdown (blockquotes,
   admonitions, ``not_in_nav``), with the same theme, extensions and search plugin;
3. builds both sites in separate child processes, alternately, ``--repeat`` times, and
   reports the median wall time and each child's peak RSS;
4. emulates ``mkdocs serve`` in one child: cold build, edit one thread, reload the
   config (the plugin instance is kept, as serve keeps it), warm rebuild;
5. times the related-threads pass alone at N and 4N threads to show it scales linearly.

Only the standard library and MkDocs (with the plugin installed) are needed. The
work lives beside this file: ``corpus.py`` (the synthetic forum), ``sites.py`` (the
two sites), ``measures.py`` (child processes and figures), ``relate_timing.py`` and
the ``child_*.py`` programs.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import mkdocs

from corpus import SEED, Forum, generate
from measures import (
    BuildResult,
    ChildError,
    SiteFigures,
    build_site,
    child_command,
    child_env,
    load_average,
    median,
    run_child,
    scratch_folder,
    stop,
)
from relate_timing import time_relate
from sites import appended_post, body_markup, like_for_like_options, write_handwritten_site, write_plugin_site

Rows = list[tuple[str, str]]


@dataclass
class Sites:
    """The generated forum and the config files of the sites written from it."""

    forum: Forum
    plugin: Path
    handwritten: Path | None
    experts: int  # threads with an expert answer

    def thread_file(self, index: int) -> Path:
        """A thread's YAML file in the plugin site."""
        return self.plugin.parent / "docs" / "threads" / f"{self.forum.threads[index].stem}.yml"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line; sizes below 1 are refused."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2000, help="number of threads N (default 2000)")
    parser.add_argument("--posts", type=int, default=15, help="posts per thread (default 15)")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each site; the median is reported")
    parser.add_argument("--serve-edits", type=int, default=1, help="warm rebuilds after edits in the serve run")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and print where they are")
    parser.add_argument("--skip-handwritten", action="store_true", help="build only the plugin site")
    parser.add_argument("--skip-serve", action="store_true", help="skip the mkdocs-serve rebuild measurement")
    parser.add_argument("--skip-relate", action="store_true", help="skip timing the related-threads pass alone")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="K",
        help="also profile a serve-style cold build and warm rebuild of the plugin site; print the top K functions",
    )
    parser.add_argument(
        "--plugin-defaults",
        action="store_true",
        help="build the plugin site with all its default features (member pages, feeds, ...) instead of "
        "switching off those the hand-written wiki has no counterpart for",
    )
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the synthetic text")
    args = parser.parse_args(argv)
    if args.threads < 1 or args.posts < 1 or args.repeat < 1:
        parser.error("--threads, --posts and --repeat must be at least 1")
    return args


def write_sites(args: argparse.Namespace, tmp: Path) -> Sites:
    """Generate the forum and write both sites under ``tmp``; print what was made."""
    n, p = args.threads, args.posts
    t0 = time.perf_counter()
    forum = generate(n, p, args.seed)
    plugin_cfg = write_plugin_site(tmp / "plugin", forum, like_for_like=not args.plugin_defaults)
    hand_cfg = None if args.skip_handwritten else write_handwritten_site(tmp / "handwritten", forum)
    experts = sum(1 for t in forum.threads if any(q.expert for q in t.posts))
    words = sum(len(body_markup(q.blocks).split()) for t in forum.threads for q in t.posts)
    print(
        f"generated {n} threads x {p} posts ({experts} with an expert answer, "
        f"{words / (n * p):.0f} words per post) in {time.perf_counter() - t0:.1f} s under {tmp}"
    )
    return Sites(forum, plugin_cfg, hand_cfg, experts)


def build_both(sites: Sites, repeat: int) -> tuple[list[BuildResult], list[BuildResult]]:
    """Build the plugin and the hand-written site alternately, ``repeat`` times each."""
    plugin_runs: list[BuildResult] = []
    hand_runs: list[BuildResult] = []
    for r in range(repeat):
        for name, cfg, runs in (("plugin", sites.plugin, plugin_runs), ("hand-written", sites.handwritten, hand_runs)):
            if cfg is None:
                continue
            try:
                res = build_site(cfg, cfg.parent / "site")
            except ChildError as failed:
                stop(failed)
            runs.append(res)
            print(
                f"  run {r + 1}/{repeat} {name:12s}: wall {res.wall:6.1f} s, CPU {res.cpu:6.1f} s, "
                f"build() {res.build:6.1f} s, peak {res.rss_mb:6.0f} MB, warnings {res.warnings}"
            )
            for message in res.first_warnings:
                print(f"      warning: {message[:160]}")
    return plugin_runs, hand_runs


def build_rows(
    args: argparse.Namespace, sites: Sites, plugin_runs: list[BuildResult], hand_runs: list[BuildResult]
) -> Rows:
    """The summary's rows about the two builds and how they compare."""
    n, p = args.threads, args.posts
    plugin = SiteFigures.of(plugin_runs, sites.plugin.parent / "site")
    rows: Rows = [("Threads x posts", f"{n:,} x {p} ({sites.experts:,} threads with an expert answer)")]
    rows += plugin.rows("Plugin")
    off = like_for_like_options(n)
    if off and not args.plugin_defaults:
        rows.append(("Plugin options set for like-for-like", ", ".join(f"{k}: {v}" for k, v in off.items())))
    if sites.handwritten is not None:
        hand = SiteFigures.of(hand_runs, sites.handwritten.parent / "site")
        rows += hand.rows("Hand-written")
        rows += [
            ("Plugin / hand-written, time", f"{plugin.wall / hand.wall:.2f} wall, {plugin.cpu / hand.cpu:.2f} CPU"),
            ("Plugin / hand-written, peak memory (PSS)", f"{plugin.memory_mb / hand.memory_mb:.2f}"),
        ]
    return rows


def serve_rows(args: argparse.Namespace, sites: Sites, tmp: Path) -> Rows:
    """Run the serve emulation, print its details and return its summary rows."""
    data, _ = run_child(
        "child_serve.py",
        str(sites.plugin),
        str(sites.thread_file(args.threads // 2)),
        appended_post(sites.forum),
        str(args.serve_edits),
        str(tmp / "serve"),
    )
    cold_wall, cold_cpu = data["cold"]
    warm_wall = median([w for w, _ in data["warm"]])
    warm_cpu = median([c for _, c in data["warm"]])
    print(
        f"  serve: cold {cold_wall:.1f} s ({cold_cpu:.1f} s CPU), warm rebuilds "
        f"{', '.join(f'{w:.1f} s ({c:.1f} s CPU)' for w, c in data['warm'])}; "
        f"plugin instance kept: {data['same_instance']}; peak {int(data['maxrss_kb']) / 1024:.0f} MB"
    )
    kept = "" if data["same_instance"] else " (plugin instance NOT kept!)"
    return [
        ("serve: cold build", f"{cold_wall:.1f} s wall, {cold_cpu:.1f} s CPU"),
        ("serve: rebuild after editing one thread", f"{warm_wall:.1f} s wall, {warm_cpu:.1f} s CPU"),
        (
            "serve: warm / cold (target <= 0.5)",
            f"{warm_wall / cold_wall:.2f} wall, {warm_cpu / cold_cpu:.2f} CPU{kept}",
        ),
    ]


def relate_rows(n: int) -> Rows:
    """Time relate() at N and 4N threads; rows with the per-thread cost at both sizes."""
    small = time_relate(n, 5)
    large = time_relate(4 * n, 3)
    per_small, per_large = small / n * 1e6, large / (4 * n) * 1e6
    return [
        (f"relate() at {n:,} threads (CPU)", f"{small * 1e3:.0f} ms ({per_small:.0f} µs per thread)"),
        (f"relate() at {4 * n:,} threads (CPU)", f"{large * 1e3:.0f} ms ({per_large:.0f} µs per thread)"),
        ("relate() per-thread cost, 4N / N (1.0 = linear)", f"{per_large / per_small:.2f}"),
    ]


def print_profile(args: argparse.Namespace, sites: Sites, tmp: Path) -> None:
    """Profile a serve-style cold build and warm rebuild in a child, and print its report."""
    command = child_command(
        "child_profile.py",
        str(sites.plugin),
        str(sites.thread_file(args.threads // 3)),
        appended_post(sites.forum),
        str(args.profile),
        str(tmp / "profile"),
    )
    proc = subprocess.run(command, capture_output=True, text=True, env=child_env(), check=True)
    print(proc.stdout)


def print_summary(rows: Rows, argv: list[str] | None) -> None:
    """The summary as a Markdown table, headed by the versions and the command line."""
    width = max(len(k) for k, _ in rows)
    print()
    print(f"## Benchmark: forum plugin vs hand-written Markdown ({time.strftime('%Y-%m-%d')})")
    print()
    print(
        f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, {os.cpu_count()} CPUs; "
        f"`{' '.join(['python benchmarks/run.py', *(sys.argv[1:] if argv is None else argv)])}`"
    )
    print()
    print(f"| {'Measure':{width}} | Result |")
    print(f"|{'-' * (width + 2)}|--------|")
    for key, value in rows:
        print(f"| {key:{width}} | {value} |")


def benchmark(args: argparse.Namespace, tmp: Path) -> Rows:
    """Every part the options ask for, in order; the summary's rows."""
    load_before = load_average()
    sites = write_sites(args, tmp)
    print(f"load average before: {load_before} (1/5/15 min; above 0 means other work competes for the CPUs)")
    plugin_runs, hand_runs = build_both(sites, args.repeat)
    rows = build_rows(args, sites, plugin_runs, hand_runs)
    if not args.skip_serve:
        rows += serve_rows(args, sites, tmp)
    if not args.skip_relate:
        rows += relate_rows(args.threads)
    if args.profile:
        print_profile(args, sites, tmp)
    rows.append(("Load average (1/5/15 min) before / after", f"{load_before} / {load_average()}"))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark in a temporary folder, removed afterwards unless ``--keep``."""
    args = parse_args(argv)
    with scratch_folder("forum-bench-", args.keep) as tmp:
        print_summary(benchmark(args, tmp), argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
