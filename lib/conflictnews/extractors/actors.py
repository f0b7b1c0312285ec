"""Actor mentions: who the coverage names, by full name, alias, surname, title or metonym, and
every other person or organisation the named-entity recogniser finds.

Two layers, in this order: the gazetteer (below), then the names it does not know
(:mod:`conflictnews.extractors.named`: ``ner``, ``acronym`` and ``surname`` rows from the parse,
and one actor per name across articles).  The gazetteer wins wherever it knows a name.

The knowledge lives in a YAML gazetteer (``resources/actors.yml``, documented there); pass your
own file as ``gazetteer=`` (a path, a mapping, or a loaded :class:`Gazetteer`).

How it works
  * The gazetteer is compiled ONCE into two regular expressions built as prefix trees: one for
    names, aliases, surnames, metonyms and demonyms (case-sensitive), one for titles
    (case-insensitive).  Each article is scanned once by each; overlapping matches are settled
    leftmost-then-longest, so "Israel Defense Forces" is not also "Israel".
  * A match is then resolved against the article (pure, per article, no global state):

    ========== ===================================================================================
    method     resolved when
    ========== ===================================================================================
    full_name  written as the actor's ``name``
    alias      written as one of its ``aliases`` (an alias shared by two actors: like a surname)
    surname    the one person with that surname named in full in the same article (earlier, or
               later for headlines and ledes); else the one ``known_by_surname`` person with it;
               else the person a title right before it resolves to ("Secretary of State
               Blinken").  Two people with the surname named in the article (including a name
               the gazetteer does not know, such as "Hardeep Singh" next to "Rajnath Singh"):
               no guess.
    title      the one holder on the article's date (of the country a qualifier gives:
               "Israeli defense minister", "Prime Minister of Israel"); several holders: the one
               already mentioned in the article, if exactly one is.  A title next to a name
               ("Secretary of State Antony Blinken", "Jake Sullivan, the national security
               advisor") is part of that mention and not counted again; "former"/"deputy"...
               titles are not the holder.
    metonym    always, except a place-like metonym used as a place ("in Washington").
    demonym    always; kept apart from the state: ``actor_id`` is ``demonym:<id>``, ``kind``
               is ``demonym``.
    modifier   a state's name used before a noun or a title, as a demonym is ("U.S. officials",
               "a close U.S. ally", "U.S. Secretary of State"): counted with the demonyms, under
               the state's first demonym (``demonym:american``; a state with none gets
               ``demonym:<state id>``), ``kind`` ``demonym``.  The nouns are the gazetteer's
               ``modifier_nouns`` and ``spokes_nouns``; a title or another actor's name right
               after it counts too.  "Israel's", "of Israel" stay mentions of the state.
    ========== ===================================================================================

  * A title in the possessive that heads another person's title ("the Prime Minister's Chief of
    Staff", "the president's national security adviser") names that other person's post, not
    its holder: not a mention.  "The Prime Minister's office said" still is (a spokes noun).

  * What cannot be resolved is left out of :func:`mentions` by default; ``unresolved=True``
    keeps it with an empty ``actor_id`` and the reason in ``actor`` (e.g. ``ambiguous: Rajnath
    Singh | Manmohan Singh``), so the guesses the method refuses to make can be audited.

:func:`unlisted_names` lists capitalised name sequences the gazetteer does not know, ranked by
frequency, so users can extend it.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from ..resources import HERE as RESOURCES, Kind, ResourceError, extend_mapping, load_extended, load_wordlist, \
    resource_path
from .base import Extractor, Resource
from .numbers import SCALES, TENS, UNITS

MENTION_COLUMNS = ["article_id", "sent_id", "start", "end", "surface", "actor_id", "actor", "kind",
                   "affiliation", "method"]
UNLISTED_COLUMNS = ["name", "count", "articles", "example_article", "example_start", "example_sentence"]
KINDS = ("person", "organisation", "state", "armed_group", "international_body")
METHODS = ("full_name", "alias", "title", "surname", "metonym", "demonym", "modifier", "ner", "acronym", "body")
GENDERS = ("male", "female")
DEFAULT = "actors.yml"
LANGUAGE_SECTIONS = ("speech_verbs", "speech_participles", "not_titles", "title_negators", "place_cues",
                     "honorifics", "pronouns", "spokes_nouns", "modifier_nouns", "not_names", "entity_kinds",
                     "spelling_folds", "body_nouns", "not_actor_words", "speech_nouns", "name_nouns", "place_nouns")
ACTOR_KEYS = {"id", "name", "kind", "affiliation", "aliases", "surname", "known_by_surname", "gender",
              "titles", "metonyms", "note"}
TITLE_KEYS = {"title", "of", "from", "to"}
DEMONYM_KEYS = {"id", "name", "affiliation", "forms"}
TOP_KEYS = {"actors", "demonyms", "extends", *LANGUAGE_SECTIONS}

# ------------------------------------------------------------------------------------------------
# Text normalisation shared by the pattern builder and the lookups

_APOS = "'’‘ʼ"
_HYPH = "-‐‑‒–"
_NORM_TABLE = str.maketrans({**{c: "'" for c in _APOS}, **{c: "-" for c in _HYPH}})
_WS = re.compile(r"\s+")


def norm(s: str) -> str:
    """The lookup key of a surface form: whitespace collapsed, apostrophes and hyphens unified."""
    return _WS.sub(" ", s.translate(_NORM_TABLE)).strip()


def _piece(ch: str) -> str:
    if ch == " ":
        return r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"   # any spaces, at most one line break
    if ch == "'":
        return "[" + _APOS + "]"
    if ch == "-":
        return "[" + _HYPH + "]"
    return re.escape(ch)


def trie_pattern(forms: Iterable[str], boundary: bool = True) -> str:
    """A regex matching any of ``forms`` (normalised), the longest first, as a prefix tree: fast
    even with thousands of forms, unlike a flat alternation."""
    root: dict = {}
    for f in forms:
        f = norm(f)
        if not f:
            continue
        node = root
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        terminal = "" in node
        alts = [_piece(ch) + build(child) for ch, child in sorted((k, v) for k, v in node.items() if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if terminal:
            return "(?:" + body + ")?"
        return body

    if not root:
        return r"(?!x)x"
    # Without the leading look-behind the regex engine can skip ahead to the possible first
    # letters (much faster); callers then check the left word boundary themselves.
    return (r"(?<!\w)" if boundary else "") + build(root) + r"(?!\w)"


# ------------------------------------------------------------------------------------------------
# The gazetteer


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    affiliation: str
    gender: str | None = None
    surname: str | None = None
    known_by_surname: bool = False


@dataclass(frozen=True)
class Title:
    actor_id: str
    title: str
    of: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Gazetteer:
    """A compiled gazetteer.  Build it with :func:`load_gazetteer`."""

    source: str
    actors: dict[str, Actor]
    titles: list[Title]
    # name form (normalised) -> [(actor_id or None, method, place)]
    names: dict[str, list[tuple[str | None, str, bool]]]
    # title form (normalised, lower) -> [Title]  (empty list: a `not_titles` phrase)
    title_forms: dict[str, list[Title]]
    surnames: dict[str, list[str]]
    language: dict[str, Any]
    names_re: re.Pattern = field(init=False)
    lower_re: re.Pattern = field(init=False)
    low_titles_re: re.Pattern = field(init=False)

    def __post_init__(self) -> None:
        # One scan for everything that starts with a capital: names, and titles written with
        # capitals ("Secretary of State", "Defense Minister"); a second one for names that start
        # in lower case ("el-Sisi"); a third for lower-case titles, which must follow "the" or a
        # capitalised qualifier ("the president", "Israeli defense minister", "U.S. president").
        self.upper_titles = {}
        for key in self.title_forms:
            for v in {key, key.title(), " ".join(w[:1].upper() + w[1:] for w in key.split(" "))}:
                v = norm(v)
                if v[:1].isupper() and v not in self.names:
                    self.upper_titles[v] = key
        for t in self.titles:
            if t.title[:1].isupper() and norm(t.title) not in self.names:
                self.upper_titles[norm(t.title)] = norm(t.title).lower()
        up = [f for f in self.names if f[:1].isupper()] + list(self.upper_titles)
        low = [f for f in self.names if not f[:1].isupper()]
        self.names_re = re.compile(trie_pattern(up, boundary=False))
        self.lower_re = re.compile(trie_pattern(low, boundary=False))
        # (possessive quantifiers: a word never ends in a space and a title never starts with
        # one, so giving characters back can never lead to a match, only cost time)
        self.low_titles_re = re.compile(r"[A-Zt][\w.'’-]*+[^\S\n]++("
                                        + trie_pattern(self.title_forms, boundary=False) + ")")
        lang = self.language
        self.negators = {w.lower() for w in lang.get("title_negators", [])}
        self.place_cues = {w.lower() for w in lang.get("place_cues", [])}
        self.honorifics = {norm(w) for w in lang.get("honorifics", [])}
        self.pronouns = {str(k).lower(): v for k, v in (lang.get("pronouns") or {}).items()}
        self.spokes_nouns = {w.lower() for w in lang.get("spokes_nouns", [])}
        self.speech_verbs = [str(v) for v in lang.get("speech_verbs", [])]
        self.modifier_nouns = {w.lower() for w in lang.get("modifier_nouns", [])} | self.spokes_nouns
        # a state's name used as a modifier counts under the state's first demonym (one is made
        # for a state that has none)
        self.modifier_of: dict[str, str] = {}
        first_demonym: dict[str, str] = {}
        for a in self.actors.values():
            if a.kind == "demonym":
                first_demonym.setdefault(a.affiliation, a.id)
        for a in list(self.actors.values()):
            if a.kind == "state":
                did = first_demonym.get(a.affiliation) or "demonym:" + a.id
                if did not in self.actors:
                    self.actors[did] = Actor(did, a.name, "demonym", a.affiliation)
                self.modifier_of[a.id] = did
        self.lower_names = bool(low)
        self.norm_cache: dict[str, str] = {}       # surface -> norm(surface)
        self.low_norm_cache: dict[str, str] = {}   # surface -> norm(surface).lower()
        self.title_words: frozenset[str] | None = None
        self.title_heads: frozenset[str] | None = None

    def __hash__(self) -> int:  # identity: a compiled gazetteer is immutable in practice
        return id(self)

    def actor_frame(self) -> pd.DataFrame:
        """One row per actor (and demonym): id, name, kind, affiliation, gender."""
        return pd.DataFrame([(a.id, a.name, a.kind, a.affiliation, a.gender) for a in self.actors.values()],
                            columns=["actor_id", "actor", "kind", "affiliation", "gender"])


def _as_date(value, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ResourceError(f"{where}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _strings(value, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ResourceError(f"{where}: '{key}' must be a list of strings, got {type(value).__name__}")
    out = []
    for v in value:
        if not isinstance(v, (str, int, float)) or isinstance(v, bool) or str(v).strip() == "":
            raise ResourceError(f"{where}: '{key}' holds {v!r}, expected a non-empty string")
        out.append(str(v).strip())
    return out


def _variants(form: str) -> list[str]:
    """A form that starts in lower case ("el-Sisi") may also start a sentence ("El-Sisi")."""
    return [form, form[0].upper() + form[1:]] if form[:1].islower() else [form]


# ------------------------------------------------------------------------------------------------
# Reading a gazetteer file: its own checks and merge rule for the resource loader


def _check_file(data: dict, source: str) -> None:
    """The checks of one gazetteer file (or mapping) before it is merged: known top-level keys,
    and ``actors`` and ``demonyms`` lists."""
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise ResourceError(f"{source}: unknown top-level key(s) {', '.join(map(str, unknown))} "
                            f"(known: {', '.join(sorted(TOP_KEYS))})")
    actor_list = data.get("actors")
    if actor_list is not None and not isinstance(actor_list, list):
        raise ResourceError(f"{source}: 'actors' must be a list of entries, got {type(actor_list).__name__}")
    demonym_list = data.get("demonyms") or []
    if not isinstance(demonym_list, list):
        raise ResourceError(f"{source}: 'demonyms' must be a list of entries, got {type(demonym_list).__name__}")


def _merge_files(parent: dict, child: dict, source: str) -> dict:
    """A gazetteer that ``extends`` another: its actors are added to the parent's (an actor with
    the id or the name of one of the parent's replaces it), its demonyms too (by id), and each
    language section it defines replaces the parent's."""
    actor_list = child.get("actors") or []
    demonym_list = child.get("demonyms") or []
    mine = {e.get("id") for e in actor_list if isinstance(e, dict)} - {None}
    mine_names = {norm(str(e.get("name", ""))) for e in actor_list if isinstance(e, dict)}
    mine_d = {e.get("id") for e in demonym_list if isinstance(e, dict)} - {None}

    def kept(entry, ids, names=frozenset()) -> bool:
        return not isinstance(entry, dict) or (entry.get("id") not in ids
                                               and norm(str(entry.get("name", ""))) not in names)

    merged = {**parent, **child}
    merged.pop("extends", None)
    merged["actors"] = [e for e in parent.get("actors") or [] if kept(e, mine, mine_names)] + actor_list
    merged["demonyms"] = [e for e in parent.get("demonyms") or [] if kept(e, mine_d)] + demonym_list
    return merged


GAZETTEER_FILES = Kind("gazetteer", RESOURCES / DEFAULT, _merge_files, check=_check_file)


# ------------------------------------------------------------------------------------------------
# Compiling a gazetteer


def compile_gazetteer(data: Any, source: str = "<gazetteer>") -> Gazetteer:
    """Validate a gazetteer mapping (as read from YAML; its ``extends`` applied) and compile it.

    Raises :class:`ResourceError` (a ValueError) naming ``source``, the entry and the problem."""
    if not isinstance(data, dict):
        raise ResourceError(f"{source}: expected a mapping with an 'actors' list at the top level, "
                            f"got {type(data).__name__}")
    return _compile(extend_mapping(data, GAZETTEER_FILES, source), source)


def _compile(data: dict, source: str) -> Gazetteer:
    """A gazetteer from its mapping with ``extends`` already applied."""
    actor_list = data.get("actors") or []
    demonym_list = data.get("demonyms") or []
    if not actor_list and not demonym_list:
        raise ResourceError(f"{source}: no actors (an 'actors' list with at least one entry is required)")
    language = _language(data, source)
    entries = _Entries()
    for i, entry in enumerate(actor_list, start=1):
        entries.add_actor(entry, i, source)
    for i, entry in enumerate(demonym_list, start=1):
        entries.add_demonym(entry, i, source)
    return entries.gazetteer(source, language)


def _language(data: dict, source: str) -> dict[str, Any]:
    """The language sections (speech verbs, pronouns, place cues...), checked: the file's own,
    else the shipped file's (they are English grammar, not knowledge of a war)."""
    language = {}
    for key in LANGUAGE_SECTIONS:
        if key in data:
            language[key] = data[key]
        else:
            shipped = data if source == str(RESOURCES / DEFAULT) else \
                load_extended(RESOURCES / DEFAULT, GAZETTEER_FILES).data
            language[key] = shipped.get(key, [])
    for key in LANGUAGE_SECTIONS:
        if key == "pronouns":
            if not isinstance(language[key], dict):
                raise ResourceError(f"{source}: 'pronouns' must be a mapping pronoun -> gender or null")
        elif key == "entity_kinds":
            _check_entity_kinds(language[key], source)
        elif key == "spelling_folds":
            _check_folds(language[key], source)
        else:
            language[key] = _strings(language[key], source, key)
    return language


class _Entries:
    """The gazetteer's entries as they are read, checked one by one: actors, their names,
    surnames, titles and metonyms, and the demonyms."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.titles: list[Title] = []
        self.names: dict[str, list] = defaultdict(list)
        self.surnames: dict[str, list[str]] = defaultdict(list)
        self.metonym_forms: list[tuple[str, bool, str]] = []   # (form, place, actor id)

    def add_actor(self, entry, i: int, source: str) -> None:
        """One entry of ``actors``: the actor, its name, aliases, surname, titles and metonyms."""
        actor, where = _actor(entry, i, source, self.actors)
        aid = actor.id
        self.actors[aid] = actor
        for form in _variants(actor.name):
            self.names[norm(form)].append((aid, "full_name", False))
        for alias in _strings(entry.get("aliases"), where, "aliases"):
            if norm(alias) == norm(actor.name):
                continue
            for form in _variants(alias):
                self.names[norm(form)].append((aid, "alias", False))
        if actor.surname:
            for form in _variants(actor.surname):
                self.surnames[norm(form)].append(aid)
        for j, t in enumerate(entry.get("titles") or [], start=1):
            self.titles.append(_title(t, actor, f"{where}, title #{j}"))
        for m in entry.get("metonyms") or []:
            self.metonym_forms.append((*_metonym(m, where), aid))

    def add_demonym(self, entry, i: int, source: str) -> None:
        """One entry of ``demonyms``: ``demonym:<id>``, matched by its forms."""
        where = f"{source}: demonym #{i}"
        if not isinstance(entry, dict):
            raise ResourceError(f"{where}: expected a mapping with id, name, affiliation, forms; got {entry!r}")
        bad = sorted(set(entry) - DEMONYM_KEYS)
        if bad:
            raise ResourceError(f"{where}: unknown key(s) {', '.join(map(str, bad))} (known: affiliation, forms, id, name)")
        for key in ("id", "name", "affiliation"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ResourceError(f"{where}: missing or empty '{key}'")
        did = "demonym:" + entry["id"].strip()
        if did in self.actors:
            raise ResourceError(f"{where}: duplicate demonym id {entry['id']!r}")
        self.actors[did] = Actor(did, entry["name"].strip(), "demonym", entry["affiliation"].strip())
        forms = _strings(entry.get("forms"), where, "forms") or [entry["name"].strip()]
        for form in forms:
            self.names[norm(form)].append((did, "demonym", False))

    def gazetteer(self, source: str, language: dict) -> Gazetteer:
        """The compiled gazetteer, once every entry is in."""
        names = self.names
        # Metonyms last: a metonym written like the actor's own name ("White House") takes its
        # place (and its `place` flag).
        for form, place, aid in self.metonym_forms:
            for v in _variants(form):
                key = norm(v)
                names[key] = [c for c in names[key] if c[0] != aid] + [(aid, "metonym", place)]
        for form in language["not_names"]:
            names.setdefault(norm(form), [])
        # Surnames are matched like names; a surname that is also someone's alias stays an alias.
        for key in self.surnames:
            names.setdefault(key, [])
        title_forms: dict[str, list[Title]] = defaultdict(list)
        for t in self.titles:
            title_forms[norm(t.title).lower()].append(t)
        for phrase in language["not_titles"]:
            title_forms.setdefault(norm(phrase).lower(), [])
        return Gazetteer(source, self.actors, self.titles, dict(names), dict(title_forms), dict(self.surnames),
                         language)


def _actor(entry, i: int, source: str, known: dict) -> tuple[Actor, str]:
    """The :class:`Actor` of one entry of ``actors``, checked (its id not in ``known``), and
    the entry's name in messages."""
    where = f"{source}: actor #{i}"
    if not isinstance(entry, dict):
        raise ResourceError(f"{where}: expected a mapping with id, name, kind, affiliation; got {entry!r}")
    if entry.get("id"):
        where = f"{source}: actor {entry.get('id')!r} (entry #{i})"
    bad = sorted(set(entry) - ACTOR_KEYS)
    if bad:
        raise ResourceError(f"{where}: unknown key(s) {', '.join(map(str, bad))} "
                            f"(known: {', '.join(sorted(ACTOR_KEYS))})")
    for key in ("id", "name", "kind", "affiliation"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ResourceError(f"{where}: missing or empty '{key}'")
    aid = entry["id"].strip()
    if aid.startswith("demonym:"):
        raise ResourceError(f"{where}: ids starting with 'demonym:' are reserved for demonyms")
    if aid in known:
        raise ResourceError(f"{where}: duplicate id {aid!r}")
    kind = entry["kind"].strip()
    if kind not in KINDS:
        raise ResourceError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    gender = entry.get("gender")
    if gender is not None and gender not in GENDERS:
        raise ResourceError(f"{where}: gender {gender!r} is not one of {', '.join(GENDERS)}")
    name = entry["name"].strip()
    surname = _surname(entry, name, kind, where)
    return Actor(aid, name, kind, entry["affiliation"].strip(), gender, surname,
                 bool(entry.get("known_by_surname", False))), where


def _surname(entry: dict, name: str, kind: str, where: str) -> str | None:
    """A person's surname: ``surname``, else the last word of the name (none for a one-word
    name); other kinds have none."""
    surname = entry.get("surname")
    if surname is not None and (not isinstance(surname, str) or not surname.strip()):
        raise ResourceError(f"{where}: 'surname' must be a non-empty string")
    if kind == "person":
        surname = (surname or name.split()[-1]).strip()
        return None if norm(surname) == norm(name) else surname   # a one-word name is its own full name
    if surname:
        raise ResourceError(f"{where}: 'surname' is for persons only (kind is {kind})")
    return None


def _title(t, actor: Actor, where: str) -> Title:
    """One entry of an actor's ``titles``: a string, or {title, of, from, to} with dates."""
    if isinstance(t, str):
        t = {"title": t}
    if not isinstance(t, dict) or not isinstance(t.get("title"), str) or not t["title"].strip():
        raise ResourceError(f"{where}: expected a mapping with a 'title' string, got {t!r}")
    bad = sorted(set(t) - TITLE_KEYS)
    if bad:
        raise ResourceError(f"{where}: unknown key(s) {', '.join(map(str, bad))} (known: from, of, title, to)")
    start = _as_date(t.get("from"), f"{where} ({t['title']!r}) 'from'")
    end = _as_date(t.get("to"), f"{where} ({t['title']!r}) 'to'")
    if start and end and start > end:
        raise ResourceError(f"{where} ({t['title']!r}): 'from' {start} is after 'to' {end}")
    return Title(actor.id, t["title"].strip(), str(t.get("of") or actor.affiliation).strip(), start, end)


def _metonym(m, where: str) -> tuple[str, bool]:
    """One entry of an actor's ``metonyms``: (form, whether it is a place)."""
    if isinstance(m, dict):
        form, place = m.get("form"), bool(m.get("place", False))
        extra = sorted(set(m) - {"form", "place"})
        if extra:
            raise ResourceError(f"{where}: metonym {m!r}: unknown key(s) {', '.join(extra)} (known: form, place)")
    else:
        form, place = m, False
    if not isinstance(form, str) or not form.strip():
        raise ResourceError(f"{where}: metonym {m!r} needs a non-empty 'form'")
    return form.strip(), place


def _check_entity_kinds(value, source: str) -> None:
    if not isinstance(value, dict):
        raise ResourceError(f"{source}: 'entity_kinds' must be a mapping entity label -> kind")
    for label, kind in value.items():
        if kind not in KINDS:
            raise ResourceError(f"{source}: entity_kinds: {label}: kind {kind!r} is not one of {', '.join(KINDS)}")


def _check_folds(value, source: str) -> None:
    if not isinstance(value, list):
        raise ResourceError(f"{source}: 'spelling_folds' must be a list of {{pattern, replace}} mappings")
    for i, rule in enumerate(value, start=1):
        if not isinstance(rule, dict) or not isinstance(rule.get("pattern"), str) or \
                not isinstance(rule.get("replace", ""), str) or set(rule) - {"pattern", "replace", "note"}:
            raise ResourceError(f"{source}: spelling_folds #{i}: expected {{pattern: REGEX, replace: TEXT}}, got {rule!r}")
        try:
            re.compile(rule["pattern"])
        except re.error as exc:
            raise ResourceError(f"{source}: spelling_folds #{i}: {rule['pattern']!r} is not a regular expression: "
                                f"{exc}") from None


@lru_cache(maxsize=16)
def _load_cached(path: str, stamp: tuple) -> Gazetteer:
    extended = load_extended(path, GAZETTEER_FILES)
    with extended.naming_files():
        return _compile(extended.data, path)


def load_gazetteer(gazetteer: str | Path | dict | Gazetteer | None = None) -> Gazetteer:
    """The shipped gazetteer (``None``), a user's YAML file (path), a mapping, or a Gazetteer.

    Compiled once per file (cached by the path and modification time of the file and of the
    files it extends)."""
    if isinstance(gazetteer, Gazetteer):
        return gazetteer
    if isinstance(gazetteer, dict):
        return compile_gazetteer(gazetteer, "<gazetteer mapping>")
    if gazetteer in (None, ""):
        path = RESOURCES / DEFAULT
    else:
        p = Path(gazetteer)
        if not p.exists() and not p.suffix:
            path = resource_path(gazetteer)
        elif not p.exists():
            raise ResourceError(f"gazetteer file not found: {gazetteer}")
        else:
            path = p.resolve()
    return _load_cached(str(path), load_extended(path, GAZETTEER_FILES).stamp)


# ------------------------------------------------------------------------------------------------
# Per-article matching


@dataclass(slots=True)
class Match:
    """One gazetteer hit in an article, before and after resolution."""
    start: int
    end: int
    surface: str
    is_title: bool
    candidates: list            # names: [(actor_id, method, place)]; titles: [Title]
    actor_id: str | None = None
    method: str | None = None
    reason: str | None = None   # why it is unresolved
    drop: bool = False          # part of another mention, a place, a former title...: never output
    is_surname: bool = False
    yields: bool = False        # a surname whose only bearer named in the article is not in the gazetteer:
    # the names' turn (``named``: "Burns" after "Andrew Burns", when the gazetteer's Burns is not named)


_PREV_WORD = re.compile(r"([\w.'’-]+)[^\S\n]*\Z")   # what _prev_word computes
_WORD_PUNCT = "_.'’-"
_PLACE_CUT = re.compile(r"[.!?\n]")
_PLACE_WORDS = re.compile(r"[\w'’-]+")
_NEXT_CAP = re.compile(r"[^\S\n]+[A-Z]")
_OF_THE = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?")
_APPOS_BEFORE = re.compile(r"^,\s*(?:the\s+|a\s+|an\s+)?$")
_APPOS_AFTER = re.compile(r"^,\s*$")
_QUAL_GAP = re.compile(r"^(?:[^\S\n]+|['’]s[^\S\n]+)$")
_SENT_START = re.compile(r"(?:\A|[.!?:;]['\"”’]?\s+|\n\s*|[\"“‘(]\s*)\Z")
_DC = re.compile(r",?[^\S\n]*D\.?C\.?")
_NUMBER_WORDS = frozenset(set(UNITS) | set(TENS) | set(SCALES) | {"dozens", "hundreds", "thousands", "millions",
                                                                  "dozen", "several", "many"})
_WEEKDAYS_MONTHS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec"}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    try:
        return load_wordlist("stopwords.txt")
    except ResourceError:  # pragma: no cover - shipped with the package
        return frozenset()


def _to_date(published) -> dt.date | None:
    if published is None:
        return None
    try:
        if pd.isna(published):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return pd.Timestamp(published).date()
    except (ValueError, TypeError):
        return None


def _scan(text: str, gz: Gazetteer) -> list[Match]:
    names, upper_titles, title_forms = gz.names, gz.upper_titles, gz.title_forms
    cache = gz.norm_cache
    hits = []
    append = hits.append
    for m in gz.names_re.finditer(text):
        s = m.start()
        if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
            continue
        g = m.group()
        key = cache.get(g)
        if key is None:
            key = cache[g] = norm(g)
        cands = names.get(key)
        if cands is not None:
            append(Match(s, m.end(), g, False, cands))
        else:
            append(Match(s, m.end(), g, True, title_forms[upper_titles[key]]))
    # The names scan yields sorted, non-overlapping hits; only the other two scans can add
    # hits that must be merged in (and settled leftmost-then-longest).
    extra = False
    if gz.lower_names:
        for m in gz.lower_re.finditer(text):
            if m.start() and text[m.start() - 1].isalnum():
                continue
            g = m.group()
            key = cache.get(g)
            if key is None:
                key = cache[g] = norm(g)
            append(Match(m.start(), m.end(), g, False, names[key]))
            extra = True
    low_cache = gz.low_norm_cache
    for m in gz.low_titles_re.finditer(text):
        if text[m.start()] == "t" and text[m.start():m.start() + 4] not in ("the ", "the\n") or \
                m.start() and text[m.start() - 1].isalnum():
            continue
        s, e = m.span(1)
        g = m.group(1)
        key = low_cache.get(g)
        if key is None:
            key = low_cache[g] = norm(g).lower()
        append(Match(s, e, g, True, title_forms[key]))
        extra = True
    if not extra:
        return hits
    hits.sort(key=_hit_order)
    kept: list[Match] = []
    last = -1
    for h in hits:
        if h.start >= last:
            kept.append(h)
            last = h.end
    return kept


def _hit_order(h: Match) -> tuple[int, int]:
    return h.start, h.start - h.end


def resolve_article(text: str, published=None, gazetteer=None) -> list[Match]:
    """Every gazetteer hit in ``text``, resolved (see the module docstring).  Pure: depends only
    on the text, the date and the gazetteer.  Hits with ``drop`` set are parts of other mentions,
    places, or phrases that are not titles; hits with ``actor_id`` None are unresolved."""
    gz = load_gazetteer(gazetteer)
    day = _to_date(published)
    hits = _scan(text, gz)
    actors = gz.actors
    cache, surnames = gz.norm_cache, gz.surnames

    # Pass 1: names with a single candidate; note who is named in full in the article.
    named: set[str] = set()
    for h in hits:
        if h.is_title:
            continue
        cands = h.candidates
        if not cands:
            key = cache.get(h.surface)
            if key is None:
                key = cache[h.surface] = norm(h.surface)
            if key in surnames:
                h.is_surname = True
            else:
                h.drop = True  # a `not_names` phrase
            continue
        if len(cands) == 1:
            aid, method, place = cands[0]
            if place and _used_as_place(text, h, gz):
                h.drop = True
                continue
            h.actor_id, h.method = aid, method
            if method in ("full_name", "alias"):
                named.add(aid)

    # Pass 2: surnames that are preceded by another capitalised name word belong to a name the
    # gazetteer does not know ("Hardeep Singh"): not a mention, and a sign of a second bearer.
    other_bearers: set[str] = set()
    for i, h in enumerate(hits):
        if h.is_surname and _after_unknown_name_word(text, h, hits[i - 1] if i else None, gz):
            h.drop = True
            other_bearers.add(norm(h.surface))

    # Pass 3: titles (in order, since "already mentioned" depends on what came before).
    mentioned_before: set[str] = set()   # a set: membership is asked once per title
    title_before: dict[int, str] = {}
    for i, h in enumerate(hits):
        if h.drop:
            continue
        if h.is_title:
            _resolve_title(text, hits, i, h, day, gz, mentioned_before, title_before)
        elif h.actor_id is None and not h.is_surname and len(h.candidates) > 1:
            ids = [c[0] for c in h.candidates]
            inside = [a for a in ids if a in named]
            if len(set(inside)) == 1:
                h.actor_id, h.method = inside[0], next(c[1] for c in h.candidates if c[0] == inside[0])
            else:
                h.reason = "ambiguous: " + " | ".join(actors[a].name for a in dict.fromkeys(ids))
        elif h.is_surname:
            _resolve_surname(h, gz, named, other_bearers, title_before)
        if h.actor_id and not h.drop:
            mentioned_before.add(h.actor_id)

    # Pass 4: a state's name used as a modifier is a demonym-like use (after the titles, which
    # read it as their qualifier).
    for i, h in enumerate(hits):
        if h.drop or h.method not in ("full_name", "alias") or actors[h.actor_id].kind != "state":
            continue
        if _used_as_modifier(text, h, hits[i + 1] if i + 1 < len(hits) else None, gz):
            h.actor_id, h.method = gz.modifier_of[h.actor_id], "modifier"
    return hits


_MOD_GAP = re.compile(r"[^\S\n]+")
_NEXT_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _used_as_modifier(text: str, h: Match, nxt: Match | None, gz: Gazetteer) -> bool:
    """Whether the name ``h`` is used before a noun: followed (after spaces, on the same line)
    by a title, by a name that is not a person's or a state's, or by one of the gazetteer's
    ``modifier_nouns`` / ``spokes_nouns`` ("U.S. officials", "the US capital")."""
    gap = _MOD_GAP.match(text, h.end)
    if gap is None:
        return False
    at = gap.end()
    if nxt is not None and nxt.start == at:
        if nxt.is_title:
            return True
        ids = [c[0] for c in nxt.candidates]
        if not nxt.is_surname and all(i and gz.actors[i].kind not in ("person", "state") for i in ids):
            return True   # "U.S. Central Command", and a not_names phrase ("U.S. National Security Council")
    w = _NEXT_WORD.match(text, at)
    return w is not None and w.group().lower() in gz.modifier_nouns and w.group()[:1].islower()


def _prev_word(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of the word (``[\\w.'’-]+``) that ends ``text[lo:hi]``, but for spaces (not line
    breaks) after it; None if there is none.  The same as ``_PREV_WORD.search(text[lo:hi])``
    (offsets absolute), walking back from ``hi`` instead of trying every start position."""
    e = hi
    while e > lo and text[e - 1] != "\n" and text[e - 1].isspace():
        e -= 1
    b = e
    while b > lo and (text[b - 1].isalnum() or text[b - 1] in _WORD_PUNCT):
        b -= 1
    return (b, e) if b < e else None


def _used_as_place(text: str, h: Match, gz: Gazetteer) -> bool:
    before = _PLACE_CUT.split(text[max(0, h.start - 40):h.start])[-1]
    words = _PLACE_WORDS.findall(before)
    while words and words[-1].lower() in ("the", "a"):
        words.pop()
    if words and words[-1].lower() in gz.place_cues and words[-2:] != ["according", "to"]:
        return True
    return bool(_DC.match(text, h.end))


def _after_unknown_name_word(text: str, h: Match, prev: Match | None, gz: Gazetteer) -> bool:
    lo = max(0, h.start - 40)
    span = _prev_word(text, lo, h.start)
    if span is None:
        return False
    word = text[span[0]:span[1]]
    if not word[:1].isupper() or word.endswith(("'s", "’s")):
        return False
    if prev is not None and prev.end > span[0]:
        return False  # right after another mention or a title ("Secretary of State Blinken")
    if norm(word) in gz.honorifics or norm(word.rstrip(".")) in gz.honorifics:
        return False
    if word.endswith("."):
        return False  # the end of the previous sentence
    low = word.lower().rstrip(".")
    if low in _stopwords() or low in _WEEKDAYS_MONTHS:
        return False
    if gz.title_words is None:
        gz.title_words = _title_words(gz)
    if low in gz.title_words:
        return False  # the end of a title the gazetteer does not list ("Secretary of State Blinken")
    if _SENT_START.search(text[lo:span[0]]):
        return False  # a capitalised first word of a sentence ("Meanwhile Blinken said")
    return True


def _resolve_surname(h: Match, gz: Gazetteer, named: set[str], other_bearers: set[str],
                     title_before: dict[int, str]) -> None:
    key = gz.norm_cache.get(h.surface)
    if key is None:
        key = gz.norm_cache[h.surface] = norm(h.surface)
    cands = list(dict.fromkeys(gz.surnames.get(key, [])))
    h.method = "surname"
    if key in other_bearers:
        h.reason = f"ambiguous: another person called {h.surface} is named in the article"
        # none of the gazetteer's bearers named in the article, none known by the surname alone:
        # the other bearer is the only one the article names
        h.yields = not any(a in named or gz.actors[a].known_by_surname for a in cands)
        return
    inside = [a for a in cands if a in named]
    if len(inside) == 1:
        h.actor_id = inside[0]
        return
    if len(inside) > 1:
        h.reason = "ambiguous: " + " | ".join(gz.actors[a].name for a in inside)
        return
    by_title = title_before.get(h.start)
    if by_title in cands:
        h.actor_id = by_title
        return
    known = [a for a in cands if gz.actors[a].known_by_surname]
    if len(known) == 1:
        h.actor_id = known[0]
    else:
        h.reason = ("ambiguous: " + " | ".join(gz.actors[a].name for a in known)) if known else \
            "surname of a person not named in full in the article"


def _resolve_title(text: str, hits: list[Match], i: int, h: Match, day, gz: Gazetteer,
                   mentioned_before: set[str], title_before: dict[int, str]) -> None:
    h.method = "title"
    if not h.candidates:
        h.drop = True  # a phrase listed in not_titles
        return
    prev = hits[i - 1] if i else None
    nxt = hits[i + 1] if i + 1 < len(hits) else None
    # "former president", "deputy prime minister": not the holder
    span = _prev_word(text, max(0, h.start - 30), h.start)
    if span and text[span[0]:span[1]].lower().strip("-") in gz.negators:
        h.drop = True
        return
    # qualifier: "Israeli defense minister", "Israel's prime minister", "Prime Minister of Israel"
    qualifier = None
    after = h.end
    if prev is not None and not prev.is_title and prev.actor_id and prev.end <= h.start \
            and _QUAL_GAP.match(text[prev.end:h.start]) and gz.actors[prev.actor_id].kind != "person":
        qualifier = gz.actors[prev.actor_id].affiliation
    of = _OF_THE.match(text, h.end)
    if of and nxt is not None and nxt.start == of.end() and not nxt.is_title and nxt.actor_id \
            and gz.actors[nxt.actor_id].kind != "person":
        qualifier = qualifier or gz.actors[nxt.actor_id].affiliation
        after = nxt.end
    holders = [t for t in h.candidates if t.held_on(day)]
    if day is None and len({t.actor_id for t in h.candidates}) > 1:
        holders = []
        h.reason = "undated article and several holders of the title"
    if qualifier:
        holders = [t for t in holders if t.of == qualifier]
    ids = list(dict.fromkeys(t.actor_id for t in holders))
    if len(ids) > 1:
        seen = [a for a in ids if a in mentioned_before]
        ids = seen if len(seen) == 1 else ids
    resolved = ids[0] if len(ids) == 1 else None
    # a title next to a name is part of that name's mention (but "X, the Prime Minister's
    # adviser" is about the adviser: a possessive title is never an apposition)
    possessive = text[after:after + 2] in ("'s", "’s")
    if possessive and _heads_other_title(text, after + 2, nxt, gz):
        h.drop = True   # "the Prime Minister's Chief of Staff": someone else's post
        return
    appos_after = (nxt is not None and not nxt.is_title and _APPOS_AFTER.match(text[after:nxt.start])
                   and _is_person_hit(nxt, gz))
    appos_before = (prev is not None and not prev.is_title and prev.end <= h.start
                    and _APPOS_BEFORE.match(text[prev.end:h.start]) and _is_person_hit(prev, gz))
    if _NEXT_CAP.match(text, after) or (not possessive and (appos_after or appos_before)):
        h.drop = True
        if resolved and nxt is not None and nxt.start - after <= 3:
            title_before[nxt.start] = resolved
        return
    if resolved:
        h.actor_id = resolved
    elif not h.reason:
        if not holders:
            h.reason = f"no holder of {h.surface!r}" + (f" ({qualifier})" if qualifier else "") + \
                (f" on {day}" if day else "")
        else:
            h.reason = "ambiguous: " + " | ".join(gz.actors[a].name for a in ids)


_TITLE_RUN = re.compile(r"[^\S\n]+([A-Za-z][\w-]*(?:[^\S\n]+[A-Za-z][\w-]*){0,4})")


def _heads_other_title(text: str, pos: int, nxt: Match | None, gz: Gazetteer) -> bool:
    """After a possessive title ("the Prime Minister's"), at ``pos``: is what follows another
    person's title?  Yes when it is a title of the gazetteer, starts with a capital ("Chief of
    Staff", "Military Secretary", "Foreign Policy Advisor") or holds the word a gazetteer title
    ends with ("national security adviser"); no when it starts with a spokes noun ("office",
    "Office", "spokesman": the holder speaks)."""
    run = _TITLE_RUN.match(text, pos)
    if run is None:
        return False
    words = run.group(1).split()
    if words[0].lower() in gz.spokes_nouns:
        return False
    if nxt is not None and nxt.is_title and nxt.start == run.start(1):
        return True
    if words[0][:1].isupper():
        return True
    if gz.title_heads is None:
        gz.title_heads = frozenset(t.title.split()[-1].lower() for t in gz.titles) - _stopwords()
    return any(w.lower() in gz.title_heads for w in words)


def _is_person_hit(h: Match, gz: Gazetteer) -> bool:
    if h.is_surname:
        return True
    return any(c[0] and gz.actors[c[0]].kind == "person" for c in h.candidates)


# ------------------------------------------------------------------------------------------------
# Frames


def _sentence_index(corpus_or_articles) -> tuple[pd.DataFrame, dict[str, list[int]]]:
    """(articles, article_id -> sorted sentence starts)."""
    if hasattr(corpus_or_articles, "articles"):
        articles, index = corpus_or_articles.require_text(), corpus_or_articles.sentence_index
    else:
        from ..corpus.segment import sentence_index, sentences as _sentences
        articles = corpus_or_articles
        index = sentence_index(_sentences(articles))
    return articles, {aid: [s for _sid, s, _e, _p in spans] for aid, spans in index.items()}


def article_mentions(text: str, *, article_id: str = "", published=None, sentence_starts=None,
                     gazetteer=None, unresolved: bool = False) -> list[tuple]:
    """The mention rows (tuples in ``MENTION_COLUMNS`` order) of one article.  Pure.

    ``sentence_starts``: the sorted start offsets of the article's sentences (for ``sent_id``);
    computed with the project's tokenizer when not given."""
    gz = load_gazetteer(gazetteer)
    if sentence_starts is None:
        from ..corpus.segment import sentence_spans
        sentence_starts = [s for s, _, _ in sentence_spans(text)]
    rows = (_hit_row(h, article_id, sentence_starts, gz, unresolved) for h in resolve_article(text, published, gz))
    return [r for r in rows if r is not None]


def _hit_row(h: Match, article_id: str, sentence_starts: list[int], gz: Gazetteer, unresolved: bool) -> tuple | None:
    """The mention row (a tuple in ``MENTION_COLUMNS`` order) of a resolved gazetteer hit; None
    for a hit that is dropped, or unresolved when ``unresolved`` is false."""
    if h.drop or not (h.actor_id or unresolved):
        return None
    sid = max(bisect_right(sentence_starts, h.start) - 1, 0)
    if h.actor_id:
        a = gz.actors[h.actor_id]
        return article_id, sid, h.start, h.end, h.surface, a.id, a.name, a.kind, a.affiliation, h.method
    return (article_id, sid, h.start, h.end, h.surface, None, h.reason or "unresolved", None, None,
            h.method or ("surname" if h.is_surname else "alias"))


def mentions(corpus, gazetteer=None, *, demonyms: bool = True, unresolved: bool = False,
             model: str | None = None) -> pd.DataFrame:
    """One row per actor mention (the ``mentions`` table: see ``MENTION_COLUMNS`` and the
    README).  ``text[start:end] == surface`` in the article's cleaned text.

    ``corpus``: a :class:`~conflictnews.corpus.Corpus` (or an articles frame with article_id,
    text and published); parsed once (``model``: the spaCy pipeline) and from the parse cache
    when there is one, or read from the extract folder it comes from.  ``demonyms=False`` leaves
    demonym rows out (``kind`` demonym: the demonyms and the modifier uses of state names);
    ``unresolved=True`` adds the surnames and titles that could not be resolved (the
    ``unresolved_mentions`` table: ``actor_id`` empty, the reason in ``actor``)."""
    from .registry import frame_corpus, run

    if isinstance(corpus, pd.DataFrame):
        corpus = frame_corpus(corpus)
    names = ["mentions", "unresolved_mentions"] if unresolved else ["mentions"]
    found = run(corpus, names, {"gazetteer": gazetteer}, model=model)
    df = found["mentions"]
    if unresolved:
        df = pd.concat([df, found["unresolved_mentions"]], ignore_index=True)
        df = df.sort_values(["article_id", "start", "end"], kind="stable", key=_corpus_order(corpus)).reset_index(drop=True)
    if not demonyms:
        df = df[df["kind"] != "demonym"].reset_index(drop=True)
    return df


def _corpus_order(corpus):
    """A sort key that puts article ids in the corpus's order (offsets sort as numbers)."""
    order = {aid: i for i, aid in enumerate(corpus.articles["article_id"])}

    def key(col: pd.Series) -> pd.Series:
        return col.map(order) if col.name == "article_id" else col
    return key


def mentions_in_text(text: str, published=None, gazetteer=None, *, unresolved: bool = False,
                     parse: bool = True) -> pd.DataFrame:
    """The mentions of a single text, as a frame (handy in a notebook or a test).  The text is
    parsed here (``parse=False``: the gazetteer alone)."""
    from .registry import single

    article = single(text, published, needs=MENTION_NEEDS if parse else ())
    return pd.DataFrame(article_rows(article, gazetteer, unresolved=unresolved), columns=MENTION_COLUMNS)


# ------------------------------------------------------------------------------------------------
# Names the gazetteer does not know

_CAP = r"[A-Z][a-zà-ÿ]+(?:[-'’][A-Za-zà-ÿ]+)*"
_PARTICLE = r"(?:al|el|bin|ibn|abu|bint|de|da|van|von|der|ben)[-\s]"
_NAME_SEQ = re.compile(rf"(?<![\w-])(?:{_CAP}|{_PARTICLE}{_CAP})(?:[^\S\n]+(?:{_PARTICLE})?{_CAP})+(?![\w-])")


UNLISTED_MAX_WORDS = 4   # an unlisted name is at most this many words ("Mohamed Hamdan Dagalo")


def unlisted_names(corpus, gazetteer=None, *, min_count: int = 1, max_words: int = UNLISTED_MAX_WORDS) -> pd.DataFrame:
    """Capitalised name sequences (two or more capitalised words, e.g. "Hardeep Singh Nijjar")
    that no gazetteer entry covers, ranked by frequency.

    Left out: sequences overlapping a gazetteer hit (a name, a title, a `not_names` phrase);
    leading sentence-initial function words ("The", "On"), weekdays and months (which also split
    sequences); sentences in headline case (most words capitalised).  Columns: name, count,
    articles (how many articles), example_article, example_start, example_sentence.  With the
    defaults this is the ``unlisted_names`` table of the registry (read from an extract folder
    when the corpus comes from one)."""
    if min_count == 1 and max_words == UNLISTED_MAX_WORDS:
        from .registry import run
        return run(corpus, ["unlisted_names"], {"gazetteer": gazetteer})["unlisted_names"]
    gz = load_gazetteer(gazetteer)
    articles, starts = _sentence_index(corpus)
    stop = _stopwords() | _title_words(gz)
    found = []
    for aid, text, published in zip(articles["article_id"], articles["text"], articles["published"]):
        found.extend(_unlisted_in(text, aid, published, starts.get(aid) or [0], gz, stop, max_words))
    return _rank_unlisted(found, min_count)


UNLISTED_ROW = ("name", "article_id", "start", "sentence")


def _unlisted_in(text: str, aid: str, published, sstarts: list[int], gz: Gazetteer, stop, max_words: int):
    """(name, article_id, start, sentence) of each unlisted name of one article."""
    covered = [(h.start, h.end) for h in resolve_article(text, published, gz)]
    cov_starts = [c[0] for c in covered]
    for m in _NAME_SEQ.finditer(text):
        for s, e, name in _split_sequence(text, m.start(), m.end(), stop, max_words):
            k = bisect_right(cov_starts, e) - 1
            if k >= 0 and covered[k][1] > s:
                continue  # overlaps a known name or title
            if k >= 1 and covered[k - 1][1] > s:
                continue
            sid = bisect_right(sstarts, s) - 1
            ss = sstarts[sid] if sid >= 0 else 0
            se = sstarts[sid + 1] if sid + 1 < len(sstarts) else len(text)
            sentence = text[ss:se].strip()
            if _headline_case(sentence) or name.lower() in _not_names(gz):
                continue
            yield name, aid, s, sentence


def _not_names(gz: Gazetteer) -> frozenset[str]:
    """The gazetteer's ``not_names``, lower case: page furniture and outlets ("Breaking News")."""
    got = getattr(gz, "_not_names", None)
    if got is None:
        got = gz._not_names = frozenset(n.lower() for n in gz.language.get("not_names", []))
    return got


def _combine_unlisted(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The unlisted names of a corpus from those of its parts (each article is in one part): counts
    and article counts add up, the example is the first part's."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=UNLISTED_COLUMNS)
    df = pd.concat(parts, ignore_index=True)
    first = df.drop_duplicates("name")[["name", "example_article", "example_start", "example_sentence"]]
    sums = df.groupby("name", sort=False)[["count", "articles"]].sum().reset_index()
    out = sums.merge(first, on="name")[UNLISTED_COLUMNS]
    return out.sort_values(["count", "articles", "name"], ascending=[False, False, True]).reset_index(drop=True)


def _rank_unlisted(found, min_count: int = 1) -> pd.DataFrame:
    """The unlisted-names table from the (name, article_id, start, sentence) of every article."""
    counts: Counter = Counter()
    arts: dict[str, set] = defaultdict(set)
    example: dict[str, tuple] = {}
    for name, aid, s, sentence in found:
        counts[name] += 1
        arts[name].add(aid)
        example.setdefault(name, (aid, s, sentence))
    rows = [(n, c, len(arts[n]), *example[n]) for n, c in counts.items() if c >= min_count]
    df = pd.DataFrame(rows, columns=UNLISTED_COLUMNS)
    return df.sort_values(["count", "articles", "name"], ascending=[False, False, True]).reset_index(drop=True)


def _title_words(gz: Gazetteer) -> frozenset[str]:
    """Lower-cased words of titles, honorifics and demonyms (the shipped ones too): stripped from
    the ends of an unlisted name ("Defense Secretary Lloyd Austin" -> "Lloyd Austin")."""
    shipped = load_gazetteer(None) if gz.source != str(RESOURCES / DEFAULT) else gz
    words = set()
    for g in {id(gz): gz, id(shipped): shipped}.values():
        for t in g.titles:
            words.update(w.lower() for w in re.findall(r"[\w-]+", t.title))
        for phrase in g.language.get("not_titles", []) + g.language.get("honorifics", []):
            words.update(w.lower() for w in re.findall(r"[\w-]+", phrase))
        for a in g.actors.values():
            if a.kind == "demonym":
                words.add(a.name.lower())
        words.update(k.lower() for k, c in g.names.items() if c and all(x[1] == "demonym" for x in c))
    return frozenset(words)


def _split_sequence(text: str, start: int, end: int, stop, max_words: int):
    """Split a capitalised run at weekdays, months and number words (a headline's place run into
    the next sentence: "Gaza Two people were killed" gives no "Gaza Two"), and strip function
    words at its ends."""
    words = [(m.start() + start, m.end() + start, m.group()) for m in re.finditer(r"\S+", text[start:end])]
    parts, cur = [], []
    for w in words:
        low = w[2].lower()
        if low in _WEEKDAYS_MONTHS or low in _NUMBER_WORDS:
            parts.append(cur)
            cur = []
        else:
            cur.append(w)
    parts.append(cur)
    for part in parts:
        while part and part[0][2].lower() in stop:
            part = part[1:]
        while part and part[-1][2].lower() in stop:
            part = part[:-1]
        if part and part[-1][2][-2:] in ("'s", "’s"):
            w = part[-1]
            part = part[:-1] + [(w[0], w[1] - 2, w[2][:-2])]
        if len(part) < 2 or len(part) > max_words:
            continue
        s, e = part[0][0], part[-1][1]
        yield s, e, norm(text[s:e])


def _headline_case(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence)
    if len(words) < 4:
        return False
    caps = sum(w[0].isupper() for w in words)
    return caps / len(words) >= 0.6


# ------------------------------------------------------------------------------------------------
# The tables

GAZETTEER = Resource("gazetteer", DEFAULT, "the actors: names, aliases, dated titles, metonyms, demonyms, "
                                           "speech verbs")


MENTION_NEEDS = ("pos", "dep", "ents")


def article_rows(article, gazetteer=None, *, unresolved: bool = False) -> list[dict]:
    """The mention rows of one parsed article (dicts in ``MENTION_COLUMNS``): the gazetteer's,
    then the names it does not know (:mod:`conflictnews.extractors.named`).  Pure."""
    from . import named

    gz = load_gazetteer(gazetteer)
    text, aid = article.text, article.article_id
    starts = [s.start for s in article.sentences] or [0]
    hits = resolve_article(text, article.published, gz)
    rows, blocked, weak, yielded = [], [], [], []
    actors = gz.actors
    for h in hits:
        if h.drop and h.is_surname:
            continue   # "Singh" in a name the gazetteer does not know ("Hardeep Singh"): the name's turn
        if h.yields:   # the surname of that name alone: its turn too (unresolved if it does not take it)
            row = _hit_row(h, aid, starts, gz, unresolved)
            if row is not None:
                yielded.append(dict(zip(MENTION_COLUMNS, row)))
            continue
        if h.actor_id and not h.drop and (actors[h.actor_id].kind == "demonym" or _heads_a_longer_name(text, h, gz)):
            weak.append((h.start, h.end))
        else:
            blocked.append((h.start, h.end))
        row = _hit_row(h, aid, starts, gz, unresolved)
        if row is not None:
            rows.append(dict(zip(MENTION_COLUMNS, row)))
    if not any(s.doc is not None for s in article.sentences):
        return rows + yielded
    found, swallowed = named.named_mentions(article, gz, blocked, weak, rows, title_words=_trim_words(gz),
                                            unresolved=unresolved)
    rows = named.people_groups(article, rows, gz)
    spans = {(r["start"], r["end"]) for r in found}
    rows = [r for r in rows if (r["start"], r["end"]) not in swallowed] + found + \
        [r for r in yielded if (r["start"], r["end"]) not in spans]
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows


_CAPITALISED_NEXT = re.compile(r"[^\S\n]+[A-Z][a-z]")


def _heads_a_longer_name(text: str, h: Match, gz: Gazetteer) -> bool:
    """A gazetteer body's name at the start of a longer name the gazetteer does not know ("UN
    Human Rights Monitoring Mission", "U.S. Central Command"): the recogniser's organisation may
    take its place (see ``named.named_mentions``)."""
    return not h.is_title and gz.actors[h.actor_id].kind in ("state", "international_body", "organisation") \
        and _CAPITALISED_NEXT.match(text, h.end) is not None


def _trim_words(gz: Gazetteer) -> frozenset[str]:
    """Lower-cased words of titles and honorifics: taken off the front of a person's name."""
    got = getattr(gz, "_trim_words", None)
    if got is None:
        words = set()
        for t in gz.titles:
            words.update(w.lower() for w in re.findall(r"[\w-]+", t.title))
        for phrase in gz.language.get("honorifics", []):
            words.update(w.lower().rstrip(".") for w in re.findall(r"[\w.-]+", phrase))
        got = gz._trim_words = frozenset(words - _stopwords())
    return got


def _mentions_of(article, ctx) -> list[dict]:
    """The mentions of one article (the extractor's function; see ``base.py``)."""
    return article_rows(article, ctx.option("gazetteer"))


def _unresolved_of(article, ctx) -> list[dict]:
    """The surnames and titles of one article that could not be resolved without guessing."""
    return [r for r in article_rows(article, ctx.option("gazetteer"), unresolved=True) if not r["actor_id"]]


def _combine_mentions(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The mentions of a corpus extracted in parts (see ``named.combine_parts``)."""
    from .named import combine_parts

    df = combine_parts(parts)
    return df if len(df.columns) else pd.DataFrame(columns=MENTION_COLUMNS)


def _merge_mentions(rows: pd.DataFrame, ctx) -> pd.DataFrame:
    """The mentions table's corpus step: one actor per name across articles
    (:func:`conflictnews.extractors.named.merge_across_articles`).  The ids merged are kept in
    ``attrs["actor_merges"]`` (old id -> new id) for the quotes table to follow."""
    from .named import merge_across_articles

    merges = merge_across_articles(rows)
    if merges:
        ids = rows["actor_id"].map(lambda a: merges[a][0] if a in merges else a)
        rows = rows.assign(
            actor=[merges[a][1] if a in merges else n for a, n in zip(rows["actor_id"], rows["actor"])],
            kind=[merges[a][2] or k if a in merges else k for a, k in zip(rows["actor_id"], rows["kind"])],
            actor_id=ids)
    rows.attrs["actor_merges"] = {a: m[0] for a, m in merges.items() if m[0] != a}
    return rows


_UNLISTED_STOP: dict[int, tuple] = {}  # id(gazetteer) -> (gazetteer, its stop words)


def _unlisted_stop(gz: Gazetteer) -> frozenset:
    """The words stripped from the ends of an unlisted name, computed once per gazetteer."""
    got = _UNLISTED_STOP.get(id(gz))
    if got is None or got[0] is not gz:
        if len(_UNLISTED_STOP) >= 8:
            _UNLISTED_STOP.clear()
        got = _UNLISTED_STOP[id(gz)] = (gz, _stopwords() | _title_words(gz))
    return got[1]


def _unlisted_of(article, ctx):
    gz = load_gazetteer(ctx.option("gazetteer"))
    stop = _unlisted_stop(gz)
    return (dict(zip(UNLISTED_ROW, r)) for r in
            _unlisted_in(article.text, article.article_id, article.published,
                         [s.start for s in article.sentences] or [0], gz, stop, UNLISTED_MAX_WORDS))


MENTIONS = Extractor(
    name="mentions",
    unit="mention of an actor",
    columns={
        "article_id": "the article",
        "sent_id": "the sentence",
        "start": "offset of the mention in the cleaned text",
        "end": "offset just after it",
        "surface": "the mention as written",
        "actor_id": "the actor's id in the gazetteer (`demonym:<id>` for demonyms, `people:<id>` for a people "
                    "that acts); for a name the "
                    "gazetteer does not know, the name's key (`rapid_support_forces`), one per actor across "
                    "articles",
        "actor": "the actor's canonical name (a name the gazetteer does not know: its spelling the corpus uses "
                 "most)",
        "kind": "person, organisation, state, armed_group, international_body, demonym, people (a "
                "nationality named as a party that acts: \"the Iraqis have cleared the city\")",
        "affiliation": "the actor's affiliation in the gazetteer (empty for a name it does not know)",
        "method": "how it was recognised: `full_name`, `alias`, `title`, `surname`, `metonym`, `demonym`, "
                  "`modifier` (the gazetteer); `ner` (a person or organisation the named-entity recogniser "
                  "found, or a place that acts), `acronym` (defined in the article: \"(RSF)\"), `surname` of "
                  "a person named in full in the article, `body` (a capitalised noun for a body on its own: "
                  "\"the Coalition\")",
    },
    extract=_mentions_of,
    resources=(GAZETTEER,),
    needs=MENTION_NEEDS,
    finish=_merge_mentions,
    combine=lambda parts: _combine_mentions(parts),
    row_columns=tuple(MENTION_COLUMNS),
    dtypes={"sent_id": "int64", "start": "int64", "end": "int64"},
)


UNRESOLVED_MENTIONS = Extractor(
    name="unresolved_mentions",
    unit="surname or title the extractor refused to resolve (what a researcher should read by hand)",
    columns={**MENTIONS.columns,
             "actor_id": "empty: no actor is guessed",
             "actor": "why not: `ambiguous: <the candidates>`, `unknown surname`...",
             "kind": "empty", "affiliation": "empty"},
    extract=_unresolved_of,
    resources=(GAZETTEER,),
    needs=MENTION_NEEDS,
    dtypes={"sent_id": "int64", "start": "int64", "end": "int64"},
)

EXTRACTORS = (
    MENTIONS,
    UNRESOLVED_MENTIONS,
    Extractor(
        name="unlisted_names",
        unit="capitalised name the gazetteer does not know",
        columns={
            "name": "the name",
            "count": "occurrences",
            "articles": "articles it occurs in",
            "example_article": "the first article it occurs in",
            "example_start": "its offset there",
            "example_sentence": "the sentence there",
        },
        extract=_unlisted_of,
        resources=(GAZETTEER,),
        finish=lambda rows, ctx: _rank_unlisted(rows.itertuples(index=False, name=None)),
        row_columns=UNLISTED_ROW,
        combine=lambda parts: _combine_unlisted(parts),
        dtypes={"count": "int64", "articles": "int64", "example_start": "int64"},
    ),
)
