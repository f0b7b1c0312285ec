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
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from conflictnews.casualties import extract_claims
from conflictnews.tokenize import sentence_spans

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "peer" / "jackson_death_mentions"
FILES = {"wp": "tagged_data_wp_oct7_to_oct22.csv", "wsj": "tagged_data_wsj_oct7_to_oct22.csv"}
SIDE = {"israel": "israeli", "palestine": "palestinian"}

_DEATH = r"(?:killed|kill(?:s|ing)?|dead|died|die|deaths?|death\s+toll|slain|massacred|murdered|lives|bodies|perished)"
_NUM = (r"(?:(?<![\w.])\d{1,3}(?:,\d{3})+(?!\d)|(?<![\w.,])\d+(?![\d,]\d)|dozens|hundreds|thousands|hundred|thousand"
        r"|million)")
_WORDS = r"(?:\W+\w+){0,6}?\W+"
DEATH_FIGURE = re.compile(rf"\b{_NUM}\b{_WORDS}{_DEATH}\b|\b{_DEATH}\b{_WORDS}{_NUM}\b", re.I)
YEAR = re.compile(r"^(?:19|20)\d\d$")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def has_death_figure(sentence: str) -> bool:
    for m in DEATH_FIGURE.finditer(sentence):
        nums = re.findall(_NUM, m.group(), re.I)
        if any(not YEAR.match(n) for n in nums):
            return True
    return False


def load(data: Path) -> pd.DataFrame:
    frames = []
    for paper, name in FILES.items():
        path = data / name
        if not path.exists():
            raise FileNotFoundError(path)
        df = pd.read_csv(path)
        missing = {"sentence", "category"} - set(df.columns)
        if missing:
            raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
        df["paper"] = paper
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    df["sentence"] = df["sentence"].map(normalise)
    df["category"] = df["category"].astype(str).str.strip().str.lower()
    return df


def evaluate(df: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for r in df.itertuples():
        text = r.sentence
        spans = [(i, s, e) for i, (s, e, _p) in enumerate(sentence_spans(text))] or [(0, 0, len(text))]
        claims = [c for c in extract_claims(text, spans) if c["outcome"] == "killed"]
        sides = [c["side"] for c in claims]
        rows.append({"paper": r.paper, "category": r.category, "sentence": text,
                     "figure": has_death_figure(text), "claims": len(claims), "sides": sides,
                     "values": [c["value"] for c in claims]})
    return pd.DataFrame(rows)


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
    tagged = res[(res["claims"] > 0) & res["category"].isin(SIDE)]
    agree = mixed = unknown = wrong = 0
    for cat, sides in zip(tagged["category"], tagged["sides"]):
        want = SIDE[cat]
        known = [s for s in sides if s != "unknown"]
        if len(set(sides)) > 1:
            mixed += 1
        if want in known:
            agree += 1
        elif not known:
            unknown += 1
        else:
            wrong += 1
    n = len(tagged)
    print(f"side, sentences tagged israel/palestine with killed claims: {n}")
    print(f"  agree: {pct(agree, n)}; side unknown: {pct(unknown, n)}; wrong side: {pct(wrong, n)}; "
          f"(mixed sides within a sentence: {mixed})")
    decided = agree + wrong
    print(f"  agreement where a side was given: {pct(agree, decided)}")
    for cat in ("israel", "palestine"):
        sub = tagged[tagged["category"] == cat]
        c = Counter(s for sides in sub["sides"] for s in sides)
        print(f"  tagged {cat:9s}: claim sides {dict(sorted(c.items()))}")
    both = res[(res["claims"] > 0) & (res["category"] == "both")]
    c = Counter(s for sides in both["sides"] for s in sides)
    print(f"sentences tagged both with killed claims: {len(both)}; claim sides {dict(sorted(c.items()))}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT, help=f"folder with the tagged CSVs (default {DEFAULT})")
    ap.add_argument("--show", type=int, default=0, help="print this many missed and wrong-side sentences")
    args = ap.parse_args(argv)
    try:
        df = load(args.data)
    except FileNotFoundError as exc:
        print(f"evaluate_casualties: peer data not found: {exc}. Check out ../shared next to the project "
              f"or pass --data DIR.", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"evaluate_casualties: {exc}", file=sys.stderr)
        return 2
    res = evaluate(df)
    for paper in FILES:
        report(res[res["paper"] == paper], paper.upper())
    report(res, "ALL")
    if args.show:
        miss = res[res["figure"] & (res["claims"] == 0)]
        print(f"\n-- {min(args.show, len(miss))} of {len(miss)} missed sentences:")
        for s in miss["sentence"].head(args.show):
            print("  *", s)
        wrong = res[(res["claims"] > 0) & res["category"].isin(SIDE)]
        wrong = wrong[[SIDE[c] not in s and any(x != "unknown" for x in s)
                       for c, s in zip(wrong["category"], wrong["sides"])]]
        print(f"\n-- {min(args.show, len(wrong))} of {len(wrong)} wrong-side sentences:")
        for c, s, v, t in wrong[["category", "sides", "values", "sentence"]].head(args.show).itertuples(index=False):
            print(f"  * [{c} -> {s} {v}] {t}")
        extra = res[(~res["figure"]) & (res["claims"] > 0)]
        print(f"\n-- {min(args.show, len(extra))} of {len(extra)} claims in sentences without a death figure:")
        for v, t in extra[["values", "sentence"]].head(args.show).itertuples(index=False):
            print(f"  * {v} {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
