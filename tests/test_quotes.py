"""Forum quote markup in bodies becomes attributed quote blocks."""

from __future__ import annotations

from typing import Any

from sitebuild import BuildFn, one, thread_yaml


def quotes_in_post(make_site: BuildFn, body: str, n: int = 3) -> Any:
    posts = [{"author": "ann", "body": "first"}, {"author": "bob", "body": "second"}, {"author": "cy", "body": body}]
    site = make_site({"t.yml": thread_yaml("T", posts)})
    return site.content("t/").select_one(f"#post-{n} > div")


def test_quote_has_attribution_linking_to_post(make_site: BuildFn) -> None:
    body = quotes_in_post(make_site, '[quote="ann, post:1"]first[/quote]\nI agree.')
    quote = body.select_one("blockquote.forum-quote")
    link = quote.select_one(".forum-quote > p:first-child a")
    assert link.get_text() == "ann wrote:"
    assert link["href"] == "#post-1"
    assert quote.find_all("p")[-1].get_text() == "first"
    assert body.find_all("p", recursive=False)[-1].get_text() == "I agree."


def test_quote_tags_are_case_insensitive(make_site: BuildFn) -> None:
    body = quotes_in_post(make_site, '[QUOTE="bob, post:2"]second[/QUOTE]')
    assert body.select_one(".forum-quote > p:first-child a")["href"] == "#post-2"


def test_xenforo_quote_ignores_member_part(make_site: BuildFn) -> None:
    body = quotes_in_post(make_site, '[QUOTE="bob, post: 2, member: 45"]second[/QUOTE]')
    link = body.select_one(".forum-quote > p:first-child a")
    assert (link.get_text(), link["href"]) == ("bob wrote:", "#post-2")


def test_quote_without_post_number_has_plain_attribution(make_site: BuildFn) -> None:
    body = quotes_in_post(make_site, '[quote="someone"]words[/quote]')
    attribution = body.select_one(".forum-quote > p:first-child")
    assert attribution.get_text() == "someone wrote:"
    assert attribution.a is None


def test_nested_quotes(make_site: BuildFn) -> None:
    body = quotes_in_post(make_site, '[quote="bob, post:2"]outer [quote="ann, post:1"]inner[/quote][/quote]')
    outer = body.select_one(":scope > blockquote.forum-quote")
    inner = outer.select_one(":scope > blockquote.forum-quote")
    assert outer.select_one(".forum-quote > p:first-child a")["href"] == "#post-2"
    assert inner.select_one(".forum-quote > p:first-child a")["href"] == "#post-1"
    assert inner.get_text(" ", strip=True) == "ann wrote: inner"


def test_markdown_inside_quote(make_site: BuildFn) -> None:
    body = quotes_in_post(make_site, '[quote="ann, post:1"]some **strong** words[/quote]')
    assert body.select_one("blockquote.forum-quote strong").get_text() == "strong"


def test_stray_closing_tag_stays_text(make_site: BuildFn) -> None:
    body = quotes_in_post(make_site, "no quote here[/quote]")
    assert body.select("blockquote") == []
    assert "no quote here" in body.get_text()


def test_discourse_quote_with_topic(make_site: BuildFn) -> None:
    body = quotes_in_post(make_site, '[quote="ann, post:1, topic:77"]\nfirst\n[/quote]')
    assert body.select_one(".forum-quote > p:first-child a")["href"] == "#post-1"


def test_quoted_post_lists_the_posts_quoting_it(make_site: BuildFn) -> None:
    posts = [
        {"author": "ann", "body": "first"},
        {"author": "bob", "body": '[quote="ann, post:1"]first[/quote] yes'},
        {"author": "cy", "body": '[quote="ann, post:1"]first[/quote] [quote="bob, post:2"]yes[/quote]'},
    ]
    page = make_site({"t.yml": thread_yaml("T", posts)}).content("t/")
    quoted = one(page, "#post-1 .forum-post__quoted-by")
    assert quoted.get_text() == "Quoted in posts 2 and 3"
    assert [a["href"] for a in quoted.select("a")] == ["#post-2", "#post-3"]
    assert one(page, "#post-2 .forum-post__quoted-by").get_text() == "Quoted in post 3"
    assert page.select_one("#post-3 .forum-post__quoted-by") is None


def test_quote_markup_inside_code_stays_code(make_site: BuildFn) -> None:
    body = quotes_in_post(
        make_site, 'Write `[quote="ann, post:1"]` like this:\n\n```\n[quote="bob, post:2"]\nx\n[/quote]\n```\n'
    )
    assert body.select("blockquote") == []
    assert body.select_one("p code").get_text() == '[quote="ann, post:1"]'
    assert body.select_one("pre code").get_text() == '[quote="bob, post:2"]\nx\n[/quote]\n'
