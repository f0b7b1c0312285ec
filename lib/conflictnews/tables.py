"""The tables on disk: written part by part as a corpus is extracted, read back with only the
columns a report needs.

Two formats:
  * ``csv`` (the default; what a spreadsheet opens): one file per table, ``<name>.csv``;
  * ``parquet`` (for large corpora): one folder per table, ``<name>/part-000000.parquet`` ...,
    a Parquet dataset that pandas, pyarrow, Dask, DuckDB and R's arrow read as one table, and
    that a report reads column by column.

Parts are staged in a hidden folder inside the output folder and moved into place when every
partition is done, so a table is written whole or not at all, and a run that fails leaves the
previous tables as they were.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from pathlib import Path

import pandas as pd

from .files import open_csv, write_csv_rows

FORMATS = ("csv", "parquet")


class TableWriter:
    """Collects each partition's frames and writes every table whole at ``close()``."""

    def __init__(self, out_dir: str | Path, names, fmt: str = "csv", *, raw: bool = False) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")
        self.out_dir = Path(out_dir)
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise ValueError(f"--out {self.out_dir}: a file, not a folder; choose a folder for the tables")
        created = not self.out_dir.exists()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.names = list(names)
        self.fmt = fmt
        self.raw = raw  # CSV cells as they are, formulas included (files.write_csv)
        self.staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.out_dir))
        self.partials: dict[str, list[tuple[int, pd.DataFrame]]] = {}
        self.articles = 0                      # usable articles seen, whatever tables are written
        self.profiles: dict[tuple, int] = {}   # (profile, evidence, choice) -> articles
        self.skipped: list[pd.DataFrame] = []  # what went wrong, kept to be told (a row per problem)
        self._created = created

    def _combiner(self, name: str):
        from .extractors.registry import extractors

        ex = extractors().get(name)
        return ex.combine if ex is not None else None

    def add(self, index: int, frames: dict[str, pd.DataFrame]) -> None:
        """One partition's tables (``index``: its place in the corpus)."""
        for name, frame in frames.items():
            if name == "articles":
                self.articles += len(frame)
                self._tally_profiles(frame)
            if name == "skipped" and len(frame):
                self.skipped.append(frame)
            if name not in self.names:
                continue
            if self._combiner(name) is not None:
                self.partials.setdefault(name, []).append((index, frame))
                continue
            folder = self.staging / name
            folder.mkdir(exist_ok=True)
            _write_part(frame, folder / f"part-{index:06d}.parquet")

    def _tally_profiles(self, articles: pd.DataFrame) -> None:
        cols = ["profile", "profile_evidence", "profile_choice"]
        if len(articles) and all(c in articles for c in cols):
            for key, n in articles.groupby(cols).size().items():
                self.profiles[key] = self.profiles.get(key, 0) + int(n)

    def profile_tally(self) -> pd.DataFrame:
        """How many articles got each (profile, evidence, choice): the profile columns of every
        article, counted as they streamed by."""
        rows = [(*key, n) for key, n in self.profiles.items()]
        return pd.DataFrame(rows, columns=["profile", "profile_evidence", "profile_choice", "count"])

    def add_skipped(self, frame: pd.DataFrame) -> None:
        """What the reading itself skipped (duplicate ids, unreadable files...): written after the
        partitions' own."""
        self.add(1_000_000, {"skipped": frame})

    def close(self) -> dict[str, Path]:
        """Write every table into the output folder; returns name -> path."""
        written = {}
        try:
            for name in self.names:
                parts = sorted((self.staging / name).glob("part-*.parquet")) if (self.staging / name).exists() else []
                if name in self.partials:
                    combined = self._combiner(name)([f for _, f in sorted(self.partials[name], key=lambda x: x[0])])
                    folder = self.staging / name
                    folder.mkdir(exist_ok=True)
                    _write_part(combined, folder / "part-000000.parquet")
                    parts = [folder / "part-000000.parquet"]
                written[name] = self._finish(name, parts)
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        return written

    def abort(self) -> None:
        """Leave the output folder as it was (the staged parts are removed; a folder this writer
        created is removed again)."""
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._created:
            shutil.rmtree(self.out_dir, ignore_errors=True)

    def skipped_frame(self) -> pd.DataFrame:
        from .corpus.load import SKIPPED_COLUMNS

        return pd.concat(self.skipped, ignore_index=True) if self.skipped else pd.DataFrame(columns=SKIPPED_COLUMNS)

    def _finish(self, name: str, parts: list[Path]) -> Path:
        schema = _unified_schema(parts, name)
        if self.fmt == "parquet":
            folder = self.staging / f"{name}.final"
            folder.mkdir()
            if not parts:
                _write_part(_empty(name), folder / "part-000000.parquet")
            for i, part in enumerate(parts):
                _cast_to(part, schema, folder / f"part-{i:06d}.parquet")
            return _replace_dir(folder, self.out_dir / name)
        target = self.out_dir / f"{name}.csv"
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".csv.tmp", dir=self.out_dir)
        os.close(fd)
        try:
            columns = [f.name for f in schema] if schema is not None else list(_empty(name).columns)
            with open_csv(tmp) as fh:
                if not parts:
                    write_csv_rows(_empty(name), fh, header=True, raw=self.raw)
                for i, part in enumerate(parts):
                    frame = pd.read_parquet(part).reindex(columns=columns)
                    write_csv_rows(frame, fh, header=(i == 0), raw=self.raw)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return target


def _umask() -> int:
    from .files import _UMASK

    return _UMASK


def _empty(name: str) -> pd.DataFrame:
    """An empty table with the declared columns."""
    from .extractors.registry import CORPUS_TABLES, extractors

    table = CORPUS_TABLES.get(name) or extractors().get(name)
    return pd.DataFrame(columns=list(table.columns)) if table is not None else pd.DataFrame()


def _write_part(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False), path)


def _unified_schema(parts: list[Path], name: str):
    """One schema for every part of a table: columns in first-seen order, types promoted (a part
    whose text column held no value at all has the null type)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not parts:
        return None
    schemas = [pq.read_schema(p).remove_metadata() for p in parts]
    return pa.unify_schemas(schemas, promote_options="permissive")


def _cast_to(part: Path, schema, target: Path) -> None:
    import pyarrow.parquet as pq

    table = pq.read_table(part)
    for field in schema:
        if field.name not in table.column_names:
            import pyarrow as pa
            table = table.append_column(field, pa.nulls(len(table), type=field.type))
    table = table.select([f.name for f in schema]).cast(schema)
    pq.write_table(table, target)


def _replace_dir(new: Path, target: Path) -> Path:
    """Move ``new`` to ``target``, replacing a previous table folder (or file) whole."""
    old = None
    if target.exists() or target.is_symlink():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    return target


def table_path(folder: str | Path, name: str) -> Path | None:
    """Where an extract folder holds table ``name`` (CSV file or Parquet folder), or None."""
    folder = Path(folder)
    for candidate in (folder / name, folder / f"{name}.parquet", folder / f"{name}.csv"):
        if candidate.exists():
            return candidate
    return None


def read_table(folder: str | Path, name: str, columns: list[str] | None = None,
               exclude: tuple[str, ...] = ()) -> pd.DataFrame:
    """Table ``name`` of an extract folder, only ``columns`` when given, never those in
    ``exclude`` (a Parquet table reads nothing else from disk)."""
    path = table_path(folder, name)
    if path is None:
        raise FileNotFoundError(f"{folder}: no table {name!r} (run `conflictnews extract` with --tables {name})")
    parquet = path.is_dir() or path.suffix == ".parquet"
    if exclude:
        if columns is None:
            if parquet:
                import pyarrow.dataset as ds
                columns = ds.dataset(path, format="parquet").schema.names
            else:
                columns = list(pd.read_csv(path, nrows=0).columns)
        columns = [c for c in columns if c not in exclude]
    if parquet:
        return _one_chunk(pd.read_parquet(path, columns=columns))
    frame = pd.read_csv(path, usecols=columns, keep_default_na=False, na_values=[""])
    if "published" in frame.columns:
        frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    return frame


def _one_chunk(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each Arrow-backed column in one piece.  A table read from many Parquet parts
    holds its text columns in as many chunks, and selecting rows of a chunked column (a filter,
    a join) first copies the whole column into one: 430 MB for the sentences of 100,000 articles,
    each time.  Joined once here, a column at a time."""
    for col in frame.columns:
        data = getattr(frame[col].array, "_pa_array", None)
        if data is not None and getattr(data, "num_chunks", 1) > 1:
            frame[col] = pd.Series(pd.array(data.combine_chunks(), dtype=frame[col].dtype), index=frame.index)
    return frame


# ---------------------------------------------------------------------------------------------
# An extract folder as the source of a report: its manifest says how its tables were made

MANIFEST = "manifest.json"


def _resolved(value):
    return str(Path(value).resolve()) if isinstance(value, (str, Path)) and str(value) else None


def manifest_for(names, options: dict, *, profile=None, model=None, date_format=None, cleaning=None,
                 corpus=None, fmt: str = "csv", articles: int = 0) -> dict:
    """What an extract folder's tables were made from: the tables, the resource files (absolute
    paths, None for the shipped ones), the profile, the spaCy pipeline (``package==version``,
    when a table read the parse), the date format and cleaning rules, the library version."""
    from . import __version__
    from .extractors.registry import extractors, resources

    parsed = any(extractors()[n].needs for n in names if n in extractors())
    if parsed:
        from .nlp import model_id
        model = model_id(model)
    return {"conflictnews": __version__, "corpus": str(corpus) if corpus is not None else None,
            "format": fmt, "articles": articles, "tables": list(names),
            "options": {k: _resolved(options.get(k)) for k in sorted(resources())},
            "profile": _resolved(profile) if isinstance(profile, (str, Path)) and str(profile).endswith((".yml", ".yaml"))
            else (profile or None),
            "model": model if parsed else None, "date_format": date_format or None,
            "cleaning": _resolved(cleaning)}


def write_manifest(out_dir: str | Path, manifest: dict) -> Path:
    import json

    from .files import write_text

    return write_text(Path(out_dir) / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def read_manifest(folder: str | Path) -> dict | None:
    import json

    path = Path(folder) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def serves(manifest: dict, name: str, options: dict, profile=None, model=None) -> bool:
    """Whether the extract folder's table ``name`` is what computing it with these options,
    profile and pipeline would give (so that a report can read it instead)."""
    from . import __version__
    from .extractors.registry import extractors, resources

    if not manifest or manifest.get("conflictnews") != __version__ or name not in manifest.get("tables", ()):
        return False
    if any(v is not None and not isinstance(v, (str, Path)) for v in options.values()):
        return False   # a resource given as a loaded object: what file it came from is not known
    wanted = {k: _resolved(options.get(k)) for k in sorted(resources())}
    if wanted != (manifest.get("options") or {}):
        return False
    given = profile if not isinstance(profile, (str, Path)) or not str(profile).endswith((".yml", ".yaml")) \
        else _resolved(profile)
    if (given or None) != manifest.get("profile"):
        return False
    ex = extractors().get(name)
    if ex is not None and ex.needs:
        from .nlp import model_id
        return model_id(model) == manifest.get("model")
    return True


def load_extract(folder: str | Path, *, text: bool = True):
    """The corpus an extract folder holds (articles, sentences, skipped, cleaning), remembering
    the folder, so that its tables are read instead of computed again (``registry.run``).
    ``text=False`` leaves the articles' text on disk (a report that reads only tables has no use
    for it; ``Corpus.require_text`` reads it when a table must be computed after all).
    Raises FileNotFoundError naming what is missing."""
    from .corpus.load import Corpus

    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None:
        raise FileNotFoundError(f"{folder}: not an extract folder (no readable {MANIFEST}; write one with "
                                "`conflictnews extract CORPUS --out FOLDER`)")
    missing = [n for n in ("articles", "sentences") if table_path(folder, n) is None]
    if missing:
        raise FileNotFoundError(f"{folder}: the extract has no {', '.join(missing)} table (extract it with "
                                "--tables articles,sentences,...)")
    articles = read_table(folder, "articles", exclude=() if text else ("text",))
    articles["published"] = pd.to_datetime(articles["published"], errors="coerce")
    for col in ("outlet", "title"):    # missing: None, as loading gives (a NaN would print "nan")
        if col in articles:
            articles[col] = articles[col].astype(object).where(articles[col].notna(), None)
    if text:
        articles["text"] = articles["text"].fillna("").astype("str")   # Arrow-backed: the bytes, no object per article
    articles["article_id"] = articles["article_id"].astype(str)
    skipped = read_table(folder, "skipped") if table_path(folder, "skipped") else pd.DataFrame(
        columns=["source", "article_id", "status", "reason"])
    cleaning = read_table(folder, "cleaning") if table_path(folder, "cleaning") else pd.DataFrame(
        columns=["article_id", "rule", "scope", "line", "text"])
    corpus = Corpus(articles, skipped, cleaning, str(manifest.get("corpus") or folder),
                    {"extract": (str(folder), manifest)})
    sentences = read_table(folder, "sentences")
    sentences["article_id"] = sentences["article_id"].astype(str)
    corpus.__dict__["sentences"] = sentences
    return corpus


def stored_tables(corpus, names, options: dict, profile=None, model=None) -> dict[str, pd.DataFrame]:
    """The tables among ``names`` that the extract folder ``corpus`` was read from holds as they
    would be computed (see :func:`serves`), cut to the corpus's articles and typed."""
    from .extractors.registry import extractors

    source = getattr(corpus, "settings", {}).get("extract")
    if not source:
        return {}
    folder, manifest = source
    # shared while some frame still uses it, not held for the corpus's life: a report that has
    # split or filtered a table of millions of rows must be able to let the whole one go
    memo = corpus.__dict__.setdefault("_stored", weakref.WeakValueDictionary())
    ids = None
    out = {}
    for name in names:
        ex = extractors().get(name)
        if ex is None or not serves(manifest, name, options, profile, model) or table_path(folder, name) is None:
            continue
        if "article_id" not in ex.columns and len(corpus) != manifest.get("articles"):
            continue    # a corpus-wide table (counts over every article) cannot be cut to a selection
        frame = memo.get(name)
        if frame is None:
            frame = memo[name] = ex.typed(read_table(folder, name))
        if "article_id" in frame.columns:
            if ids is None:
                ids = set(corpus.articles["article_id"])
            frame = frame[frame["article_id"].astype(str).isin(ids)].reset_index(drop=True)
        out[name] = frame
    return out


def with_sentences(df: pd.DataFrame, sentences: pd.DataFrame, column: str = "sentence") -> pd.DataFrame:
    """``df`` with the text of each row's sentence in ``column`` ("" when the corpus has none),
    joined on (``article_id``, ``sent_id``) from ``sentences`` (the corpus's sentences table).
    A join, not a lookup per row: call it on the rows a table or a hover text shows, so that a
    large corpus does not hold one copy of a sentence per mention."""
    if df.empty:
        return df.assign(**{column: pd.Series(dtype="str")})
    if len(sentences) > 4 * len(df):   # the rows' articles first: no copy or hash of every sentence for a few rows
        sentences = sentences[sentences["article_id"].isin(pd.unique(df["article_id"]))]
    text = sentences[["article_id", "sent_id", "text"]].rename(columns={"text": column})
    out = df.drop(columns=[column], errors="ignore").merge(text, on=["article_id", "sent_id"], how="left")
    out.index = df.index
    out[column] = out[column].fillna("")
    return out
