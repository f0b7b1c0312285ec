"""Dates written in metadata or in article text: "November 3, 2023", "Nov. 2, 2023",
"3 November 2023", "2023-11-03"."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH = r"(?P<month{n}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATE_RE = re.compile(
    r"\b(?:"
    r"(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})"                       # 2023-11-03
    r"|" + _MONTH.format(n=1) + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"   # Nov. 2, 2023
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.format(n=2) + r",?\s+(?P<y2>\d{4})"   # 2 November 2023
    r")\b",
    re.IGNORECASE,
)
EARLIEST, LATEST = 1900, 2100


def _date_from(m: re.Match) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["iso_y"]:
            y, mo, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        elif g["month1"]:
            y, mo, d = int(g["y1"]), MONTHS[g["month1"].lower()], int(g["d1"])
        else:
            y, mo, d = int(g["y2"]), MONTHS[g["month2"].lower()], int(g["d2"])
        date = dt.date(y, mo, d)
    except ValueError:  # 2023-02-30 and the like
        return None
    return date if EARLIEST <= date.year <= LATEST else None


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every valid date written in ``text``, with its character offsets."""
    out = []
    for m in DATE_RE.finditer(text):
        date = _date_from(m)
        if date:
            out.append((date, m.start(), m.end()))
    return out


def first_date(text: str) -> dt.date | None:
    """The first valid date written in ``text`` (a dateline or a dated caption), or None."""
    for m in DATE_RE.finditer(text):
        date = _date_from(m)
        if date:
            return date
    return None


def parse_date(value: object) -> dt.date | None:
    """A metadata date: ISO (``2023-11-03``, optionally with a time) or written out; else None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or text.lower() in {"nan", "nat", "none", "null"}:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", text)
    if iso:
        try:
            return dt.date(*map(int, iso.groups()))
        except ValueError:
            return None
    m = DATE_RE.fullmatch(text)
    return _date_from(m) if m else None
