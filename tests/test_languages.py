"""Sites built in other languages: every word the plugin writes follows ``theme.language``."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.exceptions import Abort
from sitebuild import BuildFn, Site, attr, build_site, one, text_of, thread_yaml, write_site

from mkdocs_forum_plugin.model import Location
from mkdocs_forum_plugin.problems import Problem
from mkdocs_forum_plugin.render.labels import SETTINGS, catalogue, labels_for
from mkdocs_forum_plugin.render.page_meta import broken_html

LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "ar", "he"]

# Names, titles and bodies in German or in no language, so that any English word on a
# German page can only have come from the plugin.
MEMBERS = """\
Anna:
  memorial: "1970–2020"
Dr Weber:
  role: Therapeutin
"""
POSTS: list[dict[str, Any]] = [
    {"author": "Anna", "date": "2023-02-06 14:05", "body": "Hallo zusammen, ich schlafe kaum noch."},
    {
        "author": "Dr Weber",
        "date": "2023-02-07",
        "edited": "2023-02-08 09:30",
        "likes": ["Anna", "Bernd"],
        "likes_total": 5,
        "body": '[quote="Anna, post:1"]ich schlafe kaum[/quote]\n\nVersuchen Sie feste Zeiten.',
    },
    {"author": "Bernd", "date": "2023-02-09", "likes": ["Anna"], "body": "[quote]feste Zeiten[/quote] Danke!"},
    {"author": "Moderation", "kind": "moderator", "body": "Thema geschlossen."},
]
SITE_FILES = {
    "members.yml": MEMBERS,
    "threads/schlaf.yml": thread_yaml(
        "Schlaflos nach Umzug",
        POSTS,
        forum="Schlafen",
        tags=["schlaf", "umzug"],
        source="https://forum.example.org/t/123",
        related=["wecker.yml"],
    ),
    "threads/wecker.yml": thread_yaml(
        "Wecker stellen",
        [{"author": "Bernd", "date": "2022-05-01", "body": "Wann stellt ihr den Wecker?"}],
        forum="Schlafen",
    ),
    "threads/ruhe.yml": thread_yaml(
        "Ruhe finden", [{"author": "Anna", "date": "2021-01-03", "body": "Atmen hilft."}], forum="Schlafen"
    ),
}
PLUGIN = {
    "experts": ["Therapeutin"],
    "disclaimer": {"text": "Keine Diagnose."},
    "section_page_size": 1,
    "structured_data": "short",
}


def build_in(make_site: BuildFn, language: str) -> Site:
    return make_site(
        SITE_FILES, plugin=PLUGIN, theme={"name": "material", "language": language}, site_url="https://x.org/"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_thread_page_speaks_the_sites_language(make_site: BuildFn, language: str) -> None:
    site = build_in(make_site, language)
    labels = labels_for(language)
    page = site.html("threads/schlaf/")
    assert attr(page.html, "lang") == language  # Material's, from theme.language
    content = site.content("threads/schlaf/")
    assert text_of(one(content, ".forum-thread__replies")) == labels.count("replies", 3)
    assert text_of(one(content, ".forum-thread__source")) == labels("original_thread")
    expected_date = labels_for(language).date(dt.date(2023, 2, 7))
    assert text_of(one(content, "#post-2 > h2 + p > time")) == expected_date
    started = text_of(one(content, ".forum-thread__date"))
    assert started == labels("thread_started", date=labels.date(dt.datetime(2023, 2, 6, 14, 5)))
    assert text_of(one(content, "#post-3 > h2 > a:last-child")) == labels("post_hidden", n=3)
    assert text_of(one(content, "#post-2 .forum-post__likes")) == labels.likes(["Anna", "Bernd"], 5)
    assert text_of(one(content, "#forum-related-title")) == labels("related_threads")
    assert text_of(one(content, ".forum-disclaimer .admonition-title")) == labels("disclaimer")
    assert text_of(one(content, "#post-3 .forum-quote > p:first-child")) == labels(
        "quote_wrote", name=labels("quote_someone")
    )
    assert attr(one(content, ".forum-thread__tags"), "aria-label") == labels("tags")
    assert text_of(one(content, ".forum-post__moderator-label")) == labels("moderator_note")
    data = json.loads(text_of(one(content, 'script[type="application/ld+json"]')))
    assert "inLanguage" not in data  # structured_data: short; the page's <html lang> says it


def test_full_structured_data_gives_the_language(make_site: BuildFn) -> None:
    plugin = {**PLUGIN, "structured_data": "full"}
    site = make_site(SITE_FILES, plugin=plugin, theme={"name": "material", "language": "de"}, site_url="https://x.org/")
    data = json.loads(text_of(one(site.content("threads/schlaf/"), 'script[type="application/ld+json"]')))
    assert data["inLanguage"] == "de"


def test_english_stays_the_default(make_site: BuildFn) -> None:
    site = make_site(SITE_FILES, plugin=PLUGIN)
    content = site.content("threads/schlaf/")
    assert text_of(one(content, ".forum-thread__replies")) == "3 replies"
    assert text_of(one(content, "#post-2 > h2 + p > time")) == "7 February 2023"
    assert text_of(one(content, "#post-2 .forum-post__edited")) == "Last edited 8 February 2023, 09:30"


def english_words() -> set[str]:
    """Every word of three or more letters in the English catalogue (placeholders left out)."""
    words: set[str] = set()
    for name, text in catalogue("en").items():
        if name in SETTINGS:
            continue
        for form in [text] if isinstance(text, str) else text.values():
            words.update(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", " ", form)))
    return words


def plugin_text(tag: Tag) -> str:
    """What a reader (or a screen reader) gets from the page content: its text and its labels."""
    attributes = [str(el.get(a)) for el in tag.find_all(True) for a in ("aria-label", "title", "alt") if el.get(a)]
    return " ".join([tag.get_text(" "), *attributes])


def test_german_site_has_no_english_word_from_the_plugin(make_site: BuildFn) -> None:
    site = build_in(make_site, "de")
    pages = [p.relative_to(site.site_dir) for p in site.site_dir.rglob("index.html")]
    ours = [str(p.parent) + "/" for p in pages if p.parts[0] in ("threads", "forums", "members")]
    assert {"threads/schlaf/", "forums/schlafen/", "forums/schlafen/page/2/", "members/anna/", "members/"} <= set(ours)
    english = english_words()
    found: dict[str, set[str]] = {}
    for url in ours:
        words = set(re.findall(r"[A-Za-z]{3,}", plugin_text(site.content(url))))
        if words & english:
            found[url] = words & english
    assert not found, f"English words on German pages: {found}"


def test_the_scan_finds_the_plugins_english(make_site: BuildFn) -> None:
    """The scan above can fail: on the same site in English it finds the plugin's words."""
    site = make_site(SITE_FILES, plugin=PLUGIN)
    words = set(re.findall(r"[A-Za-z]{3,}", plugin_text(site.content("threads/schlaf/"))))
    assert {"Original", "replies", "Related", "Moderator", "wrote", "Someone", "Tags"} <= words & english_words()


def test_section_and_member_pages_use_the_language(make_site: BuildFn) -> None:
    site = build_in(make_site, "de")
    section = " ".join(text_of(site.content("forums/schlafen/"), " ").split())
    assert "3 Themen, die neuesten zuerst." in section
    assert "begonnen von Anna" in section and "Seite 1 von 3" in section and "Ältere Themen →" in section
    assert text_of(site.content("forums/").h1) == "Foren"
    member = site.content("members/anna/")
    assert "Zum Gedenken: 1970–2020" in " ".join(text_of(member, " ").split())
    assert "2 Beiträge" in text_of(member, " ")
    index = site.content("members/")
    assert text_of(index.h1) == "Mitglieder" and "Fachleute" in text_of(index, " ")
    meta = site.html("members/anna/").select_one('meta[name="description"]')
    assert attr(meta, "content") == "Beiträge von Anna"


def test_labels_override_the_catalogue(make_site: BuildFn) -> None:
    plugin = {
        **PLUGIN,
        "labels": {
            "original_thread": "Im alten Forum lesen",
            "replies": {"one": "{n} Antwort", "other": "{n} Rückmeldungen"},
        },
    }
    site = make_site(SITE_FILES, plugin=plugin, theme={"name": "material", "language": "de"})
    content = site.content("threads/schlaf/")
    assert text_of(one(content, ".forum-thread__source")) == "Im alten Forum lesen"
    assert text_of(one(content, ".forum-thread__replies")) == "3 Rückmeldungen"
    # Everything not overridden still comes from the German catalogue.
    assert text_of(one(content, "#forum-related-title")) == "Ähnliche Themen"


def test_expert_label_and_disclaimer_title_options_still_win(make_site: BuildFn) -> None:
    plugin = {
        **PLUGIN,
        "expert_label": "Antwort der Therapeutin",
        "disclaimer": {"text": "x", "title": "Bitte beachten"},
    }
    site = make_site(SITE_FILES, plugin=plugin, theme={"name": "material", "language": "de"})
    content = site.content("threads/schlaf/")
    assert text_of(one(content, ".forum-post__expert-label")) == "Antwort der Therapeutin"
    assert text_of(one(content, ".forum-disclaimer .admonition-title")) == "Bitte beachten"


def test_unknown_label_name_is_a_config_error(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_site(tmp_path, SITE_FILES, {"labels": {"orginal_thread": "x"}})
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort, match="configuration error"):
        build_site(tmp_path)
    errors = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert "unknown label name 'orginal_thread'" in errors
    assert "original_thread" in errors.split("label names are:")[1]


def test_serve_error_page_speaks_the_language() -> None:
    page = BeautifulSoup(broken_html("a.yml", Problem(Location("a.yml", 3), "kaputt"), labels_for("fr")), "lxml")
    assert "Ce fichier de discussion contient une erreur" in page.get_text()
    assert "Corrigez le fichier" in page.get_text()
