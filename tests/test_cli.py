"""`conflictnews extract`: the tidy tables, and the issue's bad-input folder."""
from __future__ import annotations

import os

import pandas as pd

from conflictnews.cli import main

from conftest import SEEDS


def test_extract_seeds_writes_the_tables(tmp_path, capsys):
    assert main(["extract", str(SEEDS), "--out", str(tmp_path)]) == 0
    articles = pd.read_csv(tmp_path / "articles.csv")
    sentences = pd.read_csv(tmp_path / "sentences.csv")
    skipped = pd.read_csv(tmp_path / "skipped.csv")
    assert len(articles) == 5 and {"article_id", "published", "date_source", "text"} <= set(articles.columns)
    assert articles["published"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    assert list(sentences.columns[:6]) == ["article_id", "sent_id", "para_id", "start", "end", "text"]
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert all(texts[a][s:e] == t for a, s, e, t in sentences[["article_id", "start", "end", "text"]].itertuples(index=False))
    assert skipped.empty and list(skipped.columns) == ["source", "article_id", "status", "reason"]
    assert "5 articles loaded" in capsys.readouterr().out


def test_extract_bad_folder_keeps_the_good_and_lists_the_rest(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("Dozens were killed in the strike, officials said.", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "image.txt").write_bytes(b"\x00\x01\x02\x03binary\x00")
    (d / "windows.txt").write_bytes("Déjà vu – “quoted” text.".encode("cp1252"))
    (d / "metadata.csv").write_text("article_id,title\ngood,Good\nghost,Missing file\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(d), "--out", str(out)]) == 0
    articles = pd.read_csv(out / "articles.csv")
    assert sorted(articles["article_id"]) == ["good", "windows"]
    skipped = pd.read_csv(out / "skipped.csv")
    listed = {os.path.basename(s.split(":")[0]): (st, r) for s, st, r in skipped[["source", "status", "reason"]].itertuples(index=False)}
    assert listed["empty.txt"] == ("skipped", "empty file")
    assert listed["image.txt"][0] == "skipped" and "binary" in listed["image.txt"][1]
    assert listed["windows.txt"][0] == "warning" and "cp1252" in listed["windows.txt"][1]
    assert listed["metadata.csv"] == ("skipped", "metadata row for 'ghost' matches no article")
    printed = capsys.readouterr().out
    assert "empty.txt: empty file" in printed and "3 input(s) skipped and 1 warning(s)" in printed


def test_extract_unusable_corpus_exits_2_with_reason(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "no usable article" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_extract_unknown_table_is_named(tmp_path, capsys):
    assert main(["extract", str(SEEDS), "--out", str(tmp_path), "--tables", "articles,claimz"]) == 2
    assert "unknown table(s) ['claimz']" in capsys.readouterr().err
