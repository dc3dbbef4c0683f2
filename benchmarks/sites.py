"""The two sites under comparison, written from one synthetic forum.

The plugin site keeps each thread as a YAML file; the hand-written site says the
same things in Material Markdown (blockquotes, admonitions, ``not_in_nav``), with
the same theme, Markdown extensions and search plugin.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from mkdocs.plugins import get_plugins

from corpus import DISCLAIMER, EXPERT_LABEL, EXPERT_ROLE, SEED, Forum, PostSpec, Quote, ThreadSpec, post_blocks, slug

MARKDOWN_EXTENSIONS: list[object] = [
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
    "attr_list",
    "md_in_html",
    {"toc": {"permalink": True}},
    "tables",
]

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
    """One post as an item of a thread file's ``posts:`` list."""
    lines = [f"  - author: {json.dumps(post.author)}", f"    date: {post.date}"]
    if post.likes:
        lines.append(f"    likes: [{', '.join(json.dumps(n) for n in post.likes)}]")
    lines.append("    body: |")
    lines.extend(f"      {line}" if line else "" for line in body_markup(post.blocks).split("\n"))
    return "\n".join(lines) + "\n"


def thread_yaml(thread: ThreadSpec, threads: list[ThreadSpec]) -> str:
    """A whole thread file; ``threads`` resolves the indexes of ``related``."""
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
    """The members file: the experts with their role and page, then the members with a role."""
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


def plugin_option_names() -> set[str]:
    """The names of the options the installed ``forum`` plugin accepts."""
    # Found through the entry point, as MkDocs finds the plugin, so that the benchmark
    # does not depend on the module its config class lives in.
    plugin_class = get_plugins()["forum"].load()
    return {str(name) for name, _option in plugin_class.config_class._schema}


def like_for_like_options(n_threads: int) -> dict[str, object]:
    """The plugin options, among those it knows, that switch off what the hand-written wiki lacks."""
    known = plugin_option_names()
    options = {key: value for key, value in LIKE_FOR_LIKE.items() if key in known}
    if "section_page_size" in known:  # one listing page per section, as written by hand
        options["section_page_size"] = max(n_threads, 1)
    return options


def write_plugin_site(root: Path, forum: Forum, like_for_like: bool = True) -> Path:
    """Write the plugin site under ``root``; return its ``mkdocs.yml``."""
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
    return write_config(root, "Forum wiki (plugin)", ["search", {"forum": plugin}])


def write_config(root: Path, name: str, plugins: list[object], **extra: object) -> Path:
    """Write ``root/mkdocs.yml`` with the theme and extensions both sites share; return its path."""
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
    """A thread page written by hand, with about the links and notices the plugin adds."""
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
    """A section's listing page, newest thread first."""
    lines = [f"# {name}\n", f"{len(threads)} threads, newest first.\n"]
    for t in sorted(threads, key=lambda t: t.date, reverse=True):
        badge = f" **{EXPERT_LABEL}**" if any(p.expert for p in t.posts) else ""
        facts = f"started by {t.posts[0].author} · {t.date} · {len(t.posts) - 1} replies"
        lines.append(f"- [{t.title}](../threads/{t.stem}.md){badge}  \n  {facts}")
    return "\n".join(lines) + "\n"


def write_handwritten_site(root: Path, forum: Forum) -> Path:
    """Write the hand-written site under ``root``; return its ``mkdocs.yml``."""
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
    return write_config(root, "Forum wiki (hand-written)", ["search"], not_in_nav="/threads/\n")


def appended_post(forum: Forum) -> str:
    """A post to append to a thread file in the serve run; ROUND marks where the edit number goes."""
    rng = random.Random(SEED + 1)
    post = PostSpec(0, forum.members[0], "2024-01-01", post_blocks(rng, 2, [forum.members[1]]))
    text = post_yaml(post)
    # ROUND is replaced in the child, so that every edit changes the file's content.
    return text.replace("    body: |\n", "    body: |\n      Edit ROUND.\n\n", 1)
