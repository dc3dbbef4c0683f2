"""Times of different zones are ordered by their moment wherever the plugin orders by time."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from sitebuild import build_site, thread_yaml, write_site

from mkdocs_forum_plugin.model import Member, Post, Thread, instant
from mkdocs_forum_plugin.render.feed import ATOM, atom_feed
from mkdocs_forum_plugin.render.feed import FeedItem as Item
from mkdocs_forum_plugin.render.members import activities

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))
EARLIER = dt.datetime(2024, 5, 1, 10, 0, tzinfo=PLUS_TWO)  # 08:00 UTC: written later, happened earlier
LATER = dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC)


def test_an_instant_is_the_moment_in_utc() -> None:
    assert EARLIER.isoformat() > LATER.isoformat()  # what comparing the text would say
    assert instant(EARLIER) < instant(LATER)
    assert instant(dt.date(2024, 5, 1)) < instant(EARLIER)  # a date counts as its midnight
    assert instant(dt.datetime(2024, 5, 1, 9, 0)) == instant(LATER)  # a time without a zone as written


def test_feeds_put_the_later_moment_first_and_name_it_as_updated() -> None:
    items = [
        Item("Earlier", "https://w.org/a/", "ann", "", EARLIER, None),
        Item("Later", "https://w.org/b/", "bo", "", LATER, None),
    ]
    root = ET.fromstring(atom_feed("Wiki", "https://w.org/feed.xml", "https://w.org/", items, 10))
    titles = [e.findtext(f"{{{ATOM}}}title") for e in root.iter(f"{{{ATOM}}}entry")]
    assert titles == ["Later", "Earlier"]
    assert root.findtext(f"{{{ATOM}}}updated") == "2024-05-01T09:00:00Z"


def test_member_pages_list_the_later_moment_first() -> None:
    threads = [
        Thread("a.yml", "Earlier", [Post(1, "ann", "Hello.", date=EARLIER)]),
        Thread("b.yml", "Later", [Post(1, "ann", "Hello again.", date=LATER)]),
    ]
    found = activities(threads, {"ann": Member("ann")}, lambda _post: None)
    assert [item.thread.title for item in found["ann"].posts] == ["Later", "Earlier"]


def test_a_feed_entry_is_updated_at_the_threads_latest_moment(tmp_path: Path) -> None:
    post = {"author": "ann", "body": "Hello.", "date": "2024-05-01T10:00:00+02:00", "edited": "2024-05-01T09:00:00Z"}
    write_site(tmp_path, {"threads/t.yml": thread_yaml("T", [post])}, site_url="https://w.org/")
    build_site(tmp_path)
    root = ET.fromstring((tmp_path / "site/feed.xml").read_bytes())
    assert root.findtext(f"{{{ATOM}}}entry/{{{ATOM}}}updated") == "2024-05-01T09:00:00Z"
