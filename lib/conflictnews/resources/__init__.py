"""User-editable knowledge: cleaning rules, abbreviations, stopwords, gazetteers and lexicons.

Every resource is a YAML (or plain-text) file in this folder.  Each function that uses one takes
an optional path, so a user's own file replaces the shipped one without touching the code.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


class ResourceError(ValueError):
    """A resource file is missing or malformed; the message names the file and the problem."""


def resource_path(name_or_path: str | Path) -> Path:
    """A shipped resource by name (``"cleaning"`` or ``"cleaning.yml"``), or a user's file by path."""
    p = Path(name_or_path)
    if p.suffix and p.exists():
        return p.resolve()
    for candidate in (HERE / p.name, HERE / f"{p.name}.yml", HERE / f"{p.name}.txt"):
        if candidate.exists():
            return candidate
    raise ResourceError(f"resource not found: {name_or_path} (looked for a file, and in {HERE})")


@lru_cache(maxsize=64)
def _load_yaml(path: Path, mtime: float) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        raise ResourceError(f"{path}: not valid YAML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{path}: not UTF-8 text: {exc}") from exc


def load_yaml(name_or_path: str | Path, *, required: tuple[str, ...] = ()) -> dict:
    """Load a YAML mapping; ``required`` keys must be present (else a ResourceError naming them)."""
    path = resource_path(name_or_path)
    data = _load_yaml(path, path.stat().st_mtime)
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    missing = [k for k in required if k not in data]
    if missing:
        raise ResourceError(f"{path}: missing key(s) {', '.join(missing)}")
    return data


def check_pattern(rx: str, where: str, path, error: type[ResourceError] = ResourceError,
                  *, allow_empty: bool = False) -> re.Pattern:
    """Compile a resource's regular expression (case-insensitive), or raise ``error`` naming the
    file, the entry and the problem: invalid, a capturing group (terms are combined into larger
    patterns whose groups are their own), or matching the empty string."""
    try:
        compiled = re.compile(rx, re.I)
    except re.error as exc:
        raise error(f"{path}: {where}: term {rx!r} is not a valid regular expression: {exc}") from exc
    if compiled.groups:
        raise error(f"{path}: {where}: term {rx!r} has a capturing group; use (?:...)")
    if not allow_empty and compiled.match(""):
        raise error(f"{path}: {where}: term {rx!r} matches the empty string")
    return compiled


def load_wordlist(name_or_path: str | Path) -> frozenset[str]:
    """A plain-text list: one entry per line, ``#`` starts a comment, case-folded (read once per
    file and modification time, like ``load_yaml``)."""
    path = resource_path(name_or_path)
    return _load_wordlist(path, path.stat().st_mtime)


@lru_cache(maxsize=64)
def _load_wordlist(path: Path, mtime: float) -> frozenset[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)
