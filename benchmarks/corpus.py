"""The synthetic forum: deterministic threads, posts and members from a seed.

The vocabulary lives in ``words.json`` beside this file, so that this module holds
only the rules that assemble it into forum-style text.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEED = 20150130
EXPERT_ROLE = "TMS Therapist"
EXPERT_LABEL = "Therapist answer"
DISCLAIMER = (
    "This answer is general information from a therapist who has not examined you. "
    "It is not medical advice: see a doctor to rule out structural causes before you start."
)
SECTIONS = ("General Discussion", "Success Stories", "Questions for Therapists", "Structured Program", "Off Topic")


def _load_words() -> dict[str, list[Any]]:
    text = Path(__file__).with_name("words.json").read_text(encoding="utf-8")
    words: dict[str, list[Any]] = json.loads(text)
    return words


_WORDS = _load_words()


def _strings(key: str) -> tuple[str, ...]:
    # Tuples in the file's order: the random choices below depend on the order, so the
    # same seed gives the same forum as when the lists were written in the code.
    return tuple(str(word) for word in _WORDS[key])


TAGS = _strings("tags")
TOPICS = _strings("topics")
SUBJECTS = _strings("subjects")
VERBS = _strings("verbs")
CLAIMS = _strings("claims")
OPENERS = _strings("openers")
FILLERS = _strings("fillers")
EMPH = _strings("emph")
LIST_ITEMS = _strings("list_items")
LINKS = tuple((str(label), str(url)) for label, url in _WORDS["links"])
FIRST = _strings("first")
LAST = _strings("last")
TITLE_STARTS = _strings("title_starts")


@dataclass
class Quote:
    """A quote of an earlier post inside a body."""

    author: str
    post: int
    text: str


@dataclass
class PostSpec:
    """One synthetic post, before it is written in either site's format."""

    number: int
    author: str
    date: str
    blocks: list[object]  # str paragraph | list[str] bullet list | Quote
    likes: list[str] = field(default_factory=list)
    expert: bool = False


@dataclass
class ThreadSpec:
    """One synthetic thread; ``related`` holds indexes into the forum's threads."""

    index: int
    title: str
    forum: str
    date: str
    tags: list[str]
    related: list[int]
    posts: list[PostSpec]

    @property
    def stem(self) -> str:
        """The thread's file name without extension, the same in both sites."""
        return f"t{self.index:05d}"


@dataclass
class Forum:
    """The whole synthetic forum."""

    threads: list[ThreadSpec]
    members: list[str]
    experts: list[str]
    roles: dict[str, str]


def _members(rng: random.Random) -> tuple[list[str], list[str], dict[str, str]]:
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(names)
    members = names[:240]
    experts = [f"Dr. {name}" for name in names[240:246]]
    roles = dict.fromkeys(experts, EXPERT_ROLE)
    for name in members[:40]:
        roles[name] = "Well known member"
    for name in members[40:50]:
        roles[name] = "Peer supporter"
    return members, experts, roles


def _sentence(rng: random.Random) -> str:
    topic, topic2 = rng.sample(TOPICS, 2)
    kind = rng.random()
    if kind < 0.45:
        return rng.choice(FILLERS).format(n=rng.randint(2, 30), topic=topic, topic2=topic2)
    if kind < 0.8:
        return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAIMS)}."
    return f"I had {topic} for {rng.randint(2, 20)} years before I found this forum."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        s = _sentence(rng)
        if rng.random() < 0.18:
            word = rng.choice(EMPH)
            s = f"{s[:-1]}, and that is **{word}**." if s.endswith(".") else f"{s} **{word}**"
        if rng.random() < 0.1:
            label, url = rng.choice(LINKS)
            s += f" Have a look at [{label}]({url.format(n=rng.randint(1, 999))})."
        sentences.append(s)
        count += len(s.split())
    return " ".join(sentences)


def post_blocks(rng: random.Random, number: int, authors_before: list[str]) -> list[object]:
    """The blocks of post ``number``: an opener, now and then a quote of an earlier post, paragraphs, lists."""
    target = rng.randint(60, 150)
    blocks: list[object] = [rng.choice(OPENERS)]
    words = 3
    if number > 1 and authors_before and rng.random() < 0.15:
        quoted = rng.randint(1, number - 1)
        blocks.append(Quote(authors_before[quoted - 1], quoted, _paragraph(rng, rng.randint(12, 30))))
        words += 20
    while words < target:
        if rng.random() < 0.15:
            items = rng.sample(LIST_ITEMS, rng.randint(2, 4))
            blocks.append(items)
            words += sum(len(i.split()) for i in items)
        else:
            size = min(target - words, rng.randint(25, 60))
            blocks.append(_paragraph(rng, max(size, 10)))
            words += size
    return blocks


def generate(n_threads: int, n_posts: int, seed: int = SEED) -> Forum:
    """The whole synthetic forum, deterministic for a seed."""
    rng = random.Random(seed)
    members, experts, roles = _members(rng)
    threads: list[ThreadSpec] = []
    for i in range(n_threads):
        topic, topic2 = rng.sample(TOPICS, 2)
        title = rng.choice(TITLE_STARTS).format(topic=topic, topic2=topic2, n=rng.randint(2, 12))
        title = f"{title[0].upper()}{title[1:]}"
        year, month, day = 2012 + i % 10, 1 + rng.randrange(12), 1 + rng.randrange(28)
        has_expert = i % 3 == 0
        expert_at = rng.randint(2, max(2, min(n_posts, 5))) if has_expert and n_posts > 1 else 0
        posts: list[PostSpec] = []
        authors: list[str] = []
        for number in range(1, n_posts + 1):
            expert = number == expert_at
            author = rng.choice(experts) if expert else rng.choice(members)
            likes = rng.sample(members, rng.choice((0, 0, 0, 1, 2, 3))) if number > 1 else []
            date = f"{year}-{month:02d}-{min(28, day + number // 3):02d}"
            posts.append(PostSpec(number, author, date, post_blocks(rng, number, authors), likes, expert))
            authors.append(author)
        related = [rng.randrange(n_threads) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
        related = sorted({r for r in related if r != i})
        threads.append(
            ThreadSpec(
                index=i,
                title=title,
                forum=SECTIONS[rng.randrange(len(SECTIONS))],
                date=f"{year}-{month:02d}-{day:02d}",
                tags=sorted(rng.sample(TAGS, rng.randint(1, 4))),
                related=related,
                posts=posts,
            )
        )
    return Forum(threads, members, experts, roles)


def slug(name: str) -> str:
    """A file-name and anchor form of a name, as the hand-written wiki uses it."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in name.lower()).split())
