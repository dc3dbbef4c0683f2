"""The words a copied forum page is read by, one table per language of the forum software.

XenForo's HTML does not depend on the forum's language, but text copied from a
page does: "Last edited" reads "Zuletzt bearbeitet" on a German forum. The
copied-text importer tries every table, so one importer reads pages in any of
these languages (and a thread whose pages mix them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Phrases:
    """One language's phrases, as patterns with the named groups the importer reads."""

    discussion: re.Pattern[str]  # the thread's header line: forum, name, date
    edited: re.Pattern[str]  # "Last edited: DATE": date
    likes: re.Pattern[str]  # a likes line: text (the whole sentence)
    like_end: re.Pattern[str]  # the end of a likes sentence, removed before its names are read
    and_word: str  # the word before the last name of a list
    others: re.Pattern[str]  # "N others": count
    you: tuple[str, ...]  # whoever saved the page, counted but not named
    said: re.Pattern[str]  # a quote's attribution: name
    expand: re.Pattern[str]  # the "click to expand" line of a long quote
    end: str  # the line after the last post of a whole page
    boilerplate: tuple[str, ...]  # lines between the posts that are no part of them


ENGLISH = Phrases(
    discussion=re.compile(r"^Discussion in '(?P<forum>.+?)' started by (?P<name>.+?), (?P<date>.+?)\.?$"),
    edited=re.compile(r"^Last edited(?: by [^:]+)?:\s*(?P<date>.+?)\.?$"),
    likes=re.compile(r"^(?!(?:I|We|They|You all)\s)(?P<text>.+\s(?:likes?|like)\s+this\.?)$"),
    like_end=re.compile(r"\s+(?:likes?|reacted to)\s+this(?:\s+post)?\.?\s*$", re.I),
    and_word="and",
    others=re.compile(
        r"^(?P<count>\d[\d,.\u202f\xa0]*)\s+(?:other|others|more)(?:\s+(?:members|people|users))?$", re.I
    ),
    you=("you",),
    said=re.compile(r"^(?P<name>.+?) said:\s*[↑^]?$"),
    expand=re.compile(r"^Click to expand\.{0,3}…?$"),
    end="Share This Page",
    boilerplate=("You must log in or sign up to reply here.", "(You must log in or sign up to reply here.)"),
)

# XenForo's German language pack: "Diskussion in 'Forum' gestartet von Anna, 6. Februar 2023.",
# "Zuletzt bearbeitet: 7. Februar 2023", "Dir, Anna und 3 anderen gefällt das.", "Anna hat gesagt: ↑".
GERMAN = Phrases(
    discussion=re.compile(
        r"^Diskussion in '(?P<forum>.+?)' (?:gestartet|begonnen) von (?P<name>.+?), (?P<date>.+?)\.?$"
    ),
    edited=re.compile(r"^Zuletzt bearbeitet(?: von [^:]+)?:\s*(?P<date>.+?)\.?$"),
    likes=re.compile(r"^(?P<text>.+\s(?:gefällt|gefallen)\s+(?:das|dies)\.?)$"),
    like_end=re.compile(r"\s+(?:gefällt|gefallen)\s+(?:das|dies)(?:\s+Beitrag)?\.?\s*$", re.I),
    and_word="und",
    others=re.compile(
        r"^(?P<count>\d[\d,.\u202f\xa0]*)\s+(?:anderen|weiteren|andere|weitere)"
        r"(?:\s+(?:Mitgliedern|Mitglieder|Personen|Benutzern))?$",
        re.I,
    ),
    you=("dir", "ihnen"),
    said=re.compile(r"^(?P<name>.+?) (?:hat gesagt|sagte|schrieb):\s*[↑^]?$"),
    expand=re.compile(r"^(?:Zum (?:Erweitern|Vergrößern) (?:anklicken|klicken)|Klicke zum Erweitern)\.{0,3}…?$"),
    end="Diese Seite teilen",
    boilerplate=(
        "Du musst dich einloggen oder registrieren, um hier zu antworten.",
        "(Du musst dich einloggen oder registrieren, um hier zu antworten.)",
    ),
)

TABLES: tuple[Phrases, ...] = (ENGLISH, GERMAN)
"""Every language the importer reads, English first."""


def first_match(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    """The match of the first pattern (of the languages' tables) that matches ``text``."""
    for pattern in patterns:
        match = pattern.match(text)
        if match:
            return match
    return None
