"""The evaluation helpers: peer-data loading, scores, and what the extractors leave undecided."""
from __future__ import annotations

import pandas as pd
import pytest

from conflictnews.analysis import evaluation as E

from conftest import shared_path


def write_peer(folder, wp_rows, wsj_rows=None):
    cols = ["article_index", "article_title", "article_date", "sentence", "category", "auto_tagged_voice"]
    pd.DataFrame(wp_rows, columns=cols).to_csv(folder / E.PEER_FILES["WP"])
    pd.DataFrame(wsj_rows or wp_rows[:1], columns=cols).to_csv(folder / E.PEER_FILES["WSJ"], index=False)


def test_load_peer_normalises_and_maps_the_hand_tags(tmp_path):
    write_peer(tmp_path, [(1, "T", "10/9/2023", "\nAt  least  900  people  have  been  killed. ", "israel", "PASSIVE"),
                          (2, "U", "10/9/2023", "Gaza T-I-T-L-E-E-N-D toll  rises", "palestine", None)])
    peer = E.load_peer(tmp_path)
    wp = peer[peer["outlet"] == "WP"]
    assert list(wp["text"]) == ["At least 900 people have been killed.", "Gaza toll rises"]
    assert list(wp["gold"]) == ["israeli", "palestinian"]
    assert list(wp["article_id"]) == ["WP-1", "WP-2"]


def test_bad_peer_data_names_the_file(tmp_path):
    with pytest.raises(E.PeerDataError, match="peer data not found"):
        E.load_peer(tmp_path)
    write_peer(tmp_path, [(1, "T", "d", "Ten were killed.", "somebody", None)])
    with pytest.raises(E.PeerDataError, match=r"tagged_data_wp.*unknown category value\(s\) \['somebody'\]"):
        E.load_peer(tmp_path)


def test_scores_and_confusion_on_a_known_table():
    df = pd.DataFrame({"gold": ["israeli", "israeli", "palestinian", "both"],
                       "side_context": ["israeli", "none", "palestinian", "israeli"]})
    scores = E.side_scores(df).set_index("class")
    assert scores.loc["israeli", "recall"] == 0.5 and scores.loc["israeli", "precision"] == 0.5
    assert scores.loc["palestinian", "recall"] == 1.0 and scores.loc["both", "correct"] == 0
    assert scores.loc["all", "correct"] == 2 and scores.loc["all", "recall"] == 0.5
    cm = E.confusion(df)
    assert cm.loc["israeli", "none"] == 1 and cm.loc["both", "israeli"] == 1 and cm.values.sum() == 4


@pytest.mark.parametrize("sentence, expected", [
    ("At least 900 people have been killed.", True),
    ("The death toll rose to 1,300 on Monday.", True),
    ("Dozens were killed overnight.", True),
    ("He died in 2019 after a long illness.", False),       # a year is not a figure
    ("Three people were killed.", False),                  # number words other than the vague ones: not counted
])
def test_death_figure_criterion(sentence, expected):
    assert E.has_death_figure(sentence) is expected


def test_claim_side_agreement_counts():
    res = pd.DataFrame({"gold": ["israeli", "palestinian", "israeli", "both", "israeli", "palestinian"],
                        "claims": [1, 2, 1, 1, 1, 1],
                        "sides": [["israeli"], ["unknown", "palestinian"], ["palestinian"], ["israeli"], ["thai"],
                                  ["both"]]})
    # "20 Thai nationals" killed in the attack on Israel: the claim names their nationality, the
    # hand tag the party attacked -- counted apart, neither agreeing nor wrong; so is a total of
    # both sides' dead in a sentence tagged with one
    assert E.claim_side_agreement(res) == {"sentences": 5, "agree": 2, "unknown": 0, "wrong": 1, "nationality": 1,
                                           "both": 1, "mixed": 1}


def test_undecided_on_the_seeds(seeds, tmp_path):
    u = E.undecided(seeds)
    # "Nearly 10,600 people in total have been killed in the conflict" counts both sides: decided
    assert not u["claims"]["sentence"].str.contains("Nearly 10,600 people in total").any()
    # "said the spokesperson" in 002 could be Kirby or Ryder: left unresolved, with the reason
    spokesperson = u["mentions"][u["mentions"]["surface"] == "spokesperson"]
    assert len(spokesperson) == 1 and "Kirby" in spokesperson.iloc[0]["why"] and "Ryder" in spokesperson.iloc[0]["why"]
    # the killing of "Canadian citizen Hardeep Singh Nijjar" is decided: Canadian as written (not the
    # Israeli side the israel-gaza profile counts foreigners killed on 7 October with)
    assert not (u["deaths"]["sentence"].str.contains("Hardeep Singh Nijjar")).any()
    assert set(u) == {"claims", "mentions", "quotes", "deaths"}
    # a figure whose sentence names no side is undecided, and the table shows the side its death
    # mention took from the sentence before (which claims never take)
    from conflictnews.corpus.load import load_corpus
    (tmp_path / "a.txt").write_text("Israeli strikes have killed 300 Palestinians in Gaza this week. "
                                    "Officials said 20 more people died on Monday.", encoding="utf-8")
    c = E.undecided(load_corpus(tmp_path))["claims"]
    assert c[["value", "mention_side", "mention_side_source"]].values.tolist() == [[20.0, "palestinian", "context"]]


def test_peer_accuracy_stays_above_the_aim():
    folder = shared_path("peer", "jackson_death_mentions")
    peer = E.classify_deaths(E.load_peer(folder), profile="israel-gaza")
    overall = E.side_scores(peer).set_index("class").loc["all", "recall"]
    assert overall >= 0.85  # the aim; measured 88.8% when written
    held_out = E.side_scores(peer[peer["outlet"] == "WSJ"]).set_index("class").loc["all", "recall"]
    assert held_out >= 0.84
