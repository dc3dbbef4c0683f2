"""A real `mkdocs serve` survives one input of each hostile kind, saved while it runs (issue 9)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import RELOAD_TIMEOUT, Server, fetch, get, mkdocs_serve, wait_until
from sitebuild import thread_yaml, write_site

HOSTILE_BODY = "`" * 30_000 + "[quote=" * 3_000 + ">" * 8_000  # 59,000 characters: within the limit


def _saved(server: Server, name: str, text: str | bytes) -> Path:
    path = server.root / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _shows(server: Server, url: str, marker: str) -> bool:
    status, text = fetch(server.base + url)
    return status == 200 and marker in html.unescape(text)


# (file, its text, the page, what the page shows once the rebuild is done)
CASES: list[tuple[str, str | bytes, str, str]] = [
    (
        "threads/tag.yml",
        "title: T\nposts:\n- author: a\n  expert: !!bool maybe\n  body: b\n",
        "threads/tag/",
        "tag.yml:4",
    ),
    ("threads/deep.yml", "title: T\nposts: " + "[" * 100_000, "threads/deep/", "nested more than 50 levels"),
    ("threads/alias.yml", "a: &x [1]\nb: *x\n", "threads/alias/", "YAML anchors"),
    ("threads/latin1.yml", "title: caf\xe9\n".encode("latin-1"), "threads/latin1/", "not UTF-8"),
    (
        "threads/panic.yml",
        thread_yaml("Panic", [{"author": "a", "body": "Use [` for that"}]),
        "threads/panic/",
        "for that",
    ),
    ("threads/slow.yml", thread_yaml("Slow", [{"author": "a", "body": HOSTILE_BODY}]), "threads/slow/", "Slow"),
    ("threads/moved.yml", thread_yaml("Moved", source="https://old.example/sitemap.xml"), "threads/moved/", "Moved"),
    ("forums/general.yml", thread_yaml("Clash"), "forums/general/", "Clash"),
    # Issue 18: a NUL in the old address of a thread (with redirects on), names past 255 bytes.
    (
        "threads/nul.yml",
        'title: Nul\nsource: "https://old.example/t/a\\0b/"\nposts:\n- {author: a, body: b}\n',
        "threads/nul/",
        "holds a control character (U+0000)",
    ),
    (
        "threads/long.yml",
        thread_yaml("Long names", [{"author": "痛" * 120, "body": "b"}], forum="痛" * 120),
        "threads/long/",
        "Long names",
    ),
    ("threads/far.yml", thread_yaml("Far", source="https://old.example/t/" + "ж" * 150 + "/"), "threads/far/", "Far"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve")
    write_site(root, {"threads/ok.yml": thread_yaml("Still fine")}, plugin={"redirects": True})
    with mkdocs_serve(root) as running:
        yield running


@pytest.mark.parametrize(("name", "text", "url", "marker"), CASES, ids=[c[0] for c in CASES])
def test_serve_survives(server: Server, name: str, text: str | bytes, url: str, marker: str) -> None:
    _saved(server, name, text)
    wait_until(f"{url} to show {marker!r}", lambda: _shows(server, url, marker), RELOAD_TIMEOUT * 4, server)
    assert server.process.poll() is None
    assert get(server.base + "threads/ok/") == 200
    assert "Traceback" not in server.text()
    assert "panicked" not in server.text()
