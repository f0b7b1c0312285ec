"""Victim side of death mentions in the israel-gaza profile: the general rules behind issue 12's
misses on the development newspapers (a base form read as a reduced passive, kidnappings as the
violence of one party, the places of the war, the adjective 'Palestinian' read as victims), and
what context does with a sentence that names no side.  Made-up sentences only."""
from __future__ import annotations

import pandas as pd
import pytest

from conflictnews.extractors.deaths import context_sides, fill_from_context
from conflictnews.extractors.victims import death_voice, victim_side

P = "israel-gaza"


# ---------------------------------------------------------------------------------------------
# Voice: only a participle can be a reduced passive


@pytest.mark.parametrize("text", [
    "The gunmen crossed the fence to kill and abduct villagers.",
    "Officials fear the raiders will murder or seize more people.",
    "They did not slaughter anyone, the report says.",
])
def test_a_base_form_after_to_or_a_modal_is_active(text):
    assert death_voice(text) == "active"


@pytest.mark.parametrize("text", [
    "The residents killed and wounded in the raid were buried on Monday.",
    "Two men slain at the checkpoint, police said.",
])
def test_a_participle_can_still_be_a_reduced_passive(text):
    assert death_voice(text) == "passive"


def test_the_killers_of_an_infinitive_are_not_its_victims():
    # "Hamas ... to kill" was a passive whose subject (Hamas) died: both sides
    text = "Hamas fighters came out of Gaza to kill and abduct Israelis in their homes."
    assert victim_side(text, profile=P) == "israeli"


# ---------------------------------------------------------------------------------------------
# Kidnappings are one party's violence in this war


@pytest.mark.parametrize("text", [
    "Relatives said their neighbours were killed and kidnapped that morning.",
    "Nobody knows how many were murdered or abducted.",
    "We still cannot count those who were killed or taken hostage.",
])
def test_deaths_named_with_kidnappings_are_israeli(text):
    assert victim_side(text, profile=P) == "israeli"


def test_kidnapping_carries_no_side_in_another_war():
    assert victim_side("Villagers were killed and kidnapped by the gunmen.", profile="sudan") != "israeli"
    assert victim_side("Villagers were killed and kidnapped by the gunmen.") == "none"


# ---------------------------------------------------------------------------------------------
# The places of the war


@pytest.mark.parametrize("text, side", [
    ("In Nuseirat, a family of nine was killed when their building collapsed.", "palestinian"),
    ("Three brothers died in Beit Lahia on Tuesday night.", "palestinian"),
    ("Residents of Netivot buried the dead on Sunday.", "israeli"),
])
def test_the_towns_of_the_war_place_the_dead(text, side):
    assert victim_side(text, profile=P) == side


# ---------------------------------------------------------------------------------------------
# "Palestinian" as an adjective names no victim


@pytest.mark.parametrize("text", [
    "An attacker who died near the kibbutz in southern Israel, where dozens were killed, carried a card of "
    "the Palestinian labour ministry.",
    "The kibbutz in southern Israel where 60 residents were killed lies near the Palestinian enclave's fence.",
])
def test_a_palestinian_ministry_is_no_palestinian_victim(text):
    assert victim_side(text, profile=P) == "israeli"


@pytest.mark.parametrize("text", [
    "A Palestinian was killed at the checkpoint.",
    "A Palestinian man died of his wounds on Friday.",
    "The victim, a Palestinian, was 17.",
    "Two Gazans and a Palestinian teenager died.",
    # the adjective of a death noun names its dead
    "Officials voiced sympathy for Palestinian deaths after the strike.",
    "The talks stalled as the Palestinian death toll kept rising.",
])
def test_a_palestinian_as_a_person_is_still_a_victim(text):
    assert victim_side(text, profile=P) == "palestinian"


# ---------------------------------------------------------------------------------------------
# Context: a sentence with no side takes the nearest one, never across the gap


def test_context_fills_a_sentence_without_side_from_the_nearest_mention():
    sides, sources = context_sides(["israeli", "none", "none", "palestinian"], [0, 1, 7, 8])
    assert sides == ["israeli", "israeli", "palestinian", "palestinian"]
    assert sources == ["sentence", "context", "context", "sentence"]


def test_context_leaves_a_distant_sentence_without_side():
    sides, sources = context_sides(["israeli", "none"], [0, 20])
    assert sides == ["israeli", "none"] and sources == ["sentence", "none"]


def test_a_kidnapping_sentence_gives_its_side_to_its_neighbour():
    rows = [("Families said their parents were killed and kidnapped.", 0),
            ("Entire streets were killed.", 1)]
    m = pd.DataFrame({"article_id": "a", "sent_id": [s for _t, s in rows],
                      "victim_side": [victim_side(t, profile=P) for t, _s in rows], "side_source": "sentence"})
    out = fill_from_context(m)
    assert out["victim_side"].tolist() == ["israeli", "israeli"]
    assert out["side_source"].tolist() == ["sentence", "context"]
