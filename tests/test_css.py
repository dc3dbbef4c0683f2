"""The plugin's stylesheet is whole: one unclosed rule would switch off every rule after it."""

from __future__ import annotations

import re
from importlib import resources


def test_every_rule_of_the_stylesheet_is_closed() -> None:
    css = resources.files("mkdocs_forum_plugin").joinpath("assets/forum.css").read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)  # data: addresses hold no braces, but strings may
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        # A rule written at the start of a line while another is open: that one was never closed
        # (rules inside @media are indented).
        starts_rule = re.match(r"^[.#\[a-z*][^;]*\{\s*$", line) is not None
        assert not (depth and starts_rule), f"forum.css line {number}: a rule starts inside another one"
        for char in line:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, f"forum.css line {number}: a '}}' closes nothing"
    assert depth == 0, "forum.css ends inside a rule"
