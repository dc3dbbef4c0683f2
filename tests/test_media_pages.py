"""Pictures and attachments on built pages: MkDocs, Zensical, and Material's privacy plugin.

Each test builds a real wiki into tmp_path (``media_site.py``): pictures stored the
way the importer stores them, with ``media/index.json``, one stored picture the index
does not describe, an attachment, and a picture served by a loopback server that
plays another site's host (127.0.0.2).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from media_site import PDF, picture_host, png_file, write_media_wiki
from sitebuild import attr, build_site, one, text_of

from mkdocs_forum_plugin.adapters.zensical.envelope import unpack
from mkdocs_forum_plugin.adapters.zensical.generate import Generator

REMOTE = "https://pictures.example.net/stretch.png"  # never fetched: nothing here downloads it


def pictures(body: Tag) -> dict[str, dict[str, str]]:
    """Every picture of the page's posts by its alt text: the attributes that matter here."""
    keep = ("src", "width", "height", "loading", "decoding")
    return {attr(img, "alt"): {k: attr(img, k) for k in keep if img.has_attr(k)} for img in body.select("img")}


def posts(site_dir: Path) -> Tag:
    from bs4 import BeautifulSoup  # noqa: PLC0415 - as sitebuild parses

    page = BeautifulSoup((site_dir / "threads/desk/index.html").read_text(encoding="utf-8"), "lxml")
    return one(page, "div.forum-thread")


def test_stored_pictures_are_lazy_and_sized_from_the_index_or_the_file(tmp_path: Path) -> None:
    wiki = write_media_wiki(tmp_path, REMOTE, plugin={"remote_images": "allow"})
    site = build_site(tmp_path, strict=True)
    assert site.warnings() == []
    found = pictures(posts(site.site_dir))
    lazy = {"loading": "lazy", "decoding": "async"}
    assert found == {
        "the desk, from the side": {"src": f"../../{wiki.wide}", "width": "1600", "height": "900", **lazy},
        "the chair": {"src": f"../../{wiki.thumb}", "width": "160", "height": "90", **lazy},
        "the mat": {"src": f"../../{wiki.unlisted}", "width": "300", "height": "200", **lazy},  # read from the file
        "a stretch": {"src": REMOTE, **lazy},  # another host's: no size to read
    }
    for picture in found.values():
        if not picture["src"].startswith("https:"):
            assert (site.site_dir / "threads/desk" / picture["src"]).resolve().is_file()
    # The thumbnail opens the full picture.
    thumbnail = one(posts(site.site_dir), 'img[alt="the chair"]').parent
    assert thumbnail is not None and thumbnail.name == "a" and attr(thumbnail, "href") == f"../../{wiki.wide}"


def test_an_attachment_shows_its_name_type_and_size(tmp_path: Path) -> None:
    wiki = write_media_wiki(tmp_path, REMOTE, plugin={"remote_images": "allow"})
    site = build_site(tmp_path)
    link = one(posts(site.site_dir), "a.forum-attachment")
    assert attr(link, "href") == f"../../{wiki.pdf}"
    size = f"{round(len(PDF) / 1000, 1)} KB"
    assert text_of(link) == f"exercises.pdf · PDF · {size}"
    assert (site.site_dir / wiki.pdf).read_bytes() == PDF


def test_the_importers_index_is_not_published(tmp_path: Path) -> None:
    write_media_wiki(tmp_path, REMOTE, plugin={"remote_images": "allow"})
    site = build_site(tmp_path)
    assert (tmp_path / "docs/media/index.json").is_file()
    assert not (site.site_dir / "media/index.json").exists()  # original names and old addresses stay private


def test_attachment_words_follow_the_sites_language(tmp_path: Path) -> None:
    write_media_wiki(tmp_path, REMOTE, plugin={"remote_images": "allow"}, theme={"name": "material", "language": "fr"})
    site = build_site(tmp_path)
    size = f"{round(len(PDF) / 1000, 1)}".replace(".", ",")
    assert text_of(one(posts(site.site_dir), "a.forum-attachment")) == f"exercises.pdf · PDF · {size} Ko"


def test_warn_names_the_thread_file_and_its_posts_once(tmp_path: Path) -> None:
    write_media_wiki(tmp_path, REMOTE)  # remote_images: warn, the default
    site = build_site(tmp_path)
    remote = [w for w in site.warnings() if "pictures.example.net" in w]
    assert len(remote) == 1, site.warnings()
    assert remote[0].removeprefix("mkdocs_forum_plugin: ").startswith("threads/desk.yml:18: posts[3].body: ")
    assert "post 3 shows pictures from pictures.example.net" in remote[0]
    assert "remote_images: block" in remote[0]
    assert pictures(posts(site.site_dir))["a stretch"]["src"] == REMOTE  # still shown


def test_a_picture_from_the_sites_own_host_is_not_remote(tmp_path: Path) -> None:
    write_media_wiki(tmp_path, REMOTE, site_url="https://pictures.example.net/wiki/")
    assert [w for w in build_site(tmp_path).warnings() if "pictures from" in w] == []


def test_block_shows_a_link_instead_and_no_picture_points_off_the_site(tmp_path: Path) -> None:
    write_media_wiki(tmp_path, REMOTE, plugin={"remote_images": "block"}, site_url="https://wiki.example.org/")
    site = build_site(tmp_path, strict=True)
    assert site.warnings() == []
    body = posts(site.site_dir)
    assert "a stretch" not in pictures(body)
    link = one(body, "a.forum-remote-picture")
    assert (text_of(link), attr(link, "href")) == ("a stretch", REMOTE)
    for page in site.site_dir.rglob("*.html"):
        srcs = [str(img.get("src", "")) for img in posts_or_none(page)]
        assert not [src for src in srcs if "//" in src], page


def posts_or_none(page: Path) -> list[Tag]:
    from bs4 import BeautifulSoup  # noqa: PLC0415

    return list(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("img"))


def test_a_broken_index_is_reported_and_pictures_keep_their_files_sizes(tmp_path: Path) -> None:
    write_media_wiki(tmp_path, REMOTE, plugin={"remote_images": "allow"})
    (tmp_path / "docs/media/index.json").write_text("{not json", encoding="utf-8")
    site = build_site(tmp_path)
    assert [w for w in site.warnings() if "media/index.json is not JSON" in w], site.warnings()
    found = pictures(posts(site.site_dir))
    assert (found["the desk, from the side"]["width"], found["the desk, from the side"]["height"]) == ("1600", "900")


# -- Zensical: `mkdocs-forum generate` writes the same HTML ------------------------------------

ZENSICAL_READY: dict[str, Any] = {
    "markdown_extensions": ["forum_pages"],
    "extra_css": ["assets/forum/forum.css"],
    "exclude_docs": "*.yml\nmedia/index.json\n",
    "not_in_nav": "/threads/\n/members/\n",
}


def test_generate_writes_the_same_pictures_and_attachments_for_zensical(tmp_path: Path) -> None:
    mkdocs_root, zensical_root = tmp_path / "m", tmp_path / "z"
    for root in (mkdocs_root, zensical_root):
        write_media_wiki(root, REMOTE, plugin={"remote_images": "block"}, **ZENSICAL_READY)
    site = build_site(mkdocs_root)
    expected = posts(site.site_dir)
    assert Generator(zensical_root / "mkdocs.yml").run().warnings == []
    packed = (zensical_root / "docs/threads/desk.md").read_text(encoding="utf-8")
    html = unpack(packed.splitlines()) or ""
    assert 'width="1600" height="900" loading="lazy" decoding="async"' in html
    assert "exercises.pdf" in html and "forum-remote-picture" in html
    zensical_build(zensical_root)
    built = posts(zensical_root / "site")
    # Zensical links pages by their own addresses; the pictures and the attachment are the same files.
    assert pictures(built) == pictures(expected)
    assert text_of(one(built, "a.forum-attachment")) == text_of(one(expected, "a.forum-attachment"))
    assert text_of(one(built, "a.forum-remote-picture")) == "a stretch"
    assert not (zensical_root / "site/media/index.json").exists()


def test_generate_warns_when_zensical_would_publish_the_importers_index(tmp_path: Path) -> None:
    write_media_wiki(
        tmp_path, REMOTE, plugin={"remote_images": "allow"}, **{**ZENSICAL_READY, "exclude_docs": "*.yml\n"}
    )
    warnings = Generator(tmp_path / "mkdocs.yml").run().warnings
    assert [w for w in warnings if "Zensical would publish 1 file" in w and "media/index.json" in w], warnings


# -- Material's privacy plugin: remote pictures downloaded at build time -------------------------


def privacy_site(root: Path, remote: str, remote_images: str = "allow", **config: Any) -> None:
    """A wiki with Material's privacy plugin, kept off the network: Material's own fonts and scripts are left out."""
    privacy = {
        "cache_dir": str(root / "privacy-cache"),  # its default is relative to the working folder
        "assets_exclude": ["unpkg.com/*", "fonts.googleapis.com/*", "fonts.gstatic.com/*"],
    }
    plugins = ["search", {"privacy": privacy}, {"forum": {"remote_images": remote_images}}]
    write_media_wiki(root, remote, site_url="https://wiki.example.org/", plugins=plugins, **config)


def test_the_privacy_plugin_downloads_a_thread_pages_remote_picture(tmp_path: Path) -> None:
    with picture_host({"/stretch.png": png_file(50, 40)}) as host:
        privacy_site(tmp_path, host.base + "stretch.png")
        site = build_site(tmp_path, strict=True)
    assert host.requests == ["/stretch.png"]  # once, at build time
    assert site.warnings() == []
    src = pictures(posts(site.site_dir))["a stretch"]["src"]
    assert src.startswith("../../assets/external/127.0.0.2")
    assert (site.site_dir / "threads/desk" / src).resolve().read_bytes() == png_file(50, 40)


def test_a_dead_remote_picture_stops_a_build_with_the_privacy_plugin(tmp_path: Path) -> None:
    """Material 9.8's privacy plugin registers a picture it failed to download, then cannot copy it.

    Forum archives are full of dead picture addresses, so the docs advise ``remote_images:
    block`` (or keeping the files with ``mkdocs-forum media``) rather than the privacy plugin.
    If Material fixes this, this test fails: then update docs/reference/pictures.md.
    """
    with picture_host({}) as host:  # the picture is gone: 404
        privacy_site(tmp_path, host.base + "gone.png")
        with pytest.raises(FileNotFoundError, match=r"gone\.png"):
            build_site(tmp_path)
    assert host.requests == ["/gone.png"]


def test_block_keeps_a_privacy_plugin_build_off_dead_addresses(tmp_path: Path) -> None:
    with picture_host({}) as host:
        privacy_site(tmp_path, host.base + "gone.png", remote_images="block")
        site = build_site(tmp_path, strict=True)
    assert host.requests == []  # the build asked nothing, and readers' browsers ask nothing
    assert attr(one(posts(site.site_dir), "a.forum-remote-picture"), "href") == host.base + "gone.png"


@pytest.mark.parametrize("policy", ["allow", "warn", "block"])
def test_every_policy_builds_the_same_local_pictures(tmp_path: Path, policy: str) -> None:
    wiki = write_media_wiki(tmp_path, REMOTE, plugin={"remote_images": policy})
    found = pictures(posts(build_site(tmp_path).site_dir))
    assert found["the desk, from the side"]["src"] == f"../../{wiki.wide}"
    assert ("a stretch" in found) == (policy != "block")


def zensical_build(root: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_zensicals_privacy_plugin_downloads_a_thread_picture_and_keeps_a_dead_one_remote(tmp_path: Path) -> None:
    """Zensical implements the privacy plugin itself: a dead address is a warning, and stays in the page."""
    with picture_host({"/stretch.png": png_file(50, 40)}) as host:
        for name, picture in (("live", "stretch.png"), ("dead", "gone.png")):
            root = tmp_path / name
            privacy_site(root, host.base + picture, **ZENSICAL_READY)
            assert Generator(root / "mkdocs.yml").run().warnings == []
            output = zensical_build(root)
            src = pictures(posts(root / "site"))["a stretch"]["src"]
            if name == "live":
                assert src.startswith("../../assets/external/127.0.0.2")
                assert (root / "site/threads/desk" / src).resolve().read_bytes() == png_file(50, 40)
            else:
                assert "Couldn't retrieve" in output
                assert src == host.base + "gone.png"
    assert host.requests == ["/stretch.png", "/gone.png"]


def test_a_changed_index_renders_the_thread_again_while_previewing(tmp_path: Path) -> None:
    """The page cache keeps a page only while every file size it showed is unchanged."""
    wiki = write_media_wiki(tmp_path, REMOTE, plugin={"remote_images": "allow"}, **ZENSICAL_READY)
    generator = Generator(tmp_path / "mkdocs.yml", command="serve")
    assert "threads/desk.md" in generator.run().written
    assert generator.run().written == [] and generator.caches.pages.reused_last == 1
    index = tmp_path / "docs/media/index.json"
    entries = json.loads(index.read_text(encoding="utf-8"))
    digest = wiki.wide.rsplit("/", 1)[1].split(".", maxsplit=1)[0]
    entries[digest].update(width=800, height=450)
    index.write_text(json.dumps(entries), encoding="utf-8")
    assert generator.run().written == ["threads/desk.md"]
    assert generator.caches.pages.reused_last == 0
    html = unpack((tmp_path / "docs/threads/desk.md").read_text(encoding="utf-8").splitlines()) or ""
    assert f'src="../{wiki.wide}" alt="the desk, from the side" width="800" height="450"' in html


@pytest.mark.parametrize("policy", ["warn", "block", "allow"])
def test_an_avatar_from_another_site(tmp_path: Path, policy: str) -> None:
    write_media_wiki(tmp_path, "../media/none.png", plugin={"remote_images": policy})
    members = "ann:\n  avatar: https://avatars.example.net/ann.png\n"
    (tmp_path / "docs/members.yml").write_text(members, encoding="utf-8")
    site = build_site(tmp_path)
    about = [w for w in site.warnings() if "avatars.example.net" in w]
    first = one(posts(site.site_dir), "#post-1")
    avatar = first.select_one(".forum-post > img")
    on_member_page = site.content("members/ann/").select("img.forum-member__avatar")
    assert len(on_member_page) == (policy != "block")
    if policy == "block":
        assert about == [] and avatar is None
        assert first.get("data-initials") == "AN"  # the initials instead
    else:
        assert avatar is not None and attr(avatar, "src") == "https://avatars.example.net/ann.png"
        assert len(about) == (policy == "warn")
    if policy == "warn":
        assert "members.yml:2: ann.avatar: 'https://avatars.example.net/ann.png' is a picture from" in about[0]
