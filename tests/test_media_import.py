"""Issue 21's "done when": a saved XenForo 2 page on a loopback forum imports with its media kept in docs/.

The JPEG loses its GPS data, the SVG is not stored, the 404 is in the report and on the
page, a second import stores and fetches nothing new, a killed import resumes, and
`mkdocs-forum media` changes only the addresses of an existing thread file's links.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner
from media_forum import GPS_IFD, Forum, forum
from PIL import Image
from sitebuild import build_site, write_site

from mkdocs_forum_plugin.cli import main
from mkdocs_forum_plugin.importers.media_step import MediaOptions
from mkdocs_forum_plugin.importers.pipeline import ImportOptions, run_import
from mkdocs_forum_plugin.importers.report import Report
from mkdocs_forum_plugin.ledger import KILL_AT, sha256
from mkdocs_forum_plugin.media.fetch import Settings

__all__ = ["forum"]  # the fixture, used by name
FAST = Settings(timeout=0.5, retries=1, backoff=0.01, allow_local=True)
PICTURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def do_import(root: Path, page: Path, **media: object) -> Report:
    docs = root / "docs"
    options = ImportOptions(
        out=docs / "threads",
        members=None,
        jobs=1,
        media=MediaOptions(docs=docs, fetch=FAST, **media),  # type: ignore[arg-type]
    )
    return run_import([page], options)


def thread(root: Path) -> tuple[Path, str]:
    (path,) = (root / "docs" / "threads").glob("*.yml")
    return path, path.read_text(encoding="utf-8")


def index(root: Path) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads((root / "docs" / "media" / "index.json").read_text("utf-8"))
    return data


def by_source(root: Path, path: str) -> dict[str, object]:
    return next(entry for entry in index(root).values() if str(entry["source"]).endswith(path))


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "docs" / "media").rglob("*") if p.is_file() and not p.name.startswith("."))


def test_a_saved_page_imports_with_every_file_in_docs(tmp_path: Path, forum: Forum) -> None:
    page = forum.page(tmp_path)
    report = do_import(tmp_path, page)
    lines = "\n".join(report.lines())
    assert report.ok, lines
    path, text = thread(tmp_path)
    docs = tmp_path / "docs"
    # every picture and attached file points at a stored file under docs/, none at the forum
    addresses = LINK.findall(text)
    kept = [a for a in addresses if not a.startswith("http")]
    assert len(kept) == 7
    for address in kept:
        target = (path.parent / address).resolve()
        assert target.is_file() and target.is_relative_to((docs / "media").resolve()), address
    assert not [a for a in PICTURE.findall(text) if a.startswith(("http:", "https:"))]
    assert [a for a in addresses if a.startswith("http")] == [f"{forum.base}/threads/returning-to-running.1980/"]
    # a thumbnail opens its full file
    thumb = by_source(tmp_path, "102-knee-brace-thumb.jpg")
    full = by_source(tmp_path, "/attachments/knee-brace-jpg.102/")
    assert f"[![knee-brace.jpg](../{thumb['path']})](../{full['path']})" in text
    assert (full["width"], full["height"], full["name"]) == (250, 188, "knee-brace.jpg")
    pdf = by_source(tmp_path, "/attachments/rehab-plan-pdf.103/")
    assert (pdf["type"], pdf["name"], pdf["width"]) == ("application/pdf", "rehab-plan.pdf", None)
    assert f"[rehab-plan.pdf](../{pdf['path']})" in text
    # the JPEG has no GPS (nor camera, nor comment)
    photo = by_source(tmp_path, "101-morning-after.jpg")
    data = (docs / str(photo["path"])).read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif() and not image.getexif().get_ifd(GPS_IFD)
        assert image.size == (photo["width"], photo["height"]) == (64, 48)
    assert b"InventedCam" not in data and b"taken at home" not in data and b"Exif" not in data
    # no SVG stored, as SVG or as anything else
    assert not [p for p in stored_files(tmp_path) if p.suffix == ".svg" or b"<svg" in p.read_bytes()]
    assert "REFUSED " in lines and "knee-diagram.svg: not an allowed type: SVG" in lines
    assert "knee diagram *(picture not kept: not an allowed type: SVG (it can carry script))*" in text
    # the 404 and the timeout: in the report, and visible in the thread
    assert f"DEAD {forum.base}/data/attachments/0/104-treadmill.jpg: HTTP 404" in lines
    assert "treadmill set-up *(picture not kept: 404)*" in text
    assert f"DEAD {forum.base}/slow/running-log.gif: timed out" in lines
    assert "running log *(picture not kept: timed out)*" in text
    # the redirect was followed; the saved page's own copies were used, not fetched
    assert forum.asked["/old/quad-stretch.png"] == forum.asked["/data/quad-stretch.png"] == 1
    assert by_source(tmp_path, "/old/quad-stretch.png")["type"] == "image/png"
    assert forum.asked["/data/attachments/0/105-ice-pack.webp"] == 0
    assert sum(1 for k in forum.asked if k.endswith("load-chart.png")) == 0
    assert by_source(tmp_path, "load-chart.png")["name"] == "load-chart.png"
    # the index describes each stored file truly
    for key, entry in index(tmp_path).items():
        stored = (docs / str(entry["path"])).read_bytes()
        assert sha256(stored) == entry["sha256"] and str(entry["sha256"]).startswith(key)
        assert entry["bytes"] == len(stored)
        assert re.fullmatch(rf"media/{key[:2]}/{key}\.(jpg|png|gif|webp|avif|pdf|txt)", str(entry["path"]))
    assert forum.agents == {next(iter(forum.agents))} and re.fullmatch(
        r"mkdocs-forum-plugin/\S+ \(\+https://\S+\)", next(iter(forum.agents))
    )
    assert not (docs / "media" / ".media.journal").exists()
    assert not list(docs.rglob("*.tmp"))


def test_avatars_are_kept_and_named_in_the_members_file(tmp_path: Path, forum: Forum) -> None:
    docs = tmp_path / "docs"
    members = docs / "members.yml"
    members.parent.mkdir(parents=True)
    members.write_text("# the wiki's members\nSven Ek:\n  role: Physiotherapist\n", encoding="utf-8")
    options = ImportOptions(out=docs / "threads", members=members, jobs=1, media=MediaOptions(docs=docs, fetch=FAST))
    report = run_import([forum.page(tmp_path)], options)
    written = yaml.safe_load(members.read_text(encoding="utf-8"))
    avatar = written["Mara Lind"]["avatar"]
    assert avatar == by_source(tmp_path, "Knee-swelling_files/310.jpg")["path"]  # the saved page's own copy
    with Image.open(docs / avatar) as image:
        assert not image.getexif()
    assert "avatar" not in written["Sven Ek"]  # the page shows no picture of his
    assert members.read_text(encoding="utf-8").startswith("# the wiki's members\nSven Ek:\n  role: Physiotherapist\n")
    assert any(line.startswith("avatars:  stored") for line in report.media)
    assert not (docs / "media" / ".media.journal").exists()


def test_importing_again_stores_and_fetches_nothing_new(tmp_path: Path, forum: Forum) -> None:
    page = forum.page(tmp_path)
    do_import(tmp_path, page)
    before = {p: p.read_bytes() for p in stored_files(tmp_path)}
    asked = dict(forum.asked)
    report = do_import(tmp_path, page)
    assert {p: p.read_bytes() for p in stored_files(tmp_path)} == before
    # only the timeout is asked again (it may answer next time); the 404 and the SVG are remembered
    assert {k: v - asked.get(k, 0) for k, v in forum.asked.items() if v != asked.get(k, 0)} == {
        "/slow/running-log.gif": 2
    }
    assert report.media[-1].endswith("0 stored (0.0 MB), 7 already there, 1 refused, 2 dead")
    assert report.skipped and not report.updated  # the thread file is the same


def test_a_removed_file_is_kept_again(tmp_path: Path, forum: Forum) -> None:
    page = forum.page(tmp_path)
    do_import(tmp_path, page)
    photo = tmp_path / "docs" / str(by_source(tmp_path, "101-morning-after.jpg")["path"])
    photo.unlink()
    do_import(tmp_path, page)
    assert photo.is_file() and forum.asked["/data/attachments/0/101-morning-after.jpg"] == 2


def test_no_media_keeps_the_old_addresses(tmp_path: Path, forum: Forum) -> None:
    report = do_import(tmp_path, forum.page(tmp_path), keep=False)
    _path, text = thread(tmp_path)
    assert f"![morning-after.jpg]({forum.base}/data/attachments/0/101-morning-after.jpg)" in text
    assert not (tmp_path / "docs" / "media").exists() and not forum.asked and not report.media


def test_a_dry_run_fetches_and_writes_nothing(tmp_path: Path, forum: Forum) -> None:
    page = forum.page(tmp_path)
    options = ImportOptions(
        out=tmp_path / "docs" / "threads", members=None, jobs=1, dry_run=True,
        media=MediaOptions(docs=tmp_path / "docs", fetch=FAST),
    )  # fmt: skip
    report = run_import([page], options)
    assert not forum.asked and not (tmp_path / "docs").exists()
    assert f"media:    would fetch {forum.base}/data/attachments/0/101-morning-after.jpg" in report.media


def test_the_built_page_shows_no_picture_from_another_host(tmp_path: Path, forum: Forum) -> None:
    write_site(tmp_path, {})
    do_import(tmp_path, forum.page(tmp_path))
    build_site(tmp_path)
    html = next((tmp_path / "site" / "threads").glob("*/index.html")).read_text(encoding="utf-8")
    sources = re.findall(r'<img\b[^>]*\ssrc="([^"]*)"', html)
    assert len([s for s in sources if "media/" in s]) == 5  # the full file and the PDF are links
    links = re.findall(r'<a\b[^>]*\shref="([^"]*media/[^"]*)"', html)
    assert len(links) == 2 and all((tmp_path / "site" / "threads" / "x" / link).resolve().is_file() for link in links)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    for source in sources:
        if "media/" in source:
            assert (tmp_path / "site" / "threads" / "x" / source).resolve().is_file()


HAND_WRITTEN = """\
# A thread written by hand; this comment stays.
title:   Ice or heat after a run?
posts:
  - author: Mara Lind
    body: |
      Ice, I think.   Two spaces stay here.

      ![ice pack]({base}/data/attachments/0/105-ice-pack.webp "the pack I use")

      And the [plan](<{base}/attachments/rehab-plan-pdf.103/>), a [page]({base}/threads/a.1/)
      and a dead one: ![gone]({base}/data/attachments/0/104-treadmill.jpg)

      `![in code]({base}/data/quad-stretch.png)`
  - author: Sven Ek   # a comment after a value
    body: "Heat later: ![stretch]({base}/data/quad-stretch.png)"
"""


def run_media(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["media", "--docs", str(root / "docs"), "--local-network", *args])
    return result.exit_code, result.output


def test_media_brings_remote_pictures_in_and_changes_nothing_else(tmp_path: Path, forum: Forum) -> None:
    path = tmp_path / "docs" / "threads" / "ice.yml"
    path.parent.mkdir(parents=True)
    original = HAND_WRITTEN.format(base=forum.base).encode("utf-8")
    path.write_bytes(original)
    code, output = run_media(tmp_path, str(path))
    assert code == 1, output  # the 404 is reported
    assert f"DEAD {forum.base}/data/attachments/0/104-treadmill.jpg: HTTP 404" in output
    new = path.read_bytes()
    expected = original
    kept = ("/data/attachments/0/105-ice-pack.webp", "/attachments/rehab-plan-pdf.103/", "/data/quad-stretch.png")
    for source in kept:
        old = f"]({forum.base}{source}".encode()
        stored = f"](../{by_source(tmp_path, source)['path']}".encode()
        expected = expected.replace(old, stored).replace(b"](<" + old[2:], b"](<" + stored[2:])
    # the address in the code span is not a link, so it stays
    expected = expected.replace(
        f"`![in code](../{by_source(tmp_path, '/data/quad-stretch.png')['path']})`".encode(),
        f"`![in code]({forum.base}/data/quad-stretch.png)`".encode(),
    )
    assert new == expected
    assert new.count(forum.base.encode()) == 3  # the page link, the 404 and the code span
    # the ice pack was fetched this time: the thread file is not an import input
    assert forum.asked["/data/attachments/0/105-ice-pack.webp"] == 1
    again_code, again = run_media(tmp_path, str(path))
    assert path.read_bytes() == new and "0 stored" in again and again_code == 1


def test_media_dry_run_changes_nothing(tmp_path: Path, forum: Forum) -> None:
    path = tmp_path / "docs" / "threads" / "ice.yml"
    path.parent.mkdir(parents=True)
    path.write_text(HAND_WRITTEN.format(base=forum.base), encoding="utf-8")
    before = path.read_bytes()
    code, output = run_media(tmp_path, "--dry-run")
    assert path.read_bytes() == before and not forum.asked and not (tmp_path / "docs" / "media").exists()
    assert "would fetch" in output and code == 0


def test_media_leaves_a_file_whose_links_it_cannot_change_in_place(tmp_path: Path, forum: Forum) -> None:
    path = tmp_path / "docs" / "threads" / "folded.yml"
    path.parent.mkdir(parents=True)
    url = f"{forum.base}/data/quad-stretch.png"
    # a double-quoted body that breaks the address over two lines: the address is nowhere in the text whole
    cut = len(url) // 2
    path.write_text(f'title: Folded\nposts:\n  - author: A\n    body: "see ![s]({url[:cut]}\\\n      {url[cut:]})"\n')
    assert yaml.safe_load(path.read_text())["posts"][0]["body"] == f"see ![s]({url})"
    before = path.read_bytes()
    code, output = run_media(tmp_path, str(path))
    assert path.read_bytes() == before and code == 1
    assert "left alone" in output and "could not be changed in place" in output


def test_a_killed_import_resumes_and_fetches_nothing_it_recorded(tmp_path: Path, forum: Forum) -> None:
    forum.slow = 0.0
    write_site(tmp_path, {})
    page = forum.page(tmp_path)
    command = [sys.executable, "-m", "mkdocs_forum_plugin.cli", "import", str(page), "-o", "docs/threads",
               "--no-members", "--media-local-network"]  # fmt: skip
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": os.pathsep.join(sys.path)}
    killing = {**env, KILL_AT: "media-stored:4"}
    killed = subprocess.run(command, check=False, cwd=tmp_path, env=killing, capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    journal = tmp_path / "docs" / "media" / ".media.journal"
    recorded = [json.loads(line) for line in journal.read_text().splitlines()]
    remembered = [line["address"] for line in recorded if "address" in line]
    assert len([line for line in recorded if "file" in line]) == 3 and len(remembered) == 3
    assert not list((tmp_path / "docs" / "threads").glob("*.yml"))  # killed before the thread was written
    done = subprocess.run(command, check=False, cwd=tmp_path, env=env, capture_output=True, timeout=120, text=True)
    assert done.returncode == 0, done.stdout  # a file not kept is a note of the thread, not a failed import
    remote = [a.removeprefix(forum.base) for a in remembered if a.startswith(forum.base) and "_files" not in a]
    assert remote and all(forum.asked[p] <= 1 for p in remote)  # local copies are never asked
    assert not journal.exists() and not list((tmp_path / "docs").rglob("*.tmp"))
    _path, text = thread(tmp_path)
    assert len([a for a in LINK.findall(text) if not a.startswith("http")]) == 8  # the slow GIF answers now
    assert all((tmp_path / "docs" / str(e["path"])).is_file() for e in index(tmp_path).values())
