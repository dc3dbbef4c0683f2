"""The Zensical adapter: Zensical runs no third-party plugins, so the pages are written before it builds.

- ``generate.py``: ``mkdocs-forum generate`` plans the pages exactly as the MkDocs
  plugin does (same options, same addresses) and writes them into docs/ as Markdown;
- ``envelope.py``: a rendered page is packed so that no other Markdown extension can
  read or change it; ``extension.py`` (``forum_pages`` in ``markdown_extensions``)
  unpacks it when Zensical renders the page;
- ``watch.py``: ``generate --watch`` and ``--serve`` write the pages again after each edit;
- ``readiness.py``: what ``mkdocs-forum check`` says a Zensical build would lose.
"""
