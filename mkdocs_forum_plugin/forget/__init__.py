"""Forgetting a member at their request: their posts removed, quotes emptied, likes and name gone, for good.

``names`` finds a name in any letter case; ``body`` and ``thread_file`` rewrite a thread
file's text in place; ``members_file`` the members file; ``record`` keeps the erasure in
the wiki without the name; ``imported`` applies it to what the importer writes; ``run``
is the whole command on a docs folder.
"""
