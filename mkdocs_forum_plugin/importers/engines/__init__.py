"""Saved-page readers for forum engines other than XenForo: one module per engine, over the shared page reader."""
