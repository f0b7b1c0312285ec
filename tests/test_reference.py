"""The reference series loader (conflictnews.analysis.reference)."""
import math
from pathlib import Path

import pandas as pd
import pytest

from conflictnews.analysis.reference import (REFERENCE_COLUMNS, ReferenceSeriesError, load_reference, tally_on,
                                    with_tally)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GAZA = SHARED / "reference" / "gaza_casualties_daily.json"


def gaza():
    if not GAZA.exists():
        pytest.skip(f"shared reference series not found at {GAZA} (../shared is not checked out here)")
    return load_reference(GAZA)


def test_gaza_json_values_from_its_readme():
    ref = gaza()
    assert list(ref.columns) == REFERENCE_COLUMNS
    assert str(ref["date"].dtype).startswith("datetime64")
    assert ref["date"].is_monotonic_increasing and ref["date"].is_unique
    assert (ref["date"].diff().dropna() == pd.Timedelta(days=1)).all()     # one row per day
    assert ref["date"].iloc[0] == pd.Timestamp("2023-10-07")
    # Values quoted in ../shared/reference/README.md
    by_day = ref.set_index("date")["killed"]
    assert by_day[pd.Timestamp("2023-11-02")] == 9061
    assert by_day[pd.Timestamp("2023-11-10")] == 11078
    assert by_day[pd.Timestamp("2024-03-20")] == 31923
    assert by_day[pd.Timestamp("2024-03-26")] == 32414
    assert ref["injured"].notna().any()


def test_tally_on_takes_the_last_value_on_or_before_each_date():
    ref = gaza()
    got = tally_on(ref, ["2023-11-02", "2024-03-26", "2023-10-01", None])
    assert got.iloc[0] == 9061 and got.iloc[1] == 32414
    assert math.isnan(got.iloc[2]) and math.isnan(got.iloc[3])   # before the series; no date


def test_json_falls_back_on_ext_values(tmp_path):
    p = tmp_path / "s.json"
    p.write_text('[{"report_date": "2024-01-01", "killed_cum": 10, "injured_cum": 20, "report_source": "mohtel"},'
                 ' {"report_date": "2024-01-03", "ext_killed_cum": 30, "ext_injured_cum": 45,'
                 ' "report_source": "missing"}]')
    ref = load_reference(p)
    assert ref["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-01-02", "2024-01-03"]
    assert ref["killed"].tolist()[0] == 10 and ref["killed"].tolist()[2] == 30
    assert math.isnan(ref["killed"].iloc[1])                     # a day the file does not have
    assert ref["injured"].iloc[2] == 45
    assert ref["source"].tolist() == ["mohtel", "", "missing+ext"]
    assert tally_on(ref, ["2024-01-02"]).iloc[0] == 10           # last known before


def test_plain_csv_date_value(tmp_path):
    p = tmp_path / "toll.csv"
    p.write_text("date,value\n2022-03-01,100\n2022-03-03,\"1,250\"\n")
    ref = load_reference(p)
    assert ref["killed"].iloc[0] == 100 and ref["killed"].iloc[2] == 1250
    assert ref["injured"].isna().all()
    assert tally_on(ref, ["2022-03-02", "2022-03-05"]).tolist() == [100, 1250]


def test_csv_with_killed_and_injured(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("date,killed,injured\n2022-03-01,5,7\n2022-03-02,6,\n")
    ref = load_reference(p)
    assert ref["killed"].tolist() == [5, 6]
    assert ref["injured"].iloc[0] == 7 and math.isnan(ref["injured"].iloc[1])
    assert tally_on(ref, ["2022-03-02"], outcome="injured").iloc[0] == 7


@pytest.mark.parametrize("name,content,problem", [
    ("a.json", "{not json", "not valid JSON"),
    ("a.json", '{"x": 1}', "list of daily records"),
    ("a.json", '[{"killed_cum": 1}]', "no report_date"),
    ("a.json", '[{"report_date": "2024-01-01", "killed_cum": "many"}]', "not a number"),
    ("a.json", '[{"report_date": "2024-01-01"}]', "no record has"),
    ("a.csv", "when,value\n2024-01-01,1\n", "'date' column"),
    ("a.csv", "date,count\n2024-01-01,1\n", "'value' column"),
    ("a.csv", "date,value\n01/02/2024,1\n", "YYYY-MM-DD"),
    ("a.csv", "date,value\n2024-01-01,1\n2024-01-01,2\n", "duplicate date"),
    ("a.csv", "date,value\n2024-01-01,-5\n", "non-negative"),
    ("a.xlsx", "x", "unsupported"),
])
def test_bad_input_names_the_file_and_the_problem(tmp_path, name, content, problem):
    p = tmp_path / name
    p.write_text(content)
    with pytest.raises(ReferenceSeriesError, match=problem) as err:
        load_reference(p)
    assert str(p) in str(err.value)
    assert isinstance(err.value, ValueError)


def test_missing_file(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        load_reference(tmp_path / "nope.json")


def test_tally_on_rejects_unknown_outcome(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("date,value\n2024-01-01,1\n")
    with pytest.raises(ValueError, match="hostage"):
        tally_on(load_reference(p), ["2024-01-01"], outcome="hostage")


def test_with_tally_ratio_and_side(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("date,killed,injured\n2024-01-01,1000,3000\n2024-01-05,2000,5000\n")
    ref = load_reference(p)
    claims = pd.DataFrame({
        "value": [900.0, 2200.0, 1200.0, 50.0, 4000.0],
        "outcome": ["killed", "killed", "killed", "hostage", "injured"],
        "side": ["palestinian", "palestinian", "israeli", "israeli", "palestinian"],
        "published": pd.to_datetime(["2024-01-02", "2024-01-06", "2024-01-06", "2024-01-06", "2024-01-05"]),
    })
    out = with_tally(claims, ref, side="palestinian")
    assert out["tally"].iloc[0] == 1000 and out["ratio"].iloc[0] == pytest.approx(0.9)
    assert out["tally"].iloc[1] == 2000 and out["ratio"].iloc[1] == pytest.approx(1.1)
    assert math.isnan(out["tally"].iloc[2])        # another side than the series counts
    assert math.isnan(out["tally"].iloc[3])        # hostages: the series has no tally
    assert out["tally"].iloc[4] == 5000
    none = with_tally(claims, None)
    assert none["tally"].isna().all() and none["ratio"].isna().all()
