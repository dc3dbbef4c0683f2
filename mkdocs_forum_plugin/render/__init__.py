"""Render: model objects to HTML fragments (post frames, quotes, disclaimer, related)."""
