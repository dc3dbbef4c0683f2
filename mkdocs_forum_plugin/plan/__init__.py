"""The site plan: which pages and files the forum adds to a wiki, at which addresses, and what is left out.

Which pages a wiki has is a fact about the wiki, not about an engine: thread,
section and member pages, the indexes, feeds, the plugin's own files, redirects
from the old forum, and what happens when two of them want the same address. The
plan decides all of it from the build state; each engine's adapter only maps it
(MkDocs onto ``File.generated``, Zensical into files of ``docs/``).
"""

from __future__ import annotations

from .addresses import Addresses, nav_order, nav_paths, output_path, page_url
from .site_plan import PlannedPage, SitePlan, SiteShape, plan_site

__all__ = [
    "Addresses",
    "PlannedPage",
    "SitePlan",
    "SiteShape",
    "nav_order",
    "nav_paths",
    "output_path",
    "page_url",
    "plan_site",
]
