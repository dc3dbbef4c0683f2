"""The search records of a build's threads, made from the model and remade only for threads that changed.

Each engine's search adapter writes them; a preview (``mkdocs serve``) keeps the
last build's records and reuses each one whose thread, address and post titles
are unchanged.
"""

from __future__ import annotations

from .build_state import BuildState
from .model import Post
from .render.options import RenderOptions
from .search_records import SearchPage, thread_page

RecordKey = tuple[str, str, tuple[str, ...]]  # the thread as shown, its address, its posts' titles


def search_pages(
    state: BuildState, render: RenderOptions, kept: dict[RecordKey, SearchPage]
) -> dict[RecordKey, SearchPage]:
    """Every thread's search page, by what it is made from; ``kept`` gives the last build's to reuse."""
    # The wiki's labels, else the language's.
    labels = {"expert": render.expert_label, "recommended": render.recommended_label}
    urls = state.index.urls

    def author_title(post: Post) -> str:
        kind = state.answer(post)
        return f"{post.author} · {labels[kind]}" if kind is not None else post.author

    def folded_title(post: Post) -> str | None:
        note = render.content_notes.get(post.content_note) if post.content_note else None
        return note.title if note is not None else None

    fresh: dict[RecordKey, SearchPage] = {}
    for thread_file in state.files.values():
        thread = thread_file.thread
        if thread is not None and thread.path in urls:
            titles = tuple(f"{author_title(p)}\0{folded_title(p) or ''}" for p in thread.shown_posts)
            key = (thread_file.shown_digest, urls[thread.path], titles)
            fresh[key] = kept.get(key) or thread_page(thread, urls[thread.path], author_title, folded_title)
    return fresh
