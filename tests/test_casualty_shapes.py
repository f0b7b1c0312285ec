"""Casualty figures in shapes the reader used to miss, each with made-up sentences: parts written
without a noun, a sentence that opens with its whole, a toll's change and new value, a noun the
parse hangs as an adverbial, "24, 000", refugees who crossed a border, a second verb after a
coordination."""
from __future__ import annotations

import pytest

from conflictnews.extractors.casualties import extract_claims
from conflictnews.extractors.numbers import parse_number


def read(text: str) -> list[tuple]:
    """(value, qualifier, outcome, group, is a part) of every claim of ``text``."""
    return [(c["value"], c["qualifier"], c["outcome"], c["group"], c["part_of"] is not None)
            for c in extract_claims(text)]


def test_parts_written_without_a_noun_are_parts_of_the_figure_before():
    got = read("Five soldiers were wounded, two seriously and three lightly, in the blast.")
    assert got == [(5, "exact", "injured", "soldiers", False), (2, "exact", "injured", None, True),
                   (3, "exact", "injured", None, True)]


def test_a_number_before_an_adverb_with_no_figure_before_is_nothing():
    assert read("The two sides met twice, two seriously and three lightly.") == []


def test_a_sentence_that_opens_with_its_whole_figure():
    text = "Of the 52 people killed in the raid, 40 were civilians, nine were police officers and three were gunmen."
    got = extract_claims(text)
    assert [(c["value"], c["outcome"], c["group"]) for c in got] == [
        (52, "killed", "people"), (40, "killed", "civilians"), (9, "killed", "police officers"),
        (3, "killed", "gunmen")]
    whole = got[0]["start"]
    assert [c["part_of"] for c in got] == [None, whole, whole, whole]


def test_a_sentence_that_opens_with_a_whole_without_a_number():
    text = ("Of the total number of deaths recorded in the province this year, 19 were aid workers, six were "
            "Kenyan and two were Nepali.")
    got = extract_claims(text)
    assert [(c["value"], c["outcome"], c["group"], c["side"]) for c in got] == [
        (19, "killed", "aid workers", "unknown"), (6, "killed", "Kenyan", "kenyan"), (2, "killed", "Nepali", "nepali")]


def test_an_opening_of_things_is_no_whole():
    assert read("Of the 40 trucks that entered, 12 were empty and nine were turned back.") == []


@pytest.mark.parametrize("text, value, outcome", [
    ("The death toll rose by 12 to 342, the ministry said.", 342, "killed"),
    ("The number of wounded climbed by 5 to 40 on Sunday.", 40, "injured"),
    ("The number of aid workers held hostage by the militia has increased by three to 14.", 14, "hostage"),
])
def test_a_toll_that_rose_by_a_change_to_its_new_value(text, value, outcome):
    assert [(c["value"], c["outcome"]) for c in extract_claims(text)] == [(value, outcome)]


def test_a_change_alone_is_still_no_figure():
    assert read("The death toll rose by 300 on Sunday.") == []
    assert read("Prices rose by 12 to 15 percent.") == []


def test_the_people_held_hostage_of_a_toll_that_rose():
    # the small parse makes "held" the main verb and "rose" its conjunct: the subject is shared
    assert [(c["value"], c["outcome"]) for c in extract_claims("The number of people held hostage by the gang "
                                                                "rose to 30.")] == [(30, "hostage")]


def test_a_quoted_object_the_parse_reads_as_an_adverbial():
    text = "It said it had detained “11 suspects,” and that it had “eliminated 12 gunmen.”"
    assert [(c["value"], c["outcome"], c["group"]) for c in extract_claims(text)] == [(12, "killed", "gunmen")]


@pytest.mark.parametrize("text, value", [("24, 000", 24000), ("1, 000, 000", 1_000_000), ("31 000", 31000)])
def test_thousands_after_a_comma_and_a_space(text, value):
    assert parse_number(text) == value


def test_a_date_before_a_comma_is_still_a_date():
    assert [c["value"] for c in extract_claims("On July 4, 200 people were killed.")] == [200]
    assert [c["value"] for c in extract_claims("The toll has risen to 31, 000, officials said.")] == [31000]


def test_refugees_who_crossed_a_border_after_fleeing():
    text = "Since April, 1.2 million have fled their homes, and about 400,000 have entered adjacent nations."
    assert [(c["value"], c["qualifier"], c["outcome"]) for c in extract_claims(text)] == [
        (1_200_000, "exact", "displaced"), (400_000, "about", "displaced")]
    # a verb that bounds a toll ("crossed 10,000") does not bound the people who crossed
    text = "More than 80,000 people have fled their homes and 12,000 have crossed into neighbouring countries."
    assert [(c["value"], c["qualifier"]) for c in extract_claims(text)] == [(80000, "more_than"), (12000, "exact")]


def test_troops_that_cross_a_border_are_not_displaced():
    assert read("About 3,000 troops crossed into the country on Monday.") == []


def test_a_second_verb_after_a_coordination_gives_its_own_outcome():
    got = read("Gunmen killed four villagers and 11 were wounded in the raid.")
    assert [(v, o) for v, _q, o, _g, _p in got] == [(4, "killed"), (11, "injured")]


def test_people_whose_bodies_remain_are_dead():
    assert read("Rescuers say some 2,000 people whose bodies remain trapped under the rubble have not been "
                "counted.") == [(2000, "some", "killed", "people", False)]


def test_some_of_a_figure_is_still_the_figure():
    # "most of the 2.3 million" is a population; "some of the 30 people killed" counts the dead
    assert read("These are some of the 30 people killed in the attack on the market.") == [
        (30, "exact", "killed", "people", False)]
    assert read("Most of the 2.3 million people in the enclave have no water.") == []


def test_a_group_that_is_some_of_a_figure_is_a_part_of_it():
    got = extract_claims("The 14 members of the Haddad family are among an estimated 900 people whose bodies "
                         "remain under the rubble.")
    assert [(c["value"], c["outcome"], c["qualifier"]) for c in got] == [(14, "killed", "exact"),
                                                                      (900, "killed", "estimated")]
    assert got[0]["part_of"] == got[1]["start"]


def test_a_toll_between_two_bounds_and_a_part_with_being():
    got = extract_claims("Researchers said that the death toll was between 120,000 and over 200,000, with "
                         "90,000 to 110,000 being civilians.")
    assert [(c["value"], c["high"], c["qualifier"], c["group"]) for c in got] == [
        (120000, 200000, "range", None), (90000, 110000, "range", "civilians")]
    assert got[1]["part_of"] == got[0]["start"]
    assert read("Police arrested 40 people, with 12 being minors.") == []


@pytest.mark.parametrize("text", [
    "More than 300 people were killed or injured in the attack.",
    "The strikes killed or wounded 4,000 civilians.",
    "Russia has lost more than 600,000 troops killed or wounded since the invasion.",
    "Dozens of villagers were killed or abducted in the raid.",
])
def test_one_count_of_two_outcomes_is_no_figure(text):
    # news_dev's convention and a chart's: a count of killed and wounded together is no toll
    assert read(text) == []


@pytest.mark.parametrize("text, expected", [
    ("At least four villagers were killed and 44 wounded in the raid.", [(4, "killed"), (44, "injured")]),
    ("The attack left at least 300 people dead and forced 400,000 to flee.", [(300, "killed"),
                                                                              (400000, "displaced")]),
    ("Gunmen shot and killed 12 people.", [(12, "killed")]),
])
def test_two_outcomes_of_two_counts_stay_apart(text, expected):
    assert [(v, o) for v, _q, o, _g, _p in read(text)] == expected


def test_among_those_killed_and_among_a_figure():
    assert read("Twelve farm workers were among those killed, their embassy said.") == [
        (12, "exact", "killed", "farm workers", False)]
    got = extract_claims("Nine aid workers were among the 40 people killed.")
    assert [(c["value"], c["outcome"]) for c in got] == [(9, "killed"), (40, "killed")]
    assert got[0]["part_of"] == got[1]["start"]


@pytest.mark.parametrize("text, value", [
    ("Twenty-three migrants drowned off the coast on Sunday.", 23),
    ("Four children starved to death in the camp last month.", 4),
])
def test_other_ways_to_die(text, value):
    assert [(c["value"], c["outcome"]) for c in extract_claims(text)] == [(value, "killed")]


def test_the_bodies_of_hostages_are_dead():
    assert [(c["value"], c["outcome"]) for c in extract_claims("The bodies of six hostages were recovered.")] == [
        (6, "killed")]
    assert [(c["value"], c["outcome"]) for c in extract_claims("The militants released six hostages.")] == []


def test_a_number_whose_noun_hangs_on_it():
    # "killing one Palestinian" parsed with "Palestinian" an adjective of "one"
    got = extract_claims("Settlers attacked the village, killing one Palestinian and injuring dozens.")
    assert [(c["value"], c["outcome"], c["group"]) for c in got] == [(1, "killed", "Palestinian"),
                                                                   (24, "injured", None)]


def test_a_participle_the_parse_reads_as_a_second_clause():
    # "killed 60 officers gathered at a hotel": no "and" before "gathered", so it is the officers'
    assert [(c["value"], c["outcome"]) for c in extract_claims(
        "The strike killed 60 officers gathered at a hotel.")] == [(60, "killed")]
    assert [(c["value"], c["outcome"]) for c in extract_claims(
        "Since May, 120 soldiers have been killed and 900 soldiers wounded.")] == [(120, "killed"), (900, "injured")]


def test_the_opening_whole_ends_at_its_comma():
    text = "Of the deaths recorded by the monitor since March 3, 14 were medics and two were Sudanese."
    assert [(c["value"], c["outcome"], c["group"]) for c in extract_claims(text)] == [
        (14, "killed", "medics"), (2, "killed", "Sudanese")]
