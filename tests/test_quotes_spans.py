"""Quote spans over sentence breaks: quotations that go on after their tag, tags in the next
sentence, sentence breaks after abbreviations, and where a reported clause ends.  Made-up
sentences, each one a shape that failed before."""
from __future__ import annotations

from conflictnews.extractors.quotes import quotes_in_text


def rows(text):
    q = quotes_in_text(text, "2024-03-01")
    for r in q.itertuples():
        assert text[r.start:r.end] == r.quote
    return q


def test_two_apostrophe_marks_continue_after_the_tag():
    """''A,'' he said. ''B.'': the quotation goes on, one row, as with double marks."""
    text = ("''The bridge will not be rebuilt this year,'' he said. "
            "''Nobody has found the money for it, and nobody is looking.''")
    q = rows(text)
    assert len(q) == 1
    assert q.iloc[0]["quote"].startswith("The bridge") and q.iloc[0]["quote"].endswith("nobody is looking.")
    assert q.iloc[0]["speaker"] == "he"


def test_tag_in_the_next_sentence_after_a_question():
    """“...?” Marta Kovac said. “...”: the tag opens a sentence of its own."""
    text = ("“How long must the farmers wait for water?” Marta Kovac said. "
            "“The canal has been dry since June.”")
    q = rows(text)
    assert len(q) == 1
    assert q.iloc[0]["speaker"] == "Marta Kovac" and q.iloc[0]["verb"] == "said"
    assert q.iloc[0]["quote"].endswith("dry since June.")


def test_next_sentence_with_a_clause_of_its_own_is_not_a_tag():
    text = "“How long must the farmers wait?” Marta Kovac said the canal has been dry since June."
    q = rows(text)
    direct = q[q["direct"]]
    assert len(direct) == 1 and direct.iloc[0]["verb"] != "said"   # "said" has a clause of its own
    reported = q[~q["direct"]]
    assert reported["quote"].tolist() == ["the canal has been dry since June"]


def test_sentence_break_after_an_abbreviation_in_brackets():
    """The segmenter ends a sentence at "(D-Ore.)": the verb that opens the next one in lower case
    still has its speaker."""
    text = "However, Sen. Alma Ruiz (D-Ore.) said the committee had never seen the contract."
    q = rows(text)
    assert len(q) == 1
    assert q.iloc[0]["speaker"] == "Sen. Alma Ruiz"
    assert q.iloc[0]["quote"] == "the committee had never seen the contract"


def test_tag_broken_by_an_abbreviation_after_a_quote():
    text = ('"The records were sealed for a reason," Rep. Alma Ruiz (R-Tex.) said. '
            '"Opening them now helps nobody."')
    q = rows(text)
    assert len(q) == 1
    assert q.iloc[0]["speaker"] == "Rep. Alma Ruiz" and q.iloc[0]["quote"].endswith("helps nobody.")


def test_long_adjunct_before_that():
    """"said during ... that": the parse's complement clause, when the words did not say it."""
    text = ("Governor Ana Lind said during a Tuesday morning visit to the harbor in Tallinn that the "
            "ferry would resume service next week.")
    q = rows(text)
    assert q["quote"].tolist() == ["the ferry would resume service next week"]
    assert q.iloc[0]["speaker"] == "Governor Ana Lind"


def test_coordinated_speech_event_ends_the_clause_before_it():
    """"X said A, but he said B": B is not part of what X said in A, and is a row of its own."""
    text = ("Chief Ida Moss told the council that the footage did not show the driver, "
            "but she said two witnesses saw him run.")
    q = rows(text).sort_values("start")
    assert q["quote"].tolist() == ["the footage did not show the driver", "two witnesses saw him run"]
    assert q["speaker"].tolist() == ["Chief Ida Moss", "she"]


def test_dash_and_a_second_verb():
    text = "Paulsen said the vote would be close — and he noted that the rules had changed in 2019."
    q = rows(text).sort_values("start")
    assert q["quote"].tolist() == ["the vote would be close", "the rules had changed in 2019"]


def test_clause_that_says_is_still_nested():
    """"said that Y said ..." stays one event: Y's words are inside what X said."""
    text = "Paulsen said that the mayor said the harbour would close in June."
    q = rows(text)
    assert len(q) == 1 and q.iloc[0]["speaker"] == "Paulsen"


def test_tag_inside_the_sentence_keeps_both_sides():
    """"A, X said, B": what was said runs from A to B, around the tag."""
    text = "The new bridge, Mayor Ilse Brandt said, would cut the commute to twenty minutes."
    q = rows(text)
    assert len(q) == 1
    assert q.iloc[0]["quote"] == text[:-1]
    assert q.iloc[0]["speaker"] == "Mayor Ilse Brandt"


def test_tag_inside_the_sentence_before_a_coordinator():
    text = "It would take three weeks to convene the board, he said, and a fight could be paralyzing."
    q = rows(text)
    assert q["quote"].tolist() == ["It would take three weeks to convene the board"]


def test_according_to_then_an_apposition_to_the_source():
    """", according to X, head of Y, ...": what follows X is about X, not what X says."""
    text = ("Short courses can cut the risk by half, according to Ruth Adler, head of the "
            "Centre for Road Studies at Leeds, and other researchers.")
    q = rows(text)
    assert q["quote"].tolist() == ["Short courses can cut the risk by half"]
