"""The archive workload of issue 23, written as a plugin site and as the same wiki by hand.

Unlike ``corpus.py``'s like-for-like forum, this one is shaped like a closing forum's
archive, and the plugin keeps its defaults:

* 15 posts per thread of one to four paragraphs; about 30 % of the later posts quote
  an earlier one; zero to four likes per post; two expert answers per thread;
* two related threads and three tags out of 20 per thread, all in one section;
* one member per four threads, each with a member page (on the plugin's side).

The hand-written side uses Material with ``admonition``, ``pymdownx.details``,
``attr_list``, ``md_in_html``, ``toc`` (permalink) and the search plugin, with the
threads in ``not_in_nav``: each post is an admonition, the disclaimer follows each
expert answer, then a likes line, and the page ends with the related list.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from corpus import DISCLAIMER, EXPERT_LABEL, EXPERT_ROLE, FIRST, LAST, SEED, TAGS, TITLE_STARTS, TOPICS, _paragraph
from sites import write_config

SECTION = "General Discussion"
ARCHIVE_TAGS = TAGS[:20]
EXPERTS = 6
HAND_EXTENSIONS: list[object] = [
    "admonition",
    "pymdownx.details",
    "attr_list",
    "md_in_html",
    {"toc": {"permalink": True}},
]


@dataclass
class ArchivePost:
    """One post: its author, date, paragraphs, the post it quotes (0: none) and who liked it."""

    number: int
    author: str
    date: str
    paragraphs: list[str]
    quote: int
    likes: list[str]
    expert: bool


@dataclass
class ArchiveThread:
    """One thread of the archive; ``related`` holds indexes into the archive's threads."""

    index: int
    title: str
    date: str
    tags: list[str]
    related: list[int]
    posts: list[ArchivePost]

    @property
    def stem(self) -> str:
        """The file name without extension, the same in both sites."""
        return f"t{self.index:05d}"


@dataclass
class Archive:
    """The whole archive: threads, members (one per four threads) and the experts among them."""

    threads: list[ArchiveThread]
    members: list[str]
    experts: list[str]


def _names(count: int) -> list[str]:
    base = [f"{first} {last}" for first in FIRST for last in LAST]
    return [base[i % len(base)] + (f" {i // len(base) + 1}" if i >= len(base) else "") for i in range(count)]


def generate_archive(n_threads: int, n_posts: int = 15, seed: int = SEED) -> Archive:
    """The archive, deterministic for a seed."""
    rng = random.Random(seed)
    names = _names(max(n_threads // 4, EXPERTS + 2))
    experts = [f"Dr. {name}" for name in names[:EXPERTS]]
    members = experts + names[EXPERTS:]
    people = names[EXPERTS:]
    threads: list[ArchiveThread] = []
    for i in range(n_threads):
        topic, topic2 = rng.sample(TOPICS, 2)
        title = rng.choice(TITLE_STARTS).format(topic=topic, topic2=topic2, n=rng.randint(2, 12))
        year, month, day = 2012 + i % 10, 1 + rng.randrange(12), 1 + rng.randrange(20)
        expert_at = set(rng.sample(range(2, n_posts + 1), min(2, n_posts - 1)))
        posts: list[ArchivePost] = []
        for number in range(1, n_posts + 1):
            expert = number in expert_at
            author = rng.choice(experts) if expert else rng.choice(people)
            quote = rng.randint(1, number - 1) if number > 1 and rng.random() < 0.3 else 0
            paragraphs = [_paragraph(rng, rng.randint(25, 60)) for _ in range(rng.randint(1, 4))]
            likes = rng.sample(people, min(len(people), rng.randint(0, 4)))
            date = f"{year}-{month:02d}-{day + number // 2:02d}"
            posts.append(ArchivePost(number, author, date, paragraphs, quote, likes, expert))
        others = [r for r in rng.sample(range(n_threads), min(n_threads, 3)) if r != i][:2]
        threads.append(
            ArchiveThread(
                i,
                f"{title[0].upper()}{title[1:]}",
                f"{year}-{month:02d}-{day:02d}",
                sorted(rng.sample(ARCHIVE_TAGS, 3)),
                sorted(others),
                posts,
            )
        )
    return Archive(threads, members, experts)


def _quoted_text(thread: ArchiveThread, post: ArchivePost) -> str:
    # The first sentences of the quoted post's first paragraph, as a reader quotes.
    return " ".join(thread.posts[post.quote - 1].paragraphs[0].split()[:30])


# -- the plugin's YAML -------------------------------------------------------------------


def _yaml_post(thread: ArchiveThread, post: ArchivePost) -> str:
    parts = []
    if post.quote:
        quoted = thread.posts[post.quote - 1]
        parts.append(f'[quote="{quoted.author}, post:{post.quote}"]\n{_quoted_text(thread, post)}\n[/quote]')
    parts += post.paragraphs
    lines = [f"  - author: {json.dumps(post.author)}", f"    date: {post.date}"]
    if post.likes:
        lines.append(f"    likes: [{', '.join(json.dumps(n) for n in post.likes)}]")
    lines.append("    body: |")
    lines += [f"      {line}" if line else "" for line in "\n\n".join(parts).split("\n")]
    return "\n".join(lines) + "\n"


def _yaml_thread(thread: ArchiveThread, archive: Archive) -> str:
    head = [
        f"title: {json.dumps(thread.title)}",
        f"forum: {SECTION}",
        f"date: {thread.date}",
        f"tags: [{', '.join(thread.tags)}]",
    ]
    if thread.related:
        head += ["related:", *(f"  - {archive.threads[r].stem}.yml" for r in thread.related)]
    return "\n".join([*head, "posts:"]) + "\n" + "".join(_yaml_post(thread, p) for p in thread.posts)


def write_archive_plugin_site(root: Path, archive: Archive, options: dict[str, object] | None = None) -> Path:
    """The plugin site with its defaults (plus ``options``); returns its ``mkdocs.yml``."""
    docs = root / "docs"
    (docs / "threads").mkdir(parents=True)
    (docs / "index.md").write_text("# Forum archive\n\nThe forum's threads, kept as a wiki.\n", encoding="utf-8")
    members = [f"{json.dumps(n)}:\n  role: {EXPERT_ROLE}" for n in archive.experts]
    members += [f"{json.dumps(n)}: {{}}" for n in archive.members if n not in archive.experts]
    (docs / "members.yml").write_text("\n".join(members) + "\n", encoding="utf-8")
    for thread in archive.threads:
        (docs / "threads" / f"{thread.stem}.yml").write_text(_yaml_thread(thread, archive), encoding="utf-8")
    plugin: dict[str, object] = {
        "experts": [EXPERT_ROLE],
        "expert_label": EXPERT_LABEL,
        "disclaimer": {"text": DISCLAIMER, "title": "Disclaimer", "type": "warning"},
        **(options or {}),
    }
    return write_config(root, "Forum archive (plugin)", ["search", {"forum": plugin}])


# -- the same wiki by hand ---------------------------------------------------------------


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(f"{prefix}{line}".rstrip() for line in text.split("\n"))


def _hand_post(thread: ArchiveThread, post: ArchivePost) -> str:
    kind, label = ("tip", EXPERT_LABEL) if post.expert else ("note", "Post")
    body = [f"**{post.author}** · {post.date} · [#{post.number}](#post-{post.number})"]
    if post.quote:
        quoted = thread.posts[post.quote - 1]
        body.append(f"> **{quoted.author}** [wrote](#post-{post.quote}):\n> {_quoted_text(thread, post)}")
    body += post.paragraphs
    text = f'<div id="post-{post.number}" markdown>\n\n!!! {kind} "{label} {post.number}"\n\n'
    text += _indent("\n\n".join(body)) + "\n\n</div>\n"
    if post.expert:
        text += f'\n!!! warning "Disclaimer"\n\n{_indent(DISCLAIMER)}\n'
    if post.likes:
        text += f"\n*♥ Liked by {', '.join(post.likes)}*\n"
    return text


def _hand_thread(thread: ArchiveThread, archive: Archive) -> str:
    tags = "".join(f"\n  - {t}" for t in thread.tags)
    out = [
        f"---\ntitle: {json.dumps(thread.title)}\ntags:{tags}\n---\n",
        f"# {thread.title}\n",
        f"*In [{SECTION}](../forums/index.md) · Started {thread.date} · {len(thread.posts) - 1} replies*\n",
    ]
    out += [_hand_post(thread, p) for p in thread.posts]
    if thread.related:
        out.append("## Related threads\n")
        out.append("\n".join(f"- [{archive.threads[r].title}]({archive.threads[r].stem}.md)" for r in thread.related))
    return "\n".join(out) + "\n"


def write_archive_handwritten_site(root: Path, archive: Archive) -> Path:
    """The same archive written by hand in Material Markdown; returns its ``mkdocs.yml``."""
    docs = root / "docs"
    (docs / "threads").mkdir(parents=True)
    (docs / "forums").mkdir()
    (docs / "index.md").write_text("# Forum archive\n\nThe forum's threads, kept as a wiki.\n", encoding="utf-8")
    listing = [f"# {SECTION}\n"]
    for thread in sorted(archive.threads, key=lambda t: t.date, reverse=True):
        listing.append(f"- [{thread.title}](../threads/{thread.stem}.md) · {thread.posts[0].author} · {thread.date}")
        (docs / "threads" / f"{thread.stem}.md").write_text(_hand_thread(thread, archive), encoding="utf-8")
    (docs / "forums" / "index.md").write_text("\n".join(listing) + "\n", encoding="utf-8")
    return write_config(
        root, "Forum archive (hand-written)", ["search"], markdown_extensions=HAND_EXTENSIONS, not_in_nav="/threads/\n"
    )
