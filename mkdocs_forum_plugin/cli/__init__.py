"""The ``mkdocs-forum`` commands, one module each."""
