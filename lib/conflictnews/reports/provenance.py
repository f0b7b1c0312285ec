"""Where a report comes from: library version, render date, the corpus and a hash of its content,
the parameters and the conflict profile.  Every report and the index carry it at the top, so a
report shared by e-mail still says what it was made from."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .. import __version__

_CHUNK = 1 << 20


def content_hash(*paths) -> str | None:
    """SHA-256 of the bytes of the corpus (a file, or every file under a folder, by relative
    path) and of any other input given (the metadata file): the same hash means the same text,
    whatever the files' dates.  Hidden files are left out, as the loader leaves them out."""
    digest = hashlib.sha256()
    found = False
    for path in paths:
        if path in (None, ""):
            continue
        path = Path(path)
        files = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        ) if path.is_dir() else []
        for f in files:
            digest.update(str(f.relative_to(path) if f != path else f.name).encode("utf-8") + b"\0")
            with f.open("rb") as fh:
                for chunk in iter(lambda: fh.read(_CHUNK), b""):
                    digest.update(chunk)
            found = True
    return digest.hexdigest() if found else None


def provenance(parameters: dict, summary: dict | None = None, *, when: dt.datetime | None = None) -> dict:
    """The provenance of one render: what a reader needs to know to trust or reproduce it."""
    when = when or dt.datetime.now(dt.timezone.utc)
    corpus = parameters.get("corpus")
    digest = content_hash(corpus, parameters.get("metadata")) if corpus and Path(corpus).exists() else None
    shown = {k: v for k, v in parameters.items() if k not in ("output_dir", "corpus")}
    articles = f"{summary['articles']:,} articles" if summary and "articles" in summary else None
    return {
        "rendered": when.strftime("%Y-%m-%d %H:%M UTC"),
        "library": f"conflictnews {__version__}",
        "corpus": " — ".join(x for x in (str(corpus) if corpus else "", articles or "") if x) or None,
        "corpus content (SHA-256)": digest,
        "profile": parameters.get("profile") or "none (the shipped resources)",
        "parameters": shown or "defaults",
    }
