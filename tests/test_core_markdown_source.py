"""The Markdown the plugin writes from member data (``render/markdown_source.py``), through real Markdown.

Section pages, the forums overview and the members index are rendered by the
site's own Markdown, with whatever extensions the site has. Names, titles and
labels must come out as written, and link destinations must lead to the page
whatever its file name. Each case runs through Python-Markdown with the example
wiki's extensions (read from its mkdocs.yml) and with a set of pymdown-extensions
that change text (tilde, caret, mark, smart symbols, emoji, magic links, critic,
arithmatex, smarty).
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from selectolax.lexbor import LexborHTMLParser, LexborNode

from mkdocs_forum_plugin.render.markdown_source import front_matter, md_link, md_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # timing is a benchmark's job, not a test's
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=EXAMPLES <= 150,  # CI sees the same examples on every run
)


def _example_extensions() -> tuple[list[str], dict[str, Any]]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


TEXT_CHANGING = [
    "tables",
    "toc",
    "attr_list",
    "abbr",
    "footnotes",
    "def_list",
    "smarty",
    "pymdownx.tilde",
    "pymdownx.caret",
    "pymdownx.mark",
    "pymdownx.smartsymbols",
    "pymdownx.emoji",
    "pymdownx.magiclink",
    "pymdownx.critic",
    "pymdownx.keys",
    "pymdownx.betterem",
    "pymdownx.arithmatex",
    "pymdownx.escapeall",
]
SITES = {"example wiki": _example_extensions(), "text-changing extensions": (TEXT_CHANGING, {})}

# Names that the old backslash escape showed wrongly, or that an extension would change.
HOSTILE = [
    "<",
    "~",
    "|",
    "*",
    "_",
    "`",
    "[",
    "]",
    "\\",
    "&",
    "<3",
    "a)b",
    "Back pain < 3 weeks",
    "<3 Sam ~*~",
    "x_y_z_",
    "**not bold**",
    "[a link](https://example.org)",
    "&amp; &#60; &lt; &#x3C;",
    '--8<-- "mkdocs.yml"',
    "<!-- material/tags -->",
    "<b>not bold</b>",
    ":smile: 1/2 (c) --> +/- ...",
    "https://example.org/a_b and www.example.org",
    "{: .big #id }",
    "==mark== ^^up^^ ~~gone~~ ~sub~",
    "$x$ {++added++} ++ctrl+alt++",
    "[^1] *[HTML]: words",
    "'single' \"double\" -- ---",
    "# not a heading",
    "1. not a list",
    "    four spaces",
    "trailing \\",
    "#123 @ann",
    "Ünïcödé ✓ 痛み 🙂 שלום",
]


def _render(source: str, site: str) -> LexborHTMLParser:
    """The HTML the site's Markdown makes of ``source``, parsed as a browser would (lexbor).

    Not BeautifulSoup: it shortens a text that is only spaces to one space.
    """
    names, configs = SITES[site]
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(source)
    tree = LexborHTMLParser(html)
    for link in tree.css("a.headerlink"):  # toc's permalink, not part of the heading's words
        link.decompose()
    return tree


def _find(tree: LexborHTMLParser | LexborNode, selector: str) -> LexborNode:
    found = tree.css_first(selector)
    assert found is not None, f"no {selector} in {tree.html!r}"
    return found


def _shown(text: str, site: str) -> tuple[str, str, str]:
    """What a heading, a link's words and the words after the link show for ``text``."""
    tree = _render(f"# {md_text(text)}\n\n- [{md_text(text)}](t.md) · {md_text(text)}\n", site)
    item = _find(tree, "li")
    link = _find(item, "a")
    after = link.next
    assert after is not None, item.html
    tail = after.text()
    assert tail.startswith(" · "), item.html
    return _find(tree, "h1").text(), link.text(), tail[3:].removesuffix("\n")


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("text", HOSTILE)
def test_text_is_shown_as_written(text: str, site: str) -> None:
    heading, link, rest = _shown(text, site)
    assert (heading.strip(), link, rest) == (text.strip(), text, text)


def test_text_is_written_without_backslashes() -> None:
    # A backslash escape shows its backslash wherever no extension unescapes that character.
    assert md_text("<3 Sam ~*~ | Back pain < 3 weeks") == "&lt;3 Sam &#x7E;&#x2A;&#x7E; &#x7C; Back pain &lt; 3 weeks"
    assert md_text("Ünïcödé 痛み 42") == "Ünïcödé 痛み 42"


ODD_FILES = ["a)b", "hash#tag", "q?x", "pct%41", "sp ace", "ünï", "x(y)", "a]b[", "amp&er", "it's", "<x>", "a\\b"]


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("name", ODD_FILES)
def test_link_destination_leads_to_the_file(name: str, site: str) -> None:
    target = f"threads/{name}.md"
    link = _find(_render(f"[{md_text(name)}]({md_link(target, 'forums')})\n", site), "a")
    href = str(link.attributes["href"])
    assert unquote(href) == f"../threads/{name}.md"
    assert posixpath.normpath(posixpath.join("forums", unquote(href))) == target
    assert link.text() == name


def test_front_matter_keeps_every_value_readable() -> None:
    # YAML refuses C1 controls and non-characters: one in a title lost the whole front
    # matter, which then showed as the page's first lines.
    title = "a\x9fb\ufffec\x85d\u2028e <&> \"'"
    markdown_text, meta = get_data(front_matter({"title": title, "tags": ["x\x80y", "z"]}))
    assert markdown_text == ""
    assert meta == {"title": "a\x9fb\ufffec\x85d\u2028e &lt;&amp;&gt; &quot;&#x27;", "tags": ["x\x80y", "z"]}


PIECES = st.sampled_from([*HOSTILE, " ", "  ", "\u00a0", "\u3000", "\u2028", "&#", ";", "\\\\", "\u200b"])
# Control characters are refused by the loader (and HTML cannot show most of them).
LETTERS = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
TEXTS = st.lists(st.one_of(PIECES, LETTERS), min_size=1, max_size=8).map("".join)


@FUZZ
@given(TEXTS, st.sampled_from(sorted(SITES)))
def test_fuzz_text_round_trips_through_the_site_markdown(text: str, site: str) -> None:
    heading, link, rest = _shown(text, site)
    assert link == text
    assert rest == text
    assert heading.strip() == text.strip()  # a heading's outer spaces are not its words


FILE_NAMES = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="/"), min_size=1)


@FUZZ
@given(FILE_NAMES, st.sampled_from(sorted(SITES)))
def test_fuzz_link_destination_round_trips(name: str, site: str) -> None:
    link = _find(_render(f"[x]({md_link(f'threads/{name}.md', 'forums/ask')})\n", site), "a")
    assert unquote(str(link.attributes["href"])) == f"../../threads/{name}.md"
