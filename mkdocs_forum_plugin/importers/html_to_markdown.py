"""Post HTML (XenForo, Discourse) to clean Markdown for thread files.

Forum quotes of every supported markup become quote markers that the converter
resolves later; smilies become their text; mentions become plain ``@name``;
relative links are made absolute against the page address. A single ``<br>``
starts a new paragraph, except between lines that are list items, because the
plugin's Markdown has no hard line breaks.
The body is cleaned first (``post_html``); the Markdown text helpers are in
``markdown_text``. Limits on what reaches this module are in ``bodies``.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from .markdown_text import BR, escape_text, resolve_breaks, tidy_markdown
from .post_html import clean_body, mark_quotes
from .records import QUOTE_MARK, QuoteMark
from .soup import attr

_LINE_SPLIT = re.compile(r"([ \t]*(?:\x02|\n)[ \t\x02\n]*)")
_LINE_LEAD = re.compile(r"^(?:[ ]*>[ ]?)*[ ]*(?:(?:[-*+]|\d{1,9}[.)])[ ]+|#{1,6}[ ]+)?")


class _Converter(MarkdownConverter):
    """markdownify with forum quotes, cautious escaping and paragraph-making line breaks."""

    def __init__(self, quotes: list[QuoteMark], **options: Any) -> None:
        super().__init__(**options)
        self.quotes = quotes

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Escape only what would change meaning in Markdown, so posts stay readable."""
        return escape_text(text)

    def _emphasis(self, text: str, parent_tags: set[str], marker: str) -> str:
        """Emphasis closed and reopened on each line, so that no marker is left open across a paragraph break."""
        if "_noformat" in parent_tags:
            return text
        pieces = _LINE_SPLIT.split(text)
        out: list[str] = []
        for i, piece in enumerate(pieces):
            if i % 2:  # a line break or block boundary, kept as it is
                out.append(piece)
                continue
            lead = _LINE_LEAD.match(piece)
            start = lead.end() if lead and i > 0 else 0
            head, body = piece[:start], piece[start:]
            stripped = body.strip()
            if not stripped:
                out.append(piece)
                continue
            before = " " if body[:1] in (" ", "\t") else ""
            after = " " if body[-1:] in (" ", "\t") else ""
            out.append(f"{head}{before}{marker}{stripped}{marker}{after}")
        return "".join(out)

    def convert_b(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Bold, per line."""
        return self._emphasis(text, parent_tags, "**")

    convert_strong = convert_b

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Italic, per line."""
        return self._emphasis(text, parent_tags, "*")

    convert_i = convert_em

    def convert_del(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Strikethrough, per line."""
        return self._emphasis(text, parent_tags, "~~")

    convert_s = convert_del
    convert_strike = convert_del

    def convert_code(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Inline code stays on one line (a code span cannot hold a paragraph break)."""
        if "pre" not in parent_tags:
            text = " ".join(_LINE_SPLIT.sub(" ", text).split(" "))
        result: str = super().convert_code(el, text, parent_tags)  # type: ignore[misc]
        return result

    convert_kbd = convert_code
    convert_samp = convert_code

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A line break: a paragraph break in Markdown (resolved after conversion)."""
        if "_inline" in parent_tags:
            return " "
        if "pre" in parent_tags:
            return "\n"
        return BR

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Divs are blocks; the quote placeholders made by ``post_html.mark_quotes`` are divs too."""
        if el.has_attr("data-forum-quote"):
            return self._quote(el, text)
        result: str = super().convert_div(el, text, parent_tags)  # type: ignore[misc]
        return result

    def _quote(self, el: Tag, text: str) -> str:
        index = int(attr(el, "data-forum-quote")) if attr(el, "data-forum-quote").isdigit() else len(self.quotes)
        if index >= len(self.quotes):  # not one of ours (markup in the post itself): its text only
            return f"\n\n{text.strip()}\n\n"
        inner = resolve_breaks(text.strip("\n"))
        own = re.sub(r"\x03Q\d+\x03.*\[/quote\]", " ", inner, flags=re.DOTALL)  # without nested quotes
        self.quotes[index].text = " ".join(own.replace(BR, " ").split())[:300]
        return f"\n\n{QUOTE_MARK.format(index)}\n{inner.strip()}\n[/quote]\n\n"

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Pictures keep web addresses only; their alt text loses brackets."""
        src = attr(el, "src")
        alt = re.sub(r"[\[\]]", "", attr(el, "alt")).strip()
        if alt.upper() == "IMG":
            alt = ""
        if not src.startswith(("http://", "https://")) or "_inline" in parent_tags:
            return alt
        return f"![{alt}]({src})"

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Links keep web and mail addresses; anything else keeps only its text."""
        href = attr(el, "href")
        if not href.startswith(("http://", "https://", "mailto:")):
            return text
        result: str = super().convert_a(el, text, parent_tags)  # type: ignore[misc]
        return result


def _code_language(el: Tag) -> str:
    code = el.find("code")
    classes = attr(code if isinstance(code, Tag) else el, "class") + " " + attr(el, "data-lang")
    match = re.search(r"(?:lang|language)-([\w+-]+)", classes)
    return match.group(1) if match and match.group(1) not in ("auto", "nohighlight", "plaintext") else ""


def to_markdown(root: Tag, soup: BeautifulSoup, base: str | None = None) -> tuple[str, list[QuoteMark]]:
    """Convert one post body element (changed in place) to Markdown with quote markers."""
    quotes = mark_quotes(clean_body(root, base), soup)
    converter = _Converter(
        quotes,
        heading_style="atx",
        bullets="-",
        wrap=True,
        wrap_width=None,
        code_language_callback=_code_language,
        strip_document="strip",
    )
    markdown = converter.convert_soup(root)
    return tidy_markdown(resolve_breaks(markdown)), quotes
