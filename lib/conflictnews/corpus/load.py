"""Load a corpus into tidy frames: ``articles`` (one row per article) and ``skipped`` (one row per
input that was not loaded, or loaded with a warning).  Nothing is dropped silently.

Inputs
  * a folder of ``.txt`` files, with an optional ``metadata.csv`` sidecar (``article_id`` = file
    stem; ``title``, ``outlet``, ``published``, ``url``; extra columns are kept);
  * a ``.jsonl`` file: one object per line with ``id`` or ``article_id``, ``text`` and the
    optional fields above;
  * a ``.csv`` file with a ``text`` column (and optionally ``article_id``/``id`` and the fields).
A folder may also hold ``.jsonl`` and ``.csv`` corpora, and subfolders, read recursively: a file
in a subfolder has the id ``sub/name`` (its path from the corpus folder, without ``.txt``), which
is also its ``article_id`` in ``metadata.csv``.  Files and folders whose names start with ``.``,
and files named ``README*``, are documentation and ignored.

Ids are kept as written (a JSON ``0`` is the id ``"0"``).  Metadata values that are not text are
made text: numbers as written (with a warning row for ``title``, ``outlet``, ``published`` and
``url``), lists and mappings as JSON (a list or mapping as ``title``, ``outlet``, ``published`` or
``url`` is ignored, with a warning row).
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from .clean import Rules, clean_text, load_rules
from .dates import AmbiguousDate, parse_date, publication_date
from .segment import count_words

META_FIELDS = ("title", "outlet", "published", "url")
ARTICLE_COLUMNS = ["article_id", "title", "outlet", "published", "date_source", "url", "source",
                   "text", "n_chars", "lines_removed", "spans_removed"]
SKIPPED_COLUMNS = ["source", "article_id", "status", "reason"]
CLEANING_COLUMNS = ["article_id", "rule", "scope", "line", "text"]
UNKNOWN_OUTLET = "unknown"
METADATA_NAME = "metadata.csv"


class CorpusError(ValueError):
    """The corpus as a whole cannot be used (no usable article, a path that does not exist...)."""


@dataclass
class Raw:
    """One candidate article before cleaning."""
    article_id: str
    text: str
    source: str
    meta: dict = field(default_factory=dict)


class Log:
    """Collects the rows of the ``skipped`` table."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def skip(self, source, reason: str, article_id: str | None = None) -> None:
        self.rows.append({"source": str(source), "article_id": article_id, "status": "skipped", "reason": reason})

    def warn(self, source, reason: str, article_id: str | None = None) -> None:
        self.rows.append({"source": str(source), "article_id": article_id, "status": "warning", "reason": reason})

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=SKIPPED_COLUMNS)


# ---------------------------------------------------------------------------------------------
# Reading bytes as text


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or mostly control characters, in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in head)
    return bool(head) and controls / len(head) > 0.10


_UTF_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def unicode_encoding(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding of ``data``, from its byte-order mark or, without one, from
    where its NUL bytes fall (English text in UTF-16 has a NUL in every other byte: Windows'
    "Unicode" save); None for anything else."""
    for bom, name in _UTF_BOMS:
        if data.startswith(bom):
            return None if name == "utf-8-sig" else name
    head = data[:4096]
    head = head[:len(head) // 4 * 4]
    if len(head) < 4 or b"\x00" not in head:
        return None
    quarters = [head[i::4].count(0) / (len(head) / 4) for i in range(4)]
    if quarters[1] > 0.9 and quarters[2] > 0.9 and quarters[3] > 0.9 and quarters[0] < 0.5:
        return "utf-32-le"
    if quarters[0] > 0.9 and quarters[1] > 0.9 and quarters[2] > 0.9 and quarters[3] < 0.5:
        return "utf-32-be"
    even, odd = head[0::2].count(0) / (len(head) / 2), head[1::2].count(0) / (len(head) / 2)
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode as UTF-8 (BOM allowed), UTF-16 or UTF-32 (with or without a BOM); fall back to
    cp1252, then Latin-1, with a warning.  Returns (text, warning)."""
    wide = unicode_encoding(data)
    if wide:
        try:
            return data.decode(wide).lstrip("\ufeff"), None
        except UnicodeDecodeError as exc:
            raise UnicodeDecodeError(exc.encoding, exc.object, exc.start, exc.end,
                                     f"looks like {wide} but is not: {exc.reason}") from exc
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = f"invalid UTF-8 at byte {exc.start}"
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), f"{where}; decoded as {encoding}"
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def read_text(path: Path, log: Log) -> str | None:
    """The file's text, or None (with the reason logged) when it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.skip(path, f"unreadable: {exc.strerror or exc}")
        return None
    if not data.strip():
        log.skip(path, "empty file")
        return None
    if unicode_encoding(data) is None and looks_binary(data):
        log.skip(path, "binary file (NUL or control bytes), not text")
        return None
    try:
        text, warning = decode(data)
    except UnicodeDecodeError as exc:
        log.skip(path, f"undecodable: {exc.reason}")
        return None
    if looks_binary(text.encode("utf-8", "replace")):
        log.skip(path, "binary file (control characters), not text")
        return None
    if warning:
        log.warn(path, warning, path.stem)
    return text


# ---------------------------------------------------------------------------------------------
# Sources


def _clean_meta(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if key is None:
            continue
        key = str(key).strip()
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
            value = None
        out[key] = value
    return out


def read_metadata(path: Path, log: Log) -> dict[str, dict]:
    """``metadata.csv`` rows by ``article_id``; malformed rows are logged and left out."""
    text = read_text(path, log)
    if text is None:
        return {}
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        log.skip(path, f"metadata has no readable header row ({exc or 'empty'}); metadata ignored")
        return {}
    if "article_id" not in header:
        log.skip(path, f"metadata has no 'article_id' column (columns: {', '.join(header)}); metadata ignored")
        return {}
    rows: dict[str, dict] = {}
    line = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = reader.line_num
            log.skip(f"{path}:{line}", f"malformed metadata row: {exc}")
            continue
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            log.skip(f"{path}:{line}", f"malformed metadata row: {len(values)} fields, expected {len(header)}")
            continue
        row = _clean_meta(dict(zip(header, values)))
        aid = row.get("article_id")
        if not aid:
            log.skip(f"{path}:{line}", "malformed metadata row: empty article_id")
            continue
        if aid in rows:
            log.skip(f"{path}:{line}", f"duplicate metadata row for {aid}; the first one is used", aid)
            continue
        row["_line"] = line
        rows[aid] = row
    return rows


def _record(obj: dict, where: str, default_id: str, log: Log) -> Iterator[Raw]:
    meta = _clean_meta(obj)
    text = meta.pop("text", None)
    aid = record_id(meta, default_id)
    if aid is None:
        log.skip(where, "the id is a list or a mapping, not a name")
        return
    if not isinstance(text, str) or not text.strip():
        log.skip(where, "no text" if text in (None, "") else f"'text' is not a string ({type(text).__name__})", aid)
        return
    yield Raw(aid, text, where, as_text_metadata(meta, where, aid, log))


def record_id(meta: dict, default_id: str) -> str | None:
    """The record's ``article_id`` (else ``id``) as written -- ``0`` is ``"0"``, not missing --
    or ``default_id`` when it has neither; None when the id is a list or a mapping.  Both keys
    are removed from ``meta``, the one not used kept as an extra column."""
    aid = meta.pop("article_id", None)
    other = meta.pop("id", None)
    if aid is None:
        aid, other = other, None
    if other is not None:
        meta["id"] = other
    if aid is None:
        return default_id
    if isinstance(aid, (dict, list)):
        return None
    return _scalar_text(aid)


def _scalar_text(value) -> str:
    """A JSON scalar as written: 12 -> "12", 1.5 -> "1.5", true -> "true"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def as_text_metadata(meta: dict, where: str, article_id: str, log: Log) -> dict:
    """``meta`` with every value text (or None): numbers as written, lists and mappings as JSON.
    A non-text ``title``, ``outlet``, ``published`` or ``url`` gets a warning row; a list or a
    mapping there is ignored (which title would it be?)."""
    out = {}
    for key, value in meta.items():
        if value is None or isinstance(value, str):
            out[key] = value
        elif isinstance(value, (dict, list)):
            if key in META_FIELDS:
                log.warn(where, f"{key!r} is a {type(value).__name__}, not text; ignored", article_id)
                out[key] = None
            else:
                out[key] = json.dumps(value, ensure_ascii=False)
        else:
            out[key] = _scalar_text(value)
            if key in META_FIELDS:
                log.warn(where, f"{key!r} is a {type(value).__name__} ({out[key]}); used as the text "
                         f"{out[key]!r}", article_id)
    return out


def folder_files(folder: Path) -> list[Path]:
    """Every file under ``folder``, recursively, in path order; files and folders whose names
    start with ``.`` are left out (version control, caches, editor files), and so are
    symbolic links to folders (a link can loop).  Broken links are listed: loading reports them."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
        found += [Path(root, f) for f in files if not f.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def iter_folder(folder: Path, metadata: Path | None, log: Log, columns=None) -> Iterator[Raw]:
    """Every article in a folder and its sub-folders (``folder_files``): each .txt file (a file in
    a sub-folder gets the id ``sub/name``), and the records of each record file (JSONL, CSV,
    compressed or not, Parquet)."""
    from . import sources

    for path in folder_files(folder):
        if path.name.upper().startswith("README"):
            continue
        if metadata is not None and path.resolve() == metadata.resolve():
            continue
        if path.suffix.lower() == ".txt":
            rel = path.relative_to(folder)
            yield from iter_text_file(path, log, rel.with_suffix("").as_posix() if len(rel.parts) > 1 else None)
        else:
            yield from sources.iter_records([path], log, columns or {})


def iter_file(path: Path, log: Log, columns=None) -> Iterator[Raw]:
    """The articles of one file: a .txt file is one article; a record file holds many."""
    from . import sources

    if path.suffix.lower() == ".txt":
        yield from iter_text_file(path, log)
    else:
        yield from sources.iter_records([path], log, columns or {})


# ---------------------------------------------------------------------------------------------
# The corpus


@dataclass
class Corpus:
    """The loaded corpus.  ``articles`` and ``skipped`` are tidy frames; ``sentences``,
    ``paragraphs`` and ``words`` are computed on first use."""

    articles: pd.DataFrame
    skipped: pd.DataFrame
    cleaning: pd.DataFrame
    source: str = ""
    # How the corpus is read beyond its files, kept for every table computed from it: ``model``
    # (the spaCy pipeline) and ``extract`` (the extract folder it was read from, whose tables are
    # used instead of computing them again).  A filtered corpus keeps them.
    settings: dict = field(default_factory=dict)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        from .segment import paragraphs
        return paragraphs(self.require_text())

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence (``segment.sentences``).  An over-long sentence is split, and a
        warning row added to ``skipped`` for it (never silently)."""
        from .segment import sentences
        split: list[tuple] = []
        frame = sentences(self.require_text(), on_split=lambda *found: split.append(found))
        if split:
            self.skipped = pd.concat([self.skipped, split_warnings(self.articles, split)], ignore_index=True)
        return frame

    @cached_property
    def sentence_index(self) -> dict[str, list[tuple[int, int, int, int]]]:
        """article_id -> (sent_id, start, end, para_id) of each sentence (``tokenize.sentence_index``)."""
        from .segment import sentence_index
        return sentence_index(self.sentences)

    @cached_property
    def words(self) -> pd.DataFrame:
        from .segment import words
        return words(self.sentences)

    @cached_property
    def word_counts(self) -> pd.Series:
        """Words per article (tokens with a letter or digit), indexed by article_id: the one count
        every "per 1,000 words" rate divides by: the articles' ``n_words`` when they come from an
        extract folder (counted once, when it was written), else counted here."""
        a = self.articles
        words = a["n_words"].to_numpy() if "n_words" in a else [count_words(t) for t in self.require_text()["text"]]
        return pd.Series(words, index=a["article_id"], name="words", dtype="int64")

    def require_text(self) -> pd.DataFrame:
        """The articles, with their text read from the extract folder first if the corpus was
        loaded without it (``tables.load_extract(text=False)``): what computing a table needs."""
        if "text" not in self.articles:
            from ..tables import read_table
            source = self.settings.get("extract")
            if not source:
                raise CorpusError("the articles have no text and the corpus names no extract folder to read it from")
            text = read_table(source[0], "articles", columns=["article_id", "text"])
            text = dict(zip(text["article_id"].astype(str), text["text"].fillna("")))
            self.articles = self.articles.assign(
                text=pd.Series([text.get(a, "") for a in self.articles["article_id"]], index=self.articles.index,
                               dtype="str"))
        return self.articles

    def __len__(self) -> int:
        return len(self.articles)

    def summary(self) -> dict:
        a = self.articles
        dated = a["published"].dropna()
        return {
            "source": self.source,
            "articles": len(a),
            "outlets": int(a["outlet"].nunique()),
            "first_date": dated.min().date().isoformat() if len(dated) else None,
            "last_date": dated.max().date().isoformat() if len(dated) else None,
            "undated": int(a["published"].isna().sum()),
            "skipped": int((self.skipped["status"] == "skipped").sum()),
            "warnings": int((self.skipped["status"] == "warning").sum()),
            "characters": int(a["n_chars"].sum()),
        }

    def filter(self, start=None, end=None, outlets=None) -> "Corpus":
        """The articles published in [start, end] (inclusive) and by the given outlets.

        Undated articles are kept only when no date bound is given.  Bad values raise ValueError
        naming the parameter.  No filter given: the corpus itself (no copy of every table)."""
        if start in (None, "") and end in (None, "") and not outlets:
            return self
        a = self.articles
        mask = pd.Series(True, index=a.index)
        for name, value, keep in (("start_date", start, lambda d: a["published"] >= d),
                                  ("end_date", end, lambda d: a["published"] <= d)):
            if value in (None, ""):
                continue
            date = parse_date(value)
            if date is None:
                raise ValueError(f"{name}={value!r} is not a date (use YYYY-MM-DD)")
            mask &= keep(pd.Timestamp(date)).fillna(False)
        if outlets:
            if isinstance(outlets, str):
                outlets = [outlets]
            known = set(a["outlet"])
            unknown = [o for o in outlets if o not in known]
            if unknown:
                raise ValueError(f"outlets={unknown!r} not in the corpus; known outlets: {sorted(known)}")
            mask &= a["outlet"].isin(outlets)
        kept = a[mask].reset_index(drop=True)
        ids = set(kept["article_id"])
        sub = Corpus(kept, self.skipped, self.cleaning[self.cleaning["article_id"].isin(ids)], self.source,
                     self.settings)
        # what is already tokenized stays tokenized: the same rows, for the articles kept
        for name in ("paragraphs", "sentences", "words"):
            if name in self.__dict__:
                frame = self.__dict__[name]
                sub.__dict__[name] = frame[frame["article_id"].isin(ids)].reset_index(drop=True)
        if "word_counts" in self.__dict__:
            sub.__dict__["word_counts"] = self.word_counts[self.word_counts.index.isin(ids)]
        # the parse is looked up (and cached) for the whole corpus, and cut to the articles kept
        sub.__dict__["parent"] = self.__dict__.get("parent", self)
        return sub


def split_warnings(articles: pd.DataFrame, split: list[tuple]) -> pd.DataFrame:
    """The ``skipped`` rows (status ``warning``) for sentences split because they were too long:
    ``split`` holds (article_id, start, end, pieces)."""
    from .segment import MAX_SENTENCE_CHARS

    source = dict(zip(articles["article_id"], articles["source"]))
    log = Log()
    for aid, start, end, pieces in split:
        log.warn(source.get(aid, ""), f"a sentence of {end - start:,} characters (at {start:,}-{end:,}) was split "
                 f"into {pieces} pieces: no sentence end within {MAX_SENTENCE_CHARS:,} characters", aid)
    return log.frame()


def _iter_raw(path: Path, metadata: Path | None, log: Log, columns=None) -> Iterable[Raw]:
    from . import sources

    if sources.is_pattern(str(path)):
        return _iter_pattern(str(path), metadata, log, columns)
    if path.is_dir():
        if sources.kind(path) == "parquet" and not any(path.glob("*.txt")):
            return sources.iter_records([path], log, columns or {})
        return iter_folder(path, metadata, log, columns)
    if path.suffix.lower() == ".txt" or sources.kind(path):
        return iter_file(path, log, columns)
    raise CorpusError(f"{path}: unsupported corpus (give a folder of .txt files, a .jsonl or .csv file "
                      "(optionally .gz, .bz2, .xz), a .parquet file or folder, or a glob of them)")


def _iter_pattern(pattern: str, metadata: Path | None, log: Log, columns=None) -> Iterator[Raw]:
    from . import sources

    for path in sources.expand(pattern):
        if path.is_dir() or (metadata is not None and path.resolve() == metadata.resolve()):
            continue
        yield from iter_file(path, log, columns)


def iter_text_file(path: Path, log: Log, article_id: str | None = None) -> Iterator[Raw]:
    """The article of one ``.txt`` file; its id is the file name without ``.txt`` unless given."""
    text = read_text(path, log)
    if text is not None:
        yield Raw(article_id or path.stem, text, str(path))


def load_corpus(path: str | Path, metadata: str | Path | None = None, *,
                cleaning: str | Path | Rules | None = None,
                progress: Callable[[int], None] | None = None, columns=None,
                date_format: str | None = None) -> Corpus:
    """Load, clean and date a corpus.  See the module docstring for the accepted inputs.

    ``metadata`` defaults to ``metadata.csv`` inside a corpus folder when present.  ``progress``
    is called with the number of inputs read so far, after each one (for a progress display).  Metadata wins
    over what the record itself says; ``published`` falls back to the dateline or "Published"
    line at the top of the text, never a date of an event it reports (``date_source`` =
    ``metadata``, ``record``, ``text`` or ``none``).  ``date_format`` reads numeric metadata dates
    whose day and month could be either ("11/10/2023"): ``day-first``, ``month-first`` or a
    strftime format such as ``%d/%m/%Y``; without it such a date is a warning, not a guess.
    ``path`` may be a glob of record files; ``columns`` maps export column names to ours
    (``sources.parse_columns``).
    """
    loader = Loader(path, metadata, cleaning, columns)
    rows, removals = [], []
    for n, (raw, meta_row) in enumerate(loader.records(), start=1):
        if progress:
            progress(n)
        prepared = prepare(raw, meta_row, loader.rules, loader.log, date_format)
        if prepared is not None:
            rows.append(prepared[0])
            removals.extend(prepared[1])
    loader.finish()
    return assemble(rows, removals, loader.log.frame(), str(loader.path))


class Loader:
    """Reading a corpus, apart from cleaning and dating its articles, so that the two can run in
    different processes (``conflictnews.pipeline`` reads in one and cleans in many).

    ``records()`` yields each article's raw record with its metadata row, once per id (a
    duplicate id is skipped with the file that had it first); ``finish()`` then reports metadata
    rows that matched no article.  Problems go to ``log``."""

    def __init__(self, path: str | Path, metadata: str | Path | None = None,
                 cleaning: str | Path | Rules | None = None, columns=None) -> None:
        from . import sources

        self.columns = sources.parse_columns(columns)
        self.path = Path(path)
        if sources.is_pattern(str(self.path)):
            if not sources.expand(str(self.path)):
                raise CorpusError(f"no file matches {self.path}")
        elif not self.path.exists():
            raise CorpusError(f"corpus not found: {self.path}")
        self.log = Log()
        if metadata in (None, "") and self.path.is_dir() and (self.path / METADATA_NAME).exists():
            metadata = self.path / METADATA_NAME
        self.meta_path = Path(metadata) if metadata not in (None, "") else None
        if self.meta_path is not None and not self.meta_path.exists():
            raise CorpusError(f"metadata file not found: {self.meta_path}")
        self.meta = read_metadata(self.meta_path, self.log) if self.meta_path else {}
        self.rules = cleaning if isinstance(cleaning, Rules) else load_rules(cleaning)
        self.seen: dict[str, str] = {}

    def records(self) -> Iterator[tuple[Raw, dict]]:
        for raw in _iter_raw(self.path, self.meta_path, self.log, self.columns):
            first = self.seen.get(raw.article_id)
            if first is not None:
                self.log.skip(raw.source, f"duplicate article id {raw.article_id!r} (first read from {first})",
                              raw.article_id)
                continue
            self.seen[raw.article_id] = raw.source
            yield raw, self.meta.get(raw.article_id, {})

    def finish(self) -> None:
        for aid, row in self.meta.items():
            if aid not in self.seen:
                self.log.skip(f"{self.meta_path}:{row['_line']}", f"metadata row for {aid!r} matches no article", aid)


def prepare(raw: Raw, meta_row: dict, rules: Rules, log: Log,
            date_format: str | None = None) -> tuple[dict, list[dict]] | None:
    """One article cleaned and dated: (its articles row, its cleaning rows), or None (logged) when
    cleaning leaves no text.  Pure but for the log: any process can do it."""
    text, removed = clean_text(raw.text, rules)
    if not text:
        log.skip(raw.source, "no text left after cleaning", raw.article_id)
        return None
    row_meta = {**raw.meta, **{k: v for k, v in meta_row.items() if v is not None}}
    row_meta.pop("_line", None)
    published, date_source = _date(raw, meta_row, text, log, date_format)
    row = {**row_meta, "article_id": raw.article_id, "text": text, "source": raw.source,
           "published": published, "date_source": date_source, "n_chars": len(text),
           "lines_removed": len({r.line for r in removed if r.scope == "line"}),
           "spans_removed": sum(r.scope == "span" for r in removed)}
    return row, [{"article_id": raw.article_id, "rule": r.rule, "scope": r.scope, "line": r.line, "text": r.text}
                 for r in removed]


def assemble(rows: list[dict], removals: list[dict], skipped: pd.DataFrame, source: str, *,
             allow_empty: bool = False) -> Corpus:
    """The Corpus of prepared articles; no usable article is an error listing why (unless
    ``allow_empty``: one partition of a larger corpus may have none)."""
    if not rows and not allow_empty:
        reasons = "; ".join(f"{r.source}: {r.reason}" for r in skipped.itertuples()) or "no input files"
        raise CorpusError(f"no usable article in {source} ({reasons})")
    articles = _articles_frame(rows) if rows else pd.DataFrame(columns=ARTICLE_COLUMNS)
    return Corpus(articles, skipped, pd.DataFrame(removals, columns=CLEANING_COLUMNS), source)


def _date(raw: Raw, meta_row: dict, text: str, log: Log, date_format: str | None = None):
    """The publication date and where it comes from: the metadata, the record, the article's
    dateline or "Published" line (``dates.publication_date``; never a background phrase such as
    "since October 7, 2023"), or none."""
    for origin, value in (("metadata", meta_row.get("published")), ("record", raw.meta.get("published"))):
        if value in (None, ""):
            continue
        try:
            date = parse_date(value, date_format)
        except AmbiguousDate as exc:
            log.warn(raw.source, f"published date in {origin}: {exc}; looking for a date in the text", raw.article_id)
            continue
        if date:
            return pd.Timestamp(date), origin
        log.warn(raw.source, f"unreadable published date {value!r} in {origin}; looking for a date in the text",
                 raw.article_id)
    date = publication_date(text)
    return (pd.Timestamp(date), "text") if date else (pd.NaT, "none")


def _title(text: str) -> str:
    first = text.split("\n", 1)[0].strip()
    return first if len(first) <= 200 else first[:197].rstrip() + "..."


def _articles_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for col in ARTICLE_COLUMNS:
        if col not in df:
            df[col] = None
    df["title"] = [t if isinstance(t, str) and t else _title(x) for t, x in zip(df["title"], df["text"])]
    df["outlet"] = df["outlet"].where(df["outlet"].notna() & (df["outlet"] != ""), UNKNOWN_OUTLET)
    df["published"] = pd.to_datetime(df["published"])
    extra = [c for c in df.columns if c not in ARTICLE_COLUMNS]
    return df[ARTICLE_COLUMNS + extra].reset_index(drop=True)
