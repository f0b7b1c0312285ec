"""Evaluate death-mention classification against Holly Jackson's hand-tagged sentences.

    python benchmarks/evaluate_deaths.py [--peer ../shared/peer/jackson_death_mentions] [--errors N]

Prints, per outlet (Washington Post, Wall Street Journal) and overall:
  * victim side: accuracy per class, overall accuracy and the confusion matrix, for the sentence
    alone and with the article context (a sentence with no side cue takes the side of the nearest
    death mention in the same article, as ``death_mentions`` does);
  * voice agreement with the CoreNLP tag shipped with the data (``auto_tagged_voice``; a WEAK
    reference: it was produced automatically, not by hand);
  * deaths per mention by side, with the OCHA tally on the last day of the period (22 Oct 2023).

The rules were developed on the WP file; WSJ is held out (reported separately).  The gold data has
no ``none`` class (every sentence was tagged israel, palestine or both), so ``none`` counts as an
error.  Exits 2 (with a message) when the peer data is missing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from conflictnews.extractors.deaths import deaths_per_mention, read_ocha
from conflictnews.analysis.evaluation import (JACKSON_PROFILE, OCHA_FILE, PEER_FILES, PeerDataError, classify_deaths,
                                             confusion, load_peer)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PEER = ROOT.parent / "shared" / "peer" / "jackson_death_mentions"


def side_report(df: pd.DataFrame, pred: str, title: str) -> float:
    acc = float((df[pred] == df["gold"]).mean())
    print(f"\n{title}: overall accuracy {acc:.1%} ({int((df[pred] == df['gold']).sum())}/{len(df)})")
    for cls in ["palestinian", "israeli", "both"]:
        sub = df[df["gold"] == cls]
        if len(sub):
            ok = int((sub[pred] == cls).sum())
            print(f"  {cls:<12} recall {ok / len(sub):6.1%}  ({ok}/{len(sub)})", end="")
            predicted = int((df[pred] == cls).sum())
            if predicted:
                print(f"   precision {ok / predicted:6.1%} ({ok}/{predicted})")
            else:
                print()
    cm = confusion(df, pred)
    print("  confusion matrix (rows: hand tag, columns: predicted)")
    print("  " + cm.to_string().replace("\n", "\n  "))
    return acc


def voice_report(df: pd.DataFrame) -> None:
    ref = df["corenlp_voice"].fillna("").str.upper()
    tagged = ref.isin(["ACTIVE", "PASSIVE"])
    sub = df[tagged]
    ours = sub["voice"].str.upper()
    agree = float((ours == ref[tagged]).mean()) if len(sub) else float("nan")
    print(f"\nVoice against CoreNLP's automatic tag (weak reference; {len(sub)} tagged sentences): "
          f"agreement {agree:.1%} (our 'agentless' never agrees)")
    print("  " + pd.crosstab(ref[tagged].rename("corenlp"), sub["voice"].rename("ours")).to_string()
          .replace("\n", "\n  "))
    print("  our voice by hand-tagged side:")
    print("  " + pd.crosstab(df["gold"], df["voice"], normalize="index").round(2).to_string()
          .replace("\n", "\n  "))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--peer", type=Path, default=DEFAULT_PEER, help="folder with Jackson's tagged CSVs")
    ap.add_argument("--errors", type=int, default=0, help="print N misclassified sentences per outlet")
    ap.add_argument("--profile", default=JACKSON_PROFILE, help=f"the conflict profile (default {JACKSON_PROFILE})")
    args = ap.parse_args(argv)
    missing = [args.peer / f for f in list(PEER_FILES.values()) + [OCHA_FILE] if not (args.peer / f).exists()]
    if missing:
        print("peer data missing: " + ", ".join(str(m) for m in missing) +
              "\n(expected ../shared/peer/jackson_death_mentions/ beside the repository; see --peer)",
              file=sys.stderr)
        return 2
    try:
        raw = load_peer(args.peer)
        # The data is about the Israel-Gaza war; its "articles" hold only their death sentences,
        # too little to choose a profile from, so the profile is given (args.profile).
        peer = classify_deaths(raw, profile=args.profile)
        chosen = classify_deaths(raw)
    except PeerDataError as exc:
        print(f"evaluate_deaths: {exc}", file=sys.stderr)
        return 2
    frames = {name: peer[peer["outlet"] == name].reset_index(drop=True) for name in PEER_FILES}
    every = pd.concat(frames.values(), ignore_index=True)
    print(f"Victim side of {len(every)} hand-tagged death sentences (Jackson; WP = development set, "
          f"WSJ = held out)")
    print(f"sentences with a death word from resources/victims.yml: {every['has_death_word'].mean():.1%}")
    print(f"profile: {args.profile} (given).  Chosen from each article's death sentences alone instead: "
          f"{chosen.drop_duplicates('article_id')['profile'].value_counts().to_dict()} articles; side with "
          f"context then agrees {(chosen['side_context'] == chosen['gold']).mean():.1%}")
    for name, df in list(frames.items()) + [("ALL", every)]:
        print("\n" + "=" * 78 + f"\n{name} ({len(df)} sentences, {df['article_id'].nunique()} articles)")
        side_report(df, "victim_side", "sentence alone")
        side_report(df, "side_context", "with article context")
        if args.errors and name != "ALL":
            err = df[df["side_context"] != df["gold"]].head(args.errors)
            for r in err.itertuples():
                print(f"  [{r.gold} -> {r.side_context}] {r.text[:200]}")
    voice_report(every)

    tally = read_ocha(args.peer / OCHA_FILE)
    print("\nDeaths per mention (OCHA on 22 Oct 2023: palestinian = Gaza + West Bank "
          f"{tally['palestinian']:.0f}, israeli {tally['israeli']:.0f}; a 'both' mention counts "
          "for each side; hand tags vs ours with context)")
    for label, col in (("hand-tagged", "gold"), ("ours", "side_context")):
        m = every.assign(victim_side=every[col])
        dpm = deaths_per_mention(m, tally, by="outlet")
        dpm.insert(0, "tags", label)
        print("  " + dpm.to_string(index=False, float_format=lambda v: f"{v:.2f}").replace("\n", "\n  "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
