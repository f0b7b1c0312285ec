"""Casualty figures read from the parse of one sentence: the number, the noun it counts, the word
of harm that governs it, and how it relates to the other figures of the sentence.

    figures = read_figures(words(doc), rules) # doc: a spaCy Doc of one sentence (see nlp.words)
    f = figures[0]
    f.value, f.qualifier, f.outcome, f.group  # 112.0, 'exact', 'killed', 'aid workers'

The number itself is read by the regular expressions of ``numbers`` (digits, words, vague amounts,
ranges, the qualifier before it: what a regex does best), then placed in the parse:

1. **The noun it counts**: the noun the number modifies ("112 aid WORKERS"), the noun after "of"
   ("two of the crew MEMBERS"), or none ("six were killed").  A noun of ``not_counts`` vetoes the
   number (trucks, days, prisoners), and so do ages ("Dana Levi, 52,"), changes ("rose BY 300"),
   parts of a population ("MOST OF the 2.3 million"), rates and conditions ("for EVERY 5").
2. **The harm** (``harm``): the counted noun is itself a count of harm ("16,000 DEATHS", "200
   HOSTAGES"); or the victim of a verb of harm: its object ("KILLED 112"), passive subject ("were
   KILLED"), the subject of an intransitive one ("17 of them DIED", "LOST their LIVES"), of an
   adjective ("left 300 people DEAD", "remain MISSING"), the object of "of" after a noun of harm
   ("the DEATHS of 210 people"); or a participle or relative clause on the noun ("people KILLED in
   the strike", "people who have DIED").  A conjunct shares its first conjunct's verb ("1,200
   Israelis and 9,000 Palestinians were killed"), an apposition its noun's.
3. **Tolls** (``toll``): the number is the value of a toll noun ("the death TOLL rose to 41,870",
   "took the TOLL to", "a TOLL of 38", "the NUMBER of dead is"), whose outcome its own words give.
4. **Subgroups** (``subgroup``): a number introduced by "including"/"among", "N of them", "Of
   558 people ..., 50 are children" is a part of another figure (``part_of``) and takes its
   outcome unless it has its own.
5. **A person** ("A MAN was killed", "ANOTHER one was injured") is a figure of one when a word of
   harm governs it directly.

Every English word used is in ``resources/casualties.yml`` (see ``casualties.Rules``).  Work per
sentence is linear in its length: each number climbs at most a few heads, and the sentence's
tokens are read a bounded number of times.  The readers take a spaCy Doc or, faster, the
sentence read once as plain words (``nlp.words``), which ``casualties`` passes: a sentence of
thousands of figures asks for the same heads and children thousands of times.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from . import numbers as N
from ..nlp import phrases as ph

# A number as news writes it: an optional "between", a qualifier, an additive ("another"), the
# number, and a range ("300 to 400", "between 385,000 and over 600,000", "80,000 or 100,000").
CANDIDATE = re.compile(
    rf"(?<![\w$£€+/.,:#-])(?:(?P<between>between)\s+)?(?:(?P<qual>{N.QUALIFIER})\s+)?"
    rf"(?:(?P<add>{N.ADDITIVE})\s+)?(?P<num>{N.NUMBER})"
    rf"(?(between)\s+and\s+(?:(?:{N.QUALIFIER})\s+)?(?P<num2>{N.NUMBER})"
    rf"|(?:\s*(?:-|–|\bto\b|\bor\b)\s*(?P<num3>{N.NUMBER}))?)"
    rf"(?![\w%+/-]|[.,:]\d|\s*(?:%|per\s*cent))", re.I)

_FOUR_DIGITS = re.compile(r"\d{4}")
# A word of harm further than this many tokens from its figure does not enter the figure's text.
SPAN_REACH = 12
# Punctuation that parts a word of harm from a figure in another phrase ("dead (13 men")
BREAKS = frozenset("()[]—–;")

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
OBJECTS = ("dobj", "obj", "dative", "oprd")
PREDICATES = ("acomp", "oprd", "ccomp", "xcomp", "advcl", "attr", "conj")


def _date_before(left: str, months: tuple[str, ...]) -> bool:
    """A month name (or its abbreviation, with its full stop) ends ``left``: "Oct. 7"."""
    r = left.rstrip()
    return r.endswith(months) or (r.endswith(".") and r[:-1].endswith(months))


def _date_after(right: str, months: tuple[str, ...]) -> bool:
    """A month name follows the number ("7 October", "7th of October")."""
    words = right.lstrip(" stndrdh").split(maxsplit=2)
    if words and words[0] == "of":
        words = words[1:]
    return bool(words) and words[0].rstrip(".,") in months


@dataclass
class Number:
    """A number found in the sentence's text: its characters and tokens, value and qualifier."""

    start: int              # first character of the number (after qualifier and additive)
    end: int                # just after it (after a range's second number)
    qstart: int             # first character of its qualifier, or ``start``
    value: float
    high: float | None      # a range's upper end
    qualifier: str
    tokens: list            # the tokens it covers
    anchor: object          # the token that attaches it to the rest of the sentence
    is_word: bool           # written in words ("seven")
    person: bool = False    # "a man": one person, no number written
    text: str = ""          # the number as written (the first number of a range)
    changed: object = None  # the verb of change whose new value it is ("rose by 12 TO 342")


@dataclass
class Figure:
    """A casualty figure of one sentence (offsets are characters of the sentence)."""

    number: Number
    outcome: str
    how: str                    # harm, toll, subgroup
    head: object = None         # the counted noun (None: the number stands alone)
    harm: object = None         # the word of harm (verb, noun, adjective) or the toll noun
    relation: str = ""          # object, passive, subject, noun, of, modifier, toll, among, subgroup
    group: str | None = None
    group_span: tuple[int, int] | None = None
    part_of: "Figure | None" = None
    qualifier: str = "exact"
    harm_in_text: bool = True   # the word of harm is part of the figure's text (see ``span``)
    superseded: bool = False
    scope: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        """(start, end) in the sentence of the figure's phrase: qualifier, number, group and the
        word of harm when it is near."""
        s, e = self.number.qstart, self.number.end
        if self.head is not None and self.how != "subgroup" or self.head is not None and self.group_span is None:
            s, e = min(s, self.head.idx), max(e, self.head.idx + len(self.head.text))
        if self.group_span:
            s, e = min(s, self.group_span[0]), max(e, self.group_span[1])
        h = self.harm
        if h is not None and self.how != "subgroup" and self.harm_in_text and abs(h.i - self.number.anchor.i) <= SPAN_REACH:
            s, e = min(s, h.idx), max(e, h.idx + len(h.text))
        return s, e


# ---------------------------------------------------------------------------------------------
# Numbers


def numbers(doc, rules) -> list[Number]:
    """Every number of the sentence that may count people, in order (dates, years standing
    alone, percentages, money and hyphenated compounds are left out by the pattern or here)."""
    text = doc.text
    found = []
    every = list(doc)                   # read once: a number takes its tokens out of this list
    starts = [t.idx for t in every]     # tokens by character offset, found by bisection

    def tokens_in(lo: int, hi: int) -> list:
        return every[bisect_left(starts, lo):bisect_left(starts, hi)]
    for m in CANDIDATE.finditer(text):
        num = m.group("num")
        value = N.parse_number(num)
        if not value:
            continue            # not a number, or zero ("000" of a badly spaced "24, 000")
        ns, ne = m.start("num"), m.end()
        if _date_before(text[max(0, ns - 12):ns], rules.months) or _date_after(text[ne:ne + 20], rules.months):
            continue
        high = None
        qualifier = N.canonical_qualifier(m.group("qual"))
        second = m.group("num2") or m.group("num3")
        if m.group("num3") and _revision(doc, starts, m.start(), rules):
            second = None       # "climbed FROM 558 to 569": the old figure and the new one
            ne = m.end("num")
        changed = _changed_by(doc, starts, m.start(), rules) if m.group("num3") else None
        if changed is not None:
            # "rose BY 12 to 342": 12 is a change, no count; 342 the new value of what rose
            s3, e3 = m.start("num3"), m.end("num3")
            v3, t3 = N.parse_number(m.group("num3")), tokens_in(s3, e3)
            if v3 and t3:
                found.append(Number(s3, e3, s3, v3, None, "exact", t3, _anchor(t3), not m.group("num3")[0].isdigit(),
                                    text=m.group("num3"), changed=changed))
            continue
        if second:
            high = N.parse_number(second)
            if high is None or high <= value:
                # "from 558 to 569" read backwards, or "one or two" with a zero: keep the first
                ne = m.end("num")
                high = None
            else:
                qualifier = "range"
        elif N.is_vague(num):
            qualifier = "vague"
        tokens = tokens_in(ns, ne)
        if not tokens:
            continue
        qs = m.start()
        found.append(Number(ns, ne, qs, value, high, qualifier, tokens, _anchor(tokens), not num[0].isdigit(),
                            text=num))
        if m.group("num3") and high is None:  # the second number of a revision is a number too
            s3 = m.start("num3")
            v3 = N.parse_number(m.group("num3"))
            t3 = tokens_in(s3, m.end("num3"))
            if v3 is not None and t3:
                found.append(Number(s3, m.end("num3"), s3, v3, None, "exact", t3, _anchor(t3),
                                    not m.group("num3")[0].isdigit(), text=m.group("num3")))
    found.extend(_persons(doc, rules, found))
    found.sort(key=lambda n: n.start)
    return found


def _before_token(doc, starts: list[int], at: int):
    """The last token that ends at or before character ``at``, or None."""
    k = bisect_left(starts, at) - 1
    while k >= 0 and doc[k].idx + len(doc[k].text) > at:
        k -= 1
    return doc[k] if k >= 0 else None


def _changed_by(doc, starts: list[int], at: int, rules):
    """The verb of change when the words before a "N to M" are "by" that it governs ("the toll
    ROSE BY 12 to 342"), else None."""
    by = _before_token(doc, starts, at)
    if by is None or by.lower_ != "by":
        return None
    head = by.head
    return head if head.lemma_.lower() in rules.change_verbs or head.lower_ in rules.change_verbs else None


def _revision(doc, starts: list[int], at: int, rules) -> bool:
    """The word before a "N to M" is a "from" that a verb of change governs ("rose from",
    "revised down from", "up from"): a revision, not a range ("ranging from")."""
    word = _before_token(doc, starts, at)
    if word is None or word.lower_ != "from":
        return False
    head = word.head
    return head.lemma_.lower() in rules.change_verbs or head.lower_ in rules.change_verbs


def _anchor(tokens):
    """The token of a number that attaches it to the sentence: the one whose head lies outside
    the number (the last such, preferring number tokens; a root, its own head, lies inside)."""
    inside = {t.i for t in tokens}
    outside = [t for t in tokens if t.head.i not in inside]
    nums = [t for t in outside if t.pos_ == "NUM" or t.like_num]
    return (nums or outside or tokens)[-1]


def _persons(doc, rules, found) -> list[Number]:
    """"A MAN", "an aid WORKER", "another soldier": one person, as a number of value 1 (kept only
    when a word of harm governs it directly; see ``read_figures``)."""
    taken = {t.i for n in found for t in n.tokens}
    out = []
    for t in doc:
        if t.lower_ in rules.alone_words and t.i not in taken and t.dep_ in SUBJECTS + OBJECTS and t.head != t:
            # "another was wounded": one more person, the word standing alone
            out.append(Number(t.idx, t.idx + len(t.text), t.idx, 1.0, None, "exact", [t], t, True, person=True))
            continue
        if t.tag_ not in ("NN", "NNP") or t.lemma_.lower() not in rules.people or t.i in taken:
            continue
        dets = [c for c in t.children if c.dep_ == "det" and c.lower_ in rules.person_determiners]
        if not dets or any(c.dep_ == "nummod" for c in t.children):
            continue
        d = dets[0]
        out.append(Number(d.idx, d.idx + len(d.text), d.idx, 1.0, None, "exact", [d], t, True, person=True))
    return out


# ---------------------------------------------------------------------------------------------
# The noun a number counts


def counted(num: Number, rules):
    """(the counted noun or None, partitive): the noun the number modifies ("112 aid WORKERS"),
    the noun after "of" ("two of the crew MEMBERS"); ``partitive`` is True for "N of them"."""
    a = num.anchor
    if num.person:
        return (None if a.lower_ in rules.alone_words else a), False
    if a.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and a.head != a \
            and a.head.pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "VERB") and a.head not in num.tokens:
        head = ph.nominal_head(a)
        if head.pos_ != "VERB" and head != a:
            return head, False
    for child in a.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    if obj.lower_ in rules.partitive and not any(g.dep_ == "relcl" for g in obj.children):
                        return None, True
                    if obj not in num.tokens:
                        if obj.i < a.i and any(g.dep_ == "nummod" for g in obj.children):
                            return None, False  # "Of the 52 people killed, 40 were ...": a whole, not its noun
                        return obj, False
    # "620 elderly" parsed with the noun hanging on the number
    for child in a.children:
        if child.dep_ in ("amod", "compound", "appos") and child.i == a.i + 1 and child.pos_ in ("NOUN", "ADJ"):
            return child, False
    # "540 elderly" parsed as a conjunct beside its noun: the word right after the number
    nxt = a.doc[a.i + 1] if a.i + 1 < len(a.doc) else None
    if (nxt is not None and a.dep_ == "conj" and nxt.dep_ == "conj" and nxt.head == a.head
            and nxt.pos_ in ("NOUN", "ADJ")):
        return nxt, False
    return None, False


def group_of(num: Number, head) -> tuple[str | None, tuple[int, int] | None]:
    """The counted people as written: the words from after the number to the counted noun
    ("aid workers", "Russian troops", "other people"), or the noun after "of"."""
    if head is None:
        return None, None
    if head.i > num.anchor.i:
        first = num.tokens[-1].i + 1
        if num.person:
            first = num.tokens[0].i + 1
        words = [t for t in head.doc[first:head.i + 1]]
        while words and (words[0].is_punct or words[0].dep_ in ("prep", "det") or words[0].lower_ == "of"
                         or words[0].lemma_ == "be"):     # "with 12 BEING children"
            words = words[1:]
        if not words:
            return None, None
        s, e = words[0].idx, head.idx + len(head.text)
        return head.doc[words[0].i:head.i + 1].text, (s, e)   # (a span's text: Doc.text joins every token)
    return head.text, (head.idx, head.idx + len(head.text))


# ---------------------------------------------------------------------------------------------
# Vetoes: numbers that count something else


def vetoed(num: Number, head, rules, memo: dict | None = None) -> bool:
    """The number is not a count of victims: it counts things (``not_counts.nouns``), is an age,
    a change, part of a population, a rate or a condition."""
    a = num.anchor
    doc = a.doc
    if head is not None:
        lem = head.lemma_.lower()
        if lem in rules.veto_nouns or head.lower_ in rules.veto_nouns:
            return True
        after = doc[head.i + 1:head.i + 4].text.lower()
        if any(after == p or after.startswith(p + " ") for p in rules.after_noun):
            return True
        if any(c.dep_ == "poss" and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "LOC")) for c in head.children) \
                and not num.person:
            return True         # "Gaza's 2.3 million people": a population
    np = head if head is not None else a
    if any(c.dep_ in ("det", "predet", "amod", "advmod", "quantmod") and c.lower_ in rules.determiners
           for t in (np, a) for c in t.children):
        return True             # "every 5 captives", "each 10"
    prev = doc[num.tokens[0].i - 1] if num.tokens[0].i > 0 else None
    if prev is not None and prev.lower_ in rules.determiners:
        return True
    if prev is not None and prev.lower_ in rules.age_words:
        return True             # "aged 52"
    if head is None and a.dep_ in ("appos", "npadvmod", "amod") and a.head.pos_ in ("PROPN",) :
        return True             # "Dana Levi, 52,": an age
    if head is None and a.dep_ == "appos" and a.head.lemma_.lower() in rules.people \
            and not _trailing_part(num, head, rules):
        return True             # "a woman, 61," (not "six reservists were wounded, two seriously")
    gov, rel = ph.governor(np)
    if gov is not None:
        glem = gov.lemma_.lower()
        if rel == "prep:by" and glem in rules.change_verbs and num.changed is None:
            return True         # "rose by 300" (but "rose by 12 to 342" is 342)
        if rel == "prep:of" and gov not in num.tokens and (glem in rules.part_of_words
                                                            or gov.lower_ in rules.part_of_words) \
                and not (head is not None and _by_modifier(head, rules)):
            return True         # "most of the 2.3 million" (not "some of the 10,000 people killed")
        if rel.startswith("prep:") and f"{glem} {rel[5:]}" in rules.places_before:
            return True         # "a city of 300,000", "home to 1.4 million"
        if rel == "prep:of" and gov.lower_ in rules.age_words:
            return True         # "the age of 18"
        if rel == "prep:under" and head is None:
            return True         # "children under 18"
        if rel in OBJECTS and glem in rules.undone and gov.tag_ in ("VBD", "VBN"):
            return True         # "rescued five children", "freed 20 hostages": no longer victims
                                # (but "until Hamas releases the 200 hostages" still counts them)
    if _conditional(np, rules, {} if memo is None else memo):
        return True
    return False


def _marked(verb, rules, memo: dict) -> bool:
    """``verb`` has a condition mark ("IF"): looked up once per verb of the sentence (``memo``),
    as a verb of a flat parse may have hundreds of dependents."""
    key = ("mark", verb.i)
    if key not in memo:
        memo[key] = any(c.dep_ == "mark" and c.lower_ in rules.conditions for c in verb.children)
    return memo[key]


def _conditional(token, rules, memo: dict) -> bool:
    """The number's clause is a condition ("if 100 people are killed", "should ... be freed")."""
    verb = ph.clause_verb(token)
    for _ in range(3):
        if _marked(verb, rules, memo):
            return True
        if verb.dep_ in ("advcl", "relcl", "acl") or verb.head == verb:
            break
        verb = ph.clause_verb(verb.head)
    return False


# ---------------------------------------------------------------------------------------------
# The harm


def _second(verb, second: str, counted_noun) -> bool:
    """The second word of a two-word entry ("shoot DEAD", "lose LIFE", "take HOSTAGE", "force
    HOME") is the counted noun itself, a dependent of the verb, or the object of a preposition
    or complement of the verb."""
    if counted_noun is not None and counted_noun.lemma_.lower() == second:
        return True
    for c in verb.children:
        if c.lemma_.lower() == second or c.lower_ == second:
            return True
        if c.dep_ in ("prep", "xcomp", "dobj", "acomp", "advmod", "oprd", "ccomp", "npadvmod", "prt", "advcl"):
            for g in c.children:
                if g.lemma_.lower() == second or g.lower_ == second:
                    return True
    return False


def _entry(token, table, counted_noun=None) -> str | None:
    """The outcome of ``token`` in a word table ({lemma: [(outcome, second word or None)]})."""
    for key in (token.lemma_.lower(), token.lower_):
        for outcome, second in table.get(key, ()):
            if second is None or _second(token, second, counted_noun):
                return outcome
    return None


def harm_of(noun, rules, depth: int = 0):
    """(outcome, harm token, relation) for the people ``noun`` stands for, or None.  ``noun`` is
    the counted noun, or the number itself when it stands alone."""
    if depth > 3:
        return None
    gov, rel = ph.governor(noun)
    if rel in SUBJECTS and gov is not None and gov.dep_ == "conj" and gov.head.i < noun.i < gov.i \
            and not any(c.dep_ == "cc" for c in gov.children) and gov.head.pos_ == "VERB" \
            and not any(c.dep_ in ("cc",) + OBJECTS for c in gov.head.children):
        # "killed 85 officers GATHERED at a restaurant" parsed as two clauses without "and": the
        # participle is the noun's, and the noun the first verb's object
        gov, rel = gov.head, "dobj"
    if rel == "prep:of" and gov is not None and gov.pos_ in ("NOUN", "PROPN"):
        o = _entry(gov, rules.nouns)
        if o in rules.death_outcomes:        # "the BODIES of four hostages": dead, whatever they were
            return o, gov, "of"
    own = _entry(noun, rules.nouns) if noun.pos_ != "NUM" else None
    adjective = next(((o, c) for c in noun.children if c.dep_ == "amod" and (o := _entry(c, rules.adjectives))), None)
    if own and adjective:
        return adjective[0], adjective[1], "modifier"     # "24 DEAD hostages": the state wins
    if own and gov is not None and rel in OBJECTS:
        got = _by_governor(noun, gov, rel, rules, depth, strict=True)
        if got and got[0] != own:
            return got                                    # "KILLED 13 hostages": the harm done wins
    if own:
        return own, noun, "noun"
    if noun.dep_ == "conj":
        got = _orphan_subject(noun, rules, depth)   # "killed four villagers and 11 WERE WOUNDED"
        if got:
            return got
    first = noun
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first.dep_ == "appos" and first.head != first:   # "the aid workers, five medics and four drivers,"
        got = harm_of(first.head, rules, depth + 1)
        if got:
            return got
    if gov is not None:
        got = _by_governor(noun, gov, rel, rules, depth, strict=True)
        if got:
            return got
    if adjective:                                        # "20 DISPLACED people", unless a verb governs them
        return adjective[0], adjective[1], "modifier"
    if gov is not None:
        got = _by_governor(noun, gov, rel, rules, depth, strict=False)
        if got:
            return got
    return (_by_modifier(noun, rules) or _shared_modifier(noun, rules) or _adjacent(noun, rules)
            or _orphan_subject(noun, rules, depth))


def _orphan_subject(noun, rules, depth):
    """"... fled their homes and 12,000 HAVE CROSSED into ...": the parse hangs the number
    elsewhere and leaves the verb right after it (past its auxiliaries) without a subject; the
    number is that subject."""
    doc = noun.doc
    i = j = noun.i + 1
    while j < len(doc) and doc[j].dep_ in ("aux", "auxpass", "neg") and j - i < 3:
        j += 1
    if j == i or j >= len(doc) or doc[j].pos_ != "VERB" or noun.dep_ in SUBJECTS:
        return None
    verb = doc[j]
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    rel = "nsubjpass" if any(doc[k].dep_ == "auxpass" for k in range(i, j)) else "nsubj"
    return _by_governor(noun, verb, rel, rules, depth, strict=True)


def _shared_modifier(noun, rules):
    """A participle after the last of coordinated nouns describes them all: "the 11 children and
    nine adults KILLED in the attack"."""
    for c in noun.children:
        if c.dep_ == "conj" and c.i > noun.i:
            if any(m.dep_ in ("acl", "relcl") and m.i > c.i for m in c.children):   # not "displaced people"
                got = _by_modifier(c, rules)
                if got:
                    return got
            got = _shared_modifier(c, rules)
            if got:
                return got
    return None


def _adjacent(noun, rules):
    """The parse attached it elsewhere, but a participle or adjective of harm follows the noun
    directly ("millions DISPLACED", "more than 171,000 INJURED", "six seriously INJURED")."""
    doc = noun.doc
    i = noun.i + 1
    while i < len(doc) and doc[i].pos_ == "ADV" and i - noun.i <= 2:
        i += 1
    if i >= len(doc):
        return None
    t = doc[i]
    if t.tag_ == "VBN" or t.pos_ == "ADJ":
        if any(c.dep_ in ("dobj", "obj") for c in t.children):
            return None
        o = (_entry(t, rules.verbs) if t.tag_ == "VBN" else None) or _entry(t, rules.adjectives)
        if o:
            return o, t, "passive" if t.tag_ == "VBN" else "subject"
    return None


def _by_governor(noun, gov, rel, rules, depth, strict: bool):
    """The harm of the word that governs ``noun``: ``strict``, only that word itself (the verb
    whose object or subject it is, the noun of harm before "of"); else also what hangs on it
    ("left 300 people DEAD", "were AMONG the dead", "what officials say are")."""
    has_object = any(c.dep_ in ("dobj", "obj") for c in gov.children)
    if strict:
        # "had eliminated 10 terrorists" with the noun parsed as an adverbial (quotes upset the
        # parse): a noun right after a verb that has no object is its object
        objectlike = rel in OBJECTS or (rel == "npadvmod" and not has_object and 0 < noun.i - gov.i <= 4
                                        and noun.pos_ == "NOUN" and noun.ent_type_ not in ("DATE", "TIME"))
        if objectlike and gov.pos_ in ("VERB", "AUX"):
            o = _entry(gov, rules.verbs, noun)
            if o:
                return o, gov, "object"
        if rel in ("nsubjpass", "csubjpass"):
            for v in [gov] + [c for c in gov.children if c.dep_ == "conj" and c.tag_ == "VBN"]:
                o = _entry(v, rules.verbs, noun)        # "were shot and KILLED"
                if o:
                    return o, v, "passive"
            o = _entry(gov, rules.intransitive, noun)
            if o:
                return o, gov, "subject"
        if rel in ("nsubj", "csubj", "expl"):
            o = _entry(gov, rules.intransitive, noun)
            if o:
                return o, gov, "subject"
            if not has_object:
                o = _entry(gov, rules.adjectives)     # "are DEAD", "are still MISSING", "219 KILLED"
                if o and (gov.pos_ == "ADJ" or gov.tag_ in ("JJ", "VBN", "VBG")) and not (
                        gov.tag_ == "VBN" and _has_perfect(gov, rules)):
                    return o, gov, "subject"
                if gov.tag_ in ("VBN", "VBD") and not _has_perfect(gov, rules) and (
                        gov.tag_ == "VBN" or gov.dep_ == "conj" and ph.is_passive(gov.head)):
                    o = _entry(gov, rules.verbs, noun)   # "with 100 Palestinians KILLED", "eight others INJURED"
                    if o:
                        return o, gov, "passive"
        if rel == "prep:of":
            o = _entry(gov, rules.nouns)
            if o and gov.pos_ in ("NOUN", "PROPN", "ADJ"):
                return o, gov, "of"
            if gov.lemma_.lower() in rules.transparent and depth < 3:
                return harm_of(gov, rules, depth + 1)        # "a total of 134 men were slaughtered"
        return None
    if rel in OBJECTS and gov.pos_ in ("VERB", "AUX"):
        for c in gov.children:      # "left 300 people DEAD", "left ... WOUNDED"
            if c.dep_ in PREDICATES and c.pos_ in ("ADJ", "VERB") and c.i > noun.i:
                o = _entry(c, rules.adjectives)
                if o:
                    return o, c, "subject"
    if rel in ("nsubj", "csubj", "expl", "nsubjpass"):
        for c in gov.children:      # "are DEAD", "remain MISSING"
            if c.dep_ in ("acomp", "attr", "oprd", "xcomp") and c != noun:
                o = _entry(c, rules.adjectives) or (_entry(c, rules.verbs) if c.tag_ == "VBN" else None)
                if o:
                    return o, c, "subject"
        among = _among(gov, rules)
        if among:
            return among
        for prep, obj in ph.prepositional(gov):   # "1 million people are there AFTER FLEEING"
            if obj.dep_ == "pcomp":
                o = _entry(obj, rules.intransitive, noun)
                if o:
                    return o, obj, "subject"
    if rel == "attr":
        among = _among(gov, rules)
        if among:
            return among
        # "killing what officials say are 31,000 civilians": the clause of "what" is the object
        if any(c.dep_ in SUBJECTS and c.lower_ in rules.what_words for c in gov.children):
            up = gov
            for _ in range(3):
                up = up.head
                o = _entry(up, rules.verbs)
                if o:
                    return o, up, "object"
                if up.head == up:
                    break
    return None


def _has_perfect(verb, rules) -> bool:
    """"have killed": an active perfect, whose subject is the agent."""
    return any(c.dep_ == "aux" and c.lemma_.lower() in rules.perfect for c in verb.children) and not ph.is_passive(verb)


def _among(verb, rules):
    """"N were AMONG the dead/victims", "AMONG those KILLED": (outcome, the noun, "among")."""
    for prep, obj in ph.prepositional(verb, "among"):
        o = rules.among.get(obj.lemma_.lower()) or rules.among.get(obj.lower_)
        if o:
            return o, obj, "among"
        got = None if any(c.dep_ == "nummod" for c in obj.children) else _by_modifier(obj, rules)
        if got:             # (among "the 40 people killed": a part of that figure, read as such)
            return got[0], got[1], "among"
    return None


def _by_modifier(noun, rules):
    """A participle or relative clause on the noun: "people KILLED", "others WOUNDED", "people
    FLEEING", "people who have DIED", "Palestinians who had been KILLED"."""
    for c in noun.children:
        if c.dep_ in ("acl", "amod") and c.pos_ in ("VERB", "ADJ"):
            if c.tag_ == "VBN":
                o = _entry(c, rules.verbs, noun)
                if o:
                    return o, c, "passive"
            o = _entry(c, rules.intransitive, noun) or _entry(c, rules.adjectives)
            if o:
                return o, c, "subject"
        if c.dep_ == "relcl":
            rel_subj = [s for s in c.children if s.dep_ in SUBJECTS]
            if rel_subj and any(p.dep_ == "poss" and p.lower_ in rules.relative_possessives
                                for p in rel_subj[0].children):
                o = _entry(rel_subj[0], rules.nouns)
                if o:       # "10,000 Palestinians WHOSE BODIES remain under the rubble": the dead
                    return o, rel_subj[0], "noun"
            if rel_subj and rel_subj[0].lower_ in rules.relative_pronouns:
                if rel_subj[0].dep_ in ("nsubjpass", "csubjpass") or (c.tag_ == "VBN" and ph.is_passive(c)):
                    o = _entry(c, rules.verbs, noun)
                    if o:
                        return o, c, "passive"
                o = _entry(c, rules.intransitive, noun)
                if o:
                    return o, c, "subject"
                for g in c.children:
                    if g.dep_ in ("acomp", "attr", "oprd"):
                        o = _entry(g, rules.adjectives)
                        if o:
                            return o, g, "subject"
    return None


# ---------------------------------------------------------------------------------------------
# Tolls


def _is_toll(token, rules) -> bool:
    return token.lemma_.lower() in rules.toll_nouns and token.pos_ in ("NOUN", "PROPN")


def _toll_subject(verb, rules):
    """The toll that is the subject or object of ``verb``, or of the verb it is conjoined to
    ("the number of people held hostage ... ROSE to 30": the subject is shared)."""
    for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        for c in v.children:
            if c.dep_ in SUBJECTS + ("dobj",) and _is_toll(c, rules):
                return c
        if any(c.dep_ in SUBJECTS for c in v.children):
            return None
    return None


def toll_of(noun, rules, changed=None):
    """(toll noun, verb or None) when the number (or its noun) is the value of a toll: "the
    death toll rose TO 41,870", "took the toll TO", "a toll OF 38", "the toll topped 18,400",
    "the death toll was 41,000"; ``changed``: the verb of change whose new value the number is
    ("the toll rose by 12 TO 342")."""
    if changed is not None:
        toll = _toll_subject(changed, rules)
        return (toll, changed) if toll is not None else None
    gov, rel = ph.governor(noun)
    if gov is None:
        if noun.dep_ == "appos" and _is_toll(noun.head, rules):
            return noun.head, None
        return None
    if not (rel.startswith("prep:") and rel[5:] in rules.toll_preps or rel in ("dobj", "attr", "npadvmod", "oprd")):
        return None
    # Up from the word that takes the value, a few steps: "the death TOLL of 38"; "the toll ROSE
    # to"; "the toll climbed FROM 558 TO 569"; "the toll is CLOSER to"; "the NUMBER of Palestinians
    # KILLED ... to 83" (the value attached inside the toll's own phrase)
    t = gov
    for _ in range(5):
        if _is_toll(t, rules) and t != noun:
            return t, None
        if t.pos_ in ("VERB", "AUX"):
            toll = _toll_subject(t, rules)
            if toll is not None and toll != noun:
                return toll, t
            if t.dep_ not in ("acl", "relcl", "pcomp"):
                return None
        if t.head == t:
            return None
        t = t.head
    return None


def toll_outcome(toll, rules, previous: "Figure | None"):
    """The outcome a toll counts: its own words ("DEATH toll", "number of INJURED", "the number of
    fighters KILLED"), its default, or the previous figure's; None when it counts no outcome of
    ours ("casualty toll") or nothing says."""
    for c in toll.children:
        lem = c.lemma_.lower()
        if c.dep_ in ("compound", "amod", "nmod") and (lem in rules.toll_not or c.lower_ in rules.toll_not):
            return None
    for c in toll.children:
        if c.dep_ in ("compound", "amod", "nmod"):
            o = _entry(c, rules.nouns) or _entry(c, rules.adjectives)
            if o:
                return o
    for _prep, obj in ph.prepositional(toll, "of"):
        o = _entry(obj, rules.nouns) or _entry(obj, rules.adjectives)
        if o:
            return o
        got = _by_modifier(obj, rules)
        if got:
            return got[0]
    if toll.dep_ in SUBJECTS and toll.head.pos_ == "VERB":
        o = _entry(toll.head, rules.verbs)       # "the number of people HELD HOSTAGE" parsed as a clause
        if o:
            return o
    default = rules.toll_nouns.get(toll.lemma_.lower())
    if default:
        return default
    return previous.outcome if previous is not None else None


def toll_group(toll) -> tuple[str | None, tuple[int, int] | None]:
    """Who a toll counts, when its words say: "the PALESTINIAN death toll", "the number of
    UKRAINIAN FIGHTERS killed"."""
    for _prep, obj in ph.prepositional(toll, "of"):
        if obj.pos_ in ("NOUN", "PROPN") and obj.lemma_.lower() not in ("dead", "death", "injured", "wounded"):
            np = ph.noun_phrase(obj)
            words = [t for t in np if t.dep_ != "det"]
            if words:
                s, e = words[0].idx, words[-1].idx + len(words[-1].text)
                return toll.doc[words[0].i:words[-1].i + 1].text, (s, e)
    for c in toll.children:
        if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP":
            return c.text, (c.idx, c.idx + len(c.text))
    return None, None


# ---------------------------------------------------------------------------------------------
# Subgroups

# A part follows its whole closely: at most this many whole figures back are looked at (so that a
# sentence of hundreds of figures costs in proportion to its length).
LOOK_BACK = 8


def _before(wholes: list[Figure], start: int) -> list[Figure]:
    """The last ``LOOK_BACK`` whole figures (in text order, no part) whose number starts before
    ``start``."""
    k = bisect_left([f.number.start for f in wholes[-LOOK_BACK * 4:]], start) + max(0, len(wholes) - LOOK_BACK * 4)
    return [f for f in wholes[max(0, k - LOOK_BACK):k] if f.how != "subgroup" and f.part_of is None]


def subgroup_parent(num: Number, noun, figures: list[Figure], partitive: bool, rules) -> Figure | None:
    """The figure a number is a part of: "including 6,000 children" (the figure whose phrase
    "including" attaches to, else the one before), "four of them" (the one before), "Of 558
    people ..., 50 are children" (the figure after "of")."""
    before = _before(figures, num.start)
    if partitive:
        return before[-1] if before else None
    t = noun
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    gov, rel = ph.governor(t)
    if rel.startswith("prep:") and rel[5:] in rules.introducers or \
            (gov is not None and rel in ("dobj", "pobj") and gov.lemma_.lower() in rules.introducers):
        for f in reversed(before):
            heads = {x for x in (f.head, f.harm, f.number.anchor) if x is not None}
            if gov.head in heads or gov in heads:
                return f
        return before[-1] if before else None
    # "Of 558 people who died, 50 are children"; "The 60 members ... are some of the 10,000
    # Palestinians whose bodies ..."
    verb = ph.clause_verb(t)
    attributes = [c for c in verb.children if c.dep_ == "attr" and c.lower_ in rules.part_of_words]
    for word in [verb] + attributes:
        for _prep, obj in ph.prepositional(word, "of", "among"):
            for f in figures[-LOOK_BACK * 4:]:
                if f.part_of is None and f.how != "subgroup" and (f.head == obj or f.number.anchor == obj):
                    return f
    return None


# ---------------------------------------------------------------------------------------------
# The sentence


def read_figures(doc, rules, memo: dict | None = None) -> list[Figure]:
    """Every casualty figure of one parsed sentence, in text order (see the module doc).
    ``memo``: what is looked up once per word of the sentence (shared with ``is_superseded``)."""
    memo = {} if memo is None else memo
    nums = numbers(doc, rules)
    figures: list[Figure] = []
    pending = []
    for num in nums:
        head, partitive = counted(num, rules)
        if vetoed(num, head, rules, memo):
            continue
        if num.value == 1 and not num.person and num.is_word and partitive is False and head is not None \
                and any(c.dep_ == "prep" and c.lower_ == "of" for c in num.anchor.children):
            continue            # "one of the hostages": an individual, not a count
        noun = head if head is not None else num.anchor
        fig = _direct(num, head, noun, rules, figures)
        if fig is not None:
            figures.append(fig)
        elif not num.person:
            pending.append((num, head, noun, partitive))
    wholes = list(figures)          # the figures read by themselves, in text order
    opening = opening_whole(doc, rules) if pending else None
    for num, head, noun, partitive in pending:
        if head is not None and (head.head == num.anchor or head.head.dep_ == "prep" and head.head.head == num.anchor):
            noun = num.anchor                   # "including DOZENS of older people", "620 elderly" 
        parent = subgroup_parent(num, noun, wholes, partitive, rules)
        if parent is None and _trailing_part(num, head, rules):
            before = _before(wholes, num.start)     # "four were injured, one SERIOUSLY and three MODERATELY"
            parent = before[-1] if before else None
        if parent is None and head is None and opening is not None:
            part = _partition(num, opening, wholes, rules)
            if part is not None:
                figures.append(part)
            continue
        if parent is None:
            continue
        group, gspan = group_of(num, head)
        if group is None:
            group, gspan = _copula_group(num)       # "50 ARE children", "with 300 BEING civilians"
        if _FOUR_DIGITS.fullmatch(num.text) and group is None:
            continue
        figures.append(Figure(num, parent.outcome, "subgroup", head, parent.harm, "subgroup", group, gspan,
                              part_of=parent, qualifier=num.qualifier))
    figures.sort(key=lambda f: f.number.start)
    starts = [f.number.start for f in figures]
    for k, f in enumerate(figures):
        prev = [g for g in figures[max(0, k - LOOK_BACK):k] if g.how != "subgroup" and g.part_of is None]
        if f.how == "harm" and f.part_of is None:
            f.part_of = _partitive_parent(f, prev, rules)
        if f.part_of is None:
            f.part_of = _bracketed_parent(f, prev)
        if f.harm is not None and abs(f.harm.i - f.number.anchor.i) <= SPAN_REACH:
            # "killed 14 medics and two UNRWA staff": the second's text is its own, as is a part in
            # brackets; a figure's text takes its word of harm only with no other figure between
            lo, hi = sorted((f.harm.idx, f.number.start))
            others = bisect_left(starts, hi) - bisect_left(starts, lo) - (lo <= f.number.start < hi)
            a, b = sorted((f.harm.i, f.number.anchor.i))
            f.harm_in_text = not (others > 0 or any(t.text in BREAKS for t in doc[a:b]))
    return figures


def _trailing_part(num: Number, head, rules) -> bool:
    """A number standing alone that a sentence adds to the figure before it as a part: before an
    adverb of degree (``subgroups.degrees``: "four were injured, one SERIOUSLY and three
    MODERATELY"), or in an absolute "with N being ..." ("the toll was 385,000, WITH 300,000 BEING
    civilians")."""
    doc = num.anchor.doc
    k = num.tokens[-1].i + 1
    if k >= len(doc):
        return False
    if doc[k].lower_ in rules.degrees:
        return head is None
    first = num.tokens[0].i - 1
    while first >= 0 and doc[first].idx >= num.qstart:     # past the qualifier ("with SOME 300 being")
        first -= 1
    return first >= 0 and doc[first].lower_ == "with" and doc[k].tag_ == "VBG" and doc[k].lemma_.lower() == "be"


def _copula_group(num: Number) -> tuple[str | None, tuple[int, int] | None]:
    """The group of a number standing alone right before a form of "be": what "be" says they
    were ("50 are CHILDREN", "with 300,000 being CIVILIANS")."""
    doc = num.anchor.doc
    k = num.tokens[-1].i + 1
    return _attribute(doc[k]) if k < len(doc) and doc[k].lemma_.lower() == "be" else (None, None)


def opening_whole(doc, rules):
    """(noun, first, last token index) of the whole a sentence opens with: the object of its first
    word when that is one of ``subgroups.wholes`` ("OF the 52 people killed in the raid, 40 were
    civilians", "OF the total number of deaths, ..."); None otherwise."""
    first = next((t for t in doc if not (t.is_punct or t.is_space)), None)
    if first is None or first.lower_ not in rules.wholes or first.dep_ != "prep":
        return None
    obj = next((c for c in first.children if c.dep_ == "pobj"), None)
    # the phrase ends at its comma, whatever the parse hangs on it ("since October 7, 31 were")
    last = next((t.i - 1 for t in doc[first.i:first.right_edge.i + 1] if t.text == ","), first.right_edge.i)
    return (obj, first.i, last) if obj is not None else None


def _partition(num: Number, opening, wholes: list[Figure], rules) -> Figure | None:
    """A part of the whole the sentence opens with: a number that stands alone after the opening
    phrase, right before a form of "be" ("..., 19 WERE aid workers, six WERE Kenyan"); its group
    is what "be" says they were.  Its whole is the figure inside the opening phrase ("the 52
    people killed"), else the phrase's own word of harm ("the total number of deaths")."""
    noun, lo, hi = opening
    doc = num.anchor.doc
    k = num.tokens[-1].i + 1
    if num.tokens[0].i <= hi or k >= len(doc) or doc[k].lemma_.lower() != "be":
        return None
    parent = next((f for f in wholes if lo <= f.number.anchor.i <= hi), None)
    if parent is not None:
        outcome, harm = parent.outcome, parent.harm
    else:
        got = harm_of(noun, rules)
        outcome, harm = (got[0], got[1]) if got else (None, None)
        if outcome is None and _is_toll(noun, rules):
            outcome, harm = toll_outcome(noun, rules, None), noun
        if outcome is None:
            outcome, harm = rules.among.get(noun.lemma_.lower()), noun      # "Among the dead, ..."
        if outcome is None:
            return None
    group, gspan = _copula_group(num)
    return Figure(num, outcome, "subgroup", None, harm, "partition", group, gspan, part_of=parent,
                  qualifier=num.qualifier)


def _attribute(verb) -> tuple[str | None, tuple[int, int] | None]:
    """What a form of "be" says its subject is, as written: its attribute ("aid workers",
    "Palestinian journalists", "Kenyan"), without determiners."""
    for c in verb.children:
        if c.dep_ in ("attr", "acomp") and c.i > verb.i:
            words = [t for t in verb.doc[c.left_edge.i:c.i + 1] if t.dep_ != "det" and t.i > verb.i]
            if words:
                return verb.doc[words[0].i:c.i + 1].text, (words[0].idx, c.idx + len(c.text))
    return None, None


def _bracketed_parent(f: Figure, prev: list[Figure]):
    """"14 were found dead (13 men and 1 woman)": a figure set beside another by apposition or in
    brackets right after it is a part of it (``prev``: the whole figures before it)."""
    t = f.head if f.head is not None else f.number.anchor
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    if t.dep_ != "appos" and not (t.i > 0 and t.doc[t.left_edge.i - 1].text == "("):
        return None
    if not prev:
        return None
    g = prev[-1]
    anchors = {x.i for x in (g.head, g.harm, g.number.anchor) if x is not None}
    if t.head.i in anchors or (t.i > 0 and t.doc[t.left_edge.i - 1].text == "(" and
                               t.left_edge.i - max(anchors) <= 3):
        return g
    return None


def _direct(num, head, noun, rules, figures):
    """The figure a number gives by itself (harm or toll), or None."""
    is_year = bool(_FOUR_DIGITS.fullmatch(num.text)) and 1900 <= num.value <= 2100
    got = None
    if head is not None and (head.head == num.anchor or head.head.dep_ == "prep" and head.head.head == num.anchor):
        got = harm_of(num.anchor, rules)       # "DOZENS of Palestinians were killed", "killing ONE Palestinian":
                                               # the number governs its noun
    got = got or harm_of(noun, rules)
    if got is not None:
        outcome, harm, relation = got
        if num.person and relation not in ("object", "passive", "subject", "of"):
            return None
        if head is not None and head.lemma_.lower() in rules.not_for.get(outcome, ()):
            return None         # "3,000 troops crossed into the country": not displaced
        if _combined(head, harm, outcome, rules):
            return None         # "300 people were killed or injured": one count of two outcomes
        if num.is_word and num.value < 100 and head is None and relation == "noun":
            return None
        if is_year and head is None:
            return None
        group, gspan = group_of(num, head)
        if head is not None and head.lemma_.lower() in rules.not_people or (
                relation == "noun" and harm == head and head.lemma_.lower() not in rules.people_nouns):
            group, gspan = None, None       # "16,000 deaths", "1,200 lives": no people written
        q = _verb_qualifier(num, harm, rules)
        return Figure(num, outcome, "harm", head, harm, relation, group, gspan, qualifier=q)
    if num.person:
        return None
    toll = toll_of(noun, rules, num.changed)
    if toll is not None:
        tnoun, verb = toll
        previous = figures[-1] if figures else None
        outcome = toll_outcome(tnoun, rules, previous)
        if outcome is None or is_year:
            return None
        group, gspan = group_of(num, head)
        if group is None:
            group, gspan = toll_group(tnoun)
        q = _verb_qualifier(num, verb, rules) if verb is not None else num.qualifier
        fig = Figure(num, outcome, "toll", head, tnoun, "toll", group, gspan, qualifier=q)
        fig.extra["toll_verb"] = verb
        return fig
    return None


def _harm_outcome(word, rules) -> str | None:
    """The outcome of a word of harm, whatever its kind (verb, intransitive, adjective)."""
    return _entry(word, rules.verbs) or _entry(word, rules.intransitive) or _entry(word, rules.adjectives)


def _paired(first, second, other) -> bool:
    """Two words joined by a coordinator alone ("killed OR wounded", "killed AND injured"), the
    ``other`` of them with no object or counted subject of its own ("left 300 dead and FORCED
    400,000")."""
    return (second.i == first.i + 2 and first.doc[first.i + 1].dep_ == "cc"
            and not any(g.dep_ in OBJECTS or g.like_num or g.dep_ in SUBJECTS and any(
                n.dep_ == "nummod" for n in g.children) for g in other.children))


def _combined(head, harm, outcome: str, rules) -> bool:
    """The number counts two outcomes at once, their words joined by a coordinator alone: "300
    people were killed or injured", "killed or wounded 4,000 civilians", "lost 600,000 troops
    killed or wounded" (a casualty count, which no outcome of ours is; "four were killed and 44
    wounded" counts two groups)."""
    words = [harm] if harm is not None and harm is not head else []
    if head is not None:
        words += [c for c in head.children if c.dep_ in ("acl", "amod") and _harm_outcome(c, rules)]
    for word in words:
        own = outcome if word is harm else _harm_outcome(word, rules)
        pairs = [c for c in word.children if c.dep_ == "conj" and _paired(word, c, c)]
        if word.dep_ == "conj" and _paired(word.head, word, word.head):
            pairs.append(word.head)
        if any((other := _harm_outcome(p, rules)) and other != own for p in pairs):
            return True
    return False


def _verb_qualifier(num: Number, verb, rules) -> str:
    """The number's own qualifier, or one its verb gives ("TOPPED 18,400": more_than; not
    "12,000 have CROSSED into Chad", whose subject the number is)."""
    if num.qualifier != "exact" or verb is None or verb.i > num.anchor.i:
        return num.qualifier
    return rules.qualifier_verbs.get(verb.lemma_.lower(), num.qualifier)


def _partitive_parent(f: Figure, prev: list[Figure], rules):
    """"17 OF THEM died": the whole figure before (``prev``), when the number says "of them"."""
    if f.head is not None:
        return None
    for c in f.number.anchor.children:
        if c.dep_ == "prep" and c.lower_ == "of" and any(o.lower_ in rules.partitive for o in c.children):
            return prev[-1] if prev else None
    return None


# ---------------------------------------------------------------------------------------------
# What a figure covers, and whether the sentence calls it an earlier one

_WINDOW = 40   # tokens around a figure read for its scope and revision words


def _clause_tokens(fig: Figure):
    """The tokens of the figure's clause that can say what it covers: the dependents of its word
    of harm, of the verb of its clause and of its counted noun (and their prepositions' objects),
    within a bounded window."""
    anchor = fig.number.anchor
    roots = [t for t in (fig.harm, fig.extra.get("toll_verb"), fig.head, anchor) if t is not None]
    if fig.harm is not None:
        roots.append(ph.clause_verb(fig.harm))
    seen = set()
    out = []
    for r in roots:
        for c in r.children:
            if c.i in seen or abs(c.i - anchor.i) > _WINDOW:
                continue
            seen.add(c.i)
            out.append(c)
            if c.dep_ in ("prep", "npadvmod", "advmod", "advcl", "agent", "pcomp"):
                for g in c.children:
                    if g.i not in seen:
                        seen.add(g.i)
                        out.append(g)
    return out


def scope_of(fig: Figure, rules) -> str | None:
    """``rate`` ("a day"), ``incident`` ("in the strike", "when a shell hit"), ``period`` ("in the
    past 24 hours", "overnight"), ``cumulative`` ("since the war began", "so far", a toll), or
    None when the sentence does not say."""
    toks = _clause_tokens(fig)
    sc = rules.scope
    # rate: a unit with "a/per/every" attached to the verb or the noun: "30 a day", "per week"
    for t in toks:
        lem = t.lemma_.lower()
        if lem in sc["rate_words"] and t.dep_ in ("advmod", "amod", "npadvmod"):
            return "rate"
        if lem in sc["rate_units"] and t.dep_ in ("npadvmod", "pobj") and t.tag_ == "NN" and (
                any(c.dep_ == "det" and c.lower_ in sc["rate_markers"] for c in t.children)
                or (t.dep_ == "pobj" and t.head.lower_ in sc["rate_markers"])):
            return "rate"
    for t in toks:
        if t.dep_ == "pobj" and t.head.lower_ in sc["incident_preps"] and t.tag_ in ("NN", "NNP") and \
                t.lemma_.lower() in sc["incident_nouns"]:
            return "incident"
        if t.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in sc["incident_marks"]
                                     for c in t.children):
            return "incident"
        if t.dep_ == "mark" and t.lower_ in sc["incident_marks"]:
            return "incident"
    for t in toks:
        lem = t.lemma_.lower()
        if lem in sc["period_words"]:
            return "period"
        if lem in sc["period_units"] and any(c.lower_ in sc["period_markers"] for c in t.children):
            return "period"
    text = " " + " ".join(t.lower_ for t in toks) + " "
    if any(t.lower_ in sc["cumulative_words"] or t.lemma_.lower() in sc["cumulative_words"] for t in toks) or \
            any(f" {p} " in text for p in sc["cumulative_phrases"]) or fig.how == "toll":
        return "cumulative"
    return None


def _earlier(verb, rules, memo: dict) -> bool:
    """``verb`` says its report is an earlier one ("had EARLIER put", "PREVIOUSLY said"; not "a
    day earlier", a date), looked up once per verb of the sentence (``memo``)."""
    key = ("earlier", verb.i)
    if key not in memo:
        words = rules.superseded_words
        perfect = any(a.dep_ == "aux" and a.lower_ in rules.past_perfect for a in verb.children)
        memo[key] = any(c.dep_ == "advmod" and not any(g.dep_ == "npadvmod" for g in c.children) and (
            c.lower_ in words or perfect and c.lower_ in rules.superseded_perfect) for c in verb.children)
    return memo[key]


def is_superseded(fig: Figure, rules, memo: dict | None = None) -> bool:
    """The sentence says the figure is an earlier one: "had EARLIER put the toll at three",
    "had PREVIOUSLY reported 300", "up from the PREVIOUS toll of 18", "revised down FROM 1,400",
    "climbed FROM 558 to 569"."""
    words, revisions = rules.superseded_words, rules.revisions
    anchor = fig.number.anchor
    noun = fig.head if fig.head is not None else anchor
    gov, rel = ph.governor(noun)
    if rel.startswith("prep:") and rel[5:] in revisions and gov is not None and (
            gov.lemma_.lower() in rules.change_verbs or gov.lower_ in rules.change_verbs):
        return True
    if fig.how == "toll" and fig.harm is not None:
        if any(c.dep_ in ("amod", "advmod") and c.lower_ in words for c in fig.harm.children):
            return True
        g2, r2 = ph.governor(fig.harm)
        if r2.startswith("prep:") and r2[5:] in revisions and g2 is not None and g2.lower_ in rules.change_verbs:
            return True
    # an earlier report: "had EARLIER put", "PREVIOUSLY said" (not "a day earlier": a date)
    memo = {} if memo is None else memo
    t = fig.harm if fig.harm is not None else anchor
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and _earlier(t, rules, memo):
            return True
        if t.head == t:
            break
        t = t.head
    return False
