"""Evaluate actor detection against re3d's public-domain subsets (../shared/peer/re3d_dev).

re3d (Dstl) annotates entities with character offsets in CENTCOM press releases and US State
Department texts on Syria, Iraq and ISIS (2016-2017): text the gazetteer was not written for.
The documents are loaded as a corpus (``load_corpus``, through a temporary JSONL file), the gold
offsets carried into the cleaned text (``OffsetMap``), and our mentions come from
``tables(corpus, ["mentions"])``; demonym mentions are not actors and are left out.

What counts as a named person or organisation (``is_proper_name``): a Person or Organisation
entity whose words, after a leading determiner ("the Kurdish YPG"), all carry a capital letter
(or are ordinals, later numbers, or name connectors such as "of"), that is not a pronoun or a lone
abbreviation, and, when one word, is not also written in lower case in the document ("Soldiers").
So counted groups ("15 civilians") and descriptions ("U.S. forces", "the coalition") are out.
Names that the gold also types as a place or a date covering them ("Jan" in "Jan. 8", "Jordan"
typed both Person and Location) are left out as contradictory.  Nested or overlapping names are
one name to find ("Defense Secretary Ash Carter" / "Ash Carter").

* Recall: a name is found when one of our mentions overlaps it by at least one character.
* Precision: one of our mentions is right when it overlaps any gold Person or Organisation entity
  (a name or not: "the secretary" resolved to Carter is right), wrong when it overlaps none (a
  state named as a place, "in Syria", is a Location in re3d: places are not actors), and left out
  when it overlaps a name the gold also types a place.  Printed for all our actor mentions (the
  measure), and apart for persons and organisations (our kinds other than ``state``) and states.

Writes re3d_names.csv (every name to find, found or not) and re3d_mentions.csv (every mention of
ours, right or not, with the gold type it overlaps) to --out.

    python benchmarks/evaluate_actors.py [--data DIR] [--out DIR] [--show N] [--gazetteer FILE]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peer_cli  # noqa: E402

from conflictnews.analysis import peer as P  # noqa: E402
from conflictnews.extractors import tables  # noqa: E402


def projected_entities(re3d: P.Re3d, corpus):
    """re3d's entities with begin/end in the cleaned text (entities cleaning removed dropped)."""
    maps = P.offset_maps(re3d.documents, corpus)
    ents = re3d.entities[re3d.entities["doc_id"].isin(maps)].copy()
    spans = [maps[d].span(b, e) for d, b, e in zip(ents["doc_id"], ents["begin"], ents["end"])]
    ents["begin"] = [s[0] if s else None for s in spans]
    ents["end"] = [s[1] if s else None for s in spans]
    lost = ents["begin"].isna()
    return ents[~lost].astype({"begin": int, "end": int}), int(lost.sum())


def main(argv=None) -> int:
    args, re3d = peer_cli.start(__doc__, "re3d_dev", P.load_re3d, argv)
    corpus = P.corpus_of(re3d.documents.rename(columns={"doc_id": "id"}))
    ents, lost = projected_entities(re3d, corpus)
    units = P.entity_units(ents)
    mentions = tables(corpus, ["mentions"], **peer_cli.options(args))["mentions"]
    found, ours = P.match_entity_spans(units, ents, mentions)

    actors = ents[ents["type"].isin(P.ACTOR_TYPES)]
    peer_cli.heading(f"re3d (CENTCOM and State Department): {len(re3d.documents)} documents ({args.data})")
    print(f"Person/Organisation entities: {len(actors)}; proper names: {int(actors['name'].sum())}, of which "
          f"{int((actors['name'] & actors['ambiguous']).sum())} also typed a place or date (left out); "
          f"names to find after merging nested ones: {len(units)}; entities lost by cleaning: {lost}")
    print(f"recall of named persons and organisations: {P.pct(int(found['found'].sum()), len(found))}")
    for kind, sub in found.groupby("type"):
        print(f"  {kind:13s} {P.pct(int(sub['found'].sum()), len(sub))}")
    judged = ours[ours["correct"].notna()]
    actors_ours, states = judged[judged["kind"] != "state"], judged[judged["kind"] == "state"]
    right = lambda f: int(f["correct"].astype(bool).sum())  # noqa: E731
    print(f"precision of our actor mentions: {P.pct(right(judged), len(judged))} (left out: "
          f"{len(ours) - len(judged)} on names the gold also types a place or date)")
    print(f"  persons and organisations: {P.pct(right(actors_ours), len(actors_ours))}")
    print(f"  states: {P.pct(right(states), len(states))}; gold type where wrong: "
          + ", ".join(f"{k} {v}" for k, v in states.loc[~states["correct"].astype(bool), "gold_type"]
                      .fillna("none").value_counts().items()))
    s = P.prf(int(found["found"].sum()), len(found), right(judged), len(judged))
    print(f"F1: {s['f1']:.3f}")
    peer_cli.show(found[~found["found"]], "names missed", ["doc_id", "type", "text"], args.show)
    peer_cli.show(ours[ours["correct"].eq(False)], "mentions of ours on no gold person or organisation (gold type there)",
                  ["article_id", "surface", "actor", "kind", "gold_type"], args.show)
    paths = P.write_frames(args.out, {"re3d_names": found, "re3d_mentions": ours})
    print(f"\nwrote {', '.join(str(p) for p in paths)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
