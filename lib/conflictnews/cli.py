"""``conflictnews``: render the reports, or write the tidy tables of a corpus.

    conflictnews render [--corpus DIR] [--param key=value ...] [--params params.yml] [--only casualty]
    conflictnews extract CORPUS --out DIR [--metadata metadata.csv] [--tables claims,mentions]

Works from any folder: the notebooks and the seed corpus ship inside the package, and the
reports are written to ``./outputs`` unless ``--output`` says otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml


def _param(text: str) -> tuple[str, object]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"--param {text!r}: expected key=value")
    key, value = text.split("=", 1)
    try:  # YAML gives numbers, lists ("[a, b]"), null and booleans their types
        parsed = yaml.safe_load(value) if value else None
    except yaml.YAMLError:
        parsed = value
    return key.strip(), parsed


def _params_file(path: str) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"--params {path}: cannot read parameters: {exc}") from exc
    if not isinstance(data, dict):
        raise SystemExit(f"--params {path}: expected a mapping of parameter: value")
    return data


def _abs(value):
    return str(Path(value).resolve()) if value not in (None, "") else None


def cmd_render(args) -> int:
    from .reports.render import PATH_PARAMETERS, ParameterError, render, render_sweep

    _csv_bom(args)
    params: dict = {}
    for f in args.params or []:
        params.update(_params_file(f))
    params.update(dict(args.param or []))
    params.setdefault("corpus", args.corpus or str(bundled("seeds")))
    if args.metadata:
        params["metadata"] = args.metadata
    for key in PATH_PARAMETERS:  # notebooks run in notebooks/: pass paths that hold there
        if isinstance(params.get(key), str) and params[key]:
            if not Path(params[key]).exists():
                print(f"error: {key}={params[key]!r}: no such file or folder", file=sys.stderr)
                return 2
            params[key] = _abs(params[key])
    options = dict(only=args.only, show_code=args.show_code, jobs=args.jobs)
    try:
        if args.sweep:
            runs = render_sweep(args.notebooks, args.output, params, args.sweep, **options)
        else:
            runs = [("", render(args.notebooks, args.output, params, **options))]
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = [f"{label + ': ' if label else ''}{name}" for label, r in runs for name in r.failed]
    if failed:
        print(f"error: {len(failed)} report(s) failed: {', '.join(failed)} "
              f"(each is saved with its error under {args.output}/)", file=sys.stderr)
        return 1
    return 0


def bundled(name: str) -> Path:
    """A folder shipped inside the package (``notebooks``, ``seeds``): in the repository these
    are links to the top-level folders, in an installed package copies of them."""
    return Path(__file__).resolve().parent / name


def _csv_bom(args) -> None:
    """Pass the CSV byte-order-mark choice to everything that writes CSV (the kernels too)."""
    from .files import BOM_ENV

    os.environ[BOM_ENV] = "1" if args.csv_bom else "0"


def cmd_extract(args) -> int:
    from .corpus.load import CorpusError, load_corpus
    from .extractors.registry import OPTIONS, extract
    from .progress import every

    _csv_bom(args)
    try:
        corpus = load_corpus(args.corpus, args.metadata, cleaning=args.cleaning, date_format=args.date_format,
                             progress=every(2.0, "  read {:,} inputs...", lambda m: print(m, flush=True)))
    except (CorpusError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    tables = [t.strip() for t in args.tables.split(",")] if args.tables else None
    print(f"{len(corpus)} articles loaded from {args.corpus}")
    try:
        options = {k: getattr(args, k) for k in OPTIONS}
        extract(corpus, args.out, tables, options, progress=lambda msg: print(f"  {msg}"))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    skipped = corpus.skipped
    if len(skipped):
        print(f"{(skipped.status == 'skipped').sum()} input(s) skipped and {(skipped.status == 'warning').sum()} "
              f"warning(s); see {Path(args.out) / 'skipped.csv'}:")
        for row in skipped.itertuples():
            print(f"  {row.status}: {row.source}: {row.reason}")
    print(f"tables written to {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="conflictnews", description=__doc__.split("\n")[0])
    p.add_argument("--version", action="version", version=f"conflictnews {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    csv_bom = dict(action=argparse.BooleanOptionalAction, default=True,
                   help="start CSV files with a UTF-8 byte-order mark, so that Excel reads accents and curly "
                        "quotes right (default: on; --no-csv-bom for programs that do not expect one)")

    r = sub.add_parser("render", help="run every notebook with papermill and export HTML reports")
    r.add_argument("--corpus", help="folder of .txt files, .jsonl or .csv (default: the seed corpus shipped "
                                    "with the package)")
    r.add_argument("--metadata", help="metadata CSV (default: metadata.csv in the corpus folder)")
    r.add_argument("--notebooks", default=str(bundled("notebooks")),
                   help="folder of notebooks (default: the ones shipped with the package)")
    r.add_argument("--output", default="outputs", help="output folder (default: ./outputs)")
    r.add_argument("--only", nargs="+", metavar="NAME",
                   help="render only these notebooks: a number or a fragment of the name (00, casualty)")
    r.add_argument("--param", "-p", action="append", type=_param, metavar="KEY=VALUE",
                   help="a notebook parameter (YAML value: 10, [a, b], null); repeatable")
    r.add_argument("--params", action="append", metavar="FILE.yml", help="parameters from a YAML mapping")
    r.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML")
    r.add_argument("--sweep", choices=["outlet", "year", "quarter", "month"],
                   help="render once per outlet or period, into OUTPUT/<sweep>/<group>/")
    r.add_argument("--jobs", "-j", type=int, default=min(2, os.cpu_count() or 1),
                   help="notebooks rendered at once (default: 2; 1 on a one-CPU machine)")
    r.add_argument("--csv-bom", **csv_bom)
    r.set_defaults(func=cmd_render)

    x = sub.add_parser("extract", help="write the tidy tables of a corpus as CSV")
    x.add_argument("corpus", help="folder of .txt files (with metadata.csv), a .jsonl or a .csv file")
    x.add_argument("--out", required=True, help="output folder for the CSV tables")
    x.add_argument("--metadata", help="metadata CSV (default: metadata.csv in the corpus folder)")
    x.add_argument("--cleaning", help="your own cleaning rules (YAML)")
    x.add_argument("--date-format", dest="date_format",
                   help="how to read numeric dates such as 11/10/2023: day-first, month-first or a strftime "
                        "format (%%d/%%m/%%Y); without it a date that reads both ways is a warning, not a guess")
    x.add_argument("--tables", help="comma-separated subset of tables (default: all)")
    x.add_argument("--gazetteer", help="your own actors file (YAML), for mentions and quotes")
    x.add_argument("--lexicon", help="your own stance lexicon (YAML)")
    x.add_argument("--casualty-rules", dest="casualty_rules", help="your own casualty rules (YAML)")
    x.add_argument("--victim-rules", dest="victim_rules", help="your own victim-side and voice rules (YAML)")
    x.add_argument("--csv-bom", **csv_bom)
    x.set_defaults(func=cmd_extract)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
