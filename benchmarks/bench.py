#!/usr/bin/env python3
"""Speed benchmark: prints figures, asserts nothing (speed goals are read, not tested).

    python benchmarks/bench.py [--mb 20] [--repeat 3] [--no-render] [--hostile] [--hostile-kb 100]

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
4. ``--scale``: extraction at scale (``bench_scale.py``: 1 and 2 workers, Dask's overhead, peak
   memory, a projection to 10 million articles).
5. Hostile input (``--hostile``, or ``--hostile-only``): time per 100 KB of the public command
   (``extract`` of every table, the parse included) and of each extractor alone, on text shaped
   to hurt (one word repeated thousands of times in one "sentence", a megabyte line of casualty
   words, a flattened daily table, one huge article...) against normal news (the seeds); goal:
   every shape within 3x of normal news per byte through the command (see ``HOSTILE_SHAPES``).
"""
from __future__ import annotations

import argparse
import gc
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
        # tables that read the parse are measured against it in ``parse_figures`` (timing them
        # here would time the parse of the whole corpus)
        if all(n in extractors() and not extractors()[n].needs for n in names):
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
    _, secs = median_time(lambda: run(corpus, ["mentions", "quotes"]), repeat)
    print(f"  mentions + quotes once the parse is in hand: {secs:.2f} s = {secs / times[1]:.1%} of a one-process "
          f"parse (goal: <= 15%)")


def rerender_times() -> None:
    """A second ``make reports`` on an unchanged corpus reads the stored parse: both timed, and
    whether each parsed is read from the parse files (``parse-*.spacy``) in the render's cache."""
    import subprocess

    cli = Path(sys.executable).with_name("conflictnews")
    with tempfile.TemporaryDirectory() as tmp:
        print("\nrender every report twice into a new folder (the second reads the stored corpus and parse):")
        stored: dict[str, int] = {}
        for label in ("first", "second"):
            t0 = time.perf_counter()
            done = subprocess.run([str(cli), "render", "--notebooks", str(ROOT / "notebooks"), "--corpus", str(SEEDS),
                                   "--output", tmp], capture_output=True, text=True)
            secs = time.perf_counter() - t0
            if done.returncode:
                sys.exit(f"render failed: {done.stderr[-2000:]}")
            now = {p.name: p.stat().st_ino for p in Path(tmp).rglob("parse-*.spacy")}   # a write replaces the file
            written = [name for name, inode in now.items() if stored.get(name) != inode]
            stored = now
            print(f"  {label} render: {secs:6.1f} s; "
                  + (f"parsed, stored {len(written)} parse file(s)" if written
                     else "read the stored parse (no parse file written)" if now else "no parse stored"))


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


# ---------------------------------------------------------------------------------------------
# Hostile input: text shaped so that any work that grows faster than the text shows.

def _seed_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def _repeat(unit: str, size: int, sep: str = "") -> str:
    """``unit`` repeated (joined by ``sep``) to at least ``size`` characters."""
    n = max(1, -(-size // (len(unit) + len(sep))))
    return sep.join([unit] * n)


def _daily_table(size: int) -> str:
    """A daily casualty table flattened into one line, as a scraper that loses the line breaks
    gives it: "Date Killed Injured 2023-10-07 232 1,697 2023-10-08 413 2,300 ..." """
    import datetime as dt

    rows, day, k, i = ["Date Killed Injured Killed (cumulative)"], dt.date(2023, 10, 7), 0, 0
    while sum(map(len, rows)) < size:
        i += 1
        k += 200 + (i * 37) % 300
        rows.append(f"{day + dt.timedelta(days=i)} {200 + (i * 37) % 300} {500 + (i * 53) % 900:,} {k:,}")
    return " ".join(rows)


def _casualty_words(size: int) -> str:
    """One line (no full stop) of casualty words, groups, numbers, sources and party names."""
    words = ("killed 12 Palestinians , wounded 30 civilians injured 1,200 dead Israelis 5 hostages "
             "taken displaced 40,000 people missing at least 9,000 according to the Hamas-run health "
             "ministry said Israeli strikes killed children women massacre ceasefire terrorists militants")
    return _repeat(words, size, " ")


def _reported_chain(size: int) -> str:
    """Reported speech nested without end: "Blinken said that Biden told reporters that ..." """
    return _repeat('Blinken said that Biden told reporters that Netanyahu said "Hamas must go," and', size, " ")


# name -> (what it is, builder(size in characters) -> list of article texts)
HOSTILE_SHAPES = {
    "normal news (seeds)": ("the five seed articles, repeated as separate articles",
                            lambda n: [_seed_text()] * max(1, n // len(_seed_text()))),
    "one huge article": ("the seed articles joined into one article", lambda n: [_repeat(_seed_text(), n, "\n\n")]),
    "'killed 1 ' x N": ("one sentence of 'killed 1 ' repeated", lambda n: [_repeat("killed 1 ", n)]),
    "'Hamas-run ' x N": ("one sentence of 'Hamas-run ' repeated", lambda n: [_repeat("Hamas-run ", n)]),
    "casualty-word line": ("one line of casualty words, numbers and sources", lambda n: [_casualty_words(n)]),
    "flattened daily table": ("a daily table of figures flattened into one line", lambda n: [_daily_table(n)]),
    "nested reported speech": ("one sentence of speech verbs and quotes", lambda n: [_reported_chain(n)]),
    "quote marks x N": ("one line of double quote marks and words", lambda n: [_repeat('"a" said he ', n)]),
}


class _TooSlow(Exception):
    pass


def _limited(fn, seconds: float):
    """``fn()``'s (result, seconds), or (None, None) when it runs over ``seconds`` (Unix: an
    interval timer interrupts it; elsewhere it runs to the end)."""
    import signal

    if not hasattr(signal, "setitimer"):
        return timed(fn)

    def stop(*_):
        raise _TooSlow

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return timed(fn)
    except _TooSlow:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _write_jsonl(texts: list[str], path: Path) -> Path:
    """``texts`` as a JSONL corpus at ``path``, one article each."""
    import pandas as pd

    path.write_text("\n".join(pd.Series([{"id": f"h{i}", "text": t, "published": "2023-11-01"}
                                           for i, t in enumerate(texts)]).map(_json)), encoding="utf-8")
    return path


def _hostile_corpus(texts: list[str]):
    """A corpus of ``texts`` (one article each), loaded and split into sentences."""
    from conflictnews import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = load_corpus(_write_jsonl(texts, Path(tmp) / "hostile.jsonl"))
        corpus.sentences  # noqa: B018 - tokenized here, outside the extractors' timings
    return corpus


def _whole_extract(texts: list[str]) -> float:
    """Seconds of the public command on ``texts``: ``extract`` (one process) of every table,
    written as CSV, from reading the file to the last table written; the parse included (the
    model loaded before)."""
    from conflictnews.pipeline import extract_corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = _write_jsonl(texts, Path(tmp) / "hostile.jsonl")
        t0 = time.perf_counter()
        extract_corpus(path, Path(tmp) / "tables", workers=1, say=lambda msg: None)
        return time.perf_counter() - t0


def _json(obj) -> str:
    import json
    return json.dumps(obj)


HOSTILE_TABLES = ("claims", "mentions", "quotes", "unlisted_names", "stance_terms", "party_labels",
                  "death_mentions")


def hostile(kilobytes: float, repeat: int, limit: float) -> None:
    """Time per 100 KB of the public command (``extract``, every table, the parse included: the
    goal's measure), then of loading and of each extractor alone, per hostile shape, against
    normal news.  A table that reads the parse is timed once the parse is in hand (the parse is
    done first, outside its timing, as ``parse_figures`` times it): those columns show which
    extractor a shape makes dear."""
    from conflictnews.extractors.registry import extractors, run as run_tables
    from conflictnews.nlp import parse

    known = extractors()
    needs = sorted({c for ex in known.values() for c in ex.needs})

    def table_fn(name):
        def compute(corpus, options):
            if known[name].needs:
                parse(corpus, None, needs)      # memoised on the corpus: only the first call parses
            return run_tables(corpus, [name], options)[name]
        return compute
    TABLES = {name: table_fn(name) for name in known}

    size = int(kilobytes * 1000)
    WHOLE = "extract (all)"
    stages = (WHOLE, "load + sentences") + tuple(t for t in HOSTILE_TABLES if t in TABLES)
    print(f"\nhostile input: seconds per 100 KB (median of {repeat}; '>' = stopped after {limit:.0f} s; "
          f"x = times normal news), shapes of about {kilobytes:.0f} KB")
    widths = [24] + [max(14, len(s) + 2) for s in stages]
    warm = _hostile_corpus([_seed_text()])  # compile every resource once, outside the timings
    for table in stages[2:]:
        TABLES[table](warm, {})
    for _what, build in HOSTILE_SHAPES.values():  # every profile the shapes choose, compiled once
        _whole_extract([t[:3000] for t in build(3000)])
    # what the command costs whatever the size (reading the options, writing every table's file)
    fixed = statistics.median(_whole_extract(["A short article."]) for _ in range(repeat))
    print(f"the command's fixed cost ({fixed:.2f} s: one sentence, every table written) is taken off its times")
    print("".join(f"{h:<{w}}" if i == 0 else f"{h:>{w}}" for i, (h, w) in enumerate(zip(("shape",) + stages, widths))))
    normal: dict[str, float] = {}
    worst = {WHOLE: 0.0, "alone": 0.0}
    for name, (_what, build) in HOSTILE_SHAPES.items():
        texts = build(size)
        nbytes = sum(len(t.encode("utf-8")) for t in texts)
        per = 1e5 / nbytes
        cells = []
        # the command on each distinct text once: a text repeated is parsed once, which would
        # flatter normal news (the seeds repeated); less the command's fixed cost
        distinct = list(dict.fromkeys(texts))
        whole = [_limited(lambda: _whole_extract(distinct), limit)[0] for _ in range(repeat)]
        whole_per = 1e5 / sum(len(t.encode("utf-8")) for t in distinct)
        corpus, secs = _limited(lambda: _hostile_corpus(texts), limit)
        results = {WHOLE: None if None in whole else max(0.0, statistics.median(whole) - fixed) * whole_per / per,
                   "load + sentences": secs}
        for table in stages[2:]:
            if corpus is None:
                results[table] = None
                continue

            if known[table].needs:
                parse(corpus, None, needs)      # in hand before the extractor is timed

            def run(table=table):
                corpus.__dict__.pop("_tables", None)
                if table == "quotes":  # its mentions are another stage's time
                    TABLES["mentions"](corpus, {})
                # a full garbage collection owed to what ran before is not this table's time
                # (the collections its own objects cause are)
                gc.collect()
                if table == "quotes":
                    t0 = time.perf_counter()
                    TABLES["quotes"](corpus, {})
                    return time.perf_counter() - t0
                t0 = time.perf_counter()
                TABLES[table](corpus, {})
                return time.perf_counter() - t0

            runs = []
            for _ in range(repeat):
                took, _total = _limited(run, limit)
                if took is None:
                    runs = None
                    break
                runs.append(took)
            results[table] = statistics.median(runs) if runs else None
        for stage in stages:
            secs = results[stage]
            which = WHOLE if stage == WHOLE else "alone"
            if secs is None:
                cells.append(f">{limit * per:.0f}")
                worst[which] = float("inf")
                continue
            value = secs * per
            if name.startswith("normal"):
                normal[stage] = value
                cells.append(f"{value:.3f}")
            else:
                ratio = value / normal[stage] if normal.get(stage) else float("nan")
                worst[which] = max(worst[which], ratio)
                cells.append(f"{value:.3f} {ratio:4.1f}x")
        print(f"{name:<{widths[0]}}" + "".join(f"{c:>{w}}" for c, w in zip(cells, widths[1:])), flush=True)
    print(f"worst shape, the public command (extract, every table): {worst[WHOLE]:.1f}x normal news per byte "
          f"(goal: at most 3x); one stage alone: {worst['alone']:.1f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the generated corpus (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per stage and renders per notebook; the "
                    "median is reported (default 3)")
    ap.add_argument("--no-render", action="store_true", help="skip the render timing")
    ap.add_argument("--parse-mb", type=float, default=2.0, help="size of the corpus the parse is measured on "
                    "(default 2; 0 skips the parse figures)")
    ap.add_argument("--scale", action="store_true", help="also run benchmarks/bench_scale.py (extract on 1 and 2 "
                    "workers, Dask against a plain pool, peak memory on 100 MB and 1 GB, a projection)")
    ap.add_argument("--hostile", action="store_true", help="also time hostile input against normal news")
    ap.add_argument("--hostile-only", action="store_true", help="time hostile input only")
    ap.add_argument("--hostile-kb", type=float, default=100.0, help="size of each hostile shape (default 100 KB)")
    ap.add_argument("--hostile-limit", type=float, default=60.0,
                    help="seconds after which one hostile measurement is stopped (default 60)")
    args = ap.parse_args()
    if not args.hostile_only:
        throughput(args.mb, args.repeat)
        if args.parse_mb:
            parse_figures(args.parse_mb, args.repeat)
        if not args.no_render:
            render_times(args.repeat)
            rerender_times()
    if args.scale:
        import bench_scale
        bench_scale.main([])
    if args.hostile or args.hostile_only:
        hostile(args.hostile_kb, args.repeat, args.hostile_limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
