"""Post HTML (XenForo, Discourse) to clean Markdown for thread files.

Forum quotes of every supported markup become quote markers that the converter
resolves later; smilies become their text; mentions become plain ``@name``;
relative links are made absolute against the page address. A single ``<br>``
starts a new paragraph, except between lines that are list items, because the
plugin's Markdown has no hard line breaks.
Limits on what reaches this module are in ``bodies``.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from markdownify import MarkdownConverter

from .records import QUOTE_MARK, QuoteMark
from .soup import absolute, attr, text

BR = "\x02"
_JUNK_TAGS = frozenset(["script", "style", "noscript", "button"])
_JUNK_CLASSES = frozenset(
    [
        "messageTextEndMarker",
        "js-selectToQuoteEnd",
        "quoteExpand",
        "bbCodeBlock-expandLink",
        "bbCodeSpoiler-button",
        "bbCodeSpoilerButton",
        "quote-controls",
    ]
)
# Classes that are junk only inside a parent with one of these classes.
_JUNK_INSIDE = {"meta": "lightbox", "type": "bbCodeCode", "bbCodeBlock-title": "bbCodeBlock--code"}
_QUOTE_CLASSES = {"div": "bbCodeQuote", "blockquote": "bbCodeBlock--quote", "aside": "quote"}
_SMILIE_CLASSES = frozenset(["smilie", "mceSmilie", "mceSmilieSprite", "emoji"])
_MENTION_CLASSES = frozenset(["username", "mention", "mention-group"])
_POST_ID = re.compile(r"(?:[?&]id=|post[-:]\s*|posts/)(\d+)")

_STAR = re.compile(r"(?<=\S)\*|\*(?=\S)")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_HTMLISH = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_QUOTE_TAG = re.compile(r"\[(?=/?quote\b)", re.IGNORECASE)
_LINE_START = re.compile(r"^(\s*)([#>]|\+(?=\s)|[-=]+\s*$)")
_PREFIX = re.compile(r"^((?:[ ]*>[ ]?)*)([ ]*)((?:[-*+]|\d{1,9}[.)])[ ]+)?")
_LISTISH = re.compile(r"^(?:[-*+\u2022]|\d{1,9}[.)])\s")
_BREAKS = re.compile(r"(?:[ \t]*\x02[ \t]*)+")
_LINE_SPLIT = re.compile(r"([ \t]*(?:\x02|\n)[ \t\x02\n]*)")
_LINE_LEAD = re.compile(r"^(?:[ ]*>[ ]?)*[ ]*(?:(?:[-*+]|\d{1,9}[.)])[ ]+|#{1,6}[ ]+)?")
_CONTROL = re.compile(r"[\x00-\x01\x04-\x08\x0b-\x1f\x7f\u2028\u2029\ufeff]")


def escape_text(text: str) -> str:
    """Plain forum text as Markdown that shows the same: only meaningful characters are escaped."""
    if not text:
        return ""
    text = _STAR.sub(r"\\*", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = text.replace("`", "\\`")
    text = _ENTITY.sub("&amp;", text)
    text = _HTMLISH.sub("&lt;", text)
    text = _QUOTE_TAG.sub("&#91;", text)
    return _LINE_START.sub(lambda m: m.group(1) + ("&#61;" if m.group(2)[0] == "=" else "\\") + m.group(2), text)


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
        """Divs are blocks; the quote placeholders made by ``_mark_quotes`` are divs too."""
        if el.has_attr("data-forum-quote"):
            return self._quote(el, text)
        result: str = super().convert_div(el, text, parent_tags)  # type: ignore[misc]
        return result

    def _quote(self, el: Tag, text: str) -> str:
        index = int(attr(el, "data-forum-quote")) if attr(el, "data-forum-quote").isdigit() else len(self.quotes)
        if index >= len(self.quotes):  # not one of ours (markup in the post itself): its text only
            return f"\n\n{text.strip()}\n\n"
        inner = _resolve_breaks(text.strip("\n"))
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


def _quote_parts(el: Tag) -> tuple[QuoteMark, Tag]:
    """Who a quote names, which post it points at, and the element holding the quoted text."""
    classes = attr(el, "class")
    if el.name == "aside":  # Discourse
        author = attr(el, "data-username") or text(el.find("div", class_="title")).rstrip(":") or None
        number = attr(el, "data-post")
        mark = QuoteMark(author, post_number=int(number) if number.isdigit() else None)
        mark.thread_id = attr(el, "data-topic") or None
        inner = el.find("blockquote", recursive=False)
    elif "bbCodeBlock--quote" in classes:  # XenForo 2
        source = _POST_ID.search(attr(el, "data-source"))
        mark = QuoteMark(attr(el, "data-quote") or None, post_id=source.group(1) if source else None)
        inner = el.select_one(".bbCodeBlock-expandContent") or el.select_one(".bbCodeBlock-content")
    else:  # XenForo 1
        link = el.select_one(".attribution a[href]")
        source = _POST_ID.search(attr(link, "href")) if isinstance(link, Tag) else None
        mark = QuoteMark(attr(el, "data-author") or None, post_id=source.group(1) if source else None)
        inner = el.select_one(".quote") or el.select_one("blockquote")
    return mark, inner if isinstance(inner, Tag) else el


def _classes(el: Tag) -> list[str]:
    value = el.get("class")
    return value if isinstance(value, list) else ([value] if isinstance(value, str) else [])


def _junk(el: Tag, classes: list[str]) -> bool:
    if el.name in _JUNK_TAGS or _JUNK_CLASSES.intersection(classes):
        return True
    for name, parent_class in _JUNK_INSIDE.items():
        if name in classes and isinstance(el.parent, Tag) and parent_class in _classes(el.parent):
            return True
    return False


def _tidy(root: Tag, base: str | None) -> list[Tag]:
    """Clean a body in one pass over its elements; return its quote elements, outer ones first."""
    junk: list[Tag] = []
    quotes: list[Tag] = []
    for el in list(root.descendants):
        if not isinstance(el, Tag):
            continue
        classes = _classes(el)
        name = el.name
        if _junk(el, classes):
            junk.append(el)
        elif _QUOTE_CLASSES.get(name, "\x00") in classes:
            quotes.append(el)
        elif name == "img" and _SMILIE_CLASSES.intersection(classes):
            el.replace_with(NavigableString(attr(el, "alt") or attr(el, "title")))
        elif name == "img":
            el["src"] = absolute(attr(el, "data-src") or attr(el, "src"), base)
        elif name == "a" and _MENTION_CLASSES.intersection(classes):
            el.replace_with(NavigableString(text(el)))
        elif name == "a" and el.has_attr("href"):
            el["href"] = absolute(attr(el, "href"), base)
        elif name == "aside" and "onebox" in classes:
            _onebox(el, base)
    for el in junk:
        el.decompose()
    return [el for el in quotes if not el.decomposed]  # a quote inside junk went with it


def _onebox(el: Tag, base: str | None) -> None:
    """A Discourse link preview: a link with the page's title, and a code excerpt as a code block."""
    heading = el.select_one("article h3 a[href], article h4 a[href], h3 a[href], h4 a[href]")
    link = attr(el, "data-onebox-src") or attr(heading, "href") or attr(el.select_one("header a[href]"), "href")
    link = absolute(link, base) if link else ""
    title = text(heading) or text(el.select_one("header a[href]")) or link
    holder = Tag(name="div")
    if link:
        paragraph = Tag(name="p")
        anchor = Tag(name="a", attrs={"href": link})
        anchor.append(NavigableString(title))
        paragraph.append(anchor)
        holder.append(paragraph)
    code = el.select_one("pre code") or el.select_one("pre")
    if isinstance(code, Tag):
        lines = code.select("ol.lines > li, ol > li")
        source = "\n".join(li.get_text().rstrip("\n") for li in lines) if lines else code.get_text().strip("\n")
        pre = Tag(name="pre")
        block = Tag(name="code", attrs={"class": attr(code, "class")} if attr(code, "class") else {})
        block.append(NavigableString(source))
        pre.append(block)
        holder.append(pre)
    el.replace_with(holder)


def _mark_quotes(found: list[Tag], soup: BeautifulSoup) -> list[QuoteMark]:
    quotes: list[QuoteMark] = []
    for el in found:
        mark, inner = _quote_parts(el)
        holder = soup.new_tag("div")
        holder["data-forum-quote"] = str(len(quotes))
        for child in list(inner.contents if inner is not el else el.contents):
            holder.append(child.extract())
        el.replace_with(holder)
        quotes.append(mark)
    return quotes


def _resolve_breaks(markdown: str) -> str:
    """Turn line-break markers into paragraph breaks, keeping quote and list prefixes."""
    if BR not in markdown:
        return markdown
    out: list[str] = []
    for line in markdown.split("\n"):
        if BR not in line:
            out.append(line)
            continue
        match = _PREFIX.match(line)
        assert match is not None
        lead = line[: match.end()]
        cont = match.group(1) + match.group(2) + " " * len(match.group(3) or "")
        done: list[str] = []
        previous_listish = False
        for raw in _BREAKS.split(line[match.end() :]):
            piece = raw.strip()
            if not piece:
                continue
            listish = bool(_LISTISH.match(piece))
            if not done:
                done.append(lead + piece)
            else:
                if not (listish and previous_listish):
                    done.append(cont.rstrip())
                done.append(cont + piece)
            previous_listish = listish
        out.extend(done or [lead.rstrip()])
    return "\n".join(out)


def tidy_markdown(markdown: str) -> str:
    """No tabs, control characters or trailing spaces; at most one blank line in a row."""
    markdown = _CONTROL.sub("", markdown.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    lines = [line.rstrip() for line in markdown.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def to_markdown(root: Tag, soup: BeautifulSoup, base: str | None = None) -> tuple[str, list[QuoteMark]]:
    """Convert one post body element (changed in place) to Markdown with quote markers."""
    quotes = _mark_quotes(_tidy(root, base), soup)
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
    return tidy_markdown(_resolve_breaks(markdown)), quotes
