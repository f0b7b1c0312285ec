"""Reading the parse: the questions every extractor asks of a sentence, answered once.

Built on spaCy's English dependency labels (ClearNLP style, as in every ``en_core_web_*``
pipeline).  Each function takes a ``Token`` and returns tokens or spans of the same ``Doc``; none
keeps state.  In the spirit of textacy's ``expand_noun``/``expand_verb``: small readers the
extractors compose instead of each writing its own rules for the same question.

    head = nominal_head(number)          # "112" in "killed 112 aid workers" -> "workers"
    noun_phrase(head)                    # "112 aid workers"
    governor(head)                       # ("killed", "dobj")
    subjects(verb), agent(verb)          # who does it ("the strikes"), the by-phrase of a passive
    clause_verb(token)                   # the verb of the clause a word is in
    sentence_root(token), depth(token), dominates(a, t), object_after(word)

Tokens are compared with ``==`` (their position), never ``is``: spaCy builds a new ``Token``
object each time one is asked for.
"""
from __future__ import annotations

from bisect import bisect_right

from typing import Iterator

# Dependents that belong to a noun phrase: determiners, modifiers, compounds, numbers, the
# possessive and its marker, name parts.  Prepositional phrases, clauses and appositions are the
# phrase's context, not the phrase (ask for them with ``with_of``/``appositions``).
NP_DEPS = frozenset({"det", "predet", "amod", "compound", "nummod", "quantmod", "poss", "case", "nmod", "nn",
                     "flat", "advmod", "neg", "npadvmod", "prt"})
# Dependents that attach a word to the noun it modifies (climbed by ``nominal_head``).
MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "nn", "flat", "poss", "det",
                           "predet", "advmod", "case"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "dative", "iobj"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X", "SYM"})
VERBAL_POS = frozenset({"VERB", "AUX"})
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp", "csubj",
                         "csubjpass"})


def nominal_head(token):
    """The noun a word belongs to: climbs numbers, compounds and modifiers to their head
    ("112" in "112 aid workers" -> "workers"; "Forces" in "Rapid Support Forces" stays)."""
    seen = 0
    while token.dep_ in MODIFIER_DEPS and token.head != token and token.head.pos_ in NOMINAL_POS and seen < 8:
        token = token.head
        seen += 1
    return token


def noun_phrase(head, *, with_of: bool = False):
    """The span of the noun phrase ``head`` heads: its determiners, modifiers, compounds, numbers
    and possessor ("the Sudanese paramilitary's 112 aid workers"), without prepositional phrases,
    clauses or appositions.  ``with_of=True`` keeps "of" phrases ("the bodies of 12 men")."""
    doc = head.doc
    left = right = head.i
    # the words kept, from the head down (a stack, not a recursive closure: each call of one made
    # a reference cycle, garbage only the collector frees, per noun phrase)
    todo = [head]
    while todo:
        for child in todo.pop().children:
            keep = child.dep_ in NP_DEPS or (with_of and child.dep_ == "prep" and child.lower_ == "of")
            if child.dep_ == "pobj" and with_of:
                keep = True
            if not keep:
                continue
            left, right = min(left, child.left_edge.i if child.dep_ == "prep" else child.i), \
                max(right, child.right_edge.i if child.dep_ == "prep" else child.i)
            if child.dep_ != "prep":
                todo.append(child)
            else:
                for sub in child.subtree:
                    left, right = min(left, sub.i), max(right, sub.i)
    # a phrase never starts or ends with punctuation ("the ‘terrorists’" keeps its words)
    while left < right and doc[left].is_punct and doc[left].dep_ != "case":
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return doc[left:right + 1]


def appositions(head) -> list:
    """Nouns set beside ``head`` by apposition ("Maria Duarte, a spokesperson for ..." ->
    [spokesperson]), and the acronym in brackets ("Rapid Support Forces (RSF)" -> [RSF])."""
    return [c for c in head.children if c.dep_ == "appos"]


def conjuncts(token) -> list:
    """``token`` and the words coordinated with it, in order ("6,000 children, 2,900 women and 540
    elderly" from any of the three)."""
    return sorted(token.conjuncts + (token,), key=lambda t: t.i)


def governor(head) -> tuple:
    """(the word that governs a noun phrase, the relation): the verb whose subject or object it
    is ("killed", "dobj"; "killed", "nsubjpass"), or through a preposition the word the
    preposition attaches to ("deaths", "prep:of" for "the deaths of 210 people").  A conjunct
    takes its first conjunct's governor.  (None, "") at the root."""
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ == "pobj" and head.head.dep_ in ("prep", "agent"):
        prep = head.head
        return prep.head, f"{prep.dep_ if prep.dep_ == 'agent' else 'prep'}:{prep.lower_}"
    if head.dep_ == "ROOT" or head.head == head:
        return None, ""
    return head.head, head.dep_


def clause_verb(token):
    """The verb heading the clause ``token`` is in (the token itself when it is one)."""
    seen = 0
    while seen < 64:
        if token.pos_ in VERBAL_POS and (token.dep_ in CLAUSE_DEPS or token.head == token):
            return token
        if token.head == token:
            return token
        token = token.head
        seen += 1
    return token


def is_passive(verb) -> bool:
    """Whether a verb is in the passive ("were killed", "killed by", a participle with a by-agent)."""
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass", "agent") for c in verb.children)


def subjects(verb) -> list:
    """The subjects of ``verb``, following what the parse leaves implicit: a verb coordinated with
    another shares its subject ("killed one man and injured three"), a relative clause's subject
    is the noun it modifies ("the army, which said ..."), an open complement's is its governor's
    ("vowed to continue")."""
    seen = 0
    while seen < 16:
        found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if found:
            return found
        if verb.dep_ == "conj" and verb.head != verb:
            verb = verb.head
        elif verb.dep_ in ("relcl", "acl") and verb.head != verb:
            return [verb.head]
        elif verb.dep_ == "xcomp" and verb.head != verb:
            verb = verb.head
        else:
            return []
        seen += 1
    return []


def agent(verb):
    """The noun of a passive verb's by-phrase ("killed by Israeli strikes" -> "strikes"), or None."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def objects(verb) -> list:
    """The direct objects (and attributes) of ``verb``, with their conjuncts."""
    found = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            found.extend(conjuncts(child))
    return found


def prepositional(token, *preps: str) -> Iterator[tuple]:
    """(preposition, its object) for each prepositional phrase attached to ``token`` (only the
    given prepositions, lower-case, when any are named)."""
    for child in token.children:
        if child.dep_ in ("prep", "agent") and (not preps or child.lower_ in preps):
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield child, obj


def ancestors_until(token, stop_deps=("ROOT",)) -> Iterator:
    """The words above ``token`` up to (and including) the first whose relation is in ``stop_deps``."""
    seen = 0
    while token.head != token and seen < 64:
        token = token.head
        yield token
        if token.dep_ in stop_deps:
            return
        seen += 1


# ------------------------------------------------------------------------------------------------
# Who acts, who speaks (issue 10: actors and quotes)

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Verbs whose subject does not act: a place that "is" or "remains" something is still a place.
COPULAS = frozenset({"be", "become", "remain", "seem", "appear", "lie", "sit", "stand"})


def token_at(doc, char: int, starts: list[int] | None = None):
    """The token of ``doc`` that holds character ``char`` (a binary search over the tokens'
    offsets, ``starts``: pass ``token_starts(doc)`` when asking one document many times); None
    outside the text or on whitespace between tokens."""
    starts = token_starts(doc) if starts is None else starts
    i = bisect_right(starts, char) - 1
    if char < 0 or i < 0:   # (``doc.text`` is not asked: spaCy joins every token to make it)
        return None
    token = doc[i]
    return token if char < token.idx + len(token.text) else None


def token_starts(doc) -> list[int]:
    """The character offset of each token of ``doc``, in order (for ``token_at``)."""
    return [t.idx for t in doc]


def antecedent(token):
    """A relative pronoun's noun ("the army, which said ..." -> "army"); any other word itself."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ in ("relcl", "acl") and token.head.head != token.head:
        return token.head.head
    return token


def according_to(token):
    """The object of "according to" when ``token`` is its "according" ("according to the army"
    -> "army", through ``object_after``), else None."""
    if token.lower_ != "according":
        return None
    obj = object_after(token)
    if obj is None and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
        obj = object_after(token.nbor(1))   # "to" parsed beside "according", not under it
    return obj


def speaker_of(verb, *, relative: bool = True):
    """Who speaks through a speech verb: its subject, before or after it ("the army said",
    "..., said Maria Duarte"), through coordination and relative clauses (``subjects``); a
    relative pronoun gives its noun; "according to X" gives X.  None when the parse has no
    subject (a passive "was quoted", an imperative).  ``relative=False`` keeps a relative
    pronoun as written ("who said")."""
    obj = according_to(verb)
    if obj is not None:
        return obj
    # the nearest subject first: a parse may give a verb two ("alternatives ..., the Department
    # said": the second is the one next to the verb)
    for subj in sorted(subjects(verb), key=lambda t: abs(t.i - verb.i)):
        if subj.dep_ in ("expl", "csubj", "csubjpass") or subj.pos_ in ("VERB", "AUX"):
            continue
        return antecedent(subj) if relative else subj
    return None


def acts(head) -> bool:
    """Whether a noun acts or speaks in its sentence, as a place name does by metonymy ("Kyiv
    said", "Washington decided", "according to Moscow", "killed by Russia") rather than being
    where something happens ("a strike on Kyiv"): the subject of a verb that is not a copula,
    the agent of a passive, the object of "according to", or coordinated with a noun that acts."""
    for tok in conjuncts(head):
        if tok.dep_ == "nsubj" and tok.head.pos_ in VERBAL_POS and tok.head.lemma_ not in COPULAS:
            return True
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
            return True
    return False


def speaks_for(head) -> list:
    """The nouns a speaker phrase says its head speaks for: its possessor ("the ministry's
    spokesperson"), the object of its "for"/"of" ("a spokesperson for the relief group"), and
    the same in an apposition to it ("Maria Duarte, a spokesperson for the relief group")."""
    found = []
    for tok in (head, *appositions(head)):
        for child in tok.children:
            if child.dep_ == "poss":
                found.append(child)
        for _prep, obj in prepositional(tok, "for", "of"):
            found.append(obj)
    return found


def reported_clause(verb):
    """The span of what a speech verb reports, as the parse has it: its complement clause
    ("said [that the talks failed]", "urged Israel [to stop]"), or, for a verb set after what it
    reports ("[The talks failed], she said"), the clause it hangs on up to the verb.  None when
    the parse gives neither."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > verb.i:
            return doc[child.left_edge.i:child.right_edge.i + 1]
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i:
            return doc[child.left_edge.i:child.right_edge.i + 1]
    if verb.dep_ in ("parataxis", "advcl", "ccomp") and verb.head.i < verb.i:
        head = verb.head
        end = verb.left_edge.i - 1
        while end > head.left_edge.i and (doc[end].is_punct and doc[end].text not in "\"”’'"):
            end -= 1
        if end >= head.left_edge.i:
            return doc[head.left_edge.i:end + 1]


def sentence_root(token):
    """The root of the sentence ``token`` is in (climbing at most 64 heads)."""
    for _ in range(64):
        if token.head == token:
            break
        token = token.head
    return token


def depth(token) -> int:
    """How many heads lie between ``token`` and the root (the root: 0; at most 64)."""
    d = 0
    while token.head != token and d < 64:
        token = token.head
        d += 1
    return d


def dominates(ancestor, token, limit: int = 40) -> bool:
    """Whether ``ancestor`` is ``token`` or lies above it in the tree (at most ``limit`` heads up)."""
    for _ in range(limit):
        if token == ancestor:
            return True
        if token.head == token:
            return False
        token = token.head
    return False


def object_after(word):
    """The noun a word introduces: its object, or its preposition's object ("according TO the
    army" -> army from "to"; "citing officials" -> officials; "as reported BY DPA" -> DPA)."""
    for c in word.children:
        if c.dep_ in ("pobj", "dobj"):
            return c
    for c in word.children:
        if c.dep_ in ("prep", "agent"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None
