"""Thread files parsed by a second process load into the same wiki, with the same messages, as in one process.

``load_wiki(..., parallel=True)`` forks a copy that parses every second thread file
(``load/wiki.py``, ``pages_ahead.py``). These loads compare the threads, the failures
and the warnings with a one-process load of the same files, and check that the copy
really parsed its share.
"""

from __future__ import annotations

import functools

import pytest
from sitebuild import dies_in_the_copy, thread_yaml

from mkdocs_forum_plugin.load import files as load_files
from mkdocs_forum_plugin.load.files import ParseCache
from mkdocs_forum_plugin.load.wiki import DocsFile, LoadedWiki, load_wiki
from mkdocs_forum_plugin.options import ForumOptions, forum_settings
from mkdocs_forum_plugin.pages_ahead import MIN_PAGES

THREADS = 2 * MIN_PAGES + 6  # the copy's share, every second file, is enough to fork for
pytestmark = pytest.mark.usefixtures("forks_under_xdist")


def thread_files() -> dict[str, bytes]:
    """Thread files by docs path, in the order an engine lists them; the second one (the copy's first) is broken."""
    names = sorted(f"threads/t{n}.yml" for n in range(THREADS))
    found = {}
    for n, name in enumerate(names):
        posts = [{"author": f"Member {(n + k) % 5}", "body": f"Post {k} of {name}."} for k in range(3)]
        found[name] = thread_yaml(f"Thread {name}", posts).encode()
    found[names[1]] = b"title: A thread\nposts:\n  - author: Ann\n    body: [unclosed\n"
    return found


def loaded(parallel: bool) -> LoadedWiki:
    """The wiki of :func:`thread_files`, loaded with or without the copy."""
    files = [DocsFile(src, functools.partial(bytes, data)) for src, data in thread_files().items()]
    options = ForumOptions()
    return load_wiki(files, options, forum_settings(options, tags_plugin=False), ParseCache(), parallel)


def assert_same(wiki: LoadedWiki, alone: LoadedWiki) -> None:
    """The threads, failures and warnings of ``wiki`` are those of the one-process load."""
    assert [(tf.path, tf.thread, tf.problem) for tf in wiki.state.files.values()] == [
        (tf.path, tf.thread, tf.problem) for tf in alone.state.files.values()
    ]
    assert [str(p) for p in wiki.failures] == [str(p) for p in alone.failures]
    assert wiki.warnings == alone.warnings
    assert wiki.left_out == alone.left_out


def test_files_parsed_by_a_copy_load_as_in_one_process() -> None:
    alone = loaded(parallel=False)
    assert alone.parsed_ahead == 0
    assert len(alone.failures) == 1  # the broken file, with its line and field
    wiki = loaded(parallel=True)
    assert wiki.parsed_ahead == THREADS // 2  # every second file, the broken one among them
    assert_same(wiki, alone)


def test_a_copy_that_dies_while_parsing_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = loaded(parallel=False)
    monkeypatch.setattr(load_files, "decode", dies_in_the_copy(load_files.decode, at=10))
    wiki = loaded(parallel=True)
    assert wiki.parsed_ahead == 9
    assert_same(wiki, alone)


def test_below_the_threshold_one_process_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mkdocs_forum_plugin.pages_ahead.MIN_PAGES", THREADS)  # half the files is too few
    assert loaded(parallel=True).parsed_ahead == 0
