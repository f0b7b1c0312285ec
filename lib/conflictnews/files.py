"""Writing files whole or not at all: a crash never leaves a half-written output behind."""
from __future__ import annotations

import os
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


def write_csv(frame: pd.DataFrame, path: str | Path, *, bom: bool | None = None) -> Path:
    """CSV with ISO dates, whole numbers as integers and no index, written atomically.

    ``bom``: start with a UTF-8 byte-order mark (default: ``csv_bom_default()``, on), so that a
    spreadsheet opens the file as UTF-8."""
    bom = csv_bom_default() if bom is None else bom
    with atomic_path(path) as tmp:
        whole_numbers(frame).to_csv(tmp, index=False, date_format="%Y-%m-%d",
                                    encoding="utf-8-sig" if bom else "utf-8")
    return Path(path)
