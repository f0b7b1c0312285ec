import datetime as dt

import pytest

from conflictnews.corpus.dates import find_dates, first_date, parse_date


@pytest.mark.parametrize("text, expected", [
    ("Tel Aviv, Israel November 3, 2023 (credit)", dt.date(2023, 11, 3)),
    ("Washington D.C., U.S., Nov. 2, 2023.", dt.date(2023, 11, 2)),
    ("updated 2023-11-03 at noon", dt.date(2023, 11, 3)),
    ("on 7 October 2023, gunmen", dt.date(2023, 10, 7)),
    ("Sept. 14th, 2024", dt.date(2024, 9, 14)),
])
def test_dates_written_in_text(text, expected):
    assert first_date(text) == expected


@pytest.mark.parametrize("text", ["the October 7 attack", "in 2020 along the border", "Feb. 30, 2024", "2+2 dialogue",
                                  "1,200 people, 2023"])
def test_not_dates(text):
    assert first_date(text) is None


def test_find_dates_gives_offsets():
    text = "From Oct. 7, 2023 to 2024-03-26."
    assert [(d.isoformat(), text[s:e]) for d, s, e in find_dates(text)] == [
        ("2023-10-07", "Oct. 7, 2023"), ("2024-03-26", "2024-03-26")]


@pytest.mark.parametrize("value, expected", [
    ("2023-11-03", dt.date(2023, 11, 3)), ("2023-11-03T14:00:00Z", dt.date(2023, 11, 3)),
    ("March 20, 2024", dt.date(2024, 3, 20)), ("", None), (None, None), ("nan", None), ("soon", None),
    ("2023-13-01", None),
])
def test_parse_metadata_dates(value, expected):
    assert parse_date(value) == expected
