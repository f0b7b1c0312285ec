"""Victim side against the hand annotation of ``news_dev`` (real sentences and articles on several
wars, ``../shared/peer/news_dev``; never copied into the project).

    sents, arts = load_news_dev(folder)
    figures = figure_sides(sents)        # one row per hand-annotated figure, with ours beside it
    side_agreement(figures)              # agreement where the annotation gives a side, and more
    confusion_by_profile(figures)        # hand side (rows) against ours (columns), per profile
    article_sides(arts)                  # per article: the profile chosen, the sides given

A sentence gets the profile its PAGE chooses (the sentences of one ``source`` joined, as an
article would be); the articles get theirs from their own text.  A figure is matched to the
annotation by outcome (``dead`` is our ``killed``) and number (a vague or ranged figure by its
lower bound).  The annotation's side is a nationality, ``both`` or null: null means the sentence
itself does not say, so a side we give there is counted apart (``given where the annotation has
none``), not as an error.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

# The profile each news_dev conflict should get (the others have none: generic).
EXPECTED_PROFILE = {"gaza": "israel-gaza", "west_bank": "israel-gaza", "lebanon": "israel-gaza",
                    "ukraine": "russia-ukraine", "sudan": "sudan"}
GAZA_SIDES = ("israeli", "palestinian")
_OUTCOME = {"dead": "killed"}


class NewsDevError(ValueError):
    """The news_dev data is missing or not in the expected shape (the message names the file)."""


def _read_jsonl(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise NewsDevError(f"news_dev data not found: {path}")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise NewsDevError(f"{path}:{n}: not JSON: {exc}") from exc
    return pd.DataFrame(rows)


def load_news_dev(folder) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sentences, articles) of the news_dev folder, each with ``expected_profile``."""
    folder = Path(folder)
    sents = _read_jsonl(folder / "sentences.jsonl")
    arts = _read_jsonl(folder / "articles.jsonl")
    for name, df, need in (("sentences.jsonl", sents, {"id", "source", "conflict", "text", "casualties"}),
                           ("articles.jsonl", arts, {"id", "conflict", "text"})):
        missing = need - set(df.columns)
        if missing:
            raise NewsDevError(f"{folder / name}: missing field(s) {sorted(missing)}")
        df["expected_profile"] = df["conflict"].map(EXPECTED_PROFILE).fillna("generic")
    return sents, arts


def page_profiles(sents: pd.DataFrame, profile=None) -> pd.Series:
    """The profile of each sentence: the one its page's sentences, joined, choose."""
    from ..profiles.choose import choose

    pages = sents.groupby("source", sort=False)["text"].apply(" ".join)
    chosen = {src: choose(text, profile).profile for src, text in pages.items()}
    return sents["source"].map(chosen)


def _match(gold: list[dict], ours: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each annotated figure with the claim of the same outcome and number, if any (greedy)."""
    free = list(ours)
    out = []
    for g in gold:
        outcome = _OUTCOME.get(g.get("outcome"), g.get("outcome"))
        want = g.get("value") if g.get("value") is not None else g.get("low")
        hit = next((c for c in free if c["outcome"] == outcome and want is not None
                    and abs(float(c["value"]) - float(want)) < 0.5), None)
        if hit is not None:
            free.remove(hit)
        out.append((g, hit))
    return out


def figure_sides(sents: pd.DataFrame, profile=None) -> pd.DataFrame:
    """One row per annotated figure: id, conflict, profile, outcome, value, group, gold_side
    (``none`` when the annotation has none), found (a claim matches it), side (ours, or
    ``missed``), text."""
    from ..corpus.segment import sentence_spans
    from ..extractors.casualties import extract_claims

    profiles = page_profiles(sents, profile)
    rows = []
    for (sid, conflict, text, gold), prof in zip(sents[["id", "conflict", "text", "casualties"]].itertuples(index=False),
                                                 profiles):
        if not gold:
            continue
        spans = [(i, s, e) for i, (s, e, _p) in enumerate(sentence_spans(text))] or [(0, 0, len(text))]
        ours = extract_claims(text, spans, profile=prof)
        for g, c in _match(gold, ours):
            rows.append({"id": sid, "conflict": conflict, "profile": prof, "outcome": g.get("outcome"),
                         "value": g.get("value") if g.get("value") is not None else g.get("low"),
                         "group": g.get("group"), "gold_side": g.get("side") or "none", "found": c is not None,
                         "side": c["side"] if c is not None else "missed", "text": text})
    return pd.DataFrame(rows, columns=["id", "conflict", "profile", "outcome", "value", "group", "gold_side",
                                       "found", "side", "text"])


def side_agreement(figures: pd.DataFrame) -> dict:
    """Over the figures the extractor found: where the annotation gives a side, how many agree,
    are unknown, or wrong; where it gives none, how many we gave a side; and how many israeli or
    palestinian sides went to figures of other wars (the bug of the issue)."""
    found = figures[figures["found"]]
    sided = found[found["gold_side"] != "none"]
    unsided = found[found["gold_side"] == "none"]
    agree = int((sided["side"] == sided["gold_side"]).sum())
    unknown = int((sided["side"] == "unknown").sum())
    other_wars = found[~found["conflict"].isin(["gaza", "west_bank", "lebanon"])]
    return {"figures": len(figures), "found": len(found), "sided": len(sided), "agree": agree,
            "unknown": unknown, "wrong": len(sided) - agree - unknown,
            "agreement": agree / len(sided) if len(sided) else float("nan"),
            "agreement_where_given": agree / (len(sided) - unknown) if len(sided) - unknown else float("nan"),
            "unsided": len(unsided), "given_where_none": int((unsided["side"] != "unknown").sum()),
            "other_wars_found": len(other_wars),
            "other_wars_gaza_side": int(other_wars["side"].isin(GAZA_SIDES).sum())}


def confusion_by_profile(figures: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """profile -> hand side (rows) against our side (columns), over the figures found."""
    found = figures[figures["found"]]
    return {p: pd.crosstab(g["gold_side"].rename("hand"), g["side"].rename("ours"))
            for p, g in found.groupby("profile", sort=True)}


def article_sides(arts: pd.DataFrame, profile=None) -> pd.DataFrame:
    """Per news_dev article: the profile chosen (and expected), its evidence, and the sides its
    claims and death mentions get (``side: count``)."""
    from ..corpus.load import Corpus
    from ..extractors.casualties import claims
    from ..extractors.deaths import death_mentions
    from ..profiles.choose import article_profiles

    frame = pd.DataFrame({"article_id": arts["id"], "text": arts["text"], "title": arts["id"],
                          "outlet": arts.get("outlet", "unknown"), "published": pd.NaT, "n_chars": arts["text"].str.len()})
    corpus = Corpus(frame, pd.DataFrame(columns=["source", "article_id", "status", "reason"]),
                    pd.DataFrame(columns=["article_id", "rule", "scope", "line", "text"]), "news_dev")
    chosen = article_profiles(corpus, profile).set_index("article_id")
    c = claims(corpus, profile=profile)
    m = death_mentions(corpus, profile=profile)

    def tally(frame, col, aid):
        counts = frame.loc[frame["article_id"] == aid, col].value_counts()
        return "; ".join(f"{k}: {v}" for k, v in counts.items())
    rows = []
    for aid, conflict, expected in zip(arts["id"], arts["conflict"], arts["expected_profile"]):
        rows.append({"article_id": aid, "conflict": conflict, "expected_profile": expected,
                     "profile": chosen.loc[aid, "profile"], "profile_evidence": int(chosen.loc[aid, "profile_evidence"]),
                     "profile_choice": chosen.loc[aid, "profile_choice"],
                     "claim_sides": tally(c, "side", aid), "mention_sides": tally(m, "victim_side", aid),
                     "gaza_sides": int(c.loc[c["article_id"] == aid, "side"].isin(GAZA_SIDES).sum()
                                       + m.loc[m["article_id"] == aid, "victim_side"].isin(GAZA_SIDES + ("both",)).sum())})
    return pd.DataFrame(rows)
