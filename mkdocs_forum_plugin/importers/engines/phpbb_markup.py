"""The markup of phpBB post bodies, in every style: quotes, code, smilies and phpBB 2's signatures.

Quotes become the shared quote form (see ``common``); code blocks lose their
'Code: Select all' titles; smilies become the codes members typed.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from ..soup import attr as soup_attr
from ..soup import text as soup_text
from .common import code_to_pre, replace_quote, rewrite_styles, smilie_to_text

_POST = re.compile(r"[?&;](?:amp;)?p=(\d+)")
_WROTE = re.compile(r"\s*(?:wrote|schrieb|hat geschrieben|a écrit|escribió|ha scritto|schreef|skrev)\s*:?\s*$", re.I)
# phpBB 2's default smilies are named by their picture; the text members typed is the code.
_PHPBB2_SMILIES = {
    "icon_biggrin": ":D",
    "icon_smile": ":)",
    "icon_sad": ":(",
    "icon_surprised": ":o",
    "icon_eek": ":shock:",
    "icon_confused": ":?",
    "icon_cool": "8)",
    "icon_lol": ":lol:",
    "icon_mad": ":x",
    "icon_razz": ":P",
    "icon_redface": ":oops:",
    "icon_cry": ":cry:",
    "icon_evil": ":evil:",
    "icon_twisted": ":twisted:",
    "icon_rolleyes": ":roll:",
    "icon_wink": ";)",
    "icon_exclaim": ":!:",
    "icon_question": ":?:",
    "icon_idea": ":idea:",
    "icon_arrow": ":arrow:",
    "icon_neutral": ":|",
    "icon_mrgreen": ":mrgreen:",
}


def _quote_author(label: str) -> str | None:
    name = _WROTE.sub("", label).strip()
    return None if not name or name.rstrip(":").lower() == "quote" else name


def _cite_parts(cite: Tag) -> tuple[str | None, str | None]:
    """Who a phpBB 3 quote names and which post it points at ('NAME wrote: ↑ DATE')."""
    jump = cite.find("a", attrs={"data-post-id": True})
    post_id = soup_attr(jump, "data-post-id") if isinstance(jump, Tag) else None
    member = next((a for a in cite.find_all("a") if "memberlist." in soup_attr(a, "href")), None)
    if isinstance(member, Tag):
        return soup_text(member) or None, post_id or None
    for el in cite.find_all(["a", "span", "div"]):  # the jump arrow and the quoted post's date
        el.decompose()
    return _quote_author(soup_text(cite)), post_id or None


def rewrite_quotes(root: Tag, soup: BeautifulSoup) -> None:
    """Every phpBB quote form, outer ones first, as a shared-form quote."""
    for quote in list(root.find_all(["blockquote", "div", "td"])):
        if quote.decomposed or quote.parent is None:
            continue
        classes = soup_attr(quote, "class").split()
        if quote.name == "blockquote":  # prosilver: <blockquote [cite]><div><cite>NAME wrote:</cite>TEXT</div>
            holder = quote.find("div", recursive=False)
            source = holder if isinstance(holder, Tag) else quote
            cite = source.find("cite", recursive=False)
            author, post_id = _cite_parts(cite) if isinstance(cite, Tag) else (None, None)
            if isinstance(cite, Tag):
                cite.decompose()
            if post_id is None:
                found = _POST.search(soup_attr(quote, "cite"))
                post_id = found.group(1) if found else None
            replace_quote(soup, quote, source, None if "uncited" in classes else author, post_id)
        elif quote.name == "div" and "quotetitle" in classes:  # subsilver2: div.quotetitle + div.quotecontent
            content = quote.find_next_sibling("div")
            author = _quote_author(soup_text(quote))
            if isinstance(content, Tag) and "quotecontent" in soup_attr(content, "class").split():
                replace_quote(soup, content, content, author, None)
            quote.decompose()
        elif quote.name == "td" and "quote" in classes:  # phpBB 2: a table with 'NAME wrote:' over td.quote
            table = quote.find_parent("table")
            if table is None:
                continue
            label = table.find("b")
            author = _quote_author(soup_text(label)) if isinstance(label, Tag) else None
            replace_quote(soup, table, quote, author, None)


def rewrite_code(root: Tag, soup: BeautifulSoup) -> None:
    """Code blocks without their 'Code: Select all' titles, as <pre> blocks."""
    for box in list(root.select(".codebox")):  # 3.1+: div > p + pre; 3.0: dl > dt + dd > code
        for title in box.find_all(["p", "dt"], recursive=False):
            title.decompose()
        for code in box.select("dd > code"):
            code_to_pre(code, soup)
        blocks = box.find_all("pre")
        if blocks:
            box.replace_with(*blocks)
    for title in root.select("div.codetitle"):
        title.decompose()
    for content in root.select("div.codecontent"):
        code_to_pre(content, soup)
    for cell in list(root.select("td.code")):
        table = cell.find_parent("table")
        code_to_pre(cell, soup)
        if isinstance(table, Tag) and not table.decomposed:
            table.replace_with(*table.find_all("pre"))


def rewrite_smilies(root: Tag) -> None:
    """Smilies as the codes members typed."""
    for img in list(root.find_all("img")):
        src = soup_attr(img, "src")
        # 3.1+ marks smilies with a class; 3.0 only by their folder (and a comment); the alt text is the code.
        if "smilies" in soup_attr(img, "class").split() or "/smilies/" in src:
            smilie_to_text(img, soup_attr(img, "alt") or soup_attr(img, "title"))
        elif "/smiles/" in src or src.startswith("smiles/"):
            name = src.rsplit("/", 1)[-1].split(".", 1)[0]
            smilie_to_text(img, _PHPBB2_SMILIES.get(name, soup_attr(img, "alt")))


def cut_signature(root: Tag) -> None:
    """Drop the signature phpBB 2 puts in the body, after a line of underscores, with that line."""
    marks = [s for s in root.find_all(string=True) if re.fullmatch(r"\s*_{10,}\s*", str(s))]
    if not marks:
        return
    node: Tag | NavigableString = marks[-1]
    while node is not root and node.parent is not None:
        for sibling in list(node.next_siblings):
            sibling.extract()
        node = node.parent
    previous = marks[-1].previous_sibling
    if isinstance(previous, Tag) and previous.name == "br":
        previous.decompose()
    marks[-1].extract()


def prepare(root: Tag, soup: BeautifulSoup) -> None:
    """A phpBB body's own markup in the forms the shared converter reads."""
    cut_signature(root)
    rewrite_code(root, soup)
    rewrite_styles(root)
    rewrite_smilies(root)
    rewrite_quotes(root, soup)
