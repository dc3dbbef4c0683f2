"""The stored files' sizes (``media_info.py``) and the pictures and attachments of a body (``render/media.py``).

Direct tests of the pure core: header bytes in, width and height out; index text in,
entries out; sanitized body HTML in, presented HTML out. Fuzz tests feed both
untrusted inputs (file headers, index files, post bodies) and are bounded in examples.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Callable

import pytest
from core_helpers import body_html, jpeg_head, png_head
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_forum_plugin.link_index import LinkIndex, PageLinks
from mkdocs_forum_plugin.media_info import (
    MAX_INDEX_BYTES,
    MediaFiles,
    MediaInfo,
    load_media,
    parse_index,
    picture_size,
    stored_digest,
)
from mkdocs_forum_plugin.render.labels import labels_for
from mkdocs_forum_plugin.render.media import MediaOptions, present_media, remote_host

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # timing is a benchmark's job, not a test's
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 150,
)
DIGEST = "ab" + "c" * 30
STORED = f"media/ab/{DIGEST}.jpg"


def gif_head(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\0\0\0"


def webp_head(kind: bytes, width: int, height: int) -> bytes:
    if kind == b"VP8X":
        body = b"\0" * 4 + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    elif kind == b"VP8 ":
        body = b"\0\0\0" + b"\x9d\x01\x2a" + struct.pack("<HH", width, height)
    else:  # VP8L: 14 bits each, minus one
        body = b"\x2f" + ((width - 1) | ((height - 1) << 14)).to_bytes(4, "little") + b"\0"
    return b"RIFF\0\0\0\0WEBP" + kind + len(body).to_bytes(4, "little") + body


@pytest.mark.parametrize(
    ("head", "size"),
    [
        (png_head(640, 480), (640, 480)),
        (jpeg_head(1600, 1200), (1600, 1200)),
        (jpeg_head(800, 600, app_bytes=60_000), (800, 600)),  # a long EXIF block before the frame
        (gif_head(32, 16), (32, 16)),
        (webp_head(b"VP8X", 1000, 750), (1000, 750)),
        (webp_head(b"VP8 ", 400, 300), (400, 300)),
        (webp_head(b"VP8L", 123, 45), (123, 45)),
        (png_head(0, 480), None),  # no picture is 0 pixels wide
        (png_head(200_000, 10), None),  # a broken header, not a picture to reserve room for
        (jpeg_head(800, 600)[:12], None),  # cut before the frame
        (b"\xff\xd8\xff\xe1\x00\x01", None),  # a segment length that does not move forward
        (b"%PDF-1.4\n", None),
        (b"", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", None),
    ],
)
def test_picture_size_reads_the_header(head: bytes, size: tuple[int, int] | None) -> None:
    assert picture_size(head) == size


def test_picture_size_uses_pillow_for_formats_it_does_not_read_itself() -> None:
    image = pytest.importorskip("PIL.Image")
    import io  # noqa: PLC0415

    buffer = io.BytesIO()
    image.new("RGB", (21, 13)).save(buffer, format="BMP")
    assert picture_size(buffer.getvalue()) == (21, 13)


@FUZZ
@given(st.binary(max_size=2000))
def test_picture_size_never_raises(head: bytes) -> None:
    size = picture_size(head)
    assert size is None or all(0 < side <= 100_000 for side in size)


@FUZZ
@given(st.sampled_from([png_head(5, 5), jpeg_head(5, 5), gif_head(5, 5), webp_head(b"VP8X", 5, 5)]), st.binary())
def test_picture_size_never_raises_on_a_damaged_real_header(head: bytes, noise: bytes) -> None:
    cut = len(noise) % (len(head) + 1)
    picture_size(head[:cut] + noise)


def index(**entries: object) -> bytes:
    return json.dumps(entries).encode()


def test_parse_index_keeps_what_it_can_use() -> None:
    good = {"type": "image/jpeg", "bytes": 5, "width": 4, "height": 3, "name": "a/b/c.jpg", "source": "x"}
    wrong = {"type": 3, "bytes": True, "width": -1, "height": "3", "name": None}
    entries, problem = parse_index(index(**{DIGEST: good, "d" * 32: wrong, "not-a-digest": good, "e" * 32: "x"}))
    assert problem is None
    assert entries == {
        DIGEST: MediaInfo("image/jpeg", 5, 4, 3, "c.jpg"),  # a name is a file name, never a path
        "d" * 32: MediaInfo(None, None, None, None, None),
    }


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"{", "is not JSON"),
        (b"[1, 2]", "is not a JSON object of digests"),
        (b"\xff\xfe", "is not JSON"),
        (b"[" * 100_000, "is not JSON"),  # nesting deeper than the parser goes
        (b" " * (MAX_INDEX_BYTES + 1), f"more than the {MAX_INDEX_BYTES} read"),
    ],
)
def test_a_broken_index_is_one_problem_and_no_entries(data: bytes, problem: str) -> None:
    entries, found = parse_index(data)
    assert entries == {}
    assert found is not None and problem in found


def test_load_media_names_the_index_in_its_problem() -> None:
    media, problem = load_media({"media/index.json": lambda: b"{"})
    assert media.entries == {} and problem is not None and problem.startswith("media/index.json is not JSON")


def test_media_files_prefer_the_index_and_read_a_file_once() -> None:
    reads: list[str] = []

    def reader(path: str, data: bytes) -> Callable[[], bytes]:
        def read() -> bytes:
            reads.append(path)
            return data

        return read

    entries, _ = parse_index(index(**{DIGEST: {"type": "image/jpeg", "bytes": 9, "width": 8, "height": 6}}))
    other = "images/chart.png"
    media = MediaFiles(entries, {STORED: reader(STORED, b""), other: reader(other, png_head(64, 32))})
    assert media.info(STORED) == MediaInfo("image/jpeg", 9, 8, 6)
    assert media.info(other) == media.info(other) == MediaInfo("image/png", len(png_head(64, 32)), 64, 32)
    assert media.info("images/missing.png") is None  # not a file of docs/: nothing to say about it
    assert reads == [other]
    assert stored_digest(STORED) == DIGEST and stored_digest("images/chart.png") is None


def test_a_file_named_like_a_picture_but_holding_none_is_no_picture() -> None:
    media = MediaFiles({}, {"media/ab/x.png": lambda: b"%PDF-1.4"})
    info = media.info("media/ab/x.png")
    assert info is not None and not info.is_picture and info.width is None


# -- render/media.py ----------------------------------------------------------------------------


def links_to(files: dict[str, bytes], index_entries: dict[str, object] | None = None) -> PageLinks:
    entries, _ = parse_index(index(**(index_entries or {})))
    readers = {path: (lambda data=data: data) for path, data in files.items()}
    urls = {path: path for path in files}
    return PageLinks(LinkIndex(urls, {}, media=MediaFiles(entries, readers)), "threads/a/")


def present(markdown: str, links: PageLinks | None = None, **options: str) -> tuple[str, list[str]]:
    media = present_media(
        body_html(markdown), "threads", links or links_to({}), MediaOptions(**options), labels_for("en")
    )
    return media.html, media.remote_hosts


@pytest.mark.parametrize(
    ("src", "site", "host"),
    [
        ("https://img.example.net/a.png", None, "img.example.net"),
        ("HTTP://IMG.Example.NET/a.png", None, "img.example.net"),
        ("//cdn.example.com/a.png", None, "cdn.example.com"),
        ("https://wiki.example.org/media/a.png", "wiki.example.org", None),  # the site's own
        ("https://WIKI.example.org/a.png", "wiki.example.org", None),
        ("https://sub.wiki.example.org/a.png", "wiki.example.org", "sub.wiki.example.org"),
        ("../media/a.png", None, None),
        ("/media/a.png", None, None),
        ("mailto:a@example.org", None, None),
    ],
)
def test_remote_host(src: str, site: str | None, host: str | None) -> None:
    assert remote_host(src, site) == host


def test_a_picture_the_member_sized_keeps_that_size_and_the_other_side_follows() -> None:
    links = links_to({"media/x.png": png_head(1000, 500)})
    html, _ = present('<img src="../media/x.png" alt="x" width="200">', links)
    assert 'width="200" height="100"' in html
    html, _ = present('<img src="../media/x.png" alt="x" height="50">', links)
    assert 'height="50" width="100"' in html
    html, _ = present('<img src="../media/x.png" alt="x" width="10" height="90">', links)
    assert 'width="10" height="90"' in html


def test_alt_text_with_quotes_and_angle_brackets_survives() -> None:
    html, _ = present('![a "quoted" <b>alt</b> & more](https://img.example.net/a.png)', remote_images="block")
    assert "<img" not in html
    assert "a &quot;quoted&quot; &lt;b&gt;alt&lt;/b&gt; &amp; more</a>" in html


def test_a_link_to_a_stored_picture_is_no_attachment() -> None:
    links = links_to({"media/x.png": png_head(10, 10)})
    html, _ = present("[the full picture](../media/x.png)", links)
    assert "forum-attachment" not in html


def test_a_link_outside_media_is_no_attachment() -> None:
    links = links_to({"files/x.pdf": b"%PDF-1.4"})
    html, _ = present("[the sheet](../files/x.pdf)", links)
    assert "forum-attachment" not in html


def test_a_stored_file_without_an_index_entry_shows_its_suffix_and_size() -> None:
    links = links_to({"media/x.docx": b"PK" + b"\0" * 1500})
    html, _ = present("[my notes](../media/x.docx)", links)
    assert '<a class="forum-attachment" href="../media/x.docx"' in html
    assert 'my notes<span class="forum-attachment__meta"> · DOCX · 1.5 KB</span></a>' in html


def test_remote_hosts_are_listed_once_in_order() -> None:
    _, hosts = present("![a](https://b.example/1.png) ![b](https://a.example/2.png) ![c](https://b.example/3.png)")
    assert hosts == ["b.example", "a.example"]


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "![a](https://img.example.net/x.png)",
                "![](//cdn.example.com/y.gif)",
                "![b](../media/x.png)",
                "[f](../media/x.pdf)",
                "[![t](../media/x.png)](../media/x.png)",
                '<img src="../media/x.png" alt="&quot;>">',
                "<a href='../media/x.pdf'>",
                "</a>",
                "<img>",
                '<a href="x">[',
                "text ",
                "\n\n",
                "`<img src=x>`",
            ]
        ),
        max_size=30,
    ),
    st.sampled_from(["allow", "warn", "block"]),
)
def test_present_media_keeps_bodies_well_formed_and_blocks_every_remote_picture(pieces: list[str], policy: str) -> None:
    links = links_to({"media/x.png": png_head(30, 20), "media/x.pdf": b"%PDF"})
    html, hosts = present("".join(pieces), links, remote_images=policy)
    assert html.count("<a ") + html.count("<a>") == html.count("</a>")
    if policy == "block":
        assert "//img.example.net" not in html.replace('href="https://img.example.net', "")
        assert 'src="//cdn.example.com' not in html and 'src="https://img.example.net' not in html
    assert set(hosts) <= {"img.example.net", "cdn.example.com"}


def test_block_would_drop_a_srcset_if_the_allowlist_ever_let_one_through() -> None:
    html = '<img src="../media/x.png" srcset="https://img.example.net/x2.png 2x" alt="x">'  # as if sanitized
    media = present_media(html, "threads", links_to({}), MediaOptions("block"), labels_for("en"))
    assert "srcset" not in media.html and 'src="../media/x.png"' in media.html


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=34), inner, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(st.dictionaries(st.sampled_from([DIGEST, "0" * 32, "x"]), JSON, max_size=3) | JSON)
def test_parse_index_never_raises_on_any_json(value: object) -> None:
    entries, problem = parse_index(json.dumps(value).encode())
    assert (problem is None) == isinstance(value, dict)
    for info in entries.values():
        assert info.width is None or 0 < info.width <= 100_000
        assert info.bytes is None or info.bytes >= 0
