"""Number, share and qualifier parsing (conflictnews.extractors.numbers)."""
import math
import re

import pytest

from conflictnews.extractors import numbers as N


@pytest.mark.parametrize("text,value", [
    ("9,061", 9061), ("10,600", 10600), ("1,400", 1400), ("242", 242), ("32,000", 32000),
    ("1.2 million", 1_200_000), ("2.3 million", 2_300_000), ("1 million", 1_000_000), ("3bn", 3e9),
    ("1.5m", 1_500_000), ("two", 2), ("forty-two", 42), ("forty two", 42), ("twenty", 20),
    ("a million", 1_000_000), ("a dozen", 12), ("a hundred", 100), ("one hundred and fifty", 150),
    ("two hundred fifty thousand", 250_000), ("half a million", 500_000), ("three million", 3e6),
    ("dozens", 24), ("hundreds", 200), ("thousands", 2_000), ("tens of thousands", 20_000),
    ("hundreds of thousands", 200_000), ("Forty-Two", 42),
])
def test_parse_number(text, value):
    assert N.parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "x", "9,0611", "1,2", "two-state", "many", "a", "million", "%", None, 12])
def test_parse_number_rejects(text):
    assert N.parse_number(text) is None


def test_number_fragment_matches_what_parse_number_reads():
    rx = re.compile(rf"^{N.NUMBER}$", re.I)
    for text in ("9,061", "1.2 million", "forty-two", "a dozen", "tens of thousands", "half a million"):
        assert rx.match(text), text
    assert not rx.match("9,0611")


@pytest.mark.parametrize("text,share", [
    ("40%", 0.4), ("40 percent", 0.4), ("7.5 per cent", 0.075), ("half", 0.5), ("a third", 1 / 3),
    ("two-thirds", 2 / 3), ("two thirds", 2 / 3), ("a quarter", 0.25), ("three-quarters", 0.75),
])
def test_parse_share(text, share):
    assert N.parse_share(text) == pytest.approx(share)


@pytest.mark.parametrize("text", ["40", "children", "", "half of", None])
def test_parse_share_rejects(text):
    assert N.parse_share(text) is None


@pytest.mark.parametrize("phrase,canonical", [
    (None, "exact"), ("", "exact"), ("over", "over"), ("well over", "over"), ("More than", "more_than"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("nearly", "nearly"), ("almost", "nearly"),
    ("about", "about"), ("approximately", "about"), ("around", "around"), ("some", "some"),
    ("up to", "up_to"), ("as many as", "up_to"), ("approaching", "approaching"), ("toward", "approaching"),
    ("an estimated", "estimated"), ("fewer than", "less_than"),
])
def test_canonical_qualifier(phrase, canonical):
    assert N.canonical_qualifier(phrase) == canonical


def test_unknown_qualifier_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="umpteen"):
        N.canonical_qualifier("umpteen")
    with pytest.raises(ValueError, match="bogus"):
        N.qualifier_kind("bogus")


def _b(value, qualifier, high=None):
    low, hi = N.bounds(value, qualifier, high)
    return (None if math.isnan(low) else low, None if math.isnan(hi) else hi)


def test_bounds_follow_the_qualifier():
    assert _b(9000, "over") == (9000, None)            # "over 9,000": at least 9,000
    assert _b(9061, "at_least") == (9061, None)
    assert _b(10600, "nearly") == (None, 10600)        # "nearly 10,600": at most 10,600
    assert _b(10000, "approaching") == (None, 10000)
    assert _b(1200, "around") == (1200, 1200)          # approximate: both, approximately
    assert _b(240, "some") == (240, 240)
    assert _b(1200, "exact") == (1200, 1200)
    assert _b(24, "vague") == (24, None)               # "dozens": a lower bound
    assert _b(50, "range", 60) == (50, 60)
    with pytest.raises(ValueError):
        N.bounds(50, "range")
    assert N.qualifier_kind("about") == "approximate" and N.qualifier_kind("up_to") == "upper"
