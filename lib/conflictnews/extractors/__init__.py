"""The extractors: one module per table, behind one contract (``base.py``) and one engine
(``registry.py``).

    from conflictnews.extractors import tables
    found = tables(corpus, ["claims", "quotes"])           # {"claims": frame, "quotes": frame}
    found = tables(corpus, ["claims"], casualty_rules="my_casualties.yml", profile="sudan")
"""
from __future__ import annotations

import pandas as pd


def tables(corpus, names: list[str] | None = None, *, profile=None, model: str | None = None,
           workers: int | None = None, **options) -> dict[str, pd.DataFrame]:
    """The named tables of ``corpus`` (default: every table), computed with the given resource
    options (``gazetteer``, ``lexicon``, ``casualty_rules``, ``victim_rules``...: a path, or None
    for the shipped file); ``profile``: a conflict profile forced on every article, or None for
    each article's own; ``model`` and ``workers`` as for :func:`conflictnews.nlp.parse`."""
    from .registry import run

    return run(corpus, names, options, profile=profile, model=model, workers=workers)


__all__ = ["tables"]
