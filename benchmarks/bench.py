#!/usr/bin/env python3
"""Speed benchmark: prints figures, asserts nothing (speed goals are read, not tested).

    python benchmarks/bench.py [--mb 20] [--repeat 3] [--no-render]

1. Throughput on one core over a corpus of at least --mb MB generated from the seeds (the seed
   files copied under new ids into a temporary folder): loading + cleaning, sentence
   tokenization, word tokenization, then each extraction stage, in MB of cleaned text per second,
   and each extraction's cost relative to loading + tokenizing; the median of --repeat runs
   (a single run varies by +-20% on a shared machine).
2. The parse (``parse_figures``, on --parse-mb MB): words per second with one process and with
   every core, against spaCy's own pipeline run naively, and what every extractor costs once the
   parse is in hand.
3. Rendering: the overview notebook on the seeds against an empty notebook rendered the same
   way, median of --repeat runs: as the command a user runs, and inside a running process
   (see ``render_times``); then every report rendered twice, the second reading the stored parse.
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
    """(label, function(corpus) -> frame) for every extractor the library has."""
    from conflictnews.extractors.registry import extractors, run

    groups = [("claims", ["claims"]), ("mentions + quotes", ["mentions", "quotes"]),
              ("stance terms + death mentions", ["stance_terms", "death_mentions"])]
    stages = []
    for label, names in groups:
        if all(n in extractors() for n in names):
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
            return [fn(corpus) for fn in fns]
        _, secs = median_time(run, repeat)
        print(f"{label:<34}{secs:>9.2f}{mb / secs:>8.2f}{secs / base:>17.0%}")


def parse_figures(megabytes: float, repeat: int) -> None:
    """The linguistic layer (issue 9): parse throughput with one process and with every core,
    against spaCy's own pipeline run naively (every component the package enables, one
    ``nlp(text)`` per article), and what the extractors cost once the parse is in hand."""
    import spacy

    from conflictnews import load_corpus
    from conflictnews.extractors.registry import extractors, run
    from conflictnews.nlp import default_workers, model, parse, parse_texts

    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(Path(tmp), megabytes)
        corpus = load_corpus(tmp)
    texts = corpus.sentences["text"].tolist()
    n_words = int(corpus.word_counts.sum())
    mb = corpus.articles["n_chars"].sum() / 1e6
    model.load()  # loaded once per process: not part of the throughput
    print(f"\nparse: {len(corpus)} articles, {mb:.1f} MB, {len(texts):,} sentences, {n_words:,} words "
          f"({model.model_id()}); one run each")
    times = {}
    for workers in sorted({1, default_workers()}):
        _, times[workers] = timed(parse_texts, texts, workers=workers)
        print(f"  parse, {workers} process(es): {times[workers]:7.1f} s  {n_words / times[workers]:8,.0f} words/s")
    if len(times) > 1:
        print(f"  speed-up from 1 to {max(times)} processes: {times[1] / times[max(times)]:.2f}x (goal: >= 1.8x on 2 cores)")
    nlp = spacy.load(model.resolve())  # the package's own pipeline, every component it enables
    articles = corpus.articles["text"].tolist()
    _, naive = timed(lambda: [nlp(a) for a in articles])
    print(f"  spaCy's full pipeline, nlp(text) per article: {naive:7.1f} s  {n_words / naive:8,.0f} words/s "
          f"(ours with 1 process is {naive / times[1]:.2f}x faster)")
    needing = [n for n, ex in extractors().items() if ex.needs]
    parse(corpus)  # in hand for what follows (the same parse the extractors would use)
    names = list(extractors())
    _, after = median_time(lambda: run(corpus, names), repeat)
    print(f"  every extractor once the parse is in hand: {after:.1f} s = {after / times[1]:.0%} of a "
          f"one-process parse (goal: <= 25%); tables reading the parse: {', '.join(needing) or 'none yet'}")
    for name in names:
        _, secs = median_time(lambda name=name: run(corpus, [name]), repeat)
        print(f"    {name:<18}{secs:7.2f} s  {secs / times[1]:6.1%} of the parse")


def rerender_times() -> None:
    """A second ``make reports`` on an unchanged corpus reads the stored parse: both timed."""
    import subprocess

    cli = Path(sys.executable).with_name("conflictnews")
    with tempfile.TemporaryDirectory() as tmp:
        print("\nrender every report twice into a new folder (the second reads the stored corpus and parse):")
        for label in ("first", "second"):
            t0 = time.perf_counter()
            done = subprocess.run([str(cli), "render", "--notebooks", str(ROOT / "notebooks"), "--corpus", str(SEEDS),
                                   "--output", tmp], capture_output=True, text=True)
            secs = time.perf_counter() - t0
            if done.returncode:
                sys.exit(f"render failed: {done.stderr[-2000:]}")
            parsed = [line for line in done.stdout.splitlines() if line.startswith("parse:")]
            print(f"  {label} render: {secs:6.1f} s; {parsed[-1] if parsed else 'no parse needed'}")


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
    ap.add_argument("--no-render", action="store_true", help="skip the render timing")
    ap.add_argument("--parse-mb", type=float, default=2.0, help="size of the corpus the parse is measured on "
                    "(default 2; 0 skips the parse figures)")
    args = ap.parse_args()
    throughput(args.mb, args.repeat)
    if args.parse_mb:
        parse_figures(args.parse_mb, args.repeat)
    if not args.no_render:
        render_times(args.repeat)
        rerender_times()
    return 0


if __name__ == "__main__":
    sys.exit(main())
