"""The parse of a corpus kept on disk in spaCy's own ``DocBin`` format (data, never a pickle).

One file per parse: ``parse-<key>.spacy`` in the cache folder (the render's
``<output>/.cache/``, or ``CONFLICTNEWS_CACHE``).  The key covers everything the parse depends
on: every sentence's text, the pipeline's package and version, spaCy's version and
``LAYER_VERSION`` (bumped when this package changes what it stores), then the capabilities it
holds, so that a parse with more of them serves a request for fewer.  A file that cannot be read, or that holds another
number of sentences than its key says, is reported and parsed again, never trusted.

Reading a parse back needs no model: the documents are rebuilt on a blank English vocabulary.
The folder must be writable by its owner only, and each file owned by them (the rules of the
corpus snapshot, ``files.ensure_private_folder``): anything else is ignored with a warning.
"""
from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path
from typing import Iterable

from ..files import atomic_path, prune_oldest

LAYER_VERSION = 1
KEEP = 4  # parse files kept per cache folder (the most recently used)
# The token attributes stored: what the extractors read (SPACY is the trailing whitespace).
ATTRS = ("ORTH", "SPACY", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE")


class ParseCacheWarning(UserWarning):
    """A stored parse could not be read or written; the corpus was parsed instead."""


def parse_key(texts: Iterable[str], model_id: str, capabilities: tuple[str, ...]) -> str:
    """A name for the parse of ``texts``: a digest of everything it depends on but the
    capabilities, the number of texts, and the capabilities (``<digest>-<n>-dep+ents+lemma+pos``),
    so that a stored parse with more capabilities can serve a request for fewer."""
    import spacy

    h = hashlib.sha256(f"{LAYER_VERSION}\0{spacy.__version__}\0{model_id}\0".encode())
    n = 0
    for text in texts:
        h.update(text.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
        n += 1
    return f"{h.hexdigest()[:24]}-{n}-{'+'.join(sorted(capabilities))}"


def _parts(key: str) -> tuple[str, int, frozenset]:
    digest, n, caps = key.split("-", 2)
    return digest, int(n), frozenset(caps.split("+")) if caps else frozenset()


def candidates(folder: Path, key: str) -> list[Path]:
    """Stored parses that can serve ``key``: the same texts and pipeline with at least its
    capabilities, the exact one first."""
    digest, n, caps = _parts(key)
    found = [p for p in sorted(Path(folder).glob(f"parse-{digest}-{n}-*.spacy"))
             if caps <= _parts(p.name[len("parse-"):-len(".spacy")])[2]]
    exact = path_for(folder, key)
    return sorted(found, key=lambda p: p != exact)


def blank_vocab():
    """An English vocabulary with the language's lexical attributes (``like_num``,
    ``is_stop``...) and no model weights: enough to rebuild stored documents."""
    import spacy

    return spacy.blank("en").vocab


def usable_folder(folder: Path | None) -> Path | None:
    """``folder`` when only its owner can write it (created so if missing), else None with a
    warning: a stored parse decides what the tables say, so a folder others can write is not
    trusted (``files.ensure_private_folder``)."""
    from ..files import UnsafeFolderError, ensure_private_folder

    if folder is None:
        return None
    try:
        return ensure_private_folder(folder, "parse cache folder")
    except UnsafeFolderError as exc:
        warnings.warn(f"{exc} The corpus is parsed and not stored.", ParseCacheWarning, stacklevel=3)
        return None
    except OSError as exc:
        warnings.warn(f"parse cache folder {folder} cannot be used ({exc}); the corpus is parsed and not stored",
                      ParseCacheWarning, stacklevel=3)
        return None


def path_for(folder: Path, key: str) -> Path:
    return Path(folder) / f"parse-{key}.spacy"


def read(folder: Path, key: str, vocab=None) -> list | None:
    """The stored documents for ``key`` (or of a parse with more capabilities), or None when
    there are none (or they are unusable, with a warning)."""
    for path in candidates(folder, key):
        docs = _read(path, _parts(key)[1], vocab)
        if docs is not None:
            return docs
    return None


def _read(path: Path, expected: int, vocab=None) -> list | None:
    from spacy.tokens import DocBin

    from ..files import private_folder_problem

    problem = private_folder_problem(path)
    if problem:   # planted, or left by another user: parse again and replace it
        warnings.warn(f"stored parse {path} {problem}; parsing again", ParseCacheWarning, stacklevel=4)
        return None
    try:
        docs = list(DocBin(store_user_data=False).from_bytes(path.read_bytes()).get_docs(vocab or blank_vocab()))
        if len(docs) != expected:
            raise ValueError(f"holds {len(docs)} sentences, not {expected}")
    except Exception as exc:  # truncated, from another spaCy, not ours...: parse again
        warnings.warn(f"stored parse {path} unusable ({type(exc).__name__}: {exc}); parsing again",
                      ParseCacheWarning, stacklevel=4)
        return None
    os.utime(path)  # recently used: kept by prune
    return docs


def write(folder: Path, key: str, docs: list) -> Path | None:
    """Store ``docs`` under ``key`` (whole or not at all); a folder that cannot be written is a
    warning, not an error: the parse is still in hand."""
    from spacy.tokens import DocBin

    path = path_for(folder, key)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        data = DocBin(attrs=list(ATTRS), docs=docs, store_user_data=False).to_bytes()
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
        prune(Path(folder))
    except OSError as exc:
        warnings.warn(f"parse not stored in {folder} ({exc}); it will be parsed again next time",
                      ParseCacheWarning, stacklevel=3)
        return None
    return path


def prune(folder: Path, keep: int = KEEP) -> None:
    """Keep the ``keep`` most recently used parse files."""
    prune_oldest(folder, "parse-*.spacy", keep)
