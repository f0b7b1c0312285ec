"""Keyness (log-odds with an informative Dirichlet prior) on a case with a known answer, and KWIC."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from conflictnews.corpus import Corpus
from conflictnews.keyness import keyness, kwic, log_odds_dirichlet, top_keyness


def _corpus(rows):
    a = pd.DataFrame(rows, columns=["article_id", "outlet", "published", "text"])
    a["published"] = pd.to_datetime(a["published"])
    a["n_chars"] = a["text"].str.len()
    return Corpus(a, pd.DataFrame(columns=["source", "article_id", "status", "reason"]),
                  pd.DataFrame(columns=["article_id", "rule", "line", "text"]))


@pytest.fixture()
def tiny():
    return _corpus([
        ("a1", "Left", "2023-11-01", "ceasefire now ceasefire civilians aid aid."),
        ("a2", "Left", "2023-11-02", "ceasefire talks civilians aid."),
        ("b1", "Right", "2024-03-01", "terrorists attack terrorists security civilians."),
        ("b2", "Right", "2024-03-02", "terrorists security security civilians talks."),
    ])


def test_log_odds_formula_by_hand():
    out = log_odds_dirichlet({"x": 3, "y": 1}, {"x": 1, "y": 3}).set_index("term")
    # prior = a + b = {x: 4, y: 4}, a0 = 8 -> alpha = 4 each; n_a = n_b = 4
    delta = math.log((3 + 4) / (4 + 8 - 3 - 4)) - math.log((1 + 4) / (4 + 8 - 1 - 4))
    assert out.loc["x", "log_odds"] == pytest.approx(delta)
    assert out.loc["x", "z"] == pytest.approx(delta / math.sqrt(1 / 7 + 1 / 5))
    assert out.loc["y", "z"] == pytest.approx(-out.loc["x", "z"])


def test_keyness_known_answer(tiny):
    k = keyness(tiny, "outlet", "Left", "Right", stopwords=None, min_count=1).set_index("term")
    assert k.loc["ceasefire", "z"] > 0 and k.loc["aid", "z"] > 0
    assert k.loc["terrorists", "z"] < 0 and k.loc["security", "z"] < 0
    # civilians is equally common on both sides (2 each, similar totals): near zero
    assert abs(k.loc["civilians", "z"]) < min(k.loc["ceasefire", "z"], -k.loc["terrorists", "z"])
    top = top_keyness(k.reset_index(), 2)
    assert set(top["term"].head(2)) == {"ceasefire", "aid"}
    assert set(top["term"].tail(2)) == {"terrorists", "security"}
    by_month = keyness(tiny, "month", "2023-11", "2024-03", stopwords=None, min_count=1)
    assert by_month.set_index("term").loc["ceasefire", "z"] == pytest.approx(k.loc["ceasefire", "z"])


def test_keyness_bad_groups(tiny):
    with pytest.raises(ValueError, match="group_a=\\['Center'\\].*known: \\['Left', 'Right'\\]"):
        keyness(tiny, "outlet", "Center", "Right")
    with pytest.raises(ValueError, match="by='colour'"):
        keyness(tiny, "colour", "x", "y")
    with pytest.raises(ValueError, match="disjoint"):
        keyness(tiny, "outlet", "Left", ["Left", "Right"])


def test_keyness_seeds_by_period(seeds):
    k = keyness(seeds, "month", "2023-11", "2024-03")
    top = k.set_index("term")
    # "cease-fire" (hyphenated) is only used in the November articles, "Rafah" mostly in March.
    assert top.loc["cease-fire", "count_b"] == 0 and top.loc["cease-fire", "z"] > 0
    assert top.loc["rafah", "z"] < 0
    assert "the" not in top.index  # stopwords removed


def test_kwic(tiny, seeds):
    k = kwic(tiny, ["ceasefire", "terror*"], window=2)
    assert k["match"].tolist() == ["ceasefire"] * 3 + ["terrorists"] * 3
    first = k.iloc[0]
    assert (first.left, first.right) == ("", "now ceasefire")
    assert k.iloc[1].left == "ceasefire now" and k.iloc[1].right == "civilians aid"
    assert set(k["term"]) == {"ceasefire", "terror*"}
    texts = dict(zip(seeds.articles["article_id"], seeds.articles["text"]))
    s = kwic(seeds, ["cease-fire", "genocide"], window=5)
    assert len(s) >= 3
    for r in s.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.match
        assert len(r.left.split()) <= 5 + 2 and len(r.right.split()) <= 5 + 2
    with pytest.raises(ValueError, match="at least one term"):
        kwic(seeds, [])
    with pytest.raises(ValueError, match="window"):
        kwic(seeds, ["aid"], window=-1)
