"""Writing files whole or not at all: a crash never leaves a half-written output behind; CSV that
a spreadsheet cannot run as formulas; cache folders that only their owner can write."""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd


# The process's umask, read once (reading it means setting it): files are created with the
# permissions a plain open() would give them, not mkstemp's owner-only 0600, so that a report
# can be shared from a web or team folder.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; it replaces ``path`` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text(path: str | Path, text: str) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


# Whether CSV files start with a UTF-8 byte-order mark: on unless this variable is "0" (the
# command line's --no-csv-bom sets it, for this process and the notebook kernels it starts).
BOM_ENV = "CONFLICTNEWS_CSV_BOM"


def csv_bom_default() -> bool:
    """CSVs get a byte-order mark unless ``CONFLICTNEWS_CSV_BOM=0``: without one, Excel reads
    UTF-8 as a legacy code page and mangles accents and curly quotes."""
    return os.environ.get(BOM_ENV, "1").strip().lower() not in ("0", "no", "false", "off")


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every float column whose values are all whole numbers (missing values
    allowed) as a nullable integer column, so a count is written ``9000``, not ``9000.0``."""
    out = None
    for col in frame.columns:
        values = frame[col]
        if not pd.api.types.is_float_dtype(values):
            continue
        finite = values.dropna()
        if len(finite) and bool(((finite == finite.round()) & (finite.abs() < 2 ** 53)).all()):
            out = frame.copy() if out is None else out
            out[col] = values.round().astype("Int64")
    return frame if out is None else out


def write_csv(frame: pd.DataFrame, path: str | Path, *, raw: bool = False, bom: bool | None = None) -> Path:
    """CSV with ISO dates, whole numbers as integers and no index, written atomically.

    Safe to open in a spreadsheet: a text cell (or column name) that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return -- which Excel, LibreOffice and Google Sheets would
    run as a formula ("=HYPERLINK(...)", "+cmd|...") -- is written with a ``'`` before it
    (:func:`neutralise_formulas`).  ``raw=True`` writes every value as it is, for programs.
    ``bom``: start with a UTF-8 byte-order mark (default: ``csv_bom_default()``, on), so that a
    spreadsheet opens the file as UTF-8.

    Rows end in CRLF (RFC 4180): then a cell holding a lone carriage return is quoted, where with
    bare line feeds it would be written as it is and cut the row in two for every reader."""
    with atomic_path(path) as tmp:
        with open_csv(tmp, bom) as fh:
            write_csv_rows(frame, fh, header=True, raw=raw)
    return Path(path)


def open_csv(path: str | Path, bom: bool | None = None):
    """An open text file for :func:`write_csv_rows`, with the byte-order mark ``write_csv`` gives."""
    bom = csv_bom_default() if bom is None else bom
    return open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")


def write_csv_rows(frame: pd.DataFrame, fh, *, header: bool, raw: bool = False) -> None:
    """Append ``frame`` to a file from :func:`open_csv` the way :func:`write_csv` writes
    (formulas neutralised unless ``raw``, whole numbers as integers, ISO dates, CRLF rows): for
    tables written part by part too."""
    if not raw:
        frame = neutralise_formulas(frame)
    whole_numbers(frame).to_csv(fh, index=False, header=header, date_format="%Y-%m-%d", lineterminator="\r\n")


def prune_oldest(folder: str | Path, pattern: str, keep: int) -> None:
    """Keep the ``keep`` most recently used files matching ``pattern`` in ``folder`` (by mtime;
    readers touch what they use).  Another process may be pruning too: a file already gone is fine."""
    def last_used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0
    for old in sorted(Path(folder).glob(pattern), key=last_used, reverse=True)[keep:]:
        old.unlink(missing_ok=True)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _formula_safe(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and column name that a spreadsheet would run as a formula
    prefixed with ``'`` (OWASP's advice for CSV injection); numbers are left alone (-5 stays a
    number).  The frame is copied only when something changes."""
    out = frame
    for i, column in enumerate(frame.columns):
        values = frame.iloc[:, i]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        if not len(values):
            continue
        try:
            risky = values.str[:1].isin(FORMULA_STARTS)
        except AttributeError:  # an object column without text (numbers, lists...)
            risky = values.map(lambda v: _formula_safe(v) is not v)
        if risky.any():
            out = out.copy() if out is frame else out
            out.iloc[:, i] = values.map(_formula_safe)
    names = [_formula_safe(c) for c in out.columns]
    if names != list(out.columns):
        out = out.set_axis(names, axis=1) if out is not frame else frame.set_axis(names, axis=1)
    return out


# ---------------------------------------------------------------------------------------------
# Folders whose content is trusted (caches): only their owner may write them.


class UnsafeFolderError(PermissionError):
    """A folder that others can write to was given where the project trusts what it reads."""


def private_folder_problem(path: str | Path) -> str | None:
    """Why ``path`` (an existing folder or file) cannot be trusted, or None: it must belong to
    the current user and not be writable by the group or others.  (No check where the system
    has no user ids, as on Windows.)"""
    if not hasattr(os, "getuid"):
        return None
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"cannot be inspected ({exc.strerror or exc})"
    if stat.S_ISLNK(st.st_mode):
        return "is a symbolic link"
    if st.st_uid != os.getuid():
        return f"belongs to another user (uid {st.st_uid}, you are {os.getuid()})"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        who = " and ".join(w for w, bit in (("its group", stat.S_IWGRP), ("every user", stat.S_IWOTH))
                           if st.st_mode & bit)
        return f"is writable by {who} (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def ensure_private_folder(path: str | Path, what: str = "cache folder") -> Path:
    """Create ``path`` readable and writable by its owner only (0700), or check that the existing
    folder is one only its owner can write; raise :class:`UnsafeFolderError` saying why not.

    For caches whose content decides what a report shows (the corpus snapshot, a parse cache):
    anyone who can write the folder could plant an entry.  The entries are data, never code, but
    a planted one would still change the figures."""
    path = Path(path)
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if hasattr(os, "getuid"):
            os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask; make it exact
    problem = private_folder_problem(path)
    if problem is None and not path.is_dir():
        problem = "is not a folder"
    if problem:
        raise UnsafeFolderError(
            f"{what} {path} {problem}: anyone who can write it could change what the reports show, so "
            f"it is not used. Choose a folder of your own (e.g. `mkdir -m 700 ~/.cache/conflictnews`), "
            f"or make this one yours only (`chmod go-w {path}`).")
    return path
