"""Victim side and voice (victims.py), death mentions and deaths per mention (deaths.py), and the
evaluation on Jackson's hand-tagged peer data."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from conflictnews.extractors.deaths import death_mentions, deaths_per_mention, fill_from_context, read_ocha
from conflictnews.resources import ResourceError
from conflictnews.extractors.victims import DEATH_PATTERN, death_spans, death_voice, load_model, victim_side
from conflictnews.profiles.sides import known_sides

GAZA = "israel-gaza"   # the profile of the seeds' war: these sentences are about it

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT.parent / "shared" / "peer" / "jackson_death_mentions"


@pytest.mark.parametrize("text, side", [
    ("Israeli strikes have killed more than 2,700 Palestinians in Gaza.", "palestinian"),
    ("More than 2,200 Palestinians have died, many of them women and children.", "palestinian"),
    ("Hamas gunmen rampaged through the kibbutz and killed at least 100 people.", "israeli"),
    ("At least 1,400 people in Israel have been killed since the Oct. 7 attack.", "israeli"),
    ("Israel said it killed 1,500 Hamas militants.", "palestinian"),
    ("Three Israeli soldiers were killed on the border.", "israeli"),
    ("The Oct. 7 Hamas attack killed 1,400 people in Israel, and Israel's retaliatory strikes "
     "have killed more than 2,700 people in Gaza.", "both"),
    ("He was murdered, she said.", "none"),
    ("The weather in the region was mild.", "none"),
])
def test_victim_side(text, side):
    assert victim_side(text, profile=GAZA) == side


# Agency: the agent of a death verb (subject of an active one, "by"/"in" + attack after a passive
# one) decides whose deaths they are when the victims do not name their side; sources are not agents.
SEED_003 = ("Israel has worked its way through the north and central parts of the Gaza Strip, hunting down "
            "Islamist terrorists from Hamas but killing what Hamas-controlled health officials say are more "
            "than 31,000 civilians.")


@pytest.mark.parametrize("text, side", [
    # active: the subject is the agent, the victims are the other side
    ("Hamas gunmen killed 1,200 people in southern Israel.", "israeli"),
    ("Israeli strikes killed 40 people in Rafah.", "palestinian"),
    ("The IDF has killed 40 people in the camp.", "palestinian"),
    ("After the militants killed 300 people at the festival, the army moved in.", "israeli"),
    # coordination: the hunted group is an object, not the agent (both directions)
    (SEED_003, "palestinian"),
    ("Hamas gunmen stormed the village, hunting down soldiers from the Israeli army but killing more "
     "than 100 civilians.", "israeli"),
    # relative clauses and participles: the antecedent / the attack is the agent
    ("Hamas, which killed 1,400 people, still holds the hostages.", "israeli"),
    ("Israel expanded its air campaign in Gaza, which has killed more than 3,700 people.", "palestinian"),
    ("Hamas said Wednesday that Israeli strikes hit the house, killing his brother.", "palestinian"),
    ("Netanyahu vowed to avenge the attack by Hamas militants inside Israel that killed 1,300 people.", "israeli"),
    # passive with an agent
    ("At least 1,200 people were killed by Hamas.", "israeli"),
    ("Forty people were killed in Israeli airstrikes.", "palestinian"),
    ("Dozens of people were killed by Israeli forces near the hospital.", "palestinian"),
    ("Ten people were killed in Israel on Saturday.", "israeli"),     # a place, not an agent
    # sources are not agents
    ("Hamas said Israeli strikes killed 40 people.", "palestinian"),
    ("Israeli officials said Hamas gunmen killed 30 people.", "israeli"),
    ("Israeli strikes killed 40 people, according to Hamas.", "palestinian"),
    ("Hamas killed 30 people, Israeli officials said.", "israeli"),
    ("Israel said it had killed 1,500 militants.", "palestinian"),   # "said it": the source is the agent
    # victims that name their side win over the agent
    ("Hamas said 13 hostages have been killed in Israeli strikes.", "israeli"),
    ("Israel killed 1,500 Hamas militants.", "palestinian"),
])
def test_victim_side_from_the_agent(text, side):
    assert victim_side(text, profile=GAZA) == side


def test_seed_sentence_with_focus():
    # casualties.py asks about the number and its group: "more than 31,000 civilians"
    i = SEED_003.index("more than 31,000 civilians")
    assert victim_side(SEED_003, (i, i + len("more than 31,000 civilians")), profile=GAZA) == "palestinian"
    both = ("In the days since an Oct. 7 Hamas attack on Israel killed more than 1,400 people, Israel's "
            "retaliatory assault has killed more than 2,700 people in Gaza.")
    assert victim_side(both, profile=GAZA) == "both"
    assert victim_side(both, (both.index("1,400"), both.index("1,400") + 12), profile=GAZA) == "israeli"
    assert victim_side(both, (both.index("2,700"), both.index("2,700") + 12), profile=GAZA) == "palestinian"


def test_agency_is_optional_in_the_resource(tmp_path):
    import yaml
    src = Path(load_model().path).read_text(encoding="utf-8")
    data = yaml.safe_load(src)
    del data["agency"]
    p = tmp_path / "victims.yml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_model(p, GAZA).agency is None
    assert victim_side("Israeli strikes have killed more than 2,700 Palestinians in Gaza.", resource=p,
                       profile=GAZA) == "palestinian"
    data["agency"] = {"actors": {"martians": {"forces": ["x"]}}}
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ResourceError, match="not a side"):
        load_model(p)


@pytest.mark.parametrize("text, voice", [
    ("Israel has killed at least 9,061 Palestinians.", "active"),
    ("Hamas killed 1,200 people.", "active"),
    ("Over 9,000 Palestinians have been killed.", "passive"),
    ("Twenty-seven Americans were killed by Hamas militants.", "passive"),
    ("Soldiers killed in the attacks were buried on Monday.", "passive"),
    ("More than 2,200 Palestinians have died.", "agentless"),
    ("The death toll rose to 700.", "agentless"),
    ("Hundreds lost their lives.", "agentless"),
    ("the killing of over 1,400 people", "agentless"),
])
def test_death_voice(text, voice):
    assert death_voice(text) == voice


def test_focus_selects_the_phrase():
    text = "Hamas killed 1,400 people in Israel; in Gaza, 2,700 Palestinians have been killed."
    first = (0, text.index(";"))
    second = (text.index("2,700"), len(text))
    assert victim_side(text, first, profile=GAZA) == "israeli"
    assert victim_side(text, second, profile=GAZA) == "palestinian"
    assert death_voice(text, first) == "active"
    assert death_voice(text, second) == "passive"


def test_death_pattern_is_compiled_once():
    assert DEATH_PATTERN is load_model().death
    assert DEATH_PATTERN.search("they were slain")
    assert not DEATH_PATTERN.search("skilled diplomats")  # word boundaries


def test_bad_resource_is_a_resource_error(tmp_path):
    p = tmp_path / "victims.yml"
    p.write_text("death: {verbs: ['(unclosed']}\nsides: {a: {victims: [x]}}\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="victims.yml.*not a valid regular expression"):
        victim_side("x was killed", resource=p)
    p.write_text("death: {verbs: [killed]}\nsides: {a: {heroes: [x]}}\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="unknown cue kind"):
        load_model(p)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(0, 50), st.integers(0, 50))
def test_never_raises_on_arbitrary_text(text, a, b):
    sides = set(known_sides()) | {"both", "none"}
    assert victim_side(text) in sides and victim_side(text, profile=GAZA) in sides
    assert death_voice(text) in ("active", "passive", "agentless")
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    assert victim_side(text, (lo, hi), profile=GAZA) in sides
    for s, e, kind in death_spans(text):
        assert 0 <= s < e <= len(text) and kind in ("verb", "noun")


@pytest.fixture(scope="module")
def mentions(seeds):
    return death_mentions(seeds)


def test_death_mentions_on_seeds_hand_checked(mentions, seeds):
    texts = dict(zip(seeds.articles["article_id"], seeds.articles["text"]))
    for r in mentions.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.text
    by_text = {r.text[:60]: r for r in mentions.itertuples()}

    def row(prefix):
        hits = [r for k, r in by_text.items() if k.startswith(prefix)]
        assert hits, f"no death mention starting {prefix!r}"
        return hits[0]

    # 004: "over 32,000 Palestinians have died as a result of Israeli bombings and shelling"
    r = row("The health officials in the Hamas-run enclave")
    assert (r.victim_side, r.voice) == ("palestinian", "agentless")
    # 003: "the October 7 massacre which killed around 1,200 people inside the Jewish state"
    r = row("Netanyahu had said his army will also now go into Rafah")
    assert r.victim_side == "israeli" and "massacre" in r.emotive_terms
    # 002: "Israel has killed at least 9,061 Palestinians"
    r = row("In response, Israel has killed at least 9,061")
    assert (r.victim_side, r.voice) == ("palestinian", "active")
    assert "war crimes" in r.emotive_terms
    # 001: "More than 10,000 people ... have been killed during Israel's heavy bombardment of Gaza"
    r = row("More than 10,000 people")
    assert (r.victim_side, r.voice) == ("palestinian", "passive")
    # Sentences without a death are not mentions.
    assert not mentions["text"].str.startswith("Austin described the security alliance").any()


@pytest.mark.parametrize("text, side, voice", [
    # "claimed N lives" is a killing: a death verb, active, its agent decides the side
    ("Israeli strikes have claimed the lives of 30 Palestinians.", "palestinian", "active"),
    ("The Hamas attack on Israel claimed 1,200 lives.", "israeli", "active"),
    ("Airstrikes on Gaza claimed more than 400 lives overnight.", "palestinian", "active"),
])
def test_claimed_lives_is_a_killing(text, side, voice):
    assert [k for _s, _e, k in death_spans(text)] == ["verb"]
    assert (victim_side(text, profile=GAZA), death_voice(text)) == (side, voice)


@pytest.mark.parametrize("text", [
    "He claimed their lives were at risk.", "She claimed to have saved lives.", "Hamas claimed the attack.",
])
def test_claimed_without_lives_lost_is_not_a_death(text):
    assert death_spans(text) == []


def test_a_total_reports_both_sides_and_takes_no_context(tmp_path):
    from conflictnews.extractors.casualties import extract_claims
    from conflictnews.corpus.load import load_corpus

    total = "Nearly 10,600 people in total have been killed in the conflict so far."
    text = "Israel has killed at least 9,061 Palestinians in Gaza. " + total
    assert victim_side(total, profile=GAZA) == "both"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    m = death_mentions(load_corpus(tmp_path), profile=GAZA)
    assert m["victim_side"].tolist() == ["palestinian", "both"]
    assert m["side_source"].tolist() == ["sentence", "sentence"]   # not taken from the sentence before
    # the claim adds up both sides' dead too
    assert [c["side"] for c in extract_claims(text, profile=GAZA)] == ["palestinian", "both"]


def test_claims_and_mentions_of_a_seed_sentence_agree(seeds, mentions):
    """The claims of a sentence with one killed figure and its death mention are decided by the
    same victims.py rules: the same side ('none' for a mention is 'unknown' for a claim).  A
    mention whose side came from context (side_source 'context') may differ: claims take no context."""
    from conflictnews.extractors.casualties import claims

    c = claims(seeds)
    c = c[c["outcome"] == "killed"]
    j = c.merge(mentions, on=["article_id", "sent_id"], suffixes=("", "_m"))
    assert len(j) == len(c)     # every killed figure's sentence is a death mention ("claimed 1,200 lives" too)
    sentence = j[j["side_source"] == "sentence"]
    assert (sentence["side"] == sentence["victim_side"].replace({"none": "unknown"})).all()


def test_context_fill():
    m = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "sent_id": [1, 2, 30, 1],
                      "victim_side": ["israeli", "none", "none", "none"],
                      "side_source": ["sentence"] * 4})
    out = fill_from_context(m, max_gap=5)
    assert out["victim_side"].tolist() == ["israeli", "israeli", "none", "none"]
    assert out["side_source"].tolist() == ["sentence", "context", "none", "none"]


def test_deaths_per_mention_arithmetic():
    m = pd.DataFrame({"victim_side": ["palestinian"] * 3 + ["israeli"] * 2 + ["both"]})
    d = deaths_per_mention(m, {"palestinian": 400, "israeli": 150}).set_index("side")
    assert d.loc["palestinian", "mentions"] == 4 and d.loc["palestinian", "deaths_per_mention"] == 100
    assert d.loc["israeli", "mentions"] == 3 and d.loc["israeli", "deaths_per_mention"] == 50
    d = deaths_per_mention(m, {"palestinian": 300}, count_both=False).set_index("side")
    assert d.loc["palestinian", "deaths_per_mention"] == 100
    assert pd.isna(d.loc["israeli", "deaths_per_mention"])
    with pytest.raises(ValueError, match="unknown side"):
        deaths_per_mention(m, {"gazans": 1})


def _peer():
    """The hand-tagged sentences with our reading of them (conflictnews.analysis.evaluation)."""
    if not (PEER / "tagged_data_wp_oct7_to_oct22.csv").exists():
        pytest.skip(f"peer data absent ({PEER}); clone beside the shared/ folder to run this test")
    from conflictnews.analysis.evaluation import classify_deaths, load_peer

    return classify_deaths(load_peer(PEER), profile=GAZA)


def test_peer_victim_side_accuracy():
    peer = _peer()
    frames = {k: peer[peer["outlet"] == k] for k in ("WP", "WSJ")}
    for name, floor_sentence, floor_context in (("WP", 0.77, 0.87), ("WSJ", 0.76, 0.84)):
        df = frames[name]
        assert (df["victim_side"] == df["gold"]).mean() >= floor_sentence, name
        assert (df["side_context"] == df["gold"]).mean() >= floor_context, name
    every = pd.concat(frames.values())
    assert (every["side_context"] == every["gold"]).mean() >= 0.86
    # Both sides are recognised, not one guessed for everything.
    for cls in ("palestinian", "israeli"):
        sub = every[every["gold"] == cls]
        assert (sub["side_context"] == cls).mean() >= 0.85, cls


def test_peer_deaths_per_mention_reproduces_the_gap():
    from conflictnews.analysis.evaluation import OCHA_FILE

    peer = _peer()
    tally = read_ocha(PEER / OCHA_FILE)
    assert tally == {"palestinian": 4651 + 91, "israeli": 1401}
    df = peer[peer["outlet"] == "WP"]
    d = deaths_per_mention(df.assign(victim_side=df["side_context"]), tally).set_index("side")
    # Jackson's finding: many more Palestinian deaths per mention than Israeli.
    assert d.loc["palestinian", "deaths_per_mention"] > 3 * d.loc["israeli", "deaths_per_mention"]


# ---------------------------------------------------------------------------------------------
# Speed work: death_mentions analyses each death sentence once (shared by side and voice) and
# classifies only the sentences the article-wide scan maps death words to.  Same answers as the
# per-sentence public functions.


def test_death_mentions_agree_with_per_sentence_functions(seeds):
    m = death_mentions(seeds, context=False)
    assert len(m)
    for text, side, voice in zip(m["text"], m["victim_side"], m["voice"]):
        assert side == victim_side(text, profile=GAZA)   # the profile the seeds choose
        assert voice == death_voice(text)
    # every sentence with a death word (and only those) is a mention
    s = seeds.sentences
    expected = {(a, i) for a, i, t in zip(s["article_id"], s["sent_id"], s["text"]) if DEATH_PATTERN.search(t)}
    assert set(zip(m["article_id"], m["sent_id"])) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("killed by Israeli strikes Palestinians Hamas gunmen dead, "
                                             "were .-'\n")), max_size=120))
def test_side_and_voice_is_victim_side_and_death_voice(text):
    from conflictnews.extractors.victims import side_and_voice
    assert side_and_voice(text) == (victim_side(text), death_voice(text))


def test_death_mentions_empty_corpus(seeds):
    from conflictnews.corpus.load import Corpus
    empty = Corpus(seeds.articles.iloc[:0], seeds.skipped, seeds.cleaning)
    m = death_mentions(empty)
    assert m.empty and list(m.columns) == ["article_id", "sent_id", "start", "end", "text", "death_words",
                                           "victim_side", "side_source", "voice", "emotive_terms"]
