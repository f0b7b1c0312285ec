"""A loaded, tokenized corpus kept on disk, so that it is read and tokenized once per render
instead of once per notebook.

``conflictnews render`` loads the corpus before it starts the notebooks and stores it in
``<output>/.cache/``; every notebook then reads that snapshot (``report.load`` goes through
``load_cached``), which skips reading the files, cleaning, Punkt, and even importing NLTK.  Set
``CONFLICTNEWS_CACHE`` to a folder to get the same in JupyterLab (``make lab`` does); without it
nothing is cached.

A snapshot is used only if nothing it was made from has changed: the key covers every input
file's name, size and modification time, the metadata and cleaning-rule files, and the library
code and resources that loading depends on.  A snapshot that cannot be read is reported and
replaced, never trusted.  Snapshots are Python pickles: point the cache only at a folder that
you alone write to.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import warnings
from pathlib import Path
from typing import Callable

from .load import METADATA_NAME, Corpus, load_corpus
from ..files import atomic_path

ENV = "CONFLICTNEWS_CACHE"
FORMAT = 1  # bump when the snapshot's content changes
KEEP = 4    # snapshots kept per cache folder (the newest)

_PACKAGE = Path(__file__).resolve().parent.parent
# What a loaded, tokenized corpus depends on besides its inputs: a change to any of these
# (an upgrade, an edited rule) must not be answered from an old snapshot.
_LOADING_CODE = ("corpus/load.py", "corpus/clean.py", "corpus/dates.py", "corpus/segment.py", "corpus/snapshot.py",
                 "resources/cleaning.yml", "resources/abbreviations.txt")


class CacheWarning(UserWarning):
    """A snapshot could not be read or written; the corpus was loaded from its files instead."""


def cache_dir() -> Path | None:
    """The folder named by ``CONFLICTNEWS_CACHE``, or None (no caching)."""
    value = os.environ.get(ENV, "").strip()
    return Path(value) if value else None


def _stat(path: Path) -> str:
    try:
        st = path.stat()
    except OSError as exc:  # a broken link, say: load_corpus reports it; the key just records it
        return f"{path.name}:error:{type(exc).__name__}"
    return f"{path.name}:{st.st_size}:{st.st_mtime_ns}"


def corpus_key(path: str | Path, metadata: str | Path | None = None,
               cleaning: str | Path | None = None, date_format: str | None = None) -> str:
    """A digest of everything ``load_corpus(path, metadata, cleaning=cleaning)`` reads."""
    path = Path(path).resolve()
    h = hashlib.sha256(f"{FORMAT}\0{path}\0{date_format or ''}\0".encode())
    for name in _LOADING_CODE:
        h.update((_PACKAGE / name).read_bytes())
    inputs = sorted(path.iterdir()) if path.is_dir() else [path]
    if metadata in (None, "") and path.is_dir():
        metadata = path / METADATA_NAME if (path / METADATA_NAME).exists() else None
    for label, extra in (("metadata", metadata), ("cleaning", cleaning)):
        if extra not in (None, ""):
            extra = Path(extra).resolve()
            inputs.append(extra)
            h.update(f"\0{label}={extra}".encode())
    for p in inputs:
        h.update(f"\0{_stat(p)}".encode())
    return h.hexdigest()[:24]


def load_cached(path: str | Path, metadata: str | Path | None = None, *, cleaning: str | Path | None = None,
                folder: str | Path | None = None, progress: Callable[[int], None] | None = None,
                date_format: str | None = None) -> Corpus:
    """``load_corpus`` with its sentences and word counts, from a snapshot in ``folder``
    (default: ``CONFLICTNEWS_CACHE``) when one matches, else loaded and stored there.

    Without a cache folder this is ``load_corpus``.  Errors in the corpus itself (a missing
    path, no usable article) are raised as by ``load_corpus`` and nothing is stored."""
    folder = Path(folder) if folder not in (None, "") else cache_dir()
    cleaning_is_file = cleaning is None or isinstance(cleaning, (str, Path))  # not a Rules object
    if folder is None or not cleaning_is_file or not Path(path).exists():
        return load_corpus(path, metadata, cleaning=cleaning, progress=progress, date_format=date_format)
    snapshot = folder / f"corpus-{corpus_key(path, metadata, cleaning, date_format)}.pickle"
    if snapshot.exists():
        try:
            return _read(snapshot)
        except Exception as exc:  # truncated, from another pandas version, not ours...
            warnings.warn(f"corpus cache {snapshot} unreadable ({type(exc).__name__}: {exc}); "
                          "loading the corpus from its files", CacheWarning, stacklevel=2)
    corpus = load_corpus(path, metadata, cleaning=cleaning, progress=progress, date_format=date_format)
    try:
        _write(snapshot, corpus)
        _prune(folder)
    except OSError as exc:
        warnings.warn(f"corpus cache {snapshot} not written ({exc}); the corpus is loaded but not cached",
                      CacheWarning, stacklevel=2)
    return corpus


def _write(snapshot: Path, corpus: Corpus) -> None:
    state = {"format": FORMAT, "articles": corpus.articles, "skipped": corpus.skipped,
             "cleaning": corpus.cleaning, "source": corpus.source,
             # the costly derived frames, computed once here for every reader
             "sentences": corpus.sentences, "word_counts": corpus.word_counts}
    with atomic_path(snapshot) as tmp:
        with open(tmp, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _read(snapshot: Path) -> Corpus:
    with open(snapshot, "rb") as fh:
        state = pickle.load(fh)
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError(f"not a format-{FORMAT} corpus snapshot")
    corpus = Corpus(state["articles"], state["skipped"], state["cleaning"], state["source"])
    corpus.__dict__.update(sentences=state["sentences"], word_counts=state["word_counts"])
    os.utime(snapshot)  # recently used: kept by _prune
    return corpus


def _prune(folder: Path) -> None:
    """Keep the ``KEEP`` most recently used snapshots (another process may be pruning too)."""
    def last_used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0
    for old in sorted(folder.glob("corpus-*.pickle"), key=last_used, reverse=True)[KEEP:]:
        old.unlink(missing_ok=True)
