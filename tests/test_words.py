"""nlp.words: a sentence's parse read once into plain words answers as spaCy's tokens do (the
casualty readers take either), and claims read through it are those read from spaCy."""
import pytest

from conflictnews.extractors import casualties as C, figures as F
from conflictnews.nlp import parse_many
from conflictnews.nlp.words import words

TEXTS = [
    "The Hamas-run health ministry said on Sunday that at least 112 aid workers, including 6,000 "
    "children, had been killed (13 men and 1 woman) since October 7.",
    "Of the 52 people killed in the raid, 40 were civilians, according to the army.",
    "killed 1 " * 40,
]
ATTRS = ["i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "like_num", "is_punct",
         "is_space"]


@pytest.fixture(scope="module")
def docs():
    return parse_many(TEXTS, None, C.NEEDS, workers=1)


def test_every_word_answers_as_its_token(docs):
    for doc in docs:
        sent = words(doc)
        assert sent.text == doc.text and len(sent) == len(doc) and words(sent) is sent
        for t, w in zip(doc, sent):
            assert [getattr(w, a) for a in ATTRS] == [getattr(t, a) for a in ATTRS]
            assert w.head.i == t.head.i and [c.i for c in w.children] == [c.i for c in t.children]
            assert (w.left_edge.i, w.right_edge.i) == (t.left_edge.i, t.right_edge.i)
            assert [s.i for s in w.subtree] == [s.i for s in t.subtree]
        for a, b in [(0, 3), (2, len(doc)), (-3, -1), (5, 2), (0, 0)]:
            span, stretch = doc[a:b], sent[a:b]
            assert (stretch.text, stretch.start, stretch.end) == (span.text, span.start, span.end)
            assert [w.i for w in stretch] == [t.i for t in span]


def test_figures_read_from_words_are_those_read_from_spacy(docs):
    rules = C.load_rules()
    for doc in docs:
        def read(d):
            return [(f.number.value, f.outcome, f.how, f.relation, f.group, f.span, f.qualifier,
                     f.part_of.number.start if f.part_of else None) for f in F.read_figures(d, rules, {})]
        assert read(words(doc)) == read(doc)
