"""Grow the gazetteer from the corpus: a YAML draft of the actors the gazetteer does not know.

    conflictnews gazetteer suggest CORPUS [--out my_actors.yml] [--gazetteer FILE] [--min-mentions 2]

The draft lists, most mentioned first, every actor of the ``mentions`` table that is not in the
gazetteer (the persons, organisations and acting places the named-entity recogniser found):
its name (the spelling the corpus uses most), the other spellings and the acronyms the articles
define as ``aliases``, its ``kind`` as the recogniser typed it, and, as comments, how often and
in how many articles it is named, with example sentences.  ``affiliation`` is left ``unknown``:
the one field the corpus cannot tell.  The file starts with ``extends: default``, so once
reviewed (fix kinds and affiliations, delete what is not an actor) it is passed back as it is:

    conflictnews extract CORPUS --out tables/ --gazetteer my_actors.yml
    conflictnews render --corpus CORPUS --param gazetteer=my_actors.yml
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from ..files import write_text

HEADER = """\
# Actors found in {source} that the gazetteer does not know: a DRAFT written by
# `conflictnews gazetteer suggest`, most mentioned first.  Review before use:
#   * delete entries that are not actors (the named-entity recogniser makes mistakes);
#   * set `affiliation` (the side or country; `unknown` here) and check `kind` (person,
#     organisation, state, armed_group, international_body);
#   * merge entries that are one actor (move one's name into the other's `aliases`).
# Then pass this file as it is (`extends: default` keeps the shipped actors):
#   conflictnews extract CORPUS --out tables/ --gazetteer THIS_FILE
#   conflictnews render --corpus CORPUS --param gazetteer=THIS_FILE
"""


def suggestions(mentions: pd.DataFrame, sentences: pd.DataFrame, known_ids, *, min_mentions: int = 1,
                examples: int = 2) -> pd.DataFrame:
    """One row per actor of ``mentions`` whose id is not in ``known_ids`` (the gazetteer's):
    actor_id, name, kind, mentions, articles, aliases (other spellings and acronyms, most
    frequent first), examples (up to ``examples`` sentences, each from another article when it
    can).  Ranked by mentions, then articles, then name."""
    m = mentions[mentions["actor_id"].notna() & ~mentions["actor_id"].isin(set(known_ids))]
    if m.empty:
        return pd.DataFrame(columns=["actor_id", "name", "kind", "mentions", "articles", "aliases", "examples"])
    text = dict(zip(zip(sentences["article_id"], sentences["sent_id"]), sentences["text"]))
    rows = []
    for aid, g in m.groupby("actor_id", sort=False):
        name = g["actor"].iloc[0]
        spellings = g.loc[g["method"].isin(["ner", "acronym"]), "surface"].value_counts()
        aliases = [s for s in spellings.index if s != name and len(s) > 1]
        seen, ex = set(), []
        for art, sid in zip(g["article_id"], g["sent_id"]):
            if len(ex) >= examples:
                break
            if art in seen and len(set(g["article_id"])) > len(seen):
                continue
            seen.add(art)
            ex.append(f"{art}: {' '.join(str(text.get((art, sid), '')).split())}")
        kind = g["kind"].mode()
        rows.append({"actor_id": aid, "name": name, "kind": kind.iloc[0] if len(kind) else "organisation",
                     "mentions": len(g), "articles": g["article_id"].nunique(), "aliases": aliases, "examples": ex})
    out = pd.DataFrame(rows)
    out = out[out["mentions"] >= min_mentions]
    return out.sort_values(["mentions", "articles", "name"], ascending=[False, False, True]).reset_index(drop=True)


def draft_yaml(table: pd.DataFrame, source: str = "the corpus") -> str:
    """The gazetteer draft (``extends: default`` and one entry per row of :func:`suggestions`),
    with each entry's counts and example sentences as comments above it."""
    lines = [HEADER.format(source=source), "extends: default", "actors:" if len(table) else "actors: []"]
    for r in table.itertuples():
        lines.append(f"  # {r.mentions} mention(s) in {r.articles} article(s)")
        for ex in r.examples:
            lines.append("  #   " + _comment(ex))
        entry = {"id": r.actor_id, "name": r.name, "kind": r.kind, "affiliation": "unknown"}
        if r.aliases:
            entry["aliases"] = list(r.aliases)
        body = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100)
        lines.extend("  " + line for line in body.rstrip("\n").split("\n"))
    return "\n".join(lines) + "\n"


def _comment(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def suggest(corpus, gazetteer=None, *, min_mentions: int = 1, examples: int = 2, model: str | None = None
            ) -> pd.DataFrame:
    """:func:`suggestions` for a corpus: its mentions computed with ``gazetteer``."""
    from ..extractors.actors import load_gazetteer, mentions

    gz = load_gazetteer(gazetteer)
    found = mentions(corpus, gz, demonyms=False, model=model)
    return suggestions(found, corpus.sentences, gz.actors, min_mentions=min_mentions, examples=examples)


def write_draft(corpus, path: str | Path, gazetteer=None, *, min_mentions: int = 1, examples: int = 2,
                model: str | None = None, source: str | None = None) -> pd.DataFrame:
    """Write the draft for ``corpus`` to ``path`` (whole or not at all); returns the table."""
    table = suggest(corpus, gazetteer, min_mentions=min_mentions, examples=examples, model=model)
    write_text(Path(path), draft_yaml(table, source or getattr(corpus, "source", "") or "the corpus"))
    return table
