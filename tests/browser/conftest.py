"""Browser tests: real sites built into tmp dirs, served over HTTP, driven in Debian's Chromium.

The browser and the built sites are shared by all tests of a session. Without
/usr/bin/chromium the tests are skipped, with the reason, except in CI (env CI
set), where they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from sitebuild import build_site, thread_yaml, write_site

from .helpers import AXE_JS, CHROMIUM, build_mkdocs, launch_browser, new_context, serve

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"


def missing(what: str, how: str) -> None:
    """Skip on a developer's machine without ``what``; fail in CI, which must have it."""
    message = f"{what} is not installed ({how})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run the browser tests")
    pytest.skip(message)


# -- the sites under test --------------------------------------------------------------------

# The same two palettes as the example wiki: the reader's system picks the scheme.
THEME: dict[str, Any] = {
    "name": "material",
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"},
        },
    ],
}

MEMBERS = """\
Dr Mira:
  role: Pain Therapist
Old Oak:
  role: Well-Known Member
  memorial: RIP 2021
"""

DISCLAIMER_TEXT = "Answers here are general information from a therapist who has not examined you."

FORUM_PLUGIN: dict[str, Any] = {
    "experts": ["Pain Therapist"],
    "expert_label": "Therapist answer",
    "disclaimer": {"title": "Please read", "text": DISCLAIMER_TEXT, "type": "warning"},
}

FILLER = (
    "I have been reading this thread for days and wanted to add my own experience. "
    "The first weeks were the hardest; after that, short walks every day helped more than anything. "
    "My physio said the same thing: keep moving, a little at a time, and notice what you can do."
)


def _long_thread() -> str:
    posts: list[dict[str, Any]] = [
        {
            "author": "ann",
            "date": "2022-09-12 08:15:00",
            "body": "Since a bad flare-up I've been scared to bend forward.\n\n"
            "I pick up even a sock with my knees bent. Does anyone else feel like this?",
        },
        {"author": "bob", "likes": ["ann"], "body": "Ha, the sock squat! You are not alone.\n\n" + FILLER},
        {
            "author": "Dr Mira",
            "date": "2022-09-13 10:20:00",
            "likes": ["ann", "bob"],
            "likes_total": 9,
            "body": "What you describe is really common after a painful episode.\n\n"
            "As general information: bending forward is a normal, everyday movement, and spines are "
            "strong and adaptable. Many people regain confidence with a **graded** approach.\n\n"
            "[See the garden thread](short.yml) for how that can look.",
        },
    ]
    for n in range(4, 14):
        author = "Old Oak" if n == 6 else f"member{n}"
        posts.append({"author": author, "body": f"Post {n}. {FILLER}\n\n{FILLER}\n\n- one thing\n- another thing\n"})
    posts.append(
        {
            "author": "cy",
            "body": '[quote="ann, post:1"]\nI pick up even a sock with my knees bent\n[/quote]\n\n'
            "Same here, and it got better.",
        }
    )
    return thread_yaml(
        "Scared to bend after a flare-up",
        posts,
        forum="Ask a Therapist",
        tags=["bending", "flare-ups"],
        related=["short.yml"],
    )


def _short_thread() -> str:
    posts: list[dict[str, Any]] = [
        {"author": "Old Oak", "likes": ["ann"], "likes_total": 23, "body": "Two summers on, I'm gardening again."},
        {"author": "ann", "body": "This made my evening."},
    ]
    return thread_yaml("Back to the garden", posts, forum="Success Stories", tags=["gardening"])


LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 4
LONG_URL = "https://forum.example.org/threads/" + "a-very-long-path-segment-" * 8 + "?ref=" + "x" * 60
LONG_CODE_LINE = "curl --request POST https://forum.example.org/api/v1/" + "very_long_parameter_name=1&" * 8
WIDE_TABLE = (
    "| " + " | ".join(f"Column heading number {i}" for i in range(1, 9)) + " |\n"
    "|" + "---|" * 8 + "\n"
    "| " + " | ".join(f"cell{i}_withoutanyspacesinsideitatall" for i in range(1, 9)) + " |\n"
)


def _wide_thread() -> str:
    posts: list[dict[str, Any]] = [
        {
            "author": "Bartholomew_Extraordinarily_Long_Username_Of_The_Forum_2024",
            "role": "Well-Known Member",
            "date": "2023-01-02 03:04:00",
            "edited": "2023-01-03 04:05:00",
            "body": f"A long word: {LONG_WORD}\n\nA bare link: {LONG_URL}\n\n"
            f"[A link with a long address]({LONG_URL})\n\n"
            f"Inline code: `{LONG_CODE_LINE}`\n\n```\n{LONG_CODE_LINE}\n```\n\n{WIDE_TABLE}",
        },
        {
            "author": "Dr Mira",
            "likes": ["ann"],
            "body": f'[quote="Bartholomew_Extraordinarily_Long_Username_Of_The_Forum_2024, post:1"]\n'
            f"{LONG_WORD}\n[/quote]\n\nA reply with {LONG_URL} inside.",
        },
    ]
    return thread_yaml(f"Narrow screens {LONG_WORD}", posts, forum="Site Help")


# Every payload tries to set window.pwned (and most to open a dialog). None may succeed.
HOSTILE_BODIES = [
    "<script>window.pwned=1;alert('script')</script>",
    "<img src=x onerror=\"window.pwned=1;alert('img')\">",
    "<a href=\"javascript:window.pwned=1;alert('a')\">javascript link</a>",
    '<a href="JaVaScRiPt:window.pwned=1">mixed-case javascript link</a>',
    '<a href="  javascript:window.pwned=1">javascript link with spaces</a>',
    '<a href="java&#x09;script:window.pwned=1">javascript link with a tab</a>',
    "<a href=\"data:text/html,<script>window.pwned=1;alert('data')</script>\">data link</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">base64 data link</a>',
    '<a href="vbscript:window.pwned=1">vbscript link</a>',
    '<a href="#" onclick="window.pwned=1;alert(\'onclick\')">onclick link</a>',
    '<svg onload="window.pwned=1;alert(\'svg\')"><circle r="5"/></svg>',
    '<svg><a xlink:href="javascript:window.pwned=1"><text y="20">svg link</text></a></svg>',
    "<iframe src=\"javascript:parent.pwned=1;alert('iframe')\"></iframe>",
    '<iframe srcdoc="<script>parent.pwned=1</script>"></iframe>',
    '<style>body { background: url("javascript:window.pwned=1") }</style><p>after style</p>',
    '<object data="javascript:window.pwned=1"></object><embed src="javascript:window.pwned=1">',
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.pwned=1;alert('math')\">",
    '<math href="javascript:window.pwned=1"><mi>math link</mi></math>',
    '<math><maction actiontype="statusline" xlink:href="javascript:window.pwned=1">maction</maction></math>',
    '<noscript><p title="</noscript><img src=x onerror=window.pwned=1>"></noscript>',
    '<details open ontoggle="window.pwned=1"><summary>details</summary>x</details>',
    '<form action="javascript:window.pwned=1"><button>form button</button></form>',
    '<input autofocus onfocus="window.pwned=1">',
    '<div style="background:url(javascript:window.pwned=1)">styled div</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.pwned=1">',
    '<base href="javascript:window.pwned=1//"><a href="relative">relative after base</a>',
    "[markdown javascript link](javascript:window.pwned=1)",
    "[markdown entity link](&#106;avascript:window.pwned=1)",
    "[markdown data link](data:text/html,<script>window.pwned=1</script>)",
    "![markdown image](javascript:window.pwned=1)",
    '![x](x" onerror="window.pwned=1)',
    "<javascript:window.pwned=1>",
    "Autolink: <https://example.org/ok> and magic link https://example.org/also-ok",
    "A bare javascript:window.pwned=1 in text",
    '[quote="<img src=x onerror=window.pwned=1>, post:1"]quoted[/quote]',
    "`<script>window.pwned=1</script>` in code",
]


def _hostile_thread() -> str:
    posts = [{"author": "ann", "body": "The first post, quoted below."}]
    posts += [{"author": f"attacker{i}", "body": body} for i, body in enumerate(HOSTILE_BODIES, 2)]
    posts.append(
        {
            "author": "<img src=x onerror=window.pwned=1>",
            "role": "<script>window.pwned=1</script>",
            "body": "A hostile author name and role.",
        }
    )
    return thread_yaml(
        "<script>window.pwned=1</script>Hostile posts",
        posts,
        forum="Site Help",
        tags=["<img src=x onerror=window.pwned=1>"],
    )


def forum_site_files() -> dict[str, str]:
    """The main browser-test site: a long thread, a short one, a wide one and a hostile one."""
    return {
        "index.md": "# Home\n\nThe [forums](forums/index.md) of the test wiki.\n",
        "members.yml": MEMBERS,
        "threads/long.yml": _long_thread(),
        "threads/short.yml": _short_thread(),
        "threads/wide.yml": _wide_thread(),
        "threads/hostile.yml": _hostile_thread(),
    }


def collapsible_site_files() -> dict[str, str]:
    posts = [
        {"author": "ann", "body": "Is a warm bath a good idea?"},
        {"author": "Dr Mira", "body": "Many people find warmth eases stiffness."},
    ]
    return {"members.yml": MEMBERS, "threads/bath.yml": thread_yaml("A warm bath", posts)}


@dataclass
class Served:
    """A built site and the URL it is served at."""

    root: Path
    base: str

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


def _build_and_serve(
    tmp_path_factory: pytest.TempPathFactory, name: str, files: dict[str, str], **config: Any
) -> Iterator[Served]:
    root = tmp_path_factory.mktemp(name)
    write_site(root, files, **config)
    site = build_site(root)
    with serve(site.site_dir) as base:
        yield Served(root, base)


@pytest.fixture(scope="session")
def forum_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The main test site, non-collapsible disclaimer, both schemes."""
    yield from _build_and_serve(tmp_path_factory, "forum-site", forum_site_files(), plugin=FORUM_PLUGIN, theme=THEME)


@pytest.fixture(scope="session")
def collapsible_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A site whose disclaimer is configured collapsible."""
    plugin = {**FORUM_PLUGIN, "disclaimer": {**FORUM_PLUGIN["disclaimer"], "collapsible": True}}
    yield from _build_and_serve(
        tmp_path_factory, "collapsible-site", collapsible_site_files(), plugin=plugin, theme=THEME
    )


@pytest.fixture(scope="session")
def unpainted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The main test site with Material's one default colour scheme: no palette toggle."""
    yield from _build_and_serve(
        tmp_path_factory, "unpainted-site", forum_site_files(), plugin=FORUM_PLUGIN, theme={"name": "material"}
    )


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The repository's own example wiki (mkdocs.yml and docs/), built into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("example-site")
    build_mkdocs(ROOT / "mkdocs.yml", site_dir)
    with serve(site_dir) as base:
        yield Served(site_dir, base)


@pytest.fixture(scope="session")
def stock_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Material as it comes, same palettes, no forum plugin: the axe baseline.

    An empty home page, and one page with a link in a paragraph of Markdown, as any wiki has.
    """
    files = {"index.md": "", "text.md": "# Text\n\nA paragraph with [a link](index.md) in it.\n"}
    yield from _build_and_serve(tmp_path_factory, "stock-site", files, theme=THEME, plugins=["search"])


# -- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        missing(str(CHROMIUM), "apt-get install chromium")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launch_browser(playwright)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop-sized light page; its context is closed after the test."""
    context = new_context(browser)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_js() -> Path:
    if not AXE_JS.exists():
        missing(str(AXE_JS.relative_to(ROOT)), "run `npm install` in the repository")
    return AXE_JS
