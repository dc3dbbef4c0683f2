"""Take the README's screenshot: the example wiki's expert-answer thread at desktop width.

Builds the wiki (mkdocs.yml) into a temporary folder, serves it on 127.0.0.1 and
photographs a thread from its title to the expert answer and the disclaimer after
it, with the same helpers as the browser tests (tests/browser/helpers.py).

    python scripts/screenshot.py                       # writes docs/images/screenshot.png
    python scripts/screenshot.py --dark --out /tmp/dark.png
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from helpers import (  # noqa: E402 - the shared helpers live with the browser tests
    CHROMIUM,
    DESKTOP,
    build_mkdocs,
    expert_answer_view,
    launch_browser,
    open_page,
    screenshot,
    serve,
)

DEFAULT_PAGE = "threads/tightness/"  # a question in Ask a Therapist, the therapist's answer, the disclaimer


def main(argv: list[str] | None = None) -> int:
    """Build, serve, photograph; print where the PNG went."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the wiki's mkdocs.yml")
    parser.add_argument("--page", default=DEFAULT_PAGE, help=f"thread page URL path (default {DEFAULT_PAGE})")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "screenshot.png")
    parser.add_argument("--dark", action="store_true", help="the slate scheme instead of the light one")
    args = parser.parse_args(argv)

    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="forum-screenshot-") as tmp:
        site_dir = Path(tmp) / "site"
        build_mkdocs(args.config.resolve(), site_dir)
        if not (site_dir / args.page / "index.html").exists():
            print(f"{args.page} is not a page of the built wiki", file=sys.stderr)
            return 1
        with serve(site_dir) as base, sync_playwright() as playwright:
            browser = launch_browser(playwright)
            try:
                page = open_page(browser, base + args.page, dark=args.dark, viewport=DESKTOP)
                path = screenshot(page, args.out, clip=expert_answer_view(page, from_top=True))
            finally:
                browser.close()
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
