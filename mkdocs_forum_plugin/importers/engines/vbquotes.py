"""vBulletin post bodies (3.8, 4.x and 5.x): quotes, code labels and smilies, before the shared converter.

- 4.x and 5.x quote: ``div.bbcode_quote`` with ``.bbcode_postedby`` ("Originally Posted by <strong>NAME</strong>"
  and a link to ``showthread.php?p=N#postN``) and ``.message``; without a name, the text is in ``.quote_container``.
- 3.8 quote: a ``div`` holding a "Quote:" label (``div.smallfont``) and a table whose cell holds the
  "Originally Posted by" line and the quoted text.
- Smilies are pictures under ``smilies/`` whose title names them ("Smile"); the default set's codes are used.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from ..soup import attr
from .common import embeds_to_links, xenforo_quote

VB_EDITED = re.compile(r"Last edited by (?P<who>.+?);\s*(?P<when>[^;]+?)\s*\.?\s*(?:Reason\b.*)?$", re.IGNORECASE)
_POST_LINK = re.compile(r"(?:[?&]p=|#post|/post|\?p=)(\d+)")
# The codes of vBulletin's default smilies, by the title the page shows; any other smilie keeps its title.
SMILIES = {
    "smile": ":)",
    "wink": ";)",
    "big grin": ":D",
    "frown": ":(",
    "embarrassment": ":o",
    "red face": ":o",
    "stick out tongue": ":p",
    "confused": ":confused:",
    "mad": ":mad:",
    "cool": ":cool:",
    "roll eyes (sarcastic)": ":rolleyes:",
    "eek!": ":eek:",
}


def _classes(el: Tag) -> list[str]:
    return attr(el, "class").split()


def _post_id(el: Tag | None) -> str | None:
    match = _POST_LINK.search(attr(el, "href")) if isinstance(el, Tag) else None
    return match.group(1) if match else None


def _name(line: Tag) -> str | None:
    strong = line.find(["strong", "b"])
    name = " ".join((strong if isinstance(strong, Tag) else line).get_text(" ").split())
    name = re.sub(r"^(?:Originally\s+Posted\s+by|Quote)\s*:?\s*", "", name, flags=re.IGNORECASE)
    return name or None


def _modern(soup: BeautifulSoup, quote: Tag) -> None:
    """A 4.x or 5.x quote."""
    posted = quote.find(class_="bbcode_postedby")
    message = quote.find(class_="message")
    if isinstance(posted, Tag):
        author, post_id = _name(posted), _post_id(posted.find("a", href=True))
        content = list(message.contents) if isinstance(message, Tag) else []
    else:
        holder = quote.find(class_="quote_container") or quote
        author = post_id = None
        content = [c for c in holder.contents if not (isinstance(c, Tag) and "bbcode_quote_container" in _classes(c))]
    xenforo_quote(soup, quote, author, post_id, content)


def _classic(soup: BeautifulSoup, table: Tag) -> None:
    """A 3.8 quote: its label, its table and the div around both."""
    outer = table.parent
    cell = table.find("td")
    if not isinstance(outer, Tag) or not isinstance(cell, Tag):
        return
    parts = [c for c in cell.children if isinstance(c, Tag)]
    line = next((c for c in parts if re.search(r"Originally\s+Posted\s+by", c.get_text(" "), re.IGNORECASE)), None)
    if line is not None:
        message = parts[parts.index(line) + 1] if parts.index(line) + 1 < len(parts) else None
        content = list(message.contents) if message is not None else []
        xenforo_quote(soup, outer, _name(line), _post_id(line.find("a", href=True)), content)
    else:
        xenforo_quote(soup, outer, None, None, list(cell.contents))


def _label_before(el: Tag) -> Tag | None:
    previous = el.find_previous_sibling()
    return previous if isinstance(previous, Tag) and "smallfont" in _classes(previous) else None


def rewrite_vbulletin(holder: Tag, soup: BeautifulSoup) -> None:
    """Make one vBulletin body ready for the shared converter (changed in place)."""
    embeds_to_links(holder, soup)
    for wrapper in holder.find_all("blockquote", class_="postcontent"):  # 4.x wraps every body in one
        wrapper.unwrap()
    for quote in holder.find_all("div", class_="bbcode_quote"):
        if not quote.decomposed:
            _modern(soup, quote)
    for table in holder.find_all("table"):
        label = _label_before(table)
        if label is not None and isinstance(table.parent, Tag):
            label.decompose()
            _classic(soup, table)
    for pre in holder.find_all(["pre", "code"]):  # 3.8's "Code:" / "PHP Code:" labels
        label = _label_before(pre)
        if label is not None:
            label.decompose()
    for el in holder.find_all(class_=["bbcode_description", "bbcode_postedby"]):
        el.decompose()
    for img in holder.find_all("img"):
        # An attached picture's alt text is vBulletin's "Click image for larger version. Name: a.jpg Views: 7 ...".
        name = re.search(r"\bName:\s*(.+?)(?:\s+Views:|\s+Size:|$)", attr(img, "alt"))
        if name:
            img["alt"] = name.group(1)
        if "smilies" in attr(img, "src"):
            title = attr(img, "title") or attr(img, "alt")
            img.replace_with(NavigableString(SMILIES.get(title.strip().lower(), title)))
