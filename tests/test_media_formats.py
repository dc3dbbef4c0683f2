"""Media kept from a saved XenForo 1 page (complete, with its _files/ folder) and from Discourse topic JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

from media_forum import GPS_IFD, Forum, forum
from PIL import Image

from mkdocs_forum_plugin.importers.media_step import MediaOptions
from mkdocs_forum_plugin.importers.pipeline import ImportOptions, run_import
from mkdocs_forum_plugin.importers.records import ParseOptions
from mkdocs_forum_plugin.media.fetch import Settings

__all__ = ["forum"]
FAST = Settings(timeout=0.5, retries=1, backoff=0.01, allow_local=True)


def imported(root: Path, source: Path, base_url: str | None = None) -> tuple[str, dict[str, dict[str, object]]]:
    docs = root / "docs"
    options = ImportOptions(
        out=docs / "threads", members=None, jobs=1, parse=ParseOptions(base_url=base_url),
        media=MediaOptions(docs=docs, fetch=FAST),
    )  # fmt: skip
    report = run_import([source], options)
    assert report.ok and report.imported, report.lines()
    (path,) = (docs / "threads").glob("*.yml")
    return path.read_text(encoding="utf-8"), json.loads((docs / "media" / "index.json").read_text(encoding="utf-8"))


def path_of(index: dict[str, dict[str, object]], ending: str) -> str:
    return next(str(e["path"]) for e in index.values() if str(e["source"]).endswith(ending))


def test_a_saved_xenforo_1_page_keeps_its_picture_and_attached_files(tmp_path: Path, forum: Forum) -> None:
    text, index = imported(tmp_path, forum.page(tmp_path, "xenforo1/Ankle-tape.html"))
    thumb, full = path_of(index, "102-knee-brace-thumb.jpg"), path_of(index, "/attachments/knee-brace-jpg.102/")
    assert f"[![knee-brace.jpg](../{thumb})](../{full})" in text
    assert f"[rehab-plan.pdf](../{path_of(index, '/attachments/rehab-plan-pdf.103/')})" in text
    # the inline picture came from the saved page's own folder: the forum was not asked for it
    assert f"](../{path_of(index, '201-week-one.png')})" in text
    assert not [asked for asked in forum.asked if "201-week-one" in asked]
    assert forum.base not in text.split("posts:", 1)[1]


def test_discourse_uploads_are_kept_full_file_and_smaller_copy(tmp_path: Path, forum: Forum) -> None:
    source = tmp_path / "4410.json"
    source.write_text(
        (Path(__file__).parent / "fixtures" / "media" / "discourse" / "4410.json")
        .read_text(encoding="utf-8")
        .replace("http://forum.test", forum.base)
    )
    text, index = imported(tmp_path, source, base_url=forum.base)
    original, smaller = path_of(index, "original/1X/5e1f.jpeg"), path_of(index, "5e1f_2_690x460.jpeg")
    assert f'[![roller](../{smaller})](../{original} "roller.jpeg")' in text
    assert f"[roller-plan.pdf](../{path_of(index, '/uploads/short-url/rollerplan.pdf')})" in text
    with Image.open(io.BytesIO((tmp_path / "docs" / original).read_bytes())) as image:
        assert not image.getexif().get_ifd(GPS_IFD) and image.size == (120, 80)
    assert "1200×800" not in text  # Discourse's lightbox caption is not part of the post


def test_a_discourse_members_picture_is_kept_and_a_letter_is_not(tmp_path: Path, forum: Forum) -> None:
    source = tmp_path / "4410.json"
    topic = (Path(__file__).parent / "fixtures" / "media" / "discourse" / "4410.json").read_text(encoding="utf-8")
    source.write_text(topic.replace("http://forum.test", forum.base).replace(
        "/user_avatar/forum.test/sven_ek/{size}/3_2.png", "/letter_avatar_proxy/v4/letter/s/8c91f0/{size}.png"
    ))  # fmt: skip
    docs = tmp_path / "docs"
    options = ImportOptions(
        out=docs / "threads", members=docs / "members.yml", jobs=1, parse=ParseOptions(base_url=forum.base),
        media=MediaOptions(docs=docs, fetch=FAST),
    )  # fmt: skip
    run_import([source], options)
    members = (docs / "members.yml").read_text(encoding="utf-8")
    index = json.loads((docs / "media" / "index.json").read_text(encoding="utf-8"))
    assert f"avatar: {path_of(index, '/tove_b/96/12_2.png')}" in members
    assert members.count("avatar:") == 1 and not [a for a in forum.asked if "letter" in a]
