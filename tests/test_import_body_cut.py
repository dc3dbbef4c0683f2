"""Every engine's post bodies are cut to the importer's limit before anything parses them (``bodies.convert_bodies``).

phpBB, Simple Machines and MyBB bodies once went through a converter of their own that read a body
of any size; now every saved-page reader shares the one that cuts at ``MAX_BODY_HTML``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from test_import_helpers import FIXTURES

from mkdocs_forum_plugin.importers import xenforo2
from mkdocs_forum_plugin.importers.bodies import MAX_BODY_HTML
from mkdocs_forum_plugin.importers.engines import invision, mybb, phpbb, phpbb_subsilver, smf, vbulletin, vbulletin5
from mkdocs_forum_plugin.importers.records import TRUNCATED, ParseOptions, SourcePage

Parse = Callable[[str, bytes, ParseOptions], list[SourcePage]]
WORDS = "Stretch gently every morning. " * 20_000  # 600,000 characters of invented text
CASES: list[tuple[str, Parse, str, str]] = [
    ("phpbb", phpbb.parse, "phpbb33/waking-page-1.html", '<div class="content">'),
    ("phpbb2", phpbb_subsilver.parse, "phpbb2/heat-or-ice.html", '<span class="postbody">'),
    ("smf", smf.parse, "smf21/sleeping-position-page-1.html", '<div class="inner" data-msgid="401" id="msg_401">'),
    ("mybb", mybb.parse, "mybb18/flight-page-1.html", '<div class="post_body scaleimages" id="pid_1001">'),
    ("vbulletin", vbulletin.parse, "vbulletin3/shoulder.html", '<div id="post_message_70011">'),
    (
        "vbulletin5",
        vbulletin5.parse,
        "vbulletin5/neck.html",
        '<div class="js-post__content-text restore h-wordwrap" itemprop="text">',
    ),
    ("invision", invision.parse, "invision4/sciatica-page-1.html", "<div data-role='commentContent' "),
    ("xenforo2", xenforo2.parse, "xenforo2/desk-page-1.html", '<div class="bbWrapper">'),
]


@pytest.mark.parametrize(("name", "parse", "seed", "opening"), CASES, ids=[c[0] for c in CASES])
def test_a_huge_body_is_cut_before_conversion(name: str, parse: Parse, seed: str, opening: str) -> None:
    page = (FIXTURES / seed).read_text(encoding="utf-8")
    at = page.index(opening)
    at = page.index(">", at) + 1
    pages = parse("f.html", (page[:at] + f"<p>{WORDS}</p>" + page[at:]).encode(), ParseOptions())
    post = pages[0].posts[0]
    assert post.body.endswith(TRUNCATED)
    assert len(post.body) <= MAX_BODY_HTML + len(TRUNCATED)
    assert post.body.count("Stretch gently") < 20_000
    assert any(f"only the first {MAX_BODY_HTML:,} were read" in note for note in post.notes), post.notes
    assert not any("only the first" in note for p in pages[0].posts[1:] for note in p.notes)
