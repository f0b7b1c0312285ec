#!/usr/bin/env python3
"""Speed benchmark: prints figures, asserts nothing (speed goals are read, not tested).

    python benchmarks/bench.py [--mb 20] [--parse-mb 1] [--repeat 3] [--no-render]

1. Throughput on one core over a corpus of at least --mb MB generated from the seeds (the seed
   files copied under new ids into a temporary folder): loading + cleaning, sentence
   tokenization, word tokenization, then each extraction stage, in MB of cleaned text per second,
   and each extraction's cost relative to loading + tokenizing; the median of --repeat runs
   (a single run varies by +-20% on a shared machine).
2. Claims after the parse: a smaller corpus (--parse-mb) parsed once on one core, then the claims
   extractor run over the parsed articles; the claims' cost relative to the parse (goal: at most
   10%).  Tables that need the parse are measured here, not in 1.
3. Rendering: the overview notebook on the seeds against an empty notebook rendered the same
   way, median of --repeat runs: as the command a user runs, and inside a running process
   (see ``render_times``).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def make_corpus(folder: Path, megabytes: float) -> int:
    """Copy the seed articles under new names until the folder holds ``megabytes`` MB."""
    seeds = sorted(SEEDS.glob("*.txt"))
    total, i = 0, 0
    while total < megabytes * 1e6:
        for src in seeds:
            data = src.read_bytes()
            (folder / f"{i:06d}_{src.stem}.txt").write_bytes(data)
            total += len(data)
        i += 1
    return total


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def extraction_stages():
    """(label, [function(corpus) -> frame]) for the extractors that need no parse (the others are
    timed after the parse, by ``claims_after_parse``)."""
    from conflictnews.extractors.registry import extractors, run

    known = extractors()
    groups = [("mentions + quotes", ["mentions", "quotes"]),
              ("stance terms + death mentions", ["stance_terms", "death_mentions"])]
    stages = []
    for label, names in groups:
        if all(n in known and not known[n].needs for n in names):
            stages.append((label, [lambda c, names=names: run(c, names)]))
    return stages


def median_time(fn, repeat: int):
    """(result of the last run, median seconds over ``repeat`` runs)."""
    times, out = [], None
    for _ in range(repeat):
        out, secs = timed(fn)
        times.append(secs)
    return out, statistics.median(times)


def throughput(megabytes: float, repeat: int) -> None:
    from conflictnews import load_corpus
    from conflictnews.corpus.segment import sentences, words

    with tempfile.TemporaryDirectory() as tmp:
        raw = make_corpus(Path(tmp), megabytes)
        corpus, t_load = median_time(lambda: load_corpus(tmp), repeat)
    mb = corpus.articles["n_chars"].sum() / 1e6
    sents, t_sent = median_time(lambda: sentences(corpus.articles), repeat)
    toks, t_word = median_time(lambda: words(sents), repeat)
    corpus.__dict__["sentences"] = sents  # reuse, as a notebook would
    base = t_load + t_sent + t_word
    print(f"corpus: {len(corpus)} articles, {raw / 1e6:.1f} MB raw, {mb:.1f} MB after cleaning; "
          f"{len(sents):,} sentences, {len(toks):,} words; median of {repeat} runs per stage")
    print(f"{'stage':<34}{'seconds':>9}{'MB/s':>8}{'vs load+tokenize':>18}")
    rows = [("load + clean", t_load), ("sentences", t_sent), ("words", t_word),
            ("load + tokenize (all three)", base)]
    for label, secs in rows:
        print(f"{label:<34}{secs:>9.2f}{mb / secs:>8.2f}")
    for label, fns in extraction_stages():
        def run(fns=fns):
            corpus.__dict__.pop("_tables", None)  # extract's per-corpus cache: measure the work, every run
            return [fn(corpus) for fn in fns]
        _, secs = median_time(run, repeat)
        print(f"{label:<34}{secs:>9.2f}{mb / secs:>8.2f}{secs / base:>17.0%}")


def claims_after_parse(megabytes: float, repeat: int) -> None:
    """The parse of a ``megabytes`` corpus on one core, then the claims extractor over the parsed
    articles (median of ``repeat`` runs), and its cost relative to the parse."""
    from conflictnews import load_corpus
    from conflictnews.extractors import casualties
    from conflictnews.extractors.base import Context
    from conflictnews.extractors.registry import articles
    from conflictnews.nlp import parse

    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(Path(tmp), megabytes)
        corpus = load_corpus(tmp)
    mb = corpus.articles["n_chars"].sum() / 1e6
    n = len(corpus.sentences)
    parsed, t_parse = timed(parse, corpus, None, casualties.NEEDS, workers=1, folder="")
    parsed_articles = list(articles(corpus, parsed))
    ctx = Context({})

    def run():
        return [row for a in parsed_articles for row in casualties.EXTRACTOR.extract(a, ctx)]
    rows, t_claims = median_time(run, repeat)
    print(f"\nparse: {len(corpus)} articles, {mb:.2f} MB, {n:,} sentences, one core")
    print(f"{'stage':<34}{'seconds':>9}{'MB/s':>8}{'vs parse':>18}")
    print(f"{'parse (' + ', '.join(casualties.NEEDS) + ')':<34}{t_parse:>9.2f}{mb / t_parse:>8.2f}")
    print(f"{'claims after the parse':<34}{t_claims:>9.2f}{mb / t_claims:>8.2f}{t_claims / t_parse:>17.1%}"
          f"   ({len(rows):,} claims; goal: at most 10%)")


def _empty_copy(notebook: Path, folder: Path) -> Path:
    """``notebook`` with only its parameters cell, under the same name in ``folder``."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    nb.cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / notebook.name)
    return folder / notebook.name


def render_times(repeat: int) -> None:
    """The overview against an empty notebook (its parameters cell only), rendered the same way.

    1. The command a user runs, ``conflictnews render --only 00_corpus_overview``, as a fresh
       process each time: Python start-up, loading the corpus once (the index needs its summary
       and the notebooks read it from the cache), the kernel, the notebook, the HTML export, the
       index.  The corpus cache is warm after the first run, as when a user renders again.
    2. One notebook inside an already running process (``render_one``): the kernel, the cells
       and the export only, which shows what the notebook itself costs.
    """
    import subprocess

    from conflictnews.reports.render import _corpus_summary, corpus_cache, render_one

    overview = ROOT / "notebooks" / "00_corpus_overview.ipynb"
    cli = Path(sys.executable).with_name("conflictnews")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = _empty_copy(overview, tmp / "empty")
        books = {"empty notebook": empty.parent, "00_corpus_overview": overview.parent}
        print("render, the command (fresh process; median of "
              f"{repeat} after one warm-up):")
        times = {}
        for name, folder in books.items():
            cmd = [str(cli), "render", "--notebooks", str(folder), "--only", overview.stem, "--corpus", str(SEEDS),
                   "--output", str(tmp / "cmd"), "--jobs", "1"]
            runs = []
            for i in range(repeat + 1):
                t0 = time.perf_counter()
                done = subprocess.run(cmd, capture_output=True, text=True)
                if done.returncode:
                    sys.exit(f"{name} failed to render: {done.stderr[-2000:]}")
                if i:  # the first run fills the corpus cache
                    runs.append(time.perf_counter() - t0)
            times[name] = statistics.median(runs)
            print(f"  {name:<28}{times[name]:>7.2f} s ({', '.join(f'{x:.2f}' for x in runs)})")
        print(f"  overview / empty: {times['00_corpus_overview'] / times['empty notebook']:.2f}x (goal: at most 2x)")

        print(f"render, one notebook in a running process (median of {repeat}):")
        params = {"corpus": str(SEEDS), "output_dir": str(tmp / "out")}
        with corpus_cache(tmp / "out"):
            _corpus_summary(params, log=lambda *_: None)  # as render() does before the notebooks
            for name, book in (("empty notebook", empty), ("00_corpus_overview", overview)):
                runs = []
                for _ in range(repeat):
                    r = render_one(book, tmp / "out", params, progress=False)
                    if not r.ok:
                        sys.exit(f"{name} failed to render: {r.error}")
                    runs.append(r.seconds)
                times[name] = statistics.median(runs)
                print(f"  {name:<28}{times[name]:>7.2f} s ({', '.join(f'{x:.2f}' for x in runs)})")
        print(f"  overview / empty: {times['00_corpus_overview'] / times['empty notebook']:.2f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the generated corpus (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per stage and renders per notebook; the "
                    "median is reported (default 3)")
    ap.add_argument("--parse-mb", type=float, default=1.0, help="size of the corpus parsed for the claims "
                    "timing (default 1)")
    ap.add_argument("--no-render", action="store_true", help="skip the render timing")
    args = ap.parse_args()
    throughput(args.mb, args.repeat)
    claims_after_parse(args.parse_mb, args.repeat)
    if not args.no_render:
        render_times(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
