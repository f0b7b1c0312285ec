"""Victim side on news_dev: real sentences and articles on several wars, hand-annotated.

    python benchmarks/evaluate_sides.py [--data ../shared/peer/news_dev] [--profile NAME] [--show N]

Prints:
  * which profile each page (sentences) and article gets, against the one its war should get;
  * for the casualty figures the extractor finds: agreement of our side with the annotation where
    the annotation gives one (the issue's goal: at least 90%), how many are unknown or wrong,
    sides given where the annotation has none (its rules are stricter: a town or a party's name
    alone gives no side there), and israeli/palestinian sides on figures of other wars (goal: 0);
  * the confusion matrix per profile (rows: the annotation, columns: ours);
  * per article: the sides its claims and death mentions get.
The annotation's side is the victims' nationality, `both` or none (see news_dev/README.md).
A report, not a gate: exits 2 only when the data is missing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from conflictnews.analysis.side_evaluation import (NewsDevError, article_sides, confusion_by_profile, figure_sides,
                                                  load_news_dev, page_profiles, side_agreement)

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "peer" / "news_dev"


def pct(a, b) -> str:
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else f"{a}/0 (n/a)"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT, help=f"the news_dev folder (default {DEFAULT})")
    ap.add_argument("--profile", help="force this profile (name or file) instead of choosing per page/article")
    ap.add_argument("--show", type=int, default=0, help="print this many disagreements")
    args = ap.parse_args(argv)
    try:
        sents, arts = load_news_dev(args.data)
    except NewsDevError as exc:
        print(f"evaluate_sides: {exc}. Check out ../shared next to the project or pass --data DIR.", file=sys.stderr)
        return 2
    pd.set_option("display.width", 160)

    chosen = sents.assign(profile=page_profiles(sents, args.profile))
    pages = chosen.drop_duplicates("source")
    print(f"news_dev: {len(sents)} sentences on {len(pages)} pages, {len(arts)} articles")
    print("\nProfile per page (rows: the war, columns: the profile chosen from the page's sentences)")
    print("  " + pd.crosstab(pages["conflict"], pages["profile"]).to_string().replace("\n", "\n  "))
    ok = (pages["profile"] == pages["expected_profile"]).sum()
    print(f"  pages given the expected profile: {pct(int(ok), len(pages))}")

    figures = figure_sides(sents, args.profile)
    a = side_agreement(figures)
    print(f"\nCasualty figures annotated: {a['figures']}; found by the extractor: {pct(a['found'], a['figures'])}")
    print(f"Where the annotation gives a side ({a['sided']} figures found):")
    print(f"  agree {pct(a['agree'], a['sided'])}; unknown {pct(a['unknown'], a['sided'])}; "
          f"wrong {pct(a['wrong'], a['sided'])}")
    print(f"  agreement where we give a side: {pct(a['agree'], a['sided'] - a['unknown'])}")
    print(f"Where the annotation gives none ({a['unsided']} figures): we give a side to {a['given_where_none']}")
    print(f"Figures of other wars (not Gaza, West Bank, Lebanon) found: {a['other_wars_found']}; "
          f"with an israeli or palestinian side: {a['other_wars_gaza_side']}")
    for conflict, g in figures[figures["found"]].groupby("conflict"):
        s = g[g["gold_side"] != "none"]
        print(f"  {conflict:<16} found {len(g):3d}  sided {len(s):3d}  agree {pct(int((s['side'] == s['gold_side']).sum()), len(s))}")
    print("\nConfusion matrix per profile (rows: the annotation, columns: ours; 'none' = no side annotated)")
    for profile, cm in confusion_by_profile(figures).items():
        print(f"  [{profile}]\n    " + cm.to_string().replace("\n", "\n    "))

    art = article_sides(arts, args.profile)
    print("\nArticles: profile chosen (expected) and the sides given")
    cols = ["article_id", "conflict", "expected_profile", "profile", "profile_evidence", "profile_choice",
            "claim_sides", "mention_sides", "gaza_sides"]
    print("  " + art[cols].to_string(index=False).replace("\n", "\n  "))
    ok = (art["profile"] == art["expected_profile"]).sum()
    print(f"  articles given the expected profile: {pct(int(ok), len(art))}; israeli/palestinian/both sides in "
          f"articles on other wars: {int(art.loc[art['expected_profile'] != 'israel-gaza', 'gaza_sides'].sum())}")

    if args.show:
        bad = figures[figures["found"] & (figures["gold_side"] != "none") & (figures["side"] != figures["gold_side"])]
        print(f"\n-- {min(args.show, len(bad))} of {len(bad)} figures whose side differs from the annotation:")
        for r in bad.head(args.show).itertuples():
            print(f"  {r.id} [{r.profile}] {r.outcome} {r.value} ({r.group}) hand={r.gold_side} ours={r.side} | {r.text[:160]}")
        extra = figures[figures["found"] & (figures["gold_side"] == "none") & (figures["side"] != "unknown")]
        print(f"\n-- {min(args.show, len(extra))} of {len(extra)} figures given a side the annotation does not give:")
        for r in extra.head(args.show).itertuples():
            print(f"  {r.id} [{r.profile}] {r.outcome} {r.value} ({r.group}) ours={r.side} | {r.text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
