"""The corpus: files in, tidy frames out.

``load`` reads folders, JSONL and CSV into the ``articles`` and ``skipped`` frames, ``clean``
removes page furniture, ``dates`` finds publication dates, ``segment`` gives paragraphs,
sentences and words with offsets, and ``snapshot`` keeps a loaded corpus on disk for a render.
"""
from .load import METADATA_NAME, Corpus, CorpusError, load_corpus

__all__ = ["METADATA_NAME", "Corpus", "CorpusError", "load_corpus"]
