"""conflictnews: load, tokenize and extract evidence from news articles about a war.

The data flow is a chain of tidy frames (one row per unit), each carrying ``article_id`` and,
from sentences on, ``sent_id``/``start``/``end`` offsets into the article's cleaned text::

    corpus files -> articles -> sentences -> claims / mentions, quotes / stance_terms, death_mentions
                 -> skipped (source, reason): nothing is dropped silently

The package follows that flow: ``corpus`` (load, clean, dates, segment, snapshot), ``nlp`` (the
linguistic layer), ``extractors`` (one module per table), ``analysis`` (keyness, tallies,
evaluation) and ``reports`` (figures, tables, rendering).
"""
from .corpus import Corpus, CorpusError, load_corpus
from .corpus.segment import paragraphs, sentences, words

__all__ = ["Corpus", "CorpusError", "load_corpus", "paragraphs", "sentences", "words"]
__version__ = "0.1.0"
