#!/usr/bin/env python3
"""Extraction at scale (issue 13): prints figures, asserts nothing.

    python benchmarks/bench_scale.py [--mb 5] [--memory-mb 100 1000] [--parse-mb 1] [--repeat 3]

1. Articles per second of ``extract`` with 1 worker and with every core, on a generated corpus
   (``--mb``): the tables that need no parse, and (``--parse-mb``) every table, parse included.
2. The overhead of Dask: the same partitions on a local Dask cluster of 2 workers against a plain
   pool of 2 processes mapping ``pipeline.run_partition`` (no scheduler, no retries), started as
   Dask starts its workers (spawn) and forked from this process (median of ``--repeat``).
3. Peak memory (this process and its workers, sampled every 0.2 s) of ``extract --format
   parquet`` on corpora of each ``--memory-mb`` size, for the tables that need no parse (a
   corpus of 1 GB would take days to parse on two cores; the parse's memory is per partition and
   shown by the parse run of 1).
4. Peak memory of ``conflictnews render`` (this process, its kernels) on an extract folder of
   ``--render-articles`` articles (the seeds' tables copied under new ids and dates: the reports of a
   large corpus, without parsing one).
5. A projection, from the measured articles per second per worker, of the hours 10 million
   articles take on N workers, stating its assumptions.

The corpus: the seed articles and, when ``../shared/peer/news_dev/articles.jsonl`` is there, the
development articles on other wars, repeated under new ids and dates as gzipped JSONL files of
about 20 MB each (a MediaCloud-like export), each copy's sentences made distinct (``distinct``).
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS_DEV = ROOT.parent / "shared" / "peer" / "news_dev" / "articles.jsonl"
NO_PARSE = None  # filled in main(): the tables whose extractors need no parse


def source_articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if NEWS_DEV.exists():
        texts += [json.loads(line)["text"] for line in NEWS_DEV.read_text(encoding="utf-8").splitlines() if line]
    return texts


def distinct(text: str, copy: int) -> str:
    """``text`` made distinct for its ``copy`` (a short clause closing each sentence), so that
    the parse, which parses a sentence repeated across articles once, parses every copy: the
    rates are those of a corpus of distinct articles, not of the seeds' repetition."""
    if copy == 0:
        return text
    return re.sub(r"(?<=[a-z])\.(?=\s)", f", on day {copy}.", text)


def make_export(folder: Path, megabytes: float, file_mb: float = 20.0) -> tuple[str, int]:
    """Gzipped JSONL files in ``folder`` holding about ``megabytes`` MB of article text; returns
    (glob, articles)."""
    texts = source_articles()
    folder.mkdir(parents=True, exist_ok=True)
    total, n, part = 0, 0, 0
    fh, in_file = None, 0.0
    while total < megabytes * 1e6:
        if fh is None or in_file >= file_mb * 1e6:
            if fh:
                fh.close()
            fh = gzip.open(folder / f"export-{part:04d}.jsonl.gz", "wt", encoding="utf-8", compresslevel=1)
            part, in_file = part + 1, 0.0
        text = distinct(texts[n % len(texts)], n // len(texts))
        day = 1 + n % 28
        fh.write(json.dumps({"stories_id": f"s{n}", "text": text, "media_name": f"Outlet {n % 7}",
                             "publish_date": f"2024-{1 + n % 12:02d}-{day:02d} 12:00:00"}) + "\n")
        total += len(text.encode("utf-8"))
        in_file += len(text.encode("utf-8"))
        n += 1
    fh.close()
    return str(folder / "*.jsonl.gz"), n


class PeakMemory:
    """The largest resident memory of a process (default: this one) and its children, sampled
    in a thread."""

    def __init__(self, every: float = 0.2, pid: int | None = None) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except Exception:  # a worker that just ended
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.every)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def extract(pattern: str, out: Path, tables, workers: int, fmt: str = "csv", partition_size: int = 500) -> dict:
    from conflictnews.pipeline import extract_corpus

    return extract_corpus(pattern, out, tables, workers=workers, fmt=fmt, partition_size=partition_size,
                          say=lambda msg: None)


def partition_size(n: int) -> int:
    """Partitions small enough that two workers get several each (the default, 500, is for large
    corpora)."""
    return max(20, min(500, n // 8))


def rates(pattern: str, n: int, tables, label: str, tmp: Path) -> dict[int, float]:
    out = {}
    for workers in (1, 2):
        t0 = time.perf_counter()
        done = extract(pattern, tmp / f"rate-{label}-{workers}", tables, workers, partition_size=partition_size(n))
        secs = time.perf_counter() - t0
        out[workers] = done["articles"] / secs
        print(f"  {label:<24} {workers} worker(s): {secs:8.1f} s  {out[workers]:8.1f} articles/s  ({done['backend']})")
    print(f"  {label:<24} speed-up from 1 to 2 workers: {out[2] / out[1]:.2f}x (goal: >= 1.8x)")
    return out


def plain_pool(pattern: str, tables, out: Path, partition_size: int = 500, start: str = "spawn") -> float:
    """The partitions mapped over a plain pool of 2 processes, their tables written by the same
    writer as ``extract``'s into ``out``: what Dask is compared with (no scheduler, no retries).
    ``start``: how the pool starts its processes; "spawn" as Dask's local cluster does (a fresh
    interpreter that imports what it needs), "fork" copies this process with what it has already
    imported and compiled."""
    import multiprocessing
    from conflictnews.corpus.load import Loader
    from conflictnews.extractors.registry import check
    from conflictnews.pipeline import Job, partitions, run_partition
    from conflictnews.tables import TableWriter

    names, options = check(tables, {})
    names = [*names, "skipped"]
    job = Job(tuple(names))
    writer = TableWriter(out, names, "csv")
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context(start)) as pool:
        parts = list(partitions(Loader(pattern), partition_size))
        for part, frames in zip(parts, pool.map(run_partition, parts, itertools.repeat(job))):
            writer.add(part.index, frames)
    writer.close()
    return time.perf_counter() - t0


def overhead(pattern: str, n: int, tmp: Path, repeat: int) -> None:
    """Dask's local cluster of 2 workers against plain pools of 2 processes on the same
    partitions, tables without the parse, median of ``repeat`` runs taken in turn."""
    runs: dict[str, list[float]] = {"dask": [], "spawn": [], "fork": []}
    for i in range(repeat):
        for start in ("spawn", "fork"):
            runs[start].append(plain_pool(pattern, NO_PARSE, tmp / f"plain-{start}-{i}", partition_size(n), start))
        t0 = time.perf_counter()
        extract(pattern, tmp / f"dask2-{i}", NO_PARSE, 2, partition_size=partition_size(n))
        runs["dask"].append(time.perf_counter() - t0)
    t = {k: statistics.median(v) for k, v in runs.items()}
    print(f"  Dask (local cluster, 2 workers) {t['dask']:.1f} s against a plain pool of 2 processes started as "
          f"Dask starts them (spawn) {t['spawn']:.1f} s: overhead {t['dask'] / t['spawn'] - 1:+.0%} (goal: <= 10%); "
          f"against a pool forked from this warm process {t['fork']:.1f} s: {t['dask'] / t['fork'] - 1:+.0%} "
          f"(median of {repeat})")


def replicate_extract(source: Path, target: Path, copies: int, rows_per_part: int = 200_000) -> int:
    """An extract folder of ``copies`` copies of ``source``'s articles (new ids, dates moved a
    day per copy) and all their rows: the tables of a large corpus, without parsing one."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    from conflictnews.tables import read_manifest, read_table, table_path, write_manifest

    manifest = read_manifest(source)
    target.mkdir(parents=True)
    n_articles = 0
    for name in manifest["tables"]:
        if table_path(source, name) is None:
            continue
        frame = read_table(source, name)
        folder = target / name
        folder.mkdir()
        per_part = max(1, rows_per_part // max(1, len(frame)))   # copies in one Parquet part
        for part, first in enumerate(range(0, copies, per_part)):
            ks = np.arange(first, min(copies, first + per_part))
            copy = frame.iloc[np.tile(np.arange(len(frame)), len(ks))].reset_index(drop=True)
            k = np.repeat(ks, len(frame))
            for col in ("article_id", "example_article"):
                if col in copy:
                    copy[col] = [f"{a}~{b}" for a, b in zip(copy[col].astype(str), k.tolist())]
            if "published" in copy and pd.api.types.is_datetime64_any_dtype(copy["published"]):
                copy["published"] = copy["published"] + pd.to_timedelta(k % 365, unit="D")
            pq.write_table(pa.Table.from_pandas(copy, preserve_index=False), folder / f"part-{part:06d}.parquet")
        if name == "articles":
            n_articles = len(frame) * copies
    write_manifest(target, {**manifest, "articles": n_articles, "corpus": f"{copies} copies of {manifest['corpus']}"})
    return n_articles


def render_memory(articles: int, tmp: Path) -> None:
    """Peak memory of `conflictnews render` on an extract folder of ``articles`` articles."""
    import subprocess

    from conflictnews.pipeline import extract_corpus

    seeds = ROOT / "seeds"
    extract_corpus(seeds, tmp / "seed-extract", fmt="parquet", workers=1, say=lambda msg: None)
    big = tmp / "big-extract"
    n = replicate_extract(tmp / "seed-extract", big, max(1, articles // 5))
    cli = Path(sys.executable).with_name("conflictnews")
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(cli), "render", "--corpus", str(seeds), "--param", f"tables={big}",
                             "--output", str(tmp / "render-out"), "--jobs", "1"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    with PeakMemory(pid=proc.pid) as mem:   # the render and its kernels, not this process
        out, _ = proc.communicate()
    secs = time.perf_counter() - t0
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, "")
    failed = [line for line in done.stdout.splitlines() if "FAILED" in line]
    print(f"\nrender from an extract folder of {n:,} articles (the seeds' tables copied): "
          f"peak memory {mem.peak / 2**20:,.0f} MiB (goal: under 4 GiB), {secs:.0f} s, one notebook at a time"
          + (f"; FAILED: {failed}" if failed or done.returncode else ""))


def main(argv=None) -> int:
    global NO_PARSE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus for the no-parse rates and Dask overhead (MB)")
    ap.add_argument("--parse-mb", type=float, default=1.0, help="corpus for the rates with every table (MB; 0: skip)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each engine for Dask's overhead (median)")
    ap.add_argument("--memory-mb", type=float, nargs="*", default=[100.0, 1000.0],
                    help="corpus sizes for peak memory (MB; default 100 and 1000)")
    ap.add_argument("--render-articles", type=int, default=100_000,
                    help="articles of the extract folder the render's memory is measured on (0: skip)")
    args = ap.parse_args(argv)

    from conflictnews.extractors.registry import extractors

    NO_PARSE = sorted(n for n, ex in extractors().items() if not ex.needs) + ["articles", "sentences"]
    parse_tables = sorted(n for n, ex in extractors().items() if ex.needs)
    print(f"tables that need the parse: {', '.join(parse_tables) or 'none'}; the others: {', '.join(NO_PARSE)}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pattern, n = make_export(tmp / "small", args.mb)
        print(f"\nextract, {n:,} articles ({args.mb:g} MB of text, gzipped JSONL):")
        no_parse = rates(pattern, n, NO_PARSE, "tables without the parse", tmp)
        overhead(pattern, n, tmp, args.repeat)
        per_worker = no_parse[1]
        if args.parse_mb:
            ppattern, pn = make_export(tmp / "parse", args.parse_mb)
            print(f"\nextract, every table, {pn:,} articles ({args.parse_mb:g} MB):")
            with PeakMemory() as mem:
                full = rates(ppattern, pn, None, "every table (parse)", tmp)
            print(f"  peak memory of those runs: {mem.peak / 2**20:,.0f} MiB")
            per_worker = full[1]
        for mb in args.memory_mb:
            mpattern, mn = make_export(tmp / f"mem{mb:g}", mb)
            with PeakMemory() as mem:
                t0 = time.perf_counter()
                extract(mpattern, tmp / f"memout{mb:g}", NO_PARSE, 2, fmt="parquet")
                secs = time.perf_counter() - t0
            print(f"\npeak memory, extract --format parquet of {mn:,} articles ({mb:g} MB), tables without the "
                  f"parse, 2 workers: {mem.peak / 2**20:,.0f} MiB (goal: flat, under 2 GiB); {secs:.0f} s")
            for p in (tmp / f"mem{mb:g}").glob("*"):
                p.unlink()
        if args.render_articles:
            render_memory(args.render_articles, tmp)
    print("\nprojection for 10 million articles (measured articles/s of one worker, "
          f"{per_worker:.2f}/s, every table; assumes the articles are like these (about 4 KB of text), "
          "workers of this machine's speed, and 90% efficiency from Dask and input reading):")
    for workers in (1, 2, 8, 32, 128):
        hours = 10_000_000 / (per_worker * workers * 0.9) / 3600
        print(f"  {workers:>4} workers: {hours:10,.1f} hours")
    return 0


if __name__ == "__main__":
    sys.exit(main())
