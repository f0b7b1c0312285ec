"""One extractor contract and one engine (conflictnews.extractors.registry): every table comes
from a declaration, and a new table needs nothing but its own module."""
from __future__ import annotations

import importlib.metadata

import pandas as pd
import pytest

from conflictnews.extractors import base, registry

from conftest import ROOT


def test_every_extractor_declares_described_columns_and_resources():
    found = registry.extractors()
    assert {"claims", "mentions", "quotes", "unlisted_names", "stance_terms", "party_labels",
            "death_mentions"} <= set(found)
    for ex in found.values():
        assert ex.columns and all(isinstance(d, str) and d.strip() for d in ex.columns.values()), ex.name
        for r in ex.resources:
            assert (ROOT / "lib" / "conflictnews" / "resources" / r.default).exists(), (ex.name, r.default)


def test_the_engine_gives_each_table_its_declared_columns_article_by_article(seeds):
    frames = registry.run(seeds)
    assert set(frames) == set(registry.table_names())
    for name, ex in registry.extractors().items():
        assert list(frames[name].columns) == list(ex.columns), name
    # per article, then joined: the engine's rows are those of each article on its own
    one = seeds.filter(outlets=[seeds.articles["outlet"].iloc[0]])
    part = registry.run(one, ["claims", "quotes"])
    for name in ("claims", "quotes"):
        mine = frames[name][frames[name]["article_id"].isin(one.articles["article_id"])].reset_index(drop=True)
        pd.testing.assert_frame_equal(part[name], mine)


def test_the_engine_matches_each_module_s_own_corpus_function(seeds):
    from conflictnews.extractors import actors, casualties, deaths, quotes, stance

    frames = registry.run(seeds)
    own = {"claims": casualties.claims(seeds), "mentions": actors.mentions(seeds), "quotes": quotes.quotes(seeds),
           "unlisted_names": actors.unlisted_names(seeds), "stance_terms": stance.stance_terms(seeds),
           "party_labels": stance.party_labels(seeds), "death_mentions": deaths.death_mentions(seeds)}
    for name, frame in own.items():
        assert len(frame), name  # each table has rows on the seeds: the comparison means something
        pd.testing.assert_frame_equal(_plain(frames[name]), _plain(frame.reset_index(drop=True)))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as objects with None for missing: the same rows compare equal whatever dtype
    inference made of them."""
    return frame.astype(object).where(frame.notna(), None)


def test_a_table_that_needs_no_parse_never_triggers_one(seeds, monkeypatch):
    import conflictnews.nlp.parsing as parsing

    monkeypatch.setattr(parsing, "parse", lambda *a, **k: pytest.fail("parsed for a lexicon-only table"))
    assert not registry.extractors()["stance_terms"].needs
    assert len(registry.run(seeds, ["stance_terms"])["stance_terms"])


def _toy(name="aid_trucks", after=(), needs=(), columns=None):
    def trucks(article, ctx):
        for s in article.sentences:
            if "truck" in s.text.lower():
                yield {"article_id": article.article_id, "sent_id": s.sent_id,
                       "mentions": len(ctx.rows.get("mentions", ())), "words": len(s.doc) if s.doc else None}
    return base.Extractor(name=name, unit="sentence about aid trucks",
                          columns=columns or {"article_id": "the article", "sent_id": "the sentence",
                                              "mentions": "actor mentions in the article",
                                              "words": "tokens in the sentence"},
                          extract=trucks, after=after, needs=needs,
                          resources=(base.Resource("truck_words", "stance.yml", "words for trucks"),))


@pytest.fixture
def plugin(monkeypatch):
    """Install a toy extractor the way a user's package would: through the entry-point group."""
    ex = _toy(after=("mentions",), needs=("dep",))

    class EntryPoint:
        name, value = "aid_trucks", "toy:EXTRACTOR"

        def load(self):
            return ex

    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points",
                        lambda **kw: [EntryPoint()] if kw.get("group") == registry.ENTRY_POINT_GROUP else real(**kw))
    registry.extractors.cache_clear()
    yield ex
    registry.extractors.cache_clear()


def test_a_new_table_is_wired_everywhere_from_its_declaration_alone(plugin, seeds, tmp_path):
    from conflictnews import cli
    from conflictnews.reports.render import path_parameters

    assert "aid_trucks" in registry.table_names()
    assert "truck_words" in path_parameters()                       # the render's path parameters
    help_text = cli.build_parser()._subparsers._group_actions[0].choices["extract"].format_help()
    assert "--truck-words" in help_text and "aid_trucks" in help_text  # the extract command
    assert "`aid_trucks.csv`" in registry.markdown() and "tokens in the sentence" in registry.markdown()
    written = registry.write_tables(seeds, tmp_path, ["aid_trucks"])
    table = pd.read_csv(written["aid_trucks"])
    assert len(table) and (table["mentions"] > 0).all()                # it read the mentions it asked for
    assert (table["words"] > 0).all()                                   # and the parse it asked for


def test_declarations_are_checked():
    with pytest.raises(ValueError, match="unknown capabilities"):
        _toy(needs=("sentiment",))
    with pytest.raises(ValueError, match="undeclared column"):
        _toy(columns={"article_id": "the article"}).frame([{"article_id": "a", "sent_id": 1}], base.Context())


def test_dependencies_come_first_and_circles_are_refused(monkeypatch):
    a, b = _toy("a", after=("b",)), _toy("b", after=("a",))
    monkeypatch.setattr(registry, "extractors", lambda: {"a": a, "b": b})
    with pytest.raises(ValueError, match="circle"):
        registry.plan(["a"])
    c = _toy("c", after=("d",))
    d = _toy("d")
    monkeypatch.setattr(registry, "extractors", lambda: {"c": c, "d": d})
    assert [e.name for e in registry.plan(["c"])] == ["d", "c"]


def test_unknown_tables_options_and_missing_files_are_named(seeds, tmp_path):
    with pytest.raises(ValueError, match="unknown table.*'claimz'"):
        registry.run(seeds, ["claimz"])
    with pytest.raises(ValueError, match="unknown option.*'gazeteer'"):
        registry.run(seeds, ["mentions"], {"gazeteer": "x.yml"})
    with pytest.raises(ValueError, match="no such file"):
        registry.run(seeds, ["mentions"], {"gazetteer": str(tmp_path / "missing.yml")})


def test_the_readme_lists_every_table_as_declared():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- tables: generated by `python -m conflictnews.extractors.registry` -->", "<!-- /tables -->"
    assert start in readme and end in readme, "README lost the generated table section"
    section = readme.split(start, 1)[1].split(end, 1)[0].strip()
    assert section == registry.markdown(), ("README's tables differ from the declarations: run "
                                            "`python -m conflictnews.extractors.registry --readme README.md`")
