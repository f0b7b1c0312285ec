"""Named persons and organisations in defence and security reporting (issue 10, re3d's
categories): general rules, each tried on a made-up sentence."""
from __future__ import annotations

from conflictnews.extractors.actors import mentions_in_text


def _rows(text, gazetteer=None, **kw):
    m = mentions_in_text(text, "2017-01-01", gazetteer, **kw)
    return m[["surface", "actor_id", "kind", "method"]].values.tolist()


# --- a people named as a party --------------------------------------------------------------------

def test_a_plural_demonym_that_acts_is_its_people():
    got = _rows("After weeks of fighting, the Ukrainians have retaken the bridge.")
    assert ["Ukrainians", "people:ukrainian", "people", "demonym"] in got


def test_a_demonym_after_the_standing_as_a_noun_is_its_people():
    got = _rows("The French will lead the naval task force next spring.")
    assert ["French", "people:french", "people", "demonym"] in got


def test_a_demonym_that_describes_or_counts_stays_a_demonym():
    text = ("Canadian engineers and the Sudanese army met. Dozens of Yemenis fled, 12 Somalis drowned "
            "and Eritreans were detained.")
    assert {r[2] for r in _rows(text)} <= {"demonym", "organisation", "state", "armed_group"}
    assert not any(r[2] == "people" for r in _rows(text))


def test_a_people_things_happen_to_stays_a_demonym():
    text = "The aid is meant for Ukrainians who want to leave, and violence against Ukrainians must end."
    assert not any(r[2] == "people" for r in _rows(text))


# --- a body the article names by one capitalised noun ---------------------------------------------

def test_a_capitalised_body_noun_on_its_own_is_the_body_it_names():
    # the recogniser tags no entity on these "Coalition"s (it takes the word for a common noun)
    text = ("Partners met in Oslo on Monday. Officials said the Coalition would send more ships, and "
            "Coalition aircraft patrolled the coast.")
    got = [r for r in _rows(text) if r[0] == "Coalition"]
    # the first one the recogniser tags (``ner``); "Coalition aircraft" it does not
    assert len(got) == 2 and {r[1] for r in got} == {"coalition"} and got[1][3] == "body"


def test_a_body_noun_also_written_in_lower_case_or_within_a_name_is_no_name():
    text = "Officials said the Coalition met. The coalition of farmers voted, and the Farmers Coalition Party too."
    assert not any(r[3] == "body" for r in _rows(text))


# --- a name the text calls a place ---------------------------------------------------------------

def test_a_name_the_text_calls_a_town_is_a_place_throughout_the_article():
    # the recogniser tags "Kafr Nabtha" an organisation, then a person
    text = ("Opposition fighters freed the Syrian town of Kafr Nabtha from militants. Kafr Nabtha held "
            "symbolic importance to the militants.")
    assert not any("Nabtha" in r[0] for r in _rows(text))


def test_a_name_before_a_place_noun_is_a_place():
    assert not any("Nabtha" in r[0] for r in _rows("Gunmen struck the busy market of the Kafr Nabtha neighborhood."))
