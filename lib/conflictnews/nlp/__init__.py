"""The linguistic layer: a spaCy parse (tokens, parts of speech, lemmas, dependencies, named
entities) of every sentence, computed once per corpus and pipeline and kept on disk.

    from conflictnews.nlp import parse
    parsed = parse(corpus)                      # Parsed: one Doc per sentence
    for (sent_id, start, end, para), doc in parsed.article(article_id):
        ...

``model`` chooses the pipeline, ``parsing`` parses (on every core), ``store`` keeps parses as DocBin files, and
``phrases`` reads the parse (the noun phrase a word belongs to, the verb that governs it, the
subject of a verb) for every extractor alike, and ``words`` reads a sentence's parse once into
plain Python objects for readers that ask of every word many times (the casualty figures).
"""
from .model import CAPABILITIES, DEFAULT_MODEL, ModelError, load, model_id, resolve
from .parsing import Parsed, default_workers, parse, parse_many, parse_texts, printer

__all__ = ["CAPABILITIES", "DEFAULT_MODEL", "ModelError", "Parsed", "default_workers", "load", "model_id",
           "parse", "parse_many", "parse_texts", "printer", "resolve"]
