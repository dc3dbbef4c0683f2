"""Two of Material's inline scripts that do nothing on a page of the plugin's, left out of it.

Material puts both on every page, whatever the page holds:

- the *palette* script (about 720 bytes, in the header) reads the colour scheme a reader
  chose with the palette toggle and applies it before the page is drawn. Without a palette
  form on the page (no ``palette`` list in ``theme``) there is no toggle to choose with;
  Material itself leaves the script out when ``palette`` is a single scheme. A choice stored
  while the site still had a toggle is all it could find, and one that follows the
  system's scheme makes it fail ("input is null", tested in Chromium);
- the *tabbed* script (about 170 bytes, after the content) ticks the content tab that the
  address's ``#`` names. Without ``pymdownx.tabbed`` tabs on the page it has no tab to tick.

Each is left out only when the page holds no part of what it works on: a page with
``name="__palette"`` or ``data-md-component="palette"`` keeps the first, one with
``name="__tabbed_`` the second. A script is found by its own opening words, so a newer
Material that changes one keeps it. On the 2,000-thread archive this is about 890 bytes
of each page's 30 KB.
"""

from __future__ import annotations

import re

_PALETTE = re.compile(r'<script>var palette=__md_get\("__palette"\);[^<]*</script>\n?')
_TABBED = re.compile(r"<script>var target=document\.getElementById\(location\.hash\.slice\(1\)\);[^<]*</script>\n?")
# Each script, and what on a page it works on.
_SCRIPTS = (
    (_PALETTE, ('name="__palette"', 'data-md-component="palette"')),
    (_TABBED, ('name="__tabbed_',)),
)


def drop_idle_scripts(html: str) -> str:
    """The page without Material's palette and tabbed scripts where it has nothing for them to work on."""
    for script, users in _SCRIPTS:
        if not any(user in html for user in users):
            html = script.sub("", html, count=1)
    return html
