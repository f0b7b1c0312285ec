"""Parse every sentence of a corpus once, on every core, and keep the result.

Sentences come from the project's own segmentation (``corpus.sentences``), so the offsets every
table carries do not depend on the model: each sentence is parsed as its own spaCy ``Doc``, and
a token's offset in the article is ``sentence start + token.idx``.

    parsed = parse(corpus)                       # cached on disk when a cache folder is set
    for sentence, doc in parsed.article("001"):  # (sent_id, start, end, para_id), Doc
        ...
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import model as M
from . import store

# Sentences handed to the pipeline at once; larger batches are no faster and hold more memory.
BATCH_SIZE = 256
# Below this many sentences a second process costs more (loading the model, ~2 s) than it saves.
MIN_SENTENCES_PER_WORKER = 2000


@dataclass
class Parsed:
    """The parse of a corpus: one ``Doc`` per sentence, in the order of ``corpus.sentences``."""

    model_id: str
    capabilities: tuple[str, ...]
    docs: list
    index: dict[str, list[tuple[int, int, int, int]]]  # corpus.sentence_index
    _offsets: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        at = 0
        for aid, spans in self.index.items():  # sentence_index keeps the sentences' order
            self._offsets[aid] = at
            at += len(spans)
        if at != len(self.docs):
            raise ValueError(f"a parse of {len(self.docs)} sentences does not fit a corpus of {at}")

    def docs_of(self, article_id: str) -> list:
        """The documents of one article's sentences, in order (empty for an unknown id)."""
        spans = self.index.get(article_id)
        if not spans:
            return []
        at = self._offsets[article_id]
        return self.docs[at:at + len(spans)]

    def article(self, article_id: str) -> Iterator[tuple[tuple[int, int, int, int], object]]:
        """((sent_id, start, end, para_id), Doc) for each sentence of the article."""
        return zip(self.index.get(article_id, ()), self.docs_of(article_id))

    def subset(self, index: dict[str, list[tuple[int, int, int, int]]]) -> "Parsed":
        """The parse of some of the articles (``index``: the sentence index of a filtered corpus)."""
        docs = [d for aid in index for d in self.docs_of(aid)]
        return Parsed(self.model_id, self.capabilities, docs, index)


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def parse_texts(texts: list[str], model: str | None = None, capabilities=M.CAPABILITIES, *,
                workers: int | None = None, progress: Callable[[int, int], None] | None = None) -> list:
    """One ``Doc`` per text, parsed with ``workers`` processes (default: every core, and one
    process for a small input).  ``progress(done, total)`` is called after each batch."""
    nlp = M.load(model, tuple(capabilities))
    workers = default_workers() if workers is None else max(1, int(workers))
    workers = max(1, min(workers, len(texts) // MIN_SENTENCES_PER_WORKER))
    docs = []
    total = len(texts)
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=workers):
        docs.append(doc)
        if progress and len(docs) % BATCH_SIZE == 0:
            progress(len(docs), total)
    if progress:
        progress(len(docs), total)
    return docs


def cache_folder() -> Path | None:
    """Where parses are kept: the corpus cache folder (``CONFLICTNEWS_CACHE``), if any."""
    from ..corpus.snapshot import cache_dir

    return cache_dir()


def parse(corpus, model: str | None = None, capabilities=M.CAPABILITIES, *, workers: int | None = None,
          folder: str | Path | None = None, progress: Callable[[int, int], None] | None = None) -> Parsed:
    """The parse of every sentence of ``corpus``: from the cache folder when it holds one for the
    same sentences, pipeline and capabilities, else parsed (``workers`` processes) and stored.
    Sentences with the same text share one ``Doc``: treat the documents as read-only.

    ``folder`` defaults to ``CONFLICTNEWS_CACHE`` (which ``conflictnews render`` sets); without
    one nothing is stored.  The result is also kept on the corpus object for the next call."""
    capabilities = tuple(sorted(set(capabilities)))
    model = model or getattr(corpus, "settings", {}).get("model")   # the pipeline the corpus is read with
    parent = corpus.__dict__.get("parent")
    if parent is not None:  # a filtered corpus: the parse of the whole one, cut to its articles
        whole = parse(parent, model, capabilities, workers=workers, folder=folder, progress=progress)
        return whole.subset(corpus.sentence_index)
    mid = M.model_id(model)
    memo = corpus.__dict__.setdefault("_parses", {})
    for (m, caps), got in memo.items():  # a parse with more capabilities serves fewer
        if m == mid and set(capabilities) <= set(caps):
            return got
    docs = parse_many(corpus.sentences["text"].tolist(), model, capabilities, workers=workers, folder=folder,
                      progress=progress)
    parsed = Parsed(mid, capabilities, docs, corpus.sentence_index)
    memo[(mid, capabilities)] = parsed
    return parsed


def parse_many(texts: list[str], model: str | None = None, capabilities=M.CAPABILITIES, *,
               workers: int | None = None, folder: str | Path | None = None,
               progress: Callable[[int, int], None] | None = None) -> list:
    """One ``Doc`` per text, from the cache folder when it holds the parse of these texts (the
    same pipeline, at least these capabilities), else parsed and stored there.  Each distinct
    text is parsed once (wire copies and stock sentences repeat across a news corpus; the parse
    depends on the text alone), so texts with the same words share one ``Doc``."""
    capabilities = tuple(sorted(set(capabilities)))
    unique = list(dict.fromkeys(texts))
    folder = store.usable_folder(Path(folder) if folder not in (None, "") else cache_folder())
    key = store.parse_key(unique, M.model_id(model), capabilities)
    docs = store.read(folder, key) if folder is not None else None
    if docs is None:
        docs = parse_texts(unique, model, capabilities, workers=workers, progress=progress)
        if folder is not None:
            store.write(folder, key, docs)
    by_text = dict(zip(unique, docs))
    return [by_text[t] for t in texts]


def printer(label: str = "parse", every: float = 2.0, stream=None):
    """A ``progress`` callback printing ``label: done/total sentences (rate/s)`` at most every
    ``every`` seconds, and once at the end."""
    stream = stream or sys.stderr
    t0 = time.monotonic()
    last = [t0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < every:
            return
        last[0] = now
        rate = done / max(now - t0, 1e-9)
        print(f"{label}: {done:,}/{total:,} sentences ({rate:,.0f}/s)", file=stream, flush=True)
    return report
