"""Browser helpers shared by the browser tests and ``scripts/screenshot.py``.

Nothing here imports pytest: the screenshot script imports this module too, so
the README's screenshot is taken exactly like the tests' screenshots.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, FloatRect, Page, Playwright, ViewportSize

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 812}
# Animations and colour transitions make screenshots and computed colours depend on timing.
NO_MOTION_CSS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def launch_browser(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless; Playwright downloads no browser of its own."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)


# -- building and serving sites -----------------------------------------------------------


def build_mkdocs(config_file: Path, site_dir: Path) -> None:
    """Build a site like ``mkdocs build -d SITE_DIR`` does (startup, build, shutdown)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build  # noqa: PLC0415 - only the script and fixtures that build need it
    from mkdocs.config import load_config  # noqa: PLC0415

    cfg = load_config(config_file=str(config_file), site_dir=str(site_dir))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        logging.getLogger("tests.browser.http").debug(format, *args)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A page closed in the middle of a request (ConnectionResetError, BrokenPipeError) is normal here.
        logging.getLogger("tests.browser.http").debug("request from %s failed", client_address, exc_info=True)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) in a thread; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    host = "127.0.0.1"
    server = _Server((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# -- pages ----------------------------------------------------------------------------------


LOCAL = ("http://127.0.0.1:", "http://localhost:", "data:", "blob:", "about:")


def new_context(browser: Browser, *, dark: bool = False, viewport: ViewportSize | None = None) -> BrowserContext:
    """A browser context that never leaves the machine.

    Requests to other hosts (Material's Google Fonts, for one) are aborted at once
    rather than left to time out, so pages load alike with and without a network.
    """
    context = browser.new_context(viewport=viewport or DESKTOP, color_scheme="dark" if dark else "light")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL) else route.abort())
    return context


def open_page(browser: Browser, url: str, *, dark: bool = False, viewport: ViewportSize | None = None) -> Page:
    """A fresh context and page at ``url`` in the light or dark scheme, settled for measuring.

    The scheme is chosen the way a reader's system chooses it (prefers-color-scheme),
    so a site whose palette toggles by ``media`` switches by itself.
    """
    page = new_context(browser, dark=dark, viewport=viewport).new_page()
    page.goto(url)
    settle(page)
    return page


def settle(page: Page) -> None:
    """Wait for fonts and Material's scripts, and switch off transitions."""
    page.wait_for_load_state("load")
    page.add_style_tag(content=NO_MOTION_CSS)
    page.evaluate("document.fonts ? document.fonts.ready.then(() => true) : true")


def scheme(page: Page) -> str:
    """The colour scheme Material has applied to the page."""
    return str(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))


def screenshot(page: Page, path: Path, *, full_page: bool = False, clip: FloatRect | None = None) -> Path:
    """Write a PNG of the page; creates the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # With a clip, full_page makes the clip's coordinates page coordinates, however far down.
    page.screenshot(path=str(path), full_page=full_page or clip is not None, clip=clip, animations="disabled")
    return path


def expert_answer_view(page: Page, *, from_top: bool = False) -> FloatRect:
    """A clip from the thread title (or the page top) down to the first expert answer and its disclaimer.

    The title, the thread facts and the expert answer with its label, in one picture;
    ``from_top`` includes Material's header bar, as the README's screenshot does.
    """
    box = page.evaluate(
        """(fromTop) => {
          const h1 = document.querySelector('article.md-content__inner h1');
          const expert = document.querySelector('.forum-post--expert');
          if (!h1 || !expert) return null;
          const next = expert.nextElementSibling;
          const end = next && next.matches('.forum-disclaimer') ? next : expert;
          const top = fromTop ? 0 : Math.max(h1.getBoundingClientRect().top + window.scrollY - 24, 0);
          const after = end.nextElementSibling;
          let bottom = end.getBoundingClientRect().bottom + 24;
          if (after) bottom = Math.min(bottom, after.getBoundingClientRect().top - 2);
          return {top, bottom: bottom + window.scrollY};
        }""",
        from_top,
    )
    if box is None:
        raise ValueError(f"{page.url} has no expert answer")
    width = page.viewport_size["width"] if page.viewport_size else DESKTOP["width"]
    return {"x": 0, "y": box["top"], "width": width, "height": box["bottom"] - box["top"]}


# -- colours and contrast (WCAG 2.x) ---------------------------------------------------------

# The computed colour of an element and the colour behind it: walk up the ancestors,
# compositing every translucent background over the ones below it, until an opaque one.
# Colours are normalised by a canvas, so hsl(), rgba() and hex all come back alike.
COLOURS_JS = """
(el) => {
  const ctx = document.createElement('canvas').getContext('2d');
  const rgba = (c) => {
    ctx.fillStyle = '#000000';
    ctx.fillStyle = c;
    const v = ctx.fillStyle;
    if (v.startsWith('#')) {
      return [parseInt(v.slice(1, 3), 16), parseInt(v.slice(3, 5), 16), parseInt(v.slice(5, 7), 16), 1];
    }
    const m = v.match(/rgba?\\(([^)]+)\\)/);
    const p = m[1].split(',').map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const bg = rgba(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let bg = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) {
    bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
  }
  const style = getComputedStyle(el);
  const fg = rgba(style.color);
  return {fg, bg, fontSize: parseFloat(style.fontSize), fontWeight: style.fontWeight,
          borderLeft: style.borderLeftColor, background: style.backgroundColor};
}
"""


def _channel(value: float) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float] | list[float]) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 channels)."""
    r, g, b = (_channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: list[float], bg: list[float]) -> float:
    """WCAG contrast ratio of a (possibly translucent) text colour over an opaque background."""
    alpha = fg[3] if len(fg) > 3 else 1
    text = [fg[i] * alpha + bg[i] * (1 - alpha) for i in range(3)]
    lighter, darker = sorted((luminance(text), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours(page: Page, selector: str) -> dict[str, Any]:
    """Computed text colour, effective background and font facts of the first match."""
    handle = page.locator(selector).first
    return dict(handle.evaluate(COLOURS_JS))


# -- accessibility (axe-core) ----------------------------------------------------------------

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


# The plugin's own markup: every element it renders has a forum-* class or sits inside one.
FORUM_MARKUP = '[class^="forum-"], [class*=" forum-"]'


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations: [{id, impact, help, nodes: [{target, forum, summary}]}].

    ``forum`` tells whether the node is (inside) the plugin's markup rather than
    Material's page frame or a site's own Markdown.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (forum) => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          const inForum = (target) => {
            const el = target.length === 1 ? document.querySelector(target[0]) : null;
            return el ? el.closest(forum) !== null : false;
          };
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), forum: inForum(n.target),
                                      summary: n.failureSummary}))}));
        }""",
        FORUM_MARKUP,
    )
    return list(result)
