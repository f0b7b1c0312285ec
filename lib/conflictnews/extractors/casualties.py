"""Casualty figures cited in the articles: one row per figure, with its evidence, read from the
parse of each sentence.

    claims(corpus)                         # the table (through the extractor registry: parsed once)
    extract_claims("The strikes killed 112 aid workers, the ministry said.")[0]
    {... 'value': 112.0, 'qualifier': 'exact', 'outcome': 'killed', 'group': 'aid workers',
     'source': 'ministry', 'voice': 'active', ...}

How a number becomes a claim (``figures.py`` reads the parse; every English word is in
``resources/casualties.yml``):

1. The number is read by the number patterns (``numbers``): digits ("9,061", "31 000"), words
   ("forty-two", "two dozen"), vague amounts ("dozens"), ranges ("between 385,000 and 600,000"),
   the qualifier before it ("more than", "nearly", "around another").  Dates, years, ages,
   percentages, money and hyphenated compounds are not counts.
2. The parse gives the noun it counts ("112 aid WORKERS"), the word of harm that governs it
   (verb, noun or adjective: "KILLED 112", "were KILLED", "17 of them DIED", "the DEATHS of 210
   people", "14,000 DEAD"), or the toll it is the value of ("the death TOLL rose to 41,870"); a
   conjunct takes the verb of the first ("1,200 Israelis and 9,000 Palestinians were killed"), a
   later verb gives its own figure its outcome ("six were killed and eight others INJURED").
3. Parts of a figure ("14,000 dead, INCLUDING 6,000 children", "four OF THEM") are figures of
   their own with ``part_of``: the ``start`` of the figure they belong to.
4. The source: the innermost attribution whose clause holds the figure ("the ministry SAID",
   "ACCORDING TO the army", "what officials SAY are"), with the outlet between as ``via``
   ("Zelensky TOLD the Associated Press"); hedges from the source ("Hamas-run"), its verb
   ("claimed") and the sentence ("could not be independently verified").
5. ``scope`` (rate, incident, period, cumulative) and ``superseded`` from the figure's clause.
6. Side: ``victims.claim_side`` with the figure's group and sentence, by the article's conflict
   profile (one call: the people counted as written, the profile's side for the outcome, the
   sentence's cues); never from other sentences.
7. Outcomes: ``killed``, ``injured``, ``hostage``, ``missing``, ``displaced``.  ``killed``
   counts every death figure, whatever the word ("killed", "died", "deaths", "death toll",
   "bodies"): news call the same toll both ways, and a chart of tolls over time must not split
   one series by wording.  The word as written is in ``text``.

Columns: ``CLAIM_COLUMNS`` (described in ``EXTRACTOR.columns`` and the README).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import pandas as pd

from . import numbers as N
from .base import Article, Context, Extractor, Resource, Sentence
from ..resources import ResourceError, check_pattern, load_yaml, resource_path

CLAIM_COLUMNS = ["article_id", "sent_id", "start", "end", "text", "value", "qualifier", "low", "high",
                 "outcome", "group", "side", "share", "share_of", "source", "source_hedge", "via", "voice",
                 "part_of", "scope", "superseded", "published", "outlet", "repeated"]
DEFAULT_RESOURCE = "casualties.yml"
UNKNOWN = "unknown"
NAN = float("nan")
NEEDS = ("dep", "ents", "lemma", "pos")
SCOPES = ("rate", "incident", "period", "cumulative")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


class CasualtyResourceError(ResourceError):
    """The casualty resource is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Rules:
    """The compiled resource (build it with :func:`load_rules`, cached per file and mtime).
    Word tables map a lemma to [(outcome, second word or None)]."""

    path: str
    outcomes: tuple[str, ...]
    death_outcomes: frozenset
    outcome_side: dict
    verbs: dict
    intransitive: dict
    adjectives: dict
    nouns: dict
    people_nouns: frozenset
    not_for: dict                    # outcome -> the counted nouns it never counts
    people: frozenset
    not_people: frozenset
    transparent: frozenset
    toll_nouns: dict
    toll_not: frozenset
    qualifier_verbs: dict
    introducers: frozenset
    partitive: frozenset
    among: dict
    degrees: frozenset
    wholes: frozenset
    veto_nouns: frozenset
    after_noun: tuple
    change_verbs: frozenset
    undone: frozenset
    part_of_words: frozenset
    determiners: frozenset
    conditions: frozenset
    age_words: frozenset
    places_before: frozenset
    scope: dict
    superseded_words: frozenset
    superseded_perfect: frozenset
    revisions: frozenset
    according: tuple
    speech_verbs: frozenset
    told_verbs: frozenset
    quoting_verbs: frozenset
    via_nouns: frozenset
    outlet_preps: tuple
    via_preps: tuple
    source_determiners: frozenset
    phrase_ends: frozenset
    relative_pronouns: frozenset
    relative_possessives: frozenset
    what_words: frozenset
    person_determiners: frozenset
    alone_words: frozenset
    perfect: frozenset
    past_perfect: frozenset
    toll_preps: frozenset
    months: tuple
    hedge_verbs: frozenset
    hedges: re.Pattern
    sentence_hedges: re.Pattern | None
    source_words: frozenset
    pronouns: frozenset
    clause_breaks: frozenset
    trigger_lemmas: frozenset        # a sentence without one of these holds no figure
    share: re.Pattern


# ---------------------------------------------------------------------------------------------
# The resource


def _mapping(value, where: str, path) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CasualtyResourceError(f"{path}: {where} must be a mapping, got {type(value).__name__}")
    return value


def _words(value, where: str, path) -> list[str]:
    """A list of words (lower-cased, single spaces)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise CasualtyResourceError(f"{path}: {where} must be a list of words, got {type(value).__name__}")
    out = []
    for item in value:
        if not isinstance(item, (str, int, float)) or not str(item).strip():
            raise CasualtyResourceError(f"{path}: {where}: empty or non-text entry {item!r}")
        out.append(_SPACES.sub(" ", str(item).strip().lower()))
    return out


def _patterns(value, where: str, path) -> list[str]:
    """A list of regular expressions (a space matches any run of whitespace), each checked."""
    _words(value, where, path)      # the same shape errors as a word list
    out = []
    for item in value or []:
        term = re.sub(r" +", r"\\s+", str(item).strip())
        check_pattern(term, where, path, CasualtyResourceError)
        out.append(term)
    return out


def _word_table(outcomes: dict, key: str, path) -> dict:
    """{lemma: [(outcome, second word or None)]} from every outcome's ``key`` list."""
    table: dict = {}
    for name, spec in outcomes.items():
        for entry in _words(spec.get(key), f"outcomes.{name}.{key}", path):
            parts = entry.split(" ")
            if len(parts) > 2:
                raise CasualtyResourceError(f"{path}: outcomes.{name}.{key}: {entry!r} has more than two words")
            table.setdefault(parts[0], []).append((str(name), parts[1] if len(parts) == 2 else None))
    # an entry with a second word is more specific: tried first
    return {k: sorted(v, key=lambda e: e[1] is None) for k, v in table.items()}


_OUTCOME_KEYS = {"verbs", "intransitive", "adjectives", "nouns", "people_nouns", "not_for", "death", "side"}


@lru_cache(maxsize=16)
def _compile(path: str, mtime: float) -> Rules:
    data = load_yaml(path, required=("outcomes", "tolls", "groups", "not_counts", "sources"))
    outcomes, death, side_default = _compile_outcomes(data, path)
    tables = {k: _word_table(outcomes, k, path) for k in ("verbs", "intransitive", "adjectives", "nouns")}
    people_nouns = frozenset(w for name, spec in outcomes.items()
                             for w in _words(spec.get("people_nouns"), f"outcomes.{name}.people_nouns", path))
    not_for = {str(name): frozenset(_words(spec.get("not_for"), f"outcomes.{name}.not_for", path))
               for name, spec in outcomes.items() if spec.get("not_for")}

    def outcome_or_none(value, where):
        if value is None:
            return None
        if str(value) not in outcomes:
            raise CasualtyResourceError(f"{path}: {where}: {value!r} is not an outcome ({', '.join(outcomes)})")
        return str(value)

    tolls = _mapping(data["tolls"], "tolls", path)
    toll_nouns = {str(k).lower(): outcome_or_none(v, f"tolls.nouns.{k}")
                  for k, v in _mapping(tolls.get("nouns"), "tolls.nouns", path).items()}
    qualifier_verbs = {}
    for verb, q in _mapping(data.get("qualifier_verbs"), "qualifier_verbs", path).items():
        try:
            qualifier_verbs[str(verb).lower()] = N.canonical_qualifier(str(q))
        except ValueError as exc:
            raise CasualtyResourceError(f"{path}: qualifier_verbs.{verb}: {exc}") from None
    sub = _mapping(data.get("subgroups"), "subgroups", path)
    among = {str(k).lower(): outcome_or_none(v, f"subgroups.among.{k}")
             for k, v in _mapping(sub.get("among"), "subgroups.among", path).items()}
    _mapping(data["groups"], "groups", path)       # a mapping, or a clear error
    veto = _mapping(data["not_counts"], "not_counts", path)
    if not veto.get("nouns"):
        raise CasualtyResourceError(f"{path}: not_counts.nouns is empty")
    src = _mapping(data["sources"], "sources", path)
    hedges = _patterns(src.get("hedges"), "sources.hedges", path)
    sh = _patterns(src.get("sentence_hedges"), "sources.sentence_hedges", path)

    def words(where: str) -> frozenset:
        """The word list at ``section.key`` of the file (empty when absent)."""
        section, key = where.split(".")
        return frozenset(_words(_mapping(data.get(section), section, path).get(key), where, path))
    triggers = set(toll_nouns) | set(among)
    for table in tables.values():
        triggers.update(table)
    return Rules(
        path=str(path), outcomes=tuple(str(o) for o in outcomes), death_outcomes=frozenset(death),
        outcome_side=side_default, verbs=tables["verbs"], intransitive=tables["intransitive"],
        adjectives=tables["adjectives"], nouns=tables["nouns"], people_nouns=people_nouns, not_for=not_for,
        people=words("groups.people"),
        not_people=words("groups.not_people"), transparent=words("groups.transparent"),
        toll_nouns=toll_nouns, toll_not=words("tolls.not"), qualifier_verbs=qualifier_verbs,
        introducers=words("subgroups.introducers"),
        partitive=words("subgroups.partitive"), among=among, degrees=words("subgroups.degrees"),
        wholes=words("subgroups.wholes"),
        veto_nouns=words("not_counts.nouns"),
        after_noun=tuple(_words(veto.get("after_noun"), "not_counts.after_noun", path)),
        change_verbs=words("not_counts.change_verbs"),
        undone=words("not_counts.undone"),
        part_of_words=words("not_counts.part_of"),
        determiners=words("not_counts.determiners"),
        conditions=words("not_counts.conditions"),
        age_words=words("not_counts.age_words"),
        places_before=words("not_counts.places_before"),
        scope=_compile_scope(data, path), superseded_words=words("superseded.words"),
        superseded_perfect=words("superseded.with_past_perfect"),
        revisions=words("superseded.revisions"),
        according=tuple(tuple(p.split(" ")) for p in _words(src.get("according_to"), "sources.according_to", path)),
        speech_verbs=words("sources.verbs"), told_verbs=words("sources.told_verbs"),
        quoting_verbs=words("sources.quoting_verbs"),
        via_nouns=words("sources.via_nouns"),
        outlet_preps=tuple(_words(src.get("outlet_prepositions"), "sources.outlet_prepositions", path)),
        via_preps=tuple(_words(src.get("via_prepositions"), "sources.via_prepositions", path)),
        source_determiners=words("sources.determiners"),
        phrase_ends=words("sources.phrase_ends"),
        relative_pronouns=words("grammar.relative_pronouns"),
        relative_possessives=words("grammar.relative_possessives"),
        what_words=words("grammar.what"),
        person_determiners=words("grammar.person_determiners"),
        alone_words=words("grammar.alone"), perfect=words("grammar.perfect"),
        past_perfect=words("grammar.past_perfect"),
        toll_preps=words("grammar.toll_prepositions"),
        months=tuple(str(m) for m in _mapping(data.get("grammar"), "grammar", path).get("months") or ()),
        hedge_verbs=words("sources.hedge_verbs"),
        hedges=re.compile(_word_alt(hedges), re.I),
        sentence_hedges=re.compile(_word_alt(sh), re.I) if sh else None,
        source_words=words("sources.source_words"),
        pronouns=words("sources.pronouns"),
        clause_breaks=words("sources.clause_breaks"),
        trigger_lemmas=frozenset(triggers), share=_SHARE)


def _compile_outcomes(data: dict, path: str) -> tuple[dict, set, dict]:
    """The ``outcomes`` section checked: (outcome -> spec, the outcomes that are deaths, outcome ->
    its default side)."""
    outcomes = _mapping(data["outcomes"], "outcomes", path)
    if not outcomes:
        raise CasualtyResourceError(f"{path}: 'outcomes' is empty")
    death, side_default = set(), {}
    for name, spec in outcomes.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)):
            raise CasualtyResourceError(f"{path}: outcome name {name!r} must be lower-case letters, digits, _")
        spec = _mapping(spec, f"outcomes.{name}", path)
        outcomes[name] = spec
        unknown = set(spec) - _OUTCOME_KEYS
        if unknown:
            raise CasualtyResourceError(f"{path}: outcomes.{name}: unknown key(s) {sorted(unknown)}; "
                                        f"expected {', '.join(sorted(_OUTCOME_KEYS))}")
        if not any(spec.get(k) for k in ("verbs", "intransitive", "adjectives", "nouns")):
            raise CasualtyResourceError(f"{path}: outcomes.{name} has no verbs, intransitive, adjectives or nouns")
        if spec.get("death"):
            death.add(str(name))
        if spec.get("side") is not None:
            side_default[str(name)] = str(spec["side"])
    return outcomes, death, side_default


def _compile_scope(data: dict, path: str) -> dict:
    """The ``scope`` section: the words that make a figure a rate, a period's, cumulative or one
    incident's."""
    sc = _mapping(data.get("scope"), "scope", path)

    def sc_words(kind, key):
        return frozenset(_words(_mapping(sc.get(kind), f"scope.{kind}", path).get(key), f"scope.{kind}.{key}", path))
    return {
        "rate_units": sc_words("rate", "units"), "rate_markers": sc_words("rate", "markers"),
        "rate_words": sc_words("rate", "words"), "period_units": sc_words("period", "units"),
        "period_markers": sc_words("period", "markers"), "period_words": sc_words("period", "words"),
        "cumulative_words": sc_words("cumulative", "words"),
        "cumulative_phrases": tuple(sorted(sc_words("cumulative", "phrases"))),
        "incident_nouns": sc_words("incident", "nouns"), "incident_preps": sc_words("incident", "prepositions"),
        "incident_marks": sc_words("incident", "marks"),
    }


# A share attached to a figure: ", about 40% of them children".
_SHARE = re.compile(
    rf"^\s*[,(—–-]?\s*(?:(?:{N.QUALIFIER})\s+)?(?P<sval>{N.SHARE})\s+of\s+"
    rf"(?:them|whom|those|the\s+(?:victims|dead|total))\s+(?:(?:are|were|being|was)\s+)?"
    rf"(?P<sof>[^,.;:()—–\d]{{1,40}}?)\s*(?=[,.;:)—–]|$)", re.I)


def _word_alt(terms: list[str]) -> str:
    alt = "|".join(sorted(set(terms), key=lambda t: (-len(t), t))) or r"(?!x)x"
    return rf"(?<![\w-])(?:{alt})(?![\w-])"


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
# One article


def _victims():
    from . import victims
    return victims


def _has_trigger(doc, rules: Rules) -> bool:
    """The sentence holds a word of harm or a toll noun (most sentences do not: they are skipped
    before any number is read)."""
    triggers = rules.trigger_lemmas
    for t in doc:
        if t.lemma_.lower() in triggers or t.lower_ in triggers:
            return True
    return False


def _voice(fig, rules: Rules) -> str | None:
    """active ("Israel has KILLED", "KILLING 100"), passive ("were killed", "people killed in")
    or agentless ("died", "deaths", "dead", a toll), for death figures."""
    if fig.outcome not in rules.death_outcomes:
        return None
    h = fig.harm
    if h is None or fig.relation in ("noun", "of", "toll", "among", "modifier") or h.pos_ not in ("VERB", "AUX"):
        return "agentless"
    if fig.relation == "subject":
        return "agentless"
    if fig.relation == "subgroup":
        return fig.part_of and _voice(fig.part_of, rules)
    from ..nlp import phrases as ph
    if fig.relation == "passive" or ph.is_passive(h):
        return "passive"
    if h.tag_ == "VBN" and h.dep_ in ("acl", "amod", "relcl") and not any(c.dep_ in ("nsubj",) for c in h.children):
        return "passive"
    return "active"


def _hedges(sentence_hedges: list[str], phrase: str | None, verb, rules: Rules) -> list[str]:
    """The hedges of a figure: in its source phrase, its attribution verb, and the sentence's."""
    out = []
    if phrase:
        out += [m.group() for m in rules.hedges.finditer(phrase)]
    if verb is not None and verb.lemma_.lower() in rules.hedge_verbs:
        out.append(verb.text)
    out += sentence_hedges
    seen = []
    for h in out:
        h = _SPACES.sub(" ", h)
        if h not in seen:
            seen.append(h)
    return seen


def _share(fig, sentence: str, rules: Rules) -> tuple[float | None, str | None]:
    """A share right after the figure: "about 40% of them children", "half of whom are children"."""
    end = fig.group_span[1] if fig.group_span else fig.number.end
    m = rules.share.match(sentence[end:end + 80])
    if not m:
        return None, None
    return N.parse_share(m.group("sval")), (_SPACES.sub(" ", m.group("sof")).strip() or None)


def sentence_claims(sentence: Sentence, rules: Rules, victims_model) -> list[dict]:
    """The claims of one parsed sentence, as dicts with offsets into the article (``start``,
    ``end``) and ``_fig`` (the Figure, for linking ``part_of`` and ``repeated``)."""
    from . import attribution, figures
    from ..nlp.words import words

    doc = sentence.doc
    if doc is None or not len(doc) or not _has_trigger(doc, rules):
        return []
    doc = words(doc, sentence.text)    # the parse read once: every figure below climbs the same words
    memo: dict = {}
    figs = figures.read_figures(doc, rules, memo)
    if not figs:
        return []
    text = doc.text
    found = attribution.attributions(doc, rules, {f.harm.i for f in figs if f.harm is not None})
    victims = _victims()
    analysis = None     # the sentence's side cues, read once for all its figures (when one needs them)
    sentence_hedges = ([m.group() for m in rules.sentence_hedges.finditer(text)]
                       if rules.sentence_hedges is not None else [])
    out = []
    for fig in figs:
        s, e = fig.span
        low, high = N.bounds(fig.number.value, fig.qualifier, fig.number.high)
        token = fig.harm if fig.harm is not None and fig.how != "subgroup" else fig.number.anchor
        source, via, verb = attribution.source_of(token, found, rules)
        if source is None and via is None and token is not fig.number.anchor:
            source, via, verb = attribution.source_of(fig.number.anchor, found, rules)
        if fig.part_of is not None and source is None:
            parent = next((c for c in out if c["_fig"] is fig.part_of), None)
            if parent is not None:
                source, via = parent["source"], parent["via"]
        hedges = _hedges(sentence_hedges, source, verb, rules)
        share, share_of = _share(fig, text, rules)
        focus = (fig.number.start, fig.group_span[1] if fig.group_span else fig.number.end)
        # one decision, the profile's (victims.claim_side): the group as written, the profile's
        # side for the outcome, the sentence around the figure; a side the user's casualty rules
        # give the outcome comes first
        side = rules.outcome_side.get(fig.outcome)
        if side is None:
            analysis = analysis or victims.Analysis(text, victims_model)
            side = victims.claim_side(text, focus, fig.group, fig.outcome, victims_model, analysis)
        side = side if side != "none" else UNKNOWN
        out.append({
            "sent_id": int(sentence.sent_id), "start": sentence.start + s, "end": sentence.start + e,
            "text": text[s:e], "value": float(fig.number.value), "qualifier": fig.qualifier,
            "low": low, "high": high, "outcome": fig.outcome, "group": fig.group, "side": side,
            "share": share, "share_of": share_of, "source": source,
            "source_hedge": "; ".join(hedges) if hedges else None, "via": via, "voice": _voice(fig, rules),
            "part_of": None, "scope": figures.scope_of(fig, rules), "superseded": figures.is_superseded(fig, rules, memo),
            "_fig": fig,
        })
    by_fig = {id(c["_fig"]): c for c in out}
    for c in out:
        parent = c["_fig"].part_of
        if parent is not None and id(parent) in by_fig:
            c["part_of"] = by_fig[id(parent)]["start"]
            # a part is of its whole's people unless its own group names its side ("four Israeli
            # soldiers were injured, one seriously": an Israeli soldier, whatever else is near)
            if c["side"] == UNKNOWN or victims.group_side(c["group"], victims_model) is None:
                c["side"] = by_fig[id(parent)]["side"]
    return out


def article_claims(article: Article, rules: Rules) -> list[dict]:
    """Every claim of one article (columns of ``CLAIM_COLUMNS``), ``repeated`` set within it;
    sides by the article's conflict profile (``article.profile``; None: ``generic``)."""
    rows: list[dict] = []
    seen: set = set()
    victims_model = _victims().load_model(None, article.profile, as_written=True)
    for sentence in article.sentences:
        for c in sentence_claims(sentence, rules, victims_model):
            del c["_fig"]
            key = (c["outcome"], c["value"], c["side"])
            c["repeated"] = key in seen
            seen.add(key)
            c.update(article_id=article.article_id, published=article.published,
                     outlet=article.meta.get("outlet"))
            rows.append(c)
    return rows


def _claims_of(article: Article, ctx: Context) -> list[dict]:
    """The extractor's function (see ``base.py``)."""
    return article_claims(article, load_rules(ctx.option("casualty_rules")))


def extract_claims(text: str, sentences: Sequence[tuple[int, int, int]] | None = None, *,
                   resource: str | Path | Rules | None = None, model: str | None = None, profile=None) -> list[dict]:
    """Every casualty figure in one text (parsed here, sentence by sentence).

    ``sentences``: (sent_id, start, end) spans into ``text`` (default: the project's own
    segmentation).  ``profile``: the conflict profile that decides the sides (a name, a file or a
    loaded profile); by default the one the text's own places and parties choose
    (``profiles.choose``).  Returns one dict per claim with the keys of ``CLAIM_COLUMNS`` but
    article_id, published and outlet; ``text[start:end] == claim["text"]``."""
    return extract_claims_many([text], [sentences] if sentences is not None else None,
                               resource=resource, model=model, profiles=[profile])[0]


def extract_claims_many(texts: Sequence[str], sentences: Sequence | None = None, *,
                        resource: str | Path | Rules | None = None, model: str | None = None,
                        profiles: Sequence | None = None) -> list[list[dict]]:
    """:func:`extract_claims` for many texts, parsed together (one model, one pass);
    ``profiles``: one per text (None in it, or no list: each text's own)."""
    from ..corpus.segment import sentence_spans
    from ..nlp import parse_many
    from ..profiles import load_profile
    from ..profiles.choose import choose

    rules = load_rules(resource)
    spans_of = []
    for k, text in enumerate(texts):
        if not isinstance(text, str) or not text.strip():
            spans_of.append([])
            continue
        given = sentences[k] if sentences is not None else None
        if given is None:
            given = [(i, s, e) for i, (s, e, _p) in enumerate(sentence_spans(text))]
        spans_of.append(sorted(((int(i), int(s), int(e)) for i, s, e in given if e > s), key=lambda t: t[1]))
    flat = [texts[k][s:e] for k, spans in enumerate(spans_of) for _i, s, e in spans]
    docs = iter(parse_many(flat, model, NEEDS, workers=1) if flat else [])   # from the parse cache when set
    out = []
    for k, (text, spans) in enumerate(zip(texts, spans_of)):
        sents = tuple(Sentence(i, s, e, 0, text[s:e], next(docs)) for i, s, e in spans)
        if not sents:
            out.append([])
            continue
        wanted = profiles[k] if profiles is not None else None
        profile = load_profile(wanted if wanted not in (None, "") else choose(text).profile)
        rows = article_claims(Article("", text, sents, profile=profile), rules)
        for r in rows:
            for key in ("article_id", "published", "outlet"):
                r.pop(key, None)
        out.append(rows)
    return out


# ---------------------------------------------------------------------------------------------
# Corpus level


def claims(corpus, resource: str | Path | None = None, profile=None, *, model: str | None = None,
           workers: int | None = None) -> pd.DataFrame:
    """One row per casualty figure in the corpus, columns ``CLAIM_COLUMNS`` (see the README).

    Runs through the extractor registry: the corpus is parsed once (or read from the parse
    cache).  ``resource``: a casualty YAML file to use instead of the shipped one; ``profile`` a
    conflict profile for every article (default: each article's own)."""
    from .registry import run

    return run(corpus, ["claims"], {"casualty_rules": resource}, profile=profile, model=model,
               workers=workers)["claims"]


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """A claims frame with the documented columns and dtypes, from claim dicts."""
    return EXTRACTOR.frame(rows, Context())


def filter_claims(df: pd.DataFrame, outcomes=None, sides=None, resource=None) -> pd.DataFrame:
    """The claims of the given outcomes and sides (a name or a list; None = all).  Unknown
    outcomes and sides raise ValueError listing the known ones (sides: those of the profiles and
    the nationalities, those in ``df``, ``unknown``)."""
    from ..profiles.sides import known_sides as profile_sides

    rules = load_rules(resource)
    sides_known = sorted(set(df["side"].dropna().astype(str)) | set(profile_sides()) | {UNKNOWN})
    out = df
    for name, value, col in (("outcomes", outcomes, "outcome"), ("sides", sides, "side")):
        if value in (None, "", []):
            continue
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        known = list(rules.outcomes) if name == "outcomes" else sides_known
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


def totals(df: pd.DataFrame) -> pd.DataFrame:
    """The claims that are whole figures: not a part of another (``part_of`` empty) and not an
    earlier figure the sentence itself sets aside (``superseded``)."""
    if df.empty:
        return df
    return df[df["part_of"].isna() & ~df["superseded"].astype(bool)].reset_index(drop=True)


def subgroups(df: pd.DataFrame) -> pd.DataFrame:
    """The claims that are part of another figure ("including 6,000 children")."""
    if df.empty:
        return df
    return df[df["part_of"].notna()].reset_index(drop=True)


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
    or return, not only on revision.  Only whole figures count (:func:`totals`): "including 4,000
    children" is not a fall from 10,000."""
    cols = ["outcome", "side", "from_date", "from_value", "to_date", "to_value", "change", "from_texts",
            "to_texts"]
    rows = []
    d = totals(df)   # a subgroup or an earlier figure is not the toll of its day
    d = d[d["outcome"].isin(list(outcomes)) & (d["side"] != UNKNOWN) & d["published"].notna()]
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

EXTRACTOR = Extractor(
    name="claims",
    unit="casualty figure cited",
    columns={
        "article_id": "the article",
        "sent_id": "the sentence (as in `sentences.csv`)",
        "start": "offset of the figure's phrase in the cleaned text",
        "end": "offset just after it",
        "text": "the figure's phrase: qualifier, number, group and the word of harm",
        "value": "the number as stated (a range: its lower end; a vague amount: its lower bound)",
        "qualifier": "`over`, `more_than`, `at_least`, `nearly`, `about`, `around`, `some`, `up_to`, "
                     "`approaching`, `exact`, `range`...",
        "low": "the lower bound the qualifier implies (empty: unbounded)",
        "high": "the upper bound it implies (\"nearly 10,600\": 10600; empty: unbounded)",
        "outcome": "`killed` (every death figure: killed, died, deaths, death toll, bodies), `injured`, "
                   "`hostage`, `missing`, `displaced`",
        "group": "who is counted, as written (empty when the text does not say)",
        "side": "whose victims: a side of the article's conflict profile (`palestinian`, `sudanese`...) or a "
                "nationality as written (`thai`, even where the profile counts Thai victims with a side); `both` "
                "when the figure adds up two sides' dead (\"on both sides\", \"in total\"); `unknown` when the "
                "figure's group and sentence do not say (never taken from neighbouring sentences)",
        "share": "a share attached to the figure (\"about 40% of them children\": 0.4)",
        "share_of": "who the share counts (children)",
        "source": "the attribution as written (the innermost: the official, not the agency quoting them)",
        "source_hedge": "hedges, `; `-separated (\"<party>-run\", \"claimed\", \"unverified\")",
        "via": "the outlet or report the source came through (\"told the Associated Press\", \"according to a "
               "report by CNN\")",
        "voice": "`active`, `passive`, `agentless` (death figures)",
        "part_of": "for a part of another figure (\"including 6,000 children\", \"four of them\"): the `start` "
                   "of that figure's row in the same article; empty for a whole figure",
        "scope": "what the figure covers, when its sentence says: `cumulative` (since the war began, a toll), "
                 "`period` (in the past 24 hours), `incident` (in the strike), `rate` (a day)",
        "superseded": "the sentence itself gives the figure as an earlier one (\"had earlier put the toll at\", "
                      "\"revised down from\", \"up from\")",
        "published": "the article's publication date",
        "outlet": "the article's outlet",
        "repeated": "the same figure (outcome, value, side) appeared earlier in the article",
    },
    extract=_claims_of,
    resources=(Resource("casualty_rules", DEFAULT_RESOURCE,
                        "words of harm (verbs, nouns, adjectives), tolls, subgroups, numbers that are not "
                        "counts, scope and attribution words"),),
    needs=NEEDS,
    dtypes={"sent_id": "int64", "start": "int64", "end": "int64", "value": "float64", "low": "float64",
            "high": "float64", "share": "float64", "part_of": "Int64", "superseded": "bool", "repeated": "bool",
            "published": "datetime64[ns]"},
)
