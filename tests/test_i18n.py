"""The label catalogues and Babel formatting, tested on the core without building a site."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mkdocs_forum_plugin.render.labels import (
    ENGLISH,
    SETTINGS,
    Labels,
    bundled_languages,
    catalogue,
    check_overrides,
    label_names,
    labels_for,
    missing_labels,
)

REQUIRED = ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "ar", "he"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_required_language_is_bundled() -> None:
    assert set(REQUIRED) <= set(bundled_languages())


def test_missing_labels_per_language() -> None:
    """The report a translator reads: every bundled language with what it lacks (nothing, for a bundled one)."""
    report = {language: missing_labels(language) for language in bundled_languages()}
    incomplete = {language: missing for language, missing in report.items() if missing}
    assert not incomplete, f"labels missing per language: {incomplete}"


def test_a_language_without_a_catalogue_misses_every_label_and_falls_back_to_english() -> None:
    # Japanese has no catalogue: every label is missing, and it falls back to English.
    missing = missing_labels("ja")
    assert "replies" in missing and "thread_started" in missing
    assert labels_for("ja")("original_thread") == "Original thread"


@pytest.mark.parametrize("language", REQUIRED)
def test_catalogue_has_no_unknown_names_and_keeps_the_placeholders(language: str) -> None:
    english = catalogue("en")
    own = catalogue(language)
    assert set(own) <= set(english), f"{language}: unknown label names {set(own) - set(english)}"
    for name, text in own.items():
        if name in SETTINGS:
            continue
        reference = english[name]
        wanted = set(PLACEHOLDER.findall(reference if isinstance(reference, str) else reference["other"]))
        forms = [text] if isinstance(text, str) else list(text.values())
        for form in forms:
            found = set(PLACEHOLDER.findall(form))
            # A counting form may spell the number out ("رد واحد", "שתי תגובות"); nothing else may be dropped.
            assert found <= wanted, f"{language}.{name}: unknown placeholder in {form!r}"
            assert wanted - {"n"} <= found, f"{language}.{name}: {form!r} drops a placeholder"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "6 February 2023"),
        ("de", "6. Februar 2023"),
        ("fr", "6 février 2023"),
        ("es", "6 de febrero de 2023"),
        ("it", "6 febbraio 2023"),
        ("nl", "6 februari 2023"),
        ("pt", "6 de fevereiro de 2023"),
        ("pl", "6 lutego 2023"),
        ("sv", "6 februari 2023"),
        ("ar", "6 فبراير 2023"),
        ("he", "6 בפברואר 2023"),
    ],
)
def test_dates_follow_the_locale(language: str, expected: str) -> None:
    assert labels_for(language).date(dt.date(2023, 2, 6)) == expected


def test_times_stay_in_the_threads_own_zone() -> None:
    when = dt.datetime(2023, 2, 6, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert labels_for("de").date(when) == "6. Februar 2023, 23:30 Uhr"
    # The same instant written in another zone is another text, not a cached one.
    assert labels_for("de").date(when.astimezone(dt.UTC)) == "7. Februar 2023, 04:30 Uhr"


def test_numbers_follow_the_locale() -> None:
    assert ENGLISH.count("replies", 1234) == "1,234 replies"
    assert labels_for("de").count("replies", 1234) == "1.234 Antworten"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 odpowiedź"), (2, "2 odpowiedzi"), (5, "5 odpowiedzi")],
)
def test_polish_replies(n: int, expected: str) -> None:
    assert labels_for("pl").count("replies", n) == expected


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "1 wątek"), (3, "3 wątki"), (5, "5 wątków"), (22, "22 wątki"), (25, "25 wątków")]
)
def test_polish_plural_forms(n: int, expected: str) -> None:
    assert labels_for("pl").count("threads", n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "لا توجد ردود"), (1, "رد واحد"), (2, "ردّان"), (3, "3 ردود"), (11, "11 ردًا"), (100, "100 رد")],
)
def test_arabic_plural_forms(n: int, expected: str) -> None:
    assert labels_for("ar").count("replies", n) == expected


@pytest.mark.parametrize(
    ("language", "names", "total", "expected"),
    [
        ("en", ["Ana", "Ben"], 10, "Ana, Ben and 8 others like this"),
        ("en", ["Ana"], 2, "Ana and 1 other like this"),
        ("en", [], 1, "1 member likes this"),
        ("de", ["Ana", "Ben"], 10, "Ana, Ben und 8 weiteren Personen gefällt das"),
        ("de", ["Ana"], 2, "Ana und einer weiteren Person gefällt das"),
        ("fr", ["Ana", "Ben", "Cy"], None, "Ana, Ben et Cy aiment ça"),
        ("es", ["Ana"], None, "A Ana le gusta esto"),
        ("it", ["Ana", "Ben"], 5, "Piace a Ana, Ben e altre 3 persone"),
        ("nl", ["Ana", "Ben"], None, "Ana en Ben vinden dit leuk"),
        ("pt", ["Ana", "Ben"], 5, "Ana, Ben e mais 3 pessoas gostaram disto"),
        ("pl", ["Ana", "Ben"], 7, "Ana, Ben i 5 innych osób lubią to"),
        ("pl", ["Ana"], 3, "Ana i 2 inne osoby lubią to"),
        ("sv", ["Ana", "Ben"], 4, "Ana, Ben och 2 andra gillar detta"),
        ("ar", ["Ana", "Ben"], 5, "أُعجب Ana وBen و3 أشخاص آخرين بهذا"),
        ("he", ["Ana", "Ben"], 5, "אהבו את זה: Ana, Ben ועוד 3"),
    ],
)
def test_likes_sentence_is_grammatical(language: str, names: list[str], total: int | None, expected: str) -> None:
    assert labels_for(language).likes(names, total) == expected


def test_regional_code_uses_its_languages_catalogue() -> None:
    labels = labels_for("pt-BR")
    assert labels("original_thread") == "Tópico original"
    assert labels.date(dt.date(2023, 2, 6)) == "6 de fevereiro de 2023"


def test_overrides_win_over_the_catalogue() -> None:
    labels = labels_for("de", {"original_thread": "Im alten Forum", "replies": {"one": "{n} Reaktion"}})
    assert labels("original_thread") == "Im alten Forum"
    assert labels.count("replies", 1) == "1 Reaktion"
    # An override that gives only some forms is used for the others too.
    assert labels.count("replies", 3) == "3 Reaktion"


def test_unknown_override_names_the_label_and_lists_the_known_ones() -> None:
    problems = check_overrides({"orginal_thread": "x"})
    assert len(problems) == 1
    assert "'orginal_thread'" in problems[0]
    assert "original_thread" in problems[0] and "likes_others" in problems[0]


def test_a_retired_label_is_still_accepted_and_not_listed() -> None:
    # "post_number" ("Post 3" beside the date) is now the heading's post_hidden link.
    assert check_overrides({"post_number": "No. {n}"}) == []
    assert "post_number" not in label_names()
    assert "post_number" not in check_overrides({"post_numbr": "x"})[0]  # not offered as a label to set


def test_override_of_wrong_type_is_refused() -> None:
    assert check_overrides({"replies": 3}) and not check_overrides({"replies": "{n} x"})


def test_label_names_are_the_english_catalogue() -> None:
    assert "quote_wrote" in label_names()
    assert Labels().texts is catalogue("en")


def test_html_escapes_the_words_but_not_the_markup() -> None:
    labels = labels_for("en", {"quoted_in": "Q&A <b>{links}</b>"})
    link = '<a href="#post-2">2</a>'
    assert labels.html("quoted_in", 1, links=link) == f"Q&amp;A &lt;b&gt;{link}&lt;/b&gt;"
