"""Extraction at any size (conflictnews.pipeline): inputs read as a stream, partitions run in this
process, on a local Dask cluster or on a running scheduler, with the same tables every way."""
from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import time

import pandas as pd
import pytest

from conflictnews import load_corpus
from conflictnews.cli import main
from conflictnews.pipeline import Partition, extract_corpus, run_partition
from conflictnews.tables import read_table

from conftest import SEEDS

SORT = {"articles": ["article_id"], "sentences": ["article_id", "sent_id"], "cleaning": ["article_id", "line", "rule"],
        "claims": ["article_id", "start", "end"], "mentions": ["article_id", "start", "end"],
        "quotes": ["article_id", "start", "end"], "stance_terms": ["article_id", "start", "category"],
        "party_labels": ["article_id", "start", "target"], "death_mentions": ["article_id", "start"],
        "unlisted_names": ["name"], "skipped": ["source", "reason"]}


def _tables(folder, names=SORT):
    return {n: read_table(folder, n).sort_values(SORT[n]).reset_index(drop=True) for n in names}


def _same(a: dict, b: dict) -> None:
    assert set(a) == set(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False, obj=name)


def _news_corpus(folder, n=12):
    """n short articles on two wars, as JSONL, from the seeds' own sentences and a few of ours."""
    seeds = load_corpus(SEEDS)
    texts = seeds.articles["text"].tolist()
    extra = ["At least 40 civilians were killed when the Rapid Support Forces shelled a market in El Fasher, "
             "local activists said.", "Russian strikes on Kharkiv killed 12 people and injured 30, Governor Oleh "
             "Syniehubov said on Telegram."]
    rows = [{"id": f"a{i}", "text": texts[i % len(texts)] if i % 3 else extra[i % 2], "outlet": ["Wire", "Daily"][i % 2],
             "published": f"2024-0{1 + i % 9}-1{i % 9}"} for i in range(n)]
    path = folder / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_a_local_cluster_of_two_workers_gives_the_tables_of_one_process(tmp_path):
    corpus = _news_corpus(tmp_path)
    one = extract_corpus(corpus, tmp_path / "one", workers=1, partition_size=3, say=lambda m: None)
    two = extract_corpus(corpus, tmp_path / "two", workers=2, partition_size=3, say=lambda m: None)
    assert one["backend"] == "this process" and two["backend"].startswith("local Dask cluster")
    assert one["partitions"] == two["partitions"] == 4 and one["articles"] == two["articles"] == 12
    _same(_tables(tmp_path / "one"), _tables(tmp_path / "two"))
    assert len(read_table(tmp_path / "two", "claims"))   # the comparison covers real rows


def test_partitions_give_the_tables_of_the_whole_corpus_at_once(tmp_path):
    from conflictnews.extractors import tables

    corpus = _news_corpus(tmp_path)
    extract_corpus(corpus, tmp_path / "parts", workers=1, partition_size=5, say=lambda m: None)
    whole = tables(load_corpus(corpus))
    for name in ("claims", "mentions", "quotes", "stance_terms", "death_mentions", "unlisted_names"):
        mine = read_table(tmp_path / "parts", name).sort_values(SORT[name]).reset_index(drop=True)
        expected = whole[name].sort_values(SORT[name]).reset_index(drop=True)
        assert len(mine) == len(expected), name
        assert mine[SORT[name]].astype(str).equals(expected[SORT[name]].astype(str)), name


def test_a_glob_of_gzipped_jsonl_is_read_with_bad_lines_listed(tmp_path, capsys):
    exports = tmp_path / "exports"
    exports.mkdir()
    for part in range(2):
        lines = [json.dumps({"stories_id": f"{part}-{i}", "text": f"{i + 2} people were killed in the attack, officials said.",
                             "media_name": "Example Times", "publish_date": "2024-05-0{} 10:00:00".format(i + 1)})
                 for i in range(3)]
        if part == 1:
            lines.insert(1, "{not json")
        with gzip.open(exports / f"part-{part}.jsonl.gz", "wt", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    out = tmp_path / "out"
    assert main(["extract", str(exports / "*.jsonl.gz"), "--out", str(out), "--format", "parquet", "--workers", "1"]) == 0
    articles = read_table(out, "articles", columns=["article_id", "outlet", "published"])
    assert sorted(articles["article_id"]) == [f"{p}-{i}" for p in range(2) for i in range(3)]
    assert set(articles["outlet"]) == {"Example Times"} and articles["published"].notna().all()
    skipped = read_table(out, "skipped")
    assert skipped["source"].str.endswith("part-1.jsonl.gz:2").any() and skipped["reason"].str.contains("invalid JSON").any()
    assert (out / "claims").is_dir() and len(read_table(out, "claims")) == 6


def test_a_parquet_folder_with_export_column_names(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "stories"
    folder.mkdir()
    for part in range(2):
        table = pa.table({"stories_id": [f"s{part}{i}" for i in range(2)],
                          "body": ["Two people were killed in the strike.", "Aid trucks entered the city."],
                          "source_name": ["Radio A", "Radio B"]})
        pq.write_table(table, folder / f"part-{part}.parquet")
    corpus = load_corpus(folder, columns="text=body,outlet=source_name")
    assert sorted(corpus.articles["article_id"]) == ["s00", "s01", "s10", "s11"]
    assert set(corpus.articles["outlet"]) == {"Radio A", "Radio B"}
    with pytest.raises(ValueError, match="unknown field"):
        load_corpus(folder, columns="body=text")


def test_a_partition_that_fails_twice_is_listed_and_the_run_goes_on(tmp_path, monkeypatch):
    import conflictnews.pipeline as pipeline

    corpus = _news_corpus(tmp_path, n=6)
    calls = []
    real = pipeline.run_partition

    def flaky(part, job):
        calls.append(part.index)
        if part.index == 1:
            raise RuntimeError("worker ran out of luck")
        return real(part, job)
    monkeypatch.setattr(pipeline, "run_partition", flaky)
    done = extract_corpus(corpus, tmp_path / "out", workers=1, partition_size=2, say=lambda m: None)
    assert calls.count(1) == 2                      # retried once
    assert done["articles"] == 4                    # the other partitions are there
    skipped = read_table(tmp_path / "out", "skipped")
    failed = skipped[skipped["reason"].str.contains("failed twice")]
    assert sorted(failed["article_id"]) == ["a2", "a3"] and failed["reason"].str.contains("news.jsonl").all()


def test_an_extractor_failing_on_one_article_costs_only_its_rows(tmp_path, monkeypatch):
    from conflictnews.extractors import registry

    corpus = _news_corpus(tmp_path, n=6)
    ex = registry.extractors()["claims"]
    real = ex.extract

    def picky(article, ctx):
        if article.article_id == "a3":
            raise ValueError("cannot read this one")
        return real(article, ctx)
    monkeypatch.setattr(ex, "extract", picky) if False else object.__setattr__(ex, "extract", picky)
    try:
        extract_corpus(corpus, tmp_path / "out", ["claims"], workers=1, say=lambda m: None)
    finally:
        object.__setattr__(ex, "extract", real)
    claims = read_table(tmp_path / "out", "claims")
    assert "a3" not in set(claims["article_id"]) and len(claims)
    skipped = read_table(tmp_path / "out", "skipped")
    assert skipped.loc[skipped["article_id"] == "a3", "reason"].str.contains("claims: extraction failed").all()


def test_a_failed_run_leaves_the_previous_tables_whole(tmp_path, monkeypatch):
    import conflictnews.pipeline as pipeline

    corpus = _news_corpus(tmp_path, n=4)
    out = tmp_path / "out"
    extract_corpus(corpus, out, workers=1, say=lambda m: None)
    before = (out / "claims.csv").read_bytes()
    monkeypatch.setattr(pipeline, "_attempt", lambda part, job: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        extract_corpus(corpus, out, workers=1, say=lambda m: None)
    assert (out / "claims.csv").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]   # no staging left behind


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_running_scheduler_with_two_workers_gives_the_same_tables(tmp_path):
    """`dask scheduler` and two `dask worker` processes started as a user would, then --scheduler."""
    from dask.distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    bindir = os.path.dirname(sys.executable)
    env = {**os.environ, "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "error"}
    procs = [subprocess.Popen([os.path.join(bindir, "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    try:
        time.sleep(1.0)
        for _ in range(2):
            procs.append(subprocess.Popen([os.path.join(bindir, "dask"), "worker", address, "--nthreads", "1",
                                           "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          env=env))
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        corpus = _news_corpus(tmp_path)
        remote = extract_corpus(corpus, tmp_path / "remote", scheduler=address, partition_size=3, say=lambda m: None)
        assert remote["backend"] == f"dask cluster at {address}"
        extract_corpus(corpus, tmp_path / "local", workers=1, partition_size=3, say=lambda m: None)
        _same(_tables(tmp_path / "remote"), _tables(tmp_path / "local"))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_run_partition_is_pure_and_keeps_what_loading_skipped(tmp_path):
    from conflictnews.corpus.load import Loader
    from conflictnews.pipeline import Job

    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Advertisement"}) + "\n" +
                    json.dumps({"id": "y", "text": "Three soldiers were killed."}), encoding="utf-8")
    records = list(Loader(path).records())
    job = Job(("articles", "claims", "skipped"))
    first, again = run_partition(Partition(0, records), job), run_partition(Partition(0, records), job)
    for name in first:
        pd.testing.assert_frame_equal(first[name], again[name])
    assert list(first["articles"]["article_id"]) == ["y"]
    assert first["skipped"]["reason"].str.contains("no text left after cleaning").any()
    assert first["claims"]["value"].tolist() == [3.0]
