"""Readers of the parse (conflictnews.nlp.phrases): which noun a number counts, which word
governs it, who the subject of a verb is.  Sentences in the shapes the extractors meet."""
from __future__ import annotations

import pytest

from conflictnews.nlp import load
from conflictnews.nlp import phrases as ph


@pytest.fixture(scope="module")
def nlp():
    return load()


def word(doc, text, nth=0):
    return [t for t in doc if t.text == text][nth]


def test_a_number_belongs_to_the_noun_it_counts_and_the_verb_that_governs_it(nlp):
    doc = nlp("The strikes killed 112 aid workers, the ministry said.")
    head = ph.nominal_head(word(doc, "112"))
    assert head.text == "workers" and ph.noun_phrase(head).text == "112 aid workers"
    verb, rel = ph.governor(head)
    assert (verb.lemma_, rel) == ("kill", "dobj")
    assert [t.text for t in ph.subjects(verb)] == ["strikes"]


def test_an_of_phrase_is_governed_by_the_noun_before_it(nlp):
    doc = nlp("The deaths of 210 other people were confirmed by the army.")
    head = ph.nominal_head(word(doc, "210"))
    assert ph.noun_phrase(head).text == "210 other people"
    gov, rel = ph.governor(head)
    assert (gov.text, rel) == ("deaths", "prep:of")
    assert ph.noun_phrase(gov, with_of=True).text == "The deaths of 210 other people"
    assert ph.agent(ph.clause_verb(gov)).text == "army" and ph.is_passive(ph.clause_verb(gov))


def test_coordinated_figures_are_conjuncts_of_one_another(nlp):
    doc = nlp("Over 14,000 dead, including about 6,000 children, 2,900 women and 540 elderly.")
    women = ph.nominal_head(word(doc, "2,900"))
    assert women.text == "women"
    assert "children" in [t.text for t in ph.conjuncts(women)]


def test_a_post_posed_speaker_and_its_apposition(nlp):
    doc = nlp("More than 16,000 people have fled, said Maria Duarte, a spokesperson for the relief group.")
    said = word(doc, "said")
    (speaker,) = ph.subjects(said)
    assert ph.noun_phrase(speaker).text == "Maria Duarte"
    assert [t.text for t in ph.appositions(speaker)] == ["spokesperson"]


def test_a_coordinated_verb_shares_the_subject_of_the_first(nlp):
    doc = nlp("Israeli strikes killed one man and injured three others.")
    injured = word(doc, "injured")
    assert [t.text for t in ph.subjects(injured)] == ["strikes"]
    assert [t.text for t in ph.objects(word(doc, "killed"))] == ["man"]


def test_a_passive_agent_and_a_clause_verb(nlp):
    doc = nlp("Two people were killed by Israeli strikes in Gaza.")
    verb = ph.clause_verb(word(doc, "Two"))
    assert verb.lemma_ == "kill" and ph.is_passive(verb)
    assert ph.agent(verb).text == "strikes"
    assert [(p.text, o.text) for p, o in ph.prepositional(verb, "in")] == [("in", "Gaza")]


def test_root_depth_and_dominance(nlp):
    doc = nlp("The ministry said that 40 people were killed in the strike.")
    said, killed, strike = word(doc, "said"), word(doc, "killed"), word(doc, "strike")
    assert ph.sentence_root(strike) == said and ph.depth(said) == 0
    assert ph.depth(strike) > ph.depth(killed) > 0
    assert ph.dominates(said, strike) and ph.dominates(killed, strike) and ph.dominates(strike, strike)
    assert not ph.dominates(strike, killed)


def test_the_noun_a_word_introduces(nlp):
    doc = nlp("Two soldiers were killed, according to the army.")
    assert ph.object_after(word(doc, "to")).text == "army"
    assert ph.object_after(word(doc, "according")).text == "army"
    doc = nlp("Ten people died, the agency reported, citing officials.")
    assert ph.object_after(word(doc, "citing")).text == "officials"
    assert ph.object_after(word(doc, "Ten")) is None


def test_tokens_are_compared_by_position_not_identity(nlp):
    # spaCy makes a new Token object each time one is asked for: the readers compare positions
    doc = nlp("Over 14,000 dead, including about 6,000 children.")
    dead = word(doc, "dead")
    assert dead.head is not dead and dead.head == dead          # the root is its own head
    assert ph.clause_verb(dead) == dead and ph.governor(dead) == (None, "")


# --- who acts, who speaks (issue 10) ----------------------------------------------------------------

def test_the_speaker_of_a_speech_verb(nlp):
    doc = nlp("More than 16,000 people have fled, said Maria Duarte, a spokesperson for the relief group.")
    assert ph.speaker_of(word(doc, "said")).text == "Duarte"                  # post-posed
    doc = nlp("Two soldiers were killed, according to the army.")
    assert ph.speaker_of(word(doc, "according")).text == "army"
    doc = nlp("The army, which said the town had fallen, sent more troops.")
    said = word(doc, "said")
    assert ph.speaker_of(said).text == "army" and ph.speaker_of(said, relative=False).text == "which"
    # a parse that gives a verb two subjects: the one next to it
    doc = nlp("Austin has told Gallant to consider alternatives to a ground offensive in Rafah, the "
              "Department of Defence said in a statement.")
    assert ph.speaker_of(word(doc, "said")).text == "Department"


def test_a_place_acts_only_as_subject_agent_or_source(nlp):
    doc = nlp("Kyiv said it would respond after a strike on Kharkiv.")
    assert ph.acts(word(doc, "Kyiv")) and not ph.acts(word(doc, "Kharkiv"))
    doc = nlp("The town was shelled by Russia, according to Kyiv.")
    assert ph.acts(word(doc, "Russia")) and ph.acts(word(doc, "Kyiv"))
    doc = nlp("Kyiv is the capital.")
    assert not ph.acts(word(doc, "Kyiv"))                                     # a copula: still a place


def test_who_a_speaker_speaks_for_and_what_a_verb_reports(nlp):
    doc = nlp("Maria Duarte, a spokesperson for the relief group, said aid was blocked.")
    assert [t.text for t in ph.speaks_for(word(doc, "Duarte"))] == ["group"]
    doc = nlp("The army's spokesman said the town had fallen.")
    assert [t.text for t in ph.speaks_for(word(doc, "spokesman"))] == ["army"]
    doc = nlp("She said that the talks had failed.")
    assert ph.reported_clause(word(doc, "said")).text == "that the talks had failed"
    doc = nlp("The talks had failed, she said.")
    assert ph.reported_clause(word(doc, "said")).text == "The talks had failed"


def test_the_token_at_a_character(nlp):
    doc = nlp("Kyiv said so.")
    assert ph.token_at(doc, 0).text == "Kyiv" and ph.token_at(doc, 6).text == "said"
    assert ph.token_at(doc, 4) is None and ph.token_at(doc, 99) is None        # a space; past the end
