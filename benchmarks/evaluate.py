#!/usr/bin/env python3
"""Evaluation against the peer data in ../shared/peer (a report, not a pass/fail gate).

Runs each evaluation script in this folder in turn and prints its figures:
  evaluate_casualties.py  casualty claims on Jackson's hand-tagged death sentences (recall of
                          `killed` claims, agreement of the claim's side with the hand-tagged side)
  evaluate_deaths.py      death-mention victim side and voice on the same sentences (accuracy per
                          class, confusion matrix, deaths per mention)
  evaluate_news_dev.py    news_dev: casualty figures (precision and recall of (value, outcome),
                          qualifier and side agreement, per conflict), victim side of claims and
                          death mentions per conflict, actors of sentences and main actors of
                          articles, quotes (speaker, direct/indirect)
  evaluate_quotes.py      PolNeAR development split: quote F1 at 30% span overlap (speech-act
                          cues), speaker accuracy
  evaluate_actors.py      re3d (CENTCOM, State Department): recall and precision of named persons
                          and organisations
  evaluate_sides.py       victim side on news_dev (several wars): profile chosen per page and
                          article, side agreement with the annotation, confusion matrix per profile

    python benchmarks/evaluate.py [--out DIR]

The last three write their matches and misses as CSV into --out (default outputs/evaluation/,
git-ignored), which 04_error_analysis lists.  Without the peer data it says which public data is
needed, where it comes from and where to put it, and exits 2 before printing any heading.  Exits
non-zero if any script could not run, after running the others.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "outputs" / "evaluation"
SCRIPTS = ["evaluate_casualties.py", "evaluate_deaths.py", "evaluate_sides.py"]
WRITING = ["evaluate_news_dev.py", "evaluate_quotes.py", "evaluate_actors.py"]  # these take --out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT, help=f"folder for the CSVs of misses (default {OUT})")
    args = ap.parse_args(argv)
    from conflictnews.analysis.evaluation import PEER_DATA, missing_peer_data

    default = HERE.parent.parent / "shared" / "peer" / "jackson_death_mentions"
    missing = missing_peer_data(default)
    if missing:
        print(f"make evaluate: no peer data in {default} (missing: {', '.join(missing)}).\n\n{PEER_DATA}",
              file=sys.stderr)
        return 2
    failed = []
    for script in SCRIPTS + WRITING:
        print(f"\n===== {script} =====", flush=True)
        extra = ["--out", str(args.out)] if script in WRITING else []
        began = time.perf_counter()
        if subprocess.run([sys.executable, str(HERE / script), *extra]).returncode:
            failed.append(script)
        print(f"({script}: {time.perf_counter() - began:.1f} s)", flush=True)
    if failed:
        print(f"\ncould not complete: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
