"""The MkDocs adapter (also used by properdocs): the ``forum`` plugin and the pages it generates."""
