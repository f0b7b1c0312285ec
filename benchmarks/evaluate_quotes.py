"""Evaluate quote extraction against PolNeAR's development split (../shared/peer/polnear_dev).

PolNeAR (networkdynamics/PolNeAR v1.0.0) annotates attributions in US election coverage: a
Source (who), a Cue ("said", "according to") and a Content (what), with character offsets.  It
annotates beliefs and intentions too ("believes", "wants"); only relations whose cue is a speech
act count here: a cue with a word listed under ``speech_cues`` in ``resources/evaluation.yml``
(say, tell, add, write, tweet, announce, state, claim, deny, warn, note, explain, insist, argue,
ask, reply, report, confirm, urge...) or one of its phrases ("according to").  A text annotated
twice is read with its first annotation file.

The texts are loaded as a corpus (``load_corpus``, through a temporary JSONL file); the gold
offsets are carried into the cleaned text (``OffsetMap``).  Our quotes come from
``tables(corpus, ["quotes"])``.

* Quote F1 at 30% span overlap: a quote of ours and a gold Content match when the characters they
  share are at least 30% of the longer of the two (so each covers 30% of the other); one to one,
  largest overlap first.  A quote that matches only a non-speech attribution (a belief) is
  neutral: left out of precision.
* Speaker accuracy on matched quotes whose gold relation has a Source: our speaker (as written,
  and the resolved actor's name) agrees with the Source span when ``names_match`` (the same name,
  a surname, an acronym, one inside the other) or they share a head (the last word before the
  first comma, or before the first preposition: "a source" = "another source", "Secretary of
  State John Kerry" = "Kerry").  Printed with and without gold Sources that are pronouns (ours,
  when resolved to a name, cannot agree with "he" by this rule).

Writes polnear_quotes.csv (every kept gold content and every quote, with its status) to --out.

    python benchmarks/evaluate_quotes.py [--data DIR] [--out DIR] [--show N] [--gazetteer FILE]
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peer_cli  # noqa: E402

from conflictnews.analysis import peer as P  # noqa: E402
from conflictnews.extractors import tables  # noqa: E402

THRESHOLD = 0.3


def project(pn: P.PolNear, corpus) -> pd.DataFrame:
    """The attributions with their spans in the cleaned text, and the content's text."""
    cleaned = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    maps = P.offset_maps(pn.documents, corpus)
    a = pn.attributions[pn.attributions["doc_id"].isin(maps)].copy()
    for col in ("content_spans", "source_spans"):
        a[col] = [maps[d].spans(s) for d, s in zip(a["doc_id"], a[col])]
    a["content"] = [" … ".join(cleaned[d][s:e] for s, e in spans) for d, spans in zip(a["doc_id"], a["content_spans"])]
    return a


def main(argv=None) -> int:
    args, pn = peer_cli.start(__doc__, "polnear_dev", P.load_polnear, argv)
    corpus = P.corpus_of(pn.documents.rename(columns={"doc_id": "id"}))
    gold = project(pn, corpus)
    lost = gold[gold["content_spans"].map(len) == 0]
    gold = gold[gold["content_spans"].map(len) > 0].reset_index(drop=True)
    found = tables(corpus, ["quotes", "mentions"], **peer_cli.options(args))
    quotes = P.with_speaker_actor(found["quotes"], found["mentions"])
    aliases = P.gazetteer_aliases(args.gazetteer)

    peer_cli.heading(f"PolNeAR development split: {len(pn.documents)} texts ({args.data})")
    skipped = ", ".join(f"{reason}: {n}" for reason, n in pn.skipped["reason"].value_counts().items()) or "none"
    print(f"attributions: {len(pn.attributions)}; with a speech-act cue: {int(pn.attributions['speech'].sum())} "
          f"(kept); content lost by cleaning: {len(lost)}; files not used: {skipped}")
    dropped = Counter(c.lower() for c in pn.attributions.loc[~pn.attributions["speech"], "cue"])
    print("most frequent cues left out: " + ", ".join(f"{c!r} {n}" for c, n in dropped.most_common(12)))
    print(f"our quotes: {len(quotes)}")

    m = P.match_quote_spans(gold, quotes, THRESHOLD)
    for t in (THRESHOLD, 0.5, 0.8):
        mt = m if t == THRESHOLD else P.match_quote_spans(gold, quotes, t)
        hit = int((mt["status"] == "matched").sum())
        s = P.prf(hit, int(mt["status"].isin(["matched", "missed"]).sum()), hit,
                  int(mt["status"].isin(["matched", "false_positive"]).sum()))
        print(f"quote F1 at {t:.0%} overlap: {s['f1']:.3f} (precision {P.pct(s['correct'], s['predicted'])}, "
              f"recall {P.pct(s['found'], s['gold'])}; neutral {int((mt['status'] == 'neutral').sum())})")

    matched = m[m["status"] == "matched"].copy()
    matched["speaker_agrees"] = [P.speaker_agrees(src, [s, a], aliases)
                                 for src, s, a in zip(matched["source"], matched["speaker"], matched["speaker_actor"])]
    m.loc[matched.index, "speaker_agrees"] = matched["speaker_agrees"]
    sourced = matched[matched["speaker_agrees"].notna()]
    named = sourced[~sourced["source"].map(P.is_pronoun)]
    print(f"speaker correct on matched quotes with a gold source: "
          f"{P.pct(int(sourced['speaker_agrees'].astype(bool).sum()), len(sourced))}; "
          f"gold source not a pronoun: {P.pct(int(named['speaker_agrees'].astype(bool).sum()), len(named))}")
    print(f"our speaker empty on {P.pct(int(sourced['speaker'].isna().sum()), len(sourced))} of them")

    peer_cli.show(m[m["status"] == "missed"], "gold quotes missed (cue | source | content)",
                  ["doc_id", "cue", "source", "content"], args.show)
    peer_cli.show(m[m["status"] == "false_positive"], "quotes of ours not in the gold (speaker | verb | quote)",
                  ["doc_id", "speaker", "verb", "quote"], args.show)
    wrong = matched[~matched["speaker_agrees"].fillna(True).astype(bool)]
    peer_cli.show(wrong, "wrong speakers (gold source | ours | resolved)", ["doc_id", "source", "speaker", "speaker_actor"],
                  args.show)
    paths = P.write_frames(args.out, {"polnear_quotes": m})
    print(f"\nwrote {paths[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
