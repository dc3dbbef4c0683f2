"""Browser tests: the plugin's pages in a real browser (Debian Chromium via Playwright)."""
