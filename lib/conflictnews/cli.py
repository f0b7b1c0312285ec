"""``conflictnews``: render the reports, or write the tidy tables of a corpus.

    conflictnews render [--corpus DIR] [--param key=value ...] [--params params.yml] [--only casualty]
    conflictnews extract CORPUS --out DIR [--metadata metadata.csv] [--tables claims,mentions] [--profile sudan]
    conflictnews gazetteer suggest CORPUS [--out actors_draft.yml] [--gazetteer FILE]

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
    from .reports.render import ParameterError, path_parameters, render, render_sweep

    _csv_bom(args)
    params: dict = {}
    for f in args.params or []:
        params.update(_params_file(f))
    params.update(dict(args.param or []))
    try:
        output = _one_value(params, "output_dir", args.output, "--output", "outputs")
        _one_value(params, "corpus", args.corpus, "--corpus", str(bundled("seeds")))
        _one_value(params, "metadata", args.metadata, "--metadata", None)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.model:
        params["model"] = args.model
    for key in path_parameters():  # notebooks run in notebooks/: pass paths that hold there
        if isinstance(params.get(key), str) and params[key]:
            if not Path(params[key]).exists():
                print(f"error: {key}={params[key]!r}: no such file or folder", file=sys.stderr)
                return 2
            params[key] = _abs(params[key])
    prof = params.get("profile")   # a shipped profile's name, or a file (resolved like the paths above)
    if isinstance(prof, str) and prof and Path(prof).suffix in (".yml", ".yaml"):
        if not Path(prof).exists():
            print(f"error: profile={prof!r}: no such file", file=sys.stderr)
            return 2
        params["profile"] = _abs(prof)
    options = dict(only=args.only, show_code=args.show_code, jobs=args.jobs, workers=args.workers)
    try:
        if args.sweep:
            runs = render_sweep(args.notebooks, output, params, args.sweep, **options)
        else:
            runs = [("", render(args.notebooks, output, params, **options))]
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = [f"{label + ': ' if label else ''}{name}" for label, r in runs for name in r.failed]
    if failed:
        print(f"error: {len(failed)} report(s) failed: {', '.join(failed)} "
              f"(each is saved with its error under {output}/)", file=sys.stderr)
        return 1
    return 0


def _one_value(params: dict, key: str, flag_value, flag: str, default):
    """``params[key]`` set from the command-line flag or the parameter, whichever was given, else
    ``default`` (None: left unset); both given with different values is an error (one would be
    ignored without a word).  Returns the value."""
    given = params.get(key)
    if flag_value is not None and given not in (None, "") and not _same_path(given, flag_value):
        raise ValueError(f"{flag} {flag_value!r} and --param {key}={given!r} disagree: give it once")
    value = flag_value if flag_value is not None else (given if given not in (None, "") else default)
    if value is not None:
        params[key] = value
    return value


def _same_path(a, b) -> bool:
    return str(a) == str(b) or Path(str(a)).resolve() == Path(str(b)).resolve()


def _every(seconds: float, template: str):
    """A progress callback that prints ``template.format(count)`` at most every ``seconds``."""
    import time
def bundled(name: str) -> Path:
    """A folder shipped inside the package (``notebooks``, ``seeds``): in the repository these
    are links to the top-level folders, in an installed package copies of them."""
    return Path(__file__).resolve().parent / name


def _csv_bom(args) -> None:
    """Pass the CSV byte-order-mark choice to everything that writes CSV (the kernels too)."""
    from .files import BOM_ENV

    os.environ[BOM_ENV] = "1" if args.csv_bom else "0"


def cmd_extract(args) -> int:
    from .corpus import CorpusError
    from .corpus.sources import ColumnError
    from .extractors.registry import resources
    from .nlp import ModelError
    from .pipeline import extract_corpus
    from .profiles import ProfileError

    _csv_bom(args)
    tables = [t.strip() for t in args.tables.split(",")] if args.tables else None
    options = {k: getattr(args, k) for k in resources()}
    try:
        done = extract_corpus(args.corpus, args.out, tables, options, metadata=args.metadata, cleaning=args.cleaning,
                              columns=args.columns, date_format=args.date_format, fmt=args.format,
                              profile=args.profile, model=args.model,
                              workers=args.workers,
                              scheduler=args.scheduler, partition_size=args.partition_size, raw=args.raw_csv,
                              say=lambda msg: print(msg, flush=True))
    except (CorpusError, ColumnError, ValueError, ModelError, ProfileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{done['articles']:,} articles loaded from {args.corpus} in {done['partitions']} partition(s) "
          f"({done['backend']}; {done['seconds']:.1f} s)")
    for name, path in done["tables"].items():
        print(f"  {name}: {path}")
    print("\n".join(done["profiles"]))
    skipped = done["skipped"]
    if len(skipped):
        shown = 50
        print(f"{(skipped.status == 'skipped').sum()} input(s) skipped and {(skipped.status == 'warning').sum()} "
              f"warning(s); see {done['tables'].get('skipped', 'the skipped table')}:")
        for row in skipped.head(shown).itertuples():
            print(f"  {row.status}: {row.source}: {row.reason}")
        if len(skipped) > shown:
            print(f"  ... and {len(skipped) - shown} more")
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
                        help="processes that parse and extract (default: every core)")


def build_parser() -> argparse.ArgumentParser:
    from .extractors.registry import resources, table_names
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
    r.add_argument("--output", help="output folder (default: ./outputs; or --param output_dir=...)")
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
    _add_nlp_options(r)
    r.add_argument("--csv-bom", **csv_bom)
    r.set_defaults(func=cmd_render)

    x = sub.add_parser("extract", help="write the tidy tables of a corpus (CSV or Parquet)")
    x.add_argument("corpus", help="folder of .txt files (with metadata.csv), a .jsonl or .csv file (optionally .gz, "
                                  ".bz2, .xz), a .parquet file or folder, or a quoted glob ('exports/*.jsonl.gz')")
    x.add_argument("--out", required=True, help="output folder for the tables")
    x.add_argument("--format", choices=["csv", "parquet"], default="csv",
                   help="csv (default: one file per table) or parquet (one folder of parts per table, for large "
                        "corpora)")
    x.add_argument("--columns", help="your column names for ours, e.g. outlet=source_name,published=pubdate "
                                     "(MediaCloud's publish_date, media_name and stories_id are known)")
    x.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786; default: "
                                       "$DASK_SCHEDULER_ADDRESS, else the local cores)")
    x.add_argument("--partition-size", type=int, default=500, metavar="N",
                   help="articles per partition, the unit of work of each worker (default: 500)")
    x.add_argument("--metadata", help="metadata CSV (default: metadata.csv in the corpus folder)")
    x.add_argument("--cleaning", help="your own cleaning rules (YAML)")
    x.add_argument("--tables", help=f"comma-separated subset of tables (default: all: {', '.join(table_names())})")
    for r in resources().values():  # every resource an extractor declares (extractors/registry.py)
        x.add_argument(r.flag, dest=r.option, metavar="FILE.yml",
                       help=f"your own {r.default}: {r.help}")
    _add_nlp_options(x)
    x.add_argument("--profile", help="a conflict profile for every article: a shipped name (israel-gaza, "
                                     "russia-ukraine, sudan, generic) or your own file; default: each "
                                     "article gets the profile whose places and parties it names")
    x.add_argument("--raw-csv", dest="raw_csv", action="store_true",
                   help="write cells as they are, for programs (default: a cell a spreadsheet would run as a "
                        "formula, starting with = + - @, gets a ' before it)")
    x.add_argument("--date-format", dest="date_format",
                   help="how to read numeric dates such as 11/10/2023: day-first, month-first or a strftime "
                        "format (%%d/%%m/%%Y); without it a date that reads both ways is a warning, not a guess")
    x.add_argument("--csv-bom", **csv_bom)
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
