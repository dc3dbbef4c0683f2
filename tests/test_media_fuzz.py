"""Fuzz tests (bounded) of what reads untrusted media and bodies: type sniffing, metadata removal, link rewriting."""

from __future__ import annotations

import os
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from media_forum import picture

from mkdocs_forum_plugin.media.in_place import load
from mkdocs_forum_plugin.media.rewrite import links, replace_addresses, rewrite_file
from mkdocs_forum_plugin.media.sniff import ALLOWED, Kind, Refused, sniff
from mkdocs_forum_plugin.media.strip import StripError, strip

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or "60")
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
MAGIC = [
    b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBP", b"%PDF-", b"<svg", b"PK\x03\x04",
]  # fmt: skip
SAMPLES = {fmt: picture(fmt, (24, 24)) for fmt in ("JPEG", "PNG", "GIF", "WEBP")}


@FUZZ
@given(st.sampled_from(MAGIC), st.binary(max_size=300))
def test_sniffing_any_bytes_gives_a_kind_or_a_reason(head: bytes, tail: bytes) -> None:
    found = sniff(head + tail)
    assert isinstance(found, Refused) or found in ALLOWED
    if head == b"<svg":
        assert isinstance(found, Refused)


@FUZZ
@given(st.binary(max_size=400))
def test_text_is_only_text_without_markup(data: bytes) -> None:
    found = sniff(data)
    if isinstance(found, Kind) and found.ext == "txt":
        text = data.decode("utf-8")
        assert "<svg" not in text.lower()[:4096] and not text.lstrip("\ufeff \t\r\n\f").startswith("<")


@FUZZ
@given(st.sampled_from(sorted(SAMPLES)), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=6))
def test_a_damaged_picture_is_cleaned_or_refused_never_crashes(fmt: str, flips: list[tuple[int, int]]) -> None:
    data = bytearray(SAMPLES[fmt])
    for at, value in flips:
        data[at % len(data)] = value
    kind = sniff(bytes(data))
    if isinstance(kind, Refused) or not kind.picture:
        return
    try:
        clean = strip(bytes(data), kind)
    except StripError:
        return
    assert clean.width > 0 and clean.height > 0
    assert b"Exif\x00\x00" not in clean.data


ADDRESS = st.text(alphabet="abcdefghij:/._-?=&%", min_size=1, max_size=12).map(lambda s: "https://f/" + s)
PIECE = st.one_of(
    st.text(alphabet="ab []()!`\\<>\n*_#-", max_size=8),
    st.builds(lambda t, a: f"![{t}]({a})", st.text(alphabet="ab ", max_size=4), ADDRESS),
    st.builds(lambda t, a: f"[{t}]({a})", st.text(alphabet="ab !", max_size=4), ADDRESS),
    st.builds(lambda t, a, b: f"[![{t}]({a})]({b})", st.text(alphabet="ab", max_size=3), ADDRESS, ADDRESS),
    st.builds(lambda a: f"`![c]({a})`", ADDRESS),
)
BODY = st.lists(PIECE, max_size=12).map("".join)


def _outside_addresses(text: str) -> tuple[str, list[str]]:
    found = links(text)
    out, at = [], 0
    for link in sorted(found, key=lambda ln: ln.dest_start):
        out.append(text[at : link.dest_start])
        at = link.dest_end
    out.append(text[at:])
    return "\x00".join(out), [link.dest for link in sorted(found, key=lambda ln: ln.dest_start)]


@FUZZ
@given(BODY, st.data())
def test_rewriting_changes_only_link_addresses(body: str, data: Any) -> None:
    found = links(body)
    for link in found:  # every link found really has its address where it says
        assert body[link.dest_start : link.dest_end] == link.dest and link.start < link.dest_start < link.end
    chosen = data.draw(st.sets(st.sampled_from([ln.dest for ln in found]))) if found else set()
    new = {old: f"../media/{n:02}/x.jpg" for n, old in enumerate(sorted(chosen))}
    changed = replace_addresses(body, new)
    before, olds = _outside_addresses(body)
    after, news = _outside_addresses(changed)
    assert after == before
    assert news == [new.get(old, old) for old in olds]
    assert replace_addresses(body, {}) == body


def _post(n: int, body: str) -> str:
    """A post written as a literal block, or (one line) as YAML writes a string, plain, quoted or literal."""
    if "\n" in body or n % 2:
        return "  - author: A\n    body: |-\n" + "".join(f"      {line}\n" for line in body.split("\n"))
    scalar = yaml.safe_dump(body, width=10_000).removesuffix("\n...\n").strip()
    return f"  - author: A\n    body: {scalar}\n"


@FUZZ
@given(st.lists(BODY, min_size=1, max_size=3), st.data())
def test_a_thread_file_changes_only_in_its_link_addresses(bodies: list[str], data: Any) -> None:
    text = "# kept\ntitle: T\nposts:\n" + "".join(_post(n, body) for n, body in enumerate(bodies))
    try:
        original = load(text)
    except Exception:
        return  # a body that is not valid YAML this way (leading spaces in a literal block): nothing to rewrite
    dests = sorted({ln.dest for post in original["posts"] for ln in links(str(post["body"]))})
    chosen = data.draw(st.sets(st.sampled_from(dests))) if dests else set()
    new = {old: f"../media/{n:02}/{'a' * 32}.png" for n, old in enumerate(sorted(chosen))}
    change = rewrite_file(text, new, load)
    assert change is not None
    after = load(change.text)
    assert [p["author"] for p in after["posts"]] == [p["author"] for p in original["posts"]]
    for old_post, new_post in zip(original["posts"], after["posts"], strict=True):
        before_text, olds = _outside_addresses(str(old_post["body"]))
        after_text, news = _outside_addresses(str(new_post["body"]))
        assert after_text == before_text
        assert all(n == o or new.get(o) == n for o, n in zip(olds, news, strict=True))
    # outside the replaced addresses, not one byte changed: putting the old addresses back gives the file again
    restored = change.text
    for old, value in new.items():
        restored = restored.replace(value, old)
    assert restored == text
    assert change.left == 0  # every address stands whole in these files, so every one is changed
