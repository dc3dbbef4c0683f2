#!/usr/bin/env python
"""Benchmark the forum plugin against the equivalent hand-written Material wiki.

Usage (from the repository root)::

    python benchmarks/run.py --threads 2000 --posts 15

What it does:

1. generates a synthetic forum wiki (YAML thread files, members.yml, plugin config);
2. generates the same content as hand-written Material Markdown (blockquotes,
   admonitions, ``not_in_nav``), with the same theme, extensions and search plugin;
3. builds both sites in separate child processes, alternately, ``--repeat`` times, and
   reports the median wall time and each child's peak RSS;
4. emulates ``mkdocs serve`` in one child: cold build, edit one thread, reload the
   config (the plugin instance is kept, as serve keeps it), warm rebuild;
5. times the related-threads pass alone at N and 4N threads to show it scales linearly.

Only the standard library and MkDocs (with the plugin installed) are needed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mkdocs

from mkdocs_forum_plugin.adapters.mkdocs.config import ForumConfig
from mkdocs_forum_plugin.model import Location, Post, Thread
from mkdocs_forum_plugin.relate import relate

SEED = 20150130
EXPERT_ROLE = "TMS Therapist"
EXPERT_LABEL = "Therapist answer"
DISCLAIMER = (
    "This answer is general information from a therapist who has not examined you. "
    "It is not medical advice: see a doctor to rule out structural causes before you start."
)
SECTIONS = ("General Discussion", "Success Stories", "Questions for Therapists", "Structured Program", "Off Topic")
MARKDOWN_EXTENSIONS: list[object] = [
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
    "attr_list",
    "md_in_html",
    {"toc": {"permalink": True}},
    "tables",
]

# -- deterministic forum-ish text ----------------------------------------------------------

TAGS = (
    "back-pain",
    "neck-pain",
    "sciatica",
    "fibromyalgia",
    "migraine",
    "tension",
    "anxiety",
    "depression",
    "insomnia",
    "rsi",
    "carpal-tunnel",
    "tinnitus",
    "ibs",
    "pelvic-pain",
    "plantar-fasciitis",
    "knee-pain",
    "shoulder-pain",
    "tmj",
    "fatigue",
    "dizziness",
    "chest-pain",
    "allergies",
    "eczema",
    "journaling",
    "meditation",
    "exercise",
    "running",
    "yoga",
    "sleep",
    "diet",
    "mri",
    "herniated-disc",
    "surgery",
    "physical-therapy",
    "chiropractic",
    "medication",
    "fear",
    "conditioning",
    "outcome-independence",
    "relapse",
    "symptom-imperative",
    "perfectionism",
    "goodism",
    "childhood",
    "anger",
    "grief",
    "stress",
    "work",
    "relationships",
    "books",
    "podcasts",
    "success-story",
    "beginner",
)
TOPICS = (
    "back pain",
    "neck pain",
    "sciatica",
    "burning feet",
    "tight shoulders",
    "stiff jaw",
    "ringing ears",
    "tension headaches",
    "numb fingers",
    "sore wrist",
    "heart palpitations",
    "knee pain",
    "hip pain",
    "insomnia",
    "chronic fatigue",
    "migraines",
    "pelvic pain",
    "frozen shoulder",
)
SUBJECTS = (
    "My doctor",
    "The physical therapist",
    "My wife",
    "A friend from work",
    "The neurologist",
    "My husband",
    "The chiropractor",
    "Dr. Sarno's book",
    "The structured program",
    "My therapist",
    "The MRI report",
    "Everyone on this forum",
    "My mother",
    "The surgeon",
    "The pain specialist",
)
VERBS = (
    "told me",
    "suggested",
    "kept insisting",
    "helped me see",
    "convinced me",
    "reminded me",
    "made it clear",
    "pointed out",
    "explained",
    "showed me",
)
CLAIMS = (
    "that the pain was not structural at all",
    "that my emotions were driving the symptoms",
    "that I should keep journaling every single day",
    "that fear keeps the pain cycle going",
    "that the herniated disc was an incidental finding",
    "that I needed to resume normal physical activity",
    "that the symptom would move somewhere else before it went away",
    "that repressed anger is at the root of it",
    "that outcome independence matters more than any technique",
    "that I was monitoring my body far too much",
    "that pressure from work was a big factor",
    "that I had to stop treating it as a physical problem",
)
OPENERS = (
    "Hi everyone,",
    "Hello all,",
    "Thanks for the replies.",
    "Quick update:",
    "I have a question.",
    "Welcome to the forum!",
    "Great post.",
    "I can relate to this so much.",
    "Hang in there.",
    "This is exactly what happened to me.",
    "Good morning,",
)
FILLERS = (
    "It has been about {n} weeks since I started.",
    "Some days are better than others, and I try not to judge the bad ones.",
    "I still catch myself checking whether the {topic} is there when I wake up.",
    "The pain moved from my {topic} to my {topic2} last week, which I now see as a good sign.",
    "I went for a {n} minute walk today without thinking about it once.",
    "Journaling about my childhood brought up a lot more than I expected.",
    "I am trying to think psychologically instead of physically, as the book says.",
    "When I get scared I remind myself that my tests all came back normal.",
    "The hardest part for me is letting go of the need for it to go away quickly.",
    "My sleep has improved a lot since I stopped stretching every hour.",
    "I read the chapter on personality traits twice and recognised myself on every page.",
    "It helps to keep a list of the evidence that this is TMS.",
    "I noticed the {topic} gets worse right before deadlines at work.",
    "Please do not give up, it took me {n} months to see real progress.",
)
EMPH = ("not structural", "keep going", "emotional", "safe", "normal", "patience", "fear", "every day")
LIST_ITEMS = (
    "Read the book slowly, one chapter a day",
    "Write down what made you angry this week",
    "Resume one activity you have been avoiding",
    "Stop researching symptoms online",
    "Talk to your body kindly when the pain flares",
    "Go for short walks and slowly make them longer",
    "Keep a success list and read it when you relapse",
    "Book a session with a TMS therapist if you feel stuck",
)
LINKS = (
    ("the structured program", "https://www.tmswiki.org/forum/structured-program"),
    ("this recovery story", "https://example.org/stories/{n}"),
    ("the book", "https://example.org/books/healing-back-pain"),
    ("an interview with a therapist", "https://example.org/interviews/{n}"),
    ("the list of practitioners", "https://example.org/practitioners"),
)
FIRST = (
    "Alan",
    "Beth",
    "Carla",
    "Dmitri",
    "Elena",
    "Frank",
    "Grace",
    "Hiro",
    "Ines",
    "Jack",
    "Karin",
    "Liam",
    "Maya",
    "Nils",
    "Olga",
    "Pete",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
)
LAST = (
    "Ash",
    "Birch",
    "Cole",
    "Dune",
    "Elm",
    "Fox",
    "Gray",
    "Hale",
    "Iver",
    "Jett",
    "Kite",
    "Lark",
    "Moss",
    "Nash",
    "Oak",
    "Pike",
    "Reed",
    "Sage",
    "Tate",
    "Vale",
)
TITLE_STARTS = (
    "Is my {topic} TMS?",
    "Success story: {topic} gone after {n} months",
    "Relapse after {n} weeks of {topic}",
    "Question about journaling and {topic}",
    "New here, struggling with {topic}",
    "How long did your {topic} last?",
    "Symptom moved from {topic} to {topic2}",
    "Fear of exercise with {topic}",
    "Update on my {topic}",
    "Does anyone else get {topic} at night?",
)


@dataclass
class Quote:
    author: str
    post: int
    text: str


@dataclass
class PostSpec:
    number: int
    author: str
    date: str
    blocks: list[object]  # str paragraph | list[str] bullet list | Quote
    likes: list[str] = field(default_factory=list)
    expert: bool = False


@dataclass
class ThreadSpec:
    index: int
    title: str
    forum: str
    date: str
    tags: list[str]
    related: list[int]
    posts: list[PostSpec]

    @property
    def stem(self) -> str:
        return f"t{self.index:05d}"


@dataclass
class Forum:
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


def _blocks(rng: random.Random, number: int, authors_before: list[str]) -> list[object]:
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
            posts.append(PostSpec(number, author, date, _blocks(rng, number, authors), likes, expert))
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
    return "-".join("".join(ch if ch.isalnum() else " " for ch in name.lower()).split())


# -- site 1: the plugin's YAML -------------------------------------------------------------


def body_markup(blocks: list[object]) -> str:
    """A post body in the plugin's format: Markdown plus [quote] tags."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Quote):
            parts.append(f'[quote="{block.author}, post:{block.post}"]\n{block.text}\n[/quote]')
        elif isinstance(block, list):
            parts.append("\n".join(f"- {item}" for item in block))
        else:
            parts.append(str(block))
    return "\n\n".join(parts)


def post_yaml(post: PostSpec) -> str:
    lines = [f"  - author: {json.dumps(post.author)}", f"    date: {post.date}"]
    if post.likes:
        lines.append(f"    likes: [{', '.join(json.dumps(n) for n in post.likes)}]")
    lines.append("    body: |")
    lines.extend(f"      {line}" if line else "" for line in body_markup(post.blocks).split("\n"))
    return "\n".join(lines) + "\n"


def thread_yaml(thread: ThreadSpec, threads: list[ThreadSpec]) -> str:
    out = [
        f"title: {json.dumps(thread.title)}",
        f"forum: {json.dumps(thread.forum)}",
        f"date: {thread.date}",
        f"tags: [{', '.join(thread.tags)}]",
    ]
    if thread.related:
        out.append("related:")
        out.extend(f"  - {threads[r].stem}.yml" for r in thread.related)
    out.append("posts:")
    return "\n".join(out) + "\n" + "".join(post_yaml(p) for p in thread.posts)


def members_yaml(forum: Forum) -> str:
    lines = []
    for name in forum.experts:
        lines.append(f"{json.dumps(name)}:\n  role: {EXPERT_ROLE}\n  url: https://example.org/therapists/{slug(name)}")
    for name in forum.members:
        role = forum.roles.get(name)
        lines.append(f"{json.dumps(name)}:\n  role: {role}" if role else f"{json.dumps(name)}:")
    return "\n".join(lines) + "\n"


INDEX_MD = (
    "# Forum archive\n\nThreads from the forum, kept as a knowledge base. Start at the [forums](forums/index.md).\n"
)


# Plugin features the hand-written wiki has no counterpart for, and the option values that
# switch them off. Only options that the installed plugin has are set (it rejects unknown
# names), so the script keeps working while the plugin grows.
LIKE_FOR_LIKE = {"member_pages": "off", "feeds": False, "structured_data": False}


def like_for_like_options(n_threads: int) -> dict[str, object]:
    known = {name for name, _option in ForumConfig._schema}
    options = {key: value for key, value in LIKE_FOR_LIKE.items() if key in known}
    if "section_page_size" in known:  # one listing page per section, as written by hand
        options["section_page_size"] = max(n_threads, 1)
    return options


def write_plugin_site(root: Path, forum: Forum, like_for_like: bool = True) -> Path:
    docs = root / "docs"
    (docs / "threads").mkdir(parents=True)
    (docs / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (docs / "members.yml").write_text(members_yaml(forum), encoding="utf-8")
    for thread in forum.threads:
        (docs / "threads" / f"{thread.stem}.yml").write_text(thread_yaml(thread, forum.threads), encoding="utf-8")
    plugin: dict[str, object] = {
        "experts": [EXPERT_ROLE],
        "expert_label": EXPERT_LABEL,
        "disclaimer": {"text": DISCLAIMER, "title": "Disclaimer", "type": "warning"},
    }
    if like_for_like:
        plugin.update(like_for_like_options(len(forum.threads)))
    return _write_config(root, "Forum wiki (plugin)", ["search", {"forum": plugin}])


def _write_config(root: Path, name: str, plugins: list[object], **extra: object) -> Path:
    # JSON is valid YAML, and needs no YAML library here.
    config = {
        "site_name": name,
        "site_url": "https://example.org/wiki/",
        "theme": {"name": "material"},
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "plugins": plugins,
        **extra,
    }
    path = root / "mkdocs.yml"
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return path


# -- site 2: the same wiki written by hand ------------------------------------------------


def _indent(text: str, prefix: str) -> str:
    return "\n".join(f"{prefix}{line}".rstrip() for line in text.split("\n"))


def body_markdown(blocks: list[object]) -> str:
    """A post body as plain Material Markdown: quotes become nested blockquotes."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Quote):
            parts.append(_indent(f"[**{block.author} wrote:**](#post-{block.post})\n\n{block.text}", "> "))
        elif isinstance(block, list):
            parts.append("\n".join(f"- {item}" for item in block))
        else:
            parts.append(str(block))
    return "\n\n".join(parts)


def post_markdown(post: PostSpec, forum: Forum) -> str:
    """A post: an author line with the post's anchor, then the body as a blockquote.

    The author line sits outside the blockquote, or Python-Markdown would merge the
    blockquotes of consecutive posts into one. An expert answer is a tip admonition.
    """
    role = forum.roles.get(post.author)
    name = f"**{post.author}**"
    if post.expert:
        name = f"[{name}](https://example.org/therapists/{slug(post.author)})"
    who = [name] + ([f"*{role}*"] if role else []) + [post.date, f"[Post {post.number}](#post-{post.number})"]
    header = f"{' · '.join(who)}\n{{ #post-{post.number} }}"
    body = body_markdown(post.blocks)
    if post.likes:
        body += f"\n\n*♥ {', '.join(post.likes)} like{'s' if len(post.likes) == 1 else ''} this*"
    if post.expert:
        return f'!!! tip "{EXPERT_LABEL}"\n\n{_indent(header, "    ")}\n\n{_indent(body, "    ")}\n'
    return f"{header}\n\n{_indent(body, '> ')}\n"


def thread_markdown(thread: ThreadSpec, forum: Forum) -> str:
    experts = [p.number for p in thread.posts if p.expert]
    replies = len(thread.posts) - 1
    tags = "\n".join(f"  - {t}" for t in thread.tags)
    out = [
        f"---\ntitle: {json.dumps(thread.title)}\ntags:\n{tags}\n---\n",
        f"# {thread.title}\n",
        f"*In [{thread.forum}](../forums/{slug(thread.forum)}.md) · Started {thread.date} · {replies} replies*\n",
        " ".join(f"`{t}`" for t in thread.tags) + "\n",
    ]
    if experts:
        links = ", ".join(f"[post {n}](#post-{n})" for n in experts)
        out.append(f"{EXPERT_LABEL}{'s' if len(experts) > 1 else ''} in this thread: {links}\n")
    for post in thread.posts:
        out.append(post_markdown(post, forum))
        if experts and post.number == experts[0]:
            out.append(f'!!! warning "Disclaimer"\n\n{_indent(DISCLAIMER, "    ")}\n')
    # Listed threads, then five that share a tag: about as many links as the plugin shows.
    related = [forum.threads[r] for r in thread.related]
    taken = {thread.index, *thread.related}
    rng = random.Random(thread.index)
    pool = rng.sample(forum.threads, min(len(forum.threads), 60))
    pool.sort(key=lambda t: not set(t.tags) & set(thread.tags))
    related += [t for t in pool if t.index not in taken][:5]
    if related:
        out.append("## Related threads\n")
        out.append("\n".join(f"- [{t.title}]({t.stem}.md)" for t in related) + "\n")
    return "\n".join(out)


def section_markdown(name: str, threads: list[ThreadSpec]) -> str:
    lines = [f"# {name}\n", f"{len(threads)} threads, newest first.\n"]
    for t in sorted(threads, key=lambda t: t.date, reverse=True):
        badge = f" **{EXPERT_LABEL}**" if any(p.expert for p in t.posts) else ""
        facts = f"started by {t.posts[0].author} · {t.date} · {len(t.posts) - 1} replies"
        lines.append(f"- [{t.title}](../threads/{t.stem}.md){badge}  \n  {facts}")
    return "\n".join(lines) + "\n"


def write_handwritten_site(root: Path, forum: Forum) -> Path:
    docs = root / "docs"
    (docs / "threads").mkdir(parents=True)
    (docs / "forums").mkdir()
    (docs / "index.md").write_text(INDEX_MD, encoding="utf-8")
    groups: dict[str, list[ThreadSpec]] = {}
    for thread in forum.threads:
        groups.setdefault(thread.forum, []).append(thread)
        (docs / "threads" / f"{thread.stem}.md").write_text(thread_markdown(thread, forum), encoding="utf-8")
    overview = ["# Forums\n"]
    for name in sorted(groups):
        (docs / "forums" / f"{slug(name)}.md").write_text(section_markdown(name, groups[name]), encoding="utf-8")
        overview.append(f"- [{name}]({slug(name)}.md): {len(groups[name])} threads")
    (docs / "forums" / "index.md").write_text("\n".join(overview) + "\n", encoding="utf-8")
    return _write_config(root, "Forum wiki (hand-written)", ["search"], not_in_nav="/threads/\n")


# -- child processes -----------------------------------------------------------------------

# A child builds one site and prints one JSON line: its own timings and peak RSS.
BUILD_CHILD = textwrap.dedent(
    """
    import json, logging, resource, sys, time
    start = time.perf_counter()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    class Count(logging.Handler):
        def __init__(self):
            super().__init__(logging.WARNING)
            self.messages = []
        def emit(self, record):
            self.messages.append(record.getMessage())

    counter = Count()
    logging.getLogger("mkdocs").addHandler(counter)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    loaded = time.perf_counter()
    config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
    config.plugins.on_startup(command="build", dirty=False)
    begin, begin_cpu = time.perf_counter(), time.process_time()
    build(config)
    end, end_cpu = time.perf_counter(), time.process_time()
    config.plugins.on_shutdown()
    print(json.dumps({
        "import": loaded - start,
        "build": end - begin,
        "build_cpu": end_cpu - begin_cpu,
        "cpu": time.process_time(),
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "warnings": counter.messages[:5],
        "warning_count": len(counter.messages),
    }))
    """
)

# Emulates `mkdocs serve` (mkdocs/commands/serve.py): load the config, run on_startup
# once, build; after an edit, load the config again and rebuild. Plugin classes that
# define on_startup are cached by the `plugins` config option, so the second load
# returns the same ForumPlugin instance and its caches survive.
SERVE_CHILD = textwrap.dedent(
    """
    import json, logging, resource, sys, time
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file, edit_path, appended, site_dir = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[5]
    serve_url = "http://127.0.0.1:8000/"
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    def get_config():
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = serve_url
        return config

    def timed_build(config):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        build(config, serve_url=serve_url, dirty=False)
        return [time.perf_counter() - begin, time.process_time() - begin_cpu]

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    first = config.plugins.get("forum")
    cold = timed_build(config)
    rss_cold = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    warm = []
    for round in range(int(sys.argv[4])):
        with edit_path.open("a", encoding="utf-8") as f:
            f.write(appended.replace("ROUND", str(round + 1)))
        config = get_config()
        same = first is None or config.plugins.get("forum") is first
        warm.append(timed_build(config))
    config.plugins.on_shutdown()
    print(json.dumps({
        "cold": cold,
        "warm": warm,
        "same_instance": same,
        "plugin": first is not None,
        "maxrss_kb_cold": rss_cold,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))
    """
)

# Profiles what `mkdocs serve` does: the cold build, then the rebuild after an edit.
PROFILE_CHILD = textwrap.dedent(
    """
    import cProfile, logging, pstats, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file, edit_path, appended, site_dir = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[5]
    top = int(sys.argv[4])
    serve_url = "http://127.0.0.1:8000/"
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    def get_config():
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = serve_url
        return config

    def profiled(label, config):
        profiler = cProfile.Profile()
        profiler.enable()
        build(config, serve_url=serve_url, dirty=False)
        profiler.disable()
        print(f"==== {label} (times include cProfile overhead) ====")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    profiled("cold build", config)
    with edit_path.open("a", encoding="utf-8") as f:
        f.write(appended.replace("ROUND", "1"))
    profiled("warm rebuild after an edit", get_config())
    """
)


def child_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


def run_child(code: str, *args: str) -> tuple[dict[str, Any], float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=child_env(), check=False
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"child process failed ({proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall


@dataclass
class BuildResult:
    wall: float  # the whole child process, imports included
    cpu: float  # CPU seconds of the whole child: less disturbed by other load on the machine
    build: float  # build() alone
    rss_mb: float
    warnings: int
    first_warnings: list[str]


@dataclass
class SiteFigures:
    """One site's repeated builds summed up: median times, highest peak, what it wrote."""

    wall: float
    cpu: float
    rss_mb: float
    pages: int
    html_mb: float

    @classmethod
    def of(cls, runs: list[BuildResult], site: Path) -> SiteFigures:
        pages, size = site_stats(site)
        return cls(
            median([r.wall for r in runs]), median([r.cpu for r in runs]), max(r.rss_mb for r in runs), pages, size
        )

    def rows(self, label: str) -> list[tuple[str, str]]:
        return [
            (f"{label} build", f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"),
            (f"{label} peak RSS", f"{self.rss_mb:.0f} MB"),
            (f"{label} site", f"{self.pages:,} pages, {self.html_mb:.0f} MB of HTML"),
        ]


def build_site(config: Path, out: Path) -> BuildResult:
    if out.exists():
        shutil.rmtree(out)
    data, wall = run_child(BUILD_CHILD, str(config), str(out))
    return BuildResult(
        wall=wall,
        cpu=float(data["cpu"]),
        build=float(data["build"]),
        rss_mb=int(data["maxrss_kb"]) / 1024,
        warnings=int(data["warning_count"]),
        first_warnings=list(data["warnings"]),
    )


def site_stats(site: Path) -> tuple[int, float]:
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*.html"))
    return pages, size / 1e6


# -- related-threads pass alone --------------------------------------------------------------


def relate_models(forum: Forum) -> tuple[list[Thread], set[str]]:
    threads: list[Thread] = []
    for spec in forum.threads:
        path = f"threads/{spec.stem}.yml"
        posts = [Post(number=p.number, author=p.author, body=body_markup(p.blocks)) for p in spec.posts]
        related = [(f"{forum.threads[r].stem}.yml", Location(path, 5 + k)) for k, r in enumerate(spec.related)]
        threads.append(Thread(path=path, title=spec.title, posts=posts, tags=spec.tags, related=related))
    return threads, {t.path for t in threads}


def time_relate(n_threads: int, repeat: int) -> float:
    """Best-of-``repeat`` CPU seconds of one relate() call over n synthetic threads (2 posts each).

    CPU time rather than wall time, and the garbage collector paused as timeit does, so
    that other load on the machine and collections of unrelated objects blur it less.
    """
    forum = generate(n_threads, 2, seed=SEED + n_threads)
    threads, known = relate_models(forum)
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            relations, _problems = relate(threads, known, 5)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    assert len(relations) == n_threads
    return best


# -- main -------------------------------------------------------------------------------------


def appended_post(forum: Forum) -> str:
    rng = random.Random(SEED + 1)
    post = PostSpec(0, forum.members[0], "2024-01-01", _blocks(rng, 2, [forum.members[1]]))
    text = post_yaml(post)
    # ROUND is replaced in the child, so that every edit changes the file's content.
    return text.replace("    body: |\n", "    body: |\n      Edit ROUND.\n\n", 1)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2000, help="number of threads N (default 2000)")
    parser.add_argument("--posts", type=int, default=15, help="posts per thread (default 15)")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each site; the median is reported")
    parser.add_argument("--serve-edits", type=int, default=1, help="warm rebuilds after edits in the serve run")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and print where they are")
    parser.add_argument("--skip-handwritten", action="store_true", help="build only the plugin site")
    parser.add_argument("--skip-serve", action="store_true", help="skip the mkdocs-serve rebuild measurement")
    parser.add_argument("--skip-relate", action="store_true", help="skip timing the related-threads pass alone")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="K",
        help="also profile a serve-style cold build and warm rebuild of the plugin site; print the top K functions",
    )
    parser.add_argument(
        "--plugin-defaults",
        action="store_true",
        help="build the plugin site with all its default features (member pages, feeds, ...) instead of "
        "switching off those the hand-written wiki has no counterpart for",
    )
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the synthetic text")
    args = parser.parse_args(argv)
    if args.threads < 1 or args.posts < 1 or args.repeat < 1:
        parser.error("--threads, --posts and --repeat must be at least 1")
    return args


def load_average() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    n, p = args.threads, args.posts
    tmp = Path(tempfile.mkdtemp(prefix="forum-bench-"))
    summary: list[tuple[str, str]] = []
    load_before = load_average()
    try:
        t0 = time.perf_counter()
        forum = generate(n, p, args.seed)
        plugin_cfg = write_plugin_site(tmp / "plugin", forum, like_for_like=not args.plugin_defaults)
        hand_cfg = None if args.skip_handwritten else write_handwritten_site(tmp / "handwritten", forum)
        experts = sum(1 for t in forum.threads if any(q.expert for q in t.posts))
        words = sum(len(body_markup(q.blocks).split()) for t in forum.threads for q in t.posts)
        print(
            f"generated {n} threads x {p} posts ({experts} with an expert answer, "
            f"{words / (n * p):.0f} words per post) in {time.perf_counter() - t0:.1f} s under {tmp}"
        )
        print(f"load average before: {load_before} (1/5/15 min; above 0 means other work competes for the CPUs)")

        plugin_runs: list[BuildResult] = []
        hand_runs: list[BuildResult] = []
        for r in range(args.repeat):
            for name, cfg, runs in (("plugin", plugin_cfg, plugin_runs), ("hand-written", hand_cfg, hand_runs)):
                if cfg is None:
                    continue
                res = build_site(cfg, cfg.parent / "site")
                runs.append(res)
                print(
                    f"  run {r + 1}/{args.repeat} {name:12s}: wall {res.wall:6.1f} s, CPU {res.cpu:6.1f} s, "
                    f"build() {res.build:6.1f} s, peak {res.rss_mb:6.0f} MB, warnings {res.warnings}"
                )
                for message in res.first_warnings:
                    print(f"      warning: {message[:160]}")

        plugin = SiteFigures.of(plugin_runs, plugin_cfg.parent / "site")
        summary.append(("Threads x posts", f"{n:,} x {p} ({experts:,} threads with an expert answer)"))
        summary += plugin.rows("Plugin")
        off = like_for_like_options(n)
        if off and not args.plugin_defaults:
            summary.append(("Plugin options set for like-for-like", ", ".join(f"{k}: {v}" for k, v in off.items())))
        if hand_cfg is not None:
            hand = SiteFigures.of(hand_runs, hand_cfg.parent / "site")
            summary += hand.rows("Hand-written")
            summary += [
                ("Plugin / hand-written, time", f"{plugin.wall / hand.wall:.2f} wall, {plugin.cpu / hand.cpu:.2f} CPU"),
                ("Plugin / hand-written, peak RSS", f"{plugin.rss_mb / hand.rss_mb:.2f}"),
            ]

        if not args.skip_serve:
            target = plugin_cfg.parent / "docs" / "threads" / f"{forum.threads[n // 2].stem}.yml"
            data, _ = run_child(
                SERVE_CHILD,
                str(plugin_cfg),
                str(target),
                appended_post(forum),
                str(args.serve_edits),
                str(tmp / "serve"),
            )
            cold_wall, cold_cpu = data["cold"]
            warm_wall = median([w for w, _ in data["warm"]])
            warm_cpu = median([c for _, c in data["warm"]])
            print(
                f"  serve: cold {cold_wall:.1f} s ({cold_cpu:.1f} s CPU), warm rebuilds "
                f"{', '.join(f'{w:.1f} s ({c:.1f} s CPU)' for w, c in data['warm'])}; "
                f"plugin instance kept: {data['same_instance']}; peak {int(data['maxrss_kb']) / 1024:.0f} MB"
            )
            kept = "" if data["same_instance"] else " (plugin instance NOT kept!)"
            summary += [
                ("serve: cold build", f"{cold_wall:.1f} s wall, {cold_cpu:.1f} s CPU"),
                ("serve: rebuild after editing one thread", f"{warm_wall:.1f} s wall, {warm_cpu:.1f} s CPU"),
                (
                    "serve: warm / cold (target <= 0.5)",
                    f"{warm_wall / cold_wall:.2f} wall, {warm_cpu / cold_cpu:.2f} CPU{kept}",
                ),
            ]

        if not args.skip_relate:
            small = time_relate(n, 5)
            large = time_relate(4 * n, 3)
            per_small, per_large = small / n * 1e6, large / (4 * n) * 1e6
            summary += [
                (f"relate() at {n:,} threads (CPU)", f"{small * 1e3:.0f} ms ({per_small:.0f} µs per thread)"),
                (f"relate() at {4 * n:,} threads (CPU)", f"{large * 1e3:.0f} ms ({per_large:.0f} µs per thread)"),
                ("relate() per-thread cost, 4N / N (1.0 = linear)", f"{per_large / per_small:.2f}"),
            ]

        if args.profile:
            target = plugin_cfg.parent / "docs" / "threads" / f"{forum.threads[n // 3].stem}.yml"
            proc = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    PROFILE_CHILD,
                    str(plugin_cfg),
                    str(target),
                    appended_post(forum),
                    str(args.profile),
                    str(tmp / "profile"),
                ],
                capture_output=True,
                text=True,
                env=child_env(),
                check=True,
            )
            print(proc.stdout)

        summary.append(("Load average (1/5/15 min) before / after", f"{load_before} / {load_average()}"))
        width = max(len(k) for k, _ in summary)
        print()
        print(f"## Benchmark: forum plugin vs hand-written Markdown ({time.strftime('%Y-%m-%d')})")
        print()
        print(
            f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, {os.cpu_count()} CPUs; "
            f"`{' '.join(['python benchmarks/run.py', *(sys.argv[1:] if argv is None else argv)])}`"
        )
        print()
        print(f"| {'Measure':{width}} | Result |")
        print(f"|{'-' * (width + 2)}|--------|")
        for key, value in summary:
            print(f"| {key:{width}} | {value} |")
    finally:
        if args.keep:
            print(f"\nkept the generated sites in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
