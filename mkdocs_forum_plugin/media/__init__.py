"""Pictures and attached files kept in the wiki: typed by their bytes, cleaned, stored once by content."""
