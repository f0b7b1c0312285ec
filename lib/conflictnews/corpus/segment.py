"""Paragraphs, sentences and words with character offsets into the article's cleaned text.

No downloaded data: sentences come from NLTK's Punkt with an abbreviation list
(``resources/abbreviations.txt``) instead of a trained model; words from a regular expression
(``word_tokenizer()`` gives the same pattern as NLTK's ``RegexpTokenizer``).  NLTK is imported
on first use only: a notebook that reads a cached corpus (``cache.py``) never pays for it.  A line that does not end a sentence and is followed by a line
starting with a capital is its own paragraph, so a headline or a photo caption is its own
sentence; a line that continues in lower case (hard-wrapped text) is joined to the next.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..resources import load_wordlist

SENTENCE_COLUMNS = ["article_id", "sent_id", "para_id", "start", "end", "text"]
PARAGRAPH_COLUMNS = ["article_id", "para_id", "start", "end", "text"]
WORD_COLUMNS = ["article_id", "sent_id", "word_id", "start", "end", "text"]

_LINE_END = re.compile(r"[.!?:;,\"'”’)\]…-]$")
_LINE_CONTINUES = re.compile(r"^[a-z(\[\"'“‘0-9]")

# Acronyms with periods (U.S., D.C.), numbers with separators/decimals and a % sign, words with
# inner hyphens or apostrophes, and any other single non-space character.
WORD_PATTERN = (
    r"(?:[A-Za-z]\.){2,}"
    r"|\d+(?:[.,:]\d+)*%?"
    r"|\w+(?:[-'’]\w+)*"
    r"|[^\w\s]"
)
WORD_RE = re.compile(WORD_PATTERN)


def word_tokenizer():
    """``WORD_PATTERN`` as an NLTK ``RegexpTokenizer``, for code written against NLTK's API."""
    from nltk.tokenize import RegexpTokenizer
    return RegexpTokenizer(WORD_PATTERN)


@lru_cache(maxsize=8)
def sentence_tokenizer(abbreviations: str | Path | None = None):
    """Punkt (an ``nltk`` ``PunktSentenceTokenizer``) with the shipped (or the user's)
    abbreviation list and single-letter initials."""
    # Imported here: the nltk package takes ~0.2 s to import (its __init__ loads much more than
    # Punkt), which only tokenizing needs to pay.
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

    class NewsLanguageVars(PunktLanguageVars):
        # Sentences may end inside closing quotes and brackets of either kind.
        sent_end_chars = (".", "?", "!")
        internal_punctuation = ",:;"

    params = PunktParameters()
    abbrevs = set(load_wordlist(abbreviations or "abbreviations.txt"))
    abbrevs |= set(string.ascii_lowercase)
    params.abbrev_types = abbrevs
    return PunktSentenceTokenizer(params, lang_vars=NewsLanguageVars())


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line or line-break separated blocks (see module doc)."""
    spans: list[tuple[int, int]] = []
    cur_start = cur_end = None
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            if cur_start is not None:
                spans.append((cur_start, cur_end))
                cur_start = None
            continue
        if cur_start is not None:
            prev = text[cur_start:cur_end]
            if not _LINE_END.search(prev) and _LINE_CONTINUES.match(line):
                cur_end = end
                continue
            spans.append((cur_start, cur_end))
        cur_start, cur_end = start, end
    if cur_start is not None:
        spans.append((cur_start, cur_end))
    return spans


# The longest "sentence" the extractors are given, in characters.  Real sentences stay far below
# it (the longest in the development articles has ~300 characters; a 1,000-character sentence is
# rare even in legal prose); what runs past it is a table, a list or a page flattened into one
# line.  Such a run is split into pieces of at most this length, at the last space before the
# limit (or at the limit, in a run with no space), and each split is reported (``on_split``), so
# that the work per sentence stays bounded whatever the input.
MAX_SENTENCE_CHARS = 2000


def cap_span(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``text[start:end]`` as pieces of at most ``limit`` characters, cut at the last whitespace
    in the second half of each piece (else at the limit), with the spaces at the cuts left out."""
    pieces = []
    while end - start > limit:
        cut = start + limit
        space = max(text.rfind(" ", start + limit // 2, cut + 1), text.rfind("\n", start + limit // 2, cut + 1))
        if space > start:
            cut = space
        e = cut
        while e > start and text[e - 1].isspace():
            e -= 1
        pieces.append((start, e))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def sentence_spans(text: str, tokenizer=None, on_split=None) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of each sentence of ``text``.  A sentence longer than
    ``MAX_SENTENCE_CHARS`` is split (see there); ``on_split(start, end, pieces)`` is then called
    with the span that was split and the number of pieces."""
    tok = tokenizer or sentence_tokenizer()
    out = []
    for p, (ps, pe) in enumerate(paragraph_spans(text)):
        para = text[ps:pe]
        for s, e in tok.span_tokenize(para):
            chunk = para[s:e]
            s, e = s + len(chunk) - len(chunk.lstrip()), e - len(chunk) + len(chunk.rstrip())
            if s >= e:
                continue
            if e - s <= MAX_SENTENCE_CHARS:
                out.append((ps + s, ps + e, p))
                continue
            pieces = cap_span(text, ps + s, ps + e)
            out += [(a, b, p) for a, b in pieces]
            if on_split is not None:
                on_split(ps + s, ps + e, len(pieces))
    return out


def word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD_RE.finditer(text)]


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    rows = [(aid, i, s, e, text[s:e])
            for aid, text in zip(articles["article_id"], articles["text"])
            for i, (s, e) in enumerate(paragraph_spans(text))]
    return pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)


def sentences(articles: pd.DataFrame, abbreviations: str | Path | None = None, on_split=None) -> pd.DataFrame:
    """One row per sentence: article_id, sent_id (0-based within the article), para_id, start,
    end, text.  ``on_split(article_id, start, end, pieces)`` is called for each over-long
    sentence that was split (see ``MAX_SENTENCE_CHARS``)."""
    tok = sentence_tokenizer(abbreviations)
    rows = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        report = None if on_split is None else (lambda s, e, n, aid=aid: on_split(aid, s, e, n))
        rows += [(aid, i, p, s, e, text[s:e]) for i, (s, e, p) in enumerate(sentence_spans(text, tok, report))]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def sentence_index(sentences: pd.DataFrame) -> dict[str, list[tuple[int, int, int, int]]]:
    """article_id -> that article's sentences as (sent_id, start, end, para_id), in order: what
    every extractor needs to map an offset to its sentence (with ``bisect`` on the starts)."""
    index: dict[str, list[tuple[int, int, int, int]]] = {}
    columns = (sentences[c].tolist() for c in ("article_id", "sent_id", "start", "end", "para_id"))
    for aid, sid, start, end, para in zip(*columns):
        got = index.get(aid)
        if got is None:
            got = index[aid] = []
        got.append((sid, start, end, para))
    return index


def words(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per word token: article_id, sent_id, word_id (within the sentence), start, end
    (offsets into the article text), text."""
    # Built column by column: about three times faster than a list of row tuples.
    finditer = WORD_RE.finditer
    aid_col, sid_col, wid_col, starts, ends, texts = [], [], [], [], [], []
    for aid, sid, s0, text in zip(sentences["article_id"], sentences["sent_id"], sentences["start"],
                                  sentences["text"]):
        found = list(finditer(text))
        n = len(found)
        aid_col += [aid] * n
        sid_col += [sid] * n
        wid_col += range(n)
        starts += [m.start() + s0 for m in found]
        ends += [m.end() + s0 for m in found]
        texts += [m.group() for m in found]
    return pd.DataFrame(dict(zip(WORD_COLUMNS, (aid_col, sid_col, wid_col, starts, ends, texts))),
                        columns=WORD_COLUMNS)


_LETTER = re.compile(r"[^\W\d_]")


def terms(text: str, stopwords: frozenset = frozenset(), min_length: int = 2) -> list[str]:
    """The word tokens of ``text`` as terms to count: lower-cased, with a letter, at least
    ``min_length`` long, not in ``stopwords``, curly apostrophes made straight ("israel’s" and
    "israel's" are one term)."""
    out = []
    for w in WORD_RE.findall(text.lower()):
        if len(w) >= min_length and _LETTER.search(w) and w not in stopwords:
            out.append(w.replace("’", "'"))
    return out


def count_words(text: str) -> int:
    """Words (tokens with at least one letter or digit) in ``text``."""
    return sum(1 for m in WORD_RE.finditer(text) if m.group()[0].isalnum())
