"""Pictures and attachments in a sanitized body: sizes from the stored files, remote pictures kept or blocked.

This runs on nh3's output, so it sees only the allowlist's tags and attributes, each
written ``name="value"`` with the value escaped; it rewrites ``<img>`` and ``<a>``
tags and the text of attachment links, and nothing else. One pass over the tags:

- every post picture gets ``loading="lazy"`` and ``decoding="async"``; a picture of
  the wiki gets the ``width`` and ``height`` of its file, so the page does not jump
  while it loads (the stylesheet keeps it inside the column: ``max-width: 100%``);
- a link to a file under ``media/`` that is no picture is an attachment: its text is
  followed by the file's type and size ("exercises.pdf · PDF · 1.2 MB");
- a picture from another host than the site's is reported (``remote_images: warn``),
  or replaced by a link to it (``block``), so no reader's browser asks that host.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..link_index import PageLinks
from ..media_info import PICTURE_TYPES, MediaInfo, is_media_path
from ..model import Member
from .body_links import docs_path
from .labels import Labels
from .sanitize import LINK_REL

REMOTE_IMAGES = ("allow", "warn", "block")
# The tags this module changes, with quoted values kept whole: nh3 escapes no ">" inside them.
_TAG = re.compile(r'<(?P<close>/?)(?P<name>a|img)\b(?P<attrs>(?:[^>"]|"[^"]*")*)>', re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"')
_TEXT = re.compile(r"<[^>]*>")
_TYPE_WORDS = {
    **PICTURE_TYPES,
    "application/pdf": "PDF",
    "text/plain": "TXT",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.oasis.opendocument.presentation": "ODP",
    "application/msword": "DOC",
    "application/vnd.ms-excel": "XLS",
    "application/rtf": "RTF",
}


@dataclass(frozen=True)
class MediaOptions:
    """How post pictures from other hosts are treated, and which host is the site's own."""

    remote_images: str = "warn"  # allow | warn | block
    site_host: str | None = None  # site_url's host; None: every absolute address is another host's


@dataclass
class BodyMedia:
    """A body with its pictures and attachments presented, and the other hosts its pictures come from."""

    html: str
    remote_hosts: list[str] = field(default_factory=list)  # in order of first appearance, each once


def remote_host(src: str, site_host: str | None) -> str | None:
    """The host of an absolute (or protocol-relative) http(s) address that is not the site's; else None."""
    parts = urlsplit(src.strip())
    if parts.scheme.lower() not in ("http", "https", "") or not parts.netloc:
        return None
    host = (parts.hostname or "").lower()
    if not host or (site_host is not None and host == site_host.lower()):
        return None
    return host


def avatar_url(member: Member, links: PageLinks, options: MediaOptions) -> str | None:
    """The address of a member's picture as a page shows it; None for none.

    A picture in docs/ is linked from the page; another site's picture is kept,
    unless ``remote_images: block``: then the member's initials stand in for it.
    """
    if not member.avatar:
        return None
    path = member.avatar_path
    if path is not None:
        return links.picture(path)
    if options.remote_images == "block" and remote_host(member.avatar, options.site_host):
        return None
    return member.avatar


def _attrs(text: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value) for name, value in _ATTR.findall(text)}


def _tag(name: str, attrs: dict[str, str]) -> str:
    written = "".join(f' {key}="{html.escape(value, quote=True)}"' for key, value in attrs.items())
    return f"<{name}{written}>"


def _local_path(target: str, base_dir: str) -> str | None:
    """The docs path a relative address in a body points at; None for any other address."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or target.startswith("/"):
        return None
    return docs_path(base_dir, unquote(parts.path))


def type_word(info: MediaInfo, path: str) -> str:
    """The short name of a file's type: 'PDF', 'JPEG', 'DOCX', else its suffix in capitals."""
    word = _TYPE_WORDS.get(info.type or "")
    if word:
        return word
    suffix = posixpath.splitext(path)[1].lstrip(".")
    return suffix.upper() or "?"


def attachment_meta(info: MediaInfo, path: str, labels: Labels) -> str:
    """' · PDF · 1.2 MB' (the size only when known), as plain text."""
    parts = [type_word(info, path)]
    if info.bytes is not None:
        parts.append(labels.size(info.bytes))
    return "".join(f" · {part}" for part in parts)


def _sized(attrs: dict[str, str], info: MediaInfo | None) -> None:
    """Fill in width and height from the file, keeping what the member wrote (one side scales the other)."""
    if info is None or not info.width or not info.height:
        return
    width, height = attrs.get("width", "").strip(), attrs.get("height", "").strip()
    if not width and not height:
        attrs["width"], attrs["height"] = str(info.width), str(info.height)
    elif width.isdigit() and not height:
        attrs["height"] = str(max(1, round(int(width) * info.height / info.width)))
    elif height.isdigit() and not width:
        attrs["width"] = str(max(1, round(int(height) * info.width / info.height)))


def present_media(body_html: str, base_dir: str, links: PageLinks, options: MediaOptions, labels: Labels) -> BodyMedia:
    """The body's pictures sized and lazy, its attachments described, remote pictures as ``options`` says.

    ``base_dir`` is the thread file's folder, against which relative addresses resolve.
    Linear in the body's length: one pass over its tags.
    """
    out: list[str] = []
    hosts: list[str] = []
    open_link: tuple[int, str | None] | None = None  # (its index in out, the attachment's docs path)
    at = 0
    for match in _TAG.finditer(body_html):
        out.append(body_html[at : match.start()])
        at = match.end()
        name = match.group("name").lower()
        if name == "a":
            if match.group("close"):
                if open_link is not None and open_link[1] is not None:
                    _describe(out, open_link, links, labels)
                open_link = None
                out.append(match.group(0))
                continue
            attrs = _attrs(match.group("attrs"))
            path = _local_path(attrs.get("href", ""), base_dir)
            attachment = path if path is not None and is_media_path(path) else None
            open_link = (len(out), attachment)
            out.append(match.group(0))
            continue
        attrs = _attrs(match.group("attrs"))
        src = attrs.get("src", "")
        host = remote_host(src, options.site_host)
        if host is not None:
            if host not in hosts:
                hosts.append(host)
            if options.remote_images == "block":
                out.append(_blocked(attrs, host, inside_link=open_link is not None, labels=labels))
                continue
        else:
            path = _local_path(src, base_dir)
            _sized(attrs, links.media(path) if path is not None else None)
        if options.remote_images == "block":
            attrs.pop("srcset", None)  # not on the allowlist today; never a way around block if it is one day
        attrs["loading"], attrs["decoding"] = "lazy", "async"
        out.append(_tag("img", attrs))
        if open_link is not None:
            open_link = (open_link[0], None)  # a thumbnail's link opens its file: no attachment
    out.append(body_html[at:])
    return BodyMedia("".join(out), hosts)


def _blocked(attrs: dict[str, str], host: str, *, inside_link: bool, labels: Labels) -> str:
    """What stands where a remote picture was: its alt text (or its host) as a link to it."""
    alt = attrs.get("alt", "").strip()
    text = html.escape(alt or labels("remote_picture", host=host))
    if inside_link:  # links do not nest: the surrounding link already leads somewhere
        return f'<span class="forum-remote-picture">{text}</span>'
    href = html.escape(attrs.get("src", ""), quote=True)
    return f'<a class="forum-remote-picture" href="{href}" rel="{LINK_REL}">{text}</a>'


def _describe(out: list[str], open_link: tuple[int, str | None], links: PageLinks, labels: Labels) -> None:
    """Make the link opened at ``out[index]`` an attachment link, if its file is a stored non-picture."""
    index, path = open_link
    if path is None:
        return
    info = links.media(path)
    if info is None or info.is_picture:
        return
    opening = out[index]
    out[index] = opening.replace("<a ", '<a class="forum-attachment" ', 1)
    inner = "".join(out[index + 1 :])
    shown = html.unescape(_TEXT.sub("", inner)).strip()
    if not shown or shown == posixpath.basename(path) or shown.endswith(path):
        del out[index + 1 :]
        out.append(html.escape(info.name or posixpath.basename(path)))
    meta = html.escape(attachment_meta(info, path, labels))
    out.append(f'<span class="forum-attachment__meta">{meta}</span>')
