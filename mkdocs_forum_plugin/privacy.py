"""Pseudonymize member names in memory: the thread files stay as they are.

Each name becomes a stable alias derived from a site secret (HMAC-SHA256), so the
same member has the same alias on every page and in every build, and the alias
reveals nothing without the secret. Names listed as public keep their name.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import replace

from .model import Member, Thread
from .render.options import RenderOptions
from .render.post import is_expert
from .render.quotes import QUOTE_ATTR

_QUOTE_OPEN = re.compile(rf"(\[quote=)({QUOTE_ATTR})(\])", re.IGNORECASE)


def alias(name: str, secret: str) -> str:
    """'Member XXXXXXX': the same for the same name and secret, unguessable without the secret."""
    digest = hmac.new(secret.encode("utf-8"), name.casefold().encode("utf-8"), hashlib.sha256).digest()
    return "Member " + base64.b32encode(digest[:5]).decode("ascii")


class Pseudonymizer:
    """Replaces names everywhere a thread shows them: authors, likes, quotes, @mentions."""

    def __init__(self, secret: str, public: set[str]) -> None:
        self.secret = secret
        self.public = {name.casefold() for name in public}
        self._cache: dict[str, str] = {}

    def name(self, name: str) -> str:
        """The name to show for ``name``."""
        if name.casefold() in self.public:
            return name
        if name not in self._cache:
            self._cache[name] = alias(name, self.secret)
        return self._cache[name]

    def _body(self, body: str, names: list[str]) -> str:
        def quote(match: re.Match[str]) -> str:
            raw = match.group(2)
            quoted = len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'"
            inner = raw[1:-1] if quoted else raw
            head, sep, rest = inner.partition(",")
            new = self.name(head.strip()) + (sep + rest if sep else "") if head.strip() else inner
            return f'{match.group(1)}"{new}"{match.group(3)}'

        body = _QUOTE_OPEN.sub(quote, body)
        if names:
            pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            body = re.sub(rf"@({pattern})(?![\w-])", lambda m: "@" + self.name(m.group(1)), body)
        return body

    def thread(self, thread: Thread, known: list[str]) -> Thread:
        """A copy of ``thread`` with every member name replaced."""
        names = sorted({*known, *(p.author for p in thread.posts)})
        posts = [
            replace(
                post,
                author=self.name(post.author),
                likes=[self.name(n) for n in post.likes],
                body=self._body(post.body, [n for n in names if n.casefold() not in self.public]),
            )
            for post in thread.posts
        ]
        return replace(thread, posts=posts)

    def members(self, members: dict[str, Member]) -> dict[str, Member]:
        """The members file under aliases; a hidden member keeps only role and expert flag."""
        out: dict[str, Member] = {}
        for name, member in members.items():
            shown = self.name(name)
            if shown == name:
                out[name] = member
            else:
                out[shown] = Member(name=shown, role=member.role, expert=member.expert)
        return out


def pseudonymize(
    threads: dict[str, Thread], options: RenderOptions, secret: str, public: list[str] | None
) -> tuple[dict[str, Thread], dict[str, Member]]:
    """Every thread and the members under aliases; ``public`` defaults to the experts.

    The experts are the members marked so and the authors of expert answers.
    """
    if public is None:
        public = [m.name for m in options.members.values() if m.expert]
        public += [p.author for t in threads.values() for p in t.posts if is_expert(p, options)]
    hide = Pseudonymizer(secret, set(public))
    names = sorted({*options.members, *(p.author for t in threads.values() for p in t.posts)})
    hidden = {path: hide.thread(thread, names) for path, thread in threads.items()}
    return hidden, hide.members(options.members)
