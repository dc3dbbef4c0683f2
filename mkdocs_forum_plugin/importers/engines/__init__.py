"""One module per forum engine whose saved thread pages the importer reads (besides XenForo and Discourse)."""
