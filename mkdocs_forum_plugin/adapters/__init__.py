"""Adapters: each maps one engine's events onto the core (load -> model -> render -> relate)."""
