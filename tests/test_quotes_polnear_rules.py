"""Quote rules found on PolNeAR's development split (issue 10), each tested on a made-up sentence
of the same shape that failed before the rule."""
from __future__ import annotations

from conflictnews.extractors.quotes import quotes_in_text


def rows(text):
    q = quotes_in_text(text, "2024-03-01")
    for r in q.itertuples():
        assert text[r.start:r.end] == r.quote
    return q


def test_partial_quote_after_an_adjunct_stands_for_the_reported_clause():
    """"tweeted in the late evening hours that Ruiz was “dishonest”": the small model hangs the
    "that" clause on the adjunct (an adverbial clause), so the parse gives the verb no clause;
    the reported-speech reading of the verb does."""
    text = "Meyer tweeted in the late evening hours that Ruiz was “dishonest” and “a liar.”"
    q = rows(text)
    assert len(q) == 1
    r = q.iloc[0]
    assert r["speaker"] == "Meyer" and r["direct"]
    assert r["quote"] == "Ruiz was “dishonest” and “a liar"


def test_partial_quote_after_according_to_stands_for_the_clause():
    """"According to X, the firm ran a “sham” ...": what is attributed is the whole clause."""
    text = ("According to a lawsuit filed by the county, the firm ran a \"sham recycling operation\" "
            "for almost a decade.")
    q = rows(text)
    assert len(q) == 1
    assert q.iloc[0]["quote"] == 'the firm ran a "sham recycling operation" for almost a decade'


def test_quote_that_opens_what_was_said_is_not_widened():
    """"urged “calm” to let ...": the quotation opens what the verb reports; the words after it
    are the writer's, and the quote stays as marked."""
    text = "The council has repeatedly urged \"calm and patience\" to let the inquiry finish its work."
    q = rows(text)
    assert q.iloc[0]["quote"] == "calm and patience"


def test_speech_noun_after_its_verb_is_not_a_cue():
    """"attacked the senator in late-night posts": a speech noun after the verb says where the act
    was done; only "In a statement, X ..." (before the verb) makes the clause a speech act."""
    q = rows("The governor attacked the senator again in late-night posts about the budget.")
    assert q.empty
    q = rows("In a statement, the governor attacked the senator over the budget.")
    assert q.iloc[0]["verb"] == "In a statement"


def test_tag_with_an_object_after_the_clause():
    """"A, Sen. X (D-Ohio) told The Daily Courier on Thursday.": nothing after the verb is a clause
    (a name and a date), so what was said is the clause before the tag."""
    text = ("The mayor could back a new tax on hotels, but only if the council agrees to cut fees, "
            "Sen. Ana Ruiz (D-Ohio) told The Daily Courier on Thursday.")
    q = rows(text)
    assert len(q) == 1
    r = q.iloc[0]
    assert r["speaker"] == "Sen. Ana Ruiz" and r["verb"] == "told" and not r["direct"]
    assert r["quote"] == "The mayor could back a new tax on hotels, but only if the council agrees to cut fees"
    assert rows("On Thursday, Ruiz told The Daily Courier.").empty   # no clause before the tag


def test_complement_without_that_after_an_adjunct():
    """"said after the meeting she would not ...": the parse reads the clause as adverbial (no
    "that"); with its own subject and no subordinating word it is what was said."""
    q = rows("Rodrigues said after the meeting she would not accept the offer if it were made.")
    assert len(q) == 1
    assert q.iloc[0]["speaker"] == "Rodrigues" and q.iloc[0]["quote"] == "she would not accept the offer if it were made"
    q = rows("The minister left the hall after the meeting because she was angry.")
    assert q.empty
