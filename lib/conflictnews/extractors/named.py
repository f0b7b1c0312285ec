"""Named actors the gazetteer does not know: the named-entity recogniser's persons and
organisations, places that act, and the short forms that point back to them.

Used by :mod:`conflictnews.extractors.actors` after the gazetteer has been matched; the
gazetteer wins wherever it knows a name.  Everything here reads the parse of one article (pure,
no state) except :func:`merge_across_articles`, which the mentions table runs once over the
rows of every article.

    method    what
    ========= =====================================================================================
    ner       a PERSON or ORG entity (``entity_kinds`` in ``actors.yml``), or a place (GPE) that
              acts or speaks in its sentence ("Kyiv said", "according to Moscow"; not "a strike
              on Kyiv"): ``actor_id`` is the name's key (:func:`name_key`), ``kind`` from the
              entity type, no affiliation
    surname   a single word that is the last word of a person named in full in the same article
              ("Dagalo" after "Mohamed Hamdan Dagalo"); two such persons: refused (unresolved)
    acronym   an acronym defined in the article ("the Rapid Support Forces (RSF)"): every later
              (and earlier: headlines) "RSF" is that actor
    body      a noun for a body (``name_nouns``) written with a capital on its own, never in lower
              case in the article ("the Coalition"): the one organisation named in full with it,
              else the word itself
    ========= =====================================================================================

A demonym that names its people as a party that acts ("the Iraqis have cleared the city") is a
mention of that people (:func:`people_groups`: kind ``people``), not a demonym.  A name the text
calls a place ("the town of Dabiq", "the Al-Sinek neighborhood": ``place_nouns``) is no actor
anywhere in the article.

Across articles (:func:`merge_across_articles`): spellings with the same key are one actor
(``spelling_folds`` in ``actors.yml``: "Zelenskyy", "Zelenskiy" and "Zelensky" fold to one key),
named by the spelling the corpus uses most; a lone surname, or an acronym, that names exactly one
full name elsewhere in the corpus joins it; ambiguity is refused.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from functools import lru_cache

from ..nlp import phrases as ph

# Where a name cannot start or end (trimmed off an entity): articles, possessive endings, punctuation.
_LEAD = {"the", "a", "an"}
_POSSESSIVE = re.compile(r"[’']s?$")
_ACRONYM_DEF = re.compile(r"[^\S\n]*\([^\S\n]*([A-Z][A-Za-z0-9&\-]{1,10})[^\S\n]*\)")
_CAPS = re.compile(r"[A-Z]")
_LEAD_ARTICLE = re.compile(r"(?:The|A|An)[^\S\n]+")
_ACRONYM_ANY = re.compile(r"\(([A-Z][A-Za-z0-9&\-]{1,10})\)")
# The capitalised words (with "of", "for", "the", "and" between them) right before an acronym's
# bracket: the name it abbreviates.
_NAME_RUN = re.compile(r"((?:[A-Z][\w'’.\-]*)(?:[^\S\n]+(?:of|for|the|and|on|de|du|des|la|le|[A-Z][\w'’.\-]*))*"
                       r"[^\S\n]+[A-Z][\w'’.\-]*)[^\S\n]*\Z")
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


@lru_cache(maxsize=16)
def _folds(rules: tuple[tuple[str, str], ...]):
    return tuple((re.compile(p), r) for p, r in rules)


def fold_rules(gz) -> tuple[tuple[str, str], ...]:
    """The gazetteer's ``spelling_folds`` as (pattern, replacement) pairs."""
    return tuple((str(r["pattern"]), str(r.get("replace", ""))) for r in gz.language.get("spelling_folds", []))


def name_key(name: str, rules: tuple[tuple[str, str], ...] = ()) -> str:
    """The key that spellings of one name share, used as the ``actor_id`` of a name the
    gazetteer does not know: accents dropped, lower case, a possessive and a leading "the"
    dropped, the ``spelling_folds`` applied, every run of other characters one "_"
    ("Volodymyr Zelenskyy" -> "volodymyr_zelensky", "al-Burhan" -> "al_burhan")."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = _POSSESSIVE.sub("", s.strip())
    s = re.sub(r"^the\s+", "", s)
    for rx, rep in _folds(rules):
        s = rx.sub(rep, s)
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


PARTICLES = re.compile(r"^(?:al|el|ul|bin|ibn|abu|de|da|van|von|der|ben)[-‐‑–’']", re.I)


def surname_keys(name: str, rules) -> set[str]:
    """The keys a person's surname may be written by alone: the last word of the name, and the
    same without a particle ("al-Burhan" -> also "Burhan")."""
    last = name.split()[-1]
    keys = {name_key(last, rules)}
    bare = PARTICLES.sub("", last)
    if bare != last and len(bare) > 2:
        keys.add(name_key(bare, rules))
    return keys - {""}


PLACE_LABELS = ("GPE", "LOC", "FAC")
# A one-word organisation is one as the object of these ("an interview with Reuters", "a report by
# Amnesty"): the relation the word has to the preposition.
_SOURCE_PREPS = {"with": "pobj", "by": "pobj", "from": "pobj", "for": "pobj", "to": "pobj"}
# Prepositions after which an organisation's name is a place ("in the Pentagon" stays the
# gazetteer's business): a subset of the gazetteer's place cues.
_ORG_PLACE_PREPS = {"in", "into", "near", "outside", "inside", "around", "across", "through", "toward", "towards"}


def _acts_or_owns(tok) -> bool:
    """A one-word name is an actor when the parse shows it acting or speaking (``acts``), owning
    ("Dagalo's forces") or naming the group of a noun ("RSF fighters"); a lone word that is
    only where or what something is done to ("isolate Raqqah") is too weak: the small model
    calls many places persons."""
    return ph.acts(tok) or tok.dep_ == "poss" or (tok.dep_ == "compound" and tok.head.pos_ == "NOUN")


def _bare(ent) -> str:
    """The entity's words in lower case without a leading article, as ``_reads_as_place`` looks
    them up."""
    return re.sub(r"^(?:the|a|an)\s+", "", ent.text.lower())


def _reads_as_place(ent, places: set, place_cues: set) -> bool:
    """A person or organisation entity that the article shows to be a place: the recogniser
    tags the same words a place elsewhere in the article, or it is the object of a place
    preposition ("into Rafah"; for an organisation only "in", "into", "near"...), or a one-word
    "person" modifies a common noun ("the Rafah gate").  A place preposition that starts a
    sentence is written with a capital and the small model may take it for part of a name ("Near
    Sinjar, two strikes...": "Near" tagged a proper noun within or before the entity): that too."""
    if ent.text.lower() in places or _bare(ent) in places:
        return True
    root = ent.root
    preps = place_cues if ent.label_ == "PERSON" else _ORG_PLACE_PREPS
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        prep = root.head.lower_
        if prep in preps and not (prep == "to" and root.head.head.lower_ == "according"):
            return True
    lead = ent[0] if len(ent) > 1 else None
    if lead is None or lead.lower_ not in preps:
        lead = ent.doc[ent.start - 1] if ent.start > 0 else None
    if lead is not None and lead.lower_ in preps and lead.text[:1].isupper() and lead.dep_ != "prep" \
            and lead.pos_ != "ADP":
        return True
    return ent.label_ == "PERSON" and len(ent) == 1 and root.dep_ == "compound" and root.head.pos_ == "NOUN" \
        and root.head.text.islower()


def _extend(ent):
    """The entity with the capitalised words after it that its last word is part of ("Oleksandr"
    in "Mayor Oleksandr Vilkul": the recogniser stops short, the parse has "Vilkul" as the head)."""
    doc, end = ent.doc, ent.end
    while end < len(doc) and doc[end - 1].dep_ in ("compound", "flat") and doc[end - 1].head.i == end \
            and doc[end].text[:1].isupper() and doc[end].pos_ in ("PROPN", "NOUN"):
        end += 1
    return doc[ent.start:end] if end > ent.end else ent


def _trim(ent, gz, title_words, person: bool):
    """The entity without a leading article (and, for a person, a leading title or honorific)
    and a trailing possessive ("the Rapid Support Forces", "President Zelensky's" -> "Zelensky");
    None when nothing of a name is left."""
    toks = list(ent)
    while toks and (toks[0].lower_ in _LEAD or person and (toks[0].lower_.rstrip(".") in title_words
                                                           or toks[0].text in gz.honorifics)):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in ("'s", "’s")):
        toks = toks[:-1]
    if not toks or not toks[0].text[:1].isupper():
        return None
    return toks[0].doc[toks[0].i:toks[-1].i + 1]


# Words that make a people a count of its members ("many Syrians fled", "some Iraqis"): people
# counted are individuals, victims most often, not a party.
_QUANTIFIERS = {"many", "more", "most", "several", "few", "fewer", "some", "thousands", "hundreds", "dozens"}
# Where a demonym is a word about another noun, not a noun of its own ("Iraqi forces", "one was
# Lebanese", "the Sudanese army"), even when the parse makes it a subject.
_MODIFIER_DEPS = {"amod", "compound", "nmod", "acomp", "npadvmod", "nummod"}


def people_groups(article, rows: list[dict], gz) -> list[dict]:
    """The gazetteer's demonym rows of one article, those that name a people as a party
    (:func:`people_group`) made mentions of that people: ``actor_id`` ``people:<demonym id>``,
    ``actor`` the demonym's plural form ("Iraqis"; "French" when it has none), ``kind`` ``people``.
    Unlike a demonym, a people counts as an actor: re3d's annotators, for one, tag "the Iraqis" an
    organisation."""
    at, plurals = _sentence_at(article), _plurals(gz)
    out = []
    for r in rows:
        if r["method"] == "demonym" and r["actor_id"]:
            plural = r["surface"] != r["actor"] and r["surface"].endswith("s")
            if people_group(at(r["start"]), r["start"], r["end"], plural):
                r = {**r, "actor_id": "people:" + r["actor_id"].split(":", 1)[1],
                     "actor": plurals.get(r["actor_id"], r["actor"]), "kind": "people"}
        out.append(r)
    return out


def _plurals(gz) -> dict[str, str]:
    """demonym id -> its plural form (the longest form ending in "s" other than its name), once per
    gazetteer."""
    got = getattr(gz, "_people_plurals", None)
    if got is None:
        got = {}
        for form, hits in gz.names.items():
            for aid, method, _place in hits:
                if method == "demonym" and form.endswith("s") and form != gz.actors[aid].name \
                        and len(form) > len(got.get(aid, "")):
                    got[aid] = form
        gz._people_plurals = got
    return got


def people_group(sent, start: int, end: int, plural: bool) -> bool:
    """Whether the demonym written at [start, end) of sentence ``sent`` names its people as a
    party that acts, as a name does ("the Iraqis have cleared the city", "As Syrians unite",
    "The French led the task force", "aided by Syrians"), rather than describing something ("Iraqi
    forces"), counting people ("30 Syrians fled", "dozens of Palestinians") or naming those things
    happen to or are meant for ("violence against Palestinians", "a future for Israelis").

    A people is a party when the demonym is the head of its noun phrase, written in the plural
    (``plural``: "Iraqis") or after "the" ("the French"), not counted (a number or a quantifier on
    it: "30 Syrians", "many Iraqis"), and acts (``phrases.acts``: the subject of a verb,
    the agent of a passive, the source of "according to")."""
    if sent is None or sent.doc is None or end > sent.end:
        return False
    span = sent.doc.char_span(start - sent.start, end - sent.start, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.dep_ in _MODIFIER_DEPS or not ph.acts(tok) or (tok.head.i == tok.i + 1 and tok.head.pos_ == "NOUN"):
        return False
    if any(c.dep_ in ("nummod", "quantmod") or c.like_num or c.lower_ in _QUANTIFIERS for c in tok.children):
        return False
    before = sent.doc[span.start - 1] if span.start > 0 else None
    return plural or (before is not None and before.lower_ == "the")


class _Spans:
    """Character spans of an article that are taken: is a span free?  Kept as sorted layers of
    spans that do not overlap one another (the gazetteer's hits, then each step's mentions, added
    in reading order), so a look-up is a binary search per layer and an addition an append:
    linear in the text however many names it holds."""

    def __init__(self, spans):
        self.layers: list[tuple[list, list]] = []
        self.new_layer()
        for s, e in sorted(spans):
            self.add(s, e)

    def new_layer(self) -> None:
        self.layers.append(([], []))   # (starts, ends)

    def overlaps(self, s: int, e: int) -> bool:
        # in a layer the spans do not overlap, so their ends are sorted too: only the last one
        # that starts before ``e`` can reach past ``s``
        for starts, ends in self.layers:
            k = bisect_left(starts, e)
            if k > 0 and ends[k - 1] > s:
                return True
        return False

    def add(self, s: int, e: int) -> None:
        starts, ends = self.layers[-1]
        if starts and s < starts[-1]:   # out of reading order: a layer of its own
            self.new_layer()
            starts, ends = self.layers[-1]
        starts.append(s)
        ends.append(e)


def _row(article_id, sent, start, end, text, actor_id, actor, kind, method):
    return {"article_id": article_id, "sent_id": sent.sent_id, "start": start, "end": end,
            "surface": text[start:end], "actor_id": actor_id, "actor": actor, "kind": kind,
            "affiliation": None, "method": method}


def named_mentions(article, gz, blocked, weak, gazetteer_rows=(), *, title_words=frozenset(),
                   unresolved: bool = False) -> tuple[list[dict], set]:
    """The mentions of one parsed article that the gazetteer did not give.

    ``blocked``: (start, end) of the gazetteer's hits, resolved or not (no entity may overlap
    them: the gazetteer wins, and a name it refused to guess stays refused); ``weak``: spans of
    demonyms and state names used as modifiers, which an organisation's longer name may cover
    ("Israeli Air Force", "Sudanese Armed Forces") and then replaces: returns (rows, the weak
    spans swallowed, which the caller drops).  ``gazetteer_rows``: the gazetteer's mentions, whose
    acronyms defined in the text ("the Sudanese Armed Forces (SAF)") count too.

    In three steps, each taking only what the steps before left free: the names (entities, and
    names found by their acronym's definition), then the acronyms the article defines wherever
    they recur, then lone surnames of persons named in full."""
    rules = fold_rules(gz)
    taken = _Spans(blocked)
    candidates, defined, names = _candidates(article, gz, title_words, _Within(blocked))
    persons = _persons_in_full(candidates, taken, rules)
    acronyms = _acronyms_defined(article.text, candidates, gazetteer_rows, taken, rules)
    taken.new_layer()
    weak = _Weak(weak)
    rows, swallowed = _name_rows(article, candidates, defined, persons, acronyms, taken, weak, rules)
    again = _recurrences(article, names, candidates, taken)
    if again:
        taken.new_layer()
        more, also = _name_rows(article, again, defined, persons, acronyms, taken, weak, rules)
        rows += more
        swallowed |= also
    taken.new_layer()
    rows += _acronym_rows(article, acronyms, taken)
    rows += _body_rows(article, gz, [*gazetteer_rows, *rows], taken, unresolved)
    if persons:
        rows.extend(_surnames(article, persons, taken, rules, unresolved))
    rows.sort(key=lambda r: r["start"])
    return rows, swallowed


class _Names:
    """What makes an entity of one article a name of an actor: the entity types that are actors
    (``entity_kinds``), the words that are no name or no actor's (``not_names``,
    ``not_actor_words``), titles and honorifics, and the places the article names (``ents``:
    (sentence, its entities) of every parsed sentence)."""

    def __init__(self, ents, gz, title_words) -> None:
        self.gz, self.title_words = gz, title_words
        self.kinds = {str(k): str(v) for k, v in (gz.language.get("entity_kinds") or {}).items()}
        self.not_names = {n.lower() for n in gz.language.get("not_names", [])}
        self.not_actor = {w.lower() for w in gz.language.get("not_actor_words", [])}
        self.place_cues = {w.lower() for w in gz.language.get("place_cues", [])}
        self.places = {e.text.lower() for _sent, found in ents for e in found if e.label_ in PLACE_LABELS}
        self.place_nouns = {w.lower() for w in gz.language.get("place_nouns", [])}
        self.places |= {_bare(e) for _sent, found in ents for e in found if self._named_place(e)}
        self.idle: dict[str, tuple[str, str]] = {}
        # the rest of a name that starts or ends with a not_actor word ("Forbin" of "FS Forbin",
        # "Inherent Resolve" of "Operation Inherent Resolve"): written alone, the same ship or operation
        self.not_actor_rests = {rest for _sent, found in ents for e in found for rest in self._rests(e)}

    def _named_place(self, ent) -> bool:
        """Whether the text says the entity is a place by a noun for one: "the town of Dabiq", "the
        Al-Sinek neighborhood" (the recogniser often tags such names organisations; once the
        article says what the name is, it is a place wherever it is written)."""
        doc = ent.doc
        after = doc[ent.end] if ent.end < len(doc) else None
        if after is not None and after.lower_ in self.place_nouns and after.text.islower() and ent.root.head.i == after.i:
            return True
        return ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in self.place_nouns

    def _rests(self, ent):
        words = [t for t in ent if t.lower_ not in _LEAD]
        if len(words) > 1 and words[0].lower_ in self.not_actor:
            yield ent.doc[words[1].i:words[-1].i + 1].text
        if len(words) > 1 and words[-1].lower_ in self.not_actor:
            yield ent.doc[words[0].i:words[-2].i + 1].text

    def name_of(self, ent):
        """(the span of the name, its kind) when the entity names an actor, else None: a person or
        organisation that does not read as a place, or a place that acts; trimmed of articles,
        titles and possessives; not a title, a number, a lone word that neither acts, owns,
        follows a title nor is a source, an operation or a building."""
        got = self.read(ent)
        return got[:2] if got is not None and got[2] else None

    def read(self, ent):
        """(span, kind, stands) for an entity that ``name_of`` takes, or would take if the name
        were not a lone word that does nothing here (``stands`` false: "members of the
        Coalition"); else None."""
        kind = self.kinds.get(ent.label_)
        if kind is None:
            return None
        if ent.label_ in PLACE_LABELS:
            if not ph.acts(ent.root):
                return None   # a place where something happens, not an actor
        elif _reads_as_place(ent, self.places, self.place_cues):
            return None
        span = _trim(_extend(ent), self.gz, self.title_words, kind == "person")
        if span is None or not self._is_name(span):
            return None
        if span[0].lower_ in self.not_actor or span[-1].lower_ in self.not_actor or span.text in self.not_actor_rests \
                or (len(span) == 1 and not span.text.isupper() and span.root.dep_ in ("amod", "compound")
                 and span.root.head.pos_ == "NOUN" and span.root.head.text.islower()):
            return None   # an operation, a building ("Operation Al-Aqsa Flood", "Al-Aqsa Mosque"), the
            # same written short ("Forbin" after "FS Forbin"), or a word used as an adjective ("a Sikh separatist")
        # a lone word is an actor when it acts, owns, follows a title ("President Obama") or is a
        # source ("with Reuters"), or as a surname (step 3): the small model calls many places persons
        stands = len(span) > 1 or span.text.isupper() or _acts_or_owns(span.root) or self._titled(span) \
            or (kind == "organisation" and _SOURCE_PREPS.get(span.root.head.lower_) == span.root.dep_)
        return span, kind, stands

    def candidates(self, sent, ents, blocked, held: bool):
        """(sentence, start, end, name, kind, words) of the entities ``ents`` of ``sent`` that name
        actors: of those a gazetteer hit holds (``blocked``) when ``held``, else of the others
        (the lone words among the latter that do nothing where they stand are kept in ``idle``,
        name -> (kind, label), for :func:`_recurrences`)."""
        for ent in ents:
            if ent.label_ not in self.kinds or blocked.holds(*sent.offset(_extend(ent))) != held:
                continue
            got = self.read(ent)
            if got is None:
                continue
            span, kind, stands = got
            if stands:
                s, e = sent.offset(span)
                yield sent, s, e, span.text, kind, len(span)
            elif not held:
                self.idle.setdefault(span.text, (kind, ent.label_))

    def _is_name(self, span) -> bool:
        """Not a word that is no name, a pronoun, a title alone ("Defense Minister") or a
        number ("Passcode 3080897")."""
        name = span.text
        if name.lower() in self.not_names or not any(ch.isalpha() for ch in name) or name.lower() in self.gz.pronouns:
            return False
        if all(t.lower_.rstrip(".") in self.title_words for t in span):
            return False
        return not any(t.like_num for t in span)

    def _titled(self, span) -> bool:
        """Whether a title or an honorific stands right before the span."""
        doc = span.doc
        return span.start > 0 and (doc[span.start - 1].lower_.rstrip(".") in self.title_words
                                   or doc[span.start - 1].text in self.gz.honorifics)


def _candidates(article, gz, title_words, blocked: "_Within") -> tuple[list[tuple], set, "_Names"]:
    """(sentence, start, end, name, kind, words) of the names of one article, in reading order:
    the entities that name actors (:class:`_Names`), and organisations the recogniser missed but
    the text defines an acronym for ("the Cooperative for the Development of the Congo
    (CODECO)"); and the spans of the latter.

    An entity that lies within one of the gazetteer's hits (``blocked``) cannot make a row (the
    gazetteer wins), so it is read only if an acronym's definition in its sentence asks whether a
    name is there (:class:`_BySentence`): the work per entity the gazetteer already names is a
    look-up, however densely a sentence repeats a name."""
    ents = [(sent, sent.doc.ents) for sent in article.sentences if sent.doc is not None]   # (built per call)
    names = _Names(ents, gz, title_words)
    candidates = [c for sent, found in ents for c in names.candidates(sent, found, blocked, held=False)]
    defined = _defined_by_acronym(article, candidates, _BySentence(candidates, ents, names, blocked))
    candidates.sort(key=lambda c: c[1])
    return candidates, defined, names


class _Within:
    """Spans that do not overlap one another (the gazetteer's hits): does one of them hold a span?"""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def holds(self, s: int, e: int) -> bool:
        k = bisect_right(self.starts, s) - 1
        return k >= 0 and e <= self.spans[k][1]


class _BySentence:
    """The candidates of each sentence, for the overlap test of an acronym's definition: those
    found, and, the first time a sentence is asked for, those of its entities that a gazetteer
    hit holds (left unread until then)."""

    def __init__(self, candidates: list, ents: list, names: "_Names", blocked: _Within) -> None:
        self.names, self.blocked = names, blocked
        self.ents = {id(sent): found for sent, found in ents}
        self.found: dict[int, list] = defaultdict(list)
        for c in candidates:
            self.found[id(c[0])].append(c)

    def of(self, sent) -> list:
        if id(sent) in self.ents:   # the first time: the entities held back join those found
            held = self.names.candidates(sent, self.ents.pop(id(sent)), self.blocked, held=True)
            self.found[id(sent)].extend(held)
        return self.found[id(sent)]

    def add(self, candidate: tuple) -> None:
        self.found[id(candidate[0])].append(candidate)


def _defined_by_acronym(article, candidates: list, by_sentence: _BySentence) -> set[tuple[int, int]]:
    """Add to ``candidates`` the capitalised names before an acronym's bracket that it can
    abbreviate and that no entity of the sentence overlaps; their (start, end)."""
    text, sentence_at = article.text, _sentence_at(article)
    defined: set[tuple[int, int]] = set()
    for m in _ACRONYM_ANY.finditer(text):
        run = _NAME_RUN.search(text, max(0, m.start() - 160), m.start())
        if run is None or not _fits(m.group(1), run.group(1)):
            continue
        s, e = run.span(1)
        sent = sentence_at(s)
        if sent is None or any(c[1] <= s < c[2] or s <= c[1] < e for c in by_sentence.of(sent)):
            continue
        lead = _LEAD_ARTICLE.match(text, s)
        if lead:
            s = lead.end()
        found = (sent, s, e, text[s:e], "organisation", len(text[s:e].split()))
        candidates.append(found)
        by_sentence.add(found)
        defined.add((s, e))
    return defined


def _recurrences(article, names: _Names, candidates, taken: "_Spans") -> list[tuple]:
    """Step 1b: the names of persons and organisations found in step 1 wherever else the article
    writes them, as written, and the recogniser did not tag them (it reads each sentence alone, and
    tags a name in one and misses it in the next); a lone word the recogniser tagged only where it
    did nothing ("members of the Coalition") counts once it acts, owns or names a noun's group
    anywhere in the article.  Each recurrence must pass, where it stands, what an entity there
    would (not a place there, not an adjective, not within another entity); a person's lone word is
    left to the surnames (step 3).  Candidates like ``_candidates``' ones; one scan of the text."""
    known: dict[str, tuple[str, str]] = {}
    for sent, s, e, name, kind, n in candidates:
        if kind in ("person", "organisation") and (n > 1 or kind == "organisation"):
            known.setdefault(name, (kind, "PERSON" if kind == "person" else "ORG"))
    idle = {name: got for name, got in names.idle.items() if got[0] == "organisation" and name not in known}
    if not known and not idle:
        return []
    text, sentence_at = article.text, _sentence_at(article)
    rx = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted({**known, **idle}, key=len, reverse=True)))
                    + r")(?![\w-])")
    found, standing = [], set()
    for m in rx.finditer(text):
        s, e = m.span()
        if taken.overlaps(s, e):
            continue
        sent = sentence_at(s)
        if sent is None or sent.doc is None or e > sent.end:
            continue
        kind, label = known.get(m.group()) or idle[m.group()]
        span = sent.doc.char_span(s - sent.start, e - sent.start, label=label)
        if span is None or not _untagged_or_itself(span, label):
            continue
        got = names.read(span)
        if got is None or got[1] != kind or got[0].text != m.group():
            continue   # a place there, an adjective, or a longer name
        if got[2]:
            standing.add(m.group())
        found.append((sent, s, e, m.group(), kind, len(span)))
    return [c for c in found if c[3] in known or c[3] in standing]


def _untagged_or_itself(span, label: str) -> bool:
    """Whether the recogniser left the words of ``span`` out of every entity, or tagged them
    ``label`` as one entity that is the span, but for a leading article ("the Coalition")."""
    tags = {t.ent_type_ for t in span}
    if tags == {""}:
        return True
    if tags != {label}:
        return False
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    while start < span.start and doc[start].lower_ in _LEAD:
        start += 1
    return (start, end) == (span.start, span.end)


def _persons_in_full(candidates, taken: "_Spans", rules) -> dict[str, set]:
    """surname key -> {(key, name)} of the persons named in full (two words or more) where the
    gazetteer is silent."""
    persons: dict[str, set] = defaultdict(set)
    for sent, s, e, name, kind, n in candidates:
        if kind == "person" and n >= 2 and not taken.overlaps(s, e):
            for last in surname_keys(name, rules):
                persons[last].add((name_key(name, rules), name))
    return persons


def _acronyms_defined(text: str, candidates, gazetteer_rows, taken: "_Spans", rules) -> dict[str, tuple]:
    """acronym -> (actor id, name, kind, affiliation) of the acronyms the article defines after
    a name ("the Rapid Support Forces (RSF)"): an entity's, or a gazetteer actor's."""
    acronyms: dict[str, tuple] = {}
    for sent, s, e, name, kind, n in candidates:
        m = _ACRONYM_DEF.match(text, e)
        if m and kind != "person" and _fits(m.group(1), name) and not taken.overlaps(s, e):
            acronyms.setdefault(m.group(1), (name_key(name, rules), name, kind, None))
    for r in gazetteer_rows:
        m = _ACRONYM_DEF.match(text, r["end"])
        if m and r["kind"] not in ("person", "demonym") and _fits(m.group(1), r["actor"]) \
                and not taken.overlaps(*m.span(1)):
            acronyms.setdefault(m.group(1), (r["actor_id"], r["actor"], r["kind"], r["affiliation"]))
    return acronyms


class _Weak:
    """Spans of demonyms and state names used as modifiers (they do not overlap one another)."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self.starts = [w[0] for w in self.spans]

    def within(self, s: int, e: int) -> list:
        """The spans overlapping [s, e)."""
        k = max(bisect_left(self.starts, s) - 1, 0)
        out = []
        while k < len(self.spans) and self.spans[k][0] < e:
            if self.spans[k][1] > s:
                out.append(self.spans[k])
            k += 1
        return out


def _name_rows(article, candidates, defined, persons, acronyms, taken: "_Spans", weak: _Weak,
               rules) -> tuple[list[dict], set]:
    """Step 1: a row per name where the gazetteer is silent (``ner``, or ``acronym`` for a name
    found by its definition); an organisation's name may swallow a demonym it holds.  A
    one-word name that is a surname or an acronym of the article is left to the later steps."""
    text, aid = article.text, article.article_id
    rows, swallowed = [], set()
    for sent, s, e, name, kind, n in candidates:
        if n == 1 and (name_key(name, rules) in persons or name in acronyms):
            continue
        if taken.overlaps(s, e):
            continue
        over = weak.within(s, e)
        inside = [w for w in over if w[0] >= s and w[1] <= e]
        partial = [w for w in over if w not in inside]
        if partial or (inside and (kind != "organisation" or n < 2)):
            continue
        key = name_key(name, rules)
        if not key:
            continue
        swallowed.update(inside)
        rows.append(_row(aid, sent, s, e, text, key, name, kind, "acronym" if (s, e) in defined else "ner"))
        taken.add(s, e)
        m = _ACRONYM_DEF.match(text, e)
        if m and m.group(1) in acronyms:
            taken.add(*m.span(1))   # the definition itself is part of this mention
    return rows, swallowed


def _acronym_rows(article, acronyms: dict, taken: "_Spans") -> list[dict]:
    """Step 2: the acronyms defined in the article, wherever they recur (and are free)."""
    if not acronyms:
        return []
    text, aid, sentence_at = article.text, article.article_id, _sentence_at(article)
    rows = []
    rx = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True)))
                    + r")(?![\w-])")
    for m in rx.finditer(text):
        s, e = m.span()
        if taken.overlaps(s, e):
            continue
        sent = sentence_at(s)
        if sent is None:
            continue
        key, name, kind, affiliation = acronyms[m.group()]
        rows.append({**_row(aid, sent, s, e, text, key, name, kind, "acronym"), "affiliation": affiliation})
        taken.add(s, e)
    return rows


# A determiner that may start a sentence before a body's name ("The Coalition said"): its capital is
# the sentence's, not a longer name's.
_OPENERS = {"The", "Our", "Its", "Their", "This", "That"}
_WORD_BEFORE = re.compile(r"(\S+)[^\S\n]+\Z")
_CAPITAL_NEXT = re.compile(r"[^\S\n]+[A-Z]")


@lru_cache(maxsize=16)
def _nouns_re(nouns: tuple[str, ...]):
    return re.compile(r"(?<![\w\-‐‑–’'])(" + "|".join(map(re.escape, sorted(nouns, key=len, reverse=True)))
                      + r")(?![\w\-‐‑–])")


def _body_rows(article, gz, known: list[dict], taken: "_Spans", unresolved: bool) -> list[dict]:
    """Step 2b: a noun for a body (``name_nouns``) written with a capital on its own, which the
    article never writes in lower case: the name it gives one body ("the Coalition", "Coalition
    aircraft", "the Department's work"), which the recogniser rarely tags (it is one common word).

    On its own: not within a longer capitalised name ("Health Ministry", "Coalition Provisional
    Authority": the gazetteer's or the recogniser's business), nor where the recogniser tagged
    an entity (its reading stands: "members of the Coalition" that never acts); at the start of
    a sentence ("Coalition aircraft struck") only when the article also writes it so within one.
    The body is the one organisation among ``known`` (the article's mentions so far) whose name
    holds the word ("the Global Coalition to Counter ISIL"), else the word itself (``coalition``);
    with two such organisations, no guess (a row only with ``unresolved``)."""
    nouns = tuple(gz.language.get("name_nouns") or ())
    text = article.text
    if not nouns or not any(n in text for n in nouns):
        return []
    sentence_at, rules = _sentence_at(article), fold_rules(gz)
    found: dict[str, list[tuple]] = defaultdict(list)
    within: set[str] = set()
    for m in _nouns_re(nouns).finditer(text):
        s, e = m.span()
        word = m.group()
        sent = sentence_at(s)
        if sent is None or sent.doc is None or e > sent.end or taken.overlaps(s, e) or _CAPITAL_NEXT.match(text, e):
            continue
        if any(ent.start_char < e - sent.start and s - sent.start < ent.end_char for ent in sent.doc.ents):
            continue
        before = _WORD_BEFORE.search(text, max(sent.start, s - 40), s)
        opens = before is None or not any(ch.isalnum() for ch in text[sent.start:before.start(1)]) \
            and before.group(1) in _OPENERS
        if before is not None and before.group(1)[:1].isupper() and not opens:
            continue   # part of a longer name
        if before is not None and not before.group(1)[:1].isupper():
            within.add(word)
        found[word].append((sent, s, e, before is not None))
    rows = []
    for word, places in found.items():
        if re.search(r"(?<![\w-])" + re.escape(word.lower()) + r"(?![\w-])", text) or word not in within \
                and not any(mid for *_, mid in places):
            continue
        bodies = {(r["actor_id"], r["actor"], r["kind"], r["affiliation"]) for r in known
                  if r["actor_id"] and r["kind"] not in ("person", "state", "demonym", "people")
                  and re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", f"{r['actor']} {r['surface']}")}
        if len(bodies) > 1 and not unresolved:
            continue
        for sent, s, e, mid in places:
            if not mid and word not in within:
                continue
            if len(bodies) == 1:
                aid, name, kind, affiliation = next(iter(bodies))
                row = {**_row(article.article_id, sent, s, e, text, aid, name, kind, "body"), "affiliation": affiliation}
            elif bodies:
                row = _row(article.article_id, sent, s, e, text, None,
                           "ambiguous: " + " | ".join(sorted(b[1] for b in bodies)), None, "body")
            else:
                row = _row(article.article_id, sent, s, e, text, name_key(word, rules), word, "organisation", "body")
            rows.append(row)
            taken.add(s, e)
    return rows


def _sentence_at(article):
    """``article.sentence_at`` with the sentences' starts listed once, not at each call (once per
    recurring acronym: every sentence of the article per mention)."""
    starts = [s.start for s in article.sentences]

    def at(offset: int):
        k = bisect_right(starts, offset) - 1
        return article.sentences[k] if k >= 0 else None
    return at


def _surnames(article, persons, taken, rules, unresolved: bool):
    """Step 3: a single capitalised word that is the surname of a person named in full in the
    article (two such persons: a row only with ``unresolved``, naming them)."""
    text, aid = article.text, article.article_id
    out = []
    for sent in article.sentences:
        doc = sent.doc
        if doc is None:
            continue
        for tok in doc:
            if not tok.text[:1].isupper():
                continue   # (any part of speech: the small model tags "Zelenskyy" a noun)
            who = persons.get(name_key(tok.text, rules))
            if not who:
                continue
            s, e = sent.offset(tok)
            if taken.overlaps(s, e):
                continue   # part of a full name, or of another mention
            if len(who) == 1:
                key, name = next(iter(who))
                out.append(_row(aid, sent, s, e, text, key, name, "person", "surname"))
            elif unresolved:
                out.append(_row(aid, sent, s, e, text, None, "ambiguous: " + " | ".join(sorted(n for _, n in who)),
                                None, "surname"))
    return out


def _fits(acronym: str, name: str) -> bool:
    """Whether ``acronym`` can abbreviate ``name``: its first letter is the first letter of one of
    the name's capitalised words, and it has at least two capitals."""
    if len(_CAPS.findall(acronym)) < 2:
        return False
    initials = [w[0] for w in _WORD.findall(name) if w[:1].isupper()]
    return bool(initials) and acronym[0] in initials


# ------------------------------------------------------------------------------------------------
# Across articles


def merge_across_articles(rows) -> dict[str, tuple[str, str, str]]:
    """old actor_id -> (actor_id, name, kind) for the actors the gazetteer does not know (their
    rows have no affiliation), from the mention rows of every article (a frame with actor_id,
    actor, kind, affiliation, surface, method):

    * a one-word person (a surname named alone in an article) or an acronym joins the one
      full name elsewhere in the corpus whose last word, or whose acronym definition, it is;
      with two candidates it stays as it is (no guess);
    * each actor is named by the name its ``ner`` mentions write most (the longest first on a
      tie), and its ``kind`` is the one its entities have most often."""
    own = rows[rows["actor_id"].notna() & rows["affiliation"].isna()]
    if own.empty:
        return {}
    names = Counter(zip(own.loc[own["method"] == "ner", "actor_id"], own.loc[own["method"] == "ner", "actor"]))
    kinds = Counter(zip(own["actor_id"], own["kind"]))
    multi = {aid for aid, name in names if " " in name}
    by_last: dict[str, set] = defaultdict(set)
    for aid in multi:
        by_last[aid.rsplit("_", 1)[-1]].add(aid)
    by_acronym: dict[str, set] = defaultdict(set)
    for aid, surface in zip(own.loc[own["method"] == "acronym", "actor_id"], own.loc[own["method"] == "acronym", "surface"]):
        by_acronym[surface.lower()].add(aid)
    target: dict[str, str] = {}
    for aid in set(own["actor_id"]):
        if aid in multi or "_" in aid:
            continue
        cands = (by_last.get(aid, set()) if kinds.get((aid, "person")) else set()) | by_acronym.get(aid, set())
        if len(cands) == 1:
            target[aid] = next(iter(cands))
    # per actor, once: its spellings and kinds with their counts, and the name of its first row
    # (looked up per actor, not by a pass over every actor's counts or rows for each)
    spelled, kinds_of, first = defaultdict(list), defaultdict(list), {}
    for (a, n), c in names.items():
        spelled[a].append((n, c))
    for (a, k), c in kinds.items():
        if isinstance(k, str):
            kinds_of[a].append((k, c))
    for a, n in zip(own["actor_id"], own["actor"]):
        first.setdefault(a, n)
    out = {}
    for aid in set(own["actor_id"]):
        new = target.get(aid, aid)
        name = max(spelled[new], key=lambda nc: (nc[1], len(nc[0]), nc[0]))[0] if spelled[new] else first[aid]
        kind_counts = kinds_of[new] + (kinds_of[aid] if aid != new else [])
        kind = max(kind_counts, key=lambda kc: (kc[1], kc[0]))[0] if kind_counts else None
        out[aid] = (new, name, kind)
    return out


def combine_parts(parts: list):
    """The mentions table of a corpus extracted in parts (partitions, machines), from the parts'
    tables: their rows in order, and each actor the gazetteer does not know named alike in every
    part (the spelling written most, its most frequent kind).  Ids do not change (a name's key is
    the same in every part), so the quotes of the parts keep agreeing with the mentions; only the
    joins of a lone surname or an acronym to a full name stay within a part."""
    import pandas as pd

    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame()
    df = pd.concat(parts, ignore_index=True)
    own = df[df["actor_id"].notna() & df["affiliation"].isna()]
    if own.empty:
        return df
    name = own.groupby("actor_id")["actor"].agg(lambda s: max(s.value_counts().items(),
                                                                 key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0])
    kind = own.groupby("actor_id")["kind"].agg(lambda s: s.value_counts().index[0])
    mask = df["actor_id"].isin(name.index) & df["affiliation"].isna()
    df.loc[mask, "actor"] = df.loc[mask, "actor_id"].map(name)
    df.loc[mask, "kind"] = df.loc[mask, "actor_id"].map(kind)
    return df
