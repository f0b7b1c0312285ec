"""Which actors are named together: pairs of actors counted over the sentences naming both."""
from __future__ import annotations

import pandas as pd


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: ``actor_id_a``, ``actor_a``, ``actor_id_b``,
    ``actor_b`` (a < b by id) and ``sentences``, the number of sentences naming both, most first
    (ties by id).
    Sentences and actors are numbered first, so that the pairing (a self-join per sentence) moves
    integers, not strings: a corpus of millions of mentions pairs in a few hundred MB."""
    cols = ["actor_id_a", "actor_a", "actor_id_b", "actor_b", "sentences"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    sentence = mentions.groupby(["article_id", "sent_id"], sort=False).ngroup().to_numpy()
    actor_codes, actor_ids = pd.factorize(mentions["actor_id"], sort=True)   # code order = id order
    slim = pd.DataFrame({"s": sentence, "a": actor_codes}).drop_duplicates()
    pairs = slim.merge(slim, on="s", suffixes=("", "_b"))
    pairs = pairs[pairs["a"] < pairs["a_b"]]
    counts = pairs.groupby(["a", "a_b"]).size().rename("sentences").reset_index()
    names = mentions.drop_duplicates("actor_id").set_index("actor_id")["actor"]
    out = pd.DataFrame({"actor_id_a": actor_ids[counts["a"].to_numpy()], "actor_id_b": actor_ids[counts["a_b"].to_numpy()],
                        "sentences": counts["sentences"].to_numpy()})
    out["actor_a"] = out["actor_id_a"].map(names)
    out["actor_b"] = out["actor_id_b"].map(names)
    return (out[cols].sort_values(["sentences", "actor_id_a", "actor_id_b"], ascending=[False, True, True])
            .reset_index(drop=True))
