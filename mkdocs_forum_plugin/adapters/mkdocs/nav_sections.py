"""A navigation section that holds nothing but one of the plugin's pages becomes a link to that page.

MkDocs makes a section of every folder in its automatic navigation. The members index is the
only page of ``members/`` that the navigation lists (member pages are not in it), so every
page of the wiki carried a "Members" section whose one entry was "Members": two headings, a
toggle and a nested list, about 650 bytes of each page's HTML, for one link. The same holds
for a one-page section of listings. A section the wiki's own ``nav:`` names, or one that holds
an editor's page, is left as it is.
"""

from __future__ import annotations

from collections.abc import Collection

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def _collapsed(item: StructureItem, ours: Collection[str]) -> StructureItem:
    if not isinstance(item, Section):
        return item
    item.children = [_collapsed(child, ours) for child in item.children]
    if len(item.children) == 1:
        (only,) = item.children
        if isinstance(only, Page) and only.file.src_uri in ours:
            only.parent = item.parent
            return only
    return item


def collapse_one_page_sections(nav: Navigation, ours: Collection[str]) -> Navigation:
    """``nav`` with each section whose only entry is a page of ``ours`` (src_uris) replaced by that page."""
    nav.items = [_collapsed(item, ours) for item in nav.items]
    return nav
