#!/usr/bin/env python
"""Benchmark the forum plugin's wiki built with Zensical against MkDocs and the hand-written wiki.

Usage (from the repository root)::

    python benchmarks/zensical_bench.py --threads 2000 --posts 15

On one synthetic forum (the one ``run.py`` builds), each in a child process of its own:

1. ``mkdocs build`` of the plugin site, as ``run.py`` builds it;
2. ``mkdocs-forum generate`` then ``zensical build --clean`` of the same site, with the
   settings Zensical needs added to its mkdocs.yml (``forum_pages``, the forum's
   stylesheet in ``extra_css``, ``exclude_docs: *.yml``, ``not_in_nav``), timed apart and summed;
3. ``zensical build --clean`` of the same wiki written by hand, the reference;
4. ``mkdocs-forum generate`` again with nothing changed (it should write nothing),
   and once more after appending a post to one thread file, as ``--serve`` does.

The times of a child (wall, user + system CPU) come from ``os.wait4``, so they cover
whatever the program runs, Zensical's threads and the copies ``generate`` forks
included; peak memory is the PSS of the child's process tree, sampled every 20 ms
(``measures.TreeMemory``), so a copy's memory is counted and shared pages once.
Each built site is checked to have a page per thread.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from corpus import SEED, Forum, generate
from measures import (
    BuildResult,
    ChildError,
    TreeMemory,
    build_site,
    child_env,
    load_average,
    median,
    scratch_folder,
    stop,
)
from sites import appended_post, write_handwritten_site, write_plugin_site

GENERATE = [sys.executable, "-m", "mkdocs_forum_plugin.cli", "generate", "-f", "mkdocs.yml"]
ZENSICAL_BUILD = [sys.executable, "-m", "zensical", "build", "--clean"]
# What `mkdocs-forum generate` says at the end: "... 12 written, 40 unchanged, 1 deleted".
SUMMARY = re.compile(r"(\d+) written, (\d+) unchanged, (\d+) deleted")


@dataclass
class Measure:
    """One child process: wall and CPU seconds, peak memory (PSS of its processes), what it printed."""

    wall: float
    cpu: float
    memory_mb: float
    output: str = ""

    @classmethod
    def of_build(cls, result: BuildResult) -> Measure:
        """A ``mkdocs build`` measured by ``measures.build_site``."""
        return cls(result.wall, result.cpu, result.pss_mb, f"{result.warnings} warnings")

    def written(self) -> tuple[int, int, int]:
        """Files written, unchanged and deleted, as `mkdocs-forum generate` reported them."""
        found = SUMMARY.search(self.output)
        if found is None:
            raise SystemExit(f"mkdocs-forum generate printed no summary:\n{self.output}")
        written, unchanged, deleted = (int(g) for g in found.groups())
        return written, unchanged, deleted


def measure(command: list[str], cwd: Path, log: Path) -> Measure:
    """Run ``command`` in ``cwd`` and measure it; end the benchmark if it fails."""
    with log.open("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=child_env(), stdout=out, stderr=subprocess.STDOUT)
        memory = TreeMemory(proc.pid)
        _pid, status, usage = os.wait4(proc.pid, 0)
        memory.stop()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        output = out.read()
    if proc.returncode != 0:
        stop(ChildError(f"{' '.join(command[1:4])} failed ({proc.returncode}) in {cwd}", output))
    return Measure(wall, usage.ru_utime + usage.ru_stime, memory.peak_kb / 1024, output)


def summed(*parts: Measure) -> Measure:
    """Steps run one after the other: times add up, the peak is the highest."""
    return Measure(sum(p.wall for p in parts), sum(p.cpu for p in parts), max(p.memory_mb for p in parts))


def middle(runs: list[Measure]) -> Measure:
    """Median times and the highest peak of repeated runs."""
    return Measure(median([r.wall for r in runs]), median([r.cpu for r in runs]), max(r.memory_mb for r in runs))


def for_zensical(config: Path) -> None:
    """Add the three settings a wiki needs for Zensical to a config written by ``sites.write_config``."""
    data = json.loads(config.read_text(encoding="utf-8"))  # written as JSON, which is YAML too
    data["markdown_extensions"] = ["forum_pages", *data["markdown_extensions"]]
    data["extra_css"] = ["assets/forum/forum.css"]
    data["exclude_docs"] = "*.yml\n"
    data["not_in_nav"] = "/threads/\n/members/\n"  # as MkDocs keeps them out of the navigation
    config.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def thread_pages(site: Path) -> int:
    """The pages a built site has under threads/."""
    return sum(1 for _ in (site / "threads").rglob("index.html"))


def check_pages(name: str, site: Path, n_threads: int) -> None:
    """End the benchmark unless ``site`` has a page per thread, so that the figures are of a working build."""
    pages = thread_pages(site)
    if pages != n_threads:
        raise SystemExit(f"{name}: {pages} thread pages in {site}, expected {n_threads}")


def check_shown(site: Path, stem: str) -> None:
    """End the benchmark if a thread page generated for Zensical has no posts (forum_pages did not unpack it)."""
    html = (site / "threads" / stem / "index.html").read_text(encoding="utf-8")
    if "forum_pages" in html or 'id="post-1"' not in html:
        raise SystemExit(f"threads/{stem}/index.html of the Zensical site shows no posts")


@dataclass
class Folders:
    """The three sites written from one forum; the Zensical copy of the plugin site is made afresh per round."""

    plugin: Path  # mkdocs.yml of the plugin site, built by MkDocs
    zensical_source: Path  # the same site with the Zensical settings, never built
    handwritten: Path  # mkdocs.yml of the hand-written site, built by Zensical
    work: Path  # where each round copies zensical_source to

    def fresh_copy(self) -> Path:
        """A copy of the plugin site for Zensical with nothing generated yet; its folder."""
        if self.work.exists():
            shutil.rmtree(self.work)
        shutil.copytree(self.zensical_source, self.work)
        return self.work


def write_sites(args: argparse.Namespace, tmp: Path) -> tuple[Forum, Folders]:
    """Generate the forum and write the sites under ``tmp``."""
    t0 = time.perf_counter()
    forum = generate(args.threads, args.posts, args.seed)
    like = not args.plugin_defaults
    plugin = write_plugin_site(tmp / "plugin", forum, like_for_like=like)
    source = write_plugin_site(tmp / "zensical-source", forum, like_for_like=like)
    for_zensical(source)
    hand = write_handwritten_site(tmp / "handwritten", forum)
    print(f"generated {args.threads} threads x {args.posts} posts in {time.perf_counter() - t0:.1f} s under {tmp}")
    return forum, Folders(plugin, source.parent, hand, tmp / "zensical")


@dataclass
class Rounds:
    """Every round's measures, by step."""

    mkdocs: list[Measure]
    generate: list[Measure]
    zensical: list[Measure]
    hand: list[Measure]
    again: list[Measure]
    edited: list[Measure]
    again_written: set[int]
    edited_written: set[int]


def report(label: str, m: Measure, extra: str = "") -> None:
    """One progress line."""
    print(f"  {label:36s}: wall {m.wall:6.1f} s, CPU {m.cpu:6.1f} s, peak {m.memory_mb:5.0f} MB{extra}")


def finished(m: Measure) -> str:
    """Zensical's own figure, "Build finished in 0.42s", when it printed one."""
    found = re.search(r"Build finished in (\S+)", m.output)
    return f", Zensical says {found.group(1)}" if found else ""


def rounds(args: argparse.Namespace, forum: Forum, folders: Folders) -> Rounds:
    """Measure every step ``--repeat`` times, one round after the other."""
    done = Rounds([], [], [], [], [], [], set(), set())
    edit = forum.threads[args.threads // 2].stem
    for r in range(args.repeat):
        print(f"round {r + 1}/{args.repeat}")
        try:
            built = Measure.of_build(build_site(folders.plugin, folders.plugin.parent / "site"))
        except ChildError as failed:
            stop(failed)
        check_pages("mkdocs build (plugin)", folders.plugin.parent / "site", args.threads)
        done.mkdocs.append(built)
        report("mkdocs build, plugin site", built, f", {built.output}")

        root = folders.fresh_copy()
        cold = measure(GENERATE, root, root.parent / "generate.log")
        done.generate.append(cold)
        written, _, _ = cold.written()
        warnings = sum(1 for line in cold.output.splitlines() if line.startswith("WARNING"))
        report("mkdocs-forum generate", cold, f", {written} files written, {warnings} warnings")
        shutil.rmtree(root / "site", ignore_errors=True)
        zen = measure(ZENSICAL_BUILD, root, root.parent / "zensical.log")
        check_pages("zensical build (generated)", root / "site", args.threads)
        check_shown(root / "site", edit)
        done.zensical.append(zen)
        report("zensical build, generated site", zen, finished(zen))

        hand_root = folders.handwritten.parent
        shutil.rmtree(hand_root / "site", ignore_errors=True)
        hand = measure(ZENSICAL_BUILD, hand_root, hand_root.parent / "handwritten.log")
        check_pages("zensical build (hand-written)", hand_root / "site", args.threads)
        done.hand.append(hand)
        report("zensical build, hand-written site", hand, finished(hand))

        again = measure(GENERATE, root, root.parent / "again.log")
        done.again.append(again)
        done.again_written.add(again.written()[0])
        report("generate again, nothing changed", again, f", {again.written()[0]} files written")

        with (root / "docs" / "threads" / f"{edit}.yml").open("a", encoding="utf-8") as f:
            f.write(appended_post(forum).replace("ROUND", str(r + 1)))
        edited = measure(GENERATE, root, root.parent / "edited.log")
        done.edited.append(edited)
        done.edited_written.add(edited.written()[0])
        report("generate after editing one thread", edited, f", {edited.written()[0]} files written")
    return done


def row(label: str, m: Measure) -> str:
    return f"| {label} | {m.wall:.1f} | {m.cpu:.1f} | {m.memory_mb:.0f} |"


def ratio(label: str, a: Measure, b: Measure) -> str:
    return f"| {label} | {a.wall / b.wall:.2f} | {a.cpu / b.cpu:.2f} | {a.memory_mb / b.memory_mb:.2f} |"


def counts(values: set[int]) -> str:
    return " / ".join(str(v) for v in sorted(values))


def summary(args: argparse.Namespace, done: Rounds, load_before: str, elapsed: float) -> list[str]:
    """The summary as Markdown: versions, command line, the table."""
    mk, gen, zen, hand = middle(done.mkdocs), middle(done.generate), middle(done.zensical), middle(done.hand)
    both = middle([summed(g, z) for g, z in zip(done.generate, done.zensical, strict=True)])
    repeat = f", median of {args.repeat}" if args.repeat > 1 else ""
    return [
        f"## Benchmark: the forum plugin's wiki with Zensical ({time.strftime('%Y-%m-%d')})",
        "",
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
        f"Zensical {version('zensical')}, {os.cpu_count()} CPUs; "
        f"`python benchmarks/zensical_bench.py {' '.join(sys.argv[1:])}`; "
        f"{args.threads:,} threads x {args.posts} posts{repeat}; "
        f"every site has {args.threads:,} thread pages; took {elapsed / 60:.1f} min",
        "",
        "| Step | Wall s | CPU s | Peak memory MB (PSS) |",
        "|---|---|---|---|",
        row("MkDocs: `mkdocs build`, plugin site", mk),
        row("Zensical: `mkdocs-forum generate`", gen),
        row("Zensical: `zensical build --clean`, generated site", zen),
        row("**Zensical: generate + build**", both),
        row("Zensical: `zensical build --clean`, hand-written site", hand),
        row(f"generate again, nothing changed ({counts(done.again_written)} files written)", middle(done.again)),
        row(f"generate after editing one thread ({counts(done.edited_written)} files written)", middle(done.edited)),
        ratio("(generate + Zensical) / Zensical hand-written", both, hand),
        ratio("(generate + Zensical) / MkDocs plugin build", both, mk),
        "",
        f"Load average (1/5/15 min) before / after: {load_before} / {load_average()}. "
        "Peak memory of generate + build is the higher of the two.",
    ]


def parse_args() -> argparse.Namespace:
    """The command line; sizes below 1 are refused."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2000, help="number of threads N (default 2000)")
    parser.add_argument("--posts", type=int, default=15, help="posts per thread (default 15)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of every step; medians are reported")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and print where they are")
    parser.add_argument(
        "--plugin-defaults", action="store_true", help="keep the plugin's member pages, feeds, ... switched on"
    )
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the synthetic text")
    args = parser.parse_args()
    if args.threads < 1 or args.posts < 1 or args.repeat < 1:
        parser.error("--threads, --posts and --repeat must be at least 1")
    return args


def main() -> int:
    """Run the benchmark in a temporary folder, removed afterwards unless ``--keep``."""
    args = parse_args()
    start = time.perf_counter()
    with scratch_folder("forum-zensical-bench-", args.keep) as tmp:
        load_before = load_average()
        forum, folders = write_sites(args, tmp)
        print(f"load average before: {load_before}")
        done = rounds(args, forum, folders)
        print()
        print("\n".join(summary(args, done, load_before, time.perf_counter() - start)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
