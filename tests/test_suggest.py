"""`conflictnews gazetteer suggest`: a YAML draft of the actors a corpus names that the gazetteer
does not know, which, passed back, changes the mentions."""
from __future__ import annotations

import pandas as pd
import yaml

from conflictnews.analysis.suggest import suggest, write_draft
from conflictnews.cli import main
from conflictnews.extractors.actors import load_gazetteer, mentions
from conflictnews.extractors.registry import frame_corpus

TEXTS = [
    "The Arakan Army (AA) said it had taken the town. The AA said its fighters met no resistance.",
    "Fighting between the Arakan Army and the junta went on, residents said. Arakan Army fighters held the road.",
    "Aid workers said the Arakan Army had let them through.",
]


def corpus():
    return frame_corpus(pd.DataFrame({"article_id": ["a", "b", "c"], "text": TEXTS,
                                      "published": pd.to_datetime(["2024-05-01"] * 3)}))


def test_the_draft_ranks_unknown_actors_with_spellings_and_examples():
    table = suggest(corpus())
    top = table.iloc[0]
    assert (top["actor_id"], top["name"], top["kind"]) == ("arakan_army", "Arakan Army", "organisation")
    assert top["mentions"] == 5 and top["articles"] == 3   # the definition "(AA)" is not a second mention
    assert top["aliases"] == ["AA"]                          # the acronym the text defines
    assert len(top["examples"]) == 2 and top["examples"][0].startswith("a: The Arakan Army (AA)")
    assert list(table["mentions"]) == sorted(table["mentions"], reverse=True)
    assert not set(table["actor_id"]) & set(load_gazetteer().actors)   # only what the gazetteer lacks


def test_the_draft_passed_back_changes_the_mentions(tmp_path):
    path = tmp_path / "draft.yml"
    write_draft(corpus(), path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["extends"] == "default" and data["actors"][0]["affiliation"] == "unknown"
    entry = data["actors"][0]
    entry["affiliation"] = "Arakan Army"          # what a reviewer does
    entry["kind"] = "armed_group"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    m = mentions(corpus(), path)
    aa = m[m["actor_id"] == "arakan_army"]
    assert set(aa["method"]) <= {"full_name", "alias"} and set(aa["affiliation"]) == {"Arakan Army"}
    # (the gazetteer matches its alias everywhere, the definition "(AA)" too)
    assert set(aa["kind"]) == {"armed_group"} and len(aa) == 6


def test_the_command_writes_the_draft(tmp_path, capsys):
    src = tmp_path / "news.jsonl"
    src.write_text("".join(pd.Series([{"id": i, "text": t} for i, t in zip("abc", TEXTS)]).map(
        lambda r: __import__("json").dumps(r) + "\n")), encoding="utf-8")
    out = tmp_path / "draft.yml"
    assert main(["gazetteer", "suggest", str(src), "--out", str(out)]) == 0
    assert "Arakan Army" in capsys.readouterr().out
    load_gazetteer(out)   # valid as it stands
    assert main(["gazetteer", "suggest", str(tmp_path / "missing.jsonl"), "--out", str(out)]) == 2
