"""One thread file's text without a forgotten member, edited in place.

- The member's posts become ``removed: true`` (their date kept): author, role, likes and
  body are dropped, and so are comments inside the post.
- Quotes of them in other posts lose their words and the name (``body.py``).
- Their likes go from every ``likes:`` list (``likes_total`` counts one fewer each).
- Their name, anywhere else (other bodies, titles, tags, roles, comments), becomes the
  neutral word; a ``source:`` address that holds it is dropped, as no word fits in an address.

Every character the member is not part of stays as it was. The result is checked with the
loader before it is handed back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..load.threads import parse_thread
from ..load.yaml_nodes import compose
from ..problems import ThreadFileError
from .body import forget_in_body
from .names import Matcher
from .yaml_edit import Edit, apply, comment_edits, line_end, line_start, rest_is_comment, scalar_edit, scalars, span


@dataclass
class FileChange:
    """What forgetting did to one file: its new text, and what changed, for the report."""

    text: str
    removed_posts: list[int] = field(default_factory=list)
    quotes: int = 0
    likes: int = 0
    mentions: int = 0  # other places where the name was replaced by the word
    dropped: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # where the name is still, and why (for the editor)

    @property
    def changed(self) -> bool:
        """Whether anything was edited."""
        return bool(self.removed_posts or self.quotes or self.likes or self.mentions or self.dropped)


def _get(node: Node, key: str) -> tuple[ScalarNode, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None


def _removed_post(text: str, post: MappingNode) -> Edit:
    """The edit that turns a post mapping into ``removed: true`` and its date."""
    start = span(post)[0]
    date = _get(post, "date")
    raw_date = text[slice(*span(date[1]))] if date and isinstance(date[1], ScalarNode) else None
    if post.flow_style:
        end = span(post)[1]
        inner = "removed: true" + (f", date: {raw_date}" if raw_date else "")
        return Edit(start, end, "{" + inner + "}")
    end = span(post.value[-1][1])[1]
    written = text[start:end]
    trail = written[len(written.rstrip()) :]
    if not trail and rest_is_comment(text, end):  # a comment after the last value goes with the post
        end = line_end(text, end)
        trail = text[end - 1 : end] if text[end - 1 : end] == "\n" else ""
    indent = " " * post.start_mark.column
    new = "removed: true" + (f"{_newline(text)}{indent}date: {raw_date}" if raw_date else "")
    return Edit(start, end, new + trail)


def _flow_item(text: str, item: Node, matcher: Matcher, word: str) -> str:
    """A list item as it can stand in a one-line list: as written, or as JSON text when it could not.

    Another member's name that holds theirs as a word ("Ravi_K fan") loses it too.
    """
    written = text[slice(*span(item))]
    plain = isinstance(item, ScalarNode) and not item.style
    named = matcher.found_in(str(item.value))
    if named or "\n" in written or (plain and any(mark in written for mark in ",[]{}#")):
        return json.dumps(matcher.replace(str(item.value), word), ensure_ascii=False)
    return written


def _likes_edit(text: str, post: MappingNode, matcher: Matcher, word: str) -> tuple[list[Edit], int]:
    """Edits that take the member out of a post's likes (and out of its ``likes_total``)."""
    found = _get(post, "likes")
    if found is None or not isinstance(found[1], SequenceNode):
        return [], 0
    key, names = found
    kept = [item for item in names.value if not (isinstance(item, ScalarNode) and matcher.is_name(item.value))]
    gone = len(names.value) - len(kept)
    if not gone:
        return [], 0
    listed = "[" + ", ".join(_flow_item(text, item, matcher, word) for item in kept) + "]"
    block_post = not post.flow_style and post.value[0][0] is not key
    if not kept and block_post:  # no one left: the key's line(s) go, unless it is the first of its post
        last = names if getattr(names, "flow_style", False) else names.value[-1]
        edits = [Edit(line_start(text, span(key)[0]), _after_value(text, last), "")]
    elif getattr(names, "flow_style", False):
        edits = [Edit(*span(names), listed)]
    else:  # a block list is written again as a one-line list on the key's line
        edits = [Edit(span(key)[1], span(names.value[-1])[1], ": " + listed)]
    total = _get(post, "likes_total")
    if total is not None and isinstance(total[1], ScalarNode) and str(total[1].value).isdigit():
        edits.append(Edit(*span(total[1]), str(max(int(total[1].value) - gone, len(kept)))))
    return edits, gone


def _after_value(text: str, node: Node) -> int:
    """Just after the line break that ends ``node`` (a block value ends at the next line's start already)."""
    end = span(node)[1]
    return end if text[end - 1 : end] == "\n" else line_end(text, end)


def _body_edit(text: str, node: ScalarNode, new_body: str, matcher: Matcher, word: str) -> Edit:
    """The body written anew: as the literal block it was, where that gives back ``new_body`` exactly."""
    start, end = span(node)
    written = text[start:end]
    header = written.partition("\n")[0].rstrip("\r")
    indent = _block_indent(written)
    if node.style == "|" and header in ("|", "|-") and indent and _fits_block(new_body, header):
        lines = new_body.split("\n")
        if header == "|":
            lines = lines[:-1]  # the final line break is the block's own
        trail = written[len(written.rstrip()) :]
        block = _newline(text).join(indent + line if line else "" for line in lines)
        return Edit(start, end, f"{header}{_newline(text)}{block}{trail}")
    return scalar_edit(text, node, new_body, matcher, word)


def _newline(text: str) -> str:
    """The file's own line break: a file written on Windows keeps its CR LF."""
    return "\r\n" if "\r\n" in text else "\n"


def _block_indent(written: str) -> str | None:
    for line in written.split("\n")[1:]:
        if line.strip():
            return line[: len(line) - len(line.lstrip(" "))]
    return None


def _fits_block(body: str, header: str) -> bool:
    """Whether a literal block with ``header`` (clip or strip chomping) gives back ``body`` exactly."""
    first = next((line for line in body.split("\n") if line.strip()), None)
    if first is None or first.startswith((" ", "\t")) or body.startswith("\n"):
        return False
    if header == "|":
        return body.endswith("\n") and not body.endswith("\n\n")
    return not body.endswith("\n")


def _posts(root: MappingNode) -> list[Node]:
    posts = _get(root, "posts")
    return list(posts[1].value) if posts and isinstance(posts[1], SequenceNode) else []


def _own_posts(text: str, posts: list[Node], matcher: Matcher, change: FileChange) -> list[Edit]:
    """The member's posts made removed posts."""
    edits = []
    for number, post in enumerate(posts, 1):
        author = _get(post, "author")
        named = author is not None and isinstance(author[1], ScalarNode) and matcher.is_name(str(author[1].value))
        if isinstance(post, MappingNode) and named:
            edits.append(_removed_post(text, post))
            change.removed_posts.append(number)
    return edits


def _other_posts(
    text: str, posts: list[Node], matcher: Matcher, word: str, change: FileChange
) -> tuple[list[Edit], dict[int, tuple[Edit, ScalarNode, str]]]:
    """Quotes of the member and their likes out of every other post; the body edits by post number."""
    own = frozenset(change.removed_posts)
    edits: list[Edit] = []
    bodies: dict[int, tuple[Edit, ScalarNode, str]] = {}
    for number, post in enumerate(posts, 1):
        if number in own or not isinstance(post, MappingNode):
            continue
        body = _get(post, "body")
        if body and isinstance(body[1], ScalarNode):
            new_body, quotes, mentions = forget_in_body(str(body[1].value), matcher, own, word)
            if new_body != body[1].value:
                # Only names to replace: they are replaced where they are written; quotes emptied: the block anew.
                write = _body_edit if quotes else scalar_edit
                bodies[number] = (write(text, body[1], new_body, matcher, word), body[1], new_body)
                change.quotes += quotes
                change.mentions += mentions
        like_edits, gone = _likes_edit(text, post, matcher, word)
        edits.extend(like_edits)
        change.likes += gone
    return edits, bodies


def forget_in_thread(text: str, path: str, matcher: Matcher, word: str) -> FileChange:
    """The thread file's text without the member; raises ThreadFileError when the file cannot be read.

    A file the loader refuses after the edit is handed back unchanged, with the reason in ``left``.
    """
    root = compose(text, path)
    change = FileChange(text)
    if not isinstance(root, MappingNode):
        return change
    posts = _posts(root)
    edits = _own_posts(text, posts, matcher, change)
    more, bodies = _other_posts(text, posts, matcher, word, change)
    edits += more
    source = _get(root, "source")
    if source and isinstance(source[1], ScalarNode) and matcher.found_in(str(source[1].value)):
        # No word fits in an address: the "Original thread" link goes.
        edits.append(Edit(line_start(text, span(source[0])[0]), line_end(text, span(source[1])[1]), ""))
        change.dropped.append("source")
    related = _get(root, "related")
    related_items = {id(i) for i in related[1].value} if related and isinstance(related[1], SequenceNode) else set()
    taken = [(e.start, e.end) for e in [*edits, *(b[0] for b in bodies.values())]]
    for node in scalars(root):
        start = span(node)[0]
        if any(a <= start < b for a, b in taken) or not matcher.found_in(str(node.value)):
            continue
        if id(node) in related_items:
            change.left.append(f"line {node.start_mark.line + 1}: related: a thread file named after them; rename it")
            continue
        edits.append(scalar_edit(text, node, matcher.replace(str(node.value), word), matcher, word))
        change.mentions += 1
    new = apply(text, edits + [b[0] for b in bodies.values()])
    if bodies and _bodies_differ(new, path, bodies):
        # A literal block that did not give back the body exactly: those bodies are written as JSON text.
        plain = [scalar_edit(text, node, body, matcher, word) for _edit, node, body in bodies.values()]
        new = apply(text, edits + plain)
    new = _comments(new, path, matcher, word, change)
    return _checked(text, new, path, change)


def _bodies_differ(text: str, path: str, bodies: dict[int, tuple[Edit, ScalarNode, str]]) -> bool:
    try:
        root = compose(text, path)
    except ThreadFileError:
        return True
    posts = _posts(root) if isinstance(root, MappingNode) else []
    for number, (_edit, _node, expected) in bodies.items():
        body = _get(posts[number - 1], "body") if number <= len(posts) else None
        if body is None or body[1].value != expected:
            return True
    return False


def _comments(text: str, path: str, matcher: Matcher, word: str, change: FileChange) -> str:
    try:
        root = compose(text, path)
    except ThreadFileError:
        return text
    edits, keys = comment_edits(text, root, matcher, word)
    change.mentions += len(edits)
    change.left.extend(f"line {line}: a key holds the name; edit it by hand" for line in keys)
    return apply(text, edits)


def _checked(old: str, new: str, path: str, change: FileChange) -> FileChange:
    """The change, when the loader still reads the file; else the old text, and why."""
    if new == old:
        return change
    try:
        parse_thread(new, path)
    except ThreadFileError as exc:
        try:
            parse_thread(old, path)
        except ThreadFileError:
            change.text = new  # it was broken before: the name goes anyway, the editor fixes the rest
            change.left.append(f"the file has an error (before and after): {exc.problem.message}")
            return change
        change.left.append(f"not rewritten: the result would not load ({exc.problem}); edit it by hand")
        return FileChange(old, left=change.left)
    change.text = new
    return change
