"""Hostile and unlucky input (issue 14): no code from a cache, nothing lost or mixed, no crash on
odd metadata, formula-safe CSV, and the windowed lookups that keep the extractors linear give
what the exhaustive ones gave.  (Speed itself is measured by ``benchmarks/bench.py --hostile``.)"""
from __future__ import annotations

import csv
import json
import os
import pickle
import re
import stat

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictnews import load_corpus
from conflictnews.corpus import snapshot
from conflictnews.corpus.segment import MAX_SENTENCE_CHARS, WORD_RE, count_words
from conflictnews.corpus.snapshot import CacheWarning, load_cached
from conflictnews.files import UnsafeFolderError, ensure_private_folder, neutralise_formulas, write_csv

from conftest import SEEDS

POSIX = hasattr(os, "getuid")


def entries(folder):
    return sorted(p for p in folder.glob("corpus-*") if p.is_dir())


# ---------------------------------------------------------------------------------------------
# No executable cache


class Planted:
    """Unpickling this runs code: it creates the file named in ``marker``."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_is_never_loaded(corpus_dir, tmp_path):
    cache = tmp_path / "cache"
    ensure_private_folder(cache)
    marker = tmp_path / "pwned"
    key = snapshot.corpus_key(corpus_dir)
    (cache / f"corpus-{key}.pickle").write_bytes(pickle.dumps(Planted(marker)))
    got = load_cached(corpus_dir, folder=cache)
    assert not marker.exists()
    assert len(got) == 5
    assert not list(cache.glob("*.pickle"))  # old-format leftovers are removed, never read
    [entry] = entries(cache)
    assert sorted(p.name for p in entry.iterdir()) == sorted(
        [f"{n}.parquet" for n in snapshot.FRAMES] + [snapshot.MANIFEST])


@pytest.mark.parametrize("damage", ["foreign manifest", "other key", "truncated parquet", "extra column"])
def test_a_corrupt_or_foreign_entry_is_ignored_with_a_warning_and_rebuilt(corpus_dir, tmp_path, damage):
    cache = tmp_path / "cache"
    fresh = load_cached(corpus_dir, folder=cache)
    [entry] = entries(cache)
    manifest = json.loads((entry / "manifest.json").read_text())
    if damage == "foreign manifest":
        (entry / "manifest.json").write_text(json.dumps({"format": 1, "key": manifest["key"]}))
    elif damage == "other key":
        (entry / "manifest.json").write_text(json.dumps({**manifest, "key": "0" * 24}))
    elif damage == "truncated parquet":
        data = (entry / "articles.parquet").read_bytes()
        (entry / "articles.parquet").write_bytes(data[: len(data) // 2])
    else:
        planted = pd.read_parquet(entry / "articles.parquet").assign(planted="=HYPERLINK(1)")
        planted.to_parquet(entry / "articles.parquet")
    with pytest.warns(CacheWarning, match="ignored"):
        got = load_cached(corpus_dir, folder=cache)
    pd.testing.assert_frame_equal(got.articles, fresh.articles)
    pd.testing.assert_frame_equal(load_cached(corpus_dir, folder=cache).articles, fresh.articles)  # rebuilt


@pytest.mark.skipif(not POSIX, reason="user ids and modes are POSIX")
def test_a_cache_folder_others_can_write_is_refused(corpus_dir, tmp_path):
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    os.chmod(shared, 0o777)
    with pytest.raises(UnsafeFolderError, match=r"writable by its group and every user \(mode 777\)"):
        ensure_private_folder(shared)
    with pytest.warns(CacheWarning, match="shared-cache is writable by"):
        got = load_cached(corpus_dir, folder=shared)
    assert len(got) == 5 and list(shared.iterdir()) == []   # loaded, nothing cached there
    mine = ensure_private_folder(tmp_path / "new" / "cache")
    assert stat.S_IMODE(mine.stat().st_mode) == 0o700


@pytest.mark.skipif(not POSIX or os.getuid() != 0, reason="needs root to give a folder to another user")
def test_a_cache_folder_of_another_user_is_refused(tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    with pytest.raises(UnsafeFolderError, match="belongs to another user"):
        ensure_private_folder(theirs)


# ---------------------------------------------------------------------------------------------
# Nothing lost, nothing mixed: loading


def test_subfolders_are_read_recursively_with_their_path_as_id(tmp_path):
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "one.txt").write_text("Top level article.", encoding="utf-8")
    (tmp_path / "a" / "one.txt").write_text("Same file name, other folder.", encoding="utf-8")
    (tmp_path / "a" / "deep" / "two.txt").write_text("Two folders down.", encoding="utf-8")
    (tmp_path / "a" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".git" / "config.txt").write_text("not an article", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("article_id,outlet\na/deep/two,Deep News\n", encoding="utf-8")
    c = load_corpus(tmp_path)
    assert sorted(c.articles["article_id"]) == ["a/deep/two", "a/one", "one"]
    assert c.articles.set_index("article_id").loc["a/deep/two", "outlet"] == "Deep News"
    assert c.skipped["source"].str.endswith("notes.pdf").tolist() == [True]


def test_jsonl_is_split_on_newlines_only(tmp_path):
    records = [{"id": "a", "text": "Line\u2028separator and next\u0085line inside one string."},
               {"id": "b", "text": "Form\x0cfeed and paragraph\u2029separator."},
               {"id": "c", "text": "The third record."}]
    path = tmp_path / "c.jsonl"
    path.write_text("\r\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{broken\n",
                    encoding="utf-8")
    c = load_corpus(path)
    assert c.articles["article_id"].tolist() == ["a", "b", "c"]
    assert c.skipped["source"].tolist() == [f"{path}:4"]   # the line number of the broken record


@pytest.mark.parametrize("value, expected", [(0, "0"), (12, "12"), (1.5, "1.5"), (False, "false"), ("0", "0")])
def test_ids_are_kept_as_written(tmp_path, value, expected):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": value, "text": "An article."}) + "\n", encoding="utf-8")
    assert load_corpus(path).articles["article_id"].tolist() == [expected]


def test_an_id_that_is_a_list_is_skipped_with_its_reason(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": [1], "text": "x"}) + "\n" + json.dumps({"id": 2, "text": "y"}) + "\n",
                    encoding="utf-8")
    c = load_corpus(path)
    assert c.articles["article_id"].tolist() == ["2"]
    assert c.skipped["reason"].str.contains("the id is a list").tolist() == [True]


def test_non_text_metadata_is_made_text_with_a_warning_row(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [{"id": "n", "text": "A.", "outlet": 123, "title": 4.5, "tags": ["x", "y"]},
            {"id": "l", "text": "B.", "outlet": ["Reuters", "AP"], "title": {"en": "T"}}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    c = load_corpus(path)
    a = c.articles.set_index("article_id")
    assert a.loc["n", "outlet"] == "123" and a.loc["n", "title"] == "4.5"
    assert a.loc["n", "tags"] == '["x", "y"]'
    assert a.loc["l", "outlet"] == "unknown" and a.loc["l", "title"] == "B."
    reasons = c.skipped.set_index("article_id")["reason"]
    assert (c.skipped["status"] == "warning").all() and len(c.skipped) == 4
    assert reasons["n"].str.contains("'outlet' is a int").any() and reasons["l"].str.contains("'title' is a dict").any()
    assert c.summary()["outlets"] == 2   # no crash on what was a number


def test_an_over_long_sentence_is_split_and_reported(tmp_path):
    text = "The ministry said " + "killed 1 " * 700 + "in total. A normal sentence follows."
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    c = load_corpus(tmp_path)
    s = c.sentences
    assert s["text"].str.len().max() <= MAX_SENTENCE_CHARS
    assert s["text"].iloc[-1] == "A normal sentence follows."
    assert all(c.articles["text"][0][a:b] == t for a, b, t in zip(s["start"], s["end"], s["text"]))
    assert "".join(s["text"]).replace(" ", "") == c.articles["text"][0].replace(" ", "")   # nothing lost
    warning = c.skipped[c.skipped["status"] == "warning"]
    assert len(warning) == 1 and "was split into 4 pieces" in warning["reason"].iloc[0]


def test_the_snapshot_keeps_the_split_warning(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "long.txt").write_text("word " * 1000, encoding="utf-8")
    load_cached(tmp_path / "corpus", folder=tmp_path / "cache")
    again = load_cached(tmp_path / "corpus", folder=tmp_path / "cache")
    assert "sentences" in again.__dict__
    assert again.skipped["reason"].str.contains("was split").tolist() == [True]


# ---------------------------------------------------------------------------------------------
# Formula-safe CSV


def test_cells_a_spreadsheet_would_run_are_neutralised(tmp_path):
    frame = pd.DataFrame({"title": ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3",
                                    "\tx", "\rx", "plain", None],
                          "value": [-1, 2, 3, 4, 5, 6, 7, 8]})
    path = write_csv(frame, tmp_path / "t.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        back = list(csv.reader(fh))[1:]
    assert [r[0] for r in back][:7] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+cmd|' /C calc'!A0", "'@SUM(1)",
                                        "'-2+3", "'\tx", "'\rx", "plain"]
    assert back[0][1] == "-1"   # numbers are numbers
    raw = pd.read_csv(write_csv(frame, tmp_path / "raw.csv", raw=True), keep_default_na=False)
    assert raw["title"].tolist()[0] == frame["title"][0]
    assert neutralise_formulas(pd.DataFrame({"=x": [1]})).columns.tolist() == ["'=x"]


def test_extract_neutralises_formulas_unless_raw(tmp_path, capsys):
    from conflictnews.cli import main

    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "An article.", "title": "=HYPERLINK(\"x\")",
                                "outlet": "+cmd|x"}) + "\n", encoding="utf-8")
    assert main(["extract", str(path), "--out", str(tmp_path / "safe"), "--tables", "articles"]) == 0
    assert main(["extract", str(path), "--out", str(tmp_path / "raw"), "--tables", "articles", "--raw-csv"]) == 0
    safe = pd.read_csv(tmp_path / "safe" / "articles.csv")
    raw = pd.read_csv(tmp_path / "raw" / "articles.csv")
    assert (safe["title"][0], safe["outlet"][0]) == ("'=HYPERLINK(\"x\")", "'+cmd|x")
    assert (raw["title"][0], raw["outlet"][0]) == ("=HYPERLINK(\"x\")", "+cmd|x")


def test_extract_to_an_existing_file_is_a_clear_error(tmp_path, capsys):
    from conflictnews.cli import main

    taken = tmp_path / "tables"
    taken.write_text("mine", encoding="utf-8")
    assert main(["extract", str(SEEDS), "--out", str(taken)]) == 2
    assert "a file, not a folder" in capsys.readouterr().err
    assert taken.read_text(encoding="utf-8") == "mine"


# ---------------------------------------------------------------------------------------------
# Dollar signs in figure labels


def test_a_dollar_in_a_label_does_not_break_a_figure(tmp_path):
    from conflictnews.reports.report import Report
    from conflictnews.reports.text import mpl_text

    assert mpl_text("$\\undefined$") == "\\$\\undefined\\$"
    rep = Report(tmp_path, "t")
    fig, ax = rep.new_figure()
    ax.barh(["$\\undefined$", "costs $5 and $10"], [1, 2])
    ax.set_title("Outlet $\\undefined$")
    rep.figure(fig, "dollars", show=False)
    svg = (tmp_path / "figures" / "t" / "dollars.svg").read_text(encoding="utf-8")
    assert "$\\undefined$" in svg.replace("&#x24;", "$") or "undefined" in svg
    assert (tmp_path / "figures" / "t" / "dollars.png").stat().st_size > 1000


# ---------------------------------------------------------------------------------------------
# The windowed lookups give what the exhaustive ones gave

spans = st.lists(st.integers(0, 400), min_size=0, max_size=40).map(
    lambda xs: [(a, b) for a, b in zip(sorted(set(xs))[::2], sorted(set(xs))[1::2])])


@settings(max_examples=200, deadline=None)
@given(spans, st.integers(0, 400), st.integers(0, 20))
def test_the_nearest_death_word_by_bisect_is_the_exhaustive_one(items, at, width):
    from conflictnews.extractors import victims

    an = victims.analyse("")
    an.deaths = [(a, b, "verb", "active") for a, b in items]
    an.d_starts, an.d_ends = [a for a, _ in items], [b for _, b in items]
    focus = (at, at + width)
    brute = victims._nearest(an.deaths, focus) if an.deaths else None
    assert an.nearest(focus) == brute
    assert an.touching(focus) == [d for d in an.deaths if victims._dist((d[0], d[1]), focus) == 0]
    assert an.inside(focus) == [d for d in an.deaths if d[0] < focus[1] and focus[0] < d[1]]


words = st.sampled_from(["Hamas", "Hamas-run", "run", "-", "'s", "U.S.", "9,061", "a", ",", "’", "killed"])


@settings(max_examples=200, deadline=None)
@given(st.lists(words, max_size=30), st.data())
def test_words_between_two_places_counts_as_the_tokenizer_does(parts, data):
    from conflictnews.extractors.stance import _Parties

    text = " ".join(parts)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert _Parties(text, []).words(a, b) == count_words(text[a:b])


# ---------------------------------------------------------------------------------------------
# Random corpora: every input is an article or a skipped row, and nothing raises

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)
_LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\u2028\u0085\x0c\t"),
                     max_size=80)
_VALUE = st.one_of(st.none(), st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
                   _LINE_TEXT, st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                                    max_size=2))
_RECORD = st.fixed_dictionaries({}, optional={"id": _VALUE, "article_id": _VALUE, "text": _VALUE, "title": _VALUE,
                                              "outlet": _VALUE, "published": _VALUE, "url": _VALUE})
_JSONL_LINE = st.one_of(_RECORD.map(lambda r: json.dumps(r, ensure_ascii=False)),
                        _LINE_TEXT.filter(lambda s: s.strip() and "\n" not in s and "\r" not in s))


# 60 random corpora in CI (a few seconds); the goal's 10,000 and more with
# CONFLICTNEWS_FUZZ_EXAMPLES=10000 make test ARGS="tests/test_hostile.py -k random_corpora"
FUZZ_EXAMPLES = int(os.environ.get("CONFLICTNEWS_FUZZ_EXAMPLES", "60"))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=st.lists(st.one_of(_TEXT.map(lambda t: ("txt", t)), st.binary(max_size=60).map(lambda b: ("bin", b))),
                      max_size=4),
       lines=st.lists(_JSONL_LINE, max_size=6))
def test_random_corpora_lose_nothing_and_raise_nothing(tmp_path_factory, files, lines):
    from conflictnews.corpus.load import CorpusError
    from conflictnews.extractors import tables

    folder = tmp_path_factory.mktemp("random")
    for i, (kind, content) in enumerate(files):
        path = folder / (f"f{i}.txt" if kind == "txt" else f"f{i}.dat")
        if kind == "txt":
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
    if lines:
        (folder / "records.jsonl").write_text("\n".join(lines), encoding="utf-8")
    inputs = len(files) + len(lines)
    try:
        corpus = load_corpus(folder)
    except CorpusError as exc:
        assert "no usable article" in str(exc) or inputs == 0
        return
    skipped = int((corpus.skipped["status"] == "skipped").sum())
    unreadable_jsonl = corpus.skipped["source"].eq(str(folder / "records.jsonl")).any()
    assert len(corpus) + skipped == inputs or (unreadable_jsonl and len(corpus) + skipped == len(files) + 1)
    found = tables(corpus)
    assert len(found["articles"]) == len(corpus)
    assert all(str(s).startswith(str(folder)) for s in corpus.skipped["source"])
