"""The Atom feeds announced in the head of every page of a MkDocs site."""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from ...render.text import escape_attr


def with_feed_links(output: str, feeds: dict[str | None, str], site_name: str, page_url: str) -> str:
    """``output`` with one link per feed (``feeds``: section name or None for the site's -> path) in its head."""
    if not feeds or "</head>" not in output:
        return output
    links = []
    for name, path in feeds.items():
        title = site_name if name is None else f"{site_name}: {name}"
        attrs = f'title="{escape_attr(title)}" href="{escape_attr(get_relative_url(path, page_url))}"'
        # "alternate feed", not "alternate" alone: Material's JavaScript takes every
        # link[rel=alternate] for another language of the site and downloads the
        # sitemap.xml next to it on every page, which grows with the wiki. Feed readers
        # and browsers look for the "alternate" keyword among the rel values.
        links.append(f'<link rel="alternate feed" type="application/atom+xml" {attrs}>')
    return output.replace("</head>", "".join(links) + "</head>", 1)
