"""The peer-data evaluation (conflictnews.analysis.peer): scoring rules on small hand-made
examples, loaders on malformed input and on the real files in ../shared/peer."""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from conflictnews.analysis import peer as P
from conflictnews.analysis.evaluation import PeerDataError

from conftest import shared_path


def gold_figures(*rows):
    cols = ["sentence_id", "conflict", "entry", "value", "qualifier", "low", "high", "outcome", "side"]
    return pd.DataFrame(rows, columns=cols)


def claim_rows(*rows):
    cols = ["article_id", "text", "value", "qualifier", "low", "high", "outcome", "side"]
    return pd.DataFrame(rows, columns=cols)


# -- casualty figures -----------------------------------------------------------------------------

def test_killed_and_dead_are_one_outcome_unless_strict():
    gold = gold_figures(("s1", "gaza", 0, 12, "exact", 12, 12, "dead", "palestinian"))
    claims = claim_rows(("s1", "12 dead", 12, "exact", 12, 12, "killed", "palestinian"))
    lenient = P.match_casualties(gold, claims)
    assert lenient["status"].tolist() == ["matched"]
    assert lenient.iloc[0][["outcome_strict", "qualifier_agrees", "side_agrees"]].tolist() == [False, True, True]
    strict = P.match_casualties(gold, claims, outcome_classes=None)
    assert sorted(strict["status"]) == ["false_positive", "missed"]


def test_a_figure_needs_its_value_and_its_outcome():
    gold = gold_figures(("s1", "sudan", 0, 40, "more_than", 40, None, "killed", None),
                        ("s1", "sudan", 1, 7, "exact", 7, 7, "injured", None))
    claims = claim_rows(("s1", "40 killed", 40, "more_than", 40, None, "killed", "unknown"),
                        ("s1", "7 killed", 7, "exact", 7, 7, "killed", "unknown"),   # wrong outcome
                        ("s2", "5 killed", 5, "exact", 5, 5, "killed", "unknown"))   # no gold there
    m = P.match_casualties(gold, claims)
    figures = m[m["entry"].notna()]
    assert dict(zip(figures["entry"], figures["status"])) == {0: "matched", 1: "missed"}
    assert m[m["status"] == "false_positive"]["phrase"].tolist() == ["7 killed", "5 killed"]
    # no side in the annotation: side agreement is not asked
    assert m.loc[m["status"] == "matched", "side_agrees"].tolist() == [None]
    s = P.casualty_scores(m).iloc[0]
    assert (s["gold"], s["found"], s["predicted"], s["correct"]) == (2, 1, 3, 1)
    assert math.isclose(s["precision"], 1 / 3) and math.isclose(s["recall"], 0.5)
    assert s["sided"] == 0 and math.isnan(s["side_rate"])


def test_vague_plurals_and_ranges_match_on_their_bounds():
    gold = gold_figures(("s1", "ukraine", 0, None, "range", 24, None, "killed", "ukrainian"),
                        ("s2", "tigray", 0, None, "range", 300000, 400000, "dead", None))
    claims = claim_rows(("s1", "dozens killed", 24, "vague", 24, None, "killed", "unknown"),
                        ("s2", "300,000 deaths", 300000, "exact", 300000, 300000, "killed", "unknown"))
    m = P.match_casualties(gold, claims).set_index("article_id")
    assert m.loc["s1", "status"] == "matched" and m.loc["s1", "qualifier_agrees"]  # vague = range
    assert m.loc["s1", "side_agrees"] is False                                      # unknown is not ukrainian
    assert m.loc["s2", "status"].tolist() == ["missed", "false_positive"]          # high 400000 not stated


def test_each_claim_serves_one_figure_and_the_closest_reading_is_preferred():
    gold = gold_figures(("s1", "gaza", 0, 3, "exact", 3, 3, "killed", "israeli"),
                        ("s1", "gaza", 1, 3, "exact", 3, 3, "killed", "israeli"))
    claims = claim_rows(("s1", "three", 3, "about", None, None, "killed", "palestinian"),
                        ("s1", "3", 3, "exact", 3, 3, "killed", "israeli"))
    m = P.match_casualties(gold, claims)
    assert m["status"].tolist() == ["matched", "matched"]
    assert m["phrase"].tolist() == ["3", "three"]   # the first figure takes the claim that agrees on all


def test_scores_per_conflict():
    gold = gold_figures(("a", "gaza", 0, 1, "exact", 1, 1, "killed", None),
                        ("b", "sudan", 0, 2, "exact", 2, 2, "killed", None))
    claims = claim_rows(("a", "1", 1, "exact", 1, 1, "killed", "unknown"))
    scores = P.casualty_scores(P.match_casualties(gold, claims), by="conflict").set_index("group")
    assert scores.loc["gaza", "recall"] == 1.0 and scores.loc["sudan", "recall"] == 0.0
    assert math.isnan(scores.loc["sudan", "precision"]) and scores.loc["all", "recall"] == 0.5


# -- victim side --------------------------------------------------------------------------------

def test_sentence_death_side_combines_the_death_figures():
    gold = gold_figures(("a", "gaza", 0, 5, "exact", 5, 5, "killed", "israeli"),
                        ("a", "gaza", 1, 9, "exact", 9, 9, "dead", "palestinian"),
                        ("b", "ukraine", 0, 3, "exact", 3, 3, "killed", "ukrainian"),
                        ("b", "ukraine", 1, 8, "exact", 8, 8, "injured", "russian"),   # not a death
                        ("c", "sudan", 0, 4, "exact", 4, 4, "killed", None))
    assert P.sentence_death_side(gold).to_dict() == {"a": "both", "b": "ukrainian"}
    sentences = pd.DataFrame({"id": ["a", "b", "c"], "conflict": ["gaza", "ukraine", "sudan"], "text": ["x", "y", "z"]})
    deaths = pd.DataFrame({"article_id": ["a"], "victim_side": ["both"]})
    m = P.match_death_sides(gold, deaths, sentences).set_index("article_id")
    assert m.loc["a", "agrees"] and m.loc["b", "side"] == P.NO_DEATH_MENTION and not m.loc["b", "agrees"]
    cm = P.side_confusion(m)
    assert cm.loc["ukrainian", P.NO_DEATH_MENTION] == 1 and cm.loc["both", "both"] == 1


# -- names --------------------------------------------------------------------------------------

@pytest.mark.parametrize("gold, ours, expected", [
    ("Lebanese Health Ministry", "the Lebanese health ministry", True),
    ("Mohamed Hamdan Dagalo", "Dagalo", True),             # surname
    ("Rapid Support Forces", "RSF", True),                  # acronym
    ("United States", "U.S.", True),
    ("Volker Türk", "UN rights chief Volker Turk", True),   # containment, accents folded
    ("Israel", "Israel Defense Forces", False),
    ("Gaza Health Ministry", "Lebanese Health Ministry", False),
    ("Hamas", "Hezbollah", False),
    ("Hamas", None, False),
])
def test_names_match(gold, ours, expected):
    assert P.names_match(gold, ours) is expected


def test_gazetteer_aliases_name_one_actor(tmp_path):
    aliases = P.gazetteer_aliases()
    assert aliases[P.name_key("IDF")] == "Israel Defense Forces"
    assert P.names_match("Israel Defense Forces", "Israeli military", aliases)
    assert not P.names_match("Israel Defense Forces", "Israeli military")
    own = tmp_path / "mine.yml"
    own.write_text("extends: default\nactors:\n  - id: rsf\n    name: Rapid Support Forces\n    kind: armed_group\n"
                   "    affiliation: Sudan\n    aliases: [Janjaweed successors]\n", encoding="utf-8")
    mine = P.gazetteer_aliases(own)
    assert mine[P.name_key("Janjaweed successors")] == "Rapid Support Forces" and P.name_key("IDF") in mine


@pytest.mark.parametrize("span, document, expected", [
    ("the Kurdish YPG", "", True),
    ("al-Qaida", "", True),
    ("3rd Battalion, 321st Field Artillery Regiment", "", True),
    ("Department of the Treasury", "", True),
    ("15 civilians", "", False),
    ("U.S. service members", "", False),
    ("our Coalition partners", "", False),
    ("He", "", False),
    ("Capt.", "", False),
    ("Soldiers", "Soldiers trained. The soldiers left.", False),
    ("Daesh", "Daesh fighters fled.", True),
])
def test_is_proper_name(span, document, expected):
    assert P.is_proper_name(span, document) is expected


def entity_frame(*rows):
    e = pd.DataFrame(rows, columns=["doc_id", "begin", "end", "type", "text"])
    e["name"] = [t in P.ACTOR_TYPES and P.is_proper_name(x) for t, x in zip(e["type"], e["text"])]
    e["ambiguous"] = P.ambiguous_entities(e)
    return e


def test_entity_units_merge_nested_names_and_drop_contradictions():
    text = "Defense Secretary Ash Carter met troops near Ayn Isa on Jan. 8 in an ISIL-held building."
    at = text.index
    e = entity_frame(("d", 0, at(" met"), "Person", "Defense Secretary Ash Carter"),
                     ("d", at("Ash"), at(" met"), "Person", "Ash Carter"),
                     ("d", at("Ayn"), at("Ayn") + 3, "Person", "Ayn"),
                     ("d", at("Ayn"), at(" on"), "Location", "Ayn Isa"),
                     ("d", at("Jan"), at("Jan") + 3, "Person", "Jan"),
                     ("d", at("Jan"), at(" in an"), "Temporal", "Jan. 8"),
                     ("d", at("ISIL"), at("ISIL") + 4, "Organisation", "ISIL"),
                     ("d", at("an ISIL"), len(text) - 1, "Location", "an ISIL-held building"))
    assert e["ambiguous"].tolist() == [False, False, True, False, True, False, False, False]
    units = P.entity_units(e)
    assert units["text"].tolist() == ["Defense Secretary Ash Carter", "ISIL"]

    mentions = pd.DataFrame({"article_id": ["d", "d", "d"], "start": [at("Carter"), at("Ayn"), 0],
                             "end": [at(" met"), at(" on"), 0 + 7], "surface": ["Carter", "Ayn Isa", "Defense"],
                             "actor": ["Ash Carter", "Ayn Isa", "Israeli"], "kind": ["person", "state", "demonym"]})
    found, ours = P.match_entity_spans(units, e, mentions)
    assert found["found"].tolist() == [True, False]
    assert len(ours) == 2                                    # the demonym is not an actor
    # "Ayn Isa" overlaps the contradictory Person "Ayn": neither right nor wrong
    assert ours["correct"].tolist() == [True, None] and ours["gold_type"].tolist() == ["Person", "Location"]
    plain = pd.DataFrame({"article_id": ["d"], "start": [at("troops")], "end": [at(" near")], "surface": ["troops"],
                          "actor": ["troops"], "kind": ["organisation"]})
    assert P.match_entity_spans(units, e, plain)[1]["correct"].tolist() == [False]


# -- quotes -------------------------------------------------------------------------------------

@pytest.mark.parametrize("cue, expected", [
    ("said Thursday morning", True), ("According to", True), ("has told", True), ("tweeted", True),
    ("believes", False), (":", False), ("wants", False), ("shows", False),
])
def test_speech_cues(cue, expected):
    assert P.is_speech_cue(cue) is expected


def test_span_overlap_is_over_the_longer_span():
    assert P.span_overlap([(0, 100)], [(0, 30)]) == 0.3
    assert P.span_overlap([(0, 50), (60, 110)], [(40, 70)]) == 20 / 100
    assert P.span_overlap([(0, 10)], [(10, 20)]) == 0.0


def test_match_quote_spans_one_to_one_at_the_threshold():
    gold = pd.DataFrame({"doc_id": ["d"] * 3, "attribution": ["E1", "E2", "E3"],
                         "content_spans": [[(0, 100)], [(200, 300)], [(400, 500)]],
                         "source": ["a source", "Kerry", "she"], "speech": [True, True, False]})
    quotes = pd.DataFrame({"article_id": ["d"] * 5, "start": [0, 50, 200, 271, 400], "end": [100, 100, 229, 300, 480],
                           "speaker": ["sources", None, "Kerry", None, "she"], "verb": ["said"] * 5,
                           "quote": ["q"] * 5})
    m = P.match_quote_spans(gold, quotes, 0.3)
    status = dict(zip(m["quote_row"], m["status"]))
    assert status[0] == "matched"              # the largest overlap wins E1
    assert status[1] == "false_positive"       # E1 is taken: one to one
    assert m.loc[m["attribution"] == "E2", "status"].item() == "missed"  # 29% and 29%: below 30%
    assert status[2] == status[3] == "false_positive"
    assert status[4] == "neutral"              # only overlaps a non-speech attribution


@pytest.mark.parametrize("gold, ours, expected", [
    ("a source", ["another source"], True),
    ("Secretary of State John Kerry", ["Kerry"], True),
    ("Pat Caddell", ["longtime Democratic pollster Pat Caddell"], True),
    ("a spokesperson for the ministry", ["the ministry"], True),
    ("he", ["he"], True),
    ("he", ["Donald Trump"], False),
    ("Clinton's campaign", ["Clinton"], False),
    ("The New York Post", [None, ""], False),
    (None, ["Kerry"], None),
])
def test_speaker_agrees(gold, ours, expected):
    assert P.speaker_agrees(gold, ours) is expected


def test_match_sentence_quotes_pairs_by_verb_or_speaker():
    gold = pd.DataFrame({"sentence_id": ["s1", "s1", "s2"], "entry": [0, 1, 0],
                         "speaker": ["Volker Türk", "local authorities", "he"],
                         "verb": ["said", "according to", "was quoted by AFP as saying"], "direct": [True, False, True]})
    quotes = pd.DataFrame({"article_id": ["s1", "s2", "s3"], "speaker": ["Türk", "the army", "Hamas"],
                           "speaker_actor": [None, None, None], "verb": ["said", "saying", "said"],
                           "direct": [False, True, True]})
    m = P.match_sentence_quotes(gold, quotes).set_index(["article_id", "status"])
    assert m.loc[("s1", "matched"), "speaker_agrees"] and not m.loc[("s1", "matched"), "direct_agrees"]
    assert m.loc[("s1", "missed"), "gold_speaker"] == "local authorities"
    assert m.loc[("s2", "matched"), "speaker_agrees"] is False and m.loc[("s2", "matched"), "direct_agrees"]
    assert m.loc[("s3", "false_positive"), "speaker"] == "Hamas"


def test_actor_names_per_article():
    gold = pd.DataFrame({"article_id": ["a", "a", "b"], "actor": ["Rapid Support Forces", "Hamas", "Hamas"]})
    mentions = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "surface": ["RSF", "RSF", "Sudanese", "Lebanon"],
                             "actor": ["RSF", "RSF", "Sudanese", "Lebanon"],
                             "kind": ["organisation", "organisation", "demonym", "state"]})
    g, ours = P.match_actor_names(gold, mentions)
    assert g["found"].tolist() == [True, False, False] and g["mentions"].tolist() == [2, 0, 0]
    assert ours[["article_id", "actor", "correct"]].values.tolist() == [["a", "RSF", True], ["b", "Lebanon", False]]


# -- offsets and corpora ------------------------------------------------------------------------

def test_offset_map_follows_cleaning():
    raw = "Advertisement\nThe  army\u00a0said   it   killed 12.\nShare this article"
    corpus = P.corpus_of([{"id": "x", "text": raw}])
    cleaned = corpus.articles["text"].item()
    assert "  " not in cleaned and cleaned != raw
    om = P.OffsetMap(raw, cleaned)
    for word in ("army", "said", "killed 12"):
        s, e = om.span(raw.index(word), raw.index(word) + len(word))
        assert cleaned[s:e] == word
    s, e = om.span(raw.index("The"), raw.index("12") + 2)
    assert cleaned[s:e] == "The army said it killed 12"
    if "Advertisement" not in cleaned:
        assert om.span(0, len("Advertisement")) is None
    assert P.OffsetMap("same", "same").span(1, 3) == (1, 3)


def test_corpus_of_keeps_ids_and_leaves_no_file():
    corpus = P.corpus_of(pd.DataFrame({"id": ["d1", "d2"], "text": ["One sentence.", "Another one."],
                                       "published": ["2024-01-02", None]}))
    assert corpus.articles["article_id"].tolist() == ["d1", "d2"]
    assert str(corpus.articles["published"].iloc[0].date()) == "2024-01-02"
    from pathlib import Path
    assert not Path(corpus.source).exists()


# -- loaders on bad input -----------------------------------------------------------------------

def test_missing_data_names_the_file_and_the_origin(tmp_path):
    with pytest.raises(PeerDataError, match=r"sentences\.jsonl.*news_dev"):
        P.load_news_dev(tmp_path)
    with pytest.raises(PeerDataError, match=r"text.*github\.com/networkdynamics/PolNeAR"):
        P.load_polnear(tmp_path)
    with pytest.raises(PeerDataError, match=r"re3d_centcom_state\.json.*github\.com/dstl/re3d"):
        P.load_re3d(tmp_path)


def test_malformed_news_dev_names_the_line(tmp_path):
    good = {"id": "d1", "conflict": "gaza", "text": "t", "casualties": [], "actors": [], "quotes": []}
    (tmp_path / "sentences.jsonl").write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "a", "conflict": "gaza", "text": "t",
                                                         "main_actors": []}) + "\n", encoding="utf-8")
    with pytest.raises(PeerDataError, match=r"sentences\.jsonl:2: not a JSON object"):
        P.load_news_dev(tmp_path)
    (tmp_path / "sentences.jsonl").write_text(json.dumps({"id": "d2", "text": "t"}) + "\n", encoding="utf-8")
    with pytest.raises(PeerDataError, match=r"sentences\.jsonl:1: missing field\(s\) \['conflict'"):
        P.load_news_dev(tmp_path)


def test_read_brat_joins_pieces_and_refuses_dangling_roles(tmp_path):
    text = "“We won,” he said. “Big,” he added. She believes it."
    ann = tmp_path / "doc_ab12.ann"
    ann.write_text("T1\tContent 1 7;20 23\tWe won Big\nT2\tCue 13 17\tsaid\nT3\tSource 10 12\the\n"
                   "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n", encoding="utf-8")
    rel = P.read_brat(ann, text)[0]
    assert rel["content_spans"] == [(1, 7), (20, 23)] and rel["cue"] == "said" and rel["source"] == "he"
    ann.write_text("T2\tCue 13 17\tsaid\nE1\tAttribution:T4 Content:T9 Cue:T2\n", encoding="utf-8")
    with pytest.raises(PeerDataError, match=r"doc_ab12\.ann:2: E1 refers to T9"):
        P.read_brat(ann, text)


# -- loaders on the real files ------------------------------------------------------------------

def test_news_dev_loads_as_its_readme_counts():
    dev = P.load_news_dev(shared_path("peer", "news_dev"))
    assert len(dev.sentences) == 200 and len(dev.articles) == 20
    assert len(dev.casualties) == 227 and len(dev.quotes) == 139
    counts = dev.casualties["outcome"].value_counts()
    assert (counts["killed"], counts["dead"], counts["injured"]) == (96, 67, 47)
    assert int(dev.quotes["direct"].sum()) == 27
    assert set(dev.main_actors["article_id"]) == set(dev.articles["id"])


def test_news_dev_scoring_accounts_for_every_figure_and_claim():
    from conflictnews.extractors import tables

    dev = P.load_news_dev(shared_path("peer", "news_dev"))
    claims = tables(P.corpus_of(dev.sentences), ["claims"])["claims"]
    m = P.match_casualties(dev.casualties, claims, dev.sentences)
    assert int(m["status"].isin(["matched", "missed"]).sum()) == len(dev.casualties)
    assert int(m["status"].isin(["matched", "false_positive"]).sum()) == len(claims)
    assert m["sentence"].notna().all()


def test_polnear_loads_with_spans_inside_the_texts():
    pn = P.load_polnear(shared_path("peer", "polnear_dev"))
    assert len(pn.documents) == 84 and (pn.skipped["reason"] == "second annotation").sum() == 10
    texts = dict(zip(pn.documents["doc_id"], pn.documents["text"]))
    assert len(pn.attributions) > 2000 and 0.3 < pn.attributions["speech"].mean() < 0.8
    said = pn.attributions[pn.attributions["cue"] == "said"]
    assert said["speech"].all() and (said["content_spans"].map(len) > 0).all()
    for d, spans in zip(pn.attributions["doc_id"], pn.attributions["content_spans"]):
        assert all(0 <= s < e <= len(texts[d]) for s, e in spans)


def test_re3d_loads_and_finds_proper_names():
    re3d = P.load_re3d(shared_path("peer", "re3d_dev"))
    assert len(re3d.documents) == 45
    e = re3d.entities
    names = set(e.loc[e["name"], "text"])
    assert {"Syrian Democratic Forces", "Joseph Votel", "ISIL"} <= names
    assert not names & {"We", "he", "U.S. forces", "Coalition military forces"}
    texts = dict(zip(re3d.documents["doc_id"], re3d.documents["text"]))
    assert all(texts[d][b:x] == t for d, b, x, t in zip(e["doc_id"], e["begin"], e["end"], e["text"]))


@pytest.mark.parametrize("gold, ours, expected", [
    ("Volodymyr Zelensky", "Ukrainian President Volodymyr Zelenskyy", True),   # transliteration
    ("Volodymyr Zelensky", "Zelenskiy", True),
    ("Serhii Lysak", "Serhiy Lysak", True),
    ("Israel", "Israeli", False),
    ("UN Human Rights Monitoring Mission in Ukraine", "Ukraine", False),      # not a surname
])
def test_names_match_spellings_and_surnames(gold, ours, expected):
    assert P.names_match(gold, ours) is expected


@pytest.mark.parametrize("gold, ours, expected", [
    ("AFP", ["an AFP tally of Israeli official figures"], True),
    ("Syrian Observatory for Human Rights", ["the SOHR report"], True),
    ("Hamas", ["Hezbollah officials"], False),
    ("he", ["he said it"], False),
])
def test_speaker_named_inside_our_phrase(gold, ours, expected):
    assert P.speaker_agrees(gold, ours) is expected


def test_evaluation_misses_lists_what_the_csvs_hold(tmp_path):
    assert P.evaluation_misses(tmp_path / "absent") == [] and P.evaluation_misses(None) == []
    pd.DataFrame({"doc_id": ["d1", "d2"], "type": ["Person", "Organisation"], "text": ["Ash Carter", "ISIL"],
                  "found": [True, False]}).to_csv(tmp_path / "re3d_names.csv", index=False)
    pd.DataFrame({"doc_id": ["d1", "d1"], "status": ["matched", "matched"], "speaker_agrees": [True, False],
                  "source": ["Kerry", "a source"], "speaker": ["Kerry", "he"], "speaker_actor": [None, None],
                  "quote": ["q1", "q2"]}).to_csv(tmp_path / "polnear_quotes.csv", index=False)
    found = {slug: frame for slug, _caption, frame in P.evaluation_misses(tmp_path)}
    assert set(found) == {"re3d_missed", "polnear_missed", "polnear_false", "polnear_speakers_wrong"}
    assert found["re3d_missed"]["text"].tolist() == ["ISIL"]
    assert found["polnear_speakers_wrong"]["source"].tolist() == ["a source"]
    assert found["polnear_missed"].empty
