"""A polite downloader: a few files at a time, a timeout, retries with backoff, an honest User-Agent.

Only http and https are asked, redirects included (at most ``MAX_REDIRECTS``), and
addresses on the local network or this machine are refused unless allowed: a saved page
is untrusted, and must not make the editor's computer call their router. A file larger
than the cap is not read past it. The standard library's urllib is used: it is already
there, and one GET per file needs nothing more.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPMessage
from importlib.metadata import PackageNotFoundError, version
from typing import IO
from urllib.parse import unquote, urlsplit

MAX_REDIRECTS = 5
DOCS_URL = "https://example.github.io/mkdocs-forum-plugin/reference/media/"  # the manual's page (mkdocs.yml site_url)
_PERMANENT = {400, 401, 403, 404, 405, 410, 451}
_CHUNK = 65536


def user_agent() -> str:
    """``mkdocs-forum-plugin/VERSION (+docs address)``: who asks, and where to read why."""
    try:
        number = version("mkdocs-forum-plugin")
    except PackageNotFoundError:
        number = "0"
    return f"mkdocs-forum-plugin/{number} (+{DOCS_URL})"


@dataclass(frozen=True)
class Fetched:
    """A downloaded file: its bytes, the address it came from in the end, and its name if the server gave one."""

    data: bytes
    final: str
    name: str = ""


@dataclass(frozen=True)
class Dead:
    """An address that gave no file, and why; ``permanent`` when asking again would not help."""

    why: str
    permanent: bool = True


@dataclass(frozen=True)
class Settings:
    """How politely and how long to fetch."""

    workers: int = 4
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    max_bytes: int = 20 * 1024 * 1024
    allow_local: bool = False


def _local_host(host: str) -> bool:
    """True when ``host`` is, or resolves to, an address of this machine or a private network."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False  # the request will fail with the reason
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            return True
    return False


class _RefusedError(Exception):
    """An address that is not asked, with why."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed to http(s) addresses only, at most MAX_REDIRECTS, checked like the first address."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, check: Callable[[str], None]) -> None:
        self.check = check

    def redirect_request(  # noqa: PLR0917 - the signature is urllib's
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        """Check the new address before following it."""
        self.check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _name(headers: Message, final: str) -> str:
    """The file's name: from Content-Disposition, else the address's last part."""
    given = headers.get_filename()
    if given:
        return given.replace("/", "_").replace("\\", "_")[:200]
    return unquote(urlsplit(final).path.rstrip("/").rpartition("/")[2])[:200]


class Fetcher:
    """Downloads with one set of manners, for one run."""

    def __init__(self, settings: Settings | None = None) -> None:
        """An opener with the redirect rules and User-Agent."""
        self.settings = settings or Settings()
        self._opener = urllib.request.build_opener(_Redirects(self._check))
        self._opener.addheaders = [("User-Agent", user_agent()), ("Accept", "image/*, application/pdf, */*;q=0.5")]

    def _check(self, address: str) -> None:
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _RefusedError(f"not an http(s) address ({parts.scheme or 'none'}:)")
        if not self.settings.allow_local and _local_host(parts.hostname):
            raise _RefusedError("an address on this machine or the local network (not asked)")

    def _once(self, address: str) -> Fetched:
        with self._opener.open(address, timeout=self.settings.timeout) as answer:
            cap = self.settings.max_bytes
            length = answer.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > cap:
                raise _RefusedError(f"over the size cap ({int(length):,} bytes, the cap is {cap:,})")
            chunks: list[bytes] = []
            size = 0
            deadline = time.monotonic() + self.settings.timeout * 6
            while chunk := answer.read(_CHUNK):
                size += len(chunk)
                if size > cap:
                    raise _RefusedError(f"over the size cap ({cap:,} bytes)")
                if time.monotonic() > deadline:
                    raise TimeoutError("the answer came too slowly")
                chunks.append(chunk)
            final = answer.geturl()
            return Fetched(b"".join(chunks), final, _name(answer.headers, final))

    def get(self, address: str) -> Fetched | Dead:
        """One file, retried on timeouts and server errors; never raises for what the network does."""
        try:
            self._check(address)
        except _RefusedError as exc:
            return Dead(str(exc))
        attempt = 0
        while True:
            try:
                return self._once(address)
            except _RefusedError as exc:
                return Dead(str(exc))
            except urllib.error.HTTPError as exc:
                dead = Dead(f"HTTP {exc.code}", permanent=exc.code in _PERMANENT)
                if exc.code in (301, 302, 303, 307, 308):
                    not_web = "not allowed" in str(exc.reason)  # urllib's own refusal of a file:// (or other) target
                    dead = Dead(
                        "redirected to an address that is not http(s)"
                        if not_web
                        else f"more than {MAX_REDIRECTS} redirects"
                    )
            except TimeoutError:
                dead = Dead("timed out", permanent=False)
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, _RefusedError):
                    return Dead(str(reason))
                if isinstance(reason, socket.gaierror):  # no such host: asking again soon would not help
                    return Dead("unreachable (no such host)")
                timed_out = isinstance(reason, TimeoutError)
                dead = Dead("timed out" if timed_out else f"unreachable ({reason})", permanent=False)
            except (OSError, ValueError) as exc:  # a reset connection, a broken answer
                dead = Dead(f"unreachable ({type(exc).__name__})", permanent=False)
            if dead.permanent or attempt >= self.settings.retries:
                return dead
            time.sleep(self.settings.backoff * 2**attempt)
            attempt += 1

    def get_all(self, addresses: Iterable[str]) -> dict[str, Fetched | Dead]:
        """Every address, ``workers`` at a time; the results by address."""
        wanted = list(dict.fromkeys(addresses))
        if not wanted:
            return {}
        with ThreadPoolExecutor(max_workers=max(1, self.settings.workers)) as pool:
            return dict(zip(wanted, pool.map(self.get, wanted), strict=True))
