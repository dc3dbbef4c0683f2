"""The media package's parts on their own: type by bytes, metadata removal, the store, the fetcher, plans, links."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from media_forum import GPS_IFD, PDF, SVG, Forum, forum, jpeg_with_gps, picture
from PIL import Image

from mkdocs_forum_plugin.media import sniff as sniffing
from mkdocs_forum_plugin.media.fetch import Dead, Fetched, Fetcher, Settings
from mkdocs_forum_plugin.media.plan import local_copies, read_local, wanted
from mkdocs_forum_plugin.media.rewrite import links, replace_addresses
from mkdocs_forum_plugin.media.sniff import Refused, sniff
from mkdocs_forum_plugin.media.store import INDEX, Store
from mkdocs_forum_plugin.media.strip import MAX_PIXELS, StripError, strip

__all__ = ["forum"]
FAST = Settings(timeout=0.5, retries=2, backoff=0.01, allow_local=True)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (picture("JPEG"), "jpg"),
        (picture("PNG"), "png"),
        (picture("GIF"), "gif"),
        (picture("WEBP"), "webp"),
        (picture("AVIF"), "avif"),
        (PDF, "pdf"),
        (b"Stretch twice a day.\nHold for 30 seconds.\n", "txt"),
    ],
)
def test_allowed_types_are_known_by_their_bytes(data: bytes, kind: str) -> None:
    found = sniff(data)
    assert not isinstance(found, Refused) and found.ext == kind


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (SVG, "SVG"),
        (b"\xef\xbb\xbf  <svg onload='alert(1)'/>", "SVG"),
        (b"<!DOCTYPE html><html><script>alert(1)</script>", "markup"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "office"),
        (b"\x7fELF\x02\x01\x01", "program"),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", "video"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC"),
        (b"", "empty"),
        (b"\x00\x01\x02\xff\xfe", "binary"),
    ],
)
def test_other_types_are_refused_and_named(data: bytes, why: str) -> None:
    found = sniff(data)
    assert isinstance(found, Refused) and why.lower() in found.what.lower()


def test_a_name_says_nothing() -> None:
    # a web page served as "photo.jpg" with image/jpeg is still a web page
    assert isinstance(sniff(b"<html><body>not a photo</body></html>"), Refused)
    assert sniff(b"BMI and knee load: a note\n") == sniffing.TEXT  # starts like BMP, is text


def test_gps_and_camera_data_leave_a_jpeg_without_re_encoding() -> None:
    data = jpeg_with_gps()
    with Image.open(io.BytesIO(data)) as image:
        assert image.getexif().get_ifd(GPS_IFD)  # the test's own picture does carry GPS
        pixels = image.tobytes()
    clean = strip(data, sniffing.JPEG)
    with Image.open(io.BytesIO(clean.data)) as image:
        assert not image.getexif() and not image.getexif().get_ifd(GPS_IFD)
        assert image.tobytes() == pixels  # not one pixel changed
    assert b"InventedCam" not in clean.data and b"taken at home" not in clean.data
    assert (clean.width, clean.height, clean.note) == (64, 48, "")


def test_a_jpeg_turned_by_exif_is_turned_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to show
    exif.get_ifd(GPS_IFD)[1] = "N"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20)).save(buffer, "JPEG", exif=exif.tobytes())
    clean = strip(buffer.getvalue(), sniffing.JPEG)
    assert (clean.width, clean.height) == (20, 40) and "turned upright" in clean.note
    with Image.open(io.BytesIO(clean.data)) as image:
        assert not image.getexif()


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "AVIF"])
def test_exif_and_text_leave_other_pictures(fmt: str) -> None:
    exif = Image.Exif()
    exif[0x010F] = "InventedCam"
    exif.get_ifd(GPS_IFD)[1] = "N"
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (1, 2, 3)).save(buffer, fmt, exif=exif.tobytes(), xmp=b"<x:xmpmeta>home</x:xmpmeta>")
    data = buffer.getvalue()
    kind = sniff(data)
    assert not isinstance(kind, Refused)
    clean = strip(data, kind)
    assert b"InventedCam" not in clean.data and b"xmpmeta" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert not image.getexif() and "xmp" not in image.info and image.size == (16, 16)


def test_png_text_and_gif_comments_are_dropped() -> None:
    png = strip(picture("PNG"), sniffing.PNG)
    assert b"member's full name" not in png.data and b"tEXt" not in png.data
    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, "GIF", comment=b"my street address")
    gif = strip(buffer.getvalue(), sniffing.GIF)
    assert b"my street address" not in gif.data and (gif.width, gif.height) == (8, 8)


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")  # 64 million pixels in a few kilobytes
    assert len(buffer.getvalue()) < 100_000 and MAX_PIXELS < 8000 * 8000
    with pytest.raises(StripError, match="pixels"):
        strip(buffer.getvalue(), sniffing.PNG)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_a_broken_picture_is_refused_with_a_reason(fmt: str) -> None:
    data = picture(fmt, (64, 64))
    kind = sniff(data)
    assert not isinstance(kind, Refused)
    with pytest.raises(StripError):
        strip(data[: len(data) // 2], kind)


def test_the_store_keeps_one_file_per_content_and_an_index(tmp_path: Path) -> None:
    store = Store(tmp_path)
    first = store.put(b"%PDF-1.4 one", "application/pdf", "pdf", name="a.pdf", source="https://f/a")
    second = store.put(b"%PDF-1.4 one", "application/pdf", "pdf", name="b.pdf", source="https://f/b")
    assert first == second and first.path == f"media/{first.sha256[:2]}/{first.sha256[:32]}.pdf"
    assert len(store.stored) == 1
    # recorded at once: a store made before save() sees it (a killed run loses nothing)
    assert Store(tmp_path).files == {first.key: first}
    store.save()
    index = json.loads((tmp_path / "media" / INDEX).read_text())
    assert index == {first.key: {"path": first.path, "sha256": first.sha256, "type": "application/pdf",
                                 "bytes": 12, "width": None, "height": None, "name": "a.pdf",
                                 "source": "https://f/a"}}  # fmt: skip
    assert not (tmp_path / "media" / ".media.journal").exists()


def test_a_hand_edited_index_never_points_outside_media(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    key = "a" * 32
    bad = {"path": "../../etc/passwd", "sha256": "a" * 64, "type": "text/plain", "bytes": 1}
    (tmp_path / "media" / INDEX).write_text(json.dumps({key: bad, "b" * 32: "nonsense"}))
    assert Store(tmp_path).files == {}


def test_fetching_retries_a_server_error_and_names_the_dead(forum: Forum) -> None:
    fetcher = Fetcher(FAST)
    got = fetcher.get_all([f"{forum.base}/flaky.png", f"{forum.base}/nothing-here.png", f"{forum.base}/to-file"])
    flaky = got[f"{forum.base}/flaky.png"]
    assert isinstance(flaky, Fetched) and forum.asked["/flaky.png"] == 2
    assert got[f"{forum.base}/nothing-here.png"] == Dead("HTTP 404")
    assert forum.asked["/nothing-here.png"] == 1  # a 404 is not asked again
    refused = got[f"{forum.base}/to-file"]
    assert isinstance(refused, Dead) and "not http(s)" in refused.why


def test_fetching_gives_up_on_a_slow_answer_after_retries(forum: Forum) -> None:
    got = Fetcher(Settings(timeout=0.3, retries=1, backoff=0.01, allow_local=True)).get(f"{forum.base}/slow/x.gif")
    assert got == Dead("timed out", permanent=False) and forum.asked["/slow/x.gif"] == 2


def test_fetching_keeps_to_the_size_cap(forum: Forum) -> None:
    settings = Settings(timeout=1, retries=0, allow_local=True, max_bytes=100)
    got = Fetcher(settings).get(f"{forum.base}/attachments/knee-brace-jpg.102/")
    assert isinstance(got, Dead) and "over the size cap" in got.why


def test_the_local_network_is_not_asked_unless_allowed(forum: Forum) -> None:
    got = Fetcher(Settings(timeout=1, retries=0)).get(f"{forum.base}/flaky.png")
    assert isinstance(got, Dead) and "local network" in got.why and not forum.asked
    assert isinstance(Fetcher().get("ftp://example.org/a.jpg"), Dead)


def test_which_links_are_media() -> None:
    found = links(
        "![a](https://f/x) [b](https://f/attachments/b-pdf.3/) [c](https://f/threads/c.1/)"
        " [d](https://f/files/d.PDF) [e](https://f/index.php?action=dlattach;attach=9) ![f](images/local.png)"
    )
    assert [link.dest for link in found if wanted(link)] == [
        "https://f/x", "https://f/attachments/b-pdf.3/", "https://f/files/d.PDF",
        "https://f/index.php?action=dlattach;attach=9",
    ]  # fmt: skip


def test_local_copies_stay_inside_the_inputs_folder(tmp_path: Path) -> None:
    page = tmp_path / "saved" / "Page.html"
    (tmp_path / "saved" / "Page_files").mkdir(parents=True)
    (tmp_path / "secret.jpg").write_bytes(b"outside")
    (tmp_path / "saved" / "Page_files" / "a.jpg").write_bytes(b"inside")
    assert local_copies("https://f/x/Page_files/a.jpg", [page])[0] == tmp_path / "saved" / "Page_files" / "a.jpg"
    escaping = local_copies("https://f/x/Page_files/../../secret.jpg", [page])
    assert escaping and all(p.parent in (tmp_path / "saved", tmp_path / "saved" / "Page_files") for p in escaping)
    assert read_local(local_copies("https://f/%2E%2E/secret.jpg", [page]), [page], 100) is None
    (tmp_path / "saved" / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    assert read_local(local_copies("https://f/link.jpg", [page]), [page], 100) is None


def test_a_thumbnail_link_and_code_are_told_apart() -> None:
    text = "[![t](https://f/t.jpg)](https://f/full) `[x](https://f/code)` \\[not](https://f/no) ![y](<https://f/a b>)"
    found = links(text)
    assert [(ln.picture, ln.dest) for ln in found] == [
        (False, "https://f/full"), (True, "https://f/t.jpg"), (True, "https://f/a b"),
    ]  # fmt: skip
    assert replace_addresses(text, {"https://f/t.jpg": "../media/t.jpg", "https://f/code": "X"}) == text.replace(
        "https://f/t.jpg", "../media/t.jpg"
    )


def test_the_size_caps_refuse_and_say_so(tmp_path: Path) -> None:
    from mkdocs_forum_plugin.media.keep import Keeper, Limits  # noqa: PLC0415

    page = tmp_path / "saved" / "Page.html"
    (tmp_path / "saved").mkdir()
    for name, size in (("a.pdf", 300), ("b.pdf", 300), ("big.pdf", 3000)):
        (tmp_path / "saved" / name).write_bytes(PDF + b"%" * size)
    keeper = Keeper(Store(tmp_path / "docs"), None, Limits(max_file=2000, max_total=len(PDF) * 2 + 500))
    outcomes = keeper.keep([f"https://f/{n}" for n in ("a.pdf", "b.pdf", "big.pdf")], [page])
    assert outcomes["https://f/a.pdf"].key and not outcomes["https://f/a.pdf"].failed
    assert "over the total cap" in outcomes["https://f/b.pdf"].failed and not outcomes["https://f/b.pdf"].permanent
    assert keeper.tally.planned == ["https://f/big.pdf"]  # too big to read from disk: to be fetched (and capped)
    small = Keeper(Store(tmp_path / "docs2"), None, Limits(max_file=100))
    assert small.keep(["https://f/a.pdf"], [page]) == {} and small.tally.planned == ["https://f/a.pdf"]
    lines = "\n".join(keeper.tally.lines())
    assert "REFUSED https://f/b.pdf: over the total cap" in lines and "1 stored" in lines


def test_a_fetched_file_over_the_cap_is_refused_in_the_report(tmp_path: Path, forum: Forum) -> None:
    from mkdocs_forum_plugin.media.keep import Keeper, Limits  # noqa: PLC0415

    fetcher = Fetcher(Settings(timeout=1, retries=0, allow_local=True, max_bytes=100))
    keeper = Keeper(Store(tmp_path), fetcher, Limits(max_file=100))
    keeper.keep([f"{forum.base}/attachments/knee-brace-jpg.102/"], [])
    ((address, why),) = keeper.tally.refused
    assert address == f"{forum.base}/attachments/knee-brace-jpg.102/" and why.startswith("over the size cap")
    assert not keeper.tally.stored and not keeper.tally.dead
