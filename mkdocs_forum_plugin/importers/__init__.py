"""Importers: forum exports (XenForo pages, Discourse JSON, forum-dl, copied text) to thread files.

The flow is one way: each input file is parsed into :class:`records.SourcePage`
objects by the module of its format, pages of one thread are merged, each thread
is converted into the data of a thread file, and the writer puts it in place
(atomically, never over a hand edit) and merges the members file.
"""
