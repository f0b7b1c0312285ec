"""Who a figure is attributed to, read from the parse: the source, the outlet it came through
(``via``) and the hedges on it.

    attributions(doc, rules)            # every attribution of a sentence
    source_of(token, found, rules)      # (source, via, verb) for a figure's token

An attribution is one of:

* a speech or attribution verb with a subject: "the ministry SAID (that) ...", "..., the army
  SAID", "what officials SAY are ..."; the subject is the source, and its reach is the verb's
  subtree without the subject;
* a phrase of ``according_to`` ("ACCORDING TO the army", "CITING officials", "AS REPORTED BY
  DPA"): its object is the source, its reach is the subtree of the word the phrase attaches to.

A figure takes the innermost attribution whose reach holds it, unless a clause break lies between
("..., the spokesman said, AS the toll moves toward 10,000": the toll is the writer's).  An outer
attribution whose source is an outlet, or the person a source TOLD ("Zelensky told the Associated
Press"), or the "report by CNN" a claim is "according to", is the ``via``.  A pronoun source ("he
said") is not recorded.  Every word is in ``resources/casualties.yml`` (``sources``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..nlp import phrases as ph

SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass
class Attribution:
    source: object | None     # the source's head token (None: a pronoun or no usable phrase)
    phrase: str | None        # the source as written
    verb: object              # the speech verb, or the last word of the according-to phrase
    root: object              # the token whose subtree the attribution reaches
    exclude: object | None    # a subtree inside ``root`` it does not reach (its own subject)
    kind: str                 # verb, according
    via: str | None = None    # the outlet the source spoke to ("told the Associated Press")
    is_outlet: bool = False   # the source is an outlet or a report by one ("a report by CNN")


def phrase_of(head, rules, stop: int | None = None) -> str | None:
    """The source phrase headed by ``head``: the noun phrase with its prepositional phrases
    ("health officials IN the Hamas-run enclave IN Gaza"), without a leading determiner, a
    relative clause, an apposition or anything after a comma; None for a pronoun alone."""
    doc = head.doc
    if head.lower_ in rules.pronouns or head.pos_ == "PRON":
        return None
    np = ph.noun_phrase(head)
    left, right = np.start, np.end - 1
    for child in head.children:
        if child.dep_ == "prep" and child.i > head.i and child.lower_ not in rules.phrase_ends:
            right = max(right, child.right_edge.i)
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < head.i:
            left = min(left, child.left_edge.i)
    if stop is not None:
        right = min(right, stop - 1)
    toks = list(doc[left:right + 1])
    for k, t in enumerate(toks):       # stop at a comma, a dash or a bracket inside the phrase
        if k and t.text in (",", "—", "–", "(", ";", ":"):
            toks = toks[:k]
            break
    while toks and (toks[0].lower_ in rules.source_determiners or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    text = doc[toks[0].i:toks[-1].i + 1].text    # (a span's text: Doc.text joins every token)
    if any(ch.isdigit() for ch in text):
        return None
    words = text.split()
    if all(w.lower() in rules.pronouns for w in words):
        return None
    if not (any(w[0].isupper() for w in words) or any(t.lemma_.lower() in rules.source_words
                                                      or t.lower_ in rules.source_words for t in toks)):
        return None
    return text


def _outlet_of(noun, rules):
    """"a REPORT by CNN", "an INTERVIEW with the Financial Times": the outlet's head, or None."""
    if noun.lemma_.lower() not in rules.via_nouns:
        return None
    for _prep, obj in ph.prepositional(noun, *rules.outlet_preps):
        return obj
    return None


def _is_outlet(token) -> bool:
    return token.ent_type_ in ("ORG", "WORK_OF_ART") or (token.pos_ == "PROPN" and token.ent_type_ != "PERSON")


def attributions(doc, rules, harm: set[int] = frozenset()) -> list[Attribution]:
    """Every attribution of one sentence (see the module doc); ``harm``: the positions of the
    sentence's words of harm, which are never speech verbs ("the strike CLAIMED 1,200 lives")."""
    found = []
    lows = [t.lower_ for t in doc]
    for words in rules.according:          # "according to", "citing", "as reported by"
        n = len(words)
        for i in range(len(doc) - n + 1):
            if lows[i:i + n] != list(words):
                continue
            last = doc[i + n - 1]
            obj = ph.object_after(last)
            if obj is None:
                continue
            first = doc[i]
            root = first.head if first.head != first else first
            # "as reported by": the phrase's verb attaches to the clause it reports on
            if root.i in range(i, i + n) and root.head != root:
                root = root.head
            if i > 0 and doc[i - 1].text == "," and _ends_sentence(doc, obj):
                root = ph.sentence_root(first)   # "..., according to X." at the end: the whole sentence
            outlet = _outlet_of(obj, rules)
            if outlet is not None:
                found.append(Attribution(outlet, phrase_of(outlet, rules), last, root, None, "according",
                                         is_outlet=True))
            else:
                found.append(Attribution(obj, phrase_of(obj, rules), last, root, None, "according",
                                         is_outlet=_is_outlet(obj)))
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in rules.speech_verbs or verb.i in harm:
            continue
        if verb.lemma_.lower() == "put" and not any(c.dep_ == "dobj" and c.lemma_.lower() in rules.toll_nouns
                                                    for c in verb.children):
            continue                       # "put the toll at": a statement; "put" alone is not
        if verb.dep_ in ("amod", "compound"):
            continue
        subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if not subj:
            subj = ph.subjects(verb) if verb.dep_ in ("conj", "xcomp") else []
        if not subj:
            continue
        s = subj[0]
        if (s.lower_ in rules.what_words or s.lower_ in rules.relative_pronouns) and verb.dep_ != "relcl":
            continue
        if s.dep_ == "nsubjpass" and verb.tag_ == "VBN":
            continue                       # "were reported killed": no source named
        via = None
        lemma = verb.lemma_.lower()
        obj = next((c for c in verb.children if c.dep_ in ("dative", "dobj") and c.pos_ in ("PROPN", "NOUN")
                    and c.lower_ not in rules.pronouns), None)
        if lemma in rules.quoting_verbs and obj is not None:
            # "the agency QUOTED the governor as saying": the governor is the source
            found.append(Attribution(obj, phrase_of(obj, rules), verb, verb, s, "verb", via=phrase_of(s, rules)))
            continue
        if lemma in rules.told_verbs and obj is not None:
            via = phrase_of(obj, rules)
        for prep, pobj in ph.prepositional(verb, *rules.via_preps):
            outlet = _outlet_of(pobj, rules)
            if outlet is not None:
                via = via or phrase_of(outlet, rules)
            elif pobj.pos_ == "PROPN" and _is_outlet(pobj):
                via = via or phrase_of(pobj, rules)
        found.append(Attribution(s, phrase_of(s, rules), verb, verb, s, "verb", via=via,
                                 is_outlet=_is_outlet(s)))
    found.extend(_mistagged(doc, rules, harm))
    return found


def _mistagged(doc, rules, harm) -> list[Attribution]:
    """A speech verb the tagger took for a noun, before "that" ("officials in Gaza REPORT that
    ..." parsed as "Gaza report"): its subject is the subject of the clause "that" opens, when
    that subject stands before it."""
    out = []
    for t in doc[:-1]:
        nxt = doc[t.i + 1]
        if t.pos_ != "NOUN" or t.i in harm or t.lemma_.lower() not in rules.speech_verbs or \
                nxt.lower_ != "that" or nxt.dep_ != "mark":
            continue
        clause = nxt.head
        subj = [c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.i < t.i]
        if not subj and clause.dep_ == "relcl" and clause.head.i < t.i:
            subj = [clause.head]            # the clause taken for a relative clause of the subject
        if not subj:
            continue
        s = subj[0]
        out.append(Attribution(s, phrase_of(s, rules, stop=t.i), t, clause, None, "verb", is_outlet=_is_outlet(s)))
    return out


def _ends_sentence(doc, obj) -> bool:
    """Nothing but the object's own phrase and punctuation follows it."""
    return all(t.is_punct for t in doc[obj.right_edge.i + 1:])


def _path_is_clear(token, root, rules) -> bool:
    """No clause break between ``token`` and the attribution's ``root``: no clause on the way up
    introduced by a break word ("as", "while", "until", "where", "which"...)."""
    t = token
    for _ in range(40):
        if t == root:
            return True
        if t.dep_ in ("advcl", "relcl", "acl", "conj", "parataxis"):
            for c in t.children:
                if c.dep_ in ("mark", "nsubj", "nsubjpass", "advmod", "cc") and c.lower_ in rules.clause_breaks:
                    return False
            if t.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in rules.clause_breaks for c in t.head.children):
                return False
        if t.head == t:
            return False
        t = t.head
    return False


def _reaches(att: Attribution, token, rules) -> bool:
    root = att.root
    if not (root.left_edge.i <= token.i <= root.right_edge.i):
        return False
    if att.exclude is not None and att.exclude.left_edge.i <= token.i <= att.exclude.right_edge.i:
        return False
    # below the root in the tree (its subtree is contiguous in a projective parse, not always here)
    return ph.dominates(root, token) and _path_is_clear(token, root, rules)


def source_of(token, found: list[Attribution], rules):
    """(source phrase, via, the attribution verb token) for a figure whose number or word of
    harm is ``token``; (None, None, None) when no attribution reaches it."""
    reach = [a for a in found if a.verb != token and _reaches(a, token, rules)]
    if not reach:
        return None, None, None
    # innermost first; at the same depth an according-to phrase before a verb's subject
    reach.sort(key=lambda a: (-ph.depth(a.root), a.kind != "according", a.is_outlet))
    inner = [a for a in reach if not (a.kind == "according" and a.is_outlet and len(reach) > 1)]
    best = inner[0] if inner else reach[0]
    via = best.via
    for other in reach:
        if other != best and other.phrase and other.phrase != best.phrase and (other.is_outlet or not via):
            if other.is_outlet or other.kind == "verb":
                via = via or other.phrase
    return best.phrase, via, best.verb
