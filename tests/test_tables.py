"""Tables on disk (conflictnews.tables): written part by part, whole or not at all, read back
column by column."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import SEEDS

from conflictnews.tables import TableWriter, read_table


def test_parts_with_different_columns_and_empty_text_make_one_table(tmp_path):
    for fmt in ("csv", "parquet"):
        out = tmp_path / fmt
        w = TableWriter(out, ["articles", "skipped"], fmt)
        # a part whose text column holds no value at all (null type), and one with an extra column
        w.add(0, {"articles": pd.DataFrame({"article_id": ["a"], "title": [None], "n_chars": [10]})})
        w.add(1, {"articles": pd.DataFrame({"article_id": ["b"], "title": ["T"], "n_chars": [12], "author": ["X"]})})
        w.close()
        got = read_table(out, "articles")
        assert got["article_id"].tolist() == ["a", "b"]
        assert got["title"].isna().tolist() == [True, False] and got["title"].iloc[1] == "T"
        assert got["author"].isna().tolist() == [True, False]     # the extra column, empty where absent
        assert got["n_chars"].tolist() == [10, 12]
        assert read_table(out, "skipped").empty                   # a table no part had: written empty
        assert list(read_table(out, "articles", columns=["n_chars"]).columns) == ["n_chars"]


def test_unlisted_names_of_parts_are_combined_not_repeated(tmp_path):
    w = TableWriter(tmp_path, ["unlisted_names"], "csv")
    cols = ["name", "count", "articles", "example_article", "example_start", "example_sentence"]
    w.add(1, {"unlisted_names": pd.DataFrame([["Omar Haddad", 2, 1, "b", 5, "s2"]], columns=cols)})
    w.add(0, {"unlisted_names": pd.DataFrame([["Omar Haddad", 1, 1, "a", 3, "s1"],
                                              ["Maria Duarte", 4, 2, "a", 9, "s3"]], columns=cols)})
    w.close()
    got = read_table(tmp_path, "unlisted_names").set_index("name")
    assert got.loc["Omar Haddad", "count"] == 3 and got.loc["Omar Haddad", "articles"] == 2
    assert got.loc["Omar Haddad", "example_article"] == "a"      # the first part's example, whatever arrived first
    assert got.index.tolist() == ["Maria Duarte", "Omar Haddad"]  # ranked by count


def test_an_aborted_writer_leaves_the_folder_as_it_was(tmp_path):
    (tmp_path / "claims.csv").write_text("old", encoding="utf-8")
    w = TableWriter(tmp_path, ["claims"], "csv")
    w.add(0, {"claims": pd.DataFrame({"article_id": ["a"]})})
    w.abort()
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]


def test_csv_tables_are_formula_safe_unless_raw(tmp_path):
    for raw in (False, True):
        out = tmp_path / str(raw)
        w = TableWriter(out, ["articles"], "csv", raw=raw)
        w.add(0, {"articles": pd.DataFrame({"article_id": ["a"], "title": ["=HYPERLINK(\"x\")"]})})
        w.close()
        title = read_table(out, "articles")["title"].iloc[0]
        assert title == ("=HYPERLINK(\"x\")" if raw else "'=HYPERLINK(\"x\")")


def test_an_unknown_format_and_a_file_as_output_are_refused(tmp_path):
    with pytest.raises(ValueError, match="format"):
        TableWriter(tmp_path, ["claims"], "xlsx")
    (tmp_path / "f").write_text("x")
    with pytest.raises(ValueError, match="not a folder"):
        TableWriter(tmp_path / "f", ["claims"], "csv")


def test_an_extract_read_without_text_reads_it_when_a_table_must_be_computed(tmp_path, seeds):
    """A report that reads only tables leaves the articles' text on disk (memory); a table the
    extract does not hold is still computed, from the text read then, the same as with it."""
    from conflictnews.extractors.registry import run
    from conflictnews.pipeline import extract_corpus
    from conflictnews.tables import load_extract

    extract_corpus(SEEDS, tmp_path / "x", ["articles", "sentences", "mentions"], fmt="parquet", workers=1,
                   say=lambda m: None)
    lean = load_extract(tmp_path / "x", text=False)
    assert "text" not in lean.articles and len(lean) == len(seeds)
    assert lean.word_counts.to_dict() == seeds.word_counts.to_dict()      # from n_words, no text needed
    assert len(run(lean, ["mentions"])["mentions"]) and "text" not in lean.articles   # read, not computed
    got = run(lean, ["stance_terms"])["stance_terms"]                     # not in the extract: computed
    assert "text" in lean.articles
    want = run(seeds, ["stance_terms"])["stance_terms"]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
