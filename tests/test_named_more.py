"""Names the gazetteer does not know (issue 10, continued): short made-up sentences on what the
recogniser misses and how the mentions recover it."""
from __future__ import annotations

from conflictnews.extractors.actors import mentions_in_text

# A gazetteer that knows none of the actors below
BARE = {"actors": [{"id": "x", "name": "Xanadu", "kind": "state", "affiliation": "X"}]}


def _rows(text, gazetteer=BARE, **kw):
    m = mentions_in_text(text, "2017-01-01", gazetteer, **kw)
    return m[["surface", "start", "actor_id", "kind", "method"]].values.tolist()


# --- a gazetteer surname whose only bearer in the article is someone else ----------------------------

def test_a_surname_goes_to_the_one_bearer_the_article_names():
    """The shipped gazetteer knows a William Burns; an article naming only Andrew Burns means him
    by "Burns"."""
    text = "The task force is led by Commodore Andrew Burns. \"We are ready,\" said Burns."
    m = mentions_in_text(text, "2017-01-01")
    bare = m[m["start"] == text.rindex("Burns")]
    assert bare[["actor_id", "method"]].values.tolist() == [["andrew_burns", "surname"]]


def test_a_surname_stays_refused_when_the_gazetteers_bearer_is_named_too():
    text = "William Burns met Andrew Burns in Cairo. \"We are ready,\" said Burns."
    m = mentions_in_text(text, "2023-11-01", unresolved=True)
    bare = m[m["start"] == text.rindex("Burns")]
    assert len(bare) == 1 and bare["actor_id"].isna().all() and bare["actor"].str.startswith("ambiguous").all()
    assert "Burns" not in set(mentions_in_text(text, "2023-11-01")["surface"])


# --- a name the recogniser tags once, wherever else the article writes it ---------------------------

def test_an_organisation_tagged_once_is_found_where_the_recogniser_missed_it():
    text = "NAVCENT is responsible for the Red Sea. The ship joined other NAVCENT units."
    got = _rows(text)
    assert [r[:2] for r in got] == [["NAVCENT", 0], ["NAVCENT", text.rindex("NAVCENT")]]
    assert {r[2] for r in got} == {"navcent"} and {r[3] for r in got} == {"organisation"}


def test_a_lone_word_counts_everywhere_once_it_acts_somewhere():
    # "members of the Coalition": a lone word that does nothing there, until "the Coalition's"
    text = "More than 40 members of the Coalition will meet in Rome. Ministers discussed the Coalition's aims."
    assert [r[:2] for r in _rows(text)] == [["Coalition", text.index("Coalition")],
                                            ["Coalition", text.rindex("Coalition")]]
    # never acting: not an actor anywhere
    assert _rows("More than 40 members of the Coalition will meet in Rome.") == []


def test_a_recurrence_is_read_where_it_stands():
    # where the name is a place ("in ..."), it is not the actor there, as an entity there would not be
    text = ("The Kivu Defence League said it held the town. Recruits serve two years in Kivu Defence League "
            "before they leave, and the Kivu Defence League denied it.")
    got = [r[:2] for r in _rows(text)]
    assert got == [["Kivu Defence League", 4], ["Kivu Defence League", text.rindex("Kivu")]]


def test_a_recurrence_inside_another_entity_is_not_taken():
    text = "The Coalition's jets struck the bridge, and the Coalition agreed. He read \"Letters to the Coalition\"."
    got = [r[:2] for r in _rows(text)]
    assert ["Coalition", 4] in got
    assert ["Coalition", text.rindex("Coalition")] not in got   # within the title of a book


# --- places and ships the recogniser calls persons or organisations --------------------------------

def test_a_capitalised_place_preposition_taken_into_a_name_makes_it_a_place():
    # at a sentence's start the small model reads "Near" as part of the name ("Near Dayr Az Zawr": a person)
    for text in ("Near Dayr Az Zawr, five strikes destroyed eight oil pump jacks.",
                 "Near Sinjar, two strikes destroyed three tunnel entrances."):
        assert _rows(text) == [], text
    # a name that acts after a preposition used as one stays an actor
    assert [r[0] for r in _rows("Near the border, the Kivu Defence League said it held the town.")] == \
        ["Kivu Defence League"]


def test_a_ship_written_short_is_not_an_actor():
    text = ("The French frigate FS Forbin joined the task force on Monday. Forbin is joining two destroyers, "
            "and Forbin will stay until May.")
    assert _rows(text) == []
