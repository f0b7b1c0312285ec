"""The extractors: one module per table, behind one entry point.

    from conflictnews.extractors import tables
    found = tables(corpus, ["claims", "quotes"])           # {"claims": frame, "quotes": frame}
    found = tables(corpus, ["claims"], casualty_rules="my_casualties.yml")

``registry`` says which tables exist and which resource options they take.
"""
from __future__ import annotations

import pandas as pd


def tables(corpus, names: list[str] | None = None, **options) -> dict[str, pd.DataFrame]:
    """The named tables of ``corpus`` (default: every table), computed with the given resource
    options (``gazetteer``, ``lexicon``, ``casualty_rules``, ``victim_rules``: a path, or None
    for the shipped file; ``profile``: a conflict profile forced on every article, or None for
    each article's own)."""
    from .registry import OPTIONS, TABLES

    names = list(names or TABLES)
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        raise ValueError(f"unknown table(s) {unknown}; available: {', '.join(TABLES)}")
    options = {k: v for k, v in options.items() if v not in (None, "")}
    bad = [k for k in options if k not in OPTIONS]
    if bad:
        raise ValueError(f"unknown option(s) {bad}; available: {', '.join(OPTIONS)}")
    return {name: TABLES[name](corpus, options) for name in names}


__all__ = ["tables"]
