"""Evaluate casualty-claim extraction on hand-tagged death-mention sentences.

Data: ``../shared/peer/jackson_death_mentions/`` (Holly Jackson's Washington Post and Wall Street
Journal sentences, 7-22 October 2023, each reporting a death, with the victim side tagged by hand:
israel / palestine / both).  Not copied into the project; pass another folder with --data.

It prints, per newspaper and overall:

* how many sentences contain a death figure, by a simple criterion independent of the extractor:
  a number (digits such as "900" or "1,300", or a number word: "dozens", "hundreds", "thousands",
  "hundred", "thousand", "million") at most 6 words away from a death word (killed, kill(s/ing),
  dead, died, die, deaths, death toll, slain, massacred, murdered, lives, bodies, perished);
  years (1900-2099) do not count;
* recall: how often such a sentence yields at least one ``killed`` claim;
* side agreement: for sentences tagged israel or palestine that yield killed claims, how often
  the claims' side matches (israel -> israeli, palestine -> palestinian); a sentence whose claims
  have different sides counts as agreeing if any claim matches, and is also counted as mixed;
  'unknown' is reported apart (no side is not a wrong side); sentences tagged ``both``: the
  distribution of claim sides.

It is a report, not a gate: the exit status is 0 unless the data is missing.

    python benchmarks/evaluate_casualties.py [--data DIR] [--show N]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from conflictnews.analysis.evaluation import PEER_FILES, PeerDataError, claim_side_agreement, claims_on_peer, load_peer

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "peer" / "jackson_death_mentions"
TAG = {"israeli": "israel", "palestinian": "palestine"}  # the hand tags, as the data writes them


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else f"{a}/0 (n/a)"


def report(res: pd.DataFrame, label: str) -> None:
    fig = res[res["figure"]]
    hit = fig[fig["claims"] > 0]
    print(f"\n== {label}: {len(res)} sentences")
    print(f"sentences with a death figure (independent criterion): {pct(len(fig), len(res))}")
    print(f"  ... yielding a killed claim (recall):                 {pct(len(hit), len(fig))}")
    extra = res[(~res["figure"]) & (res["claims"] > 0)]
    print(f"sentences without a death figure yielding a killed claim: {len(extra)}")
    agreement = claim_side_agreement(res)
    n, agree, unknown, wrong = (agreement[k] for k in ("sentences", "agree", "unknown", "wrong"))
    print(f"side, sentences tagged israel/palestine with killed claims: {n}")
    print(f"  agree: {pct(agree, n)}; side unknown: {pct(unknown, n)}; wrong side: {pct(wrong, n)}; "
          f"another nationality (\"30 Americans\"): {pct(agreement['nationality'], n)}; "
          f"both sides added up: {pct(agreement['both'], n)}; "
          f"(mixed sides within a sentence: {agreement['mixed']})")
    decided = agree + wrong
    print(f"  agreement where a side was given: {pct(agree, decided)}")
    tagged = res[(res["claims"] > 0)]
    for gold, cat in TAG.items():
        sub = tagged[tagged["gold"] == gold]
        c = Counter(s for sides in sub["sides"] for s in sides)
        print(f"  tagged {cat:9s}: claim sides {dict(sorted(c.items()))}")
    both = res[(res["claims"] > 0) & (res["gold"] == "both")]
    c = Counter(s for sides in both["sides"] for s in sides)
    print(f"sentences tagged both with killed claims: {len(both)}; claim sides {dict(sorted(c.items()))}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT, help=f"folder with the tagged CSVs (default {DEFAULT})")
    ap.add_argument("--show", type=int, default=0, help="print this many missed and wrong-side sentences")
    ap.add_argument("--profile", default="israel-gaza",
                    help="the conflict profile (default israel-gaza: the data's war; its excerpts are too "
                         "short to choose one from)")
    args = ap.parse_args(argv)
    try:
        res = claims_on_peer(load_peer(args.data), profile=args.profile)
    except PeerDataError as exc:
        print(f"evaluate_casualties: {exc}. Check out ../shared next to the project or pass --data DIR.",
              file=sys.stderr)
        return 2
    for outlet in PEER_FILES:
        report(res[res["outlet"] == outlet], outlet)
    report(res, "ALL")
    if args.show:
        miss = res[res["figure"] & (res["claims"] == 0)]
        print(f"\n-- {min(args.show, len(miss))} of {len(miss)} missed sentences:")
        for s in miss["text"].head(args.show):
            print("  *", s)
        wrong = res[(res["claims"] > 0) & res["gold"].isin(TAG)]
        wrong = wrong[[g not in s and any(x in TAG for x in s) for g, s in zip(wrong["gold"], wrong["sides"])]]
        print(f"\n-- {min(args.show, len(wrong))} of {len(wrong)} wrong-side sentences:")
        for c, s, v, t in wrong[["gold", "sides", "values", "text"]].head(args.show).itertuples(index=False):
            print(f"  * [{c} -> {s} {v}] {t}")
        extra = res[(~res["figure"]) & (res["claims"] > 0)]
        print(f"\n-- {min(args.show, len(extra))} of {len(extra)} claims in sentences without a death figure:")
        for v, t in extra[["values", "text"]].head(args.show).itertuples(index=False):
            print(f"  * {v} {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
