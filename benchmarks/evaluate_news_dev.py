"""Evaluate casualty figures, victim sides, actors and quotes on news_dev (../shared/peer/news_dev).

news_dev holds 200 hand-annotated sentences and 20 short articles of real war news (Gaza, West
Bank, Lebanon, Ukraine, Sudan, Haiti, Myanmar, Syria, Ethiopia, DRC, Yemen); its README gives
the annotation conventions.  Each sentence is loaded as one article (a temporary JSONL corpus,
through ``load_corpus``) and measured through ``conflictnews.extractors.tables``.

Casualty figures (issue 11)
  A claim matches an annotated figure when it states the same figure (``value`` equal; for an
  entry without a value, a vague plural or an explicit range, the same ``low``/``high`` wherever
  the annotation gives them) with the same outcome, ``killed`` and ``dead`` counting as one death
  outcome (our extractor writes ``killed`` for both); the strict figure, outcome as annotated, is
  printed too.  One claim per figure.  Precision = matched claims / claims; recall = matched
  figures / annotated figures.  Combined "casualties" counts are not annotated, so a claim of one
  is a false positive.  On matched figures: qualifier agreement (our ``vague`` = the annotation's
  ``range``) and side agreement where the annotation gives a side (no side of ours counts as a
  disagreement).  Per conflict too.
Victim side (issue 12)
  Claims: the side agreement of matched figures, and the confusion matrix per conflict.  Death
  mentions: per sentence whose annotated deaths (killed/dead) give a side (``both`` when they give
  two), our death mention's ``victim_side`` (a sentence where we found none counts as wrong).
  And issue 12's first goal: how many claims and death mentions in sentences about other wars
  than Gaza, the West Bank and Lebanon get an Israeli or Palestinian side.
Actors (issue 10)
  Sentences: the annotated ``actors`` against the actors our mentions name in the sentence
  (demonyms excluded) by ``names_match`` (same name, a gazetteer alias, a surname, an acronym, or
  one name's words inside the other's): recall per annotated actor, precision per (sentence,
  actor) of ours.  Articles: each article's ``main_actors`` counted in it (at least one mention),
  for Sudan, Ukraine, DRC and Syria articles (issue 10's goal) and all.
Quotes
  The annotated reporting acts against our quotes of the same sentence (paired by a shared verb
  word or an agreeing speaker): recall, precision, speaker agreement (``speaker_agrees``) and
  direct/indirect agreement on the pairs.

Writes to --out: news_dev_casualties.csv (every figure and claim, with its status),
news_dev_death_sides.csv, news_dev_actors.csv, news_dev_actor_predictions.csv,
news_dev_main_actors.csv, news_dev_quotes.csv.

    python benchmarks/evaluate_news_dev.py [--data DIR] [--out DIR] [--show N] [--gazetteer FILE ...]
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peer_cli  # noqa: E402

from conflictnews.analysis import peer as P  # noqa: E402
from conflictnews.extractors import tables  # noqa: E402

GOAL_CONFLICTS = ["sudan", "ukraine", "drc", "syria"]  # issue 10's main-actor measure
ISRAEL_PALESTINE = ["gaza", "west_bank", "lebanon"]      # issue 12: no such side in other wars


def casualties(dev: P.NewsDev, found: dict, show: int) -> pd.DataFrame:
    peer_cli.heading(f"Casualty figures: {len(dev.casualties)} annotated in {dev.sentences['id'].nunique()} sentences")
    lenient = P.match_casualties(dev.casualties, found["claims"], dev.sentences)
    strict = P.match_casualties(dev.casualties, found["claims"], dev.sentences, outcome_classes=None)
    for label, m in (("(value, outcome), killed = dead", lenient), ("(value, outcome), outcome as annotated", strict)):
        s = P.casualty_scores(m).iloc[0]
        print(f"{label:42s} precision {P.pct(int(s['correct']), int(s['predicted']))}, "
              f"recall {P.pct(int(s['found']), int(s['gold']))}")
    s = P.casualty_scores(lenient).iloc[0]
    print(f"qualifier agreement on matched figures:    {P.pct(round(s['qualifier_rate'] * s['found']), int(s['found']))}")
    print(f"side agreement on matched figures with a side: {P.pct(int(s['side_agree']), int(s['sided']))}")
    print("\nper conflict (killed = dead):")
    print(peer_cli.indent(P.score_table(P.casualty_scores(lenient, by="conflict"))))
    matched = lenient[lenient["status"] == "matched"]
    q = matched[~matched["qualifier_agrees"].astype(bool)]
    if len(q):
        print("\nqualifier disagreements (annotated -> ours):")
        print(peer_cli.indent(q.groupby(["gold_qualifier", "qualifier"], dropna=False).size().to_string()))
    missed = lenient[lenient["status"] == "missed"]
    print("\nmissed figures by annotated outcome: " + ", ".join(f"{k} {v}" for k, v in
                                                               missed["gold_outcome"].value_counts().items()))
    peer_cli.show(missed, "missed figures", ["article_id", "gold_value", "gold_low", "gold_outcome", "sentence"], show)
    fp = lenient[lenient["status"] == "false_positive"]
    peer_cli.show(fp, "false positives", ["article_id", "phrase", "value", "outcome", "sentence"], show)
    return lenient


def victim_sides(dev: P.NewsDev, found: dict, claims: pd.DataFrame) -> pd.DataFrame:
    peer_cli.heading("Victim side, where the annotation gives one")
    matched = claims[(claims["status"] == "matched") & claims["side_agrees"].notna()]
    print(f"claims (matched figures): {P.pct(int(matched['side_agrees'].astype(bool).sum()), len(matched))}")
    deaths = P.match_death_sides(dev.casualties, found["death_mentions"], dev.sentences)
    print(f"death mentions (sentences whose deaths have an annotated side): {P.pct(int(deaths['agrees'].sum()), len(deaths))}"
          f"; no death mention found in {int((deaths['side'] == P.NO_DEATH_MENTION).sum())}")
    other = claims[(claims["status"] != "missed") & ~claims["conflict"].isin(ISRAEL_PALESTINE)]
    wrong_war = other[other["side"].map(P.norm_side).isin(["israeli", "palestinian"])]
    backed = wrong_war[wrong_war["gold_side"].map(P.norm_side).isin(["israeli", "palestinian"])]
    ours = found["death_mentions"].merge(dev.sentences[["id", "conflict"]], left_on="article_id", right_on="id")
    ours = ours[~ours["conflict"].isin(ISRAEL_PALESTINE)]
    print(f"in sentences about other wars than {'/'.join(ISRAEL_PALESTINE)} (issue 12: none): claims with an Israeli "
          f"or Palestinian side {P.pct(len(wrong_war), len(other))} ({len(backed)} of them annotated so); death "
          f"mentions {P.pct(int(ours['victim_side'].isin(['israeli', 'palestinian', 'both']).sum()), len(ours))} "
          f"(israeli, palestinian or both)")
    print("(the articles of news_dev carry no victim sides: sides are measured on the sentences only)")
    for conflict in sorted(set(matched["conflict"]) | set(deaths["conflict"])):
        c, d = matched[matched["conflict"] == conflict], deaths[deaths["conflict"] == conflict]
        print(f"\n{conflict}: claims {P.pct(int(c['side_agrees'].astype(bool).sum()), len(c))}, "
              f"death mentions {P.pct(int(d['agrees'].sum()), len(d))}")
        if len(c):
            print(peer_cli.indent("claims:\n" + P.side_confusion(c.rename(columns={"gold_side": "g"}), "g", "side")
                                  .to_string()))
        if len(d):
            print(peer_cli.indent("death mentions:\n" + P.side_confusion(d).to_string()))
    return deaths


def actors(dev: P.NewsDev, found: dict, articles_found: dict, aliases: dict, show: int):
    peer_cli.heading("Actors")
    gold, ours = P.match_actor_names(dev.actors.rename(columns={"sentence_id": "article_id"}), found["mentions"],
                                     aliases)
    print(f"sentences: recall {P.pct(int(gold['found'].sum()), len(gold))} of annotated actors; "
          f"precision {P.pct(int(ours['correct'].sum()), len(ours))} of (sentence, actor) named by our mentions")
    by = gold.groupby("conflict")["found"].agg(["sum", "count"])
    print("  recall per conflict: " + ", ".join(f"{k} {P.pct(int(r['sum']), int(r['count']))}" for k, r in by.iterrows()))
    peer_cli.show(gold[~gold["found"]], "actors missed", ["article_id", "actor"], show)
    peer_cli.show(ours[~ours["correct"]], "actors of ours not annotated", ["article_id", "actor", "surfaces"], show)
    main, _ = P.match_actor_names(dev.main_actors, articles_found["mentions"], aliases)
    goal = main[main["conflict"].isin(GOAL_CONFLICTS)]
    present = ", ".join(sorted(set(goal["conflict"]))) or "none"
    print(f"\narticles: main actors counted in the articles that name them, {'/'.join(GOAL_CONFLICTS)} articles "
          f"(present: {present}): {P.pct(int(goal['found'].sum()), len(goal))}; all articles: "
          f"{P.pct(int(main['found'].sum()), len(main))}")
    by = main.groupby("conflict")["found"].agg(["sum", "count"])
    print("  per conflict: " + ", ".join(f"{k} {P.pct(int(r['sum']), int(r['count']))}" for k, r in by.iterrows()))
    first = main[main["rank"] == 1]
    print(f"  the first main actor of each article: {P.pct(int(first['found'].sum()), len(first))}")
    peer_cli.show(main[~main["found"]], "main actors not counted", ["article_id", "rank", "actor"], show)
    return gold, ours, main


def quotes(dev: P.NewsDev, found: dict, aliases: dict, show: int) -> pd.DataFrame:
    peer_cli.heading(f"Quotes: {len(dev.quotes)} annotated reporting acts in {dev.quotes['sentence_id'].nunique()} sentences")
    q = P.with_speaker_actor(found["quotes"], found["mentions"])
    m = P.match_sentence_quotes(dev.quotes, q, aliases)
    matched = m[m["status"] == "matched"]
    s = P.prf(len(matched), int(m["status"].isin(["matched", "missed"]).sum()), len(matched),
              int(m["status"].isin(["matched", "false_positive"]).sum()))
    print(f"recall {P.pct(s['found'], s['gold'])}, precision {P.pct(s['correct'], s['predicted'])}, F1 {s['f1']:.3f}")
    print(f"speaker agrees on matched: {P.pct(int(matched['speaker_agrees'].astype(bool).sum()), len(matched))}")
    print(f"direct/indirect agrees on matched: {P.pct(int(matched['direct_agrees'].astype(bool).sum()), len(matched))}")
    sentences = dict(zip(dev.sentences["id"], dev.sentences["text"]))
    m["sentence"] = m["article_id"].map(sentences)
    peer_cli.show(m[m["status"] == "missed"], "reporting acts missed", ["article_id", "gold_speaker", "gold_verb", "sentence"], show)
    wrong = matched[~matched["speaker_agrees"].astype(bool)].assign(sentence=lambda f: f["article_id"].map(sentences))
    peer_cli.show(wrong, "wrong speakers (annotated | ours | resolved)", ["article_id", "gold_speaker", "speaker",
                                                                         "speaker_actor", "sentence"], show)
    return m


def main(argv=None) -> int:
    args, dev = peer_cli.start(__doc__, "news_dev", P.load_news_dev, argv)
    opts = peer_cli.options(args)
    corpus = P.corpus_of(dev.sentences)
    changed = [i for i, t in zip(corpus.articles["article_id"], corpus.articles["text"])
               if t != dev.sentences.set_index("id").at[i, "text"]]
    print(f"news_dev: {len(dev.sentences)} sentences, {len(dev.articles)} articles ({args.data}); "
          f"{len(corpus)} sentences loaded, {len(changed)} changed by cleaning")
    found = tables(corpus, ["claims", "mentions", "quotes", "death_mentions"], **opts)
    articles_found = tables(P.corpus_of(dev.articles), ["mentions"], **opts)
    aliases = P.gazetteer_aliases(opts.get("gazetteer"))

    claims = casualties(dev, found, args.show)
    deaths = victim_sides(dev, found, claims)
    gold_actors, our_actors, main_actors = actors(dev, found, articles_found, aliases, args.show)
    quote_matches = quotes(dev, found, aliases, args.show)
    sentence = dict(zip(dev.sentences["id"], dev.sentences["text"]))
    gold_actors["sentence"] = gold_actors["article_id"].map(sentence)
    our_actors["sentence"] = our_actors["article_id"].map(sentence)
    paths = P.write_frames(args.out, {
        "news_dev_casualties": claims, "news_dev_death_sides": deaths, "news_dev_actors": gold_actors,
        "news_dev_actor_predictions": our_actors, "news_dev_main_actors": main_actors, "news_dev_quotes": quote_matches})
    print(f"\nwrote {len(paths)} CSVs of matches and misses to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
