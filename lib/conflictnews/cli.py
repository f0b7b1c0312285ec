"""``conflictnews``: render the reports, or write the tidy tables of a corpus.

    conflictnews render [--corpus seeds] [--param key=value ...] [--params params.yml] [--only 01]
    conflictnews extract CORPUS --out DIR [--metadata metadata.csv] [--tables claims,mentions]
    conflictnews gazetteer suggest CORPUS [--out actors_draft.yml] [--gazetteer FILE]
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
    from .reports.render import ParameterError, path_parameters, render, render_sweep

    params: dict = {}
    for f in args.params or []:
        params.update(_params_file(f))
    params.update(dict(args.param or []))
    params.setdefault("corpus", args.corpus)
    if args.metadata:
        params["metadata"] = args.metadata
    if args.model:
        params["model"] = args.model
    for key in path_parameters():  # notebooks run in notebooks/: pass paths that hold there
        if isinstance(params.get(key), str) and params[key]:
            if not Path(params[key]).exists():
                print(f"error: {key}={params[key]!r}: no such file or folder", file=sys.stderr)
                return 2
            params[key] = _abs(params[key])
    options = dict(only=args.only, show_code=args.show_code, jobs=args.jobs, workers=args.workers)
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


def _every(seconds: float, template: str):
    """A progress callback that prints ``template.format(count)`` at most every ``seconds``."""
    import time

    last = [time.monotonic()]

    def report(count: int) -> None:
        now = time.monotonic()
        if now - last[0] >= seconds:
            last[0] = now
            print(template.format(count), flush=True)
    return report


def cmd_extract(args) -> int:
    from .corpus import CorpusError, load_corpus
    from .extractors.registry import resources, write_tables
    from .nlp import ModelError, printer

    try:
        corpus = load_corpus(args.corpus, args.metadata, cleaning=args.cleaning, progress=_every(2.0, "  read {:,} inputs..."))
    except (CorpusError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    tables = [t.strip() for t in args.tables.split(",")] if args.tables else None
    print(f"{len(corpus)} articles loaded from {args.corpus}")
    try:
        options = {k: getattr(args, k) for k in resources()}
        write_tables(corpus, args.out, tables, options, model=args.model, workers=args.workers,
                     progress=lambda msg: print(f"  {msg}"), parse_progress=printer("  parse", stream=sys.stdout))
    except (ValueError, ModelError) as exc:
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


def cmd_suggest(args) -> int:
    from .analysis.suggest import write_draft
    from .corpus import CorpusError, load_corpus
    from .nlp import ModelError
    from .resources import ResourceError

    try:
        corpus = load_corpus(args.corpus, args.metadata)
        table = write_draft(corpus, args.out, args.gazetteer, min_mentions=args.min_mentions,
                            examples=args.examples, model=args.model, source=str(args.corpus))
    except (CorpusError, ResourceError, ModelError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{len(table)} actor(s) the gazetteer does not know, most mentioned first, written to {args.out}")
    for r in table.head(10).itertuples():
        print(f"  {r.mentions:5d}  {r.name} ({r.kind})" + (f"  also: {', '.join(r.aliases[:4])}" if r.aliases else ""))
    if len(table):
        print(f"review it (affiliation, kind, what is not an actor), then pass it back: --gazetteer {args.out}")
    return 0


def _add_nlp_options(parser: argparse.ArgumentParser) -> None:
    from .nlp import DEFAULT_MODEL

    parser.add_argument("--model", default=None,
                        help=f"spaCy pipeline that parses the corpus (default: {DEFAULT_MODEL}; "
                             "an installed en_core_web_md/_lg/_trf or any installed pipeline)")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes that parse the corpus (default: every core)")


def build_parser() -> argparse.ArgumentParser:
    from .extractors.registry import resources, table_names

    p = argparse.ArgumentParser(prog="conflictnews", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("render", help="run every notebook with papermill and export HTML reports")
    r.add_argument("--corpus", default="seeds", help="folder of .txt files, .jsonl or .csv (default: seeds)")
    r.add_argument("--metadata", help="metadata CSV (default: metadata.csv in the corpus folder)")
    r.add_argument("--notebooks", default="notebooks", help="folder of notebooks (default: notebooks)")
    r.add_argument("--output", default="outputs", help="output folder (default: outputs)")
    r.add_argument("--only", nargs="+", metavar="NAME", help="render only these notebooks (e.g. 00 01)")
    r.add_argument("--param", "-p", action="append", type=_param, metavar="KEY=VALUE",
                   help="a notebook parameter (YAML value: 10, [a, b], null); repeatable")
    r.add_argument("--params", action="append", metavar="FILE.yml", help="parameters from a YAML mapping")
    r.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML")
    r.add_argument("--sweep", choices=["outlet", "year", "quarter", "month"],
                   help="render once per outlet or period, into OUTPUT/<sweep>/<group>/")
    r.add_argument("--jobs", "-j", type=int, default=min(2, os.cpu_count() or 1),
                   help="notebooks rendered at once (default: 2; 1 on a one-CPU machine)")
    _add_nlp_options(r)
    r.set_defaults(func=cmd_render)

    x = sub.add_parser("extract", help="write the tidy tables of a corpus as CSV")
    x.add_argument("corpus", help="folder of .txt files (with metadata.csv), a .jsonl or a .csv file")
    x.add_argument("--out", required=True, help="output folder for the CSV tables")
    x.add_argument("--metadata", help="metadata CSV (default: metadata.csv in the corpus folder)")
    x.add_argument("--cleaning", help="your own cleaning rules (YAML)")
    x.add_argument("--tables", help=f"comma-separated subset of tables (default: all: {', '.join(table_names())})")
    for r in resources().values():  # every resource an extractor declares (extractors/registry.py)
        x.add_argument(r.flag, dest=r.option, metavar="FILE.yml",
                       help=f"your own {r.default}: {r.help}")
    _add_nlp_options(x)
    x.set_defaults(func=cmd_extract)

    g = sub.add_parser("gazetteer", help="work with the actor gazetteer")
    gsub = g.add_subparsers(dest="action", required=True)
    gs = gsub.add_parser("suggest", help="write a YAML draft of the actors a corpus names that the gazetteer does "
                                         "not know, most mentioned first, to review and pass back with --gazetteer")
    gs.add_argument("corpus", help="folder of .txt files (with metadata.csv), a .jsonl or a .csv file")
    gs.add_argument("--out", default="actors_draft.yml", help="the draft to write (default: actors_draft.yml)")
    gs.add_argument("--metadata", help="metadata CSV (default: metadata.csv in the corpus folder)")
    gs.add_argument("--gazetteer", metavar="FILE.yml", help="the gazetteer to compare with (default: the shipped one)")
    gs.add_argument("--min-mentions", type=int, default=1, help="leave out actors named fewer times (default 1)")
    gs.add_argument("--examples", type=int, default=2, help="example sentences per actor (default 2)")
    _add_nlp_options(gs)
    gs.set_defaults(func=cmd_suggest)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
