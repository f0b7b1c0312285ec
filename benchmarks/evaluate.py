#!/usr/bin/env python3
"""Evaluation against the peer data in ../shared/peer (a report, not a pass/fail gate).

Runs each evaluation script in this folder in turn and prints its figures:
  evaluate_casualties.py  casualty claims on hand-tagged death sentences (recall of `killed`
                          claims, agreement of the claim's side with the hand-tagged victim side)
  evaluate_deaths.py      death-mention victim side and voice (accuracy per class, confusion
                          matrix, deaths per mention)
  evaluate_sides.py       victim side on news_dev (several wars): profile chosen per page and
                          article, side agreement with the annotation, confusion matrix per profile
Exits non-zero if any of them could not run (the peer data is missing, usually).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["evaluate_casualties.py", "evaluate_deaths.py", "evaluate_sides.py"]


def main() -> int:
    failed = []
    for script in SCRIPTS:
        print(f"\n===== {script} =====", flush=True)
        if subprocess.run([sys.executable, str(HERE / script), *sys.argv[1:]]).returncode:
            failed.append(script)
    if failed:
        print(f"\ncould not complete: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
