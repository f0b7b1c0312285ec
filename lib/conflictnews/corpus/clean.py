"""Text normalisation and removal of page furniture, driven by ``resources/cleaning.yml``.

``clean_text`` is pure: it returns the cleaned text and the list of what it removed, so the
removal can be audited (the corpus keeps it as the ``cleaning`` table).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import ResourceError, load_yaml, resource_path

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Removal:
    rule: str
    line: int  # 1-based line number in the normalised (pre-cleaning) text
    text: str
    scope: str = "line"  # "line": the whole line went; "span": part of it (a trimmed credit)


@dataclass(frozen=True)
class Rules:
    line: tuple[tuple[str, re.Pattern], ...]
    inline: tuple[tuple[str, re.Pattern], ...]
    drop_duplicates: bool
    source: str


def _compile(path: Path, entries, kind: str) -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for i, entry in enumerate(entries or []):
        if not isinstance(entry, dict) or "pattern" not in entry:
            raise ResourceError(f"{path}: {kind}[{i}] needs a 'pattern' (and a 'name')")
        name = str(entry.get("name", f"{kind}_{i}"))
        try:
            out.append((name, re.compile(entry["pattern"], re.IGNORECASE)))
        except re.error as exc:
            raise ResourceError(f"{path}: {kind}[{i}] ({name}): bad regular expression: {exc}") from exc
    return tuple(out)


@lru_cache(maxsize=16)
def _rules_from(path: Path, mtime: float) -> Rules:
    data = load_yaml(path)
    return Rules(
        line=_compile(path, data.get("line_rules"), "line_rules"),
        inline=_compile(path, data.get("inline_rules"), "inline_rules"),
        drop_duplicates=bool(data.get("drop_consecutive_duplicates", True)),
        source=str(path),
    )


def load_rules(path: str | Path | None = None) -> Rules:
    """The shipped cleaning rules, or a user's YAML file of the same shape."""
    p = resource_path(path or "cleaning.yml")
    return _rules_from(p, p.stat().st_mtime)


def normalise(text: str) -> str:
    """Unicode NFKC, one newline convention, no BOM/zero-width/control characters, single spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def clean_text(text: str, rules: Rules | None = None) -> tuple[str, list[Removal]]:
    """Normalise ``text`` and strip page furniture; returns (clean text, removals).

    Paragraph breaks survive (at most one blank line between paragraphs).
    """
    rules = rules or load_rules()
    removed: list[Removal] = []
    kept: list[str] = []
    previous = None
    for lineno, line in enumerate(normalise(text).split("\n"), start=1):
        if not line:
            kept.append("")
            continue
        rule = next((name for name, pat in rules.line if pat.fullmatch(line)), None)
        if rule:
            removed.append(Removal(rule, lineno, line))
            continue
        spans = []
        for name, pat in rules.inline:
            if pat.search(line):
                spans += [(name, m.group().strip()) for m in pat.finditer(line)]
                line = _SPACES.sub(" ", pat.sub("", line)).strip()  # no double space where it was
        # spans that left nothing of the line removed the line
        removed += [Removal(name, lineno, gone, "span" if line else "line") for name, gone in spans]
        if not line:
            continue
        if rules.drop_duplicates and line == previous:
            removed.append(Removal("duplicate_line", lineno, line))
            continue
        kept.append(line)
        previous = line
    cleaned = _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip()
    return cleaned, removed
