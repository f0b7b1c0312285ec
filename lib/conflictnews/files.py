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


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """CSV with ISO dates and no index, written atomically."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, date_format="%Y-%m-%d")
    return Path(path)


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
