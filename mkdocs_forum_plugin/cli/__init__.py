"""The mkdocs-forum command line: one module per command."""
