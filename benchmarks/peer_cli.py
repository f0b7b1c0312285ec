"""What the peer-data evaluations (evaluate_news_dev.py, evaluate_quotes.py, evaluate_actors.py)
share on the command line: where the data is, where the misses go, and the user's resource files
passed to ``conflictnews.extractors.tables`` (so a new gazetteer or rule file can be measured
before it is shipped)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT.parent / "shared" / "peer"
OUT = ROOT / "outputs" / "evaluation"
RESOURCE_OPTIONS = ("gazetteer", "lexicon", "casualty_rules", "victim_rules")


def parser(doc: str, dataset: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=PEER / dataset, help=f"the {dataset} folder (default {PEER / dataset})")
    ap.add_argument("--out", type=Path, default=OUT,
                    help=f"folder for the CSVs of matches and misses (default {OUT}, git-ignored)")
    ap.add_argument("--show", type=int, default=5, help="print this many misses of each kind (default 5)")
    for opt in RESOURCE_OPTIONS:
        ap.add_argument("--" + opt.replace("_", "-"), default=None, help=f"your own {opt} file (default: shipped)")
    return ap


def options(args: argparse.Namespace) -> dict:
    """The resource options for ``tables(corpus, names, **options)``."""
    return {k: getattr(args, k) for k in RESOURCE_OPTIONS if getattr(args, k)}


def start(doc: str, dataset: str, loader, argv=None):
    """Parse the command line and load the data set with ``loader(folder)``; exits with status 2
    and the loader's message (which file is missing, where the data comes from) if it cannot."""
    from conflictnews.analysis.evaluation import PeerDataError

    args = parser(doc, dataset).parse_args(argv)
    try:
        return args, loader(args.data)
    except PeerDataError as exc:
        print(f"{Path(sys.argv[0]).stem}: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def heading(title: str) -> None:
    print("\n" + "=" * 78 + f"\n{title}\n" + "=" * 78, flush=True)


def show(frame, title: str, columns: list[str], n: int) -> None:
    """Print the first ``n`` rows of ``frame`` (the misses of one kind), one per line."""
    if n <= 0 or frame.empty:
        return
    print(f"\n-- {min(n, len(frame))} of {len(frame)} {title}:")
    for row in frame[columns].head(n).itertuples(index=False):
        print("  * " + " | ".join("" if v is None else str(v) for v in row))


def indent(text: str) -> str:
    return "  " + str(text).replace("\n", "\n  ")
