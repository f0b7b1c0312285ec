"""Casualty figures cited in the articles: one row per figure, with its evidence.

    >>> extract_claims("Hamas has asserted that over 9,000 Palestinians have been killed.")[0]
    {... 'value': 9000.0, 'qualifier': 'over', 'low': 9000.0, 'high': nan, 'outcome': 'killed',
     'group': 'Palestinians', 'side': 'palestinian', 'source': 'Hamas', 'source_hedge': 'asserted',
     'voice': 'passive', ...}

``extract_claims(text, sentences)`` is pure and works on one article (its cleaned text and its
sentence spans); ``claims(corpus)`` maps it over a corpus and adds the article columns.

How a number becomes a claim (all the words are in ``resources/casualties.yml``):

1. A scanner finds every number (digits, words, vague amounts, ranges; see ``numbers``) with the
   qualifier before it.  Numbers glued to other things are dropped at once: dates ("Oct. 7",
   "7 October"), years ("2020"), compounds ("nine-day", "2+2", "COVID-19"), percentages
   (only a share of a figure, see 4), money ("$5").
2. What follows the number: a group ("9,000 Palestinians", "1,400 Israeli civilians"), a noun
   that vetoes it ("100 trucks", "2.3 million residents", "five battalions", "four hours"), or
   an outcome word ("1,200 lives", "200 hostages", "people dead", "Palestinians have been
   killed", "people in Gaza have died").  Spelled-out numbers under 100 must be followed by a
   group or an outcome word ("two weeks", "one of" are not figures).  A *weak* outcome word
   (``after_weak``: "fleeing", "who fled", "seeking refuge", "displaced") only describes the
   people counted: an outcome word of another outcome right before the number wins ("KILLED 12
   people fleeing south" is a death figure; "killed in Gaza and one million have fled" is not).
3. Otherwise an outcome word before it ("killed at least 9,061", "the death toll rapidly moves
   toward 10,000", "killing what officials say are more than 31,000 civilians"), at most
   ``window_words`` words back, in the same sentence, with no other number between.  A number
   introduced by "including" / "among them" right after a claim is a sub-count of it and
   inherits its outcome ("killed 10,000 people, including 4,000 children").
4. A share right after a figure is attached to it: "about 40% of them children",
   "half of whom are children" -> share 0.4 / 0.5, share_of "children".
5. Side: the group's own side ("Palestinians", "Israeli soldiers"), else the outcome's default
   side in the resource (hostages), else ``victims.victim_side`` on the sentence around the
   figure ('none' and 'both' -> 'unknown': a figure that adds up both sides' dead has no side).
   Voice: ``victims.death_voice`` (death outcomes only).  The same victims rules decide the side
   of death mentions (``deaths.death_mentions``), but a claim never takes a side from the
   sentences around it, where a death mention with no side of its own does (``side_source`` =
   ``context``): a figure placed on the wrong side's chart is worse than one left 'unknown'.
6. Source: the nearest attribution in the sentence -- "according to X", "X said/reported
   (that)", "what X say are", ", X said", ", said X" -- unless a clause break ("as", "while",
   "but"...) separates it from the figure; pronouns ("he said") are not recorded.  Hedges: a
   "<X>-run/-controlled" word in the source, a distancing verb ("claimed", "asserted"), or an
   unverified/undistinguished note in the sentence.

Columns (``CLAIM_COLUMNS``, in this order):

    article_id   the article
    sent_id      the sentence (as in the sentences table)
    start, end   offsets of the figure's phrase in the article's cleaned text
    text         that phrase: qualifier, number, group and outcome word ("over 9,000 Palestinians
                 have been killed", "killed at least 9,061 Palestinians")
    value        the number as stated (a range: its lower end; a vague amount: its lower bound)
    qualifier    over, more_than, at_least, nearly, approaching, up_to, less_than, about, around,
                 some, estimated, exact, range, vague
    low, high    the bounds the qualifier implies (NaN = unbounded); see ``numbers.bounds``
    outcome      killed, injured, hostage, missing, displaced (the resource's outcomes)
    group        who is counted, as written ("Palestinians", "people", "hostages"); empty when the
                 text does not say ("1,200 lives")
    side         palestinian, israeli, other, unknown (the sides named in the resources)
    share        a share attached to the figure, as a fraction of 1 ("40% of them" -> 0.4)
    share_of     who the share counts ("children")
    source       the attribution as written ("Palestinian officials", "Hamas")
    source_hedge hedges, "; "-separated ("Hamas-run", "claimed", "unverified")
    voice        active, passive, agentless (for death outcomes; empty otherwise)
    published    the article's publication date
    outlet       the article's outlet
    repeated     True when the same figure (outcome, value, side) appeared earlier in the article
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from . import numbers as N
from .base import Extractor, Resource
from ..resources import ResourceError, check_pattern, load_wordlist, load_yaml, resource_path

CLAIM_COLUMNS = ["article_id", "sent_id", "start", "end", "text", "value", "qualifier", "low", "high",
                 "outcome", "group", "side", "share", "share_of", "source", "source_hedge", "voice",
                 "published", "outlet", "repeated"]
DEFAULT_RESOURCE = "casualties.yml"
UNKNOWN = "unknown"
NAN = float("nan")

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATE_BEFORE = re.compile(rf"(?:{_MONTHS})\.?\s*$")
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b")
_MONTH_NAMES = tuple(_MONTHS.split("|"))


def _date_before(left: str) -> bool:
    """``_DATE_BEFORE.search(left) is not None`` without trying the months at every position: the
    month must end the text but for an optional '.' and spaces (str.rstrip strips what \\s matches)."""
    r = left.rstrip()
    return r.endswith(_MONTH_NAMES) or (r.endswith(".") and r[:-1].endswith(_MONTH_NAMES))


_AUX = (r"(?:have|has|had|been|were|was|are|is|be|being|reportedly|also|now|already|so\s+far|all|"
        r"mostly|believed|thought|feared|said|reported|estimated|confirmed|to|later|subsequently|"
        r"allegedly|presumed|since|then|either|among\s+them|in\s+total|overall|so|remain|remained|remains|"
        r"still|are\s+still|listed\s+as)")
_PREP = r"(?:in|inside|across|throughout|from|on|at|within|during|since)"
# A word of a prepositional phrase ("in the Gaza Strip"): not a conjunction or relative word, which
# would start another clause ("4,137 people in Gaza AND wounded 13,200").
_PWORD = r"(?:(?!(?:and|or|but|while|as|who|which|that|where|when)(?![\w'’.-]))[\w'’.-]+)"
_WORDTOK = re.compile(r"[\w'’.-]+|[^\w\s]")
_TOLLISH = re.compile(r"toll|number|death|fatalit", re.I)
_SUBCOUNT = re.compile(r"^[\s,]*(?:[\w'’-]+[\s,]+){0,3}?(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\s*$",
                       re.I)
_DETERMINERS = {"the", "a", "an"}
_SPACES = re.compile(r"\s+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_WINDOW_STOP = re.compile(r"[;:!?]|\.\s")
def _last_word(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of the word (``[\\w'’-]+``) that ends ``text[lo:hi]`` before at least one space,
    or None: what ``re.search(r"([\\w'’-]+)\\s+$", text[lo:hi])`` finds, walking back from ``hi``
    instead of copying and scanning the whole range (once per figure, in a long sentence)."""
    e = hi
    while e > lo and text[e - 1].isspace():
        e -= 1
    if e == hi:
        return None
    b = e
    while b > lo and (text[b - 1].isalnum() or text[b - 1] in "_'’-"):
        b -= 1
    return (b, e) if b < e else None
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_QUOTE_OR_COMMA = frozenset(",\"“”'‘’")
_DIGIT = re.compile(r"\d")
# A cheap test that a (lower-cased) sentence may hold a number: a digit, or any number word the
# parser knows (numbers.py), kept whole or as a shorter word it contains ("fourteen" -> "four").
_NUMBER_WORDS = {w for table in (N.UNITS, N.TENS, N.SCALES, N.VAGUE) for w in table if " " not in w} | {"dozen"}
_NUMBER_STEMS = tuple(sorted(w for w in _NUMBER_WORDS if not any(v != w and v in w for v in _NUMBER_WORDS)))


def _maybe_number(low: str, start: int, end: int) -> bool:
    """Whether ``low[start:end]`` holds a digit or a number word (``in`` on a few stems is
    faster than a regex alternation tried at every position)."""
    if _DIGIT.search(low, start, end):
        return True
    part = low[start:end]
    for stem in _NUMBER_STEMS:
        if stem in part:
            return True
    return False


_CLAUSE_GAP = re.compile(r"[,;:()—–]|(?<![\w'’-])(?:and|or|but|while|as|by|who|which|that|where|when|after|"
                         r"before|since|have|has|had|been|were|was|are|is)(?![\w'’-])", re.I)
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b[^,;]{0,100},\s*$", re.I)
_SKIP_AUX = {"has", "have", "had", "also", "reportedly", "now", "later", "previously", "repeatedly",
             "did", "does", "do", "has also", "had earlier", "earlier", "initially", "officially", "publicly"}


class CasualtyResourceError(ResourceError):
    """The casualty resource is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Rules:
    """The compiled resource.  Build it with :func:`load_rules` (cached per file and mtime)."""
    path: str
    outcomes: tuple[str, ...]
    death_outcomes: frozenset
    outcome_side: dict
    candidate: re.Pattern
    after: re.Pattern
    before: re.Pattern
    group_at: re.Pattern
    group_side: tuple[tuple[re.Pattern, str | None], ...]
    veto_after: re.Pattern
    veto_before: re.Pattern
    terminator: re.Pattern
    sub_after: re.Pattern
    according: re.Pattern
    verbs: re.Pattern
    hedge_verbs: re.Pattern
    hedges: re.Pattern
    sentence_hedges: re.Pattern | None
    source_words: re.Pattern
    pronouns: frozenset
    breaks: re.Pattern
    stop_words: frozenset
    window_words: int
    trigger_literals: tuple[str, ...] | None   # stems one of which every outcome term contains
    side_words: re.Pattern | None = None       # nationality words ("Palestinian", "Sudanese"): a group
                                               # whose side the article's conflict profile gives
    # Derived from the fields above in __post_init__ (so dataclasses.replace keeps them in step):
    # the group terms as one pattern each for sided / context (~) terms, a named group per term
    # (first term in resource order wins, as a loop over ``group_side`` would), and the outcome
    # group names.
    sided_group: re.Pattern | None = field(init=False, repr=False, compare=False)
    sided_group_side: dict = field(init=False, repr=False, compare=False)
    context_group: re.Pattern | None = field(init=False, repr=False, compare=False)
    outcome_groups: tuple = field(init=False, repr=False, compare=False)
    # ``veto_before`` read backwards: matches the reversed text where veto_before finds a match
    # (a cheap test that it finds none); None when the pattern cannot be reversed.
    veto_before_tail: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        setter = object.__setattr__
        setter(self, "veto_before_tail", _tail_pattern(self.veto_before))
        # (o_<name>: an ``after`` term; w_<name>: an ``after_weak`` term of the outcome)
        setter(self, "outcome_groups", tuple((name, g) for name in self.outcomes for g in (f"o_{name}", f"w_{name}")
                                             if g in self.after.groupindex))
        setter(self, "sided_group", None)
        setter(self, "sided_group_side", {})
        setter(self, "context_group", None)
        if not all(rx.pattern.startswith("^(?:") and rx.pattern.endswith(")$") and rx.flags == re.I | re.U
                   for rx, _side in self.group_side):
            return  # not built by _compile: the helpers loop over group_side
        sided, context, sides = [], [], {}
        for i, (rx, side) in enumerate(self.group_side):
            # rx is ``^(?:term)$`` (re.I); an alternation of them matches when one of them does.
            if side is not None:
                sided.append(f"(?P<g{i}>{rx.pattern[1:-1]})")
                sides[f"g{i}"] = side
            else:
                context.append(f"(?:{rx.pattern[1:-1]})")
        setter(self, "sided_group", re.compile(rf"^(?:{'|'.join(sided) or '(?!x)x'})$", re.I))
        setter(self, "sided_group_side", sides)
        setter(self, "context_group", re.compile(rf"^(?:{'|'.join(context) or '(?!x)x'})$", re.I))


_FLAG_LETTERS = ((re.I, "i"), (re.M, "m"), (re.S, "s"), (re.A, "a"), (re.U, "u"))
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _tail_pattern(rx: re.Pattern) -> re.Pattern | None:
    """For a pattern ``X\\s*$`` (searched, as ``veto_before`` is): a pattern whose ``match`` on
    the REVERSED text succeeds exactly when ``rx.search`` on the text finds a match (X read
    backwards, after the trailing spaces).  ``rx.search`` tries X at every position; this tries
    once.  None when the pattern has another shape or holds something that cannot be read
    backwards (anchors, lookarounds, references): then the caller just searches."""
    try:
        from re import _constants as C
        from re import _parser as sre_parse  # as _required_literals: private API, guarded

        items = list(sre_parse.parse(rx.pattern, rx.flags))
        if len(items) < 3 or items[-1] != (C.AT, C.AT_END):
            return None
        op, (lo, hi, sub) = items[-2]
        if (op is not C.MAX_REPEAT or lo != 0 or hi != C.MAXREPEAT
                or list(sub) != [(C.IN, [(C.CATEGORY, C.CATEGORY_SPACE)])]):
            return None

        def esc(code: int) -> str:
            return re.escape(chr(code))

        def flags(f: int) -> str:
            return "".join(letter for flag, letter in _FLAG_LETTERS if f & flag)

        def rev(seq) -> str:
            return "".join(one(op, av) for op, av in reversed(list(seq)))

        def one(op, av) -> str:
            if op is C.LITERAL:
                return esc(av)
            if op is C.NOT_LITERAL:
                return f"[^{esc(av)}]"
            if op is C.ANY:
                return "."
            if op is C.IN:
                out = []
                for iop, iav in av:
                    if iop is C.NEGATE and not out:
                        out.append("^")
                    elif iop is C.LITERAL:
                        out.append(esc(iav))
                    elif iop is C.RANGE:
                        out.append(f"{esc(iav[0])}-{esc(iav[1])}")
                    elif iop is C.CATEGORY and str(iav) in _CATEGORIES:
                        out.append(_CATEGORIES[str(iav)])
                    else:
                        raise ValueError(iop)
                return f"[{''.join(out)}]"
            if op is C.SUBPATTERN:
                _group, add, delete, sub = av
                head = flags(add) + (f"-{flags(delete)}" if delete else "")
                return f"(?{head}:{rev(sub)})"
            if op is C.BRANCH:
                return "(?:" + "|".join(rev(b) for b in av[1]) + ")"
            if op is C.MAX_REPEAT or op is C.MIN_REPEAT:
                lo, hi, sub = av
                return f"(?:{rev(sub)}){{{lo},{'' if hi == C.MAXREPEAT else hi}}}"
            raise ValueError(op)

        return re.compile(r"\s*" + rev(items[:-2]), rx.flags)
    except Exception:  # pragma: no cover - unexpected pattern or private API changed: no shortcut
        return None


def _terms(value, where: str, path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CasualtyResourceError(f"{path}: {where} must be a list of terms, got {type(value).__name__}")
    out = []
    for item in value:
        if not isinstance(item, (str, int, float)) or not str(item).strip():
            raise CasualtyResourceError(f"{path}: {where}: empty or non-text term {item!r}")
        out.append(_term(str(item), where, path))
    return out


def _term(term: str, where: str, path) -> str:
    term = re.sub(r" +", r"\\s+", term.strip())
    check_pattern(term, where, path, CasualtyResourceError)
    return term


def _alt(terms: Iterable[str]) -> str:
    terms = sorted(set(terms), key=lambda t: (-len(t), t))
    return "|".join(terms) if terms else r"(?!x)x"


def _w(alt: str) -> str:
    return rf"(?<![\w-])(?:{alt})(?![\w-])"


def _w_trie(terms: list[str]) -> str:
    """``_w(_alt(terms))`` laid out as a prefix tree (``patterns.trie_union``: the same matches,
    alternatives still tried in _alt's order), for the patterns scanned over whole sentences."""
    from .matchers import trie_union

    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    if not ordered:
        return _w(_alt(ordered))
    return _w(trie_union([(t, f"t{i}") for i, t in enumerate(ordered)]))


def _mapping(value, where: str, path) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CasualtyResourceError(f"{path}: {where} must be a mapping, got {type(value).__name__}")
    return value


@lru_cache(maxsize=16)
def _compile(path: str, mtime: float) -> Rules:
    data = load_yaml(path, required=("outcomes", "groups", "not_casualties", "sources"))
    outcomes = _mapping(data["outcomes"], "outcomes", path)
    if not outcomes:
        raise CasualtyResourceError(f"{path}: 'outcomes' is empty")
    before_alts, after_alts, weak_alts, death, side_default, outcome_terms = [], [], [], set(), {}, []
    for name, spec in outcomes.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)):
            raise CasualtyResourceError(f"{path}: outcome name {name!r} must be lower-case letters, digits, _")
        spec = _mapping(spec, f"outcomes.{name}", path)
        unknown = set(spec) - {"before", "after", "after_weak", "side", "death"}
        if unknown:
            raise CasualtyResourceError(f"{path}: outcomes.{name}: unknown key(s) {sorted(unknown)}; "
                                        "expected before, after, after_weak, side, death")
        before = _terms(spec.get("before"), f"outcomes.{name}.before", path)
        after = _terms(spec.get("after"), f"outcomes.{name}.after", path)
        weak = _terms(spec.get("after_weak"), f"outcomes.{name}.after_weak", path)
        if not before and not after and not weak:
            raise CasualtyResourceError(f"{path}: outcomes.{name} has no 'before', 'after' or 'after_weak' terms")
        outcome_terms += before + after + weak
        # (The word-start test of _w is shared by every outcome: see ``before`` below.)
        before_alts.append(rf"(?P<o_{name}>(?:{_alt(before)})(?![\w-]))")
        after_alts.append(f"(?P<o_{name}>{_w(_alt(after))})")
        if weak:
            weak_alts.append(f"(?P<w_{name}>{_w(_alt(weak))})")
        if spec.get("death"):
            death.add(str(name))
        if spec.get("side") is not None:
            side_default[str(name)] = str(spec["side"])

    groups = _mapping(data["groups"], "groups", path)
    nouns = _mapping(groups.get("nouns"), "groups.nouns", path)
    mods = _mapping(groups.get("modifiers"), "groups.modifiers", path)
    if not nouns:
        raise CasualtyResourceError(f"{path}: groups.nouns is empty")
    group_side = []
    for where, table in (("groups.nouns", nouns), ("groups.modifiers", mods)):
        for term, side in table.items():
            t = _term(str(term), where, path)
            if side is not None and not isinstance(side, str):
                raise CasualtyResourceError(f"{path}: {where}: side of {term!r} must be a name or ~")
            group_side.append((re.compile(rf"^(?:{t})$", re.I), side))
    # Nationality words are groups too ("10,000 Ukrainians", "Sudanese civilians"): their side is
    # the article's profile's decision (see victims.claim_side), as for every `~` group.
    plurals, adjectives = _nationality_words()
    noun_terms = [_term(str(t), "groups.nouns", path) for t in nouns] + plurals
    mod_terms = [_term(str(t), "groups.modifiers", path) for t in mods] + adjectives
    noun_alt = _alt(noun_terms)
    mod_alt = _alt(mod_terms)
    side_words = re.compile(rf"^(?:{_alt(plurals + adjectives)})$", re.I) if plurals or adjectives else None
    group = rf"(?:(?:{mod_alt})\s+){{0,2}}(?:{noun_alt})(?![\w-])"

    vetoes = _terms(data["not_casualties"], "not_casualties", path)
    if not vetoes:
        raise CasualtyResourceError(f"{path}: not_casualties is empty")
    all_after = _alt([t for o in outcomes.values() for key in ("after", "after_weak")
                      for t in _terms((o or {}).get(key), "outcomes", path)])
    # The patterns matched right after a number are used with ``match(text, pos, endpos)``, which
    # anchors them at ``pos`` (no "^": it would only match at the start of the text).
    veto_after = re.compile(rf"\s+(?:(?!(?:{all_after})(?![\w-]))[\w'’.-]+\s+){{0,2}}(?:{_alt(vetoes)})(?![\w-])", re.I)
    bv = _terms(data.get("before_veto"), "before_veto", path)
    veto_before = re.compile(rf"(?:{_alt(bv)})\s*$", re.I)

    share = (rf"(?P<share>\s*[,(—–-]?\s*(?:(?P<squal>{N.QUALIFIER})\s+)?(?P<sval>{N.SHARE})\s+of\s+"
             rf"(?:them|whom|those|the\s+(?:victims|dead|total))\s+(?:(?:are|were|being|was)\s+)?"
             rf"(?P<sof>[^,.;:()—–\d]{{1,40}}?)\s*(?=[,.;:)—–]|$)[,)—–]?)")
    after = re.compile(
        rf"(?P<vof>\s+of(?:\s+the)?)?(?P<pof>\s+of\s+(?:its|their|his|her|our))?(?:\s+(?P<group>{group}))?{share}?"
        rf"(?:\s+{_PREP}\s+(?:{_PWORD}\s+){{0,3}}?{_PWORD})?(?:\s*,?(?:\s+{_AUX}){{1,5}}\s+|\s+)"
        rf"(?:{'|'.join(after_alts + weak_alts)})", re.I)
    group_at = re.compile(rf"(?P<vof>\s+of(?:\s+the)?)?(?P<pof>\s+of\s+(?:its|their|his|her|our))?\s+(?P<group>{group}){share}?",
                          re.I)
    # As "|".join of each outcome's _w(terms) in a named group, with the zero-width word-start test
    # taken out of the alternation: tested once per position instead of once per outcome.
    before = re.compile(rf"(?<![\w-])(?:{'|'.join(before_alts)})", re.I)
    terminator = re.compile(
        r"(?:\s*(?:[,.;:!?)\"”’—–]|$)|\s+(?:in|on|at|since|so|and|or|as|during|across|over|this|last|"
        r"including|according|from|inside|throughout|for|with|while|when|after|before|until|by|to|the|a|an|"
        r"of|who|which|that|were|was|have|has|had|are|is|in\s+total|more|people)(?![\w-]))", re.I)
    sub_after = re.compile(rf"^\s+of\s+(?:them|whom)\s+(?:(?:are|were|being)\s+)?(?P<group>{group})", re.I)

    src = _mapping(data["sources"], "sources", path)
    according = re.compile(_w_trie(_terms(src.get("according_to"), "sources.according_to", path)), re.I)
    verbs = re.compile(_w_trie(_terms(src.get("verbs"), "sources.verbs", path)), re.I)
    hedge_verbs = re.compile(rf"^(?:{_alt(_terms(src.get('hedge_verbs'), 'sources.hedge_verbs', path))})$", re.I)
    hedges = re.compile(_w(_alt(_terms(src.get("hedges"), "sources.hedges", path))), re.I)
    sh = _terms(src.get("sentence_hedges"), "sources.sentence_hedges", path)
    sentence_hedges = re.compile(_w(_alt(sh)), re.I) if sh else None
    source_words = re.compile(_w_trie(_terms(src.get("source_words"), "sources.source_words", path)), re.I)
    pronouns = frozenset(str(p).lower() for p in (src.get("pronouns") or []))
    breaks_terms = _terms(src.get("clause_breaks"), "sources.clause_breaks", path)
    breaks = re.compile(rf"{_w(_alt(breaks_terms))}|;", re.I)
    stop = frozenset({"that", "what", "which", "who", "whom", "and", "but", "or", "if", "so", "then",
                      "where", "there", "than"} | {str(b).lower() for b in (src.get("clause_breaks") or [])})
    window = data.get("window_words", 8)
    if not isinstance(window, int) or window < 1:
        raise CasualtyResourceError(f"{path}: window_words must be a positive integer, got {window!r}")

    candidate = re.compile(
        rf"(?<![\w$£€+/.,:#-])(?:(?P<between>between)\s+)?(?:(?P<qual>{N.QUALIFIER})\s+)?(?P<num>{N.NUMBER})"
        rf"(?(between)\s+and\s+(?P<num2>{N.NUMBER})|(?:\s*(?:-|–|\bto\b)\s*(?P<num3>{N.NUMBER}))?)"
        rf"(?![\w%+/-]|[.,:]\d|\s*(?:%|per\s*cent))", re.I)
    return Rules(str(path), tuple(str(o) for o in outcomes), frozenset(death), side_default, candidate, after,
                 before, group_at, tuple(group_side), veto_after, veto_before, terminator, sub_after,
                 according, verbs, hedge_verbs, hedges, sentence_hedges, source_words, pronouns, breaks, stop,
                 window, _trigger_literals(outcome_terms), side_words)


def _nationality_words() -> tuple[list[str], list[str]]:
    """The plural demonyms and the adjectives of ``resources/nationalities.yml`` (as terms)."""
    table = load_yaml("nationalities.yml").get("nationalities") or {}
    plurals, adjectives = [], []
    for spec in table.values():
        plurals += [_term(str(t), "nationalities", "nationalities.yml") for t in (spec or {}).get("plural") or []]
        adjectives += [_term(str(t), "nationalities", "nationalities.yml") for t in (spec or {}).get("adjective") or []]
    return plurals, adjectives


def _required_literals(term: str) -> list[set[str]] | None:
    """The ways to prefilter ``term``: sets of literal strings (lower-cased, at least 3
    characters) one of which every match of ``term`` must contain ("having\\s+fled" gives
    {"fled"} and {"having"}), best first (no stopword, then longest); None when there is none
    (then no prefilter is used)."""
    try:
        from re import _constants as C
        from re import _parser as sre_parse  # Python 3.11+
        parsed = sre_parse.parse(term, re.I)
    except Exception:  # pragma: no cover - private API changed: no prefilter, same results
        return None
    common = frozenset(load_wordlist("stopwords.txt"))

    def req(items, every: bool = False):
        """The best set of required literals of ``items`` (or, with ``every``, all of them)."""
        options, cur = [], []

        def flush():
            if cur:
                options.append({"".join(cur)})
                cur.clear()
        for op, av in items:
            if op is C.LITERAL:
                cur.append(chr(av))
                continue
            flush()
            if op is C.SUBPATTERN and av[-1] is not None:
                r = req(av[-1])
                if r:
                    options.append(r)
            elif op is C.BRANCH:
                alts = [req(b) for b in av[1]]
                if all(alts):
                    options.append(set().union(*alts))
        flush()
        good = [o for o in options if o and min(len(x.strip()) for x in o) >= 3]
        if not good:
            return None
        # a stopword ("having", "after") is in most sentences: a poor filter, chosen last
        good.sort(key=lambda o: (any(x.strip().lower() in common for x in o), -min(len(x) for x in o)))
        return good if every else good[0]

    ways = [{x.lower() for x in o} for o in req(list(parsed), every=True) or []]
    return [o for o in ways if not any(ch.isspace() for x in o for ch in x)] or None


def _trigger_literals(terms: list[str]) -> tuple[str, ...] | None:
    """Literals one of which every outcome term's match contains: the prefilter's scan list.

    A term with several required words ("having fled") needs only one of them; it takes one that
    a literal of another term already covers ("fled"), and the longest otherwise, so that a
    common word ("having") does not make every sentence a candidate."""
    ways = [_required_literals(t) for t in terms]
    if any(w is None for w in ways):
        return None
    lits: set[str] = set().union(*(w[0] for w in ways if len(w) == 1))

    def covered(option: set[str]) -> bool:
        return all(any(y in x for y in lits) for x in option)
    for w in ways:
        if len(w) > 1:
            lits |= next((o for o in w if covered(o)), w[0])
    # A literal containing another one is redundant ("killed" contains "kill").
    return tuple(sorted(x for x in lits if not any(y != x and y in x for y in lits)))


def _find_all(low: str, literals: tuple[str, ...]) -> list[int]:
    """Sorted start offsets of every literal in ``low`` (str.find is much faster than a regex
    alternation of words)."""
    hits = []
    for lit in literals:
        i = low.find(lit)
        while i >= 0:
            hits.append(i)
            i = low.find(lit, i + 1)
    hits.sort()
    return hits


def load_rules(resource: str | Path | Rules | None = None) -> Rules:
    """The compiled casualty resource (the shipped one by default), cached per file and mtime."""
    if isinstance(resource, Rules):
        return resource
    path = resource_path(resource or DEFAULT_RESOURCE)
    return _compile(str(path), path.stat().st_mtime)


def outcomes(resource=None) -> tuple[str, ...]:
    """The outcome names of a resource (default: killed, injured, hostage, missing, displaced)."""
    return load_rules(resource).outcomes


# ---------------------------------------------------------------------------------------------
# Per article


def _victims():
    from . import victims
    return victims


def _group_side(phrase: str | None, rules: Rules) -> str | None:
    if not phrase:
        return None
    # Try multi-word terms first (whole phrase, then word by word from the head noun back).
    words = _SPACES.split(phrase.strip())
    spans = [" ".join(words[i:j]) for i in range(len(words)) for j in range(len(words), i, -1)]
    sided = rules.sided_group
    for piece in spans:
        if sided is not None:
            m = sided.match(piece)
            if m is not None:
                return rules.sided_group_side[m.lastgroup]
            continue
        for rx, side in rules.group_side:
            if side is not None and rx.match(piece):
                return side
    return None


def _is_sided_group(word: str, rules: Rules) -> bool:
    """A group term with a side of its own (or a nationality word) matches ``word`` entirely."""
    if rules.side_words is not None and rules.side_words.match(word):
        return True
    if rules.sided_group is not None:
        return rules.sided_group.match(word) is not None
    return any(side is not None and rx.match(word) for rx, side in rules.group_side)


def _is_context_group(word: str, rules: Rules) -> bool:
    """A group term whose side is decided by the context (``~``) matches ``word`` entirely."""
    if rules.context_group is not None:
        return rules.context_group.match(word) is not None
    return any(side is None and rx.match(word) for rx, side in rules.group_side)


def _np_before(sent: str, end: int, rules: Rules) -> tuple[int, str] | None:
    """The noun phrase ending at ``end`` (the subject of an attribution verb), or None."""
    # Skip a relative clause between the subject and its verb: "the ministry, which is run by X, said".
    rel = _RELATIVE.search(sent, max(0, end - 160), end)
    if rel:
        end = rel.start()
    # The phrase is read from the last tokens of the 160 characters before ``end``.  Tokenize a
    # shorter tail first, cut after a space (no token spans a space, and _WORDTOK has no anchors
    # or lookarounds, so the tail's tokens are the last tokens of the whole window); when the
    # walk back reaches the tail's first token, redo it on the whole window.
    lo = max(0, end - 160)
    cut = max(lo, end - 64)
    while cut > lo and not sent[cut - 1].isspace():
        cut -= 1
    while True:
        toks = [(m.start(), m.end(), m.group()) for m in _WORDTOK.finditer(sent, cut, end)]
        i = len(toks) - 1
        while i >= 0 and toks[i][2].lower() in _SKIP_AUX:
            i -= 1
        j = i
        while j >= 0 and i - j < 10:
            w = toks[j][2]
            if not (w[0].isalnum() or w[0] in "'’") or w.lower() in rules.stop_words:
                break
            j -= 1
        if cut == lo or (i >= 0 and j >= 0):
            break
        cut = lo
    phrase_toks = toks[j + 1:i + 1]
    while phrase_toks and phrase_toks[0][2].lower() in _DETERMINERS:
        phrase_toks = phrase_toks[1:]
    if not phrase_toks:
        return None
    return phrase_toks[0][0], sent[phrase_toks[0][0]:phrase_toks[-1][1]]


# A subject does not end in a preposition or determiner: "... amid REPORTS", "the CLAIMS".
_NOT_SUBJECT_END = re.compile(r"(?<![\w'’-])(?:amid|despite|after|following|with|of|in|on|by|for|from|about|among|"
                              r"over|under|to|the|a|an|these|those|such|their|its|his|her)$", re.I)
_AFTER_STOP = {"on", "last", "this", "since", "as", "while", "who", "which", "that", "when", "after", "before",
               "earlier", "told", "said", "says", "and"}


def _np_after(sent: str, start: int, rules: Rules) -> tuple[int, str] | None:
    toks = [(m.start(), m.end(), m.group()) for m in _WORDTOK.finditer(sent, start, start + 160)]
    out = []
    for s, e, w in toks:
        if not (w[0].isalnum() or w[0] in "'’") or w.lower() in _AFTER_STOP or len(out) >= 10:
            break
        if w.endswith(".") and len(w) > 1 and not _INITIALS.fullmatch(w):
            out.append((s, e - 1, w[:-1]))
            break
        out.append((s, e, w))
    while out and out[0][2].lower() in _DETERMINERS:
        out = out[1:]
    if not out or out[0][2][0].isdigit():
        return None
    return out[0][0], sent[out[0][0]:out[-1][1]]


def _valid_source(phrase: str, rules: Rules) -> bool:
    words = phrase.split()
    if not words or all(w.lower() in rules.pronouns for w in words):
        return False
    if words[0].lower() in rules.pronouns and len(words) == 1:
        return False
    if any(map(str.isdigit, phrase)):
        return False
    return bool(rules.source_words.search(phrase)) or any(w[0].isupper() for w in words)


def _attributions(sent: str, rules: Rules) -> list[tuple[int, int, str, str]]:
    """(start, end, phrase, verb) of each attribution in a sentence; start/end span the marker and
    the source phrase together."""
    out = []
    for m in rules.according.finditer(sent):
        np = _np_after(sent, m.end(), rules)
        if np and _valid_source(np[1], rules):
            out.append((m.start(), np[0] + len(np[1]), np[1], ""))
    for m in rules.verbs.finditer(sent):
        np = _np_before(sent, m.start(), rules)
        if np and _NOT_SUBJECT_END.search(np[1]):
            continue  # "amid reports over 1 million...": a noun after a preposition, not a verb
        if np and np[1].lower() in rules.pronouns:
            continue  # "he said": an attribution, but to nobody named
        if np and _valid_source(np[1], rules):
            out.append((np[0], m.end(), np[1], m.group()))
            continue
        # After a comma or a quote (and spaces): the last non-space character before the verb.
        k = m.start()
        while k and sent[k - 1].isspace():
            k -= 1
        if k and sent[k - 1] in _QUOTE_OR_COMMA:
            np = _np_after(sent, m.end(), rules)
            if np and _valid_source(np[1], rules):
                out.append((m.start(), np[0] + len(np[1]), np[1], m.group()))
    return out


class _Sources:
    """A sentence's attributions (``_attributions``), its clause breaks and hedges, with the
    sorted offsets that find the attribution nearest a figure without trying every one."""

    __slots__ = ("sent", "attributions", "by_end", "ends", "by_start", "starts", "breaks", "break_starts", "hedges")

    def __init__(self, sent: str, rules: Rules) -> None:
        self.sent = sent
        self.attributions = _attributions(sent, rules)
        self.by_end = sorted(range(len(self.attributions)), key=lambda i: (self.attributions[i][1], i))
        self.ends = [self.attributions[i][1] for i in self.by_end]
        self.by_start = sorted(range(len(self.attributions)), key=lambda i: (self.attributions[i][0], i))
        self.starts = [self.attributions[i][0] for i in self.by_start]
        self.breaks = [m.span() for m in rules.breaks.finditer(sent)]
        self.break_starts = [b[0] for b in self.breaks]
        self.hedges = ([m.group() for m in rules.sentence_hedges.finditer(sent)]
                       if rules.sentence_hedges is not None else [])

    def broken(self, lo: int, hi: int) -> bool:
        """Whether a clause break lies within ``sent[lo:hi]``."""
        k = bisect.bisect_left(self.break_starts, lo)
        return k < len(self.breaks) and self.breaks[k][1] <= hi

    def nearest(self, span: tuple[int, int, int]):
        """The attribution nearest the figure ``span`` (start, end, number start) with no clause
        break between them: the closest one ending before it, the closest one starting after it,
        or one inside the phrase before the number ("killing what officials say are 31,000");
        the first listed among equally near ones.  Farther ones on a side cannot win: the gap to
        them holds the nearer one's gap, and any break in it."""
        c0, c1, cn = span
        found = []   # (distance, index)
        k = bisect.bisect_right(self.ends, c0)
        if k:
            e = self.ends[k - 1]
            if not self.broken(e, c0):
                while k and self.ends[k - 1] == e:
                    k -= 1
                    found.append((c0 - e, self.by_end[k]))
        k = bisect.bisect_left(self.starts, c1)
        if k < len(self.starts):
            s = self.starts[k]
            if not self.broken(c1, s):
                while k < len(self.starts) and self.starts[k] == s:
                    found.append((s - c1, self.by_start[k]))
                    k += 1
        k = bisect.bisect_left(self.starts, c0)
        while k < len(self.starts) and self.starts[k] <= cn:
            i = self.by_start[k]
            s, e = self.attributions[i][:2]
            if e > c0 and s < c1 and e <= cn:
                found.append((0, i))
            k += 1
        return self.attributions[min(found)[1]] if found else None


def _source_for(sent: str, span: tuple[int, int, int], rules: Rules, cache: dict, key) -> tuple[str | None, list[str]]:
    got = cache.get(key)
    if got is None:
        # Per sentence: its attributions and the hedges anywhere in it (claims of one sentence
        # come one after another, so one entry is kept).
        cache.clear()
        got = cache[key] = _Sources(sent, rules)
    best = got.nearest(span)
    hedges = []
    if best:
        hedges += [m.group() for m in rules.hedges.finditer(best[2])]
        if best[3] and rules.hedge_verbs.match(best[3]):
            hedges.append(best[3])
    hedges += got.hedges
    seen = []
    for h in hedges:
        h = _SPACES.sub(" ", h)
        if h not in seen:
            seen.append(h)
    return (best[2] if best else None), seen


def _outcome_of(m: re.Match, rules: Rules) -> tuple[str, int, int, str] | None:
    """(outcome, start, end, group name) of the outcome term an ``after`` match found."""
    for name, g in rules.outcome_groups:
        if m.group(g) is not None:
            return name, m.start(g), m.end(g), g
    return None


def _sentence_spans(text: str):
    from ..corpus.segment import sentence_spans
    return [(i, s, e) for i, (s, e, _p) in enumerate(sentence_spans(text))]


def extract_claims(text: str, sentences: Sequence[tuple[int, int, int]] | None = None, *,
                   resource: str | Path | Rules | None = None, profile=None) -> list[dict]:
    """Every casualty figure in one article.

    ``text`` is the article's cleaned text; ``sentences`` its sentence spans as (sent_id, start,
    end) tuples (computed with ``tokenize.sentence_spans`` when omitted).  ``profile``: the
    conflict profile that decides the sides (a name, a file or a loaded profile); by default the
    one the article's own places and parties choose (``profiles.choose``).  Returns one dict per
    claim with the keys of ``CLAIM_COLUMNS`` except article_id, published and outlet; ``start``
    and ``end`` are offsets into ``text`` and ``text[start:end] == claim["text"]``.  Pure: no state
    survives the call (the compiled resource is cached, read-only)."""
    if not isinstance(text, str) or not text:
        return []
    rules = load_rules(resource)
    sents = list(sentences) if sentences is not None else _sentence_spans(text)
    if profile is None:
        from ..profiles.choose import choose
        profile = choose(text).profile
    return _extract(text, sents, rules, [], profile)


def _extract(text: str, sents: list, rules: Rules, victims_model: list, profile=None) -> list[dict]:
    """:func:`extract_claims` on a non-empty text, its sentence spans (a list, sorted here in
    place), compiled rules and ``victims_model``: [] or [victims module, its model for
    ``profile``], filled on the first claim (so a corpus resolves each profile's model once)."""
    sents.sort(key=lambda t: t[1])
    starts = [s for _i, s, _e in sents]
    if rules.trigger_literals is not None:
        # Only sentences holding an outcome word can hold a claim: find them with a fast literal
        # scan of the lower-cased text, then run the full scanner on those sentences only.
        low = text.lower()
        hits = _find_all(low, rules.trigger_literals)
        if not hits:
            return []
        # A sentence is kept when a hit lies inside it (and it may hold a number); there are
        # fewer hits than sentences, so each hit looks up its sentence.
        holding, last = set(), bisect.bisect_right
        for h in hits:
            k = last(starts, h) - 1
            if k >= 0 and h < sents[k][2]:
                holding.add(k)
        ranges = [(sents[k][1], sents[k][2]) for k in sorted(holding)
                  if _maybe_number(low, sents[k][1], sents[k][2])]
    else:
        ranges = [(0, len(text))]
    out: list[dict] = []
    prev_end = 0          # end of the previous number (any), to block windows
    prev_claim = None     # the previous claim
    prev_ne = -1          # and its number's end
    seen: set = set()
    cache: dict = {}
    finditer = rules.candidate.finditer
    death_outcomes, outcome_side = rules.death_outcomes, rules.outcome_side
    sent_key = sent = analysis = None

    for r0, r1 in ranges:
        for m in finditer(text, r0, r1):
            ns, ne = m.span()
            k = bisect.bisect_right(starts, ns) - 1
            if k < 0 or ns >= sents[k][2]:
                prev_end = ne
                continue
            sid, ss, se = sents[k]
            if ne > se:
                prev_end = ne
                continue
            block_from, prev_end = max(prev_end, ss), ne
            claim = _claim(text, m, sid, ss, se, block_from, prev_claim, prev_ne, rules)
            if claim is None:
                continue
            if not victims_model:
                victims = _victims()
                victims_model += [victims, victims.load_model(None, profile)]
            victims, model = victims_model
            if sent_key != (ss, se):
                # the sentence's death words and side cues, found once for all its claims
                sent_key, sent = (ss, se), text[ss:se]
                analysis = victims.Analysis(sent, model)
            side = claim.pop("_side")   # a side the user's casualty rules give the group or outcome
            if side is None:
                side = outcome_side.get(claim["outcome"])
            if side is None:
                # the profile's decision, from the group and the sentence around the number and group
                vs = victims.claim_side(sent, (claim["_ns"] - ss, claim["_ge"] - ss), claim["group"],
                                        claim["outcome"], model, analysis)
                side = vs if vs not in ("none", "both") else UNKNOWN
            claim["side"] = side
            if claim["outcome"] in death_outcomes:
                # the whole phrase, for the voice
                claim["voice"] = analysis.voice((claim["_fs"] - ss, claim["_fe"] - ss))
            else:
                claim["voice"] = None
            if claim.pop("_inherit_source", None) is not None and prev_claim is not None:
                claim["source"], claim["source_hedge"] = prev_claim["source"], prev_claim["source_hedge"]
            else:
                src, hedges = _source_for(sent, (claim["start"] - ss, claim["end"] - ss, claim["_ns"] - ss), rules,
                                          cache, sent_key)
                claim["source"] = src
                claim["source_hedge"] = "; ".join(hedges) if hedges else None
            del claim["_fs"], claim["_fe"], claim["_ns"], claim["_ge"]
            key = (claim["outcome"], claim["value"], side)
            claim["repeated"] = key in seen
            seen.add(key)
            out.append(claim)
            prev_claim, prev_ne = claim, ne   # (not changed after this point)
    return out


def _claim(text: str, m: re.Match, sid: int, ss: int, se: int, block_from: int, prev_claim, prev_ne: int,
           rules: Rules):
    num = m.group("num")
    value = N.parse_number(num)
    if value is None:
        return None
    ns, ne = m.start(), m.end()
    left = text[max(ss, ns - 48):ns]   # what a date or a veto before the number can span
    # Dates, years, numbered things.
    if _date_before(left) or _DATE_AFTER.match(text[ne:ne + 16]):
        return None
    high_value = None
    qualifier = N.canonical_qualifier(m.group("qual"))
    if m.group("between") or m.group("num3"):
        high_value = N.parse_number(m.group("num2") or m.group("num3"))
        if high_value is None or high_value <= value:
            return None
        qualifier = "range"
    elif N.is_vague(num):
        qualifier = "vague"
    is_word = not num[0].isdigit()
    if (_FOUR_DIGITS.fullmatch(num) and 1900 <= value <= 2100):
        is_year = True
    else:
        is_year = False
    if rules.veto_after.match(text, ne, se):
        return None

    group = share = share_of = None
    outcome = None
    gs = ge = None
    a = rules.after.match(text, ne, se)   # (offsets of its groups are into text)
    if a and a.group("vof") and qualifier != "vague":
        a = None
    if a:
        outcome = _outcome_of(a, rules)
        if outcome[3][0] == "w":
            # A weak term describes the people counted ("12 people FLEEING south"): a `before`
            # word of another outcome that governs the number wins ("KILLED 12 people fleeing").
            # Only a word that takes the number as its object: nothing but a few words without a
            # clause break in between ("killed in Gaza AND one million have fled" is not one).
            window = text[block_from:ns]
            hit = _governing(window, rules)
            if (hit is not None and _before_outcome(hit, rules) != outcome[0]
                    and len(window[hit.end():].split()) <= 3 and not _CLAUSE_GAP.search(window, hit.end())):
                a = outcome = None
    if a:
        if a.group("group"):
            group, gs, ge = a.group("group"), a.start("group"), a.end("group")
        if a.group("share"):
            share, share_of = _share(a)
        o_end = outcome[2]
        if group is None:
            word = a.group(outcome[3])
            head = word.split()[-1]
            if _is_context_group(head, rules):
                group, gs, ge = head, o_end - len(head), o_end
        span = (ns, o_end)
        fs, fe = ns, o_end
    # A veto before the number ("rose by 300") unless the outcome word follows it directly: checked
    # last (below), as every other rejection gives the same None and costs less.
    check_veto_before = not (a and _direct(a, outcome))
    inherit = False
    if outcome is None:
        g = rules.group_at.match(text, ne, se)
        if g and g.group("vof") and qualifier != "vague":
            g = None
        if g:
            group, gs, ge = g.group("group"), g.start("group"), g.end("group")
            if g.group("share"):
                share, share_of = _share(g)
            end = g.end()
        else:
            if is_word and value < 100 and qualifier != "vague":
                return None
            if not rules.terminator.match(text, ne, se):
                return None
            end = ne
        if is_year and group is None:
            return None
        window = text[block_from:ns]
        # A sub-count of the previous claim: "..., including 4,000 children".
        if prev_claim is not None and prev_ne == block_from and _SUBCOUNT.match(window):
            outcome = (prev_claim["outcome"], 0, 0)
            inherit = True
            span = (ns, end)
            fs, fe = prev_claim["start"], end
        else:
            hit = _governing(window, rules)
            if hit is None:
                return None
            name = _before_outcome(hit, rules)
            bs = block_from + hit.start()
            outcome = (name, bs, block_from + hit.end())
            span = (bs, end)
            fs, fe = bs, end
            if group is None and _TOLLISH.search(hit.group()):
                pm = _last_word(text, ss, bs)
                if pm and _is_sided_group(text[pm[0]:pm[1]], rules):
                    gs, ge = pm
                    group = text[gs:ge]
                    span = (min(gs, span[0]), span[1])
    elif is_year and group is None and not _direct(a, outcome):
        return None
    if is_word and value < 100 and group is None and not (a and _direct(a, outcome)) and qualifier != "vague":
        return None

    if check_veto_before and (rules.veto_before_tail is None or rules.veto_before_tail.match(left[::-1])):
        vb = rules.veto_before.search(left)
        if vb:
            at = max(ss, ns - 48) + vb.start()
            if at == ss or not text[at].isalnum() or not text[at - 1].isalnum():
                return None

    start, end = span
    low, high = N.bounds(value, qualifier, high_value)
    side = _group_side(group, rules)
    claim = {
        "sent_id": int(sid), "start": int(start), "end": int(end), "text": text[start:end],
        "value": float(value), "qualifier": qualifier, "low": low, "high": high,
        "outcome": outcome[0], "group": group, "_side": side, "share": share, "share_of": share_of,
        "source": None, "source_hedge": None, "voice": None, "_fs": fs, "_fe": fe, "_ns": ns,
        "_ge": ge if ge is not None else ne,
    }
    if inherit:
        if side is None:
            claim["_side"] = prev_claim["side"]
        claim["_inherit_source"] = True
    return claim


def _governing(window: str, rules: Rules) -> re.Match | None:
    """The ``before`` word that makes the number ending ``window`` a figure: the last one in the
    window, at most ``window_words`` words back and with no sentence-like stop in between."""
    hit = None
    for b in rules.before.finditer(window):
        hit = b
    if hit is None:
        return None
    between = window[hit.end():]
    if len(between.split()) > rules.window_words or _WINDOW_STOP.search(between):
        return None
    return hit


def _before_outcome(hit: re.Match, rules: Rules) -> str:
    return next(o for o in rules.outcomes if hit.group(f"o_{o}") is not None)


def _direct(a: re.Match | None, outcome) -> bool:
    """The outcome word follows the number (and its group) immediately: "1,200 lives"."""
    if a is None or outcome is None:
        return False
    gap_start = a.end("share") if a.group("share") else (a.end("group") if a.group("group") else a.pos)
    return not a.string[gap_start:outcome[1]].strip(" ,")


def _share(m: re.Match) -> tuple[float | None, str | None]:
    value = N.parse_share(m.group("sval"))
    of = _SPACES.sub(" ", m.group("sof")).strip() or None
    return value, of


# ---------------------------------------------------------------------------------------------
# Corpus level


def claims(corpus, resource: str | Path | None = None, profile=None) -> pd.DataFrame:
    """One row per casualty figure in the corpus, columns ``CLAIM_COLUMNS`` (see module doc).

    ``corpus`` is a :class:`~conflictnews.corpus.Corpus`; ``resource`` a casualty YAML file to use
    instead of the shipped one; ``profile`` a conflict profile for every article (default: each
    article's own, ``profiles.choose.article_profiles``)."""
    from ..profiles.choose import profile_of

    rules = load_rules(resource)
    arts = corpus.articles
    index = corpus.sentence_index
    rows = []
    of_article = profile_of(corpus, profile)
    victims_models: dict = {}   # per profile: the victims model, resolved once for the corpus
    for aid, text, published, outlet in zip(arts["article_id"].tolist(), arts["text"].tolist(),
                                            list(arts["published"]), arts["outlet"].tolist()):
        if not isinstance(text, str) or not text:
            continue
        spans = [(sid, s, e) for sid, s, e, _para in index.get(aid, ())]
        prof = of_article[aid]
        for c in _extract(text, spans, rules, victims_models.setdefault(prof.name, []), prof):
            c.update(article_id=aid, published=published, outlet=outlet)
            rows.append(c)
    return claims_frame(rows)


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """A claims frame with the documented columns and dtypes, from claim dicts."""
    df = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    for col in ("sent_id", "start", "end"):
        df[col] = df[col].astype("int64")
    for col in ("value", "low", "high", "share"):
        df[col] = df[col].astype("float64")
    df["repeated"] = df["repeated"].astype(bool)
    df["published"] = pd.to_datetime(df["published"])
    for col in ("article_id", "text", "qualifier", "outcome", "group", "side", "share_of", "source",
                "source_hedge", "voice", "outlet"):
        df[col] = df[col].astype(object)
    return df


def filter_claims(df: pd.DataFrame, outcomes=None, sides=None, resource=None) -> pd.DataFrame:
    """The claims of the given outcomes and sides (a name or a list; None = all).  Unknown names
    raise ValueError listing the known ones."""
    from ..profiles.sides import known_sides as profile_sides

    rules = load_rules(resource)
    known_sides = sorted({s for _rx, s in rules.group_side if s} | set(rules.outcome_side.values())
                         | set(profile_sides()) | set(df["side"].dropna().astype(str)) | {UNKNOWN})
    out = df
    for name, value, known, col in (("outcomes", outcomes, list(rules.outcomes), "outcome"),
                                    ("sides", sides, known_sides, "side")):
        if value in (None, "", []):
            continue
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        bad = [v for v in value if v not in known]
        if bad:
            raise ValueError(f"{name}={bad!r}: unknown; known {name}: {', '.join(known)}")
        out = out[out[col].isin(value)]
    return out.reset_index(drop=True)


QUALIFIER_KIND_LABEL = {"lower": "lower bound", "upper": "upper bound", "approximate": "approximate",
                        "exact": "exact", "range": "range"}


def qualifier_label(qualifier: str) -> str:
    """'lower bound' | 'upper bound' | 'approximate' | 'exact' | 'range' for a qualifier."""
    return QUALIFIER_KIND_LABEL[N.qualifier_kind(qualifier)]


# ---------------------------------------------------------------------------------------------
# Tables for the report

def evidence(df: pd.DataFrame, corpus) -> pd.DataFrame:
    """Each claim with its full sentence (``sentence``) and the article title: the evidence table.
    Keeps every column of ``df`` (e.g. ``tally``/``ratio`` when present)."""
    sents = corpus.sentences[["article_id", "sent_id", "text"]].rename(columns={"text": "sentence"})
    titles = corpus.articles[["article_id", "title"]]
    out = df.merge(sents, on=["article_id", "sent_id"], how="left").merge(titles, on="article_id", how="left")
    return out.sort_values(["published", "article_id", "start"], na_position="last").reset_index(drop=True)


def attribution_table(df: pd.DataFrame) -> pd.DataFrame:
    """Claims per attributed source and hedge: source, source_hedge, claims, articles, outlets,
    outcomes.  Unattributed claims are listed under source "(unattributed)"."""
    cols = ["source", "source_hedge", "claims", "articles", "outlets", "outcomes"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    d = df.assign(source=df["source"].fillna("(unattributed)"), source_hedge=df["source_hedge"].fillna(""))
    out = (d.groupby(["source", "source_hedge"], sort=False)
             .agg(claims=("value", "size"), articles=("article_id", "nunique"),
                  outlets=("outlet", lambda s: ", ".join(sorted(set(map(str, s))))),
                  outcomes=("outcome", lambda s: ", ".join(sorted(set(s)))))
             .reset_index())
    return out.sort_values(["claims", "source"], ascending=[False, True]).reset_index(drop=True)[cols]


CUMULATIVE_OUTCOMES = ("killed", "injured")


def revisions(df: pd.DataFrame, outcomes=CUMULATIVE_OUTCOMES) -> pd.DataFrame:
    """Where a cumulative toll cited later is LOWER than the one cited before it: per outcome and
    side (sides 'unknown' left out), the median figure cited on each publication date is compared
    with the previous date's; every fall is a row (a cumulative toll does not fall unless the
    figure was revised, or the articles count different things -- check the evidence).

    Columns: outcome, side, from_date, from_value, to_date, to_value, change, from_texts, to_texts.
    Hostage and displacement counts are left out by default: they fall when people are released
    or return, not only on revision."""
    cols = ["outcome", "side", "from_date", "from_value", "to_date", "to_value", "change", "from_texts",
            "to_texts"]
    rows = []
    d = df[df["outcome"].isin(list(outcomes)) & (df["side"] != UNKNOWN) & df["published"].notna()]
    for (outcome, side), g in d.groupby(["outcome", "side"], sort=True):
        per_day = (g.groupby("published")
                    .agg(value=("value", "median"), texts=("text", lambda s: " | ".join(s)))
                    .sort_index())
        prev = None
        for day, r in per_day.iterrows():
            if prev is not None and r["value"] < prev[1]["value"]:
                rows.append({"outcome": outcome, "side": side, "from_date": prev[0], "from_value": prev[1]["value"],
                             "to_date": day, "to_value": r["value"], "change": r["value"] - prev[1]["value"],
                             "from_texts": prev[1]["texts"], "to_texts": r["texts"]})
            prev = (day, r)
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------------------------------------
# The table


def _claims_of(article, ctx) -> list[dict]:
    """The claims of one article (the extractor's function; see ``base.py``)."""
    if not article.text:
        return []
    spans = [(s.sent_id, s.start, s.end) for s in article.sentences]
    found = _extract(article.text, spans, load_rules(ctx.option("casualty_rules")), [], article.profile)
    for c in found:
        c.update(article_id=article.article_id, published=article.published, outlet=article.meta.get("outlet"))
    return found


EXTRACTOR = Extractor(
    name="claims",
    unit="casualty figure cited",
    columns={
        "article_id": "the article",
        "sent_id": "the sentence (as in `sentences.csv`)",
        "start": "offset of the figure's phrase in the cleaned text",
        "end": "offset just after it",
        "text": "the figure's phrase: qualifier, number, group and outcome word",
        "value": "the number as stated (a range: its lower end; a vague amount: its lower bound)",
        "qualifier": "`over`, `more_than`, `at_least`, `nearly`, `about`, `around`, `some`, `up_to`, "
                     "`approaching`, `exact`, `range`...",
        "low": "the lower bound the qualifier implies (empty: unbounded)",
        "high": "the upper bound it implies (\"nearly 10,600\": 10600; empty: unbounded)",
        "outcome": "`killed`, `injured`, `hostage`, `missing`, `displaced`",
        "group": "who is counted, as written (empty when the text does not say)",
        "side": "whose victims: a side of the article's conflict profile (`palestinian`, `sudanese`...) or a "
            "nationality as written (`thai`); `unknown` when the figure's group and sentence do not say, or add "
            "up both sides (never taken from neighbouring sentences)",
    "share": "a share attached to the figure (\"about 40% of them children\": 0.4)",
        "share_of": "who the share counts (children)",
        "source": "the attribution as written",
        "source_hedge": "hedges, `; `-separated (\"<party>-run\", \"claimed\", \"unverified\")",
        "voice": "`active`, `passive`, `agentless` (death figures)",
        "published": "the article's publication date",
        "outlet": "the article's outlet",
        "repeated": "the same figure (outcome, value, side) appeared earlier in the article",
    },
    extract=_claims_of,
    resources=(Resource("casualty_rules", DEFAULT_RESOURCE,
                        "outcome words, victim groups and their sides, nouns that veto a number, "
                        "attribution and hedge patterns"),),
    dtypes={"sent_id": "int64", "start": "int64", "end": "int64", "value": "float64", "low": "float64",
            "high": "float64", "share": "float64", "repeated": "bool", "published": "datetime64[ns]"},
)
