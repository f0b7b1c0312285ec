"""Corpus inputs that scale: many record files named by a glob, compressed files, Parquet files
and folders, read as a stream of records (never a whole file in memory), with the column names
of the usual exports mapped to ours.

    records(["exports/*.jsonl.gz"], log)          # Raw records, one at a time
    records(["stories.parquet"], log, columns={"outlet": "source_name"})

Accepted, alone or mixed in a folder or a glob: ``.jsonl`` and ``.csv`` files, each optionally
compressed (``.gz``, ``.bz2``, ``.xz``); ``.parquet`` files; a folder of ``.parquet`` files (a
Parquet dataset). A bad line or row lands in ``skipped`` with its file and line, and the rest of
the file is still read.

Column names: a record's fields are looked up under our name first (``article_id`` or ``id``,
``text``, ``title``, ``outlet``, ``published``, ``url``), then under the names of
``EXPORT_COLUMNS`` (MediaCloud's ``stories_id``, ``publish_date``, ``media_name``), then the
user's mapping (``columns={"outlet": "source_name"}``, on the command line
``--columns outlet=source_name``), which wins over both.
"""
from __future__ import annotations

import bz2
import csv
import glob
import gzip
import io
import json
import lzma
from pathlib import Path
from typing import Iterable, Iterator, Mapping

# Our field <- the names the usual exports give it (MediaCloud's story exports and API).
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "article_id": ("stories_id", "story_id"),
    "published": ("publish_date", "publication_date"),
    "outlet": ("media_name",),
}
OUR_FIELDS = ("article_id", "text", "title", "outlet", "published", "url")
_OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
RECORD_SUFFIXES = (".jsonl", ".csv")
CSV_FIELD_LIMIT = 1 << 30  # an article may be longer than csv's default 128 KiB field


class ColumnError(ValueError):
    """A column mapping is malformed (the message says which entry)."""


def parse_columns(spec: str | Mapping | None) -> dict[str, str]:
    """``"outlet=source_name,published=pubdate"`` (or a mapping) as {our field: their column}."""
    if not spec:
        return {}
    if isinstance(spec, Mapping):
        pairs = list(spec.items())
    else:
        pairs = []
        for part in str(spec).split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise ColumnError(f"--columns {part!r}: expected our_field=their_column")
            ours, theirs = part.split("=", 1)
            pairs.append((ours.strip(), theirs.strip()))
    unknown = [o for o, _ in pairs if o not in OUR_FIELDS]
    if unknown:
        raise ColumnError(f"--columns: unknown field(s) {unknown}; ours are {', '.join(OUR_FIELDS)}")
    return {ours: theirs for ours, theirs in pairs}


def rename(obj: dict, columns: Mapping[str, str]) -> dict:
    """``obj`` with export and user column names mapped to ours (ours kept when both are there,
    except where the user named a column: then theirs wins)."""
    out = dict(obj)
    for ours, names in EXPORT_COLUMNS.items():
        if ours not in out and not (ours == "article_id" and "id" in out):
            for name in names:
                if name in out:
                    out[ours] = out.pop(name)
                    break
    for ours, theirs in columns.items():
        if theirs in obj:
            out[ours] = obj[theirs]
            if theirs != ours:
                out.pop(theirs, None)
    return out


def is_pattern(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def compression(path: Path) -> str:
    """The compression suffix of ``path`` ('' when none)."""
    return path.suffix.lower() if path.suffix.lower() in _OPENERS else ""


def kind(path: Path) -> str | None:
    """``jsonl``, ``csv``, ``parquet`` (a file or a folder of them), or None."""
    if path.is_dir():
        return "parquet" if any(path.glob("*.parquet")) else None
    name = path.name.lower()
    base = name[: -len(compression(path))] if compression(path) else name
    for suffix in (".jsonl", ".csv", ".parquet"):
        if base.endswith(suffix):
            return suffix[1:]
    return None


def expand(pattern: str) -> list[Path]:
    """The files a glob names, sorted (``**`` reaches into sub-folders)."""
    return [Path(p) for p in sorted(glob.glob(pattern, recursive=True))]


def _open_text(path: Path):
    opener = _OPENERS.get(compression(path))
    raw = opener(path, "rb") if opener else open(path, "rb")
    return raw


def _decoded_lines(path: Path, log) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line, split on ``\\n`` only (a U+2028 inside a JSON string is
    text, not a line end); UTF-8, falling back to cp1252 per line with one warning per file."""
    warned = False
    with _open_text(path) as fh:
        for n, line in enumerate(fh, start=1):
            try:
                text = line.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                text = line.decode("cp1252", errors="replace")
                if not warned:
                    log.warn(f"{path}:{n}", f"invalid UTF-8 at byte {exc.start}; lines like it decoded as cp1252")
                    warned = True
            yield n, text.rstrip("\r\n")


def iter_jsonl(path: Path, log, columns: Mapping[str, str] = {}) -> Iterator:
    """The records of a JSON-lines file, compressed or not, one line at a time."""
    from .load import _record

    try:
        for n, line in _decoded_lines(path, log):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                log.skip(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(obj, dict):
                log.skip(where, f"expected a JSON object, got {type(obj).__name__}")
                continue
            yield from _record(rename(obj, columns), where, f"{_stem(path)}-{n}", log)
    except (OSError, EOFError, lzma.LZMAError) as exc:  # truncated or not really compressed
        log.skip(path, f"unreadable ({type(exc).__name__}: {exc}); records before the error were read")


def iter_csv(path: Path, log, columns: Mapping[str, str] = {}) -> Iterator:
    """The records of a CSV file with a ``text`` column (after mapping), compressed or not."""
    from .load import _record

    csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        with _open_text(path) as fh:
            reader = csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8-sig", errors="replace", newline=""))
            fields = [f.strip() for f in reader.fieldnames or []]
            if "text" not in rename(dict.fromkeys(fields), columns):
                log.skip(path, f"CSV corpus needs a 'text' column (columns: {', '.join(fields)}); "
                               "map yours with --columns text=NAME")
                return
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    log.skip(f"{path}:{reader.line_num}", f"malformed CSV row: {exc}")
                    continue
                where = f"{path}:{reader.line_num}"
                if None in row:
                    log.skip(where, f"malformed CSV row: {len(row[None])} field(s) beyond the header")
                    continue
                yield from _record(rename({k.strip(): v for k, v in row.items()}, columns), where,
                                   f"{_stem(path)}-{reader.line_num}", log)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        log.skip(path, f"unreadable ({type(exc).__name__}: {exc}); records before the error were read")


def iter_parquet(path: Path, log, columns: Mapping[str, str] = {}, batch_rows: int = 2048) -> Iterator:
    """The records of a Parquet file or folder (dataset), read in batches of rows."""
    import pyarrow.dataset as ds

    from .load import _record

    try:
        dataset = ds.dataset(str(path), format="parquet")
    except Exception as exc:  # not Parquet, corrupt footer...
        log.skip(path, f"not a readable Parquet file or folder ({type(exc).__name__}: {exc})")
        return
    names = dataset.schema.names
    if "text" not in rename(dict.fromkeys(names), columns):
        log.skip(path, f"Parquet corpus needs a 'text' column (columns: {', '.join(names)}); "
                       "map yours with --columns text=NAME")
        return
    row = 0
    try:
        for fragment in dataset.get_fragments():
            where_file = fragment.path
            for batch in fragment.to_batches(batch_size=batch_rows):
                for obj in batch.to_pylist():
                    row += 1
                    yield from _record(rename(_plain(obj), columns), f"{where_file}:row {row}", f"{_stem(path)}-{row}",
                                       log)
    except Exception as exc:
        log.skip(path, f"unreadable after row {row} ({type(exc).__name__}: {exc})")


def _plain(obj: dict) -> dict:
    """Parquet values as the loader takes them: dates and timestamps as ISO text."""
    out = {}
    for k, v in obj.items():
        out[k] = v.isoformat() if hasattr(v, "isoformat") else v
    return out


def _stem(path: Path) -> str:
    name = Path(path).name
    for suffix in (*_OPENERS, ".jsonl", ".csv", ".parquet"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


READERS = {"jsonl": iter_jsonl, "csv": iter_csv, "parquet": iter_parquet}


def _unusable(path: Path) -> str | None:
    """Why a text record file cannot be read at all (missing, empty, binary), from its first 8 KiB."""
    from .load import looks_binary

    try:
        with _open_text(path) as fh:
            head = fh.read(8192)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        return f"unreadable: {getattr(exc, 'strerror', None) or exc}"
    if not head.strip():
        return "empty file"
    if looks_binary(head):
        return "binary file (NUL or control bytes), not text"
    return None


def iter_records(paths: Iterable[Path], log, columns: Mapping[str, str] = {}) -> Iterator:
    """The records of each record file (JSONL, CSV, Parquet) in turn."""
    for path in paths:
        found = kind(path) or ""
        reader = READERS.get(found)
        if reader is None:
            log.skip(path, f"unsupported file type '{''.join(Path(path).suffixes) or Path(path).name}' "
                           "(expected .txt, .jsonl, .csv, optionally .gz/.bz2/.xz, or .parquet)")
            continue
        why = _unusable(path) if found != "parquet" else None
        if why:
            log.skip(path, why)
            continue
        yield from reader(path, log, columns)
