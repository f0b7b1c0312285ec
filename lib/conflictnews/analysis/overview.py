"""Corpus overview: the articles table, term counts and the cleaning report."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from ..corpus.load import Corpus
from ..resources import load_wordlist
from .keyness import DEFAULT_VARIANTS, count_terms


def article_table(corpus: Corpus) -> pd.DataFrame:
    """One row per article: id, title, outlet, date (and where it came from), words, sentences."""
    a = corpus.articles
    n_sent = corpus.sentences.groupby("article_id").size()
    n_words = corpus.word_counts
    return pd.DataFrame({
        "article_id": a["article_id"],
        "title": a["title"],
        "outlet": a["outlet"],
        "published": a["published"].dt.date,
        "date_source": a["date_source"],
        "words": a["article_id"].map(n_words).fillna(0).astype(int),
        "sentences": a["article_id"].map(n_sent).fillna(0).astype(int),
        "lines_removed": a["lines_removed"],
        "spans_removed": a["spans_removed"],
    })


def term_counts(texts, stopwords: str | Path | None = None, *, min_length: int = 2,
                variants=DEFAULT_VARIANTS) -> pd.DataFrame:
    """Counts of lower-cased word tokens with a letter, minus stopwords, spelling variants merged
    (``keyness.term_lists``: "US" is "u.s.", "cease-fire" "ceasefire"): term, count, docs
    (number of texts it occurs in), sorted by count then term."""
    stop = load_wordlist(stopwords or "stopwords.txt")
    by_key, docs = count_terms(texts, None, stop, variants, min_length)
    count = by_key.get(None, Counter())
    df = pd.DataFrame({"term": list(count), "count": list(count.values())})
    if df.empty:
        return pd.DataFrame(columns=["term", "count", "docs"])
    df["docs"] = df["term"].map(docs)
    return df.sort_values(["count", "term"], ascending=[False, True]).reset_index(drop=True)


def top_terms(corpus: Corpus, n: int = 30, stopwords: str | Path | None = None) -> pd.DataFrame:
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"top_n={n!r}: expected a positive whole number")
    return term_counts(corpus.require_text()["text"], stopwords).head(n)


def cleaning_summary(corpus: Corpus) -> pd.DataFrame:
    """What cleaning removed, per article and rule: whole lines, and spans cut out of a line
    that stayed (a photo credit at the end of a caption)."""
    c = corpus.cleaning
    if c.empty:
        return pd.DataFrame(columns=["article_id", "rule", "lines", "spans"])
    counts = c.groupby(["article_id", "rule", "scope"]).size().unstack("scope", fill_value=0)
    counts = counts.reindex(columns=["line", "span"], fill_value=0)
    return counts.rename(columns={"line": "lines", "span": "spans"}).reset_index().rename_axis(columns=None)
