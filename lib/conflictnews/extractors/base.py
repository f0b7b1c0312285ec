"""The contract every extractor follows, and the article it is given.

An extractor is a declaration plus one pure function from an article to rows::

    EXTRACTOR = Extractor(
        name="arrests",                                   # the table: arrests.csv
        unit="arrest reported",                           # what one row is
        columns={"article_id": "the article", ...},       # every column, with a one-line description
        extract=arrests_in,                               # (Article, Context) -> iterable of dicts
        resources=(Resource("arrest_rules", "arrests.yml", "arrest words and their cues"),),
        needs=("dep", "lemma"),                           # parse capabilities; () = no parse at all
        after=("mentions",),                              # tables whose rows of the same article it reads
    )

Put it in a module of ``conflictnews/extractors/`` (or expose it through the
``conflictnews.extractors`` entry-point group of an installed package): the registry finds it,
``conflictnews extract --tables``, the resource flags, the render's path parameters and the
README's table of outputs all come from these declarations.

The function sees one article at a time and keeps no state between calls, so extraction maps
over articles, processes and machines and gives the same rows either way.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

import pandas as pd

from ..nlp.model import CAPABILITIES


@dataclass(frozen=True)
class Resource:
    """A user-replaceable resource file an extractor reads.

    ``option`` is the name users pass it by: the notebook parameter and ``extract`` flag
    (``casualty_rules`` -> ``--casualty-rules``); ``default`` the shipped file in ``resources/``."""

    option: str
    default: str
    help: str

    @property
    def flag(self) -> str:
        return "--" + self.option.replace("_", "-")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: offsets into the article's cleaned text, and its parse."""

    sent_id: int
    start: int
    end: int
    para_id: int
    text: str
    doc: Any = None  # a spaCy Doc of exactly ``text`` when the extractor needs a parse (read-only:
    # sentences with the same text share one)

    def offset(self, token) -> tuple[int, int]:
        """(start, end) of a token or span of ``doc`` in the article's text."""
        if hasattr(token, "idx"):  # a Token
            return self.start + token.idx, self.start + token.idx + len(token.text)
        return self.start + token.start_char, self.start + token.end_char


@dataclass(frozen=True)
class Article:
    """What an extractor is given: one article's text, metadata and sentences."""

    article_id: str
    text: str
    sentences: tuple[Sentence, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)  # the articles row: published, outlet, title...
    profile: Any = None  # the conflict profile (``profiles.Profile``) whose sides and labels apply

    @property
    def published(self):
        return self.meta.get("published")

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds character ``offset`` (or the last one starting before it)."""
        starts = [s.start for s in self.sentences]
        k = bisect_right(starts, offset) - 1
        return self.sentences[k] if k >= 0 else None


@dataclass
class Context:
    """What an extractor may read besides the article: the user's resource options (a path, or
    None for the shipped file), the rows other tables produced for the same article, and (in a
    ``finish`` step) the tables finished before."""

    options: Mapping[str, Any] = field(default_factory=dict)
    rows: dict[str, list[dict]] = field(default_factory=dict)
    # the finished tables of the extractors run before (for a ``finish`` step that must agree
    # with them, e.g. quotes taking the actor ids the mentions table merged across articles)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def option(self, name: str):
        value = self.options.get(name)
        return value if value not in ("", None) else None


@dataclass(frozen=True)
class Extractor:
    """A table computed article by article (see the module docstring)."""

    name: str
    unit: str
    columns: Mapping[str, str]
    extract: Callable[[Article, Context], Iterable[Mapping]]
    resources: tuple[Resource, ...] = ()
    needs: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    # A corpus-level step after every article is done (e.g. counting names across articles):
    # (frame of the per-article rows, Context) -> the table.
    finish: Callable[[pd.DataFrame, Context], pd.DataFrame] | None = None
    # The columns of the per-article rows when ``finish`` turns them into other ones.
    row_columns: tuple[str, ...] | None = None
    # Tables with a ``finish`` computed on parts of the corpus (partitions, machines) are joined
    # by ``combine`` (list of partial tables, in corpus order) -> the table of the whole corpus.
    combine: Callable[[list[pd.DataFrame]], pd.DataFrame] | None = None
    # Column dtypes to enforce on the table ("int64", "float64", "bool", "datetime64[ns]"); every
    # other column is text (object), whatever its rows hold.
    dtypes: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.needs) - set(CAPABILITIES)
        if unknown:
            raise ValueError(f"extractor {self.name!r}: unknown capabilities {sorted(unknown)} "
                             f"(known: {', '.join(CAPABILITIES)})")
        missing = [c for c in self.dtypes if c not in self.columns]
        if missing:
            raise ValueError(f"extractor {self.name!r}: dtypes for undeclared columns {missing}")
        if self.finish is not None and self.combine is None:
            raise ValueError(f"extractor {self.name!r}: a table with a corpus-level finish needs a combine, "
                             "to join the tables of the corpus's parts")

    def frame(self, rows: list[Mapping], ctx: Context) -> pd.DataFrame:
        """The table from the rows of every article: declared columns, in order, typed."""
        expected = list(self.row_columns or self.columns)
        keys = set().union(*rows) if rows else set()
        extra = sorted(keys - set(expected))
        if extra:
            raise ValueError(f"extractor {self.name!r} gave undeclared column(s) {extra}")
        df = pd.DataFrame(rows, columns=expected)
        if self.finish is not None:
            df = self.finish(df, ctx)
        extra = [c for c in df.columns if c not in self.columns]
        if extra:
            raise ValueError(f"extractor {self.name!r} gave undeclared column(s) {extra}")
        return self.typed(df)

    def typed(self, df: pd.DataFrame) -> pd.DataFrame:
        """``df`` with the declared columns, in order, and their dtypes (as computed, or as read
        back from a CSV or Parquet table)."""
        attrs = dict(df.attrs)
        df = df.reindex(columns=list(self.columns))
        for col in df.columns:  # the same dtypes whatever the rows: an empty column stays text
            dtype = self.dtypes.get(col, "object")
            if dtype.startswith("datetime"):
                df[col] = pd.to_datetime(df[col])
            elif dtype == "object":  # missing text is None, never a float NaN
                df[col] = df[col].astype(object).where(df[col].notna(), None)
            else:
                df[col] = df[col].astype(dtype)
        df = df.reset_index(drop=True)
        df.attrs.update(attrs)
        return df


@dataclass(frozen=True)
class CorpusTable:
    """A table the corpus itself gives (articles, sentences, skipped, cleaning): documented like
    an extractor's, computed by loading."""

    name: str
    unit: str
    columns: Mapping[str, str]
    get: Callable[..., pd.DataFrame]  # (corpus, profile=None) -> the table
