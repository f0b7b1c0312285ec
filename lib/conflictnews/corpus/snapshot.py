"""A loaded, tokenized corpus kept on disk, so that it is read and tokenized once per render
instead of once per notebook.

``conflictnews render`` loads the corpus before it starts the notebooks and stores it in
``<output>/.cache/``; every notebook then reads that snapshot (``report.load`` goes through
``load_cached``), which skips reading the files, cleaning, Punkt, and even importing NLTK.  Set
``CONFLICTNEWS_CACHE`` to a folder to get the same in JupyterLab (``make lab`` does); without it
nothing is cached.

A snapshot is data, never code: a folder ``corpus-<key>/`` holding one Parquet file per frame
(articles, skipped, cleaning, sentences, word counts) and a ``manifest.json`` that names the
format, the key and each frame's rows and columns.  Reading one runs nothing from it.

It is used only if nothing it was made from has changed: the key covers every input file's
name, size and modification time, the metadata and cleaning-rule files, and the library code and
resources that loading depends on.  An entry that cannot be read, whose manifest does not match
(another format, another key, missing or extra columns) or that another user could have written
is reported with a :class:`CacheWarning`, ignored, and rebuilt from the corpus files.  The cache
folder itself must be writable by its owner only (:func:`~conflictnews.files.ensure_private_folder`):
one that others can write is refused with a warning and the corpus is loaded without a cache.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Callable

import pandas as pd

from .load import METADATA_NAME, Corpus, load_corpus
from .sources import expand, is_pattern
from ..files import UnsafeFolderError, ensure_private_folder, private_folder_problem

ENV = "CONFLICTNEWS_CACHE"
FORMAT = 2  # bump when the snapshot's content changes (1 was a pickle: never read again)
KEEP = 4    # snapshots kept per cache folder (the newest)
PREFIX = "corpus-"
MANIFEST = "manifest.json"
FRAMES = ("articles", "skipped", "cleaning", "sentences", "word_counts")

_PACKAGE = Path(__file__).resolve().parent.parent
# What a loaded, tokenized corpus depends on besides its inputs: a change to any of these
# (an upgrade, an edited rule) must not be answered from an old snapshot.
_LOADING_CODE = ("corpus/load.py", "corpus/sources.py", "corpus/clean.py", "corpus/dates.py", "corpus/segment.py",
                 "corpus/snapshot.py",
                 "resources/cleaning.yml", "resources/abbreviations.txt")


class CacheWarning(UserWarning):
    """A snapshot could not be read or written; the corpus was loaded from its files instead."""


class ForeignSnapshot(ValueError):
    """A cache entry that this version did not write for this corpus."""


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


def _inputs(path: Path) -> list[Path]:
    """Every file under a corpus folder (subfolders too: they are read), the files a glob
    names, or the file itself."""
    if is_pattern(str(path)):
        return expand(str(path))
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.rglob("*") if not p.is_dir())


def corpus_key(path: str | Path, metadata: str | Path | None = None,
               cleaning: str | Path | None = None, date_format: str | None = None) -> str:
    """A digest of everything ``load_corpus(path, metadata, cleaning=cleaning,
    date_format=date_format)`` reads."""
    path = Path(path) if is_pattern(str(path)) else Path(path).resolve()
    h = hashlib.sha256(f"{FORMAT}\0{path}\0{date_format or ''}\0".encode())
    for name in _LOADING_CODE:
        h.update((_PACKAGE / name).read_bytes())
    inputs = _inputs(path)
    if metadata in (None, "") and path.is_dir():
        metadata = path / METADATA_NAME if (path / METADATA_NAME).exists() else None
    for label, extra in (("metadata", metadata), ("cleaning", cleaning)):
        if extra not in (None, ""):
            extra = Path(extra).resolve()
            inputs.append(extra)
            h.update(f"\0{label}={extra}".encode())
    for p in inputs:
        rel = p.relative_to(path) if path.is_dir() and p.is_relative_to(path) else p
        h.update(f"\0{rel}|{_stat(p)}".encode())
    return h.hexdigest()[:24]


def usable_cache_folder(folder: str | Path) -> Path | None:
    """``folder`` created (owner-only) or checked as safe to cache in; None, with a
    :class:`CacheWarning` saying why, when others can write it."""
    try:
        return ensure_private_folder(folder, "corpus cache folder")
    except UnsafeFolderError as exc:
        warnings.warn(str(exc), CacheWarning, stacklevel=3)
    except OSError as exc:
        warnings.warn(f"corpus cache folder {folder} cannot be created ({exc}); the corpus is loaded "
                      "without a cache", CacheWarning, stacklevel=3)
    return None


def load_cached(path: str | Path, metadata: str | Path | None = None, *, cleaning: str | Path | None = None,
                folder: str | Path | None = None, progress: Callable[[int], None] | None = None,
                date_format: str | None = None) -> Corpus:
    """``load_corpus`` with its sentences and word counts, from a snapshot in ``folder``
    (default: ``CONFLICTNEWS_CACHE``) when one matches, else loaded and stored there.

    Without a cache folder (or with one that others can write) this is ``load_corpus``.
    Errors in the corpus itself (a missing path, no usable article) are raised as by
    ``load_corpus`` and nothing is stored."""
    folder = Path(folder) if folder not in (None, "") else cache_dir()
    cleaning_is_file = cleaning is None or isinstance(cleaning, (str, Path))  # not a Rules object
    def load():
        return load_corpus(path, metadata, cleaning=cleaning, progress=progress, date_format=date_format)

    if folder is None or not cleaning_is_file or not (Path(path).exists() or is_pattern(str(path))):
        return load()
    folder = usable_cache_folder(folder)
    if folder is None:
        return load()
    key = corpus_key(path, metadata, cleaning, date_format)
    entry = folder / f"{PREFIX}{key}"
    if entry.exists() or entry.is_symlink():
        try:
            return read_snapshot(entry, key)
        except Exception as exc:  # truncated, foreign, from another version, planted...
            warnings.warn(f"corpus cache {entry} ignored ({type(exc).__name__}: {exc}); loading the corpus "
                          "from its files and rebuilding it", CacheWarning, stacklevel=2)
    corpus = load()
    try:
        write_snapshot(entry, key, corpus)
        _prune(folder)
    except OSError as exc:
        warnings.warn(f"corpus cache {entry} not written ({exc}); the corpus is loaded but not cached",
                      CacheWarning, stacklevel=2)
    return corpus


def _frames(corpus: Corpus) -> dict[str, pd.DataFrame]:
    # sentences first: splitting an over-long sentence adds a warning row to skipped
    sentences = corpus.sentences
    words = corpus.word_counts
    return {"sentences": sentences, "word_counts": words.rename_axis("article_id").reset_index(),
            "articles": corpus.articles, "skipped": corpus.skipped, "cleaning": corpus.cleaning}


def write_snapshot(entry: Path, key: str, corpus: Corpus) -> Path:
    """Store ``corpus`` (with its sentences and word counts) as the folder ``entry``, whole or not
    at all: written beside it under a temporary name, then renamed; an old entry is replaced."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frames = _frames(corpus)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent))
    try:
        manifest = {"format": FORMAT, "key": key, "source": corpus.source, "frames": {}}
        for name in FRAMES:
            frame = frames[name]
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp / f"{name}.parquet")
            manifest["frames"][name] = {"rows": len(frame), "columns": [str(c) for c in frame.columns],
                                        "dtypes": [str(t) for t in frame.dtypes]}
        (tmp / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        _remove(entry)
        os.rename(tmp, entry)
    except FileExistsError:  # another process stored the same snapshot meanwhile: keep theirs
        pass
    except OSError as exc:
        if exc.errno not in (39, 66):  # ENOTEMPTY (Linux, macOS): the same race as above
            raise
    finally:
        _remove(tmp)
    return entry


def read_snapshot(entry: Path, key: str) -> Corpus:
    """The corpus stored in ``entry``; :class:`ForeignSnapshot` when it is not one this version
    wrote for ``key``, or that another user could have written."""
    import pyarrow.parquet as pq

    problem = private_folder_problem(entry)
    if problem:
        raise ForeignSnapshot(f"the entry {problem}")
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ForeignSnapshot(f"no readable {MANIFEST} ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("key") != key:
        raise ForeignSnapshot(f"not a format-{FORMAT} snapshot of this corpus")
    described = manifest.get("frames")
    if not isinstance(described, dict) or set(described) != set(FRAMES):
        raise ForeignSnapshot(f"the manifest does not list the frames {', '.join(FRAMES)}")
    frames = {}
    for name in FRAMES:
        frame = pq.read_table(entry / f"{name}.parquet").to_pandas()
        spec = described[name]
        if not isinstance(spec, dict) or list(map(str, frame.columns)) != spec.get("columns") \
                or len(frame) != spec.get("rows"):
            raise ForeignSnapshot(f"{name}.parquet does not hold what the manifest says")
        frames[name] = _restore_dtypes(frame, spec.get("dtypes") or [])
    words = frames["word_counts"]
    corpus = Corpus(frames["articles"], frames["skipped"], frames["cleaning"], str(manifest.get("source", "")))
    corpus.__dict__.update(sentences=frames["sentences"],
                           word_counts=pd.Series(words["words"].to_numpy(), index=pd.Index(words["article_id"],
                                                 name="article_id"), name="words"))
    os.utime(entry / MANIFEST)  # recently used: kept by _prune
    return corpus


def _restore_dtypes(frame: pd.DataFrame, dtypes: list[str]) -> pd.DataFrame:
    """Dates as they were stored: Parquet keeps at least milliseconds, pandas may use seconds."""
    for column, dtype in zip(list(frame.columns), dtypes):
        if dtype.startswith("datetime64") and str(frame[column].dtype) != dtype:
            frame[column] = frame[column].astype(dtype)
    return frame


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def _prune(folder: Path) -> None:
    """Keep the ``KEEP`` most recently used snapshots (another process may be pruning too), and
    remove the pickles that versions before format 2 left (never read again)."""
    def last_used(p: Path) -> float:
        try:
            return (p / MANIFEST).stat().st_mtime
        except OSError:
            return 0.0
    for old in folder.glob(f"{PREFIX}*.pickle"):
        old.unlink(missing_ok=True)
    entries = [p for p in folder.glob(f"{PREFIX}*") if p.is_dir() and not p.is_symlink()]
    for old in sorted(entries, key=last_used, reverse=True)[KEEP:]:
        _remove(old)
