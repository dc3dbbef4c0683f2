"""``forum_pages``: the Markdown extension that shows the pages ``mkdocs-forum generate`` wrote.

Zensical runs the extensions named in ``markdown_extensions``, third-party ones
included, with a new Markdown instance for each page. A generated page's body is
one packed HTML document (``envelope.py``); this extension replaces the whole body
with that HTML, stored in Python-Markdown's raw-HTML stash, so it reaches the page
as written. Pages without a packed document are left alone, so the extension is
harmless under MkDocs too (the ``forum`` plugin leaves generated pages out there).
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .envelope import START, unpack

# After "normalize_whitespace" (30), which would strip the stash's placeholder characters,
# and before "html_block" (20). Preprocessors that run earlier (snippets at 32) see only base64.
PRIORITY = 25


class _Unpack(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if START not in lines:
            return lines
        html = unpack(lines)
        if html is None:
            return lines  # a damaged page shows its notice, not half a page
        return [self.md.htmlStash.store(html)]


class ForumPagesExtension(Extension):
    """Show the thread and member pages that ``mkdocs-forum generate`` wrote."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        """Register the preprocessor that puts each packed page back."""
        md.preprocessors.register(_Unpack(md), "forum_pages", PRIORITY)


def makeExtension(**kwargs: Any) -> ForumPagesExtension:  # noqa: N802 - Python-Markdown's name
    """Python-Markdown's entry point for ``mkdocs_forum_plugin.adapters.zensical.extension``."""
    return ForumPagesExtension(**kwargs)
