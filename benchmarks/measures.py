"""How the benchmarks measure: child processes, CPU time, peak RSS, medians, load average."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def call_child(script: str, *args: str, timeout: float | None = None) -> tuple[dict[str, Any], float]:
    """Run a child program; return the JSON of its last output line and the wall time.

    Raises ChildError when it exits with an error or outlives ``timeout`` seconds
    (it is killed then, so a pathological input costs at most the timeout).
    """
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            child_command(script, *args), capture_output=True, text=True, env=child_env(), check=False, timeout=timeout
        )
    except subprocess.TimeoutExpired as expired:
        output = "".join(part if isinstance(part, str) else "" for part in (expired.stdout, expired.stderr))
        raise ChildError(f"timed out after {timeout:g} s", output) from expired
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise ChildError(f"child process failed ({proc.returncode})", proc.stdout + proc.stderr)
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
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
    cpu: float  # CPU seconds of the whole child: less disturbed by other load on the machine
    build: float  # build() alone
    rss_mb: float
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
    rss_mb: float
    pages: int
    html_mb: float

    @classmethod
    def of(cls, runs: list[BuildResult], site: Path) -> SiteFigures:
        """Sum up ``runs`` of the site built into ``site``."""
        pages, size = site_stats(site)
        return cls(
            median([r.wall for r in runs]), median([r.cpu for r in runs]), max(r.rss_mb for r in runs), pages, size
        )

    def rows(self, label: str) -> list[tuple[str, str]]:
        """The summary table's rows for this site."""
        return [
            (f"{label} build", f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"),
            (f"{label} peak RSS", f"{self.rss_mb:.0f} MB"),
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
