"""Numbers as news writes them, and the bounds a qualifier puts on them.

    parse_number("9,061")            -> 9061.0
    parse_number("1.2 million")      -> 1200000.0
    parse_number("forty-two")        -> 42.0
    parse_number("a million")        -> 1000000.0
    parse_number("a dozen")          -> 12.0
    parse_number("dozens")           -> 24.0      (vague: a lower bound, see VAGUE)
    parse_share("40%")               -> 0.4
    parse_share("half")              -> 0.5
    canonical_qualifier("well over") -> 'over'
    bounds(9000, "over")             -> (9000.0, nan)
    bounds(10600, "nearly")          -> (nan, 10600.0)
    bounds(1200, "around")           -> (1200.0, 1200.0)   (approximate: see QUALIFIER_KIND)

``NUMBER`` is a regular-expression fragment (no capturing groups) that matches every number form
``parse_number`` reads; ``casualties`` builds its scanner from it, so the two always agree.
Everything here is language knowledge (English number words), not knowledge about a war: that
lives in ``resources/casualties.yml``.
"""
from __future__ import annotations

import math
import re

__all__ = ["NUMBER", "SHARE", "QUALIFIER", "ADDITIVE", "QUALIFIERS", "QUALIFIER_KIND", "VAGUE",
           "parse_number", "parse_share", "canonical_qualifier", "qualifier_kind", "bounds",
           "is_vague"]

NAN = float("nan")

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Abbreviated scales after digits: "1.2m", "3bn", "5k".
SHORT_SCALES = {"m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000}

# Vague amounts, read as lower bounds: "dozens" is at least 24 (two dozen), "hundreds" at least
# 200, and so on.  The value is the bound; the qualifier of a vague amount is ``vague``.
VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "tens of thousands": 20_000,
    "hundreds of thousands": 200_000, "millions": 2_000_000,
}

FRACTIONS = {
    "half": 1 / 2, "a half": 1 / 2, "one half": 1 / 2, "a third": 1 / 3, "one third": 1 / 3,
    "two thirds": 2 / 3, "a quarter": 1 / 4, "one quarter": 1 / 4, "three quarters": 3 / 4,
    "a fifth": 1 / 5, "one fifth": 1 / 5, "two fifths": 2 / 5, "a tenth": 1 / 10,
    "one tenth": 1 / 10,
}

# Qualifier phrases (lower case, single spaces) -> canonical qualifier.
QUALIFIERS = {
    "over": "over", "well over": "over", "just over": "over", "upwards of": "over",
    "more than": "more_than", "in excess of": "more_than", "well more than": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "approaching": "approaching", "toward": "approaching", "towards": "approaching",
    "nearing": "approaching",
    "up to": "up_to", "as many as": "up_to", "a maximum of": "up_to",
    "fewer than": "less_than", "less than": "less_than",
    "about": "about", "approximately": "about", "roughly": "about",
    "around": "around", "some": "some", "an estimated": "estimated", "estimated": "estimated",
    "exactly": "exact",
}
# Words that may stand between a qualifier and its number without changing either: "around
# ANOTHER 90", "A FURTHER 12", "A TOTAL OF 134".
ADDITIVES = ("another", "a further", "an additional", "an extra", "a total of")
# What each canonical qualifier says about the true value relative to the stated one.
QUALIFIER_KIND = {
    "over": "lower", "more_than": "lower", "at_least": "lower", "vague": "lower",
    "nearly": "upper", "approaching": "upper", "up_to": "upper", "less_than": "upper",
    "about": "approximate", "around": "approximate", "some": "approximate",
    "estimated": "approximate",
    "exact": "exact", "range": "range",
}

_WS = r"\s+"


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", _WS) for w in words), key=lambda w: (-len(w), w)))


_UNIT_WORD = _alt(UNITS)
_TEN_WORD = _alt(TENS)
_SCALE_WORD = _alt(SCALES)
# A cardinal in words: "forty-two", "two hundred", "one hundred and fifty", "three million".
_SMALL = rf"(?:(?:{_TEN_WORD})(?:[-\s](?:{_UNIT_WORD}))?|(?:{_UNIT_WORD}))"
_WORDS = rf"(?:{_SMALL}(?:\s+(?:{_SCALE_WORD})(?:\s+(?:and\s+)?{_SMALL}(?![-\w]))?)*)"
_A_SCALE = rf"(?:(?:a|one)\s+(?:dozen|{_SCALE_WORD})|half\s+a\s+million)"
# "two dozen", "three dozen" (a dozen is _A_SCALE)
_DOZENS = rf"(?:(?:{_SMALL})\s+dozen(?![\w-]))"
# Thousands separated by commas ("9,061") or by a (narrow, no-break) space, as much of Europe and
# some wires write them ("31 000", "2 400"), or by a comma and a space before "000" ("24, 000": a
# typo of wire copy; any other group after ", " may be a list or a date, "July 4, 200 people");
# then decimals ("1.9").
_THIN = "[ \u00a0\u202f]"
_DIGITS = (rf"(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d{{1,3}}(?:{_THIN}\d{{3}})+(?![\d,.]\d)"
           rf"|\d{{1,3}}(?:,{_THIN}000)+(?![\d,.]\d)|\d+)(?:\.\d+)?")
_DIGIT_SCALE = rf"(?:\s*(?:{_SCALE_WORD})|(?:{_alt(SHORT_SCALES)})(?![\w]))"
_VAGUE = _alt(VAGUE)

#: A number, as a regex fragment without capturing groups (match case-insensitively).
NUMBER = (rf"(?:{_DIGITS}(?:{_DIGIT_SCALE})?"
          rf"|{_A_SCALE}(?:\s+(?:{_SCALE_WORD}))?"
          rf"|{_DOZENS}"
          rf"|(?:{_VAGUE})"
          rf"|{_WORDS})")
#: A share of a count: "40%", "40 percent", "half", "two-thirds", "a third".
SHARE = (rf"(?:\d+(?:\.\d+)?\s*(?:%|per\s*cent)"
         rf"|{_alt(k.replace(' ', '-') for k in FRACTIONS if ' ' in k)}"
         rf"|{_alt(FRACTIONS)})")
#: A qualifier phrase placed before a number.
QUALIFIER = _alt(QUALIFIERS)
#: An additive word between the qualifier and the number ("another", "a further").
ADDITIVE = _alt(ADDITIVES)

_NUMBER_RX = re.compile(rf"^\s*{NUMBER}\s*$", re.I)
_SHARE_RX = re.compile(rf"^\s*{SHARE}\s*$", re.I)
_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")
_DIGITS_RX = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([a-z]*)$")
_SPACED_THOUSANDS = re.compile(r"(?<=\d)(?:[ \u00a0\u202f]|,[ \u00a0\u202f](?=000))(?=\d{3}(?!\d))")
_PERCENT_RX = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:%|per\s*cent)$")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower())


def is_vague(text: str) -> bool:
    """True for a vague amount ("dozens", "tens of thousands")."""
    return _norm(text) in VAGUE


def _words_value(tokens: list[str]) -> float | None:
    total, current, seen = 0, 0, False
    for tok in tokens:
        if tok == "and":
            continue
        if tok in UNITS:
            current += UNITS[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok == "a":
            current += 1
        elif tok == "dozen":
            current = (current or 1) * 12
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in SCALES:
            total += (current or 1) * SCALES[tok]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def parse_number(text: str) -> float | None:
    """The value of a number written in digits, words or both; None if ``text`` is not a number.

    Separators: "9,061"; decimals with a scale: "1.2 million", "3bn"; words: "two", "forty-two",
    "two hundred and fifty", "a million", "a dozen", "half a million"; vague amounts ("dozens",
    "hundreds", "tens of thousands") give their lower bound (see ``VAGUE``)."""
    if not isinstance(text, str) or not _NUMBER_RX.match(text):
        return None
    t = _norm(text)
    if t in VAGUE:
        return float(VAGUE[t])
    if t == "half a million":
        return 500_000.0
    m = _DIGITS_RX.match(_SPACED_THOUSANDS.sub("", t))
    if m:
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        scale = m.group(3)
        if scale:
            value *= SCALES.get(scale) or SHORT_SCALES[scale]
        return value
    return _words_value(_TOKEN.findall(t.replace("-", " ")))


def parse_share(text: str) -> float | None:
    """A share as a fraction of 1: "40%" -> 0.4, "40 percent" -> 0.4, "half" -> 0.5,
    "two-thirds" -> 0.667; None when not a share."""
    if not isinstance(text, str) or not _SHARE_RX.match(text):
        return None
    t = _norm(text).replace("-", " ")
    m = _PERCENT_RX.match(t)
    if m:
        return float(m.group(1)) / 100
    return FRACTIONS.get(t)


def canonical_qualifier(text: str | None) -> str:
    """The canonical qualifier of a phrase ("well over" -> "over"); no phrase -> "exact".
    Raises ValueError for an unknown phrase."""
    if text is None or not str(text).strip():
        return "exact"
    t = _norm(str(text))
    if t in QUALIFIERS:
        return QUALIFIERS[t]
    if t in QUALIFIER_KIND:
        return t
    raise ValueError(f"unknown qualifier {text!r}; known: {', '.join(sorted(QUALIFIERS))}")


def qualifier_kind(qualifier: str) -> str:
    """'lower' | 'upper' | 'approximate' | 'exact' | 'range' for a canonical qualifier."""
    try:
        return QUALIFIER_KIND[qualifier]
    except KeyError:
        raise ValueError(f"unknown qualifier {qualifier!r}; known: {', '.join(sorted(QUALIFIER_KIND))}") from None


def bounds(value: float, qualifier: str, high_value: float | None = None) -> tuple[float, float]:
    """(low, high) implied by a stated value and its canonical qualifier; NaN = unbounded.

    lower bound (over, more_than, at_least, vague) -> (value, NaN); upper bound (nearly,
    approaching, up_to, less_than) -> (NaN, value); approximate (about, around, some,
    estimated) and exact -> (value, value); range -> (value, high_value)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NAN, NAN
    value = float(value)
    kind = qualifier_kind(qualifier)
    if kind == "lower":
        return value, NAN
    if kind == "upper":
        return NAN, value
    if kind == "range":
        if high_value is None:
            raise ValueError("a range needs its upper value")
        return value, float(high_value)
    return value, value
