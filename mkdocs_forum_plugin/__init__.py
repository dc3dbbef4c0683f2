"""mkdocs-forum-plugin: forum threads kept as YAML files become knowledge-base pages."""

__version__ = "0.1.0"
