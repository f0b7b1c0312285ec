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
