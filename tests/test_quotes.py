"""Quotes: speakers, verbs, direct and reported speech, hand-checked on the seeds."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from conflictnews.extractors.actors import mentions
from conflictnews.extractors.quotes import QUOTE_COLUMNS, quotes, quotes_in_text


@pytest.fixture(scope="module")
def seed_quotes(seeds):
    return quotes(seeds, mentions=mentions(seeds))


def article(q, prefix):
    return q[q["article_id"].str.startswith(prefix)].reset_index(drop=True)


def test_columns_and_offsets(seeds, seed_quotes):
    assert list(seed_quotes.columns) == QUOTE_COLUMNS
    texts = dict(zip(seeds.articles["article_id"], seeds.articles["text"]))
    for r in seed_quotes.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.quote


def test_direct_quotes_of_002(seed_quotes):
    """Every direct quote of 002 with its speaker, read off the article by hand."""
    q = article(seed_quotes, "002")
    direct = q[q["direct"]]
    got = [(sid if isinstance(sid, str) else None, quote) for sid, quote in zip(direct["speaker_id"], direct["quote"])]
    expected = [
        ("joe_biden", "I think we need a pause."),            # Biden replied: "..."
        ("john_kirby", "A humanitarian pause... is temp"),    # ...," Kirby said.
        ("john_kirby", "The general idea is that in tha"),    # He added: "..."  (he = Kirby)
        ("white_house", "humanitarian pauses"),               # The White House has previously called for "..."
        ("john_kirby", "We aren't advocating for a gene"),    # ...," he said. "As I said earlier, ...": the
        # quotation goes on in the next sentence, one speech event (one row, as PolNeAR annotates it)
        ("antony_blinken", "When I see a Palestinian child"),  # ...," Blinken said.
        ("antony_blinken", "So this is something that we h"),  # a paragraph continuing it
        ("antony_blinken", "We will be talking about concr"),  # ...," Blinken told reporters
        ("antony_blinken", "This is something that the Uni"),  # ...," he said
        ("pat_ryder", "We do not support a cease-fire"),     # ...," spokesperson Pat Ryder said
        (None, "I've heard however, the presid"),             # ...," said the spokesperson (Kirby or Ryder?)
        ("pat_ryder", "That continues to be something"),      # ...," he added.
    ]
    assert len(got) == len(expected)
    for (sid, quote), (want_sid, want_start) in zip(got, expected):
        assert sid == want_sid and quote.startswith(want_start), (sid, quote)
    verbs = direct["verb"].tolist()
    assert verbs[0] == "replied" and verbs[2] == "added" and verbs[7] == "told"
    assert direct.iloc[10]["speaker"] == "the spokesperson"  # unresolved: kept as written
    assert "As I said earlier" in direct.iloc[4]["quote"]
    # the quote marks themselves are not part of a quote (but for a quotation that goes on after
    # "he said", whose span runs from its first quoted word to its last)
    assert not direct["quote"].drop(direct.index[4]).str.contains('"').any()


def test_quotes_of_003(seed_quotes):
    q = article(seed_quotes, "003")
    direct = q[q["direct"]]
    assert [(r.speaker_id, r.quote) for r in direct.itertuples()] == [
        ("us_state_department", "He's going to discuss the need to defeat Hamas, including in Rafah in a way that "
         "we believe will hopefully protect civilian populations and does not hinder the delivery of "
         "humanitarian assistance, and advances Israel's overall security."),
        ("antony_blinken", "It's getting closer. I think the gaps are narrowing, and I think an agreement is "
         "very much possible"),
        # one speech act quoted in two pieces around "Blinken said": one row (as PolNeAR annotates it)
        ("antony_blinken", 'A very strong proposal was put on the table," Blinken said, "and we have to see if Hamas '
                           'can say yes to the proposal.'),
    ]
    reported = q[~q["direct"]]
    by_verb = dict(zip(reported["verb"], reported["speaker_id"]))
    assert by_verb["made it clear"] == "benjamin_netanyahu"
    assert by_verb["emphasized"] == "antony_blinken"
    assert by_verb["reiterated"] == "lloyd_austin"
    emph = reported[reported["verb"] == "emphasized"].iloc[0]
    assert emph["quote"] == "an agreement would depend on the consent of Hamas"


def test_pronoun_quotes_in_000_go_to_blinken(seed_quotes):
    q = article(seed_quotes, "000")
    # (the office's quote is the whole clause it reports: "Blinken ... were shown video clips “which depict ...”")
    he = q[q["verb"].isin(["said", "explained", "added"]) & ~q["quote"].str.contains("which depict")]
    assert len(he) == 18  # (b)..(s) in a hand reading of the article; (a) is "told reporters"
    assert set(he["speaker_id"]) == {"antony_blinken"}
    office = q[q["quote"].str.contains("which depict the horrors")]
    assert office["speaker_id"].tolist() == ["benjamin_netanyahu"]  # "the Prime Minister's office said"
    hamas = q[q["verb"] == "asserted"]
    assert hamas[["speaker_id", "direct"]].values.tolist() == [["hamas", False]]


def test_she_is_never_a_known_man():
    text = 'Barbara Leaf met Antony Blinken on Tuesday.\n\n"We will only know after the guns fall silent," she said.'
    q = quotes_in_text(text, "2023-11-10")
    assert q[["speaker_id", "verb", "direct"]].values.tolist() == [["barbara_leaf", "said", True]]
    q2 = quotes_in_text(text.replace("she said", "he said"), "2023-11-10")
    assert q2["speaker_id"].tolist() == ["antony_blinken"]


def test_multi_paragraph_quote_and_straight_marks():
    text = ('Kirby spoke at length. "The first paragraph of the quote goes on.\n\n'
            '"And the second paragraph ends it," Kirby said.\n\n'
            'Later, “curly marks work too,” Kirby added.')
    q = quotes_in_text(text, "2023-11-02")
    first = q.iloc[0]
    assert first["quote"].startswith("The first paragraph") and first["quote"].endswith("ends it")
    assert first["speaker_id"] == "john_kirby" and first["verb"] == "said" and first["direct"]
    assert text[first["start"]:first["end"]] == first["quote"]
    assert q.iloc[1][["quote", "verb", "speaker_id"]].tolist() == ["curly marks work too", "added", "john_kirby"]


def test_reported_speech_patterns():
    q = quotes_in_text("Israel agreed to daily pauses, according to White House officials.", "2023-11-10")
    assert q[["speaker_id", "verb", "direct", "quote"]].values.tolist() == [
        ["white_house", "according to", False, "Israel agreed to daily pauses"]]
    q = quotes_in_text("Netanyahu said that there would be no ceasefire until the hostages are freed.",
                       "2023-11-10")
    assert q[["speaker_id", "verb", "quote"]].values.tolist() == [
        ["benjamin_netanyahu", "said", "there would be no ceasefire until the hostages are freed"]]
    q = quotes_in_text("Blinken told reporters in Tokyo that the pauses would help.", "2023-11-08")
    assert q["quote"].tolist() == ["the pauses would help"]
    # not speech: a passive, a noun after a determiner
    assert quotes_in_text("The casualty rates are higher than what is being reported.", "2023-11-10").empty
    assert quotes_in_text("Hamas rejected the claims of the army as lies.", "2023-11-10").empty


def test_scare_quotes_are_not_quotes():
    q = quotes_in_text('The White House wants humanitarian "pauses" in Gaza.', "2023-11-02")
    assert q.empty


def test_user_gazetteer_speech_verbs(tmp_path):
    path = tmp_path / "g.yml"
    path.write_text("actors:\n  - {id: rsf, name: Rapid Support Forces, kind: armed_group, affiliation: RSF}\n"
                    "speech_verbs: [grumbled]\n", encoding="utf-8")
    q = quotes_in_text('"We will not leave," the Rapid Support Forces grumbled.', gazetteer=path)
    assert q[["speaker_id", "verb"]].values.tolist() == [["rsf", "grumbled"]]
    assert quotes_in_text('"We will not leave at all," the Rapid Support Forces said.', gazetteer=path) \
        ["verb"].isna().all()


_WORDS = st.sampled_from(["Blinken", "Antony Blinken", "Barbara Leaf", "said", "told reporters", "he", "she",
                          "who", "according to", "\u201c", "\u201d", '"', ",", ".", "\n\n", "that", "the",
                          "spokesperson", "White House officials", "Hamas", "is being reported", "added:",
                          "made it clear", "U.S.", "’s", "said,"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=5)), max_size=40),
       st.sampled_from([None, "2023-11-03"]))
def test_quotes_never_raise_and_offsets_slice(parts, published):
    text = " ".join(parts)
    q = quotes_in_text(text, published)
    for r in q.itertuples():
        assert text[r.start:r.end] == r.quote
        assert 0 <= r.start <= r.end <= len(text)


def test_told_skips_the_object_of_the_verb():
    q = quotes_in_text("Blinken told a Saudi television station he believed an agreement was possible.",
                       "2024-03-20")
    assert q[["speaker_id", "verb", "quote"]].values.tolist() == [
        ["antony_blinken", "told", "he believed an agreement was possible"]]
    q = quotes_in_text("Blinken told CNN on Sunday that the pauses would help civilians.", "2024-03-20")
    assert q["quote"].tolist() == ["the pauses would help civilians"]
    # no visible start of the reported clause: unchanged
    q = quotes_in_text("Blinken told Israel to protect civilians in the south of Gaza.", "2024-03-20")
    assert q["quote"].tolist() == ["Israel to protect civilians in the south of Gaza"]


def test_told_in_the_seeds(seed_quotes):
    q = article(seed_quotes, "003")
    told = q[q["verb"] == "told"]
    assert told[["speaker_id", "direct"]].values.tolist() == [["antony_blinken", False]]
    assert told.iloc[0]["quote"].startswith("he believed an agreement in the negotiations")


def test_given_mentions_give_the_same_quotes(seeds, seed_quotes):
    assert quotes(seeds).equals(seed_quotes)
    assert quotes(seeds.articles).equals(seed_quotes)


# --- the fast paths must agree with the plain versions they replace --------------------------------

def test_verb_regex_checks_the_left_boundary_only_when_no_verb_can_hide_another():
    from conflictnews.extractors.actors import load_gazetteer
    from conflictnews.extractors.quotes import _verb_regex, _verbs_can_hide

    assert _verb_regex(load_gazetteer(None)).pattern.startswith(r"(?<![\w-])")
    assert not _verbs_can_hide({"said", "Said", "according to", "told", "made it clear"})
    assert _verbs_can_hide({"made it clear", "it"})          # "remade it clear": "it" is covered
    assert _verbs_can_hide({"according to", "to say"})       # the longer form may run on
    assert _verbs_can_hide({"called for", "for"})
    assert _verbs_can_hide({"said", "Said", "said's", "s"})  # "said's": a verb at "s" after "'"
    g = load_gazetteer({"actors": [{"id": "x", "name": "X", "kind": "state", "affiliation": "X"}],
                        "speech_verbs": ["made it clear", "it"]})
    assert not _verb_regex(g).pattern.startswith("(?<!")


_VERB_TEXT = st.sampled_from(["said", "Said", "unsaid", "re-said", "_said", "’said", "according to", "told",
                              "made it clear", "remade it clear", "made clear", "called for", "x", "tells",
                              " ", "\n", "-", ",", "'", "“", "”", "reported", "report", "2said"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_VERB_TEXT, max_size=25))
def test_verb_regex_keeps_the_same_matches_as_the_plain_trie(parts):
    import re

    from conflictnews.extractors.actors import load_gazetteer, trie_pattern
    from conflictnews.extractors.quotes import _verb_regex

    gz = load_gazetteer(None)
    forms = set()
    for v in gz.speech_verbs:
        forms |= {v.lower(), v[:1].upper() + v[1:].lower()}
    plain = re.compile(trie_pattern(forms, boundary=False))
    text = "".join(parts)

    def kept(rx):
        return [m.span() for m in rx.finditer(text)
                if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"))]

    assert kept(_verb_regex(gz)) == kept(plain)


# --- what is reported stops where the reported clause stops ----------------------------------------

def _one(text, published="2023-11-10"):
    q = quotes_in_text(text, published)
    assert len(q) == 1, q[["verb", "quote"]].values.tolist()
    return q.iloc[0]


def test_to_infinitive_is_the_reported_content_and_a_relative_that_is_not_its_start():
    # "to" + a verb is the complement of "vowed", not an adjunct like "on Monday"; the "that" of
    # "the group that rules" is a relative pronoun, not the start of the reported clause
    r = _one("Blinken has vowed to rebuild Gaza, the enclave that Hamas rules.")
    assert (r["speaker_id"], r["verb"], r["quote"]) == ("antony_blinken", "vowed", "to rebuild Gaza")
    r = _one("Kirby pledged to publish the report, which the Pentagon had delayed for weeks.", "2023-11-02")
    assert r["quote"] == "to publish the report"
    # "said to reporters" is still a preposition, and "said on Monday that ..." still skips to "that"
    assert _one("Blinken said on Monday that the pauses would help civilians.")["quote"] == \
        "the pauses would help civilians"


def test_a_relative_clause_of_the_writer_ends_the_reported_content():
    r = _one("The Pentagon reiterated its support for the talks in Doha, where Hamas negotiators arrived on "
             "Monday and have been meeting mediators, officials and others.", "2023-11-03")
    assert (r["speaker_id"], r["quote"]) == ("us_department_of_defense", "its support for the talks in Doha")
    # an apposition closed by a comma is inside the clause: kept
    r = _one("The IDF says its forces have encircled Gaza City, a Hamas stronghold, as part of an effort "
             "to divide the enclave.")
    assert r["quote"].endswith("as part of an effort to divide the enclave")


def test_according_to_inside_a_clause_credits_what_follows_it():
    r = _one("Seeing the ruins of the camp after the raid that, according to Hamas, killed 20 people—a "
             "figure nobody could check—was hard.")
    assert (r["speaker_id"], r["verb"], r["quote"]) == ("hamas", "according to", "killed 20 people")
    r = _one("The strike, according to Hamas, destroyed three homes in Rafah.")
    assert r["quote"] == "destroyed three homes in Rafah"
    # not inside a clause: what comes before is still what is attributed
    r = _one("The crisis in Gaza is becoming worse, according to Lloyd Austin, who visited the region.",
             "2024-03-26")
    assert (r["speaker_id"], r["quote"]) == ("lloyd_austin", "The crisis in Gaza is becoming worse")


def test_a_participle_credits_the_subject_of_the_clause():
    r = _one("Though pressure has grown, Hamas rejected the proposal, saying it would not free any hostages.")
    assert (r["speaker_id"], r["verb"], r["direct"], r["quote"]) == (
        "hamas", "saying", False, "it would not free any hostages")
    r = _one("On Friday, White House officials defended the plan, adding that aid would keep flowing.")
    assert (r["speaker_id"], r["quote"]) == ("white_house", "aid would keep flowing")
    # after a speech verb the participle continues the same speech event: one quote, not two
    r = _one("Blinken said the talks were useful, adding that more work is needed.")
    assert r["verb"] == "said"
    # no actor is named: the speech event is kept, its speaker as written and unresolved (issue 10:
    # the parse gives the subject; it was left out when only names could start the clause)
    r = _one("Protesters blocked the road, saying they wanted a ceasefire.")
    assert (r["speaker"], r["speaker_id"], r["quote"]) == ("Protesters", None, "they wanted a ceasefire")
    # the -ing forms of the other speech verbs that take a clause ("urging", "admitting", "vowing")
    r = _one("Hamas rejected the plan, vowing that it would fight on.")
    assert (r["speaker_id"], r["verb"], r["quote"]) == ("hamas", "vowing", "it would fight on")
    r = _one("White House officials defended the plan, admitting that aid had been slow.")
    assert (r["speaker_id"], r["verb"]) == ("white_house", "admitting")


def test_the_reviewers_seed_sentences(seed_quotes):
    q001, q002, q004 = article(seed_quotes, "001"), article(seed_quotes, "002"), article(seed_quotes, "004")
    vowed = q001[q001["verb"] == "vowed"]
    assert vowed[["speaker_id", "quote"]].values.tolist() == [["benjamin_netanyahu", "to eradicate Hamas"]]
    saying = q001[q001["verb"] == "saying"]
    assert saying[["speaker_id", "quote"]].values.tolist() == [
        ["united_states", "it would allow Hamas to regroup and eventually carry out more terrorist attacks"]]
    reiterated = q002[q002["verb"] == "reiterated"]
    assert reiterated["quote"].tolist() == ["its opposition to a cease-fire in Gaza"]
    israel = q004[q004["speaker_id"] == "israel"]
    assert israel[["verb", "quote"]].values.tolist() == [["according to", "claimed 1,200 lives"]]


# --- speakers from the parse (issue 10) -------------------------------------------------------------

BARE = {"actors": [{"id": "x", "name": "Xanadu", "kind": "state", "affiliation": "X"}]}


def test_a_post_posed_speaker_with_the_body_it_speaks_for():
    text = ("More than 16,000 people have fled, said Maria Duarte, a spokesperson for the International "
            "Rescue Committee.")
    q = quotes_in_text(text, "2024-01-01", BARE)
    r = q.iloc[0]
    assert (r["speaker"], r["speaker_id"], r["speaker_resolved"]) == ("Maria Duarte", "maria_duarte", "named")
    assert r["speaker_for"] == "international_rescue_committee"
    assert r["quote"] == "More than 16,000 people have fled"
    assert text[r["speaker_start"]:r["speaker_end"]] == "Maria Duarte"


def test_a_title_before_a_name_and_a_spokesperson_for_a_body():
    q = quotes_in_text("Agency spokesman Omar Haddad said during a briefing that aid was blocked at the border.",
                       "2024-01-01", BARE)
    assert q[["speaker_id", "verb", "quote"]].values.tolist() == [
        ["omar_haddad", "said", "aid was blocked at the border"]]
    q = quotes_in_text("A spokesperson for the Rapid Support Forces said the convoy had been attacked twice.",
                       "2024-01-01", BARE)
    r = q.iloc[0]
    assert (r["speaker_id"], r["speaker_for"], r["speaker_resolved"]) == (
        "rapid_support_forces", "rapid_support_forces", "named")


def test_a_mission_to_the_un_is_not_the_un():
    q = quotes_in_text("Sudan's permanent mission to the United Nations said the report was false and biased.",
                       "2024-01-01")
    assert q["speaker_id"].tolist() != ["united_nations"]
    assert q["speaker"].tolist() == ["Sudan's permanent mission"]


def test_pronouns_and_descriptions_resolve_to_the_last_compatible_actor_or_stay_unresolved():
    text = ("The Lebanese Health Ministry counted 12 dead on Monday. The ministry said most of them were women. "
            "It said rescuers were still searching.")
    q = quotes_in_text(text, "2024-01-01", BARE)
    assert q[["speaker", "speaker_id", "speaker_resolved"]].values.tolist() == [
        ["The ministry", "lebanese_health_ministry", "description"],
        ["It", "lebanese_health_ministry", "pronoun"]]
    # nobody to refer to: the pronoun stays unresolved, as written
    q = quotes_in_text("He said the shelling went on all night in the east of the city.", "2024-01-01", BARE)
    assert q[["speaker", "speaker_id", "speaker_resolved"]].values.tolist() == [["He", None, None]]


def test_speaker_ids_follow_the_actors_merged_across_articles():
    import pandas as pd

    from conflictnews.extractors import tables
    from conflictnews.extractors.registry import frame_corpus

    arts = frame_corpus(pd.DataFrame({
        "article_id": ["a", "b"], "published": pd.to_datetime(["2024-01-01"] * 2),
        "text": ["Governor Serhiy Lysak said the front held near the river.",
                 "Lysak said the allies must send more air defence to the region."]}))
    got = tables(arts, ["mentions", "quotes"])
    q, m = got["quotes"], got["mentions"]
    # "Lysak" alone in article b is the one full name with that surname in the corpus
    assert set(m.loc[m["surface"].str.contains("Lysak"), "actor_id"]) == {"serhy_lysak"}
    assert set(q["speaker_id"]) == {"serhy_lysak"}


def test_a_speech_noun_makes_its_clause_a_speech_act():
    q = quotes_in_text("In a statement, the Rapid Support Forces blamed the army for the attack on the market.",
                       "2024-01-01")
    assert q[["speaker_id", "verb", "quote"]].values.tolist() == [
        ["rapid_support_forces", "In a statement", "blamed the army for the attack on the market"]]
    # with a speech verb of its own the sentence is one speech event, not two
    q = quotes_in_text("In a statement, the army said the attack on the market had killed 12 people.", "2024-01-01")
    assert q["verb"].tolist() == ["said"]


def test_a_speech_verb_in_the_progressive():
    q = quotes_in_text("Clinton is stressing that her plans will solve the problems facing American families.",
                       "2016-09-30", BARE)
    assert q[["speaker", "verb", "quote"]].values.tolist() == [
        ["Clinton", "stressing", "her plans will solve the problems facing American families"]]
