"""Render the notebooks with papermill into shareable reports.

For each ``notebooks/*.ipynb``: ``outputs/<name>.ipynb`` (executed), ``outputs/<name>.html``
(code hidden unless asked, images embedded, no script or remote resource so it opens offline),
plus the figures and tables the notebook saves itself; then ``outputs/index.html`` listing the
reports with their parameters, the corpus summary and the render time.  A notebook that fails
does not stop the others: it is saved with its error and named in the result.

The corpus is loaded once, before the notebooks start, into ``<output>/.cache/`` (see
``cache.py``); every notebook reads that instead of loading and tokenizing the corpus again.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..corpus import snapshot as cache
from ..files import atomic_path, write_text
from .html import finish_report, page, provenance_html
from .provenance import provenance

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)
_REMOTE_LINK = re.compile(r"<link\b[^>]*href=[\"']https?://[^>]*>", re.IGNORECASE)


# Parameters that name a file or folder: the command line resolves them from the current folder
# (the notebooks run in notebooks/) and refuses one that does not exist.
def path_parameters() -> tuple[str, ...]:
    """The parameters that name a file or folder: the corpus's own, and every resource option an
    extractor declares (``extractors/registry.py``)."""
    from ..extractors.registry import resources

    return tuple(dict.fromkeys(("corpus", "metadata", "cleaning_rules", "stopwords", "reference", "peer_dir",
                                "evaluation_dir", *resources())))


class ParameterError(ValueError):
    """A render parameter is unknown to every notebook or has a bad value."""


@dataclass
class Rendered:
    name: str
    ok: bool
    seconds: float
    parameters: dict
    html: Path | None = None
    notebook: Path | None = None
    error: str | None = None


@dataclass
class RenderResult:
    reports: list[Rendered] = field(default_factory=list)
    index: Path | None = None
    seconds: float = 0.0  # wall-clock time of the whole run (reports may render in parallel)

    @property
    def failed(self) -> list[str]:
        return [r.name for r in self.reports if not r.ok]


def matches(stem: str, wanted: str) -> bool:
    """``--only`` matching: the notebook's name starts with ``wanted`` (``00``), or contains it as
    a fragment, case ignored (``casualty`` finds ``01_casualty_figures``)."""
    stem, wanted = stem.lower(), wanted.lower().strip()
    return bool(wanted) and (stem.startswith(wanted) or wanted in stem)


def nearest(name: str, choices) -> str:
    """" (did you mean X?)" for the closest of ``choices`` to a mistyped ``name``, else ""."""
    import difflib

    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def find_notebooks(folder: str | Path, only: list[str] | None = None) -> list[Path]:
    """The notebooks in ``folder`` in name order; ``only`` keeps those whose name starts with or
    contains one of the given names or fragments (``00``, ``casualty``, ``00_corpus_overview``)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ParameterError(f"notebooks folder not found: {folder}")
    books = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if only:
        keep = [p for p in books if any(matches(p.stem, o) for o in only)]
        missing = [o for o in only if not any(matches(p.stem, o) for p in books)]
        if missing:
            hints = "".join(nearest(o, [p.stem.split("_", 1)[-1] for p in books]) for o in missing)
            raise ParameterError(f"no notebook matches {missing}{hints}; available: {[p.stem for p in books]}")
        books = keep
    if not books:
        raise ParameterError(f"no notebooks in {folder}")
    return books


def declared_parameters(notebook: Path) -> dict[str, object]:
    """The parameters a notebook declares in its ``parameters`` cell, with their defaults."""
    import papermill as pm

    try:
        found = pm.inspect_notebook(str(notebook))
    except Exception as exc:  # unreadable JSON, no kernelspec...
        raise ParameterError(f"{notebook}: cannot read its parameters: {exc}") from exc
    return {name: spec.get("default") for name, spec in found.items()}


def plan(notebooks: list[Path], parameters: dict) -> dict[Path, dict]:
    """The parameters each notebook receives: those it declares.  A parameter declared by no
    notebook is a mistake (a typo, usually) and raises ParameterError naming it."""
    declared = {nb: declared_parameters(nb) for nb in notebooks}
    every = set().union(*declared.values())
    unknown = sorted(set(parameters) - every)
    if unknown:
        hints = "".join(nearest(u, every) for u in unknown)
        raise ParameterError(f"unknown parameter(s) {unknown}{hints}; the notebooks take: {sorted(every)}")
    parameters = {k: plain(v, k) for k, v in parameters.items()}
    return {nb: {k: v for k, v in parameters.items() if k in declared[nb]} for nb in notebooks}


def plain(value, name: str = "parameter"):
    """``value`` as the JSON-like data papermill can write into a notebook.

    YAML (``--param start_date=2024-01-01``, a ``--params`` file) reads a bare date as a date
    object: it becomes its ISO string again, which is what the notebooks take.  Paths become
    strings and tuples lists; anything else that is not plain data is refused by name."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(v, name) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v, f"{name}.{k}") for k, v in value.items()}
    raise ParameterError(f"{name}={value!r}: a {type(value).__name__} cannot be passed to a notebook "
                         "(use text, numbers, true/false, null, lists or mappings)")


def notebook_to_html(notebook_path: Path, html_path: Path, *, show_code: bool = False, title: str | None = None,
                     provenance: dict | None = None) -> Path:
    """Export an executed notebook as self-contained HTML that needs no network, readable on a
    phone, with its provenance and a table of contents at the top (``html.finish_report``)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook_path), as_version=4)
    exporter = HTMLExporter(template_name="lab", exclude_input=not show_code,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title or notebook_path.stem}})
    body = _REMOTE_LINK.sub("", _SCRIPT.sub("", body))
    return write_text(html_path, finish_report(body, provenance))


def render_one(notebook: Path, output_dir: Path, parameters: dict, *, show_code: bool = False,
               progress: bool = True, kernel: str = "python3", provenance: dict | None = None) -> Rendered:
    """Execute one notebook and export it; never raises for a failure inside the notebook."""
    import papermill as pm

    out_nb = output_dir / f"{notebook.stem}.ipynb"
    out_html = output_dir / f"{notebook.stem}.html"
    t0 = time.perf_counter()
    error = None
    with atomic_path(out_nb) as tmp:
        try:
            pm.execute_notebook(str(notebook), str(tmp), parameters=parameters, kernel_name=kernel,
                                cwd=str(notebook.parent), progress_bar=progress, log_output=False,
                                # every output is in hand when the last cell ends: no need to
                                # wait for a graceful kernel exit (saves ~1 s per notebook)
                                shutdown_kernel="immediate",
                                # the kernel runs on this machine's loopback only; its warning
                                # about unencrypted TCP would alarm every user for nothing
                                extra_arguments=["--IPKernelApp.log_level=ERROR"])
        except pm.PapermillExecutionError as exc:
            error = f"{exc.ename}: {exc.evalue} (cell {exc.exec_count})"
        except Exception as exc:  # kernel died, notebook unreadable...: still save what there is
            error = f"{type(exc).__name__}: {exc}"
            if not tmp.exists() or tmp.stat().st_size == 0:
                tmp.write_bytes(notebook.read_bytes())
            _prepend_error(tmp, error)  # no cell holds this error: the report must still say it
    html_path = None
    try:
        html_path = notebook_to_html(out_nb, out_html, show_code=show_code, provenance=provenance)
    except Exception as exc:  # an export failure is a failure of this report, not of the run
        error = error or f"HTML export failed: {type(exc).__name__}: {exc}"
    return Rendered(notebook.stem, error is None, time.perf_counter() - t0, parameters, html_path, out_nb, error)


def _prepend_error(notebook: Path, error: str) -> None:
    import nbformat

    try:
        nb = nbformat.read(str(notebook), as_version=4)
    except Exception:  # not even readable: the index and the exit status name the error
        return
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(
        f"**This report failed to render:** `{error.replace('`', chr(39))}`"))
    nbformat.write(nb, str(notebook))


def _render_job(args) -> Rendered:
    notebook, output_dir, params, show_code, progress, prov = args
    return render_one(notebook, output_dir, params, show_code=show_code, progress=progress, provenance=prov)


def render(notebooks_dir: str | Path = "notebooks", output_dir: str | Path = "outputs", parameters: dict | None = None,
           *, only: list[str] | None = None, show_code: bool = False, jobs: int = 1,
           workers: int | None = None, log=print) -> RenderResult:
    """Render every notebook (or ``only`` some) and write the index.  See the module docstring.

    The render holds a lock on ``output_dir`` (a second render into it stops with a message),
    writes into a fresh folder inside it, and then replaces each rendered report's files whole
    (see :func:`staged_output`): no figure or table of an earlier render survives beside new ones."""
    notebooks_dir, output_dir = Path(notebooks_dir).resolve(), Path(output_dir).resolve()
    parameters = dict(parameters or {})
    parameters.pop("output_dir", None)
    books = find_notebooks(notebooks_dir, only)
    plan(books, {**parameters, "output_dir": str(output_dir)})  # unknown parameters: refused here
    check_output_folder(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    jobs = max(1, min(jobs, len(books)))
    done: dict[str, Rendered] = {}

    def report(r: Rendered) -> None:
        done[r.name] = r
        status = "ok" if r.ok else f"FAILED: {r.error}"
        log(f"[{len(done)}/{len(books)}] {r.name}: {status} ({r.seconds:.1f} s)")

    with output_lock(output_dir), corpus_cache(output_dir), staged_output(output_dir) as stage:
        summary = _corpus_summary(parameters, log)
        check_parameters(parameters, summary)   # before any kernel starts
        if summary and "error" not in summary and not parameters.get("tables") \
                and any("tables" in declared_parameters(nb) for nb in books):
            extracted = _extract_once(parameters, workers, log)
            if extracted is not None:   # every table made once, for every notebook to read
                parameters = {**parameters, "tables": str(extracted)}
        per_book = plan(books, {**parameters, "output_dir": str(stage.folder)})
        common = provenance({**parameters, "output_dir": str(output_dir)}, summary)
        args = [(nb, stage.folder, per_book[nb], show_code, jobs == 1 and sys.stderr.isatty(),
                 {**common, "parameters": _shown_parameters(per_book[nb])}) for nb in books]
        log(f"rendering {len(books)} notebook(s) into {output_dir} ({jobs} at a time)")
        if jobs == 1:
            for a in args:
                log(f"  {a[0].stem}...")
                report(_render_job(a))
        else:
            _render_parallel(args, jobs, report, log)
        result = RenderResult([done[nb.stem] for nb in books], seconds=time.perf_counter() - started)
        index_params = {**parameters, "output_dir": str(output_dir)}
        result.index = write_index(stage.folder, result, index_params, summary, common)
        stage.publish([nb.stem for nb in books])
    for r in result.reports:   # where the files are now
        r.html = output_dir / r.html.name if r.html else None
        r.notebook = output_dir / r.notebook.name if r.notebook else None
    result.index = output_dir / result.index.name
    log(f"index: {result.index}")
    return result


def _render_parallel(args: list, jobs: int, report, log) -> None:
    """Render ``jobs`` notebooks at once; while they run, say every 15 s which are still running
    (a progress bar per notebook would interleave into nonsense)."""
    from ..progress import heartbeat

    with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent) as pool:
        futures = {pool.submit(_render_job, a): a[0].stem for a in args}
        pending = set(futures)

        def running(elapsed: float) -> str | None:
            waiting = sorted(futures[f] for f in pending)
            return f"  not finished yet: {', '.join(waiting)} ({elapsed:.0f} s)" if waiting else None
        with heartbeat(running, 15.0, log):
            for future in as_completed(futures):
                pending.discard(future)
                report(future.result())


@contextmanager
def corpus_cache(output_dir: Path) -> Iterator[Path]:
    """Point ``CONFLICTNEWS_CACHE`` at ``output_dir/.cache`` for this process and the kernels it
    starts, unless the user has chosen a cache folder already."""
    chosen = cache.cache_dir()
    if chosen is not None:
        yield chosen
        return
    folder = Path(output_dir) / ".cache"
    os.environ[cache.ENV] = str(folder)
    try:
        yield folder
    finally:
        os.environ.pop(cache.ENV, None)


SWEEPS = ("outlet", "year", "quarter", "month")


def sweep_groups(parameters: dict, by: str) -> list[tuple[str, str, dict]]:
    """(label, folder name, parameters) for each outlet or period of the corpus; the folder
    names are unique and readable (:func:`folder_names`)."""
    if by not in SWEEPS:
        raise ParameterError(f"sweep={by!r}: expected one of {', '.join(SWEEPS)}")
    if not parameters.get("corpus"):
        raise ParameterError("a sweep needs the corpus parameter")
    articles = _load(parameters).articles
    groups = []
    if by == "outlet":
        outlets = sorted(articles["outlet"].astype(str).unique())
        for outlet, slug in zip(outlets, folder_names(outlets, "outlet")):
            groups.append((outlet, slug, {"outlets": [outlet]}))
        return groups
    freq = {"year": "Y", "quarter": "Q", "month": "M"}[by]
    for period in sorted(articles["published"].dropna().dt.to_period(freq).unique()):
        start, end = period.start_time.date().isoformat(), period.end_time.date().isoformat()
        groups.append((str(period), str(period).lower(), {"start_date": start, "end_date": end}))
    undated = int(articles["published"].isna().sum())
    if undated:
        print(f"sweep by {by}: {undated} undated article(s) belong to no period and are left out")
    return groups


def render_sweep(notebooks_dir, output_dir, parameters: dict, by: str, **kwargs) -> list[tuple[str, RenderResult]]:
    """Render the reports once per outlet or period into ``output_dir/<by>/<group>/``, with an
    index of the groups at ``output_dir/<by>/index.html``."""
    log = kwargs.get("log", print)
    out = Path(output_dir).resolve() / by
    check_output_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    results = []
    with output_lock(out), corpus_cache(out):  # one snapshot of the corpus for every group
        groups = sweep_groups(parameters, by)
        for label, slug, extra in groups:
            log(f"== {by} {label}")
            results.append((label, render(notebooks_dir, out / slug, {**parameters, **extra}, **kwargs)))
    e = html.escape
    rows = "".join(
        f'<tr><td><a href="{e(slug)}/index.html">{e(label)}</a></td>'
        f'<td>{len(r.reports) - len(r.failed)} of {len(r.reports)} ok'
        f'{" — failed: " + e(", ".join(r.failed)) if r.failed else ""}</td></tr>'
        for (label, r), (_, slug, _) in zip(results, groups))
    write_text(out / "index.html", page(f"reports by {by}", f"""<h1>Reports by {e(by)}</h1>
<div class="cn-scroll"><table class="cn-table"><thead><tr><th>{e(by)}</th><th>reports</th></tr></thead>
<tbody>{rows}</tbody></table></div>"""))
    log(f"sweep index: {out / 'index.html'}")
    return results


def _load(parameters: dict, progress=None):
    """The corpus the notebooks will load, through the cache (so that they find it there)."""
    return cache.load_cached(parameters["corpus"], parameters.get("metadata") or None,
                             cleaning=parameters.get("cleaning_rules") or None, progress=progress,
                             date_format=parameters.get("date_format") or None)


def _corpus_summary(parameters: dict, log=print) -> dict | None:
    """Load the corpus once for the index (and, through the cache, for every notebook)."""
    from ..corpus.load import CorpusError

    if not parameters.get("corpus"):
        return None
    from ..progress import every

    t0 = time.perf_counter()
    log(f"corpus: loading {parameters['corpus']} (read once, then shared by every notebook)")
    try:
        summary = _load(parameters, progress=every(2.0, "  read {:,} inputs...", log)).summary()
    except (CorpusError, OSError, ValueError) as exc:  # each notebook will show the error too
        log(f"corpus: {exc}")
        return {"error": str(exc)}
    log(f"corpus: {summary['articles']} articles ready for the notebooks ({time.perf_counter() - t0:.1f} s)")
    return summary


def _extract_once(parameters: dict, workers: int | None, log=print) -> Path | None:
    """Every table of the corpus, made once before the notebooks start (the parse included, on
    every core or a local Dask cluster: ``pipeline.extract_corpus``), into a Parquet extract folder
    in the corpus cache that every notebook reads instead of computing again.  The folder is named
    after everything the tables depend on (the corpus files, the resources, the profile, the
    pipeline, the library), so a second render of the same corpus extracts nothing.  None (with
    the reason logged) when it cannot be made: the notebooks then compute what they need."""
    from ..corpus.load import CorpusError
    from ..extractors.registry import resources
    from ..nlp import ModelError
    from ..pipeline import extract_corpus
    from ..profiles import ProfileError

    options = {k: parameters.get(k) for k in resources() if parameters.get(k)}
    folder = cache.cache_dir()
    if folder is None:
        return None
    try:
        key = extract_key(parameters, options)
    except (OSError, ModelError) as exc:
        log(f"extract: not made ({exc}); each notebook computes its tables")
        return None
    out = folder / f"extract-{key}"
    if (out / "manifest.json").exists():
        log("extract: the tables of this corpus are already made (read from the cache)")
        return out
    t0 = time.perf_counter()
    log("extract: every table, once for every notebook")
    try:
        extract_corpus(parameters["corpus"], out, None, options, metadata=parameters.get("metadata") or None,
                       cleaning=parameters.get("cleaning_rules") or None,
                       date_format=parameters.get("date_format") or None, fmt="parquet",
                       profile=parameters.get("profile") or None, model=parameters.get("model") or None,
                       workers=workers, say=lambda msg: log(msg.replace("  extract: ", "extract: ")))
    except (CorpusError, ModelError, ProfileError, ValueError, OSError) as exc:
        log(f"extract: not made ({exc}); each notebook computes its tables")
        return None
    cache_prune(folder)
    log(f"extract: ready for the notebooks ({time.perf_counter() - t0:.1f} s)")
    return out


def extract_key(parameters: dict, options: dict) -> str:
    """A name for the extract of ``parameters``' corpus: everything its tables depend on."""
    import hashlib

    from .. import __version__
    from ..nlp import model_id

    h = hashlib.sha256(cache.corpus_key(parameters["corpus"], parameters.get("metadata") or None,
                                        parameters.get("cleaning_rules") or None,
                                        parameters.get("date_format") or None).encode())
    for name, value in sorted({**options, "profile": parameters.get("profile")}.items()):
        h.update(f"\0{name}={value}".encode())
        if value and Path(str(value)).is_file():
            st = Path(str(value)).stat()
            h.update(f"|{st.st_size}|{st.st_mtime_ns}".encode())
    h.update(f"\0{model_id(parameters.get('model') or None)}\0{__version__}".encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):   # the library itself: a changed rule makes new tables
        if path.suffix in (".py", ".yml", ".txt") and "__pycache__" not in path.parts:
            h.update(path.read_bytes())
    return h.hexdigest()[:24]


def cache_prune(folder: Path, keep: int = 2) -> None:
    """Keep the ``keep`` most recently made extract folders of a cache folder."""
    import shutil

    made = sorted((p for p in folder.glob("extract-*") if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in made[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def _shown_parameters(parameters: dict) -> dict:
    """A report's parameters as its provenance lists them (the corpus and output have their line)."""
    return {k: v for k, v in parameters.items() if k not in ("output_dir", "corpus")} or "defaults"


def write_index(output_dir: Path, result: RenderResult, parameters: dict, summary: dict | None,
                prov: dict | None = None) -> Path:
    """``index.html``: the reports, their parameters and status, the corpus summary, the provenance."""
    e = html.escape
    rows = []
    for r in result.reports:
        params = _shown_parameters(r.parameters)
        shown = "; ".join(f"{k} = {json.dumps(v, default=str, ensure_ascii=False)}" for k, v in params.items()) \
            if isinstance(params, dict) else params
        link = f'<a href="{e(r.html.name)}">{e(r.name)}</a>' if r.html else e(r.name)
        status = "ok" if r.ok else f'<span class="fail">failed: {e(r.error or "")}</span>'
        nb = f'<a href="{e(r.notebook.name)}">notebook</a>' if r.notebook else ""
        rows.append(f"<tr><td>{link}</td><td>{status}</td><td>{e(shown)}</td>"
                    f'<td class="cn-num">{r.seconds:.1f} s</td><td>{nb}</td></tr>')
    summary_html = ("".join(f"<tr><th>{e(str(k).replace('_', ' '))}</th><td>{e(_plain_value(v))}</td></tr>"
                            for k, v in summary.items())
                    if summary else "<tr><td>no corpus parameter</td></tr>")
    body = f"""<h1>conflictnews reports</h1>
{provenance_html(prov) if prov else ""}
<p>Rendered in {result.seconds:.1f} s. {len(result.reports) - len(result.failed)} of {len(result.reports)} reports rendered.
Figures are in <code>figures/</code> (PNG and SVG) and the data behind each one in <code>tables/</code> (CSV).</p>
<h2>Reports</h2>
<div class="cn-scroll"><table class="cn-table"><thead><tr><th>report</th><th>status</th><th>parameters</th><th class="cn-num">time</th><th>executed</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></div>
<h2>Corpus</h2>
<div class="cn-scroll"><table class="cn-table">{summary_html}</table></div>
<style>.fail {{ color: #b00020; font-weight: bold; }}</style>"""
    return write_text(output_dir / "index.html", page("conflictnews reports", body))


def _plain_value(value) -> str:
    """A summary value as a reader expects it: whole numbers with separators, none as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


# ---------------------------------------------------------------------------------------------
# Checked before any kernel starts


def check_output_folder(folder: Path) -> None:
    """An output folder that exists as a file is a mistake: say so before anything runs."""
    if folder.exists() and not folder.is_dir():
        raise ParameterError(f"output {folder} is a file, not a folder: choose another --output")


def check_parameters(parameters: dict, summary: dict | None) -> None:
    """The parameters that can be checked against the corpus, before any notebook runs: dates
    (readable, start not after end), outlets (in the corpus) and ``group_by`` (a grouping the
    keyness and rate functions know, or a column of the articles table).  Raises ParameterError
    naming the parameter; a corpus that did not load is left to the notebooks to report."""
    from ..corpus.dates import parse_date

    dates = {}
    for name in ("start_date", "end_date"):
        value = parameters.get(name)
        if value in (None, ""):
            continue
        dates[name] = parse_date(str(value))
        if dates[name] is None:
            raise ParameterError(f"{name}={value!r} is not a date (use YYYY-MM-DD)")
    if len(dates) == 2 and dates["start_date"] > dates["end_date"]:
        raise ParameterError(f"start_date={parameters['start_date']!r} is after end_date={parameters['end_date']!r}: "
                             "no article can match")
    if not summary or "error" in summary or not parameters.get("corpus"):
        return
    articles = _load(parameters).articles
    outlets = parameters.get("outlets")
    if outlets:
        wanted = [outlets] if isinstance(outlets, str) else list(outlets)
        known = set(articles["outlet"].astype(str))
        unknown = [o for o in wanted if str(o) not in known]
        if unknown:
            raise ParameterError(f"outlets={unknown!r} not in the corpus; its outlets: {sorted(known)}")
    group_by = parameters.get("group_by")
    if group_by not in (None, ""):
        from ..extractors.stance import RATE_BY

        columns = [c for c in articles.columns if c != "text"]
        if str(group_by) not in RATE_BY and str(group_by) not in columns:
            raise ParameterError(f"group_by={group_by!r}: expected one of {', '.join(RATE_BY)} or a column of the "
                                 f"articles table ({', '.join(columns)})")


# ---------------------------------------------------------------------------------------------
# One render at a time per output folder, written into a fresh folder, then put in place whole

LOCK_NAME = ".conflictnews-render.lock"
STAGE_PREFIX = ".render-"


class OutputBusy(ParameterError):
    """Another render is writing into the same output folder."""


@contextmanager
def output_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder/.conflictnews-render.lock`` for the whole render; raise :class:`OutputBusy`
    at once when another process holds it (two renders into one folder would mix their files).
    The lock is the operating system's (``flock``): it goes with the process, even after
    ``kill -9``, so it is never stale.  (Without ``fcntl``, as on Windows, there is no lock.)"""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 100, 0).decode(errors="replace").strip() or "another process"
            raise OutputBusy(f"another render (process {holder}) is writing into {folder}; wait for it to "
                             "finish, or choose another --output") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


class Stage:
    """A fresh folder inside the output folder that one render writes into."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.folder = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=output_dir))
        os.chmod(self.folder, 0o777 & ~_umask())

    def publish(self, reports: list[str]) -> None:
        """Put every file of the stage in place: for each report, its figures and tables folders
        replace the old ones whole (a report rendered with other parameters leaves nothing
        behind), its HTML and notebook replace the old ones; then the index."""
        for kind in ("figures", "tables"):
            for name in reports:
                _replace_tree(self.folder / kind / name, self.output_dir / kind / name)
        for path in sorted(self.folder.iterdir()):
            if path.is_file() and path.name != "index.html":
                os.replace(path, self.output_dir / path.name)
        index = self.folder / "index.html"
        if index.exists():
            os.replace(index, self.output_dir / "index.html")


@contextmanager
def staged_output(output_dir: Path) -> Iterator[Stage]:
    """A :class:`Stage` in ``output_dir``, removed on every way out (success, error, Ctrl-C,
    SIGTERM).  Stages left by a render that was killed (``kill -9``) are removed first: the
    caller holds the folder's lock, so no other render is using them."""
    for old in output_dir.glob(f"{STAGE_PREFIX}*"):
        shutil.rmtree(old, ignore_errors=True)
    stage = Stage(output_dir)
    try:
        with _terminate_as_exit():
            yield stage
    finally:
        shutil.rmtree(stage.folder, ignore_errors=True)


def _replace_tree(new: Path, old: Path) -> None:
    """``old`` replaced by ``new`` (a folder), or removed when ``new`` does not exist."""
    trash = None
    if old.exists():
        trash = old.with_name(f"{STAGE_PREFIX}old-{old.name}-{os.getpid()}")
        shutil.rmtree(trash, ignore_errors=True)
        os.rename(old, trash)
    if new.exists():
        old.parent.mkdir(parents=True, exist_ok=True)
        os.rename(new, old)
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """SIGTERM (``kill``) raises SystemExit in the main thread for the duration, so that clean-up
    runs as for Ctrl-C; the handler before is put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def die_with_parent(interval: float = 0.5) -> None:
    """Run in each worker process: a thread that watches the process that started it and, when
    that one is gone (even after ``kill -9``), interrupts the worker (its clean-up runs, its
    kernel sees its own parent go and stops) and ends it a few seconds later at the latest."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def folder_names(labels: list[str], fallback: str = "group") -> list[str]:
    """A folder name for each label: lower case, Unicode letters and digits kept (an Arabic or
    Hebrew outlet keeps its name), every other run of characters one "-", at most 60
    characters; labels that give the same name (ignoring case: "Al Jazeera" and "al-jazeera")
    get "-2", "-3"... in the order given."""
    names, taken = [], set()
    for label in labels:
        base = unicodedata.normalize("NFC", str(label)).lower()
        base = re.sub(r"[\W_]+", "-", base).strip("-")[:60].strip("-") or fallback
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.casefold())
        names.append(name)
    return names
