"""Official casualty tallies (a daily reference series) to set the cited figures against.

``load_reference(path)`` reads, into one frame with a row per day:

* the JSON of the TechForPalestine "palestine-datasets" daily casualty series (a list of objects
  with ``report_date``, ``killed_cum``, ``injured_cum``, ``ext_killed_cum``,
  ``ext_injured_cum``, ``report_source``), e.g. ``../shared/reference/gaza_casualties_daily.json``
  or https://data.techforpalestine.org/api/v2/casualties_daily.json.  ``killed`` is
  ``killed_cum`` -- the cumulative toll as reported that day -- and, on days without a report,
  ``ext_killed_cum`` (the compilers' gap-filled value); the same for ``injured``.  The reported
  value wins because it is what a journalist could cite that day; the gap-filled one only fills
  holes.  ``source`` is ``report_source`` (``mohtel``, ``gmotel``...), suffixed ``+ext`` when a
  gap-filled value was used;
* a CSV ``date,value`` (``value`` is the cumulative killed toll);
* a CSV with a ``date`` column and ``killed`` and/or ``injured`` columns (optionally ``source``).

Columns: ``date`` (datetime64, one row per calendar day from the first to the last date, days
missing from the file added with NaN), ``killed``, ``injured`` (float, cumulative, NaN where
unknown), ``source`` (str; ``""`` on added days).

Bad input raises :class:`ReferenceSeriesError` (a ValueError) naming the file and the problem.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

REFERENCE_COLUMNS = ["date", "killed", "injured", "source"]
OUTCOME_COLUMNS = ("killed", "injured")


class ReferenceSeriesError(ValueError):
    """A reference series file cannot be used; the message names the file and the problem."""


def _num(value, path, row, field):
    if value is None or value == "":
        return math.nan
    if isinstance(value, bool):
        raise ReferenceSeriesError(f"{path}: row {row}: {field} is not a number ({value!r})")
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise ReferenceSeriesError(f"{path}: row {row}: {field} is not a number ({value!r})") from None
    if math.isnan(out):
        return out
    if out < 0 or math.isinf(out):
        raise ReferenceSeriesError(f"{path}: row {row}: {field} must be a non-negative count ({value!r})")
    return out


def _from_json(path: Path) -> pd.DataFrame:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReferenceSeriesError(f"{path}: not UTF-8 text ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ReferenceSeriesError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict):
        for key in ("data", "records", "items"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list):
        raise ReferenceSeriesError(f"{path}: expected a list of daily records, got {type(data).__name__}")
    rows = []
    for i, rec in enumerate(data, start=1):
        if not isinstance(rec, dict):
            raise ReferenceSeriesError(f"{path}: record {i} is not an object ({type(rec).__name__})")
        date = rec.get("report_date", rec.get("date"))
        if date in (None, ""):
            raise ReferenceSeriesError(f"{path}: record {i} has no report_date")
        row = {"date": date}
        used_ext = False
        for col in OUTCOME_COLUMNS:
            v = _num(rec.get(f"{col}_cum"), path, i, f"{col}_cum")
            if math.isnan(v):
                v = _num(rec.get(f"ext_{col}_cum"), path, i, f"ext_{col}_cum")
                used_ext = used_ext or not math.isnan(v)
            row[col] = v
        src = str(rec.get("report_source") or "")
        row["source"] = src + ("+ext" if used_ext else "")
        rows.append(row)
    if not rows:
        raise ReferenceSeriesError(f"{path}: no records")
    if all(math.isnan(r["killed"]) and math.isnan(r["injured"]) for r in rows):
        raise ReferenceSeriesError(f"{path}: no record has killed_cum/injured_cum (or ext_*) values")
    return pd.DataFrame(rows)


def _from_csv(path: Path) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReferenceSeriesError(f"{path}: not UTF-8 text ({exc})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ReferenceSeriesError(f"{path}: not a readable CSV ({exc})") from None
    df.columns = [str(c).strip().lower() for c in df.columns]
    if "date" not in df.columns:
        raise ReferenceSeriesError(f"{path}: a CSV reference needs a 'date' column (columns: {', '.join(df.columns)})")
    has = [c for c in OUTCOME_COLUMNS if c in df.columns]
    if not has:
        if "value" not in df.columns:
            raise ReferenceSeriesError(f"{path}: a CSV reference needs a 'value' column (date,value) or "
                                       f"'killed'/'injured' columns (columns: {', '.join(df.columns)})")
        df = df.rename(columns={"value": "killed"})
        has = ["killed"]
    if df.empty:
        raise ReferenceSeriesError(f"{path}: no rows")
    out = pd.DataFrame({"date": df["date"].str.strip()})
    for col in OUTCOME_COLUMNS:
        if col in df.columns:
            out[col] = [_num(v.strip().replace(",", ""), path, i + 2, col) for i, v in enumerate(df[col])]
        else:
            out[col] = math.nan
    out["source"] = df["source"] if "source" in df.columns else path.name
    return out


def load_reference(path: str | Path) -> pd.DataFrame:
    """A daily cumulative casualty series: columns ``date``, ``killed``, ``injured``, ``source``
    (see the module doc for the accepted formats).  Raises ReferenceSeriesError (ValueError)."""
    if path is None or str(path).strip() == "":
        raise ReferenceSeriesError("no reference file given")
    path = Path(path)
    if not path.exists():
        raise ReferenceSeriesError(f"{path}: reference file not found")
    if not path.is_file():
        raise ReferenceSeriesError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix == ".json":
        df = _from_json(path)
    elif suffix in (".csv", ".txt"):
        df = _from_csv(path)
    else:
        raise ReferenceSeriesError(f"{path}: unsupported reference format {path.suffix!r} (expected .json or .csv)")
    dates = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    bad = df.loc[dates.isna(), "date"]
    if len(bad):
        raise ReferenceSeriesError(f"{path}: {len(bad)} date(s) not in YYYY-MM-DD form, e.g. {bad.iloc[0]!r}")
    df["date"] = dates
    dup = df["date"][df["date"].duplicated()]
    if len(dup):
        raise ReferenceSeriesError(f"{path}: duplicate date {dup.iloc[0].date().isoformat()}")
    df = df.sort_values("date")
    full = pd.DataFrame({"date": pd.date_range(df["date"].min(), df["date"].max(), freq="D")})
    out = full.merge(df, on="date", how="left")
    out["killed"] = out["killed"].astype("float64")
    out["injured"] = out["injured"].astype("float64")
    out["source"] = out["source"].fillna("").astype(str)
    out["date"] = out["date"].astype("datetime64[ns]")
    return out[REFERENCE_COLUMNS].reset_index(drop=True)


def tally_on(reference: pd.DataFrame, dates, outcome: str = "killed") -> pd.Series:
    """The official cumulative tally on each date, or the last known one before it (NaN before the
    series starts or for a missing date).  Returns a float Series aligned with ``dates``."""
    if outcome not in OUTCOME_COLUMNS:
        raise ValueError(f"outcome={outcome!r}: the reference has tallies for {', '.join(OUTCOME_COLUMNS)} only")
    dates = pd.Series(pd.to_datetime(pd.Series(dates), errors="coerce")).reset_index(drop=True)
    known = reference.loc[reference[outcome].notna(), ["date", outcome]].sort_values("date")
    if known.empty or dates.empty:
        return pd.Series([math.nan] * len(dates), dtype="float64")
    order = dates.sort_values(kind="stable")
    valid = order.dropna()
    merged = pd.merge_asof(pd.DataFrame({"date": valid.astype("datetime64[ns]").values, "_i": valid.index}),
                           known.astype({"date": "datetime64[ns]"}), on="date", direction="backward")
    out = pd.Series(math.nan, index=dates.index, dtype="float64")
    out.loc[merged["_i"].values] = merged[outcome].values
    return out


def with_tally(claims: pd.DataFrame, reference: pd.DataFrame | None, side: str | None = None) -> pd.DataFrame:
    """``claims`` with two more columns: ``tally`` (the official cumulative tally of the claim's
    outcome on its publication date, or the last one before) and ``ratio`` (value / tally).

    Only outcomes the reference counts (killed, injured) get a tally.  A reference series counts
    one side's victims (the Gaza series: Palestinians killed in Gaza): give ``side`` to set
    against it only the claims of that side (others get NaN).  No reference: both columns NaN."""
    out = claims.copy()
    out["tally"] = math.nan
    if reference is not None and len(out):
        for outcome in OUTCOME_COLUMNS:
            mask = (out["outcome"] == outcome).to_numpy()
            if side is not None:
                mask = mask & (out["side"] == side).to_numpy()
            if mask.any():
                out.loc[mask, "tally"] = tally_on(reference, out.loc[mask, "published"], outcome).to_numpy()
    out["tally"] = out["tally"].astype("float64")
    out["ratio"] = (out["value"] / out["tally"]).where(out["tally"] > 0)
    return out
