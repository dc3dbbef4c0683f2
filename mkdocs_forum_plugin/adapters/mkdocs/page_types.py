"""The MkDocs page type of the pages the plugin renders itself (threads, members): no Markdown is run."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class RenderedPage(Page):
    """A page whose HTML the plugin makes: a thread, or a member page.

    Its Markdown source is front matter only, and the HTML is ``html`` or comes from
    ``on_page_content``, so running the site's Markdown (a fresh instance with
    every extension, for each page on each rebuild) would be wasted work.
    """

    html = ""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Use the plugin's HTML; thread pages get theirs in ``on_page_content``."""
        self.content = self.html
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}
