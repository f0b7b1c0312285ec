"""Corpus loading: inputs, metadata, dates, and every kind of bad input."""
from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from conflictnews import CorpusError, load_corpus

from conftest import SEEDS


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(data, bytes) else lambda d: path.write_text(d, encoding="utf-8"))(data)
    return path


# --- the seeds -------------------------------------------------------------------------------

def test_seeds_load_with_their_metadata(seeds):
    a = seeds.articles.set_index("article_id")
    assert len(a) == 5 and seeds.skipped.empty
    assert a.loc["002_425782fb01238ae8", "outlet"] == "Daily Sabah"
    assert a.loc["003_d327a6ada714b97a", "published"] == pd.Timestamp("2024-03-20")
    assert set(a["date_source"]) == {"metadata"}
    # extra metadata columns are kept
    assert "photo caption" in a.loc["000_37de2439fd9fa0e6", "date_evidence"]
    # the seed folder's README is documentation, not an article
    assert not any("README" in s for s in a["source"])


def test_seed_files_are_never_modified(seeds):
    raw = (SEEDS / "003_d327a6ada714b97a.txt").read_text(encoding="utf-8")
    assert "Oops!" in raw  # cleaning works on a copy
    assert "Oops!" not in seeds.articles.set_index("article_id").loc["003_d327a6ada714b97a", "text"]


# --- formats ---------------------------------------------------------------------------------

def test_jsonl_corpus(tmp_path):
    lines = [
        {"id": "a1", "text": "GAZA CITY, Nov. 2, 2023 - Dozens were killed in the north.", "outlet": "Wire"},
        {"article_id": "a2", "text": "No date here.", "title": "Second", "published": "2024-01-05"},
        {"text": "Neither id nor date: dozens were killed on Nov. 2, 2023 in the north."},
    ]
    p = write(tmp_path / "c.jsonl", "\n".join(json.dumps(x) for x in lines) + "\nnot json\n[1, 2]\n")
    c = load_corpus(p)
    a = c.articles.set_index("article_id")
    assert list(a.index) == ["a1", "a2", "c-3"]
    assert a.loc["a1", "published"] == pd.Timestamp("2023-11-02") and a.loc["a1", "date_source"] == "text"
    assert a.loc["a2", "date_source"] == "record" and a.loc["a2", "title"] == "Second"
    assert a.loc["c-3", "date_source"] == "none" and pd.isna(a.loc["c-3", "published"])
    assert a.loc["c-3", "outlet"] == "unknown"
    reasons = " | ".join(c.skipped["reason"])
    assert "invalid JSON" in reasons and "expected a JSON object" in reasons
    assert all(":" in s for s in c.skipped["source"])  # file:line


def test_csv_corpus_keeps_extra_columns(tmp_path):
    df = pd.DataFrame({"article_id": ["x", "y"], "text": ["First text.", ""], "section": ["world", "opinion"]})
    p = tmp_path / "c.csv"
    df.to_csv(p, index=False)
    c = load_corpus(p)
    assert list(c.articles["article_id"]) == ["x"] and c.articles.loc[0, "section"] == "world"
    assert c.skipped.iloc[0]["article_id"] == "y" and c.skipped.iloc[0]["reason"] == "no text"


def test_csv_without_text_column_is_an_error_naming_it(tmp_path):
    p = write(tmp_path / "c.csv", "id,body\n1,hello\n")
    with pytest.raises(CorpusError, match="'text' column"):
        load_corpus(p)


# --- bad input: reported, never fatal, never silent ------------------------------------------

@pytest.fixture
def messy(tmp_path):
    d = tmp_path / "messy"
    write(d / "good.txt", "Headline\n\nOver 100 people were killed, officials said on 2023-10-09.\n")
    write(d / "empty.txt", "")
    write(d / "blank.txt", "   \n\n  ")
    write(d / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(d / "legacy.txt", "Café owners said “enough” after 12 were killed.".encode("cp1252"))
    write(d / "furniture.txt", "Advertisement\n\nLeave a Reply\n")
    write(d / "notes.pdf", b"%PDF-1.4 ...")
    os.symlink(d / "does-not-exist", d / "dangling.txt")
    write(d / "metadata.csv",
          "article_id,title,outlet,published\n"
          "good,A good one,Wire,2023-10-10\n"
          "missing,Not on disk,Wire,2023-10-11\n"
          ",No id,Wire,2023-10-11\n"
          "legacy,Legacy,Paper,not a date\n"
          "good,Again,Wire,2023-10-12\n"
          "too,many,fields,2023-10-12,extra\n")
    return d


def test_bad_inputs_are_listed_and_good_ones_load(messy):
    c = load_corpus(messy)
    assert sorted(c.articles["article_id"]) == ["good", "legacy"]
    sk = c.skipped
    by_source = {os.path.basename(s.split(":")[0]): r for s, r in zip(sk["source"], sk["reason"])}
    assert by_source["empty.txt"] == "empty file"
    assert by_source["blank.txt"] == "empty file"
    assert "binary" in by_source["binary.txt"]
    assert "unsupported file type '.pdf'" in by_source["notes.pdf"]
    assert "unreadable" in by_source["dangling.txt"]
    assert "no text left after cleaning" in by_source["furniture.txt"]
    reasons = list(sk["reason"])
    assert any("'missing' matches no article" in r for r in reasons)
    assert any("empty article_id" in r for r in reasons)
    assert any("duplicate metadata row for good" in r for r in reasons)
    assert any("5 fields, expected 4" in r for r in reasons)
    # every complaint about a metadata row names the file and the line
    rows = [s for s, r in zip(sk["source"], reasons) if "metadata row" in r]
    assert len(rows) == 4 and all(s.startswith(str(messy / "metadata.csv") + ":") for s in rows)
    assert sorted(int(s.rsplit(":", 1)[1]) for s in rows) == [3, 4, 6, 7]


def test_undecodable_bytes_load_with_a_warning(messy):
    c = load_corpus(messy)
    a = c.articles.set_index("article_id")
    assert a.loc["legacy", "text"] == "Café owners said “enough” after 12 were killed."
    warnings = c.skipped[c.skipped["status"] == "warning"]
    assert any("decoded as cp1252" in r for r in warnings["reason"])
    # an unreadable metadata date falls back to the text, with a warning
    assert any("unreadable published date 'not a date'" in r for r in warnings["reason"])
    assert a.loc["good", "published"] == pd.Timestamp("2023-10-10") and a.loc["good", "date_source"] == "metadata"


def test_duplicate_ids_keep_the_first(tmp_path):
    write(tmp_path / "d" / "a.txt", "From the text file.")
    write(tmp_path / "d" / "more.jsonl", json.dumps({"id": "a", "text": "From the jsonl."}) + "\n")
    c = load_corpus(tmp_path / "d")
    assert c.articles.set_index("article_id").loc["a", "text"] == "From the text file."
    assert "duplicate article id 'a'" in c.skipped.iloc[0]["reason"]


def test_no_usable_article_is_a_clear_error(tmp_path):
    write(tmp_path / "d" / "empty.txt", "")
    with pytest.raises(CorpusError, match=r"no usable article.*empty\.txt: empty file"):
        load_corpus(tmp_path / "d")


def test_missing_paths_are_named(tmp_path):
    with pytest.raises(CorpusError, match="corpus not found"):
        load_corpus(tmp_path / "nowhere")
    write(tmp_path / "d" / "a.txt", "Text.")
    with pytest.raises(CorpusError, match="metadata file not found"):
        load_corpus(tmp_path / "d", tmp_path / "meta.csv")


def test_metadata_without_article_id_is_reported(tmp_path):
    write(tmp_path / "d" / "a.txt", "Text.")
    write(tmp_path / "d" / "metadata.csv", "id,title\na,Title\n")
    c = load_corpus(tmp_path / "d")
    assert len(c) == 1 and "no 'article_id' column" in c.skipped.iloc[0]["reason"]


# --- filters ---------------------------------------------------------------------------------

def test_filter_by_date_and_outlet(seeds):
    nov = seeds.filter(end="2023-11-30")
    assert sorted(nov.articles["article_id"].str[:3]) == ["000", "001", "002"]
    assert list(seeds.filter(outlets=["Daily Sabah"]).articles["article_id"].str[:3]) == ["002"]
    assert len(seeds.filter(start="2024-03-21")) == 1


@pytest.mark.parametrize("kwargs, message", [
    ({"start": "last week"}, "start_date='last week' is not a date"),
    ({"outlets": ["The Times"]}, r"outlets=\['The Times'\] not in the corpus"),
])
def test_bad_filter_values_name_the_parameter(seeds, kwargs, message):
    with pytest.raises(ValueError, match=message):
        seeds.filter(**kwargs)


def test_progress_is_reported_per_input(tmp_path):
    for i in range(3):
        write(tmp_path / "d" / f"a{i}.txt", f"Article {i}.")
    write(tmp_path / "d" / "empty.txt", "")
    seen = []
    load_corpus(tmp_path / "d", progress=seen.append)
    assert seen == [1, 2, 3]  # the empty file is skipped before it becomes an input
