"""Pseudonymize member names in memory: the thread files stay as they are.

Each name becomes a stable alias derived from a site secret (HMAC-SHA256), so the
same member has the same alias on every page and in every build, and the alias
reveals nothing without the secret. Names listed as public keep their name.

Names are found wherever the forum put them: authors, likers, the members file,
quote tags (the quoted name and a Discourse ``username:``), @mentions in any
letter case (of members and of anyone else), link addresses, and every one-line
field (title, description, section, tags, roles). A name written in running
text without an @ is replaced too when it cannot be an ordinary word (it has a
digit, an underscore, a dot, a hyphen, a space or an inner capital, such
as ``Qvortrup_K``); a name that is a plain word ("Hope") is left in running text,
since replacing every "hope" would garble posts. Text is read as a reader sees
it (``privacy_text.py``): escaped, entity-written and percent-encoded forms of a
name are replaced, as are names split by markup a reader does not see. An
address that holds any hidden name is cut before it (``privacy_links.py``),
since an alias, which has a space, would break the link.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import replace

from .model import Location, Member, Thread
from .privacy_links import Edit, hide_addresses
from .privacy_text import NameFinder, hides_markup, shown_name, visible
from .problems import Problem
from .render.options import RenderOptions
from .render.post import is_expert, member_of
from .render.quotes import QUOTE_OPEN, attr_parts

_QUOTE_OPEN = re.compile(QUOTE_OPEN, re.IGNORECASE)
# An @mention: an "@" not inside an address (name@example.org), whatever else comes before it.
_AT = r"(?<![^\W_])(?<![@.])@"
_ANY_NAME = r"\w[\w-]*(?:\.\w[\w-]*)*"
_PLAIN_WORD = re.compile(r"[^\W\d_][^\W\d_A-Z]*")  # "Hope", "kim": could be an ordinary word
_USERNAME = re.compile(r"^(\s*username\s*:\s*)(.*?)(\s*)$", re.IGNORECASE)


def alias(name: str, secret: str) -> str:
    """'Member XXXXXXX': the same for the same name and secret, unguessable without the secret."""
    digest = hmac.new(secret.encode("utf-8"), name.casefold().encode("utf-8"), hashlib.sha256).digest()
    return "Member " + base64.b32encode(digest[:5]).decode("ascii")


def _alternation(names: Iterable[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


class Pseudonymizer:
    """Replaces names everywhere a thread shows them: authors, likes, quotes, @mentions, addresses, one-line fields."""

    def __init__(self, secret: str, public: set[str]) -> None:
        self.secret = secret
        self.public = {shown_name(name).casefold() for name in public}
        self._cache: dict[str, str] = {}
        self._mention = re.compile(rf"{_AT}(?:()({_ANY_NAME}))", re.IGNORECASE)
        self._in_text = NameFinder((), exact=True)  # hidden names that cannot be ordinary words
        self._in_addresses = NameFinder((), exact=False)  # every hidden name
        self._unusual_in_addresses = NameFinder((), exact=False)  # the ones of _in_text
        self.problems: list[Problem] = []  # what privacy cannot hide, found by thread()

    def name(self, name: str) -> str:
        """The name to show for ``name`` (letter case, escapes and entities do not matter)."""
        found = self._cache.get(name)
        if found is None:
            shown = shown_name(name)
            found = self._cache[name] = name if shown.casefold() in self.public else alias(shown, self.secret)
        return found

    def know(self, names: Iterable[str]) -> None:
        """Learn the names to look for in running text (members, authors, likers, quoted names)."""
        known = sorted({shown_name(n) for n in names if shown_name(n)})
        hidden = [n for n in known if n.casefold() not in self.public]
        # Names with spaces first ("@Dr Ana", public ones too, so that "@Dr" is not taken for
        # a name), then any one-word name, known to the wiki or not. The alternation is tried
        # only right after an "@", so its length costs little.
        spaced = [n for n in known if " " in n]
        if spaced:
            alternation = _alternation(spaced)
            self._mention = re.compile(rf"{_AT}(?:({alternation})(?![\w-])|({_ANY_NAME}))", re.IGNORECASE)
        unusual = [n for n in hidden if not _PLAIN_WORD.fullmatch(n)]
        self._in_text = NameFinder(unusual, exact=True)
        self._in_addresses = NameFinder(hidden, exact=False)
        self._unusual_in_addresses = NameFinder(unusual, exact=False)

    def _quote(self, match: re.Match[str]) -> str:
        raw = match.group("attr")
        if not raw:
            return match.group(0)
        parts = attr_parts(raw)
        head = _quoted_name(parts)
        if head is not None:
            parts[0] = self.name(head)
        for i, part in enumerate(parts[1:], 1):
            username = _USERNAME.match(part)
            if username:
                parts[i] = username.group(1) + self.name(username.group(2)) + username.group(3)
        inner = ",".join(parts).replace('"', "'")
        return f'{match.group(0)[:6]}="{inner}"]'

    def _names_in(self, text: str, addresses: list[tuple[int, int]]) -> list[Edit]:
        """Edits replacing each @mention and unusual name outside ``addresses``, as a reader would read them."""
        edits: list[Edit] = []
        # Read twice: with markup kept (a name inside a tag's title), and left out as a
        # reader does not see it (Qvor**trup**_K); leaving it out can join a name to the word before.
        for drop_markup in (False, True) if hides_markup(text) else (False,):
            shown = visible(text, drop_markup=drop_markup)
            for mention in self._mention.finditer(shown.text):
                start, end = shown.span(*mention.span())
                edits.append(Edit(start, end, "@" + self.name(mention.group(1) or mention.group(2))))
            for found_start, found_end in self._in_text.find(shown.text):
                start, end = shown.span(found_start, found_end)
                edits.append(Edit(start, end, self.name(shown.text[found_start:found_end])))
        # Addresses come in order and never overlap: the first one ending after an edit starts is the one to check.
        ends = [end for _start, end in addresses]
        kept = []
        for edit in edits:
            i = bisect.bisect_right(ends, edit.start)
            if i == len(addresses) or addresses[i][0] >= edit.end:
                kept.append(edit)
            elif edit.end > addresses[i][1]:
                # A name that only starts in an address ("/u/Eika Solberg/" is no address past its space):
                # replaced all the same, apart from what is left of the address.
                kept.append(Edit(edit.start, edit.end, " " + edit.text) if edit.start > addresses[i][0] else edit)
            # A name inside an address was cut out of it already.
        return kept

    def text(self, text: str) -> str:
        """``text`` with every name replaced: quote tags, @mentions, unusual names, addresses, escaped forms too."""
        text = _QUOTE_OPEN.sub(self._quote, text)
        edits, addresses = hide_addresses(text, self._in_addresses, self.text, self.name)
        edits += self._names_in(text, addresses)
        return _apply(text, edits)

    def line(self, text: str | None) -> str | None:
        """A one-line field (a title, a role, a tag, a section) with every name replaced."""
        return self.text(text) if text else text

    def _names_a_member(self, address: str) -> bool:
        """Whether an address of the editor's (a file name, an old address) holds a name that cannot be a word."""
        return any(self._unusual_in_addresses.find(visible(address, drop_markup=False).text))

    def _addresses(self, thread: Thread) -> str | None:
        """The thread's old address, unless it names a member; what cannot be hidden goes to ``problems``."""
        if self._names_a_member(thread.path.rsplit(".", 1)[0]):
            message = "the file name holds a member's name, which the page's address shows; rename the file"
            self.problems.append(Problem(Location(thread.path, 1), message))
        if thread.source and self._names_a_member(thread.source):
            # Its redirect page would be published at that address, and the thread page would link to it.
            message = "the old address holds a member's name, so it is not published: no redirect, no link to it"
            self.problems.append(Problem(thread.where("source"), message))
            return None
        return thread.source

    def thread(self, thread: Thread) -> Thread:
        """A copy of ``thread`` with every member name replaced (see ``problems`` for what cannot be)."""
        posts = [
            replace(
                post,
                author=self.name(post.author),
                likes=[self.name(n) for n in post.likes],
                body=self.text(post.body),
                role=self.line(post.role),
            )
            for post in thread.posts
        ]
        return replace(
            thread,
            title=self.text(thread.title),
            description=self.line(thread.description),
            forum=self.line(thread.forum),
            tags=[self.text(tag) for tag in thread.tags],
            source=self._addresses(thread),
            posts=posts,
        )

    def members(self, members: dict[str, Member]) -> dict[str, Member]:
        """The members file under aliases; a hidden member keeps only role and expert flag (no avatar)."""
        out: dict[str, Member] = {}
        for name, member in members.items():
            shown = self.name(name)
            if shown == name:
                # A public member's own words can name others.
                out[name] = replace(
                    member, role=self.line(member.role), bio=self.line(member.bio), memorial=self.line(member.memorial)
                )
            else:
                out[shown] = Member(name=shown, role=self.line(member.role), expert=member.expert)
        return out


def _apply(text: str, edits: list[Edit]) -> str:
    """``text`` with the edits made; of edits that overlap, the one starting first (then the longest) wins."""
    out: list[str] = []
    last = 0
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if edit.start < last:
            continue
        out.append(text[last : edit.start])
        out.append(edit.text)
        last = edit.end
    out.append(text[last:])
    return "".join(out)


def _quoted_name(parts: list[str]) -> str | None:
    """The name a quote tag's attribute parts start with; None when they start with a field such as 'post:3'."""
    head = parts[0].strip()
    return head if head and ":" not in head else None


def quoted_names(thread: Thread) -> set[str]:
    """The names quote tags in a thread's posts attribute quotes to."""
    names: set[str] = set()
    for post in thread.posts:
        for match in _QUOTE_OPEN.finditer(post.body):
            raw = match.group("attr")
            head = _quoted_name(attr_parts(raw)) if raw else None
            if head is not None:
                names.add(head)
    return names


def pseudonymize(
    threads: dict[str, Thread],
    members: dict[str, Member],
    options: RenderOptions,
    secret: str,
    public: list[str] | None,
) -> tuple[dict[str, Thread], dict[str, Member], set[str], list[Problem]]:
    """Every thread and the members under aliases; ``public`` defaults to the experts.

    The experts are the members marked so and the authors of expert answers.
    Also returns the avatar paths (docs-relative) of hidden members: they must not
    be published, since a picture's file name is often the member's name. And the
    warnings: names privacy cannot hide (in a file name), and old addresses left
    out because they hold a name.
    """
    if public is None:
        public = [m.name for m in members.values() if m.expert]
        public += [p.author for t in threads.values() for p in t.posts if is_expert(p, member_of(p, members), options)]
    hide = Pseudonymizer(secret, set(public))
    names: set[str] = set(members)
    for thread in threads.values():
        names.update(p.author for p in thread.shown_posts)  # a removed post has no author (issue 22)
        names.update(n for p in thread.posts for n in p.likes)
        names.update(quoted_names(thread))
    hide.know(names)
    hidden = {path: hide.thread(thread) for path, thread in threads.items()}
    kept = {m.avatar_path for m in members.values() if hide.name(m.name) == m.name}
    avatars = {m.avatar_path for m in members.values() if m.avatar_path} - kept
    return hidden, hide.members(members), {path for path in avatars if path}, hide.problems
