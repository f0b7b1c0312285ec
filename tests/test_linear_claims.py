"""Issue 14: a dense sentence (a figure every two words) costs in proportion to its figures, each
at the price of a figure in news.  These tests check the mechanisms that make it so (what is done
once per sentence, what is looked up near a figure only) and that they change no result; the
speed itself is read from ``benchmarks/bench.py --hostile-only``, not tested."""
from __future__ import annotations

import random

import pytest

from conflictnews.extractors import victims as V


def _dense_two_best(scores: dict, sides: tuple) -> tuple:
    """The walk over every side that ``victims._two_best`` replaced (the reference)."""
    full = {s: scores.get(s, 0.0) for s in sides}
    top = second = None
    for s in sides:
        v = full[s]
        if top is None or v > full[top]:
            top, second = s, top
        elif second is None or v > full[second]:
            second = s
    return top, second


@pytest.mark.parametrize("profile", ["generic", "israel-gaza"])
def test_the_best_two_sides_read_from_the_sides_scored_equal_the_walk_over_every_side(profile):
    model = V.load_model(None, profile)
    rng = random.Random(14)
    sides = model.sides
    cases = [{}, {sides[0]: 0.0}, {sides[-1]: 1.0}, {sides[1]: -1.0}, {sides[0]: 2.0, sides[-1]: 2.0}]
    for _ in range(500):
        picked = rng.sample(sides, rng.randint(0, 4))
        cases.append({s: rng.choice([0.0, -0.5, 0.5, 1.0, 1.0, 3.25]) for s in picked})
    for scores in cases:
        assert V._two_best(scores, model) == _dense_two_best(scores, sides), scores


def test_side_scores_hold_only_the_sides_named_near_the_death_phrase():
    text = "Israeli strikes killed 40 Palestinians in Gaza, the ministry said."
    an = V.analyse(text, profile="israel-gaza")
    scores, own, _shared = V._anchor_scores(an, (an.deaths[0][0], an.deaths[0][1]))
    assert set(scores) <= {"palestinian", "israeli"} and scores["palestinian"] > 0
    assert set(own) <= set(scores)
    assert an.side((an.deaths[0][0], an.deaths[0][1])) == "palestinian"


def _reference_several(an: V.Analysis) -> str:
    """The side of a text of several death phrases as ``victims._side_from`` read it before it
    stopped at the second side (every death phrase decided, then combined)."""
    found = set()
    for d in an.deaths:
        side = None
        if d[2] == "verb" and d[3] != "agentless" and an.verbs:
            side = V._agency_side(an, d, None, an.actors())
        found.add(side if side is not None else V._decide(*V._anchor_scores(an, (d[0], d[1])), an.model))
    found.discard("none")
    if not found:
        return "none"
    return "both" if "both" in found or len(found) > 1 else found.pop()


SEVERAL = [
    "Israeli strikes killed 12 Palestinians, and Hamas gunmen killed 3 Israelis in a kibbutz.",
    "Hamas gunmen killed 3 Israelis. " * 3 + "Israeli strikes killed 40 Palestinians in Gaza.",
    "killed 1 " * 60,
    "The dead were buried on Sunday; 20 people died and 12 others were killed in the shelling.",
    ("killed 12 Palestinians , wounded 30 civilians injured 1,200 dead Israelis 5 hostages taken displaced "
     "40,000 people according to the Hamas-run health ministry said Israeli strikes killed children ") * 4,
]


@pytest.mark.parametrize("text", SEVERAL)
@pytest.mark.parametrize("profile", ["generic", "israel-gaza"])
def test_a_text_of_several_death_phrases_stops_at_its_second_side_with_the_same_answer(text, profile):
    an = V.analyse(text, profile=profile)
    assert len(an.deaths) > 1
    assert an.side() == _reference_several(an)


def test_every_number_of_a_dense_sentence_is_read_each_with_its_own_tokens():
    from conflictnews.extractors import casualties as C, figures as F
    from conflictnews.nlp import parse_many

    rules = C.load_rules()
    text = "".join(f"killed {k} " for k in range(1, 61))
    doc = parse_many([text], None, C.NEEDS, workers=1)[0]
    nums = F.numbers(doc, rules)
    assert [n.value for n in nums] == list(range(1, 61))
    assert all([t.text for t in n.tokens] == [n.text] and n.anchor.text == n.text for n in nums)
    figs = F.read_figures(doc, rules, {})   # (the parse may leave the last one without its verb)
    assert len(figs) >= 58 and [f.number.value for f in figs] == list(range(1, len(figs) + 1))
    assert {f.outcome for f in figs} == {"killed"}


def test_a_long_sentence_is_read_to_its_end():
    """Issue 14, nothing lost: a sentence of over 500 tokens (under the segmenter's cap in
    characters) keeps its last figures; the claims used to stop at its 400th token without a word."""
    import pandas as pd

    from conflictnews.corpus.load import Corpus
    from conflictnews.extractors.casualties import claims

    text = "".join(f"killed {k}, " for k in range(1, 175)).strip(", ") + "."
    assert len(text) < 2000
    articles = pd.DataFrame({"article_id": ["a"], "title": ["t"], "outlet": ["o"],
                             "published": pd.to_datetime(["2023-11-01"]), "text": [text], "n_chars": [len(text)]})
    corpus = Corpus(articles, pd.DataFrame(columns=["source", "article_id", "status", "reason"]),
                    pd.DataFrame(columns=["article_id", "rule", "line", "text"]))
    assert len(corpus.sentences) == 1
    got = claims(corpus)
    assert {170, 171, 172, 173} <= set(got["value"])   # past the 500th token
