"""Conflict profiles: what the code must not assume about a war, one YAML file per conflict.

A profile names the sides the victims can be on (lower-case nationality words: ``palestinian``,
``sudanese``...) and the cues that tie the people, places, forces and attacks of a sentence to
them; the parties (their names, armed forces, leaders, official sources, and the labels a stance
analysis compares for each); the places of the conflict; the reference tally, if any; and the
words the reports use ("Hamas-run" is a hedge of the ``israel-gaza`` profile, not of the
reports).  ``generic`` has no party: it gives only the nationality a sentence writes.

    p = load_profile("sudan")              # a shipped profile by name, or a user's file by path
    p.sides, p.parties, p.places
    shipped_profiles()                     # ["generic", "israel-gaza", "russia-ukraine", "sudan"]

Profiles are loaded once per file and modification time by the resource loader
(``resources.load_extended``); a profile may ``extends:`` another (``default``: ``generic``; a
shipped name; or a path relative to the file).  Every error names the file and the entry.
The format is documented in the README ("Conflict profiles") and in each shipped file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..resources import Kind, ResourceError, check_pattern, load_extended

HERE = Path(__file__).resolve().parent
GENERIC = "generic"
RESERVED_SIDES = ("both", "none", "unknown", "other")
CUE_KINDS = ("victims", "places", "agents", "fighters")
_SIDE_NAME = re.compile(r"^[a-z][a-z_]*$")
_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_TOP_KEYS = {"name", "title", "description", "extends", "sides", "parties", "places", "shared",
             "outcome_sides", "foreign_nationals", "tally", "wording", "detection"}
_SIDE_KEYS = set(CUE_KINDS) | {"opponents", "label"}
_PARTY_KEYS = {"name", "side", "names", "forces", "attacks", "harm", "leaders", "sources", "gazetteer",
               "labels"}
_LABEL_KEYS = {"target", "description", "labels", "exclude"}


class ProfileError(ResourceError):
    """A profile file is missing or malformed; the message names the file and the entry."""


@dataclass(frozen=True, eq=False)
class Party:
    """One party of a conflict: its names, armed men, violence, leaders and official sources."""
    id: str
    name: str
    side: str                     # the side its people are on when they are the victims
    names: tuple = ()             # regex terms: the party itself ("Hamas", "the RSF")
    forces: tuple = ()            # its armed men and forces: agents of a killing ("Hamas gunmen")
    attacks: tuple = ()           # its violence, as an agent ("Israeli airstrikes", "RSF shelling")
    harm: tuple = ()              # (term, weight) of its violence, as a cue that its opponents are the victims
    leaders: tuple = ()           # its leaders (for choosing the profile)
    sources: tuple = ()           # its official sources ("the Gaza health ministry")
    gazetteer: tuple = ()         # the ids of its entries in the actors gazetteer
    labels: dict | None = None    # {target, description, labels: {label: [terms]}, exclude}


@dataclass(frozen=True, eq=False)
class Profile:
    """A loaded, validated profile.  Build it with :func:`load_profile` (cached: one object per
    file and version, compared and hashed by identity)."""
    name: str
    path: str
    title: str
    description: str
    sides: dict                   # side -> {victims, places, agents, fighters: ((term, weight)...), opponents, label}
    parties: dict                 # party id -> Party
    places: tuple = ()            # the places of the conflict (for choosing the profile)
    shared: tuple = ()            # cues that a sentence counts the dead of several sides at once
    outcome_sides: dict = field(default_factory=dict)      # outcome -> side ("hostage": "israeli")
    foreign_nationals: dict = field(default_factory=dict)  # nationality -> the side it is counted with
    tally: dict = field(default_factory=dict)
    wording: dict = field(default_factory=dict)
    min_evidence: int = 2         # mentions of its places and parties an article needs to get it
    strong_evidence: int = 8      # below this the choice is reported as weak
    short_words: int = 60         # a text of at most this many words needs only one mention

    @property
    def is_generic(self) -> bool:
        return not self.parties and not self.sides

    def side_label(self, side: str) -> str:
        """How the reports name a side ("Palestinian"); a nationality not in the profile is
        capitalised as written."""
        spec = self.sides.get(side) or {}
        return spec.get("label") or side.replace("_", " ").capitalize()

    def opponents(self, side: str) -> tuple[str, ...]:
        """The sides whose people the forces of ``side`` harm (first = the default)."""
        return tuple((self.sides.get(side) or {}).get("opponents") or ())

    def label_targets(self) -> dict:
        """target -> label spec (``party`` added) of every party that has ``labels``."""
        out = {}
        for party in self.parties.values():
            if party.labels:
                spec = dict(party.labels)
                spec["party"] = party.id
                out[spec["target"]] = spec
        return out

    def words(self, key: str, default=None):
        """A report wording entry (``wording.<key>``), or ``default``."""
        value = self.wording.get(key)
        return default if value in (None, "", [], {}) else value


# ---------------------------------------------------------------------------------------------
# Finding and loading


def shipped_profiles() -> list[str]:
    """The names of the profiles shipped with the package."""
    return sorted(p.stem for p in HERE.glob("*.yml"))


def profile_path(name_or_path: str | Path) -> Path:
    """A shipped profile by name (``sudan``) or a user's file by path."""
    p = Path(str(name_or_path))
    if p.suffix in (".yml", ".yaml") and p.exists():
        return p.resolve()
    shipped = HERE / f"{p.stem if p.suffix in ('.yml', '.yaml') else p.name}.yml"
    if shipped.exists() and (not p.suffix or p.parent == Path(".")):
        return shipped
    raise ProfileError(f"profile not found: {name_or_path} (a file, or one of the shipped profiles: "
                       f"{', '.join(shipped_profiles())})")


def load_profile(profile: "str | Path | Profile | None" = None) -> Profile:
    """The profile ``profile`` (a name, a path, or a Profile); None is ``generic``.  Cached per
    file and modification time (of the file and of the profiles it extends)."""
    if isinstance(profile, Profile):
        return profile
    path = profile_path(profile or GENERIC)
    return _load(str(path), load_extended(path, PROFILE_FILES).stamp)


@lru_cache(maxsize=32)
def _load(path: str, stamp: tuple) -> Profile:
    extended = load_extended(path, PROFILE_FILES)
    with extended.naming_files():
        return _build(extended.data, path)


def _check_keys(data: dict, path: str) -> None:
    """The top-level keys of one profile file, before it is merged with the one it extends."""
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ProfileError(f"{path}: unknown key(s) {sorted(unknown)}; a profile has "
                           f"{', '.join(sorted(_TOP_KEYS))}")


def _shipped(name: str) -> Path:
    """A shipped profile by name (``sudan`` or ``sudan.yml``), for ``extends``."""
    path = HERE / f"{Path(name).stem if name.endswith(('.yml', '.yaml')) else name}.yml"
    if path.is_file() and path.parent == HERE:
        return path
    raise ProfileError(f"profile not found: {name} (one of the shipped profiles: {', '.join(shipped_profiles())})")


def _merge(base: dict, child: dict, path: str = "") -> dict:
    """``child`` over ``base``: entries of ``sides`` and ``parties`` replace the parent's entry of
    the same name (others are kept); ``places`` and ``shared`` are added to the parent's; ``tally``,
    ``wording`` and ``detection`` are updated key by key; any other key (``outcome_sides``,
    ``foreign_nationals``...) replaces the parent's ({} clears it)."""
    out = dict(base)
    for key, value in child.items():
        if key == "extends":
            continue
        if key in ("sides", "parties", "tally", "wording", "detection") \
                and isinstance(value, dict) and isinstance(base.get(key), dict):
            out[key] = {**base[key], **value}
        elif key in ("places", "shared") and isinstance(value, list) and isinstance(base.get(key), list):
            out[key] = list(base[key]) + list(value)
        else:
            out[key] = value
    out.pop("extends", None)
    return out


PROFILE_FILES = Kind("profile", HERE / f"{GENERIC}.yml", _merge, find=_shipped, check=_check_keys, error=ProfileError)


# ---------------------------------------------------------------------------------------------
# Validation


def _list(value, where: str, path) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProfileError(f"{path}: {where} must be a list of terms, got {type(value).__name__}")
    return value


def _term(item, where: str, path) -> str:
    """One regex term fragment (a space matches any whitespace), checked."""
    if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
        raise ProfileError(f"{path}: {where}: empty or non-text term {item!r}")
    term = re.sub(r" +", r"\\s+", str(item).strip())
    check_pattern(term, where, path, ProfileError)
    return term


def terms(value, where: str, path) -> tuple[str, ...]:
    """A list of regex term fragments, each checked."""
    return tuple(_term(item, where, path) for item in _list(value, where, path))


def weighted_terms(value, where: str, path) -> tuple[tuple[str, float | None], ...]:
    """Cue terms: strings, or mappings ``{pattern: ..., weight: ...}`` that override the weight of
    their kind; (term, weight or None) pairs."""
    out = []
    for item in _list(value, where, path):
        weight = None
        if isinstance(item, dict):
            if "pattern" not in item or set(item) - {"pattern", "weight"}:
                raise ProfileError(f"{path}: {where}: a term given as a mapping is {{pattern: ..., weight: ...}}, "
                                   f"got {item!r}")
            weight = item.get("weight")
            if weight is not None and (not isinstance(weight, (int, float)) or isinstance(weight, bool)):
                raise ProfileError(f"{path}: {where}: weight must be a number ({item!r})")
            item = item["pattern"]
        out.append((_term(item, where, path), None if weight is None else float(weight)))
    return tuple(out)


def _mapping(value, where: str, path) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileError(f"{path}: {where} must be a mapping, got {type(value).__name__}")
    return value


def _side_name(name, where: str, path) -> str:
    if not isinstance(name, str) or not _SIDE_NAME.match(name):
        raise ProfileError(f"{path}: {where}: side name {name!r} must be a lower-case word (a nationality: "
                           "palestinian, sudanese...)")
    if name in RESERVED_SIDES:
        raise ProfileError(f"{path}: {where}: '{name}' is reserved and cannot be a side name")
    return name


def _build(data: dict, path: str) -> Profile:
    name = data.get("name") or Path(path).stem
    if not isinstance(name, str) or not _ID.match(name):
        raise ProfileError(f"{path}: name {name!r} must be lower-case letters, digits, '-' or '_'")
    sides = {}
    for side, spec in _mapping(data.get("sides"), "sides", path).items():
        side = _side_name(side, "sides", path)
        spec = _mapping(spec, f"sides.{side}", path)
        unknown = set(spec) - _SIDE_KEYS
        if unknown:
            raise ProfileError(f"{path}: sides.{side}: unknown key(s) {sorted(unknown)}; expected "
                               f"{', '.join(sorted(_SIDE_KEYS))}")
        entry = {kind: weighted_terms(spec.get(kind), f"sides.{side}.{kind}", path) for kind in CUE_KINDS}
        opponents = spec.get("opponents") or []
        if not isinstance(opponents, list):
            raise ProfileError(f"{path}: sides.{side}.opponents must be a list of sides")
        entry["opponents"] = tuple(str(o) for o in opponents)
        entry["label"] = str(spec["label"]) if spec.get("label") else None
        sides[side] = entry
    for side, entry in sides.items():
        bad = [o for o in entry["opponents"] if o not in sides]
        if bad:
            raise ProfileError(f"{path}: sides.{side}.opponents: {bad} not in 'sides' ({', '.join(sides)})")

    parties, targets = {}, set()
    for pid, spec in _mapping(data.get("parties"), "parties", path).items():
        if not isinstance(pid, str) or not _ID.match(pid):
            raise ProfileError(f"{path}: parties: id {pid!r} must be lower-case letters, digits, '-' or '_'")
        spec = _mapping(spec, f"parties.{pid}", path)
        unknown = set(spec) - _PARTY_KEYS
        if unknown:
            raise ProfileError(f"{path}: parties.{pid}: unknown key(s) {sorted(unknown)}; expected "
                               f"{', '.join(sorted(_PARTY_KEYS))}")
        side = spec.get("side")
        if side not in sides:
            raise ProfileError(f"{path}: parties.{pid}.side: {side!r} is not one of the sides "
                               f"({', '.join(sides) or 'none defined'})")
        if not spec.get("names"):
            raise ProfileError(f"{path}: parties.{pid} needs 'names' (how the text names the party)")
        labels = _labels(spec.get("labels"), pid, path)
        if labels:
            if labels["target"] in targets:
                raise ProfileError(f"{path}: parties.{pid}.labels.target {labels['target']!r} is used twice")
            targets.add(labels["target"])
        parties[pid] = Party(
            pid, str(spec.get("name") or pid), side,
            **{k: terms(spec.get(k), f"parties.{pid}.{k}", path)
               for k in ("names", "forces", "attacks", "leaders", "sources")},
            harm=weighted_terms(spec.get("harm"), f"parties.{pid}.harm", path),
            gazetteer=tuple(str(g) for g in spec.get("gazetteer") or ()), labels=labels)

    outcome_sides = {str(k): str(v) for k, v in _mapping(data.get("outcome_sides"), "outcome_sides", path).items()}
    for outcome, side in outcome_sides.items():
        if side not in sides:
            raise ProfileError(f"{path}: outcome_sides.{outcome}: {side!r} is not one of the sides")
    foreign = {}
    for nat, side in _mapping(data.get("foreign_nationals"), "foreign_nationals", path).items():
        foreign[_side_name(nat, "foreign_nationals", path)] = _side_name(side, f"foreign_nationals.{nat}", path)
        if side not in sides:
            raise ProfileError(f"{path}: foreign_nationals.{nat}: {side!r} is not one of the sides")
    tally = _mapping(data.get("tally"), "tally", path)
    ref = tally.get("reference_side")
    if ref is not None and ref not in sides:
        raise ProfileError(f"{path}: tally.reference_side: {ref!r} is not one of the sides")
    wording = _mapping(data.get("wording"), "wording", path)
    detection = _mapping(data.get("detection"), "detection", path)
    limits = {}
    for key, default in (("min_evidence", 2), ("strong_evidence", 8), ("short_words", 60)):
        value = detection.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ProfileError(f"{path}: detection.{key} must be a positive whole number, got {value!r}")
        limits[key] = value
    return Profile(name, path, str(data.get("title") or name), str(data.get("description") or "").strip(),
                   sides, parties, terms(data.get("places"), "places", path), terms(data.get("shared"), "shared", path),
                   outcome_sides, foreign, dict(tally), dict(wording), **limits)


def _labels(spec, pid: str, path) -> dict | None:
    """A party's stance labels: {target, description, labels: {label: [terms]}, exclude}, in the
    stance lexicon's term syntax (checked when the lexicon is compiled)."""
    if spec is None:
        return None
    spec = _mapping(spec, f"parties.{pid}.labels", path)
    unknown = set(spec) - _LABEL_KEYS
    if unknown:
        raise ProfileError(f"{path}: parties.{pid}.labels: unknown key(s) {sorted(unknown)}; expected "
                           f"{', '.join(sorted(_LABEL_KEYS))}")
    labels = _mapping(spec.get("labels"), f"parties.{pid}.labels.labels", path)
    if not labels:
        raise ProfileError(f"{path}: parties.{pid}.labels needs 'labels' (label -> terms)")
    for lab, words in labels.items():
        if not isinstance(words, list) or not words:
            raise ProfileError(f"{path}: parties.{pid}.labels.labels.{lab} needs a non-empty list of terms")
    target = spec.get("target") or pid
    if not isinstance(target, str) or not _ID.match(target):
        raise ProfileError(f"{path}: parties.{pid}.labels.target {target!r} must be lower-case letters, digits, _")
    exclude = spec.get("exclude") or []
    if not isinstance(exclude, list):
        raise ProfileError(f"{path}: parties.{pid}.labels.exclude must be a list of terms")
    return {"target": target, "description": str(spec.get("description") or ""), "labels": labels,
            "exclude": exclude}


__all__ = ["GENERIC", "Party", "Profile", "ProfileError", "load_profile", "profile_path", "shipped_profiles",
           "terms", "weighted_terms"]
