"""User-editable knowledge: cleaning rules, abbreviations, stopwords, gazetteers and lexicons.

Every resource is a YAML (or plain-text) file in this folder.  Each function that uses one takes
an optional path, so a user's own file replaces the shipped one without touching the code.

Two readers, both cached per file and modification time, both naming the file in every error:

* :func:`load_yaml` reads one YAML mapping that stands alone (cleaning rules, variants, dates,
  colours...): a user's file replaces the shipped one whole.
* :func:`load_extended` reads a YAML mapping with its ``extends`` chain applied, for the
  resources a user adds to rather than replaces (the gazetteer, the stance lexicon, the conflict
  profiles).  ``extends`` names the parent the same way in all of them: ``default`` (the shipped
  file of the same kind), a shipped name (``israel-gaza``, ``actors``), or a path relative to the
  file that extends (``../shared/base.yml``).  Each kind of file keeps its own merge rule (a
  function it passes in a :class:`Kind`), because their schemas differ.

Dates in YAML are left as text (``from: 2021-01-26`` is the string), so that a bad date is
reported by the code that reads it, with its entry, instead of by the YAML parser.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml

HERE = Path(__file__).resolve().parent
NO_PARENT = (None, "", False, "none")   # values of `extends` that extend nothing


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


class _Loader(yaml.SafeLoader):
    """YAML's safe loader with dates left as text (see the module docstring)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@lru_cache(maxsize=64)
def _load_yaml(path: Path, mtime: float) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ResourceError(f"{path}: not valid YAML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{path}: not UTF-8 text: {exc}") from exc


def load_yaml(name_or_path: str | Path, *, required: tuple[str, ...] = ()) -> dict:
    """Load a YAML mapping that stands alone; ``required`` keys must be present (else a
    ResourceError naming them).  A file of this kind replaces the shipped one whole, so an
    ``extends`` in it is an error rather than a key silently ignored.

    Cached: the same object is returned while the file is unchanged, so never modify it."""
    path = resource_path(name_or_path)
    data = _mapping(path)
    if "extends" in data:
        raise ResourceError(f"{path}: 'extends' is not read in this file: it replaces the shipped one whole "
                            f"(only the gazetteer, the stance lexicon and the conflict profiles extend another "
                            f"file); copy the shipped file and edit it")
    missing = [k for k in required if k not in data]
    if missing:
        raise ResourceError(f"{path}: missing key(s) {', '.join(missing)}")
    return data


def _mapping(path: Path) -> dict:
    """The YAML mapping of a file (cached per path and modification time)."""
    data = _load_yaml(path, path.stat().st_mtime)
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    return data


# ---------------------------------------------------------------------------------------------
# Files that extend another


def shipped_resource(name: str) -> Path:
    """A file shipped in this folder, by name (``"actors"`` or ``"actors.yml"``); never a file of
    the working folder."""
    for candidate in (HERE / name, HERE / f"{name}.yml"):
        if candidate.is_file() and candidate.parent == HERE:
            return candidate
    shipped = ", ".join(sorted(p.stem for p in HERE.glob("*.yml")))
    raise ResourceError(f"resource not found: {name} (the shipped ones: {shipped})")


@dataclass(frozen=True)
class Kind:
    """One kind of resource file that takes ``extends``, as :func:`load_extended` needs it.

    ``merge(parent, child, source)`` gives the child's mapping laid over its parent's (already
    merged) mapping; it must not modify either (both are cached).  A file that extends nothing
    is taken as it is.  ``check(data, source)``, when given, validates each file's own mapping
    before it is merged (unknown keys, wrong types), so that an error names the file that has
    it.  ``find(name)`` gives the path of a shipped file by name, raising a ResourceError when
    there is none."""
    name: str                                        # in messages: "gazetteer", "profile"...
    default: Path                                    # the shipped file `extends: default` means
    merge: Callable[[dict, dict, str], dict]
    find: Callable[[str], Path] = shipped_resource
    check: Callable[[dict, str], None] | None = None
    error: type = ResourceError


@dataclass(frozen=True)
class Extended:
    """A resource mapping with its ``extends`` chain applied.

    ``data`` is cached: never modify it.  ``stamp`` (the path and modification time of every
    file of the chain) changes whenever one of them does: a cache key for what is compiled from
    ``data``."""
    data: dict
    chain: tuple                 # the file's path, then its parent's, and so on
    stamp: tuple

    @contextmanager
    def naming_files(self):
        """Errors raised within name the files the entries were merged from as well: an error in
        an entry names the file that was asked for, and the entry may come from a file it
        extends."""
        try:
            yield
        except ResourceError as exc:
            if len(self.chain) < 2:
                raise
            parents = ", ".join(str(p) for p in self.chain[1:])
            raise type(exc)(f"{exc} (the entry is in {self.chain[0]} or a file it extends: {parents})") from exc


def load_extended(name_or_path: str | Path, kind: Kind) -> Extended:
    """The YAML mapping of a resource file of ``kind`` (a path, or the name of a shipped file)
    with its ``extends`` chain applied, parent first.

    Errors (``kind.error``) name the file: one that is not YAML or not a mapping, a parent that
    cannot be found, an ``extends`` that makes a loop, and whatever ``kind.check`` and
    ``kind.merge`` find."""
    chain = _chain(_path(name_or_path, kind), kind)
    return _merged(chain, tuple(p.stat().st_mtime for p in chain), kind)


def extend_mapping(data: Any, kind: Kind, source: str = "<mapping>", base: Path | None = None) -> dict:
    """A mapping given in memory (not a file), with its ``extends`` applied like a file's; a
    relative path in ``extends`` is read from ``base`` (default: the working folder)."""
    _check(data, str(source), kind)
    value = data.get("extends")
    if value in NO_PARENT:
        return data
    parent = load_extended(_parent(value, str(source), base or Path.cwd(), kind), kind)
    return kind.merge(parent.data, data, str(source))


def _path(name_or_path: str | Path, kind: Kind) -> Path:
    """A user's file (a path with a suffix), or a shipped one by name."""
    p = Path(name_or_path)
    if p.suffix and p.is_file():
        return p.resolve()
    try:
        return kind.find(str(name_or_path))
    except kind.error:
        raise
    except ResourceError as exc:
        raise kind.error(str(exc)) from exc


def _read(path: Path, kind: Kind) -> dict:
    """One file's own mapping (cached), checked by ``kind.check``; errors are ``kind.error``."""
    try:
        data = _mapping(path)
    except kind.error:
        raise
    except ResourceError as exc:   # not YAML, not a mapping: still an error of this kind
        raise kind.error(str(exc)) from exc
    _check(data, str(path), kind)
    return data


def _check(data: Any, source: str, kind: Kind) -> None:
    if not isinstance(data, dict):
        raise kind.error(f"{source}: expected a mapping at the top level, got {type(data).__name__}")
    if kind.check is not None:
        kind.check(data, source)


def _chain(path: Path, kind: Kind) -> tuple[Path, ...]:
    """The file and its ancestors through ``extends`` (the file first)."""
    chain = [path]
    while True:
        value = _read(chain[-1], kind).get("extends")
        if value in NO_PARENT:
            return tuple(chain)
        parent = _parent(value, str(chain[-1]), chain[-1].parent, kind)
        if parent in chain:
            loop = " -> ".join(str(p) for p in [*chain[chain.index(parent):], parent])
            raise kind.error(f"{chain[0]}: 'extends' makes a loop ({loop})")
        chain.append(parent)


def _parent(value: Any, source: str, folder: Path, kind: Kind) -> Path:
    """The file ``extends: value`` names in ``source``: ``default``, a path relative to
    ``folder`` (the folder of the file that says it), or a shipped name."""
    if not isinstance(value, str) or not value.strip():
        raise kind.error(f"{source}: 'extends' must be 'default', the name of a shipped {kind.name} or a "
                         f"file, got {value!r}")
    value = value.strip()
    if value == "default":
        return kind.default
    p = Path(value)
    if p.suffix in (".yml", ".yaml") or len(p.parts) > 1:
        candidate = p if p.is_absolute() else folder / p
        if candidate.is_file():
            return candidate.resolve()
        if len(p.parts) > 1:
            raise kind.error(f"{source}: extends: file not found: {candidate}")
    return _named(value, source, kind)


def _named(name: str, source: str, kind: Kind) -> Path:
    """A shipped file by name, for ``extends``."""
    try:
        return kind.find(name)
    except ResourceError as exc:
        raise kind.error(f"{source}: extends: {exc}") from exc


@lru_cache(maxsize=64)
def _merged(chain: tuple[Path, ...], mtimes: tuple[float, ...], kind: Kind) -> Extended:
    data = _read(chain[-1], kind)            # the file that extends nothing, as it is
    for path in reversed(chain[:-1]):
        data = kind.merge(data, _read(path, kind), str(path))
    return Extended(data, chain, tuple(zip(map(str, chain), mtimes)))


# ---------------------------------------------------------------------------------------------
# Terms and word lists


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
