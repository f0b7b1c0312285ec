"""Where the method agrees with people, and where it fails.

Two kinds of check, used by ``benchmarks/evaluate_*.py`` and the ``04_error_analysis`` report:

* against hand-tagged peer data: Holly Jackson's Washington Post and Wall Street Journal
  sentences (7-22 October 2023), each reporting a death, with whose deaths tagged by hand
  (``../shared/peer/jackson_death_mentions``; not shipped with the project);
* on any corpus: the items the extractors could not decide (a claim with no side or no source,
  a surname that stays unresolved, a quote with no speaker, a death with no victim side), which
  are the places a researcher should read by hand.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

# The war Jackson's hand-tagged sentences are about (US coverage of Gaza and Israel, 7-22 October
# 2023): the conflict profile they are read with, as a user with such a corpus would pass it.
JACKSON_PROFILE = "israel-gaza"
PEER_FILES = {"WP": "tagged_data_wp_oct7_to_oct22.csv", "WSJ": "tagged_data_wsj_oct7_to_oct22.csv"}
OCHA_FILE = "ocha_data_oct7_to_oct22.csv"
GOLD = {"israel": "israeli", "palestine": "palestinian", "both": "both"}

# What the evaluation needs, said to a newcomer who does not have it (04 and `make evaluate`).
PEER_DATA = (
    "The evaluation against people needs Holly Jackson's public, hand-tagged data (MIT licence), "
    "published by its author with her study of how the Washington Post and the Wall Street Journal "
    "reported Palestinian and Israeli deaths from 7 to 22 October 2023: the three CSV files "
    f"{', '.join(PEER_FILES.values())} (columns article_index, article_title, article_date, sentence, "
    f"category, auto_tagged_voice) and {OCHA_FILE} (UN OCHA daily tolls). Put the three files in one folder "
    "and pass it as the peer_dir parameter (conflictnews render --param peer_dir=FOLDER) or to make evaluate "
    "(ARGS=\"--data FOLDER\"); in a development checkout they are read from "
    "../shared/peer/jackson_death_mentions/ beside the repository. The project never downloads them.")


def missing_peer_data(folder) -> list[str]:
    """The peer files missing from ``folder`` (all of them when it is not given or absent)."""
    wanted = [*PEER_FILES.values(), OCHA_FILE]
    if folder in (None, "") or not Path(folder).is_dir():
        return wanted
    return [f for f in wanted if not (Path(folder) / f).is_file()]
SIDES = ["palestinian", "israeli", "both", "none"]

# An independent criterion for "this sentence states a death figure", so that the casualty
# extractor is not judged by its own rules: a number at most 6 words from a death word.
_DEATH = r"(?:killed|kill(?:s|ing)?|dead|died|die|deaths?|death\s+toll|slain|massacred|murdered|lives|bodies|perished)"
_NUM = (r"(?:(?<![\w.])\d{1,3}(?:,\d{3})+(?!\d)|(?<![\w.,])\d+(?![\d,]\d)|dozens|hundreds|thousands|hundred|thousand"
        r"|million)")
_WORDS = r"(?:\W+\w+){0,6}?\W+"
DEATH_FIGURE = re.compile(rf"\b{_NUM}\b{_WORDS}{_DEATH}\b|\b{_DEATH}\b{_WORDS}{_NUM}\b", re.I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


class PeerDataError(ValueError):
    """The peer data is missing or not in the expected shape (the message names the file)."""


def normalise(sentence) -> str:
    """Undo the peer export's artefacts: doubled spaces, stray newlines, the title marker."""
    return " ".join(str(sentence).replace("T-I-T-L-E-E-N-D", " ").split())


def load_peer(folder: str | Path) -> pd.DataFrame:
    """The hand-tagged sentences of both newspapers: outlet, article_id, article_index,
    article_title, article_date, text (normalised), gold (``palestinian``, ``israeli``,
    ``both``), corenlp_voice (CoreNLP's automatic tag: a weak reference)."""
    folder = Path(folder)
    frames = []
    for outlet, name in PEER_FILES.items():
        path = folder / name
        if not path.exists():
            raise PeerDataError(f"peer data not found: {path}")
        df = pd.read_csv(path)
        missing = {"article_index", "sentence", "category"} - set(df.columns)
        if missing:
            raise PeerDataError(f"{path}: missing column(s) {sorted(missing)}; found {list(df.columns)}")
        gold = df["category"].astype(str).str.strip().str.lower().map(GOLD)
        if gold.isna().any():
            bad = sorted(set(df.loc[gold.isna(), "category"].astype(str)))
            raise PeerDataError(f"{path}: unknown category value(s) {bad}; expected {sorted(GOLD)}")
        frames.append(pd.DataFrame({
            "outlet": outlet,
            "article_id": outlet + "-" + df["article_index"].astype(str),
            "article_index": df["article_index"],
            "article_title": df.get("article_title"),
            "article_date": df.get("article_date"),
            "text": df["sentence"].map(normalise),
            "gold": gold,
            "corenlp_voice": df.get("auto_tagged_voice"),
        }))
    return pd.concat(frames, ignore_index=True)


def peer_profiles(peer: pd.DataFrame, profile=None) -> pd.Series:
    """The conflict profile of each peer sentence: the one its article's sentences (joined)
    choose, as ``profiles.choose`` does for a corpus article; ``profile`` forces one."""
    from ..profiles.choose import choose

    texts = peer.groupby("article_id", sort=False)["text"].apply(" ".join)
    chosen = {aid: choose(text, profile).profile for aid, text in texts.items()}
    return peer["article_id"].map(chosen)


def classify_deaths(peer: pd.DataFrame, resource=None, profile=None) -> pd.DataFrame:
    """``peer`` with our reading of each sentence: profile (chosen per article, or ``profile``),
    victim_side (the sentence alone), side_context (filled from nearby death sentences of the
    same article, as ``death_mentions`` does), voice, has_death_word."""
    from ..extractors.deaths import fill_from_context
    from ..extractors.victims import death_voice, load_model, reports_death, victim_side

    out = peer.copy()
    out["profile"] = peer_profiles(peer, profile)
    models = {name: load_model(resource, name) for name in out["profile"].unique()}
    model = next(iter(models.values()))
    out["victim_side"] = [victim_side(t, None, models[p]) for t, p in zip(out["text"], out["profile"])]
    out["side_source"] = "sentence"
    out["voice"] = [death_voice(t, None, model) for t in out["text"]]
    out["has_death_word"] = [reports_death(t, model) for t in out["text"]]
    ctx = fill_from_context(out[["article_id", "victim_side", "side_source"]])
    out["side_context"] = ctx["victim_side"].values
    return out


def side_scores(df: pd.DataFrame, predicted: str = "side_context") -> pd.DataFrame:
    """Recall and precision per hand-tagged class, and overall accuracy (class ``all``)."""
    rows = []
    for cls in ["palestinian", "israeli", "both"]:
        gold = df["gold"] == cls
        pred = df[predicted] == cls
        hit = int((gold & pred).sum())
        rows.append({"class": cls, "sentences": int(gold.sum()), "correct": hit,
                     "recall": hit / gold.sum() if gold.any() else float("nan"),
                     "precision": hit / pred.sum() if pred.any() else float("nan")})
    correct = int((df[predicted] == df["gold"]).sum())
    rows.append({"class": "all", "sentences": len(df), "correct": correct,
                 "recall": correct / len(df) if len(df) else float("nan"), "precision": float("nan")})
    return pd.DataFrame(rows)


def confusion(df: pd.DataFrame, predicted: str = "side_context") -> pd.DataFrame:
    """Hand tag (rows) against our side (columns); the gold data has no ``none`` class."""
    return pd.crosstab(pd.Categorical(df["gold"], categories=SIDES[:3]),
                       pd.Categorical(df[predicted], categories=SIDES),
                       rownames=["gold"], colnames=["predicted"], dropna=False)


def has_death_figure(sentence: str) -> bool:
    """A number (not a year) at most 6 words from a death word: see ``DEATH_FIGURE``."""
    for m in DEATH_FIGURE.finditer(sentence):
        if any(not _YEAR.match(n) for n in re.findall(_NUM, m.group(), re.I)):
            return True
    return False


def claims_on_peer(peer: pd.DataFrame, resource=None, profile=None) -> pd.DataFrame:
    """Per sentence: whether it states a death figure (independent criterion), how many
    ``killed`` claims the extractor finds (with its article's profile, see :func:`peer_profiles`),
    and their sides and values."""
    from ..extractors.casualties import extract_claims_many
    from ..corpus.segment import sentence_spans

    texts = peer["text"].tolist()
    spans = [[(i, s, e) for i, (s, e, _p) in enumerate(sentence_spans(t))] or [(0, 0, len(t))] for t in texts]
    every = extract_claims_many(texts, spans, resource=resource, profiles=list(peer_profiles(peer, profile)))
    rows = []
    for outlet, gold, text, claims in zip(peer["outlet"], peer["gold"], texts, every):
        found = [c for c in claims if c["outcome"] == "killed"]
        rows.append({"outlet": outlet, "gold": gold, "text": text, "figure": has_death_figure(text),
                     "claims": len(found), "sides": [c["side"] for c in found],
                     "values": [c["value"] for c in found]})
    return pd.DataFrame(rows)


def claim_side_agreement(res: pd.DataFrame) -> dict:
    """For sentences tagged with one side that yield killed claims: agree (a claim has the
    tagged side), wrong (claims have only the other side), nationality (claims name only
    another nationality: "30 Americans", "20 Thai nationals" -- the hand tag is the party whose
    attack killed them, the claim's side is the nationality as written, so neither agrees nor
    disagrees), both (claims add up both sides' dead, "in total": neither), unknown (no claim has a
    side)."""
    parties = ("palestinian", "israeli")
    tagged = res[(res["claims"] > 0) & res["gold"].isin(parties)]
    counts = {"sentences": len(tagged), "agree": 0, "unknown": 0, "wrong": 0, "nationality": 0, "both": 0,
              "mixed": 0}
    for gold, sides in zip(tagged["gold"], tagged["sides"]):
        party = [s for s in sides if s in parties]
        other = [s for s in sides if s not in parties and s not in ("unknown", "both")]
        counts["mixed"] += len(set(sides)) > 1
        counts["agree" if gold in party else "wrong" if party else "nationality" if other
               else "both" if "both" in sides else "unknown"] += 1
    return counts


def undecided(corpus, *, gazetteer=None, lexicon=None, casualty_rules=None) -> dict[str, pd.DataFrame]:
    """What the extractors could not decide in ``corpus``, with the sentence to read:
    ``claims`` (side unknown; a claim with no source is stated in the outlet's own voice, which is
    not a failure; ``mention_side``/``mention_side_source`` give the side the death mention of the
    same sentence has: ``both`` for a total of both sides, or a side taken from ``context``, which
    claims never take), ``mentions`` (surnames and titles left unresolved, ambiguous surnames),
    ``quotes`` (speaker not resolved to an actor: nobody, "he" with no one to refer to, "a senior
    official"; ``speaker_start`` the offset of the phrase as written), ``deaths`` (no victim side)."""
    from ..extractors.casualties import claims
    from ..extractors.deaths import death_mentions
    from ..extractors.quotes import quotes
    from ..extractors.registry import run
    from ..tables import with_sentences

    c = claims(corpus, casualty_rules)
    c = c[c["side"] == "unknown"]
    # the unresolved ones only: a large corpus's mentions table is far larger
    m = run(corpus, ["unresolved_mentions"], {"gazetteer": gazetteer})["unresolved_mentions"]
    m = m.rename(columns={"actor": "why"})
    q = quotes(corpus, gazetteer)
    q = q[q["speaker_id"].isna() | (q["speaker_id"] == "")]
    deaths = death_mentions(corpus, lexicon=lexicon)
    d = deaths[deaths["victim_side"] == "none"]
    c = c.merge(deaths[["article_id", "sent_id", "victim_side", "side_source"]]
                .rename(columns={"victim_side": "mention_side", "side_source": "mention_side_source"}),
                on=["article_id", "sent_id"], how="left")
    s = corpus.sentences
    return {
        "claims": with_sentences(c[["article_id", "sent_id", "text", "outcome", "value", "group", "source",
                                    "mention_side", "mention_side_source"]], s),
        "mentions": with_sentences(m[["article_id", "sent_id", "surface", "why"]], s),
        "quotes": with_sentences(q[["article_id", "sent_id", "speaker", "speaker_start", "verb", "direct", "quote"]], s),
        "deaths": d[["article_id", "sent_id", "death_words", "voice", "text"]].rename(columns={"text": "sentence"}),
    }
