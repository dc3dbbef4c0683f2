"""The Atom feeds: every entry names an author, as Atom requires, even when no member can be named."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from mkdocs_forum_plugin.render.feed import ATOM, FeedItem, atom_feed


def test_an_entry_without_a_member_names_the_wiki() -> None:
    day = dt.date(2024, 1, 2)
    items = [
        FeedItem("Kept", "https://w.org/a/", "ann", "words", day, None),
        FeedItem("Opening post removed", "https://w.org/b/", "", "", day, None),
    ]
    root = ET.fromstring(atom_feed("Steady Spine", "https://w.org/feed.xml", "https://w.org/", items, 10))
    names = {
        entry.findtext(f"{{{ATOM}}}title"): entry.findtext(f"{{{ATOM}}}author/{{{ATOM}}}name")
        for entry in root.iter(f"{{{ATOM}}}entry")
    }
    assert names == {"Kept": "ann", "Opening post removed": "Steady Spine"}
