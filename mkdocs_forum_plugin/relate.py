"""Whole-site pass: related threads, backlinks and automatically chosen similar threads.

Similar threads are found through an inverted index of each thread's most telling
words and its tags, so the cost grows with the number of threads, not with its
square: a word or tag shared by very many threads says little and is not used to
find candidates.
"""

from __future__ import annotations

import heapq
import math
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Thread
from .problems import Problem

# A thread is described by its 12 most telling words and tags: enough to tell topics
# apart, few enough that comparing two threads stays cheap.
TERMS_PER_THREAD = 12
# A word or tag shared by more than 100 threads says little about any of them, and
# letting it propose candidates would make the pass quadratic on big wikis.
MAX_POSTING = 100
# A tag is chosen by an editor, so it counts three times as much as a word of the text.
TAG_WEIGHT = 3.0
# Only the start of the opening post is read: the question, not the whole discussion.
OPENING_CHARS = 4000
_WORD = re.compile(r"[^\W\d_]{4,}")  # words of four letters or more: shorter ones are rarely topics
STOPWORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "and",
        "any",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "from",
        "further",
        "have",
        "having",
        "here",
        "hers",
        "herself",
        "himself",
        "into",
        "itself",
        "just",
        "more",
        "most",
        "much",
        "myself",
        "only",
        "other",
        "ought",
        "ours",
        "ourselves",
        "over",
        "same",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "will",
        "with",
        "would",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "really",
        "still",
        "thing",
        "things",
        "know",
        "think",
        "like",
        "just",
        "been",
        "feel",
        "felt",
        "quote",
        "post",
        "wrote",
        "said",
        "says",
        "going",
        "want",
        "make",
        "made",
        "well",
    ]
)


@dataclass
class Relations:
    """The threads one thread points to, that point to it, and that resemble it (paths)."""

    listed: list[str] = field(default_factory=list)
    backlinks: list[str] = field(default_factory=list)
    similar: list[str] = field(default_factory=list)


def resolve_ref(from_path: str, name: str, known: Iterable[str] | set[str]) -> str | None:
    """A ``related`` entry names a thread file relative to the thread, or to docs/."""
    pool = known if isinstance(known, set) else set(known)
    name = name.strip()
    here = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), name))
    for candidate in (here, posixpath.normpath(name.lstrip("/"))):
        if candidate in pool:
            return candidate
    return None


def _features(thread: Thread) -> Counter[str]:
    text = " ".join([thread.title, thread.title, thread.posts[0].body if thread.posts else ""])
    words = Counter(w for w in (m.group(0).lower() for m in _WORD.finditer(text[:OPENING_CHARS])) if w not in STOPWORDS)
    for tag in thread.tags:
        words[f"#tag:{tag.casefold()}"] += 1
    return words


def _vectors(threads: list[Thread]) -> dict[str, dict[str, float]]:
    features = {t.path: _features(t) for t in threads}
    df: Counter[str] = Counter()
    for counts in features.values():
        df.update(counts.keys())
    n = len(threads)
    vectors: dict[str, dict[str, float]] = {}
    for path, counts in features.items():
        weights = {
            term: (1 + math.log(c)) * math.log(1 + n / df[term]) * (TAG_WEIGHT if term.startswith("#tag:") else 1.0)
            for term, c in counts.items()
        }
        top = dict(heapq.nlargest(TERMS_PER_THREAD, weights.items(), key=lambda kv: (kv[1], kv[0])))
        norm = math.sqrt(sum(w * w for w in top.values())) or 1.0
        vectors[path] = {term: w / norm for term, w in top.items()}
    return vectors


def similar_threads(threads: list[Thread], limit: int) -> dict[str, list[str]]:
    """For each thread, up to ``limit`` others that share its tags and telling words."""
    if limit <= 0:
        return {t.path: [] for t in threads}
    vectors = _vectors(threads)
    postings: dict[str, list[str]] = defaultdict(list)
    for path, vector in vectors.items():
        for term in vector:
            postings[term].append(path)
    result: dict[str, list[str]] = {}
    for path, vector in vectors.items():
        scores: dict[str, float] = defaultdict(float)
        for term, weight in vector.items():
            posting = postings[term]
            if len(posting) > MAX_POSTING:
                continue
            for other in posting:
                if other != path:
                    scores[other] += weight * vectors[other][term]
        best = heapq.nlargest(limit + 8, scores.items(), key=lambda kv: (kv[1], kv[0]))
        result[path] = [other for other, score in best if score > 0.05]
    return result


def relate(threads: list[Thread], known: set[str], related_max: int) -> tuple[dict[str, Relations], list[Problem]]:
    """Resolve every ``related`` entry, add backlinks, and fill up with similar threads.

    Listed threads and backlinks are links an editor or a thread made, so all of them
    stay; similar threads only fill the block up to ``related_max`` entries in all.
    ``known`` holds every thread file's path, broken ones included, so a link to a
    thread that fails to load is not reported as missing as well.
    """
    problems: list[Problem] = []
    relations = {t.path: Relations() for t in threads}
    for thread in threads:
        for name, location in thread.related:
            target = resolve_ref(thread.path, name, known)
            if target is None:
                problems.append(Problem(location, f"related thread '{name}' not found (no such thread file in docs/)"))
            elif target != thread.path and target not in relations[thread.path].listed:
                relations[thread.path].listed.append(target)
                if target in relations and thread.path not in relations[target].backlinks:
                    relations[target].backlinks.append(thread.path)
    similar = similar_threads(threads, related_max)
    for path, rel in relations.items():
        # Two threads that list each other: each shows the other once, as listed.
        rel.backlinks = [other for other in rel.backlinks if other not in rel.listed]
        taken = {path, *rel.listed, *rel.backlinks}
        room = max(0, related_max - len(rel.listed) - len(rel.backlinks))
        rel.similar = [other for other in similar.get(path, []) if other not in taken][:room]
    return relations, problems
