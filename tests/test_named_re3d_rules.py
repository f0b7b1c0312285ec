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
