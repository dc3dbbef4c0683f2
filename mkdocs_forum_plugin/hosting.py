"""Hosts' limits on a published site, a built site's size against them, and an estimate before a build.

Pure: it reads a folder and plain numbers, and imports no engine. The limits are
the hosts' published ones (docs/reference/hosting.md says where each comes from);
the plugin warns at :data:`WARN_AT` of a limit, so that there is room to act
before a deploy fails.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .render.text import plural

GB = 1000**3
MIB = 1024**2
WARN_AT = 0.9  # warn at 90 % of a limit


@dataclass(frozen=True)
class HostLimits:
    """What one host accepts; ``None``: no such limit. ``warn_files`` overrides 90 % of ``files``."""

    label: str
    site_bytes: int | None = None
    files: int | None = None
    file_bytes: int | None = None
    warn_files: int | None = None

    def files_threshold(self) -> int | None:
        """The file count from which the plugin warns."""
        if self.warn_files is not None:
            return self.warn_files
        return None if self.files is None else int(self.files * WARN_AT)


HOSTS: dict[str, HostLimits] = {
    "github-pages": HostLimits("GitHub Pages", site_bytes=1 * GB),
    "gitlab-pages": HostLimits("GitLab Pages", site_bytes=1 * GB, files=200_000),
    "cloudflare-pages": HostLimits("Cloudflare Pages (free plan)", files=20_000, file_bytes=25 * MIB),
    "cloudflare-pages-paid": HostLimits("Cloudflare Pages (paid plans)", files=100_000, file_bytes=25 * MIB),
    # No published limit: deploys of 20,000 to 58,000 files have failed, so warn from 20,000.
    "netlify": HostLimits("Netlify", warn_files=20_000),
}
HOST_NAMES = (*HOSTS, "none")  # the ``host`` option's values
DEPLOY_HOSTS = {"gh-deploy": "github-pages"}  # commands that say where the site goes


def host_for(option: str, command: str) -> HostLimits | None:
    """The limits to check: the command's own host (``gh-deploy``) before the ``host`` option."""
    return HOSTS.get(DEPLOY_HOSTS.get(command, option))


@dataclass(frozen=True)
class SiteSize:
    """A site's bytes and files, its largest file, and the files under each top-level folder."""

    bytes: int
    files: int
    largest: tuple[str, int] = ("", 0)
    folders: Mapping[str, int] | None = None  # top-level folder -> files under it


def measure_site(site_dir: str) -> SiteSize:
    """Walk a built site; links are not followed."""
    total, count, largest = 0, 0, ("", 0)
    folders: dict[str, int] = {}
    base = Path(site_dir)
    for root, _dirs, names in os.walk(site_dir):
        rel = Path(root).relative_to(base)
        top = rel.parts[0] if rel.parts else ""
        for name in names:
            try:
                size = (Path(root) / name).lstat().st_size
            except OSError:  # removed while we looked
                continue
            total += size
            count += 1
            folders[top] = folders.get(top, 0) + 1
            if size > largest[1]:
                largest = ((rel / name).as_posix(), size)
    return SiteSize(total, count, largest, folders)


def _mb(n: int) -> str:
    return f"{n / GB:.2f} GB" if n >= GB / 10 else f"{n / 1e6:.1f} MB"


def host_warnings(size: SiteSize, host: HostLimits, savings: Sequence[str], *, estimated: bool = False) -> list[str]:
    """What the site passes of 90 % of the host's limits, each naming the size, the files and what to turn off."""
    what = "would be" if estimated else "is"
    facts = f"{_mb(size.bytes)} in {size.files:,} files"
    advice = f"; to make it smaller, set {', '.join(savings)}" if savings else ""
    found: list[str] = []
    if host.site_bytes is not None and size.bytes >= host.site_bytes * WARN_AT:
        share = size.bytes / host.site_bytes
        found.append(
            f"the site {what} {facts}: {share:.0%} of the limit of {host.label}, {_mb(host.site_bytes)}{advice}"
        )
    threshold = host.files_threshold()
    if threshold is not None and size.files >= threshold:
        limit = (
            f"the limit of {host.label}, {host.files:,} files"
            if host.files
            else (f"{threshold:,} files, where deploys to {host.label} have failed")
        )
        found.append(f"the site {what} {facts}: near {limit}{advice}")
    path, biggest = size.largest
    if host.file_bytes is not None and biggest >= host.file_bytes * WARN_AT:
        found.append(
            f"{path} {what} {_mb(biggest)}: {biggest / host.file_bytes:.0%} of the limit of {host.label}, "
            f"{host.file_bytes // MIB} MiB per file"
        )
    return found


@dataclass(frozen=True)
class Features:
    """The options that decide a site's weight, and what the build made of them."""

    member_pages: str = "all"
    feeds: bool = True
    search: str = "chunked"
    structured_data: str = "off"
    members_dir: str = "members"


def savings(features: Features, size: SiteSize) -> list[str]:
    """The options that would make the site smaller, each with what it saves where that is known."""
    folders = size.folders or {}
    found: list[str] = []
    if features.member_pages != "off":
        found.append(f"member_pages: off ({plural(folders.get(features.members_dir, 0), 'file')})")
    if features.structured_data == "full":
        found.append("structured_data: short")
    elif features.structured_data == "short":
        found.append("structured_data: off (about 1.5 KB a thread page)")
    # Not search: material: the packed index has few files and is smaller than Material's,
    # whose worker and language files come back with it.
    if features.feeds:
        found.append("feeds: false")
    return found


def built_site_warnings(site_dir: str, host_option: str, command: str, features: Features) -> list[str]:
    """The warnings about a built site for the host it goes to (none when it names no host)."""
    host = host_for(host_option, command)
    if host is None:
        return []
    size = measure_site(site_dir)
    return host_warnings(size, host, savings(features, size))


# Per-unit weights measured with benchmarks/archive.py (plugin defaults, 15 posts of one
# to four paragraphs, 2,000 threads, 2026-12-03): an estimate, not a promise; the built site
# is measured after every build. Each page also has its line in sitemap.xml.
FIXED_BYTES = 1_800_000  # the theme's assets, the home page, sitemaps, feeds
FIXED_FILES = 20
SITEMAP_LINE = 124
# A thread page without its posts (theme, navigation, related block), its listing row: 0.7 KB
# less since similar threads only fill the related block and the short structured data lost
# what the page says (34,196 -> 33,482 bytes a thread page at 2,000 threads); 0.85 KB less since
# the members index is a link, not a one-page section, and the short structured data's texts are a
# search snippet long (the site 87.4 -> 85.4 MB); 4.95 KB less (2026-12-04) since structured data
# is off by default (below), two of Material's scripts leave the plugin's pages and a post's number
# is said once, and to meet the built site's 74.9 MB at 2,000 threads, which the estimate passed
# by 15 % (about 2 % higher now, to err on the side of a warning).
THREAD_BYTES = 8_400
# What structured data adds to a thread page of 15 posts (render/jsonld.py), when a wiki turns it on.
STRUCTURED_DATA_BYTES = {"short": 1_550, "full": 15_800}
POST_BYTES = 1_615  # a post on its thread page (1,360) and in the search index (255: a 200-character teaser)
MEMBER_PAGE_BYTES = 12_950  # its navigation 0.55 KB lighter, as on every page
MEMBER_POST_BYTES = 85  # a post in its author's member page
LISTING_ROWS = 50  # threads per section listing page (section_page_size's default)
SEARCH_PACK = 64  # pages per file of the chunked index (search_index.py)
SEARCH_TERM_FILE_THREADS = 500  # about one term file per this many threads


def estimate(threads: int, posts: int, members: int, features: Features) -> SiteSize:
    """The size of the site a build would make of ``threads`` thread files holding ``posts`` posts.

    ``members``: the members a member page is made for under the wiki's ``member_pages``.
    """
    member_pages = 0 if features.member_pages == "off" else members
    listings = -(-threads // LISTING_ROWS) + 1
    if features.search == "chunked":
        search_files = -(-(threads + listings + 1) // SEARCH_PACK) + max(1, threads // SEARCH_TERM_FILE_THREADS)
    else:
        search_files = 1
    files = FIXED_FILES + threads + listings + member_pages + search_files
    pages = threads + listings + member_pages
    thread_bytes = THREAD_BYTES + STRUCTURED_DATA_BYTES.get(features.structured_data, 0)
    size = FIXED_BYTES + pages * SITEMAP_LINE + threads * thread_bytes + posts * POST_BYTES
    if member_pages:
        size += member_pages * MEMBER_PAGE_BYTES + posts * MEMBER_POST_BYTES
    return SiteSize(size, files, ("", 0), {"search": search_files, features.members_dir: member_pages})


def estimate_warnings(size: SiteSize, host_option: str, features: Features) -> list[str]:
    """What an estimated site would pass of its host's limits (none when the wiki names no host)."""
    host = HOSTS.get(host_option)
    return [] if host is None else host_warnings(size, host, savings(features, size), estimated=True)
