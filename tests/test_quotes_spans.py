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
