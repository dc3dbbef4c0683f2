"""The words the plugin puts on a page, in the site's language: catalogues, plurals, dates and numbers.

A catalogue is one YAML file per language in ``mkdocs_forum_plugin/locales/``, named by
Material's ``theme.language`` code. Each label is a text with ``{placeholders}``, or for a
label that counts something, a mapping of CLDR plural categories to texts. Babel supplies
the plural rules, date patterns, number formats and list grammar of each locale.

:class:`Labels` is plain data handed to the renderer inside ``RenderOptions``: nothing
here reads global settings, and nothing imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from html import escape
from importlib import resources
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from ..model import When

LabelText = str | Mapping[str, str]
"""A plain text, or one text per CLDR plural category ('one', 'few', 'other', ...)."""

FALLBACK = "en"
# Catalogue entries that are settings, not words: not counted as missing when a language has none.
# They never fall back to English's: German dates follow German's own long format.
SETTINGS = frozenset({"date_format", "babel_locale"})
# Names the plugin no longer shows, still accepted in ``labels:`` so that a wiki that set one
# still builds: "Post N" beside the date, now the heading's ``post_hidden`` link.
RETIRED = frozenset({"post_number"})


@cache
def catalogue(code: str) -> Mapping[str, LabelText]:
    """The bundled catalogue of one language code ('de', 'pt'); empty when none is bundled.

    Cached: the files are part of the package and never change while a process runs.
    """
    path = resources.files("mkdocs_forum_plugin").joinpath(f"locales/{code}.yml")
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"locales/{code}.yml is not a mapping of label names to texts")
    return data


def bundled_languages() -> list[str]:
    """The language codes that have a catalogue in the package."""
    folder = resources.files("mkdocs_forum_plugin").joinpath("locales")
    return sorted(p.name.removesuffix(".yml") for p in folder.iterdir() if p.name.endswith(".yml"))


def label_names() -> list[str]:
    """Every label name (the English catalogue is the reference)."""
    return sorted(catalogue(FALLBACK))


def _candidates(language: str) -> list[str]:
    """'pt-BR' -> ['pt-BR', 'pt']: a regional code falls back to its language's catalogue."""
    code = language.strip() or FALLBACK
    base = code.replace("_", "-").split("-")[0]
    return [code] if base == code else [code, base]


def babel_locale(language: str) -> Locale:
    """Babel's locale for a Material language code; English when Babel does not know it."""
    for code in _candidates(language):
        try:
            return Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(FALLBACK)


def language_catalogue(language: str) -> Mapping[str, LabelText]:
    """The bundled catalogue closest to a language code, without the English fallback."""
    for code in _candidates(language):
        found = catalogue(code)
        if found:
            return found
    return {}


def missing_labels(language: str) -> list[str]:
    """What a language's catalogue lacks: label names, and 'name[category]' for plural forms its rules need."""
    own = language_catalogue(language)
    categories = babel_locale(language).plural_form.tags | {"other"}
    missing: list[str] = []
    for name, english in sorted(catalogue(FALLBACK).items()):
        if name in SETTINGS:
            continue
        text = own.get(name)
        if text is None:
            missing.append(name)
        elif isinstance(english, Mapping):
            forms = text if isinstance(text, Mapping) else {}
            missing.extend(f"{name}[{c}]" for c in sorted(categories) if c not in forms)
    return missing


def check_overrides(overrides: Mapping[str, Any]) -> list[str]:
    """Problems with a ``labels:`` mapping: unknown names (listing the known ones) and wrong value types."""
    known = label_names()
    problems = []
    unknown = [name for name in overrides if name not in known and name not in RETIRED]
    if unknown:
        listed = ", ".join(repr(n) for n in sorted(unknown))
        problems.append(f"unknown label name {listed}; the label names are: {', '.join(known)}")
    for name, value in overrides.items():
        if name in unknown:
            continue
        plain = isinstance(value, str)
        forms = isinstance(value, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        if not plain and not forms:
            problems.append(
                f"label '{name}' must be a text, or a mapping of plural categories (one, other, ...) to texts"
            )
    return problems


def labels_for(language: str, overrides: Mapping[str, LabelText] | None = None) -> Labels:
    """The labels of a language: the wiki's overrides, then its catalogue, then English."""
    texts: dict[str, LabelText] = {k: v for k, v in catalogue(FALLBACK).items() if k not in SETTINGS}
    texts.update(language_catalogue(language))
    texts.update(overrides or {})
    return Labels(language or FALLBACK, texts)


def _english() -> Mapping[str, LabelText]:
    return catalogue(FALLBACK)


@dataclass(frozen=True)
class Labels:
    """One language's words and formats, as the renderer uses them."""

    language: str = FALLBACK  # Material's code, also the page's ``lang``
    texts: Mapping[str, LabelText] = field(default_factory=_english)
    # Formatting a date through Babel costs tens of microseconds; a wiki shows the same
    # dates many times (thread, section and member pages), so each is formatted once.
    # Keyed by the ISO text: equal instants in two zones show different times.
    _dates: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # Babel evaluates a plural rule in microseconds, and pages count the same small numbers over and over.
    _forms: dict[int, str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def locale(self) -> Locale:
        """Babel's locale for this language (a catalogue may name a closer one, as English does)."""
        chosen = self.texts.get("babel_locale")
        return babel_locale(chosen if isinstance(chosen, str) else self.language)

    def _template(self, name: str, count: int | None = None) -> str:
        text = self.texts.get(name)
        if text is None:
            text = catalogue(FALLBACK)[name]
        if isinstance(text, Mapping):
            n = count if count is not None else 1
            form = self._forms.get(n)
            if form is None:
                form = self._forms[n] = self.locale.plural_form(n)
            chosen = text.get(form) or text.get("other")
            if chosen is None:  # a wiki override may give only some forms
                chosen = next(iter(text.values()))
            return chosen
        return text

    def __call__(self, name: str, /, **values: object) -> str:
        """A label with its placeholders filled: ``labels('thread_in', section='Anxiety')``."""
        return self._template(name).format(**values)

    def count(self, name: str, n: int, /, **values: object) -> str:
        """A counting label in the plural form ``n`` needs, ``{n}`` written as the locale writes numbers."""
        return self._template(name, n).format(n=self.number(n), **values)

    def html(self, name: str, /, count: int | None = None, **markup: str) -> str:
        """A label as HTML around values that are HTML already (links, ``<time>``): only its words are escaped.

        ``count`` picks the plural form of a counting label, as :meth:`count` does.
        """
        marks = {key: f"\0{i}\0" for i, key in enumerate(markup)}
        text = self.count(name, count, **marks) if count is not None else self(name, **marks)
        text = escape(text)
        for i, value in enumerate(markup.values()):
            text = text.replace(f"\0{i}\0", value)
        return text

    def number(self, n: int) -> str:
        """'1,234' in English, '1.234' in German."""
        if 0 <= n < 1000:
            return str(n)
        return format_decimal(n, locale=self.locale)

    def size(self, n: int) -> str:
        """A file's size as people read it: '512 bytes', '1.2 MB' ('1,2 Mo' in French); 1 KB is 1,000 bytes."""
        if n < 1000:
            return self.count("size_bytes", n)
        for unit, scale in (("size_kb", 1e3), ("size_mb", 1e6), ("size_gb", 1e9)):
            value = round(n / scale, 1)
            if value < 1000 or unit == "size_gb":
                return self(unit, n=format_decimal(value, format="#,##0.#", locale=self.locale))
        raise AssertionError("unreachable")  # pragma: no cover

    def names(self, items: list[str]) -> str:
        """'A, B and C' with the locale's list grammar."""
        return format_list(items, locale=self.locale)

    def date(self, when: When) -> str:
        """'30 January 2015' / '30. Januar 2015', with ', 14:05' when a time is given (in its own zone)."""
        key = when.isoformat()
        found = self._dates.get(key)
        if found is None:
            day = when.date() if isinstance(when, dt.datetime) else when
            pattern = self.texts.get("date_format")
            text = format_date(day, format=pattern if isinstance(pattern, str) else "long", locale=self.locale)
            if isinstance(when, dt.datetime):
                # 24-hour clock read off the stored time: no conversion to another zone.
                text = self("date_time", date=text, time=f"{when.hour:02d}:{when.minute:02d}")
            found = self._dates[key] = text
        return found

    def likes(self, names: list[str], total: int | None) -> str:
        """'A, B and 8 others like this' (plain text; escape before use in HTML)."""
        count = max(total or 0, len(names))
        if count == 0:
            return ""
        if not names:
            return self.count("likes_members", count)
        others = count - len(names)
        shown = list(names)
        if others:
            shown.append(self.count("likes_others", others))
        if len(shown) == 1:
            return self("likes_one", name=shown[0])
        return self("likes_list", names=self.names(shown))


ENGLISH = Labels()
"""The default labels, for callers that name no language."""
