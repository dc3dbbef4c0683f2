"""Fuzz tests of every importer: random, mutated and truncated input never gives a traceback or a write outside --out.

Each test runs a bounded number of examples (CI); set FORUM_FUZZ_EXAMPLES (or
FUZZ_EXAMPLES, which the core's fuzz tests read too) to run more (see tests/README.md).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_import_helpers import FIXTURES

from mkdocs_forum_plugin.importers import pipeline as pipeline_module
from mkdocs_forum_plugin.importers import placing, state, writing
from mkdocs_forum_plugin.importers.pipeline import ImportOptions, run_import
from mkdocs_forum_plugin.importers.records import ParseOptions
from mkdocs_forum_plugin.importers.state import STATE_NAME

EXAMPLES = int(os.environ.get("FORUM_FUZZ_EXAMPLES") or os.environ.get("FUZZ_EXAMPLES") or "30")
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

FOLDERS = {
    "xenforo1": ["xenforo1"],
    "xenforo2": ["xenforo2", "xenforo2-unclosed", "xenforo2-themed"],
    "discourse": ["discourse", "discourse-actions"],
    "forumdl": ["forumdl", "forumdl-discourse", "forumdl-engines"],
    "text": ["text", "text-browsers"],
}


def load_seeds(folders: dict[str, list[str]]) -> dict[str, list[bytes]]:
    """Each kind's fixture files (the seeds that mutations start from), in a stable order."""
    return {
        kind: [p.read_bytes() for folder in names for p in sorted((FIXTURES / folder).iterdir())]
        for kind, names in folders.items()
    }


SEEDS = load_seeds(FOLDERS)
HOSTILE = [
    "\x03Q0\x03",
    "\x03Q99\x03",
    "\x02",
    "\x00",
    "&#3;Q1&#3;",
    "&#x3;",
    "\ud800",
    "</div>",
    "<div>",
    "<div class='bbWrapper'>",
    "</article>",
    '<article class="message" data-author="x" data-content="post-9">',
    '<li class="message" data-author="y" id="post-1">',
    '<blockquote class="bbCodeBlock bbCodeBlock--quote" data-quote="../../a" data-source="post: 1">',
    '<div class="bbCodeQuote" data-author="a"><div class="attribution"><a href="goto/post?id=1">x</a></div>',
    '<aside class="quote" data-username="u" data-post="1" data-topic="../x"><blockquote>',
    '<aside class="onebox"><header><a href="javascript:x">t</a></header><pre><code>',
    "<b>",
    "</b>",
    "<i>a<br><br>b</i>",
    "<br>",
    "<pre>",
    "<time datetime='2999-99-99T99:99'>",
    '<div class="message-lastEdit">Last edited: <time datetime="nope">x</time></div>',
    '<div class="reactionsBar"><a class="reactionsBar-link"><bdi>a</bdi> and 1e9 others</a></div>',
    '[quote="a, post:999999999999999999999, topic:1"]',
    "[/quote]",
    "**",
    "_",
    "~~",
    "`",
    "[",
    "\n",
    "\r",
    "\t",
    "../../../../etc/passwd",
    "/etc/x.yml",
    "..\\..\\x",
    '"',
    "'",
    ",",
    "}",
    "{",
    "]",
    "null",
    "-1",
    "1e999",
    "Discussion in 'F' started by N, Jan 1, 2020.",
    "1. name",
    "name said: ↑",
    "Click to expand...",
    "Share This Page",
    "Last edited: Feb 30, 2020",
    "A, B and 99999999999999999999 others like this.",
]


def mutate(data: bytes, edits: list[tuple[float, str, int]], cut: float | None) -> bytes:
    """Insert fragments (or replace spans) at relative positions, then perhaps cut the text short."""
    text = data.decode("utf-8", "replace")
    for where, piece, drop in sorted(edits, reverse=True):
        at = int(where * len(text))
        text = text[:at] + piece + text[at + drop :]
    out = text.encode("utf-8", "surrogatepass")
    return out[: int(cut * len(out))] if cut is not None else out


Mutation = tuple[list[tuple[float, str, int]], float | None]


def fragments(markup: list[str]) -> st.SearchStrategy[str]:
    """A piece of ``markup`` or short random text, to insert into a page."""
    return st.one_of(st.sampled_from(markup), st.text(max_size=30))


def mutations(markup: list[str], drop: int = 40) -> st.SearchStrategy[Mutation]:
    """Up to 8 edits (a fragment of ``markup`` or random text, replacing up to ``drop`` characters) and a cut."""
    return st.tuples(
        st.lists(st.tuples(st.floats(0, 1), fragments(markup), st.integers(0, drop)), max_size=8),
        st.none() | st.floats(0, 1),
    )


def mutated_files(
    data: st.DataObject, seeds: list[bytes], mutation: st.SearchStrategy[Mutation], suffix: str = ".html"
) -> dict[str, bytes]:
    """One to three of the seeds, each mutated, as files to import together."""
    picked = data.draw(st.lists(st.sampled_from(range(len(seeds))), min_size=1, max_size=3, unique=True))
    return {f"f{i}{suffix}": mutate(seeds[i], *data.draw(mutation)) for i in picked}


mutation = mutations(HOSTILE)


class Sandbox:
    """A folder for one example: inputs in in/, output deep inside, and every write checked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.inputs = root / "in"
        self.out = root / "a" / "b" / "c" / "out"
        self.members = root / "a" / "b" / "c" / "members.yml"
        self.inputs.mkdir()
        self.written: list[Path] = []

    def files(self) -> set[Path]:
        return {p for p in self.root.rglob("*") if p.is_file() or p.is_symlink()}

    def run(self, files: dict[str, bytes], state_text: str | None = None) -> None:
        for name, data in files.items():
            (self.inputs / name).write_bytes(data)
        if state_text is not None:
            self.out.mkdir(parents=True)
            (self.out / STATE_NAME).write_text(state_text, encoding="utf-8", errors="surrogatepass")
        before = self.files()
        options = ImportOptions(
            out=self.out, members=self.members, parse=ParseOptions(base_url="https://forum.example.org"), jobs=1
        )
        report = run_import([self.inputs], options)  # any exception fails the test
        assert isinstance(report.lines(), list)
        event(f"threads written: {bool(report.imported)}, failures: {bool(report.failed)}")
        for _name, message in report.failed:
            event("FAIL " + message[:60])
            # A caught exception is still a bug: every input error has a message of its own.
            assert "could not be imported (" not in message and "could not be converted (" not in message, message
        for path in self.written:
            assert path.parent.resolve() == self.out.resolve() or path == self.members, path
        for path in self.files() - before:
            assert path.parent == self.out or path == self.members, path
        if any(name for name, _ in report.imported) and not report.failed:
            assert report.ok


@pytest.fixture
def sandbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], Sandbox]]:
    """A factory of fresh sandboxes (hypothesis runs many examples in one test function)."""
    made: list[Sandbox] = []
    real = writing.atomic_write

    def watched(path: Path, text: str) -> None:
        if made:
            made[-1].written.append(path)
        real(path, text)

    for module in (placing, state, pipeline_module):
        monkeypatch.setattr(module, "atomic_write", watched)
    with tempfile.TemporaryDirectory() as base:
        counter = iter(range(1_000_000))

        def make() -> Sandbox:
            root = Path(base) / str(next(counter))
            root.mkdir()
            made.append(Sandbox(root))
            return made[-1]

        yield make


@pytest.mark.parametrize("kind", ["xenforo1", "xenforo2", "text"])
@FUZZ
@given(data=st.data())
def test_mutated_pages_and_text(sandbox: Callable[[], Sandbox], kind: str, data: st.DataObject) -> None:
    sandbox().run(mutated_files(data, SEEDS[kind], mutation, ".txt" if kind == "text" else ".html"))


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | fragments(HOSTILE),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _shake(value: Any, data: st.DataObject, depth: int = 0) -> Any:
    """Replace some values of a real JSON document with random ones (keeping most of its shape)."""
    if depth > 6:
        return value
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if data.draw(st.integers(0, 9)) == 0:
                out[key] = data.draw(json_value)
            elif data.draw(st.integers(0, 19)) != 0:
                out[key] = _shake(item, data, depth + 1)
        return out
    if isinstance(value, list):
        return [_shake(item, data, depth + 1) for item in value]
    if isinstance(value, str) and data.draw(st.integers(0, 4)) == 0:
        return mutate(value.encode(), *data.draw(mutation)).decode("utf-8", "replace")
    return value


@FUZZ
@given(data=st.data())
def test_discourse_json(sandbox: Callable[[], Sandbox], data: st.DataObject) -> None:
    files = {}
    for i, seed in enumerate(SEEDS["discourse"]):
        text = json.dumps(_shake(json.loads(seed), data))
        if data.draw(st.booleans()):
            text = mutate(text.encode(), *data.draw(mutation)).decode("utf-8", "replace")
        files[f"t{i}.json"] = text.encode("utf-8", "surrogatepass")
    sandbox().run(files)


@FUZZ
@given(data=st.data())
def test_forumdl_jsonl(sandbox: Callable[[], Sandbox], data: st.DataObject) -> None:
    lines = []
    seed = data.draw(st.sampled_from(SEEDS["forumdl"]))
    for line in seed.decode().splitlines():
        text = json.dumps(_shake(json.loads(line), data))
        if data.draw(st.integers(0, 5)) == 0:
            text = mutate(text.encode(), *data.draw(mutation)).decode("utf-8", "replace")
        lines.append(text)
    extra = data.draw(st.lists(json_value.map(json.dumps), max_size=2))
    sandbox().run({"f.jsonl": "\n".join(lines + extra).encode("utf-8", "surrogatepass")})


state_name = st.one_of(
    st.sampled_from(
        ["../x.yml", "/tmp/x.yml", "..\\x.yml", "a/b.yml", "x\x00.yml", "", ".", "..", "ok.yml", STATE_NAME]
    ),
    st.text(max_size=20),
    json_value,
)


@FUZZ
@given(
    entries=st.dictionaries(
        st.sampled_from(["xenforo:forum.example.org:5310", "discourse:8812", "x"]) | st.text(max_size=10),
        st.fixed_dictionaries({"file": state_name, "sha256": json_value, "posts": json_value, "sources": json_value})
        | json_value,
        max_size=4,
    ),
    wrap=st.booleans(),
    cut=st.none() | st.floats(0, 1),
)
def test_state_file(sandbox: Callable[[], Sandbox], entries: dict[str, Any], wrap: bool, cut: float | None) -> None:
    text = json.dumps({"version": 1, "threads": entries} if wrap else entries)
    text = text[: int(cut * len(text))] if cut is not None else text
    seeds = {"page.html": SEEDS["xenforo2"][0], "topic.json": SEEDS["discourse"][0]}
    sandbox().run(seeds, state_text=text)


@FUZZ
@given(blob=st.binary(max_size=400), name=st.sampled_from(["x.html", "x.json", "x.jsonl", "x.txt"]))
def test_random_bytes(sandbox: Callable[[], Sandbox], blob: bytes, name: str) -> None:
    sandbox().run({name: blob})


# Issue 18: deep and nested input. A unit of tags repeated up to past every depth limit, at a random place.
NESTING = [
    "<div>",
    "<b>",
    "<i><b>",
    "<p>",
    "<li>",
    "<ul><li>",
    "<blockquote>",
    "<table><td>",
    "<svg><g>",
    "<font><div></font>",
    "<a href='https://x.example/'>",
    "<span>",
    "</div>",
    "<div><script></div></script>",
    "<div><!-- </div> -->",
    '<div class="bbWrapper">',
    '<blockquote class="bbCodeBlock bbCodeBlock--quote" data-quote="a" data-source="post: 1"><div>',
    '<aside class="quote" data-username="u" data-post="1"><blockquote>',
    '<article class="message" data-author="x" data-content="post-9"><div class="bbWrapper">',
    '<li class="message" data-author="y" id="post-1"><blockquote class="messageText">',
]
nesting = st.tuples(
    st.lists(st.sampled_from(NESTING), min_size=1, max_size=3).map("".join),
    st.sampled_from([1, 50, 119, 121, 150, 199, 201, 400, 3_000]) | st.integers(1, 3_000),
    st.sampled_from(["", "text", "</div>" * 10]),
)


def _nest(unit: str, count: int, tail: str) -> str:
    return unit * count + "deep words" + tail


@pytest.mark.parametrize("kind", ["xenforo1", "xenforo2"])
@FUZZ
@given(data=st.data())
def test_deeply_nested_pages(sandbox: Callable[[], Sandbox], kind: str, data: st.DataObject) -> None:
    seed = data.draw(st.sampled_from(SEEDS[kind]))
    unit, count, tail = data.draw(nesting)
    where = data.draw(st.floats(0, 1))
    sandbox().run({"page.html": mutate(seed, [(where, _nest(unit, count, tail), 0)], None)})


@FUZZ
@given(data=st.data())
def test_deeply_nested_discourse_and_forumdl_posts(sandbox: Callable[[], Sandbox], data: st.DataObject) -> None:
    unit, count, tail = data.draw(nesting)
    topic = json.loads(SEEDS["discourse"][0])
    topic["post_stream"]["posts"][0]["cooked"] = _nest(unit, count, tail)
    lines = []
    for line in data.draw(st.sampled_from(SEEDS["forumdl"])).decode().splitlines():
        entry = json.loads(line)
        if entry.get("type") == "post":
            entry["item"]["content"] = _nest(unit, count, tail)
        lines.append(json.dumps(entry))
    sandbox().run({"topic.json": json.dumps(topic).encode(), "f.jsonl": "\n".join(lines).encode()})
