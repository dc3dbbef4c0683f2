"""Fuzz tests of the vBulletin and Invision importers: mutated and cut pages never give a traceback or a stray write.

They reuse the sandbox and mutations of ``test_import_fuzz.py`` and add the
markup of these engines to the fragments inserted; bounded like the others
(FORUM_FUZZ_EXAMPLES, FUZZ_EXAMPLES).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_import_fuzz import (  # noqa: F401 (sandbox is a fixture)
    FUZZ,
    HOSTILE,
    Sandbox,
    load_seeds,
    mutate,
    mutated_files,
    mutations,
    sandbox,
)

from mkdocs_forum_plugin.importers.engines import invision, vbulletin, vbulletin5
from mkdocs_forum_plugin.importers.records import InputError, ParseOptions

FOLDERS = {
    "vbulletin": ["vbulletin3", "vbulletin4", "vbulletin4-themed"],
    "vbulletin5": ["vbulletin5"],
    "invision": ["invision4", "invision4-themed"],
}
SEEDS = load_seeds(FOLDERS)
ENGINE_MARKUP = [
    '<div id="post_message_1">',
    '<div id="post_message_99999999999999999999">',
    '<li class="postcontainer" id="post_1">',
    '<div class="bbcode_quote"><div class="bbcode_postedby">Originally Posted by <strong>',
    '<a href="showthread.php?p=1#post1">',
    '<div class="message">',
    '<div class="smallfont">Quote:</div><table><tr><td class="alt2">',
    "</td></tr></table>",
    '<blockquote class="postcontent lastedited">Last edited by x; 99-99-9999 at 99:99 PM.',
    '<img src="images/smilies/x.png" title="',
    '<img alt="Click image for larger version. Name: ../../x Views: 1">',
    '<a id="postcount1" name="-3">',
    '<span class="date">13-45-2020, 25:61 PM</span>',
    '<div id="post_thanks_box_1"><a href="member.php?u=1">',
    '<li class="b-post" data-node-id="1">',
    '<div class="js-post__content-text">',
    '<time datetime="9999-99-99T99:99:99">',
    '<a class="js-pagenav-button" data-page="999999999999">',
    '<div class="b-post__edit">Last edited by ;',
    "<article id='elComment_1'>",
    "<article id='elComment_x'>",
    "<div data-role='commentContent'>",
    "<div data-quoteData='{\"username\": 5}'>",
    "<div data-quoteData='[1'>",
    '<blockquote class="ipsQuote" data-ipsquote-username="../../a" data-ipsquote-contentcommentid="1e9">',
    '<div class="ipsQuote_citation">',
    "<span data-excludequote><time title='02/30/2020 13:00 PM' datetime='x'>",
    '<img data-emoticon="" alt="**">',
    "<ul class='ipsPagination' data-pages='-1'>",
    "<li class='ipsReact_reactCount'><span>1e999</span></li>",
    '<a data-mentionid="1">',
    '<td class="vbmenu_control">Page 1 of 99999999999</td>',
    '<link rel="canonical" href="http://[::1/showthread.php?t=1">',
    '<a href="http://[::1/attachment.php?attachmentid=1">',
    '<a class="smallfont" href="showthread.php?t=1&amp;page=99999999999">99999999999</a>',
]
mutation = mutations(ENGINE_MARKUP + HOSTILE, drop=60)


@pytest.mark.parametrize("kind", sorted(FOLDERS))
@FUZZ
@given(data=st.data())
def test_mutated_engine_pages(sandbox: Callable[[], Sandbox], kind: str, data: st.DataObject) -> None:  # noqa: F811
    sandbox().run(mutated_files(data, SEEDS[kind], mutation))


@pytest.mark.parametrize("module", [vbulletin, vbulletin5, invision])
@FUZZ
@given(data=st.data())
def test_parsers_alone(module: ModuleType, data: st.DataObject) -> None:
    """Each parser on its own, given any engine's page: pages or an InputError, nothing else."""
    seeds = [seed for kind_seeds in SEEDS.values() for seed in kind_seeds]
    seed = seeds[data.draw(st.integers(0, len(seeds) - 1))]
    edits, cut = data.draw(mutation)
    try:
        pages = module.parse("x.html", mutate(seed, edits, cut), ParseOptions())
    except InputError as error:
        assert str(error)
        return
    for page in pages:
        assert page.title and page.key
        assert all(post.author for post in page.posts)
