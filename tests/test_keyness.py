"""Keyness (log-odds with an informative Dirichlet prior) on a case with a known answer, and KWIC."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from conflictnews.corpus.load import Corpus
from conflictnews.analysis.keyness import keyness, kwic, log_odds_dirichlet, top_keyness


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
    # The November articles write "cease-fire" (001 twice, 002 eight times), the March ones
    # "ceasefire" (003 twice, 004 once): house style, so one term, not a contrast of content.
    assert "cease-fire" not in top.index
    assert (top.loc["ceasefire", "count_a"], top.loc["ceasefire", "count_b"]) == (10, 3)
    # dpa writes "Defence", the others "Defense"
    assert "defence" not in top.index and "defense" in top.index
    assert top.loc["rafah", "z"] < 0
    assert "the" not in top.index  # stopwords removed
    # without the variant list "defence" is its own term again; "cease-fire" is still merged, by
    # the rule that joins a hyphenated word whose joined form the corpus also has
    raw = keyness(seeds, "month", "2023-11", "2024-03", variants=None).set_index("term")
    assert raw.loc["defence", "count_a"] == 0 and raw.loc["defence", "count_b"] == 3
    assert (raw.loc["ceasefire", "count_a"], raw.loc["ceasefire", "count_b"]) == (10, 3)


def test_term_lists_merge_variants():
    from conflictnews.analysis.keyness import term_lists
    from conflictnews.resources import load_wordlist
    stop = load_wordlist("stopwords.txt")
    got = term_lists(["The US told us: a cease-fire, the U.S. Defence Department.", "A ceasefire now."], stop)
    assert got == [["u.s.", "ceasefire", "u.s.", "defense", "department"], ["ceasefire"]]
    # a hyphenated word is joined only when the joined form is attested
    assert term_lists(["a cease-fire"], stop) == [["ceasefire"]]          # listed variant
    assert term_lists(["a well-being"], stop) == [["well-being"]]
    assert term_lists(["a well-being", "wellbeing"], stop) == [["wellbeing"], ["wellbeing"]]
    assert term_lists(["US-India talks", "USA"], stop) == [["us-india", "talks"], ["usa"]]


def test_top_terms_count_us_as_the_acronym(seeds):
    import re

    from conflictnews.analysis.overview import top_terms
    top = top_terms(seeds, 200).set_index("term")["count"]
    # every "U.S." and every "US" written in capitals is the United States
    expected = sum(len(re.findall(r"(?<![\w.])(?:U\.S\.|US)(?![\w'’-])", t)) for t in seeds.articles["text"])
    assert expected > 30 and top["u.s."] == expected
    assert "us" not in top.index and "defence" not in top.index and "cease-fire" not in top.index


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
    sents = seeds.sentences.set_index(["article_id", "sent_id"])
    for r in s.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.match
        assert sents.loc[(r.article_id, r.sent_id), "start"] <= r.start < sents.loc[(r.article_id, r.sent_id), "end"]
        assert len(r.left.split()) <= 5 + 2 and len(r.right.split()) <= 5 + 2
    assert s.attrs["total"] == len(s)
    first_two = kwic(seeds, ["cease-fire", "genocide"], window=5, limit=2)   # the first rows, all counted
    assert first_two.values.tolist() == s.head(2).values.tolist() and first_two.attrs["total"] == len(s)
    with pytest.raises(ValueError, match="at least one term"):
        kwic(seeds, [])
    with pytest.raises(ValueError, match="window"):
        kwic(seeds, ["aid"], window=-1)


def test_kwic_finds_word_forms_and_spellings(seeds):
    # The README's example: in the seeds, "cease-fire" is written 10 times (001: 2, 002: 8) and
    # "ceasefire" 3 times (003: 2, 004: 1); "pause" 4 times (001 "agreed to pause", 002 "need a
    # pause", "such a pause", "A humanitarian pause") and "pauses" 7 times (000: 2, 001: 1, 002: 4,
    # one of them in single quotes in 002's headline).
    k = kwic(seeds, ["ceasefire", "pause"])
    got = k.groupby(["term", k["match"].str.lower()]).size().to_dict()
    assert got == {("ceasefire", "cease-fire"): 10, ("ceasefire", "ceasefire"): 3,
                   ("pause", "pause"): 4, ("pause", "pauses"): 7}
    # 002: "Israel massacred", "are being massacred"; 003: "Islamist terrorists", "there are terrorists"
    k = kwic(seeds, ["massacre", "terrorist"])
    assert set(k["match"].str.lower()) == {"massacre", "massacred", "terrorist", "terrorists"}
    assert (k["match"].str.lower() == "massacred").sum() == 2
    # forms=False: the term as written only
    assert set(kwic(seeds, ["pause"], forms=False)["match"].str.lower()) == {"pause"}


@pytest.mark.parametrize("term, yes, no", [
    ("pause", ["pause", "pauses", "paused", "pausing"], ["pausey"]),
    ("terrorist", ["terrorist", "terrorists"], ["terrorism"]),
    ("casualty", ["casualty", "casualties"], ["casualtys"]),
    ("humanitarian pause", ["humanitarian pauses", "humanitarian\npause"], ["humanitarians pause"]),
    ("defense", ["Defence", "defenses"], ["defensive"]),
])
def test_word_forms(term, yes, no):
    from conflictnews.analysis.keyness import compile_terms
    rx, _ = compile_terms([term])
    for w in yes:
        assert rx.fullmatch(w), w
    for w in no:
        assert not rx.fullmatch(w), w


def test_count_terms_counts_as_term_lists_reads_text_by_text():
    """The streaming count (what top terms and keyness use on a large corpus) gives the counts and
    document frequencies of term_lists, with hyphenated and joined forms merged in both."""
    from collections import Counter

    from conflictnews.analysis.keyness import count_terms, term_lists

    texts = ["A cease-fire now, the US says.", "The ceasefire and the cease-fire held.", "Well-being, US-India talks.",
             "A well-being plan."]
    keys = ["x", "y", "x", "y"]
    stop = frozenset({"a", "the", "and", "now", "says"})
    lists = term_lists(texts, stop)
    by_key, docs = count_terms(texts, keys, stop)
    for key in ("x", "y"):
        expected = Counter(w for k, ws in zip(keys, lists) for w in ws if k == key)
        assert by_key[key] == expected
    assert docs == Counter(w for ws in lists for w in set(ws))
    assert docs["ceasefire"] == 2 and "cease-fire" not in docs     # one text has both forms: counted once
