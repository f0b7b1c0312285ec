"""The tidy tables of a corpus, by name; ``conflictnews extract`` writes each as CSV.

Each entry maps a table name to a function ``Corpus -> DataFrame``.  Extraction is per article
and pure, so a table can be computed on any subset of the articles.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pandas as pd

from .corpus import Corpus
from .files import write_csv

TABLES: dict[str, Callable[[Corpus], pd.DataFrame]] = {
    "articles": lambda c: c.articles,
    "sentences": lambda c: c.sentences,
    "skipped": lambda c: c.skipped,
    "cleaning": lambda c: c.cleaning,
}


def extract(corpus: Corpus, out_dir: str | Path, tables: list[str] | None = None,
            progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Write the named tables (default: all) as ``<out_dir>/<name>.csv``; returns their paths."""
    names = tables or list(TABLES)
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        raise ValueError(f"unknown table(s) {unknown}; available: {', '.join(TABLES)}")
    out = {}
    for name in names:
        frame = TABLES[name](corpus)
        out[name] = write_csv(frame, Path(out_dir) / f"{name}.csv")
        if progress:
            progress(f"{name}.csv: {len(frame)} rows")
    return out
