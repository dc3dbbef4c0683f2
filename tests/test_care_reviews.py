"""Review dates: the due-date arithmetic, the line at the end of a reviewed page in three
languages, the structured data, and `mkdocs-forum check` listing the reviews that are due."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import BuildFn
from core_helpers import thread_from
from sitebuild import one, text_of, thread_yaml
from test_import_helpers import run, setup_site

from mkdocs_forum_plugin.cli.check import check_wiki as check_docs
from mkdocs_forum_plugin.load.site_config import read_site
from mkdocs_forum_plugin.options import read_options
from mkdocs_forum_plugin.reviews import add_months, next_review, review_notes

MEMBERS = "Dr Mira:\n  role: Pain Therapist\nann:\n  role: Member\n"
POSTS = [{"author": "ann", "body": "Does walking help?"}, {"author": "Dr Mira", "body": "Usually, yes."}]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),  # leap year: the month's last day
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2024, 2, 29), 36, dt.date(2027, 2, 28)),
        (dt.date(2024, 11, 15), 2, dt.date(2025, 1, 15)),  # over the year's end
        (dt.date(2025, 6, 1), 36, dt.date(2028, 6, 1)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_next_review_of_a_date_and_time_is_a_day() -> None:
    thread = thread_from("title: T\nreviewed: 2024-05-06T23:30:00+02:00\nposts:\n  - author: a\n    body: x\n")
    assert next_review(thread, 12) == dt.date(2025, 5, 6)
    assert next_review(thread_from("title: T\nposts:\n  - author: a\n    body: x\n")) is None


def _thread(path: str, reviewed: str | None) -> Any:
    line = f"reviewed: {reviewed}\n" if reviewed else ""
    return thread_from(f"title: T\n{line}posts:\n  - author: a\n    body: x\n", path)


def test_review_notes_list_the_due_then_the_never_reviewed_expert_threads() -> None:
    threads = [
        _thread("b-never-expert.yml", None),
        _thread("c-never-plain.yml", None),
        _thread("a-due.yml", "2021-03-01"),
        _thread("d-fresh.yml", "2024-03-01"),
        _thread("e-due-today.yml", "2021-06-30"),
    ]
    experts = {"b-never-expert.yml", "a-due.yml", "d-fresh.yml"}
    notes = review_notes(threads, lambda t: t.path in experts, today=dt.date(2024, 6, 30), months=36)
    assert [str(n) for n in notes] == [
        "a-due.yml:2: reviewed: review due on 2024-03-01 (last reviewed 2021-03-01, every 36 months)",
        "e-due-today.yml:2: reviewed: review due on 2024-06-30 (last reviewed 2021-06-30, every 36 months)",
        "b-never-expert.yml:1: has an expert answer and was never reviewed (add reviewed: and reviewed_by:)",
    ]
    assert [n.overdue for n in notes] == [True, True, False]


def test_review_every_shortens_the_cycle() -> None:
    thread = _thread("a.yml", "2024-01-10")
    assert review_notes([thread], lambda t: False, today=dt.date(2024, 7, 10), months=6)
    assert not review_notes([thread], lambda t: False, today=dt.date(2024, 7, 9), months=6)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (0, "review_every: expected a whole number of months, 1 or more, not 0"),
        (True, "review_every: expected a whole number, not True"),
        ("36", "review_every: expected a whole number, not '36'"),
    ],
)
def test_review_every_must_be_a_number_of_months(value: object, problem: str) -> None:
    options, problems = read_options({"review_every": value})
    assert [str(p) for p in problems] == [problem]
    assert options.review_every == 36


# -- the page ---------------------------------------------------------------------------------

LINES = {
    "en": (
        "Last reviewed 15 September 2025 by Dr Mira · Next review due 15 September 2028",
        "Last reviewed 15 September 2025 by",
    ),
    "de": (
        "Zuletzt geprüft am 15. September 2025 von Dr Mira · Nächste Prüfung fällig am 15. September 2028",
        "Zuletzt geprüft am 15. September 2025 von",
    ),
    "ar": (
        "آخر مراجعة: 15 سبتمبر 2025، أجراها Dr Mira · موعد المراجعة التالية: 15 سبتمبر 2028",
        "آخر مراجعة: 15 سبتمبر 2025، أجراها",
    ),
}


def _reviewed_site(make_site: BuildFn, language: str = "en", reviewed_by: str = "Dr Mira", **plugin: Any) -> Any:
    thread = thread_yaml("Walking", POSTS, reviewed="2025-09-15", reviewed_by=reviewed_by)
    files = {"members.yml": MEMBERS, "threads/a.yml": thread, "threads/b.yml": thread_yaml("Not reviewed", POSTS)}
    theme = {"name": "material", "language": language}
    plugin = {"experts": ["Pain Therapist"], "structured_data": "short", **plugin}
    return make_site(files, plugin=plugin, theme=theme, site_url="https://x.org/")


@pytest.mark.parametrize("language", LINES)
def test_a_reviewed_page_ends_with_both_dates_in_the_readers_language(make_site: BuildFn, language: str) -> None:
    site = _reviewed_site(make_site, language)
    content = site.content("threads/a/")
    line = one(content, "p.forum-review")
    assert text_of(line) == LINES[language][0]
    last, nxt = line.select("time")
    assert (last["datetime"], nxt["datetime"]) == ("2025-09-15", "2028-09-15")
    assert one(line, "a")["href"] == "../../members/dr-mira/"  # a member's name links to their page
    assert site.content("threads/b/").select_one(".forum-review") is None


def test_review_line_is_the_last_thing_of_the_thread(make_site: BuildFn) -> None:
    content = _reviewed_site(make_site).content("threads/a/")
    ours = [el for el in content.find_all(True) if any(c.startswith("forum-") for c in el.get("class") or [])]
    assert "forum-review" in ours[-1]["class"] or ours[-1].find_parent(class_="forum-review") is not None


def test_free_text_reviewer_is_not_a_link_and_review_every_counts(make_site: BuildFn) -> None:
    site = _reviewed_site(make_site, reviewed_by="Clinical team <Leeds>", review_every=12)
    line = one(site.content("threads/a/"), "p.forum-review")
    assert (
        text_of(line) == "Last reviewed 15 September 2025 by Clinical team <Leeds> · Next review due 15 September 2026"
    )
    assert line.select_one("a") is None


def test_structured_data_says_when_and_by_whom(make_site: BuildFn) -> None:
    site = _reviewed_site(make_site)
    data = json.loads(text_of(site.html("threads/a/").select_one('script[type="application/ld+json"]')))
    assert data["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": "https://x.org/threads/a/",
        "lastReviewed": "2025-09-15",
        "reviewedBy": {"@type": "Person", "name": "Dr Mira", "url": "https://x.org/members/dr-mira/"},
    }
    other = json.loads(text_of(site.html("threads/b/").select_one('script[type="application/ld+json"]')))
    assert "mainEntityOfPage" not in other  # structured_data: short; its url names the page


# -- mkdocs-forum check ------------------------------------------------------------------------


def _wiki(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_site(root, monkeypatch, plugin={"experts": ["Pain Therapist"], "review_every": 24})
    files = {
        "members.yml": MEMBERS,
        "threads/old.yml": thread_yaml("Old", POSTS, reviewed="2000-01-10", reviewed_by="Dr Mira"),
        "threads/never.yml": thread_yaml("Never", POSTS),
        "threads/chat.yml": thread_yaml("Chat", [{"author": "ann", "body": "Hi all."}]),
    }
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_check_lists_an_overdue_review_on_an_injected_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _wiki(tmp_path, monkeypatch)
    site = read_site(tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "threads" / "old.yml").write_text(
        thread_yaml("Old", POSTS, reviewed="2024-01-10"), encoding="utf-8"
    )
    before = check_docs(tmp_path / "docs", site, zensical=False, today=dt.date(2026, 1, 9))
    assert [r for r in before.reviews if "old.yml" in r] == []
    due = check_docs(tmp_path / "docs", site, zensical=False, today=dt.date(2026, 1, 10))
    assert due.reviews[0] == (
        "threads/old.yml:2: reviewed: review due on 2026-01-10 (last reviewed 2024-01-10, every 24 months)"
    )
    assert due.errors == [] and due.warnings == []


def test_check_reviews_are_information_unless_strict_reviews(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _wiki(tmp_path, monkeypatch)
    result = run("check", "docs", "--no-zensical")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("INFO     -  threads/old.yml:2: reviewed: review due on 2002-01-10") for line in lines)
    never = "INFO     -  threads/never.yml:1: has an expert answer and was never reviewed"
    assert any(line.startswith(never) for line in lines)
    assert not any("chat.yml" in line for line in lines)  # no expert answer: no review needed
    assert lines[-1] == "3 thread files checked: 0 errors, 0 warnings"
    strict = run("check", "docs", "--no-zensical", "--strict-reviews")
    assert strict.exit_code == 1
    assert any(line.startswith("ERROR    -  threads/old.yml:2: reviewed:") for line in strict.output.splitlines())
