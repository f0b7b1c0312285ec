#!/usr/bin/env python3
"""Evaluation against the peer data in ../shared/peer (a report, not a pass/fail gate).

Runs each evaluation script in this folder in turn and prints its figures:
  evaluate_casualties.py  casualty claims on hand-tagged death sentences (recall of `killed`
                          claims, agreement of the claim's side with the hand-tagged victim side)
  evaluate_deaths.py      death-mention victim side and voice (accuracy per class, confusion
                          matrix, deaths per mention)
Without the peer data it says which public data is needed, where it comes from and where to put
it, and exits 2 before printing any heading.  Exits non-zero if any script could not run.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["evaluate_casualties.py", "evaluate_deaths.py"]


def main() -> int:
    from conflictnews.analysis.evaluation import PEER_DATA, missing_peer_data

    default = HERE.parent.parent / "shared" / "peer" / "jackson_death_mentions"
    missing = missing_peer_data(default)
    if missing and not sys.argv[1:]:
        print(f"make evaluate: no peer data in {default} (missing: {', '.join(missing)}).\n\n{PEER_DATA}",
              file=sys.stderr)
        return 2
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
