"""The tidy tables of a corpus, by name; ``conflictnews extract`` writes each as CSV.

Each entry maps a table name to a function ``(corpus, options) -> DataFrame``; ``options`` holds
the user's resource files (``gazetteer``, ``lexicon``, ``casualty_rules``, ``victim_rules``), or
nothing for the shipped ones.  Extraction is per article and pure, so a table can be computed on
any subset of the articles.  Tables that others build on (mentions, for quotes) are computed
once per corpus and options.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pandas as pd

from ..corpus.load import Corpus
from ..files import write_csv

Options = dict


def _memo(corpus: Corpus, name: str, options: Options, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    cache = corpus.__dict__.setdefault("_tables", {})
    key = (name, tuple(sorted((k, str(v)) for k, v in options.items())))
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def claims(corpus: Corpus, options: Options) -> pd.DataFrame:
    from .casualties import claims as extract_claims
    return extract_claims(corpus, options.get("casualty_rules"))


def mentions(corpus: Corpus, options: Options) -> pd.DataFrame:
    from .actors import mentions as extract_mentions
    return _memo(corpus, "mentions", options, lambda: extract_mentions(corpus, options.get("gazetteer")))


def quotes(corpus: Corpus, options: Options) -> pd.DataFrame:
    from .quotes import quotes as extract_quotes
    return extract_quotes(corpus, options.get("gazetteer"), mentions=mentions(corpus, options))


def unlisted_names(corpus: Corpus, options: Options) -> pd.DataFrame:
    from .actors import unlisted_names as find_unlisted
    return find_unlisted(corpus, options.get("gazetteer"))


def stance_terms(corpus: Corpus, options: Options) -> pd.DataFrame:
    from .stance import stance_terms as find_terms
    return find_terms(corpus, options.get("lexicon"))


def party_labels(corpus: Corpus, options: Options) -> pd.DataFrame:
    from .stance import party_labels as find_labels
    return find_labels(corpus, options.get("lexicon"))


def death_mentions(corpus: Corpus, options: Options) -> pd.DataFrame:
    from .deaths import death_mentions as find_deaths
    return find_deaths(corpus, options.get("victim_rules"), options.get("lexicon"))


TABLES: dict[str, Callable[[Corpus, Options], pd.DataFrame]] = {
    "articles": lambda c, o: c.articles,
    "sentences": lambda c, o: c.sentences,
    "skipped": lambda c, o: c.skipped,
    "cleaning": lambda c, o: c.cleaning,
    "claims": claims,
    "mentions": mentions,
    "quotes": quotes,
    "unlisted_names": unlisted_names,
    "stance_terms": stance_terms,
    "party_labels": party_labels,
    "death_mentions": death_mentions,
}
OPTIONS = ("gazetteer", "lexicon", "casualty_rules", "victim_rules")


def extract(corpus: Corpus, out_dir: str | Path, tables: list[str] | None = None, options: Options | None = None,
            progress: Callable[[str], None] | None = None, *, raw: bool = False) -> dict[str, Path]:
    """Write the named tables (default: all) as ``<out_dir>/<name>.csv``; returns their paths.
    Cells a spreadsheet would run as formulas are neutralised unless ``raw`` (see
    ``files.write_csv``)."""
    names = tables or list(TABLES)
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        raise ValueError(f"unknown table(s) {unknown}; available: {', '.join(TABLES)}")
    options = {k: v for k, v in (options or {}).items() if v}
    bad = [k for k in options if k not in OPTIONS]
    if bad:
        raise ValueError(f"unknown option(s) {bad}; available: {', '.join(OPTIONS)}")
    for key, path in options.items():
        if not Path(path).exists():
            raise ValueError(f"{key}={path!r}: no such file")
    out = {}
    for name in names:
        if progress and len(corpus) >= 1000:  # a table of a large corpus can take a while
            progress(f"{name}...")
        frame = TABLES[name](corpus, options)
        out[name] = write_csv(frame, Path(out_dir) / f"{name}.csv", raw=raw)
        if progress:
            progress(f"{name}.csv: {len(frame)} rows")
    return out
