"""How the benchmarks measure: child processes, CPU time, peak RSS, medians, load average."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

HERE = Path(__file__).resolve().parent


class ChildError(Exception):
    """A child process exited with an error or ran out of time; ``output`` is what it printed."""

    def __init__(self, reason: str, output: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.output = output


def child_env() -> dict[str, str]:
    """The environment of every child: no MkDocs 2 banner, and the same hash seed every run."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


def child_command(script: str, *args: str) -> list[str]:
    """The command line that runs one of the child programs beside this file."""
    return [sys.executable, str(HERE / script), *args]


class TreeMemory:
    """The peak memory of a process and its children, sampled from /proc every 20 ms in a thread.

    PSS (proportional set size) counts a memory page shared by two processes (a fork
    and its parent) half in each, so the sum is what the processes take together.
    Where /proc has no ``smaps_rollup`` (not Linux), the peak stays 0.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree(self, pid: int) -> list[int]:
        found = [pid]
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                children = (task / "children").read_text(encoding="ascii").split()
                found += [p for child in children for p in self._tree(int(child))]
        except OSError:
            pass
        return found

    @staticmethod
    def _pss_kb(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii").splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def _sample(self) -> None:
        while not self._done.wait(0.02):
            self.peak_kb = max(self.peak_kb, sum(self._pss_kb(pid) for pid in self._tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def call_child(script: str, *args: str, timeout: float | None = None) -> tuple[dict[str, Any], float]:
    """Run a child program; return the JSON of its last output line and the wall time.

    The JSON gains ``pss_peak_kb``: the peak memory of the child and its own children
    together (:class:`TreeMemory`). Raises ChildError when it exits with an error or
    outlives ``timeout`` seconds (it is killed then, so a pathological input costs at
    most the timeout).
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        child_command(script, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env()
    )
    memory = TreeMemory(proc.pid)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        raise ChildError(f"timed out after {timeout:g} s", stdout + stderr) from None
    finally:
        memory.stop()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise ChildError(f"child process failed ({proc.returncode})", stdout + stderr)
    data: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    data["pss_peak_kb"] = memory.peak_kb
    return data, wall


def stop(failed: ChildError) -> NoReturn:
    """End the benchmark over a failed child, showing what the child printed."""
    sys.stderr.write(failed.output)
    raise SystemExit(failed.reason) from None


def run_child(script: str, *args: str) -> tuple[dict[str, Any], float]:
    """Like call_child, but a failure ends the benchmark with the child's output."""
    try:
        return call_child(script, *args)
    except ChildError as failed:
        stop(failed)


@dataclass
class BuildResult:
    """One build of one site in a child process."""

    wall: float  # the whole child process, imports included
    cpu: float  # CPU seconds of the whole child and of its own children: less disturbed by other load
    build: float  # build() alone
    rss_mb: float  # the child's own peak RSS
    pss_mb: float  # the peak memory of the child and its children together (TreeMemory), sampled
    rss_sum_mb: float  # the child's peak RSS plus its largest child's: memory they share counted twice
    warnings: int
    first_warnings: list[str]


def build_site(config: Path, out: Path, timeout: float | None = None) -> BuildResult:
    """Build the site of ``config`` into ``out`` (emptied first) in a child process.

    Raises ChildError when the build fails or outlives ``timeout`` seconds.
    """
    if out.exists():
        shutil.rmtree(out)
    data, wall = call_child("child_build.py", str(config), str(out), timeout=timeout)
    return BuildResult(
        wall=wall,
        cpu=float(data["cpu"]),
        build=float(data["build"]),
        rss_mb=int(data["maxrss_kb"]) / 1024,
        pss_mb=int(data["pss_peak_kb"]) / 1024,
        rss_sum_mb=(int(data["maxrss_kb"]) + int(data.get("maxrss_children_kb", 0))) / 1024,
        warnings=int(data["warning_count"]),
        first_warnings=list(data["warnings"]),
    )


def site_stats(site: Path) -> tuple[int, float]:
    """The pages a built site has, and the megabytes of HTML it wrote."""
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*.html"))
    return pages, size / 1e6


def median(values: list[float]) -> float:
    """The median, or NaN for no values (so that a report line still prints)."""
    return statistics.median(values) if values else float("nan")


@dataclass
class SiteFigures:
    """One site's repeated builds summed up: median times, highest peak, what it wrote."""

    wall: float
    cpu: float
    memory_mb: float  # peak PSS of the build's processes
    pages: int
    html_mb: float

    @classmethod
    def of(cls, runs: list[BuildResult], site: Path) -> SiteFigures:
        """Sum up ``runs`` of the site built into ``site``."""
        pages, size = site_stats(site)
        return cls(
            median([r.wall for r in runs]), median([r.cpu for r in runs]), max(r.pss_mb for r in runs), pages, size
        )

    def rows(self, label: str) -> list[tuple[str, str]]:
        """The summary table's rows for this site."""
        return [
            (f"{label} build", f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"),
            (f"{label} peak memory (PSS of its processes)", f"{self.memory_mb:.0f} MB"),
            (f"{label} site", f"{self.pages:,} pages, {self.html_mb:.0f} MB of HTML"),
        ]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, or "n/a" where the system has none."""
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


@contextmanager
def scratch_folder(prefix: str, keep: bool) -> Iterator[Path]:
    """A temporary folder for one benchmark's sites, removed at the end unless ``keep``."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield tmp
    finally:
        if keep:
            print(f"\nkept the generated sites in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
