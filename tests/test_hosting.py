"""Hosts' limits: the plugin warns at 90 % of the limits of the host a site goes to, gh-deploy before pushing.

The limits are patched low (a site of a few hundred kilobytes stands in for 1 GB), so
that real builds of tiny sites cross them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mkdocs.__main__ import cli as mkdocs_cli
from mkdocs.commands import gh_deploy
from sitebuild import BuildFn, thread_yaml, write_site

from mkdocs_forum_plugin import hosting
from mkdocs_forum_plugin.hosting import Features, HostLimits, SiteSize, estimate, host_warnings, savings
from mkdocs_forum_plugin.options import read_options

THREADS = {f"threads/t{n}.yml": thread_yaml(f"Thread {n}") for n in range(3)}
SMALL = 20_000  # bytes: every test site is larger


@pytest.fixture(autouse=True)
def mkdocs_logger_kept() -> Iterator[None]:
    """MkDocs' command line takes over the 'mkdocs' logger (its own handler, no propagation):
    put it back, so later tests in this process still see the warnings (caplog)."""
    logger = logging.getLogger("mkdocs")
    kept = (logger.propagate, logger.level, list(logger.handlers))
    yield
    logger.propagate, level, handlers = kept
    logger.setLevel(level)
    logger.handlers[:] = handlers


def warnings_about(messages: list[str], label: str) -> list[str]:
    return [m for m in messages if label in m]


def test_no_host_no_warning_even_over_every_limit(make_site: BuildFn, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(hosting.HOSTS):
        monkeypatch.setitem(hosting.HOSTS, name, HostLimits(name, site_bytes=1, files=1, file_bytes=1))
    site = make_site(THREADS)
    assert site.warnings() == []


def test_github_pages_site_near_its_size_limit_warns(make_site: BuildFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(hosting.HOSTS, "github-pages", HostLimits("GitHub Pages", site_bytes=SMALL))
    site = make_site(THREADS, plugin={"host": "github-pages", "structured_data": "short"})
    [message] = warnings_about(site.warnings(), "GitHub Pages")
    size = sum(p.stat().st_size for p in site.site_dir.rglob("*") if p.is_file())
    files = sum(1 for p in site.site_dir.rglob("*") if p.is_file())
    assert f"{size / 1e6:.1f} MB in {files:,} files" in message
    assert f"of the limit of GitHub Pages, {SMALL / 1e6:.1f} MB" in message
    for option in ("member_pages: off", "structured_data: off", "feeds: false"):
        assert option in message
    assert "search: material" not in message  # it would make the site bigger


def test_a_site_below_90_percent_of_the_limit_does_not_warn(
    make_site: BuildFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(hosting.HOSTS, "gitlab-pages", HostLimits("GitLab Pages", site_bytes=10**9, files=200_000))
    site = make_site(THREADS, plugin={"host": "gitlab-pages"})
    assert site.warnings() == []


def test_file_count_and_file_size_limits_warn(make_site: BuildFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(hosting.HOSTS, "cloudflare-pages", HostLimits("Cloudflare", files=20, file_bytes=10_000))
    plugin = {"host": "cloudflare-pages", "structured_data": "off", "member_pages": "off"}
    site = make_site(THREADS, plugin=plugin)
    messages = warnings_about(site.warnings(), "Cloudflare")
    assert any("near the limit of Cloudflare, 20 files" in m for m in messages), messages
    per_file = [m for m in messages if "MiB per file" in m]
    assert per_file, messages
    # The options already off are not proposed again.
    assert all("member_pages: off" not in m and "structured_data" not in m for m in messages)


def test_gh_deploy_implies_github_pages(make_site: BuildFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(hosting.HOSTS, "github-pages", HostLimits("GitHub Pages", site_bytes=SMALL))
    site = make_site(THREADS, command="gh-deploy")  # no host option
    assert warnings_about(site.warnings(), "the limit of GitHub Pages")


def test_gh_deploy_warns_before_it_pushes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' gh-deploy builds (on_post_build included) and only then pushes: the warning comes first."""
    monkeypatch.setitem(hosting.HOSTS, "github-pages", HostLimits("GitHub Pages", site_bytes=SMALL))
    events: list[str] = []

    class Record(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING and "GitHub Pages" in record.getMessage():
                events.append("warning")

    def push(*_args: Any, **_kwargs: Any) -> None:
        events.append("push")

    monkeypatch.setattr(gh_deploy, "gh_deploy", push)
    write_site(tmp_path, THREADS)
    handler = Record()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        result = CliRunner().invoke(mkdocs_cli, ["gh-deploy", "-f", str(tmp_path / "mkdocs.yml")])
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert result.exit_code == 0, result.output
    assert events == ["warning", "push"]


def test_netlify_warns_from_20000_files() -> None:
    netlify = hosting.HOSTS["netlify"]
    assert host_warnings(SiteSize(10**6, 19_999), netlify, []) == []
    [message] = host_warnings(SiteSize(10**6, 20_000), netlify, ["feeds: false"])
    assert "20,000 files, where deploys to Netlify have failed" in message
    assert "feeds: false" in message


@pytest.mark.parametrize(
    ("name", "size", "files"),
    [
        ("github-pages", 900_000_000, 1),
        ("gitlab-pages", 1, 180_000),
        ("cloudflare-pages", 1, 18_000),
        ("cloudflare-pages-paid", 1, 90_000),
    ],
)
def test_each_host_warns_at_90_percent(name: str, size: int, files: int) -> None:
    host = hosting.HOSTS[name]
    assert host_warnings(SiteSize(size, files), host, [])
    assert host_warnings(SiteSize(max(size - 1_000_000, 1), max(files - 1_000, 1)), host, []) == []


def test_host_option_is_checked_and_a_close_name_suggested() -> None:
    options, problems = read_options({"host": "github-page"})
    assert [str(p) for p in problems] == [
        "host: expected one of github-pages, gitlab-pages, cloudflare-pages, cloudflare-pages-paid, netlify, "
        "none, not 'github-page' (did you mean 'github-pages'?)"
    ]
    assert options.host == "none"


def test_estimate_grows_with_threads_and_drops_with_features_off() -> None:
    small = estimate(1_000, 15_000, 250, Features())
    large = estimate(20_000, 300_000, 5_000, Features())
    lean = estimate(20_000, 300_000, 5_000, Features(member_pages="off", search="material"))
    assert large.bytes > 15 * small.bytes
    # No member pages, and one search file instead of one per 64 pages and a few for the words.
    assert lean.files == large.files - 5_000 - (large.folders or {})["search"] + 1
    assert lean.bytes < large.bytes - 5_000 * 13_000
    described = estimate(20_000, 300_000, 5_000, Features(structured_data="short"))
    assert (described.bytes - large.bytes, described.files) == (20_000 * 1_550, large.files)
    assert savings(Features(), large) == ["member_pages: off (5,000 files)", "feeds: false"]  # the defaults
    assert savings(Features(structured_data="short"), large) == [
        "member_pages: off (5,000 files)",
        "structured_data: off (about 1.5 KB a thread page)",
        "feeds: false",
    ]


def test_check_estimates_the_site_before_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_import_helpers import run, setup_site  # noqa: PLC0415  (the command-line tests' helpers)

    setup_site(tmp_path, monkeypatch)
    for name, text in THREADS.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    quiet = run("check", "--no-zensical")
    assert "Estimated site" not in quiet.output  # no host named: no estimate
    assert run("check", "--no-zensical", "--host", "github-pages").exit_code == 0
    monkeypatch.setitem(hosting.HOSTS, "github-pages", HostLimits("GitHub Pages", site_bytes=SMALL))
    result = run("check", "--no-zensical", "--host", "github-pages", "--strict")
    expected = estimate(3, 3, 1, Features())  # three threads of one post each, by one member
    assert f"Estimated site: {expected.bytes / 1e6:,.0f} MB in {expected.files:,} files (host: github-pages)" in (
        result.output
    )
    assert "the site would be" in result.output
    assert "member_pages: off" in result.output and "search: material" not in result.output
    assert result.exit_code == 1  # --strict: the warning fails the check, as it fails the build


def test_strict_gh_deploy_of_a_site_near_the_limit_pushes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(hosting.HOSTS, "github-pages", HostLimits("GitHub Pages", site_bytes=SMALL))
    pushed: list[object] = []
    monkeypatch.setattr(gh_deploy, "gh_deploy", lambda *args, **kwargs: pushed.append(args))
    write_site(tmp_path, THREADS)
    result = CliRunner().invoke(mkdocs_cli, ["gh-deploy", "--strict", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code != 0
    assert pushed == []
