"""The forum's options table (``options.py``): every engine's configuration is read and checked the same way."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from mkdocs_forum_plugin.options import (
    CHECKS,
    DISCLAIMER_CHECKS,
    DisclaimerSettings,
    ForumOptions,
    forum_settings,
    read_options,
)


def test_every_declared_option_has_a_check_and_the_reverse() -> None:
    declared = {f.name for f in dataclasses.fields(ForumOptions)} - {"disclaimer"}
    assert declared == set(CHECKS)
    assert {f.name for f in dataclasses.fields(DisclaimerSettings)} == set(DISCLAIMER_CHECKS)


def test_nothing_written_gives_the_defaults() -> None:
    assert read_options(None) == (ForumOptions(), [])
    assert read_options({}) == (ForumOptions(), [])


def test_values_are_read() -> None:
    options, problems = read_options(
        {
            "experts": ["TMS Therapist"],
            "related_max": 2,
            "disclaimer": {"text": "Not advice.", "placement": "top", "collapsible": True},
            "member_pages": "experts",
            "labels": {"expert_answer": "Therapist answer"},
        }
    )
    assert problems == []
    assert options.experts == ("TMS Therapist",)
    assert options.related_max == 2
    assert options.disclaimer == DisclaimerSettings(text="Not advice.", placement="top", collapsible=True)
    assert options.member_pages == "experts"
    settings = forum_settings(options, tags_plugin=False)
    assert settings.render.experts == frozenset({"tms therapist"})
    assert settings.render.labels("expert_answer") == "Therapist answer"


@pytest.mark.parametrize(
    ("site_url", "host"),
    [("https://Wiki.Example.org/help/", "wiki.example.org"), ("", None), ("http://[::1", None), ("/relative/", None)],
)
def test_remote_images_and_the_sites_own_host(site_url: str, host: str | None) -> None:
    options, problems = read_options({"remote_images": "block"})
    assert problems == []
    media = forum_settings(options, tags_plugin=False, site_url=site_url).render.media
    assert (media.remote_images, media.site_host) == ("block", host)
    assert forum_settings(ForumOptions(), tags_plugin=False).render.media.remote_images == "warn"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"expertz": ["Doctor"]}, "expertz: Unrecognised configuration name: expertz (did you mean 'experts'?)"),
        ({"zzz": 1}, "zzz: Unrecognised configuration name: zzz"),
        ({"related_max": "five"}, "related_max: expected a whole number, not 'five'"),
        ({"related_max": True}, "related_max: expected a whole number, not True"),
        ({"sections": "yes"}, "sections: expected true or false, not 'yes'"),
        ({"parallel": "auto"}, "parallel: expected true or false, not 'auto'"),
        ({"experts": "TMS Therapist"}, "experts: expected a list of text, not 'TMS Therapist'"),
        ({"experts": ["A", 3]}, "experts: expected a list of text, not ['A', 3]"),
        ({"search": "lunr"}, "search: expected one of chunked, material, not 'lunr'"),
        ({"member_pages": "some"}, "member_pages: expected one of all, experts, off, not 'some'"),
        ({"privacy": "pseudonymize"}, "privacy_secret: privacy: pseudonymize needs a privacy_secret"),
        ({"disclaimer": "Not advice"}, "disclaimer: expected a mapping of disclaimer options, not 'Not advice'"),
        ({"disclaimer": {"placment": "top"}}, "disclaimer.placment: Unrecognised configuration name: placment"),
        ({"disclaimer": {"placement": "sideways"}}, "disclaimer.placement: expected one of first-expert"),
        ({"disclaimer": {"type": "warn ing"}}, "disclaimer.type: 'warn ing' is not an admonition type name"),
        ({"disclaimer": {"title": 3}}, "disclaimer.title: expected text, not 3"),
        ({"labels": ["x"]}, "labels: expected a mapping, not ['x']"),
        (
            {"remote_images": "blok"},
            "remote_images: expected one of allow, warn, block, not 'blok' (did you mean 'block'?)",
        ),
        ({"remote_images": False}, "remote_images: expected one of allow, warn, block, not False"),
        (
            {"remote_image": "block"},
            "remote_image: Unrecognised configuration name: remote_image (did you mean 'remote_images'?)",
        ),
        ({"labels": {"no_such_label": "x"}}, "labels: "),
    ],
)
def test_each_wrong_option_is_named(raw: dict[str, Any], message: str) -> None:
    options, problems = read_options(raw)
    assert len(problems) == 1, problems
    assert str(problems[0]).startswith(message)
    # A wrong value keeps its default: the build can still report every other problem.
    name = problems[0].option.split(".")
    if name[0] in CHECKS and name[0] not in ("privacy_secret",):
        assert getattr(options, name[0]) == getattr(ForumOptions(), name[0])


def test_a_close_disclaimer_name_is_suggested() -> None:
    _options, problems = read_options({"disclaimer": {"placment": "top"}})
    assert "(did you mean 'placement'?)" in str(problems[0])
