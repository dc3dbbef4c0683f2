"""A build killed while a copy parses its files or makes its pages leaves no copy behind (kill -9, Ctrl+C).

The build runs as `mkdocs build` (or `mkdocs-forum generate`) would, in a process of
its own; the test waits until that process has forked its copy, interrupts it, and
checks that the copy ends too, without a traceback of its own. Each phase is tested
with the other phase's copies turned off, so the copy interrupted is the one named.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sitebuild import thread_yaml, write_site

THREADS = 400


def children(pid: int) -> list[int]:
    """The processes ``pid`` started that are still running."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):  # a thread that ended meanwhile
            found += [int(c) for c in (task / "children").read_text(encoding="ascii").split()]
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, ended and not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll ``condition`` every 20 ms for up to ``seconds``; whether it came true."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


# How each command reports Ctrl+C, and with how many tracebacks: MkDocs with Python's
# traceback, the plugin's command with click's word and none.
CTRL_C = {"mkdocs build": ("KeyboardInterrupt", 1), "mkdocs-forum generate": ("Aborted!", 0)}


# The modules that fork each phase's copies; the other phase's are turned off in the build.
PHASES = {
    "parsing": ["mkdocs_forum_plugin.load.wiki"],
    "pages": ["mkdocs_forum_plugin.adapters.mkdocs.plugin", "mkdocs_forum_plugin.adapters.zensical.generate"],
}
NO_COPY = "type('NoCopy', (), {'start': staticmethod(lambda *args: None)})"


@pytest.fixture(params=[(command, phase) for command in CTRL_C for phase in PHASES], ids="-".join)
def building(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[subprocess.Popen[str], int]:
    """A build in its own process and session, and its copy, once it has forked one."""
    command, phase = request.param
    # Parsing is quick: more posts keep the copy that parses running long enough to be interrupted.
    count = 40 if phase == "parsing" else 6
    posts = [{"author": f"Member {k}", "body": f"Post {k}, " + "words to make " * 40} for k in range(count)]
    write_site(tmp_path, {f"threads/t{n}.yml": thread_yaml(f"Thread {n}", posts) for n in range(THREADS)})
    config = str(tmp_path / "mkdocs.yml")
    others = [module for name, modules in PHASES.items() if name != phase for module in modules]
    script = "import importlib; " + "".join(f"importlib.import_module({m!r}).PagesAhead = {NO_COPY}; " for m in others)
    if command == "mkdocs build":
        script += (
            "from mkdocs.commands.build import build; from mkdocs.config import load_config; "
            f"c = load_config(config_file={config!r}); "
            "c.plugins.on_startup(command='build', dirty=False); build(c)"
        )
    else:
        script += (
            "import sys; from mkdocs_forum_plugin.cli import main; "
            f"sys.argv[1:] = ['generate', '-f', {config!r}]; main()"
        )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stderr=subprocess.PIPE, text=True, env=env, start_new_session=True
    )
    seen: list[int] = []

    def forked() -> bool:
        seen[:] = children(proc.pid)
        return bool(seen)

    assert wait_until(forked, 120), "no copy was forked"
    assert proc.poll() is None, "the build ended before it could be interrupted"
    assert alive(seen[0]), "the copy ended before it could be interrupted"
    return proc, seen[0]


def test_a_killed_build_leaves_no_copy(building: tuple[subprocess.Popen[str], int]) -> None:
    proc, copy = building
    proc.kill()  # kill -9: no handler of the build runs
    proc.wait()
    # The copy's next page finds the pipe closed, and it ends.
    ended = wait_until(lambda: not alive(copy), 30)
    if not ended:
        os.kill(copy, signal.SIGKILL)  # not left running after the test
    assert proc.stderr is not None
    proc.stderr.close()  # the copy shares it: read to its end, it would wait for the copy
    assert ended


def test_ctrl_c_ends_the_build_and_its_copy_quietly(
    building: tuple[subprocess.Popen[str], int], request: pytest.FixtureRequest
) -> None:
    proc, copy = building
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal sends it: to every process of the group
    assert proc.wait(timeout=60) != 0
    ended = wait_until(lambda: not alive(copy), 30)
    if not ended:
        os.kill(copy, signal.SIGKILL)  # not left running after the test
    assert proc.stderr is not None
    stderr = proc.stderr.read()  # to its end: the copy, which shares it, is gone
    proc.stderr.close()
    assert ended
    # Said once, by the build; the copy ignores Ctrl+C and prints nothing.
    said, tracebacks = CTRL_C[request.node.callspec.params["building"][0]]
    assert stderr.count(said) == 1, stderr
    assert stderr.count("Traceback") == tracebacks, stderr
