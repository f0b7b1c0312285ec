"""Dense sentences (issue 14, "linear by construction"): the quote and mention readers do, per
speech event and per mention, the work of that event or mention, not of its whole sentence; and
they find what they found before.  No timing here: each test checks a result against the
definition it replaces, or that a per-verb computation is done once."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import example, given, settings, strategies as st

from conflictnews.extractors import named, quotes as q
from conflictnews.extractors.actors import MENTION_NEEDS, article_rows
from conflictnews.extractors.quotes import QUOTE_NEEDS, article_quote_rows
from conflictnews.extractors.registry import articles_parsed, single
from conflictnews.nlp import phrases as ph

CHAIN = 'Blinken said that Biden told reporters that Netanyahu said "Hamas must go," and '
SCARE = '"a" said he '

# ------------------------------------------------------------------------------------------------
# Text scans: the same answers as the code they replace, without reading the rest of the clause

_PIECES = list("ab C,;—–()-_'’é\t\n1.") + ["the ", "which ", " - ", ", a ", ", the ", "Gaza ", "  "]
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _old_clause_end(text, s, e, marks):
    """``quotes._clause_end`` as it was (a mark matched with the spaces before it, every word of
    the clause listed, the rest of the clause copied)."""
    cut = e
    m = marks.search(text, s, e)
    if m:
        cut = m.start()
    for g in q._GLOSS.finditer(text, s, cut):
        if g.group().rstrip().endswith(("the", "a", "an")):
            prev = q._WORDS.findall(text, s, g.start())
            if not prev or not prev[-1][:1].isupper() or "," in text[g.end():cut]:
                continue
        cut = g.start()
        break
    while cut > s and text[cut - 1].isspace():
        cut -= 1
    return cut if len(text[s:cut].split()) >= 2 else e


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_clause_end_is_the_one_that_read_the_whole_clause(text, data):
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    assert q._clause_end(text, s, e) == _old_clause_end(text, s, e, re.compile(r"\s*;"))
    assert q._clause_end(text, s, e, q._CLAUSE_MARK) == \
        _old_clause_end(text, s, e, re.compile(r"\s*[—–;()]|\s+-\s"))


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(-40, 40), st.integers(-40, 40), st.integers(1, 5))
def test_word_counts_stop_where_split_would_have_gone_on(text, s, e, enough):
    """Any offsets, as a slice takes them (negative ones too)."""
    assert q._n_words(text, s, e, enough) == min(len(text[s:e].split()), enough)
    words = q._WORDS.findall(text, max(s, 0), max(e, 0))
    if 0 <= s <= e:
        assert q._last_word(text, s, e) == (words[-1] if words else "")
        assert q._count(q._WORDS, text, s, e, enough) == min(len(words), enough)


# ------------------------------------------------------------------------------------------------
# The parse: read per verb once, and a clause only as far as the answer needs


@pytest.fixture(scope="module")
def told():
    return single("Blinken told Fox News Sunday that the talks failed, and Biden told reporters "
                  "of the Associated Press in Washington that Israel must stop.", needs=QUOTE_NEEDS)


def _old_names_only(doc, start, end):
    span = doc.char_span(max(start, 0), min(end, len(doc.text)), alignment_mode="contract")
    toks = [t for t in span if not t.is_punct] if span is not None else []
    return bool(toks) and all(t.pos_ in ("PROPN", "DET", "ADP", "CCONJ") for t in toks) and \
        any(t.pos_ == "PROPN" for t in toks)


def test_names_only_stops_early_and_answers_as_before(told):
    """Every span between two character offsets (token edges or not, and past the end)."""
    sent = told.sentences[0]
    parse = q._Parse([(sent.start, sent.end, sent.para_id)], [sent.doc])
    edges = sorted({t.idx for t in sent.doc} | {t.idx + len(t) for t in sent.doc} | {3, len(sent.text) + 5})
    answers = Counter()
    for a in edges:
        for b in edges:
            got = parse.names_only(sent.start + a, sent.start + b)
            assert got == _old_names_only(sent.doc, a, b), (sent.text[a:b], got)
            answers[got] += 1
    assert answers[True] and answers[False]   # both answers are exercised ("Fox News Sunday")


def _calls(monkeypatch, owner, name):
    """Record the arguments (but the first, for a method) of each call of ``owner.name``."""
    seen = []
    real = getattr(owner, name)
    method = isinstance(owner, type)

    def spy(*args):
        seen.append(args[1:] if method else args)
        return real(*args)
    monkeypatch.setattr(owner, name, spy)
    return seen


@pytest.mark.parametrize("text", [CHAIN * 8, SCARE * 30])
def test_a_verb_is_read_once_however_many_events_ask(monkeypatch, text):
    """A speech verb between two quoted passages is asked for its speaker and whether it is
    passive as the verb after one, the verb before the next and as reported speech: each is
    read from the parse once per verb."""
    article = single(text, needs=QUOTE_NEEDS)
    mentions = article_rows(article)
    speakers = _calls(monkeypatch, q._Parse, "_speaker")
    passive = _calls(monkeypatch, q, "_passive_or_noun")
    rows = article_quote_rows(article, mentions)
    assert speakers or passive
    assert len(set(speakers)) == len(speakers)
    assert len(set(passive)) == len(passive)
    monkeypatch.undo()
    assert article_quote_rows(article, mentions) == rows


# ------------------------------------------------------------------------------------------------
# Mentions: an entity a gazetteer hit holds is not read, and that changes no row


def test_entities_within_gazetteer_hits_are_not_read(monkeypatch):
    article = single("Hamas-run " * 40, needs=MENTION_NEEDS)
    entities = sum(len(s.doc.ents) for s in article.sentences)
    read = _calls(monkeypatch, named._Names, "name_of")
    rows = article_rows(article)
    assert entities and not read
    assert [(r["start"], r["end"], r["actor_id"]) for r in rows] == [(10 * i, 10 * i + 5, "hamas") for i in range(40)]


ACRONYMS = ("Hamas-run " * 6 + "the Hamas Health Office (HHO) and Rapid Support Forces (RSF) fighters said. "
            "The HHO and the RSF said the Israel Defense Forces (IDF) and Hamas-run IDF units ...")


def test_holding_back_entities_changes_no_mention(monkeypatch, seeds):
    """Every mention of the seeds and of dense text with acronym definitions is the one found
    when every entity is read (no gazetteer hit holding any)."""
    articles = list(articles_parsed(seeds, MENTION_NEEDS)) + [single(ACRONYMS, needs=MENTION_NEEDS)]
    held = [article_rows(a, unresolved=True) for a in articles]
    monkeypatch.setattr(named._Within, "holds", lambda self, s, e: False)
    assert [article_rows(a, unresolved=True) for a in articles] == held


class _Sentence:
    """What ``_defined_by_acronym`` asks of the article's sentences."""
    start = 0


class _Article:
    def __init__(self, text: str) -> None:
        self.text, self.sentence = text, _Sentence()
        self.sentences = (self.sentence,)


class _HeldNames:
    """A ``_Names`` whose entities held back by a gazetteer hit are ``held`` (counted when read)."""

    def __init__(self, held) -> None:
        self.held, self.reads = held, 0

    def candidates(self, sent, ents, blocked, held: bool):
        self.reads += 1
        return list(ents) if held else []


@pytest.mark.parametrize("held_word", [None, "Future"])
def test_an_acronym_definition_still_sees_the_entities_held_back(held_word):
    """An entity a gazetteer hit holds still keeps an acronym's name from overlapping it (read
    when the acronym asks, once for its sentence however many acronyms ask)."""
    text = "the Better Future Fund (BFF) and the Big Fine Fund (BFF) said"
    article = _Article(text)
    held = []
    if held_word:
        at = text.index(held_word)
        held = [(article.sentence, at, at + len(held_word), held_word, "organisation", 1)]
    names = _HeldNames(held)
    candidates = []
    by_sentence = named._BySentence(candidates, [(article.sentence, held)], names, None)
    defined = named._defined_by_acronym(article, candidates, by_sentence)
    names_defined = sorted(text[s:e] for s, e in defined)
    assert names_defined == (["Big Fine Fund"] if held_word else ["Better Future Fund", "Big Fine Fund"])
    assert names.reads == 1


def test_recurring_acronyms_find_their_sentence_as_the_article_does(monkeypatch):
    """Each recurrence of an acronym the article defines is a row of its own sentence, found from
    the sentences' starts listed once (not once per recurrence)."""
    text = "Fighters of the Northern Valley Defence Council (NVDC) said. " + "The NVDC and NVDC fighters said. " * 30
    article = single(text, needs=MENTION_NEEDS)
    rows = article_rows(article)
    acronym = [r for r in rows if r["method"] == "acronym" and r["surface"] == "NVDC"]
    assert len(acronym) == 60
    for r in acronym:
        sent = article.sentences[r["sent_id"]]
        assert sent.start <= r["start"] < sent.end
    at = named._sentence_at(article)
    assert all(at(pos) is article.sentence_at(pos) for pos in range(-1, len(text) + 2, 7))
    monkeypatch.setattr(named, "_sentence_at", lambda article: article.sentence_at)
    assert article_rows(article) == rows


# ------------------------------------------------------------------------------------------------
# Across articles: each actor's spellings and kinds grouped once, not searched for per actor


def _old_merge_across_articles(rows):
    """``named.merge_across_articles`` as it was: every actor's counts and rows scanned per actor."""
    from collections import defaultdict

    own = rows[rows["actor_id"].notna() & rows["affiliation"].isna()]
    if own.empty:
        return {}
    names = Counter(zip(own.loc[own["method"] == "ner", "actor_id"], own.loc[own["method"] == "ner", "actor"]))
    kinds = Counter(zip(own["actor_id"], own["kind"]))
    multi = {aid for aid, name in names if " " in name}
    by_last = defaultdict(set)
    for aid in multi:
        by_last[aid.rsplit("_", 1)[-1]].add(aid)
    by_acronym = defaultdict(set)
    for aid, surface in zip(own.loc[own["method"] == "acronym", "actor_id"], own.loc[own["method"] == "acronym", "surface"]):
        by_acronym[surface.lower()].add(aid)
    target = {}
    for aid in set(own["actor_id"]):
        if aid in multi or "_" in aid:
            continue
        cands = (by_last.get(aid, set()) if kinds.get((aid, "person")) else set()) | by_acronym.get(aid, set())
        if len(cands) == 1:
            target[aid] = next(iter(cands))
    out = {}
    for aid in set(own["actor_id"]):
        new = target.get(aid, aid)
        spelled = [(n, c) for (a, n), c in names.items() if a == new]
        name = max(spelled, key=lambda nc: (nc[1], len(nc[0]), nc[0]))[0] if spelled else \
            own.loc[own["actor_id"] == aid, "actor"].iloc[0]
        kind_counts = [(k, c) for (a, k), c in kinds.items() if a in (new, aid) and isinstance(k, str)]
        kind = max(kind_counts, key=lambda kc: (kc[1], kc[0]))[0] if kind_counts else None
        out[aid] = (new, name, kind)
    return out


_ACTORS = [("hassan", "Hassan", "HASSAN"), ("ali_hassan", "Ali Hassan", "Ali Hassan"),
           ("ali_hassan", "Ali Hasan", "Ali Hasan"), ("rsf", "RSF", "RSF"), ("nvdc", "NVDC", "NVDC"),
           ("northern_valley_council", "Northern Valley Council", "Northern Valley Council"),
           ("dagalo", "Dagalo", "Dagalo"), ("hamas", "Hamas", "Hamas")]
mention_rows = st.lists(st.tuples(st.sampled_from(_ACTORS), st.sampled_from(["person", "organisation", None]),
                                  st.sampled_from(["ner", "surname", "acronym"]), st.booleans()), max_size=40)


@settings(max_examples=200, deadline=None)
@given(mention_rows)
@example([(_ACTORS[1], "organisation", "ner", False), (_ACTORS[0], "person", "surname", False),
          (_ACTORS[0], "person", "ner", False), (_ACTORS[3], None, "acronym", False)])   # "Hassan" joins
def test_merging_across_articles_groups_once_and_merges_as_before(drawn):
    import pandas as pd

    rows = pd.DataFrame([{"actor_id": aid, "actor": actor, "surface": surface, "kind": kind, "method": method,
                          "affiliation": "hamas" if listed else None}
                         for (aid, actor, surface), kind, method, listed in drawn],
                        columns=["actor_id", "actor", "surface", "kind", "method", "affiliation"])
    assert named.merge_across_articles(rows) == _old_merge_across_articles(rows)


# ------------------------------------------------------------------------------------------------
# Noun phrases: the same words, and no garbage left for the collector per phrase


def _old_noun_phrase(head, with_of=False):
    """``phrases.noun_phrase`` as it was: a recursive closure (a reference cycle per call)."""
    doc = head.doc
    left = right = head.i

    def extend(tok):
        nonlocal left, right
        for child in tok.children:
            keep = child.dep_ in ph.NP_DEPS or (with_of and child.dep_ == "prep" and child.lower_ == "of")
            if child.dep_ == "pobj" and with_of:
                keep = True
            if not keep:
                continue
            left, right = min(left, child.left_edge.i if child.dep_ == "prep" else child.i), \
                max(right, child.right_edge.i if child.dep_ == "prep" else child.i)
            if child.dep_ != "prep":
                extend(child)
            else:
                for sub in child.subtree:
                    left, right = min(left, sub.i), max(right, sub.i)
    extend(head)
    while left < right and doc[left].is_punct and doc[left].dep_ != "case":
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return doc[left:right + 1]


def test_noun_phrases_are_the_same_and_leave_no_cycles(seeds):
    import gc

    docs = [s.doc for a in list(articles_parsed(seeds, QUOTE_NEEDS))[:2] for s in a.sentences][:40] + \
        [single(CHAIN * 4, needs=QUOTE_NEEDS).sentences[0].doc]
    heads = [t for doc in docs for t in doc]
    for with_of in (False, True):
        assert [(p.start, p.end) for p in (ph.noun_phrase(t, with_of=with_of) for t in heads)] == \
            [(p.start, p.end) for p in (_old_noun_phrase(t, with_of) for t in heads)]
    gc.collect()
    gc.disable()
    try:
        for t in heads:
            ph.noun_phrase(t, with_of=True)
        left = gc.collect()
    finally:
        gc.enable()
    assert left == 0
