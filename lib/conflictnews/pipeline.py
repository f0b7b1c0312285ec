"""Extraction at any size: the corpus read as a stream, cut into partitions of articles, each
partition cleaned, segmented, parsed and extracted on a worker, the tables written part by part.

    extract_corpus("exports/*.jsonl.gz", "tables/", fmt="parquet")            # every local core
    extract_corpus("seeds", "tables/", workers=1)                             # one process
    extract_corpus("big/", "tables/", scheduler="tcp://10.0.0.5:8786")       # a Dask cluster

One engine, three sizes.  The driver (this process) reads records, drops duplicate ids and joins
the metadata; that is all the corpus it ever holds, one partition at a time.  The work on a
partition (``run_partition``) is a pure function of its records and the ``Job``, so it runs the
same in this process, on a local Dask cluster of processes, or on the workers of an existing
cluster: the tables are identical row for row.  The spaCy pipeline is loaded once per worker
process (``nlp.model.load`` is cached), never shipped in the task graph.

A partition that raises, or whose worker dies, is retried once; if it fails again its articles
are listed in ``skipped`` with the files they came from and the error, and the run goes on.  An
extractor that raises on one article costs that article's rows of that table (a ``warning`` row
in ``skipped`` says which), never the run.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from .corpus.load import CorpusError, Loader, Log, Raw, SKIPPED_COLUMNS, assemble, prepare
from .tables import TableWriter, manifest_for, write_manifest

PARTITION_SIZE = 500   # articles per partition: a few MB of text, a few hundred MB of parse at most
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
# The workers of the local cluster this command starts:
# - glibc's malloc left to tune itself: Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536
#   (freed memory handed back to the system at once), which also pins glibc's mmap threshold, so
#   every large temporary array of the parse is mapped and unmapped again: the parse cost 10-20%
#   more CPU in a Dask worker than in a plain process, its maxout and layer norms 60% more
#   (cProfile of the same partitions in both).  A partition's parse is let go when its task ends.
# - no statistical profiler (it samples the running task's stack a hundred times a second, for a
#   dashboard this command does not serve), and its housekeeping less often: the event loops'
#   tick, the system and memory monitors run every 20, 500 and 100 ms by default, in the
#   scheduler (this process), each nanny and each worker, on the cores the partitions need (a
#   partition runs for seconds; a worker that dies is still seen at once, by its nanny).
#   Measured on 411 articles, 2 workers: this process's CPU 4.6-4.9 s -> 3.1 s, wall 38-40 s ->
#   34-36 s.
LOCAL_WORKER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                       "distributed.worker.profile.enabled": False,
                       "distributed.admin.tick.interval": "1s",
                       "distributed.admin.system-monitor.interval": "5s",
                       "distributed.worker.memory.monitor-interval": "1s"}


@dataclass(frozen=True)
class Job:
    """What every partition needs besides its records: small, and the same for all."""

    tables: tuple[str, ...]
    options: tuple[tuple[str, str], ...] = ()   # resource option -> path (sorted pairs: hashable)
    profile: str | None = None                  # a conflict profile forced on every article
    date_format: str | None = None              # how to read ambiguous numeric dates (corpus.dates)
    cleaning: str | None = None
    model: str | None = None
    parse_workers: int = 1                      # processes for the parse inside one partition
    cache: str | None = None                    # where parses are kept (None: not kept)


@dataclass
class Partition:
    """One partition's work: its index (its place in the output), records and metadata rows."""

    index: int
    records: list[tuple[Raw, dict]]

    @property
    def files(self) -> list[str]:
        """The input files of its records (for error messages), without line numbers."""
        return sorted({r.source.rsplit(":", 1)[0] if r.source.rsplit(":", 1)[-1].isdigit() or ":row " in r.source
                       else r.source for r, _ in self.records})


def run_partition(part: Partition, job: Job) -> dict[str, pd.DataFrame]:
    """Clean, date, segment, parse and extract one partition; returns every table of ``job``
    (the corpus's own tables included) and ``skipped`` for what went wrong in it."""
    from .corpus.clean import load_rules
    from .extractors.registry import CORPUS_TABLES, extractors, run

    log = Log()
    rules = load_rules(job.cleaning)
    rows, removals = [], []
    for raw, meta_row in part.records:
        prepared = prepare(raw, meta_row, rules, log, job.date_format)
        if prepared is not None:
            rows.append(prepared[0])
            removals.extend(prepared[1])
    corpus = assemble(rows, removals, log.frame(), f"partition {part.index}", allow_empty=True)
    wanted = [t for t in job.tables if t in extractors()]
    errors: list[tuple[str, str, str]] = []
    frames = {}
    if wanted and len(corpus):
        from .nlp import parse
        caps = sorted({c for ex in extractors().values() if ex.name in wanted for c in ex.needs})
        if caps:  # once per partition, stored beside the others when a cache folder is given
            parse(corpus, job.model, caps, workers=job.parse_workers, folder=job.cache)
        frames = run(corpus, wanted, dict(job.options), profile=job.profile, model=job.model, errors=errors)
    elif wanted:
        frames = {name: extractors()[name].frame([], None) for name in wanted}
    for name in {*job.tables, "articles"}:  # the articles always: they say how many were usable
        if name in CORPUS_TABLES and name != "skipped":
            frames[name] = CORPUS_TABLES[name].get(corpus, job.profile)
    failed = Log()
    sources = dict(zip(corpus.articles["article_id"], corpus.articles["source"]))
    for aid, table, message in errors:
        failed.warn(sources.get(aid, ""), f"{table}: extraction failed on this article ({message}); its {table} "
                                          "rows are missing", aid)
    # what loading skipped, sentences split for length (added when the corpus was segmented), and
    # extraction failures
    frames["skipped"] = pd.concat([corpus.skipped, failed.frame()], ignore_index=True)
    return frames


def partitions(loader: Loader, size: int = PARTITION_SIZE) -> Iterator[Partition]:
    """The loader's records in partitions of ``size`` articles, in input order."""
    batch: list = []
    index = 0
    for item in loader.records():
        batch.append(item)
        if len(batch) >= size:
            yield Partition(index, batch)
            index += 1
            batch = []
    if batch:
        yield Partition(index, batch)


@dataclass
class Progress:
    """One line per stage and partition: articles done and articles per second."""

    say: Callable[[str], None] = print
    started: float = field(default_factory=time.perf_counter)
    parts: int = 0
    done: int = 0

    def partition(self, part: Partition, total_parts: int | None) -> None:
        self.parts += 1
        self.done += len(part.records)
        rate = self.done / max(time.perf_counter() - self.started, 1e-9)
        of = f"/{total_parts}" if total_parts else ""
        self.say(f"  extract: partition {part.index + 1}{of} done, {self.done:,} articles ({rate:,.1f} articles/s)")


def extract_corpus(corpus: str | Path, out_dir: str | Path, tables=None, options=None, *, metadata=None,
                   cleaning=None, columns=None, date_format: str | None = None, fmt: str = "csv", profile=None,
                   model: str | None = None,
                   workers: int | None = None, scheduler: str | None = None, partition_size: int = PARTITION_SIZE,
                   raw: bool = False, say: Callable[[str], None] = print) -> dict:
    """Write the tables of ``corpus`` into ``out_dir`` (see the module docstring).  ``raw``
    writes CSV cells as they are (default: formulas neutralised, ``files.write_csv``).  Returns
    a summary: articles, partitions, tables written (name -> path), skipped rows, profile lines,
    seconds, backend."""
    from .extractors.registry import check
    from .nlp import default_workers

    names, options = check(tables, options, profile)
    names = list(dict.fromkeys([*names, "skipped"]))   # what went wrong is always written
    workers = default_workers() if workers in (None, 0) else max(1, int(workers))
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    loader = Loader(corpus, metadata, cleaning, columns)
    from .corpus.snapshot import cache_dir
    cache = cache_dir()
    job = Job(tuple(names), tuple(sorted((k, str(v)) for k, v in options.items())),
              profile=str(profile) if profile not in (None, "") else None, date_format=date_format or None,
              cleaning=str(cleaning) if cleaning else None, model=model, parse_workers=1,
              cache=str(cache) if cache else None)
    writer = TableWriter(out_dir, names, fmt, raw=raw)
    progress = Progress(say)
    t0 = time.perf_counter()
    parts = partitions(loader, partition_size)
    first = next(parts, None)
    second = next(parts, None) if first is not None else None
    try:
        if first is None:
            backend = "none"
        elif scheduler:
            backend = f"dask cluster at {scheduler}"
            _run_dask(_chain(first, second, parts), job, writer, progress, address=scheduler)
        elif second is None or workers == 1:
            # one partition: this process, the parse on every core; or one process asked for
            backend = "this process" + (f", parse on {workers} processes" if second is None and workers > 1 else "")
            job = dataclasses.replace(job, parse_workers=workers if second is None else 1)
            for part in _chain(first, second, parts):
                writer.add(part.index, _attempt(part, job))
                progress.partition(part, None)
        else:
            backend = f"local Dask cluster, {workers} worker processes"
            _run_dask(_chain(first, second, parts), job, writer, progress, n_workers=workers)
        loader.finish()
        writer.add_skipped(loader.log.frame())
        if not writer.articles:
            skipped = writer.skipped_frame()
            reasons = "; ".join(f"{r.source}: {r.reason}" for r in skipped.itertuples()) or "no input files"
            raise CorpusError(f"no usable article in {corpus} ({reasons})")
        written = writer.close()
        write_manifest(out_dir, manifest_for(names, options, profile=profile, model=model, date_format=date_format,
                                             cleaning=cleaning, corpus=corpus, fmt=fmt, articles=writer.articles))
    except BaseException:
        writer.abort()
        raise
    from .profiles.wording import choice_lines
    return {"articles": writer.articles, "read": len(loader.seen), "partitions": progress.parts, "tables": written,
            "skipped": writer.skipped_frame(), "profiles": choice_lines(writer.profile_tally()),
            "seconds": time.perf_counter() - t0, "backend": backend}


def _chain(first, second, rest) -> Iterator[Partition]:
    for part in (first, second):
        if part is not None:
            yield part
    yield from rest


def _attempt(part: Partition, job: Job) -> dict[str, pd.DataFrame]:
    """``run_partition`` in this process, retried once; a second failure is reported, not raised."""
    try:
        return run_partition(part, job)
    except Exception:
        try:
            return run_partition(part, job)
        except Exception as exc:
            return failed_partition(part, exc)


def failed_partition(part: Partition, exc: BaseException) -> dict[str, pd.DataFrame]:
    """The ``skipped`` rows of a partition that failed twice: one per article, naming its file."""
    last = traceback.format_exception_only(type(exc), exc)[-1].strip()
    rows = [{"source": raw.source, "article_id": raw.article_id, "status": "skipped",
             "reason": f"partition {part.index + 1} ({', '.join(part.files)}) failed twice: {last}"}
            for raw, _ in part.records]
    return {"skipped": pd.DataFrame(rows, columns=SKIPPED_COLUMNS)}


def _run_dask(parts: Iterator[Partition], job: Job, writer, progress: Progress, *, address: str | None = None,
              n_workers: int | None = None) -> None:
    """Partitions on a Dask cluster: an existing one (``address``) or a local one of
    ``n_workers`` single-threaded processes.  At most two partitions per worker are in flight, so
    the driver's memory does not grow with the corpus."""
    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if address:
        client = Client(address, timeout="30s")
    else:
        with dask.config.set(LOCAL_WORKER_CONFIG):   # handed to the worker processes as they start
            # Dask's own log kept to critical errors: a partition that fails or a worker lost is
            # reported by this function, and a worker's heartbeat racing the cluster's shutdown
            # logged a traceback at the end of a good run
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
        client = Client(cluster)
    try:
        slots = 2 * max(1, len(client.scheduler_info().get("workers", {})) or (n_workers or 1))
        pending = as_completed()
        by_key: dict[str, Partition] = {}

        def submit(part: Partition) -> None:
            future = client.submit(run_partition, part, job, retries=1, pure=False,
                                   key=f"partition-{part.index}-{time.monotonic_ns()}")
            by_key[future.key] = part
            pending.add(future)

        it = iter(parts)
        for part in it:
            submit(part)
            if pending.count() >= slots:
                break
        for future in pending:
            part = by_key.pop(future.key)
            try:
                frames = future.result()
            except Exception as exc:  # failed on its retry too (a lost worker counts as a failure)
                frames = failed_partition(part, exc)
            future.release()
            nxt = next(it, None)
            if nxt is not None:     # the next partition on its way before this one is written
                submit(nxt)
            writer.add(part.index, frames)
            progress.partition(part, None)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main_progress(stream=sys.stdout) -> Callable[[str], None]:
    return lambda msg: print(msg, file=stream, flush=True)
