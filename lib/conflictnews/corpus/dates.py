"""Dates written in metadata or in article text: "November 3, 2023", "Nov. 2, 2023",
"3 November 2023", "2023-11-03"; in metadata also RSS/HTTP dates ("Fri, 03 Nov 2023 10:00:00
GMT") and numeric ones ("11/10/2023", read with ``date_format`` when day and month could be
either).  An article's own text gives its publication date only from a dateline or a
"Published ..." line at its top, never from a background phrase ("since October 7, 2023")."""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import lru_cache

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


class AmbiguousDate(ValueError):
    """A numeric date whose day and month could be either ("11/10/2023"): say ``date_format``."""


# date_format values: a strftime format, or which number comes first in d/m/y dates.
DAY_FIRST = ("day-first", "dmy")
MONTH_FIRST = ("month-first", "mdy")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _numeric_date(text: str, date_format: str | None) -> dt.date | None:
    """"11/10/2023", "3.11.2023": by ``date_format`` when given; else only when one of the two
    first numbers is above 12 (so it must be the day); else AmbiguousDate."""
    m = _NUMERIC.fullmatch(text)
    if not m:
        return None
    a, b, y = map(int, m.groups())
    fmt = (date_format or "").strip()
    if fmt.lower() in DAY_FIRST or fmt == "%d/%m/%Y":
        d, mo = a, b
    elif fmt.lower() in MONTH_FIRST or fmt == "%m/%d/%Y":
        d, mo = b, a
    elif a > 12 >= b:
        d, mo = a, b
    elif b > 12 >= a:
        d, mo = b, a
    elif a == b:
        d, mo = a, b
    else:
        raise AmbiguousDate(f"{text!r}: day and month could be either; set date_format to day-first or "
                            "month-first (or a format such as %d/%m/%Y)")
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def parse_date(value: object, date_format: str | None = None) -> dt.date | None:
    """A metadata date: ISO (``2023-11-03``, optionally with a time), written out ("March 20,
    2024"), RSS/HTTP ("Fri, 03 Nov 2023 10:00:00 GMT"), numeric ("20/03/2024"), or in the
    strftime ``date_format`` given; else None.  A numeric date that reads both ways raises
    AmbiguousDate unless ``date_format`` says which is the day."""
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
    if date_format and "%" in date_format and date_format not in DAY_FIRST + MONTH_FIRST:
        try:
            return dt.datetime.strptime(text, date_format).date()
        except ValueError:
            pass
    m = DATE_RE.fullmatch(text)
    if m:
        return _date_from(m)
    if re.search(r"\d{1,2}:\d{2}", text) and re.search(r"[A-Za-z]{3}", text):
        try:  # RFC 2822 / HTTP: "Fri, 03 Nov 2023 10:00:00 GMT", "3 Nov 2023 10:00 +0200"
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            pass
    return _numeric_date(text, date_format)


# ---------------------------------------------------------------------------------------------
# The publication date written in an article


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, re.Pattern, int]:
    from ..resources import load_yaml

    data = load_yaml("dates.yml", required=("background_cues", "dateline_cues", "header_lines"))
    def words(key):
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(data[key], key=len, reverse=True))
    background = re.compile(rf"\b(?:{words('background_cues')})\W*$", re.I)
    dateline = re.compile(rf"^\W*(?:{words('dateline_cues')})\b", re.I)
    return background, dateline, int(data["header_lines"])


def publication_date(text: str) -> dt.date | None:
    """The date an article says it was published: a date in its first lines (``header_lines`` of
    ``resources/dates.yml``) that stands alone, after a dateline's place ("WASHINGTON, Nov. 2,
    2023 --") or after a cue such as "Published", and not after a background cue ("since",
    "on", "after"...: "since October 7, 2023" is when the war began, not the article)."""
    background, dateline, n_lines = _cues()
    lines = [line for line in text.splitlines() if line.strip()][:n_lines]
    for line in lines:
        for m in DATE_RE.finditer(line):
            date = _date_from(m)
            if date is None:
                continue
            before = line[:m.start()]
            if background.search(before):
                continue
            if dateline.search(before) or not before.strip() or _is_place(before):
                return date
    return None


_PLACE = re.compile(r"^\s*[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}\s*[,:–—-]?\s*$")


def _is_place(text: str) -> bool:
    """A dateline's place before the date: capitalised words, commas ("Tel Aviv, Israel",
    "WASHINGTON,")."""
    return bool(_PLACE.match(text))
