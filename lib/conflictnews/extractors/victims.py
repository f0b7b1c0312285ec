"""Whose deaths a sentence reports, and in which voice: the shared mechanism behind death mentions
(stance) and casualty claims (figures), for the conflict profile of the article.

    victim_side("Israeli strikes have killed 2,700 Palestinians in Gaza.", profile="israel-gaza")  -> 'palestinian'
    victim_side("RSF shelling killed 40 civilians in Darfur.", profile="sudan")                     -> 'sudanese'
    victim_side("RSF shelling killed 40 civilians in Darfur.")            -> 'none' (generic: no party)
    victim_side("Shelling killed 12 Sudanese civilians.")                 -> 'sudanese' (as written)
    death_voice("Israeli strikes have killed 2,700 Palestinians in Gaza.")    -> 'active'
    death_voice("At least 900 people have been killed, the military said.")  -> 'passive'
    death_voice("More than 2,200 Palestinians have died.")                    -> 'agentless'

A side is a side of the article's profile (``profiles/``), a nationality as written
(``resources/nationalities.yml``: "Thai nationals", "in Haiti"), ``both`` (two sides added up)
or ``none``.  No cue carries a side unless the profile (or a written nationality) says so: the
``generic`` profile, the default of these sentence-level functions, has no party, so "airstrikes"
or "the hospital" mean nothing there.

``focus`` is the (start, end) span within ``text`` of the death phrase of interest (e.g. a
figure "over 9,000 Palestinians have been killed"): cues near it weigh more, and the voice is
that of the death word nearest to it.  Without a focus, every death word in the text is a focus.

The English (death words, voice cues, the grammar of agency, weights) is in
``resources/victims.yml``; every function takes ``resource=`` to use another file and
``profile=`` (a name, a path or a loaded profile) for the war.  The pair is compiled once into a
few regular expressions (one for death words, one with a named group per cue) and cached.

The method: each side cue found in the text counts ``weight * scale / (scale + distance)`` for
its side, where distance is in characters from the death phrase.  Cues come in five kinds:
``victims`` (who dies: "Palestinians", "Sudanese civilians"), ``agents`` (a side's own counting
authority: "the Lebanese health ministry"), ``places`` ("Gaza", "in Haiti"), ``harm`` (a party's
violence: "Israeli strikes", "RSF shelling": its score goes to the party's opponents, the one the
sentence names by its people or places, else the first) and ``fighters`` (a party's armed men,
who are agents when they are the subject of an active death verb or come after "by" -- "Hamas
gunmen killed", "killed by Israeli troops" -- and victims otherwise -- "Israel killed 1,500
Hamas militants", "Israeli soldiers were killed").
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from .matchers import fast_union, group_key
from ..profiles import Profile, load_profile
from ..resources import ResourceError, check_pattern, load_yaml, resource_path

VOICES = ("active", "passive", "agentless")
CUE_KINDS = ("victims", "agents", "places", "fighters")
DEFAULT_RESOURCE = "victims.yml"
NATIONALITIES = "nationalities.yml"


@dataclass(frozen=True)
class Cue:
    side: str            # a side name, or "" for shared cues (and nationality cues before reading)
    kind: str            # victims / agents / places / fighters / harm / shared
    weight: float
    nationality: bool = False   # the side is the nationality its words name (see ``Nationalities``)


@dataclass(frozen=True, eq=False)
class Nationalities:
    """``resources/nationalities.yml`` compiled once: cue patterns over every nationality at once
    (ADJ and COUNTRY of each template stand for all adjectives and all countries), and the
    patterns that tell which nationality a match names, so that the size of the table costs little
    (one alternative per template, not one per template and nationality)."""
    templates: tuple         # (pattern, kind, only in a profile without sides)
    finder: re.Pattern       # any nationality word (adjective, plural, country); groups -> ``side_of``
    adjectives: re.Pattern   # the adjectives alone (read in a figure's group); groups -> ``side_of``
    names: re.Pattern        # any nationality word as a whole word ("Agence France-Presse" names none)
    side_of: dict            # group name -> nationality
    attacks: tuple           # the attack templates (ADJ, COUNTRY), for the agents of a profile's sides
    words: dict              # nationality -> {"ADJ": alternation, "COUNTRY": alternation}
    sides: tuple             # every nationality, in the file's order

    def side(self, words: str) -> str | None:
        """The nationality the first nationality word of ``words`` names, or None."""
        m = self.finder.search(words)
        return self.side_of[m.lastgroup] if m else None

    def attackers(self, side: str) -> list[str]:
        """The attack patterns of one nationality ("Palestinian attacks", "Russia's invasion")."""
        spec = self.words.get(side) or {}
        return [p.replace(k, f"(?:{spec[k]})") for p in self.attacks
                for k in ("ADJ", "COUNTRY") if k in p and spec.get(k)]


@dataclass(frozen=True)
class VictimModel:
    """The compiled resource.  Build it with :func:`load_model`."""
    path: str
    death: re.Pattern            # groups v<i> (verbs), n<i> (nouns)
    cues: re.Pattern             # groups: c0, c1, ... (see ``cue_info``)
    cue_info: tuple[Cue, ...]
    passive_before: re.Pattern   # searched in the text that ends at a death verb
    reduced_after: re.Pattern    # matched right after a death verb
    active_after: re.Pattern     # matched right after a death verb
    by_after: re.Pattern         # "by" right after a death verb (agent follows)
    nominal_after: re.Pattern    # after an -ing form: a noun ("the killing of")
    nominal_before: re.Pattern   # before a verb form: a noun ("the massacre")
    sides: tuple[str, ...]
    scale: float
    both_ratio: float
    agency: "Agency | None" = None   # who kills whom (resource section ``agency``), if given
    cue_by_group: dict = field(default_factory=dict, compare=False)   # ``cues`` group name -> Cue
    opponents: dict = field(default_factory=dict, compare=False)      # side -> sides its forces harm
    party_sides: tuple = ()       # the sides of the profile (or of a resource's own ``sides``)
    outcome_sides: dict = field(default_factory=dict, compare=False)  # outcome -> side (profile)
    profile: str = "generic"      # the profile's name
    reach: float = 600.0          # cues farther than this (characters) from a death phrase do not count
    nations: Nationalities | None = None   # the nationalities, to read a nationality cue's side
    remap: dict = field(default_factory=dict, compare=False)   # nationality -> the side victims of it count with
    resolved: dict = field(default_factory=dict, compare=False)   # (side, kind, weight) -> Cue, filled as read
    rank: dict = field(default_factory=dict, compare=False)   # side -> its place in ``sides`` (ties go to the earlier)


@dataclass(frozen=True)
class Agency:
    """The compiled ``agency`` section: actors (a side's forces and attacks) and where they are agents."""
    actors: re.Pattern           # groups a0, a1, ... (see ``actor_info``)
    actor_info: tuple[tuple[str, bool], ...]   # (side, is an attack)
    subject_before: re.Pattern   # searched in the text ending at an actor: it is in subject position
    source_after: re.Pattern     # matched right after an actor: a source ("Hamas said")
    pronoun_after: re.Pattern    # matched after a source's speech verb: the source is the agent
    adjacent: re.Pattern         # fullmatched between an actor and the verb it is the subject of
    object_before: re.Pattern    # searched in the text ending at an actor: a preposition governs it
    relative_before: re.Pattern  # searched in the text ending at an active verb: a relative clause
    control_before: re.Pattern   # searched in the text ending at an -ing verb: object control
    by_before: re.Pattern        # fullmatched between a passive verb and an actor (any)
    cause_before: re.Pattern     # fullmatched between a passive verb and an attack
    actor_by_group: dict = field(default_factory=dict, compare=False)   # ``actors`` group name -> (side, is_attack)


def _terms(value, where: str, path) -> list[tuple[str, float | None]]:
    """A list of terms: strings, or mappings {pattern: ..., weight: ...}."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ResourceError(f"{path}: {where} must be a list of terms, got {type(value).__name__}")
    out = []
    for item in value:
        weight = None
        if isinstance(item, dict):
            if "pattern" not in item:
                raise ResourceError(f"{path}: {where}: an entry given as a mapping needs 'pattern' ({item!r})")
            weight = item.get("weight")
            if weight is not None and not isinstance(weight, (int, float)):
                raise ResourceError(f"{path}: {where}: weight must be a number ({item!r})")
            item = item["pattern"]
        if not isinstance(item, (str, int, float)) or not str(item).strip():
            raise ResourceError(f"{path}: {where}: empty or non-text term {item!r}")
        term = str(item).strip()
        term = re.sub(r" +", r"\\s+", term)
        check_pattern(term, where, path, allow_empty=True)
        out.append((term, weight))
    return out


def _alternation(terms: list[str]) -> str:
    # Longer patterns first: a rough "most specific wins" among alternatives at the same position.
    return "|".join(sorted(set(terms), key=lambda t: (-len(t), t)))


def _word(term: str) -> str:
    return rf"(?<![\w-])(?:{term})(?![\w-])"


@lru_cache(maxsize=32)
def _compile(path: str, mtime: float, profile: Profile, nat_path: str, nat_mtime: float,
             as_written: bool = False) -> VictimModel:
    data = load_yaml(path, required=("death",))
    death = data["death"]
    if not isinstance(death, dict):
        raise ResourceError(f"{path}: 'death' must be a mapping with 'verbs' and 'nouns'")
    verbs = [t for t, _ in _terms(death.get("verbs"), "death.verbs", path)]
    nouns = [t for t, _ in _terms(death.get("nouns"), "death.nouns", path)]
    if not verbs and not nouns:
        raise ResourceError(f"{path}: 'death' has no verbs and no nouns")
    # Groups v0, v1... (verbs) and n0, n1... (nouns): see _kind().
    death_rx = re.compile(fast_union([(t, f"v{i}") for i, t in enumerate(verbs)] +
                                     [(t, f"n{i}") for i, t in enumerate(nouns)]))

    voice = data.get("voice") or {}
    if not isinstance(voice, dict):
        raise ResourceError(f"{path}: 'voice' must be a mapping")
    pb = [t for t, _ in _terms(voice.get("passive_before"), "voice.passive_before", path)] or [r"(?!x)x"]
    ra = [t for t, _ in _terms(voice.get("reduced_passive_after"), "voice.reduced_passive_after", path)] or [r"(?!x)x"]
    aa = [t for t, _ in _terms(voice.get("active_after"), "voice.active_after", path)] or [r"(?!x)x"]
    passive_before = re.compile(rf"(?<![\w-])(?:{_alternation(pb)})\s+$", re.I)
    reduced_after = re.compile(rf"\s*(?:(?:{_alternation(ra)})(?![\w-])|$)", re.I)
    active_after = re.compile(rf"\s+(?:{_alternation(aa)})(?![\w-])", re.I)
    by_after = re.compile(r"\s+by(?![\w-])", re.I)
    na = [t for t, _ in _terms(voice.get("nominal_after"), "voice.nominal_after", path)] or [r"(?!x)x"]
    nominal_after = re.compile(rf"\s+(?:{_alternation(na)})(?![\w-])", re.I)
    nb = [t for t, _ in _terms(voice.get("nominal_before"), "voice.nominal_before", path)] or [r"(?!x)x"]
    nominal_before = re.compile(rf"(?<![\w-])(?:{_alternation(nb)})\s+$", re.I)

    weights = data.get("weights") or {}
    if not isinstance(weights, dict):
        raise ResourceError(f"{path}: 'weights' must be a mapping")
    try:
        w = {k: float(weights.get(k, d)) for k, d in
             (("victims", 3.0), ("agents", 2.0), ("places", 1.0), ("fighters", 2.5), ("shared", 2.5),
              ("scale", 60.0), ("both_ratio", 0.6), ("reach", 600.0))}
    except (TypeError, ValueError) as exc:
        raise ResourceError(f"{path}: weights must be numbers: {exc}") from exc
    w["harm"] = w["agents"]

    alts, info = [], []

    def add(term: str, cue: Cue) -> None:
        alts.append((term, f"c{len(info)}"))
        info.append(cue)

    # 1. The sides the resource itself names (a self-contained file of the older format, which
    #    needs no profile), then 2. the profile's sides and its parties' violence, then 3. the
    #    nationalities as written.  Where two cues match the same words, the longer one wins,
    #    then the earlier (a profile's cue over a nationality's).
    own = _resource_sides(data, path, w, add)
    for side, spec in profile.sides.items():
        for kind in CUE_KINDS:
            for term, weight in spec[kind]:
                add(term, Cue(side, kind, w[kind] if weight is None else weight))
    for party in profile.parties.values():
        for term, weight in party.harm:
            add(term, Cue(party.side, "harm", w["harm"] if weight is None else weight))
    for term in profile.shared:
        add(term, Cue("", "shared", w["shared"]))
    for term, weight in _terms(data.get("shared"), "shared", path):
        add(term, Cue("", "shared", w["shared"] if weight is None else float(weight)))
    # A profile with sides names the places of its war itself: a country elsewhere in its
    # articles ("U.S. bases in Iraq") is not where its victims died.  Without one (generic), the
    # country is the victims' place ("killed in Haiti").
    nations = _nationalities(nat_path, nat_mtime)
    for pattern, kind, generic_only in nations.templates:
        if not generic_only or not profile.sides:
            add(pattern, Cue("", kind, w[kind], nationality=True))
    remap = {} if as_written else dict(profile.foreign_nationals)

    party_sides = tuple(own) + tuple(s for s in profile.sides if s not in own)
    opponents = {side: profile.opponents(side) for side in profile.sides}
    if len(own) == 2:   # the older format: each side's opponent is the other one
        opponents.update({own[0]: (own[1],), own[1]: (own[0],)})
    sides = party_sides + tuple(sorted(set(nations.sides) - set(party_sides)))
    cues_rx = re.compile(fast_union(alts))
    # a side's violence named by its nationality ("Palestinian attacks") is an agent of the profile
    attackers = [(term, side) for side in opponents if opponents[side] for term in nations.attackers(side)]
    agency = _compile_agency(data.get("agency"), profile, list(party_sides), path, attackers)
    return VictimModel(str(path), death_rx, cues_rx, tuple(info), passive_before, reduced_after,
                       active_after, by_after, nominal_after, nominal_before, sides, w["scale"],
                       w["both_ratio"], agency, {g: info[group_key(g)] for g in cues_rx.groupindex},
                       opponents, party_sides, dict(profile.outcome_sides), profile.name, w["reach"],
                       nations, remap, {}, {side: k for k, side in enumerate(sides)})


def _resource_sides(data: dict, path, w: dict, add) -> list[str]:
    """The cues of a resource's own ``sides`` section (optional: the shipped file has none, a
    profile gives them); the side names, in order."""
    sides = data.get("sides")
    if sides is None:
        return []
    if not isinstance(sides, dict):
        raise ResourceError(f"{path}: 'sides' must map side names to their cues")
    for side, kinds in sides.items():
        if side in ("both", "none"):
            raise ResourceError(f"{path}: '{side}' is reserved and cannot be a side name")
        if not isinstance(kinds, dict):
            raise ResourceError(f"{path}: sides.{side} must map cue kinds ({', '.join(CUE_KINDS)}) to terms")
        unknown = set(kinds) - set(CUE_KINDS)
        if unknown:
            raise ResourceError(f"{path}: sides.{side}: unknown cue kind(s) {sorted(unknown)}; "
                                f"expected {', '.join(CUE_KINDS)}")
        for kind, terms in kinds.items():
            for term, weight in _terms(terms, f"sides.{side}.{kind}", path):
                add(term, Cue(str(side), kind, w[kind] if weight is None else float(weight)))
    return [str(s) for s in sides]


@lru_cache(maxsize=8)
def _nationalities(nat_path: str, mtime: float) -> Nationalities:
    """The nationalities resource compiled (see :class:`Nationalities`).  A template that only a
    profile without sides uses: a country as the victims' place, a domestic force (a profile names
    its own places and says who harms whom)."""
    data = load_yaml(nat_path, required=("nationalities",))
    table = data["nationalities"]
    if not isinstance(table, dict) or not table:
        raise ResourceError(f"{nat_path}: 'nationalities' must map side names to their words")

    def alt(key, required=True):
        got = [t for t, _ in _terms(data.get(key), key, nat_path)]
        if not got and required:
            raise ResourceError(f"{nat_path}: '{key}' needs a list of terms")
        return _alternation(got) or _NONE

    people, forces, authorities, place_nouns, before = (alt(k) for k in
                                                        ("people", "forces", "authorities", "place_nouns", "place_before"))
    attacks, possessive, modifiers, domestic, side_before, losses, between = (
        alt(k, required=False) for k in ("attacks", "attacks_possessive", "attack_modifiers", "domestic_forces",
                                         "side_before", "losses", "losses_between"))
    attack = rf"(?:(?:{modifiers})\s+)?(?:{attacks})"
    direction = r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western)\s+)?"
    # (pattern, kind, only in a profile without sides): ADJ stands for the nationality's
    # adjectives, COUNTRY for its countries.  A force is not one when a domestic force's words go on
    # ("Myanmar's military JUNTA": the regex tries alternatives in order, not the longest first)
    forces = rf"(?:{forces})(?!\s+(?:{domestic}))"
    templates = [
        (rf"ADJ\s+(?:{people})", "victims", False), (rf"ADJ\s+{forces}", "fighters", False),
        (rf"ADJ\s+(?:{authorities})", "agents", False), (rf"ADJ\s+{attack}", "harm", False),
        (rf"(?:{side_before})\s+ADJ\s+side", "victims", False), (rf"ADJ\s+(?:{place_nouns})", "places", True),
        (rf"ADJ\s+(?:{domestic})", "agents", True),
        (rf"COUNTRY(?:'s|’s)\s+{forces}", "fighters", False),
        (rf"COUNTRY(?:'s|’s|-run|-based)?\s+(?:{authorities})", "agents", False),
        (rf"(?:{authorities})\s+(?:in|of)\s+(?:the\s+)?COUNTRY", "agents", False),
        (rf"COUNTRY(?:'s|’s)\s+(?:{attack}|(?:{possessive}))", "harm", False),
        (rf"COUNTRY(?:'s|’s)\s+(?:{domestic})", "agents", True),
        (rf"COUNTRY\s+(?:(?:{between})\s+){{0,3}}(?:{losses})", "victims", False),
        (rf"(?:{before})\s+(?:(?:the|a|an)\s+)?{direction}COUNTRY", "places", True),
        (r"COUNTRY(?:'s|’s)", "places", True)]
    words, finder, adjectives, side_of = {}, [], [], {}
    for side, spec in table.items():
        if not isinstance(spec, dict):
            raise ResourceError(f"{nat_path}: nationalities.{side} must map adjective, plural, countries to terms")
        unknown = set(spec) - {"adjective", "plural", "countries"}
        if unknown:
            raise ResourceError(f"{nat_path}: nationalities.{side}: unknown key(s) {sorted(unknown)}")
        terms = {name: [t for t, _ in _terms(spec.get(name), f"nationalities.{side}.{name}", nat_path)]
                 for name in ("adjective", "plural", "countries")}
        side = str(side)
        words[side] = {"ADJ": _alternation(terms["adjective"]), "COUNTRY": _alternation(terms["countries"])}
        for name in ("adjective", "plural", "countries"):
            for t in terms[name]:
                group = f"n{len(side_of)}"
                side_of[group] = side
                finder.append((t, group))
                if name == "adjective":
                    adjectives.append((t, group))
    every = {key: _alternation([w[key] for w in words.values() if w[key]]) for key in ("ADJ", "COUNTRY")}
    compiled = []
    for pattern, kind, generic_only in templates:
        key = "ADJ" if "ADJ" in pattern else "COUNTRY"
        if every[key]:
            compiled.append((pattern.replace(key, f"(?:{every[key]})"), kind, generic_only))
    # the plural demonyms and the countries' own words are people only as plurals ("Ukrainians")
    plural_terms = [t for side, spec in table.items()
                    for t, _ in _terms(spec.get("plural"), f"nationalities.{side}.plural", nat_path)]
    if plural_terms:
        compiled.append((_alternation(plural_terms), "victims", False))
    attacks = tuple(p for p, kind, _g in templates if kind == "harm")
    # (inside a cue's words a hyphen ends a word: "Gaza-run")
    finder_rx = re.compile(fast_union(finder, r"(?<!\w)", r"(?!\w)"))
    adjectives_rx, names_rx = re.compile(fast_union(adjectives)), re.compile(fast_union(finder))
    by_index = list(side_of.values())     # the side of alternative n<i> (fast_union may rename n<i>_<k>)
    side_of = {g: by_index[group_key(g)] for rx in (finder_rx, adjectives_rx, names_rx) for g in rx.groupindex}
    return Nationalities(tuple(compiled), finder_rx, adjectives_rx, names_rx, side_of, attacks, words,
                         tuple(str(side) for side in table))


_NONE = r"(?!x)x"


def _compile_agency(data, profile: Profile, sides: list[str], path, attackers=()) -> Agency | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: 'agency' must be a mapping (actors, clause_start, ...)")
    actors = data.get("actors") or {}
    if not isinstance(actors, dict):
        raise ResourceError(f"{path}: agency.actors must map side names to {{forces: [...], attacks: [...]}}")
    alts, info = [], []
    for side, kinds in actors.items():
        if str(side) not in sides:
            raise ResourceError(f"{path}: agency.actors.{side}: not a side in 'sides' ({', '.join(sides)})")
        if not isinstance(kinds, dict) or set(kinds) - {"forces", "attacks"}:
            raise ResourceError(f"{path}: agency.actors.{side} must map 'forces' and/or 'attacks' to terms")
        for kind, terms in kinds.items():
            for term, _ in _terms(terms, f"agency.actors.{side}.{kind}", path):
                alts.append((term, f"a{len(info)}"))
                info.append((str(side), kind == "attacks"))
    # The profile's parties: their armed men and their violence (the agents of a killing).
    for party in profile.parties.values():
        for kind, terms in (("forces", party.forces), ("attacks", party.attacks)):
            for term in terms:
                alts.append((term, f"a{len(info)}"))
                info.append((party.side, kind == "attacks"))
    # A side's violence named by its nationality ("Palestinian attacks", "a Russian ballistic
    # missile"): an attack of that side, whatever party the profile names.
    for term, side in attackers:
        alts.append((term, f"a{len(info)}"))
        info.append((side, True))
    if not alts:
        return None

    def alt(key):
        return _alternation([t for t, _ in _terms(data.get(key), f"agency.{key}", path)]) or _NONE

    subject_before = re.compile(
        rf"(?:^|[,;:(\[—–\"“”]|(?<![\w-])(?:{alt('clause_start')})(?![\w'’-])|\s-)\s*"
        rf"(?:(?:(?:{alt('modifiers')})(?![\w-])|(?-i:[A-Z])[\w'’.-]*|\d[\d,.]*)\s+){{0,3}}$", re.I)
    source_after = re.compile(rf"\s+(?:{alt('sources_after')})(?![\w-])", re.I)
    pronoun_after = re.compile(rf",?\s+(?:{alt('pronouns')})(?![\w-])", re.I)
    by_before = re.compile(rf"\s+(?:[^\s,.;:]+\s+){{0,4}}?(?:{alt('by_before')})\s+(?:[^\s,.;:]+\s+){{0,3}}", re.I)
    cause_before = re.compile(rf"\s+(?:{alt('cause_before')})\s+(?:[^\s,.;:]+\s+){{0,3}}", re.I)
    aux = alt("aux")
    adjacent = re.compile(rf"\s+(?:(?:{aux})\s+)*", re.I)
    relative_before = re.compile(rf"(?<![\w-])(?:{alt('relative')})\s+(?:(?:{aux})\s+)*$", re.I)
    control_before = re.compile(rf"(?<![\w-])(?:{alt('object_control')})\s+$", re.I)
    actors_rx = re.compile(fast_union(alts))
    object_before = re.compile(rf"(?<![\w-])(?:{alt('prepositions')})\s+(?:(?:(?:{alt('modifiers')})(?![\w-])|"
                               rf"(?-i:[A-Z])[\w'’.-]*|\d[\d,.]*)\s+){{0,3}}$", re.I)
    return Agency(actors_rx, tuple(info), subject_before, source_after, pronoun_after, adjacent, object_before,
                  relative_before,
                  control_before, by_before, cause_before, {g: info[group_key(g)] for g in actors_rx.groupindex})


def load_model(resource: str | Path | VictimModel | None = None, profile=None, as_written: bool = False) -> VictimModel:
    """The compiled victims resource (the shipped one by default) for ``profile`` (a name, a
    path or a loaded profile; None: ``generic``); cached per file, profile and mtime.
    ``as_written``: a nationality stays the nationality written ("Thai nationals": ``thai``) even
    where the profile counts it with one of its sides (``foreign_nationals``): the convention of
    casualty claims, whose side is the people counted as written; death mentions follow the
    profile's tally convention (Thai victims of 7 October on the Israeli side)."""
    if isinstance(resource, VictimModel):
        return resource
    path = resource_path(resource or DEFAULT_RESOURCE)
    nat = resource_path(NATIONALITIES)
    return _compile(str(path), path.stat().st_mtime, load_profile(profile), str(nat), nat.stat().st_mtime,
                    bool(as_written))


def death_pattern(resource=None) -> re.Pattern:
    """The compiled death-word pattern (a group ``v<i>`` per verb term, ``n<i>`` per noun term)."""
    return load_model(resource).death


def __getattr__(name):  # DEATH_PATTERN, compiled lazily from the shipped resource
    if name == "DEATH_PATTERN":
        return death_pattern()
    raise AttributeError(name)


def death_spans(text: str, resource=None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each death word in ``text``; kind is ``verb`` or ``noun``."""
    model = load_model(resource)
    return [(m.start(), m.end(), _kind(m.lastgroup)) for m in model.death.finditer(text)]


def _kind(group: str) -> str:
    return "verb" if group[0] == "v" else "noun"


def reports_death(text: str, resource=None) -> bool:
    return load_model(resource).death.search(text) is not None


# ---------------------------------------------------------------------------------------------
# Voice


# A past participle (the only form a reduced passive can take): killed, slain, shot, gunned down.
_PARTICIPLE = re.compile(r"\w+(?:ed|en|n|t)(?!\w)")
# Before a base form ("massacre" may be a noun): what makes it a verb.
_INFINITIVE_BEFORE = re.compile(r"(?<![\w-])(?:to|will|would|can|could|may|might|must|shall|should|did|do|does|not)\s+$",
                                re.I)


def _voice_of(text: str, s: int, e: int, kind: str, model: VictimModel) -> str:
    if kind != "verb":
        return "agentless"
    before = text[max(0, s - 80):s]
    if model.passive_before.search(before):
        return "passive"
    after = text[e:e + 60]
    if model.by_after.match(after):
        return "passive"
    word = text[s:e].lower()
    if not word.endswith("ed") and model.nominal_before.search(before):
        return "agentless"
    if word.endswith("ing") and model.nominal_after.match(after):
        return "agentless"
    if word.endswith("ing") or word.endswith("s") and not word.endswith("ss"):
        return "active"  # killing / kills / murders: a verb form that is never passive
    if not _PARTICIPLE.match(word) and _INFINITIVE_BEFORE.search(before):
        return "active"  # "to kill and kidnap", "would murder": a base form, never a participle
    if model.active_after.match(after):
        return "active"
    if model.reduced_after.match(after):
        return "passive"  # "the 1,300 people killed in the attack"
    return "active"


class _Voices(Sequence):
    """The death words of a text as (start, end, kind, voice), in order; a word's voice is read
    when it is first asked for.  Why: a voice takes a few regular expressions around its word,
    and a question about one figure needs the voices of the death words near it only (or none:
    a profile without agents), so a dense run of death words ("killed 1 killed 1 ...") no longer
    pays for every voice once per sentence whatever is asked.  ``spans``: (start, end, kind)."""

    __slots__ = ("text", "model", "spans", "_read")

    def __init__(self, text: str, model: VictimModel) -> None:
        self.text, self.model = text, model
        self.spans = [(m.start(), m.end(), _kind(m.lastgroup)) for m in model.death.finditer(text)]
        self._read: list = [None] * len(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def __iter__(self):
        for k, got in enumerate(self._read):
            yield got if got is not None else self[k]

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self.spans)))]
        got = self._read[k]
        if got is None:
            s, e, kind = self.spans[k]
            got = self._read[k] = (s, e, kind, _voice_of(self.text, s, e, kind, self.model))
        return got


def _spans(deaths):
    """The death words' (start, end, kind, ...) without reading their voices (see ``_Voices``)."""
    return getattr(deaths, "spans", deaths)


def _dist(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


# ---------------------------------------------------------------------------------------------
# One text, analysed once: its death words and side cues, with the sorted offsets that let every
# question about one death phrase look only at what lies near it (a binary search, then a walk
# over a window measured in characters).  Death words, cues and actors each come from one
# left-to-right scan, so they do not overlap and their starts and ends are both sorted: the work
# per death phrase stays bounded however many of them the text holds.

# How far (characters) from a fighters cue a death word can make it an agent or a victim: before
# the death word, 90 characters at most ("Hamas gunmen ... killed"); after it, "killed by" and
# three words, or "the deaths of" and three words (200 characters is ample).
_ROLE_BEFORE = 90
_ROLE_AFTER = 200


class Analysis:
    """The death words (``deaths``: start, end, kind, voice) and side cues (``cues``: span, Cue) of
    one text, for :func:`victim_side` and :func:`death_voice` asked about any number of foci."""

    __slots__ = ("text", "model", "deaths", "cues", "d_starts", "d_ends", "c_starts", "c_ends", "verbs", "_roles",
                 "_actors")

    def __init__(self, text: str, model: VictimModel, deaths=None, cues=None) -> None:
        self.text, self.model = text, model
        self.deaths = _Voices(text, model) if deaths is None else deaths
        self.cues = _cues(text, model) if cues is None else cues
        self.d_starts = [d[0] for d in _spans(self.deaths)]
        self.d_ends = [d[1] for d in _spans(self.deaths)]
        self.c_starts = [c[0][0] for c in self.cues]
        self.c_ends = [c[0][1] for c in self.cues]
        # death verbs whose agent can be looked for (actors are found only when there is one)
        self.verbs = ([d for d in self.deaths if d[2] == "verb" and d[3] != "agentless"]
                      if model.agency is not None else [])
        self._roles: dict[int, str | None] = {}
        self._actors = None

    def actors(self) -> "_Actors":
        """The actors where the agents of the text's death verbs can be, found once."""
        if self._actors is None:
            self._actors = _actors(self.text, self.model.agency, self.verbs) if self.verbs else _Actors([])
        return self._actors

    def deaths_between(self, lo: int, hi: int):
        """The death words that start in [lo, hi]."""
        return self.deaths[bisect_left(self.d_starts, lo):bisect_right(self.d_starts, hi)]

    def cue_range(self, lo: int, hi: int) -> range:
        """Indexes of the cues that lie within [lo, hi] (start >= lo, end <= hi)."""
        return range(bisect_left(self.c_starts, lo), bisect_right(self.c_ends, hi))

    def role(self, k: int) -> str | None:
        """:func:`_fighter_role` of cue ``k``, computed once."""
        if k not in self._roles:
            span = self.cues[k][0]
            near = self.deaths_between(span[0] - _ROLE_AFTER, span[1] + _ROLE_BEFORE)
            self._roles[k] = _fighter_role(self.text, span, near)
        return self._roles[k]

    def side(self, focus: tuple[int, int] | None = None) -> str:
        """:func:`victim_side` of the text, around ``focus`` when given."""
        if not self.text:
            return "none"
        return _side_from(self.text, focus, self.deaths, self.cues, self.model, self)

    def voice(self, focus: tuple[int, int] | None = None) -> str:
        """:func:`death_voice` of the text, for the death word nearest ``focus`` when given."""
        return _voice_from(self.deaths, focus, self)

    def inside(self, focus: tuple[int, int]):
        """The death words that overlap ``focus``, in order."""
        i = bisect_left(self.d_starts, focus[1])
        j = bisect_right(self.d_ends, focus[0])
        return self.deaths[j:i]

    def touching(self, focus: tuple[int, int]):
        """The death words at distance 0 from ``focus`` (overlapping or adjacent), in order."""
        i = bisect_right(self.d_starts, focus[1])
        j = bisect_left(self.d_ends, focus[0])
        return self.deaths[j:i]

    def nearest(self, focus: tuple[int, int]):
        """The death word nearest ``focus`` (the first one among equals), or None."""
        if not self.deaths:
            return None
        touching = self.touching(focus)
        if touching:
            return touching[0]
        i = bisect_right(self.d_starts, focus[1])
        before = self.deaths[i - 1] if i else None
        after = self.deaths[i] if i < len(self.deaths) else None
        if before is None or (after is not None and _dist((after[0], after[1]), focus) < _dist((before[0], before[1]), focus)):
            return after
        return before


def analyse(text: str, resource=None, profile=None) -> Analysis:
    """``text`` analysed once, for many questions: ``analyse(s).side(focus)``,
    ``analyse(s).voice(focus)`` give :func:`victim_side` and :func:`death_voice`."""
    model = resource if isinstance(resource, VictimModel) else load_model(resource, profile)
    return Analysis(text if isinstance(text, str) else "", model)


def _voice_from(found, focus, an: Analysis | None = None) -> str:
    """:func:`death_voice` given the text's :class:`_Voices`."""
    if not found:
        return "agentless"
    if focus is not None:
        # The death word inside or nearest the focus; a verb wins a tie with a noun inside it.
        inside = an.touching(focus) if an is not None else [f for f in found if _dist((f[0], f[1]), focus) == 0]
        verbs = [f for f in inside if f[2] == "verb"]
        if verbs:
            return verbs[0][3]
        if inside:
            return inside[0][3]
        return (an.nearest(focus) if an is not None else _nearest(found, focus))[3]
    for f in found:
        if f[2] == "verb":
            return f[3]
    return found[0][3]


def _nearest(items, focus):
    return min(items, key=lambda it: (_dist((it[0], it[1]), focus), it[0]))


def death_voice(text: str, focus: tuple[int, int] | None = None, resource=None) -> str:
    """'active' ("Israel has killed", "Hamas killed"), 'passive' ("have been killed", "were killed
    by", "the people killed in the attack") or 'agentless' ("have died", "deaths", "dead", "lost
    their lives"), for the death word nearest ``focus`` (default: the first verb of killing, else
    the first death word).  A text with no death word is 'agentless'."""
    if not isinstance(text, str) or not text:
        return "agentless"
    return analyse(text, resource).voice(focus)


# ---------------------------------------------------------------------------------------------
# Victim side


def _anchor_scores(an: Analysis, anchor, inside_bonus: float = 1.0, pools: bool = True):
    """Evidence for each side around one death phrase: {side: score}, {side: own-victim score}.
    Cues inside the anchor count ``inside_bonus`` times (a focus phrase names its own victims).
    A party's violence (``harm``, or its fighters as agents) counts for one of its opponents: the
    one whose people, places or counting authority are named, else the first the profile lists
    (``pools=False``: not counted at all, to see what the sentence names).  Only cues within
    ``model.reach`` characters count (farther ones weigh little, and counting them all would make
    a long text cost the square of its length).  The scores hold only the sides with a cue near
    the anchor (every other side scores 0): a death phrase costs what lies near it, not the
    number of sides the profile and the nationalities know."""
    model = an.model
    scores: dict[str, float] = {}
    own: dict[str, float] = {}
    shared = 0.0
    pending: dict[tuple, float] = {}
    reach = int(model.reach)
    for k in an.cue_range(anchor[0] - reach, anchor[1] + reach):
        span, cue = an.cues[k]
        d = _dist(span, anchor)
        value = cue.weight * model.scale / (model.scale + d)
        if span[0] >= anchor[0] and span[1] <= anchor[1]:
            value *= inside_bonus
        if cue.kind == "shared":
            shared += value
            continue
        side = cue.side
        if cue.kind == "harm":
            _owe(pending, model.opponents.get(side, ()), value)
            continue
        if cue.kind == "fighters":
            role = an.role(k)
            if role == "agent":
                _owe(pending, model.opponents.get(side, ()), value)
                continue
            if role is None:
                continue
        scores[side] = scores.get(side, 0.0) + value
        if cue.kind in ("victims", "places", "fighters"):
            own[side] = own.get(side, 0.0) + value
    evidence = dict(scores)
    for opponents, value in pending.items() if pools else ():
        side = _choose(opponents, evidence)
        scores[side] = scores.get(side, 0.0) + value
    return scores, own, shared


def _owe(pending: dict, opponents: tuple, value: float) -> None:
    if opponents:
        pending[opponents] = pending.get(opponents, 0.0) + value


# How much nearby evidence (own people or places) another opponent needs to take the place of
# the first one: a place cue within about the scale's distance of the death phrase.
SWITCH = 0.5


def _choose(opponents: tuple, evidence: dict) -> str:
    """The opponent whose people, places or counting authority the sentence names most, close to
    the death phrase; the first (the profile's default) if none is named close enough."""
    if len(opponents) == 1:
        return opponents[0]
    best = max(opponents, key=lambda s: (evidence.get(s, 0.0), -opponents.index(s)))
    if evidence.get(best, 0.0) >= SWITCH and evidence.get(best, 0.0) > evidence.get(opponents[0], 0.0):
        return best
    return opponents[0]


def _cues(text: str, model: VictimModel):
    """(span, Cue) of every side cue in ``text``, a nationality cue with the side its words name
    (see :func:`_remap_here`)."""
    cue = model.cue_by_group
    found = [((m.start(), m.end()), cue[m.lastgroup], m.group()) for m in model.cues.finditer(text)]
    if not any(c.nationality for _span, c, _w in found):
        return [(span, c) for span, c, _w in found]
    nations = model.nations
    written = {nations.side(w) for _span, c, w in found if c.nationality}
    remap = model.remap if model.remap and _remap_here(text, found, written, model) else {}
    out = []
    for span, c, words in found:
        if c.nationality:
            c = _read_nationality(words, c, model, remap)
            if c is None:
                continue
        out.append((span, c))
    return out


def _remap_here(text: str, found, written: set, model: VictimModel) -> bool:
    """A profile counts foreign victims with one of its sides (``foreign_nationals``) in the war's
    own sentences ("20 Thai nationals were killed, the Thai foreign ministry said"), not where a
    sentence names nothing of the war and two other nations than theirs ("Canada, a close U.S.
    ally, alleged Indian involvement in the killing of a Canadian citizen")."""
    if any(not c.nationality for _span, c, _w in found):
        return True
    nations = model.nations
    others = {nations.side_of[m.lastgroup] for m in nations.names.finditer(text)}
    return len(others - written - set(model.party_sides)) < 2


def _read_nationality(words: str, cue: Cue, model: VictimModel, remap: dict) -> Cue | None:
    """The cue ``cue`` (a nationality template) with the side its ``words`` name: the nationality
    written, or the side the profile counts its victims with (``remap``: not for an attack, whose
    nationality is the attacker's)."""
    side = model.nations.side(words)
    if side is None:
        return None
    if cue.kind != "harm":
        side = remap.get(side, side)
    key = (side, cue.kind, cue.weight)
    got = model.resolved.get(key)
    if got is None:
        got = model.resolved.setdefault(key, Cue(side, cue.kind, cue.weight))
    return got


def side_scores(text: str, focus: tuple[int, int] | None = None, resource=None, profile=None) -> dict[str, float]:
    """The evidence for each side (and ``"shared"``) summed over the death phrases of ``text``
    (or around ``focus``): what :func:`victim_side` weighs."""
    model = load_model(resource, profile)
    total = dict.fromkeys(model.sides, 0.0)
    total["shared"] = 0.0
    if not isinstance(text, str) or not text:
        return total
    an = Analysis(text, model)
    anchors = [focus] if focus is not None else ([(d[0], d[1]) for d in an.deaths] or [(0, len(text))])
    for anchor in anchors:
        scores, _, shared = _anchor_scores(an, anchor)
        for k, v in scores.items():
            total[k] += v
        total["shared"] += shared
    return total


_STOP = re.compile(r"[.;:]")
_COORDINATED = re.compile(r"(?<![\w-])(?:and|or)(?![\w-])|[,&/]", re.I)
_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while|as|when)\s")
_BY_AGENT = re.compile(r"\s+by\s+(?:\S+\s+){0,3}$")
_OF_VICTIM = re.compile(r"\s+(?:of|among)\s+(?:\S+\s+){0,3}$")


def _fighter_role(text: str, span: tuple[int, int], deaths) -> str | None:
    """A fighters cue is the agent of a death verb (subject of an active one, or after 'by'), its
    victim (object of an active one, subject of a passive one or of a death noun, close by), or
    neither (None).  ``deaths``: the death words near the cue (the answer does not depend on the
    others: see ``_ROLE_BEFORE`` and ``_ROLE_AFTER``)."""
    role = None
    for s, e, kind, voice in deaths:
        if span[1] <= s:  # before the death word
            between = text[span[1]:s]
            if _STOP.search(between):
                continue
            if kind == "verb" and voice == "active" and len(between) <= 90:
                return "agent"
            if len(between) <= 40 and not _NEW_CLAUSE.search(between):
                role = "victim"     # (not "under attack from Hamas, AND hundreds had been killed")
        elif span[0] >= e:  # after it
            between = text[e:span[0]]
            if kind == "verb" and voice == "passive" and _BY_AGENT.match(between + " "):
                return "agent"
            if kind == "verb" and voice == "active" and len(between) <= 40 and not _STOP.search(between):
                role = "victim"
            if kind == "noun" and _OF_VICTIM.match(between + " "):
                role = "victim"
        else:
            role = "victim"
    return role


def _two_best(scores: dict, model: VictimModel) -> tuple:
    """The best and second-best of ``model.sides`` by score (the earlier among equals).
    ``scores`` holds the sides with evidence; every other side scores 0, and of those only the
    first two can be best or second best: the walk is over the sides scored and these two."""
    unscored = islice((s for s in model.sides if s not in scores), 2)
    top = second = None
    for s in sorted([*scores, *unscored], key=model.rank.__getitem__):
        v = scores.get(s, 0.0)
        if top is None or v > scores.get(top, 0.0):
            top, second = s, top
        elif second is None or v > scores.get(second, 0.0):
            second = s
    return top, second


def _decide(scores, own, shared, model) -> str:
    """The side of one death phrase from its :func:`_anchor_scores` (sides missing from ``scores``
    and ``own`` score 0; with no side scored, as for most of a dense run of death words, there is
    nothing to rank)."""
    top, second = _two_best(scores, model) if scores else (None, None)
    best = scores.get(top, 0.0)
    if best <= 0:
        # a total with no side named adds up the dead of the war's parties ("in total")
        return "both" if shared > 0 and len(model.party_sides) >= 2 else "none"
    if second is not None:
        runner = scores.get(second, 0.0)
        balanced = runner >= model.both_ratio * best
        if balanced and ((own.get(top, 0.0) > 0 and own.get(second, 0.0) > 0) or shared >= 0.5 * best):
            return "both"
        # a total said to span the sides ("150,000 people on both sides of the border") outweighs
        # the one side named farther away
        if shared >= best and (len(model.party_sides) >= 2 or runner > 0):
            return "both"
    return top


def victim_side(text: str, focus: tuple[int, int] | None = None, resource=None, profile=None) -> str:
    """A side of ``profile`` (default ``generic``: none), a nationality as written, ``both`` or
    ``none``: whose deaths ``text`` reports.  ``focus`` = (start, end) of the death phrase of
    interest within ``text``.  To ask about several foci in one text, analyse it once:
    ``analyse(text, profile=...).side(focus)``."""
    if not isinstance(text, str) or not text:
        return "none"
    return analyse(text, resource, profile).side(focus)


# ---------------------------------------------------------------------------------------------
# Agency: who kills whom (resource section ``agency``)

_BREAK = re.compile(r"[;:]")
_COMMA_BEFORE = re.compile(r",\s*(?:\w+ly\s+)?$")
_BY_BEFORE = re.compile(r"(?<![\w-])by\s+(?:the\s+)?$", re.I)
_VICTIM_KINDS = ("victims", "fighters")
_AGENT_BEFORE = 250   # how far back (characters) the agent of an active death verb is looked for
_AGENT_AFTER = 130    # how far after a death verb actors are scanned (a passive verb's agent, "by ...")


class _Actors:
    """The actors found in a text (start, end, side, is_attack), with their sorted starts."""

    __slots__ = ("items", "starts")

    def __init__(self, items) -> None:
        self.items = items
        self.starts = [a[0] for a in items]

    def between(self, lo: int, hi: int):
        """The actors that start in [lo, hi]."""
        return self.items[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]


def _actors(text: str, ag: Agency, verbs) -> _Actors:
    """The actors in the part of ``text`` where the agents of the death ``verbs`` can be (the
    scan is on the hot path: it skips the rest)."""
    lo = min(_clause_from(text, v[0], _AGENT_BEFORE) if v[3] == "active" else max(0, v[0] - 40) for v in verbs)
    hi = max(v[1] for v in verbs) + _AGENT_AFTER
    if hi < len(text):
        k = text.find(" ", hi)  # (not inside a word: the end of the scan counts as a word boundary)
        hi = len(text) if k < 0 else k
    info = ag.actor_by_group
    return _Actors([(m.start(), m.end(), *info[m.lastgroup]) for m in ag.actors.finditer(text, lo, hi)])


def _clause_from(text: str, s: int, limit: int) -> int:
    """Where the clause holding position ``s`` starts (a ';' or ':' before it), at most ``limit`` back."""
    lo = max(0, s - limit)
    k = max(text.rfind(";", lo, s), text.rfind(":", lo, s))
    return lo if k < 0 else k + 1


def _is_source(text: str, a0: int, a1: int, stop: int, ag: Agency) -> bool:
    """An actor followed by a speech verb ("Hamas said") is a source -- unless a pronoun follows
    the verb ("Israel said it killed"), which makes it the agent after all."""
    m = ag.source_after.match(text, a1, stop)
    return m is not None and ag.pronoun_after.match(text, m.end(), stop) is None


def _agent(text: str, s: int, e: int, voice: str, actors: _Actors, ag: Agency) -> str | None:
    """The side of the agent of the death verb at ``s:e``, or None.  Active: the nearest actor to
    its left in subject position that is not a source.  Passive: an actor after "by", an attack
    after "in"/"during"..."""
    if voice == "active":
        lo = _clause_from(text, s, _AGENT_BEFORE)
        window = [a for a in actors.between(lo, s) if a[1] <= s]
        left = [a for a in window if not _is_source(text, a[0], a[1], s, ag)]
        if (left and ag.adjacent.fullmatch(text, left[-1][1], s)
                and not ag.object_before.search(text, max(0, left[-1][0] - 60), left[-1][0])):
            return left[-1][2]                       # "Hamas gunmen killed", "its militants murdering"
        ing = text[s:e].lower().endswith("ing")
        if ing and ag.control_before.search(text, max(0, s - 10), s):
            return left[-1][2] if left else None     # "blamed Hamas for killing"
        m = ag.relative_before.search(text, max(0, s - 45), s)
        if m:                                        # "..., which killed": the antecedent
            r0 = m.start()
            near = [a for a in left if a[1] <= r0 and a[0] >= r0 - 100]
            attacks = [a for a in near if a[3] and r0 - a[1] <= 40]
            if attacks:                              # "a bombing campaign by Israel in Gaza that"
                return attacks[-1][2]
            by = [a for a in near if _BY_BEFORE.search(text, max(0, a[0] - 12), a[0])]
            if by:                                   # "the attack by Hamas militants inside Israel that"
                return by[-1][2]
            # else the actor right before the pronoun ("Hamas, which killed"); "an assault that
            # killed" names no actor: no agent
            return near[-1][2] if near and not text[near[-1][1]:r0].strip(" ,") else None
        if ing and _COMMA_BEFORE.search(text, max(0, s - 20), s):
            attacks = [a for a in left if a[3]]      # "strikes hit the house, killing"
            if attacks:
                return attacks[-1][2]
        for a0, a1, side, _attack in reversed(window):
            if _is_source(text, a0, a1, s, ag):
                continue
            if ag.subject_before.search(text, max(0, a0 - 60), a0):
                return side
        return None
    if voice == "passive":
        for a0, _a1, side, attack in actors.between(e, e + 80):
            if ag.by_before.fullmatch(text, e, a0) or (attack and ag.cause_before.fullmatch(text, e, a0)):
                return side
    return None


def _victim_sides(an: Analysis, lo: int, hi: int, ag: Agency, found: set, bare: set | None = None) -> bool:
    """Add to ``found`` the sides named by victim cues (victims, fighters named with their side:
    see :func:`_named`) within ``lo:hi``, and to ``bare`` those of bare fighters ("soldiers");
    False if a shared cue is there (deaths on both sides: leave it to the scores)."""
    text = an.text
    for k in an.cue_range(lo, hi):
        (c0, c1), cue = an.cues[k]
        if cue.kind == "shared":
            return False
        if cue.kind not in _VICTIM_KINDS or _is_source(text, c0, c1, hi, ag):
            continue
        if cue.kind == "victims" or _named(text[c0:c1]):
            found.add(cue.side)
        elif bare is not None:
            bare.add(cue.side)
    return True


def _agency_side(an: Analysis, d, focus, actors: _Actors) -> str | None:
    """The victims' side of the death verb ``d`` found through its agent, or None (no agent
    found, not a verb, or the victims' cues disagree).  Victim cues in the victims' slot (the
    object of an active verb, the subject of a passive one, the focus) win; else the victims are
    the side opposite the agent's."""
    text, model = an.text, an.model
    s, e, kind, voice = d
    ag = model.agency
    k = bisect_left(actors.starts, e)
    if k and actors.items[k - 1][1] > s:
        return None  # the death word is part of an actor's name ("the October 7 massacre which killed")
    agent = _agent(text, s, e, voice, actors, ag)
    if agent is None:
        return None
    ok, found, bare = _slot_sides(an, d, focus)
    if not ok or len(found) > 1:
        return None
    if found:
        return found.pop()
    opponents = model.opponents.get(agent, ())
    # bare fighters count when they are not what the agent harms by default ("the Israeli bombing
    # killed 13 of the civilians and SOLDIERS the group abducted"); else the opponents decide
    # ("Israeli strikes killed eight of its FIGHTERS", Hezbollah's, in southern Lebanon)
    unexpected = bare - set(opponents)
    if len(unexpected) == 1 and not bare & set(opponents):
        return unexpected.pop()
    if len(opponents) > 1:   # which of them: the one the sentence names (see _choose)
        named, _own, _shared = _anchor_scores(an, focus or (s, e), pools=False)
        return _choose(opponents, named)
    return opponents[0] if opponents else None


def _slot_sides(an: Analysis, d, focus) -> tuple[bool, set, set]:
    """(no shared cue there, the sides named, the sides of bare fighters) in the victims' slot of
    the death verb ``d``: right of an active verb (up to the next death word or clause break),
    left of a passive one, and inside the focus (see :func:`_victim_sides`)."""
    text, ag = an.text, an.model.agency
    s, e, _kind, voice = d
    found: set = set()
    bare: set = set()
    if voice == "active":
        n = bisect_left(an.d_starts, e)
        hi = min(len(text), e + 80, an.d_starts[n] if n < len(an.d_starts) else len(text))
        b = _BREAK.search(text, e, hi)
        ok = _victim_sides(an, e, b.start() if b else hi, ag, found, bare)
    else:
        ok = _victim_sides(an, _clause_from(text, s, 80), s, ag, found, bare)
    if focus is not None:
        ok = _victim_sides(an, focus[0], focus[1], ag, found, bare) and ok
    return ok, found, bare


def _focus_death(an: Analysis, focus, reach: int = 80):
    """The death word a focus is about: a verb inside it, else the nearest one (within ``reach``)."""
    inside = [d for d in an.inside(focus) if d[2] == "verb"]
    if inside:
        return inside[0]
    d = an.nearest(focus)
    return d if _dist((d[0], d[1]), focus) <= reach else None


def _side_from(text: str, focus, deaths, cues, model: VictimModel, an: Analysis | None = None) -> str:
    """:func:`victim_side` given the text's :class:`_Voices` and :func:`_cues`."""
    an = an if an is not None else Analysis(text, model, deaths, cues)
    verbs = an.verbs
    if focus is not None or len(deaths) <= 1:
        if verbs:
            d = _focus_death(an, focus) if focus is not None else deaths[0]
            if d is not None and d[2] == "verb" and d[3] != "agentless":
                if focus is None and len(_slot_sides(an, d, None)[1] & set(model.party_sides)) > 1:
                    return "both"       # "Five Israeli soldiers and 40 Palestinians were killed"
                side = _agency_side(an, d, focus, an.actors())
                if side is not None:
                    return side
        anchor = focus if focus is not None else ((deaths[0][0], deaths[0][1]) if deaths else (0, len(text)))
        return _decide(*_anchor_scores(an, anchor, 3.0 if focus is not None else 1.0), model)
    # Several death phrases: each gets its side from its agent or the cues around it; different
    # sides -> both, which the death phrases after the second side found cannot change.
    actors = an.actors()
    found = set()
    for k, d in enumerate(_spans(deaths)):     # (a voice is read only where an agent can be looked for)
        side = None
        if verbs and d[2] == "verb" and deaths[k][3] != "agentless":
            side = _agency_side(an, deaths[k], None, actors)
        side = side if side is not None else _decide(*_anchor_scores(an, (d[0], d[1])), model)
        if side != "none":
            found.add(side)
            if side == "both" or len(found) > 1:
                return "both"
    return found.pop() if found else "none"


def side_and_voice(text: str, resource=None, profile=None) -> tuple[str, str]:
    """``(victim_side(text), death_voice(text))``, analysing the text once."""
    if not isinstance(text, str) or not text:
        return "none", "agentless"
    an = analyse(text, resource, profile)
    return an.side(), an.voice()


# ---------------------------------------------------------------------------------------------
# The side of a casualty figure


def group_side(group: str | None, model: VictimModel) -> str | None:
    """The side a figure's group names by itself ("Palestinians", "Sudanese civilians", "Thai
    nationals", "Russian troops"), through the profile's and the nationalities' ``victims`` and
    ``fighters`` cues (fighters named with their side, counted as victims, are of it), else through a nationality
    adjective in it (the group's noun is people: "Filipino caregivers"); None when it names none,
    or several."""
    if not group:
        return None
    sides = {cue.side for (s, e), cue in _cues(group, model)
             if cue.kind == "victims" or cue.kind == "fighters" and _named(group[s:e])}
    if not sides and model.nations is not None and not _COORDINATED.search(group):
        nations = model.nations   # (not "Ukrainian and Western military officers": a mixed group)
        sides = {model.remap.get(nations.side_of[m.lastgroup], nations.side_of[m.lastgroup])
                 for m in nations.adjectives.finditer(group)}
    return sides.pop() if len(sides) == 1 else None


def _named(words: str) -> bool:
    """Fighters named with their side ("Israeli soldiers", "Hamas militants", "Russia's forces"),
    not a bare noun a profile gives a default side ("fighters", "soldiers": "eight of its
    fighters", Hezbollah's, are no Palestinians); the sentence decides those."""
    return len(words.split()) > 1


def claim_side(sentence: str, focus: tuple[int, int], group: str | None = None, outcome: str | None = None,
               model: VictimModel | None = None, analysis: Analysis | None = None) -> str:
    """The victim side of one casualty figure: what its group names (:func:`group_side`), else
    the profile's side for its outcome (``outcome_sides``: hostages in a war where one party takes
    them), else :func:`victim_side` on its sentence around ``focus`` (the number and its group).
    Returns a side, ``both`` or ``none``: the one decision casualty claims call, whoever finds
    the figures.  ``analysis``: the sentence analysed once (:class:`Analysis`) for all its
    figures, so a sentence of many figures costs in proportion to its length."""
    model = model if isinstance(model, VictimModel) else load_model(None, model, as_written=True)
    side = group_side(group, model)
    if side is None:
        side = model.outcome_sides.get(outcome)
    if side is None:
        an = analysis if analysis is not None and analysis.model is model else Analysis(sentence, model)
        side = an.side(focus)
    return side
