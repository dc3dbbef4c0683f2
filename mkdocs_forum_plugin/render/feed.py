"""Atom feeds of the newest threads (RFC 4287), built with ElementTree so text is always escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..model import When, instant

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedItem:
    """One thread in a feed; URLs are absolute."""

    title: str
    url: str
    author: str
    summary: str
    published: When | None
    updated: When | None


def rfc3339(when: When) -> str:
    """Atom timestamps need a time and a zone; dates become midnight UTC, naive times are taken as UTC."""
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)
    elif when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.isoformat().replace("+00:00", "Z")


def _sort_key(item: FeedItem) -> str:
    when = item.updated or item.published
    return instant(when) if when else ""


def atom_feed(title: str, feed_url: str, home_url: str, items: list[FeedItem], limit: int) -> str:
    """The feed document, newest ``limit`` items first."""
    ET.register_namespace("", ATOM)
    newest = sorted(items, key=_sort_key, reverse=True)[:limit]
    root = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(root, f"{{{ATOM}}}title").text = title
    ET.SubElement(root, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=feed_url, type="application/atom+xml")
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=home_url, type="text/html")
    stamps = [when for i in newest if (when := i.updated or i.published)]
    latest = max(stamps, key=instant) if stamps else None
    ET.SubElement(root, f"{{{ATOM}}}updated").text = rfc3339(latest) if latest else "1970-01-01T00:00:00Z"
    for item in newest:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = item.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = item.url
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=item.url, type="text/html")
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        # A thread whose opening post was removed names no member: the wiki itself stands as its author.
        ET.SubElement(author, f"{{{ATOM}}}name").text = item.author or title
        updated = item.updated or item.published
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = rfc3339(updated) if updated else "1970-01-01T00:00:00Z"
        if item.published:
            ET.SubElement(entry, f"{{{ATOM}}}published").text = rfc3339(item.published)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = item.summary
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
