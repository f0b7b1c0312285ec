"""Which actors are named together: pairs of actors counted over the sentences naming both."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

COLUMNS = ["actor_id_a", "actor_a", "actor_id_b", "actor_b", "sentences"]


def cooccurrence(mentions: pd.DataFrame, chunk: int = 1_000_000) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: ``actor_id_a``, ``actor_a``, ``actor_id_b``,
    ``actor_b`` (a < b by id) and ``sentences``, the number of sentences naming both, most first
    (ties by id).

    Sentences and actors are numbered first and each (sentence, actor) kept once, as one integer;
    the pairs are then formed and counted ``chunk`` of those at a time (never splitting a
    sentence), so that memory stays flat on millions of mentions, whether the label columns are
    text or categories."""
    if mentions.empty:
        return pd.DataFrame(columns=COLUMNS)
    article = pd.factorize(mentions["article_id"])[0].astype(np.int64)
    sent = mentions["sent_id"].to_numpy(dtype=np.int64)
    actor, actor_ids = pd.factorize(mentions["actor_id"], sort=True)   # code order = id order
    actor_ids = np.asarray(actor_ids.astype(str))
    n = len(actor_ids)
    sentence = article * (int(sent.max()) + 1) + sent
    found = np.unique(sentence * n + actor)          # each (sentence, actor) once, sorted by sentence
    s, a = found // n, found % n
    counts: Counter = Counter()
    start = 0
    while start < len(found):
        stop = min(start + chunk, len(found))
        while stop < len(found) and s[stop] == s[stop - 1]:
            stop += 1                                # the chunk ends with a whole sentence
        part = pd.DataFrame({"s": s[start:stop], "a": a[start:stop]})
        pairs = part.merge(part, on="s", suffixes=("", "_b"))
        pairs = pairs[pairs["a"] < pairs["a_b"]]
        keys, k = np.unique(pairs["a"].to_numpy() * n + pairs["a_b"].to_numpy(), return_counts=True)
        counts.update(dict(zip(keys.tolist(), k.tolist())))
        start = stop
    if not counts:
        return pd.DataFrame(columns=COLUMNS)
    keys = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    first = mentions.drop_duplicates("actor_id")
    names = dict(zip(first["actor_id"].astype(str), first["actor"].astype(str)))
    out = pd.DataFrame({"actor_id_a": actor_ids[keys // n], "actor_id_b": actor_ids[keys % n],
                        "sentences": np.fromiter(counts.values(), dtype=np.int64, count=len(counts))})
    out["actor_a"] = out["actor_id_a"].map(names)
    out["actor_b"] = out["actor_id_b"].map(names)
    return (out[COLUMNS].sort_values(["sentences", "actor_id_a", "actor_id_b"], ascending=[False, True, True])
            .reset_index(drop=True))
