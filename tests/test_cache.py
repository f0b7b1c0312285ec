"""The corpus cache: one load and tokenization per render, never a stale or broken snapshot."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from conflictnews.corpus import snapshot as cache, load_corpus
from conflictnews.corpus.snapshot import CacheWarning, load_cached
from conflictnews.corpus.load import CorpusError

from conftest import SEEDS


def snapshots(folder):
    return sorted(p for p in folder.glob("corpus-*") if p.is_dir())


def assert_same_corpus(got, expected):
    for name in ("articles", "skipped", "cleaning", "sentences"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(expected, name), obj=name)
    pd.testing.assert_series_equal(got.word_counts, expected.word_counts)
    assert got.source == expected.source


def test_a_snapshot_gives_the_corpus_that_loading_gives(corpus_dir, tmp_path, monkeypatch):
    fresh = load_corpus(corpus_dir)
    first = load_cached(corpus_dir, folder=tmp_path / "cache")
    assert len(snapshots(tmp_path / "cache")) == 1
    assert_same_corpus(first, fresh)

    def no_loading(*args, **kwargs):
        raise AssertionError("the corpus was loaded from its files although a snapshot matches")
    monkeypatch.setattr(cache, "load_corpus", no_loading)
    second = load_cached(corpus_dir, folder=tmp_path / "cache")
    assert {"sentences", "word_counts"} <= set(second.__dict__)  # tokenized already
    assert_same_corpus(second, fresh)


@pytest.mark.parametrize("change", ["edit an article", "add an article", "edit the metadata", "cleaning rules"])
def test_any_change_to_what_was_loaded_is_loaded_again(corpus_dir, tmp_path, change):
    rules = tmp_path / "rules.yml"
    rules.write_text("line_rules: []\n", encoding="utf-8")
    kwargs = {"cleaning": rules} if change == "cleaning rules" else {}
    before = load_cached(corpus_dir, folder=tmp_path / "cache", **kwargs)
    article = sorted(corpus_dir.glob("*.txt"))[0]
    if change == "edit an article":
        article.write_text(article.read_text(encoding="utf-8") + "\n\nA new closing line.", encoding="utf-8")
    elif change == "add an article":
        (corpus_dir / "zz_new.txt").write_text("A new article.\n\nIt has two paragraphs.", encoding="utf-8")
    elif change == "edit the metadata":
        meta = corpus_dir / "metadata.csv"
        meta.write_text(meta.read_text(encoding="utf-8").replace("Daily Sabah", "Sabah Daily"), encoding="utf-8")
    else:
        rules.write_text("line_rules:\n  - name: advertisement\n    pattern: 'advertisement'\n", encoding="utf-8")
    after = load_cached(corpus_dir, folder=tmp_path / "cache", **kwargs)
    assert_same_corpus(after, load_corpus(corpus_dir, **kwargs))
    assert not before.articles.equals(after.articles)
    assert len(snapshots(tmp_path / "cache")) == 2


def test_an_unreadable_snapshot_is_reported_and_replaced(corpus_dir, tmp_path):
    load_cached(corpus_dir, folder=tmp_path / "cache")
    [snapshot] = snapshots(tmp_path / "cache")
    (snapshot / "sentences.parquet").write_bytes(b"not parquet at all")
    with pytest.warns(CacheWarning, match=rf"corpus cache .*{snapshot.name} ignored"):
        got = load_cached(corpus_dir, folder=tmp_path / "cache")
    assert_same_corpus(got, load_corpus(corpus_dir))
    assert_same_corpus(load_cached(corpus_dir, folder=tmp_path / "cache"), got)  # rewritten, readable


def test_without_a_cache_folder_nothing_is_written(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    got = load_cached(corpus_dir)
    assert "sentences" not in got.__dict__  # plain load_corpus: tokenized on first use, as ever
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_the_environment_variable_names_the_folder(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "from-env"))
    load_cached(corpus_dir)
    assert len(snapshots(tmp_path / "from-env")) == 1


def test_only_the_most_recently_used_snapshots_are_kept(tmp_path):
    for i in range(cache.KEEP + 2):
        (tmp_path / f"c{i}").mkdir()
        (tmp_path / f"c{i}" / "a.txt").write_text(f"Article number {i}.", encoding="utf-8")
        load_cached(tmp_path / f"c{i}", folder=tmp_path / "cache")
    assert len(snapshots(tmp_path / "cache")) == cache.KEEP


def test_a_corpus_error_is_raised_and_nothing_is_stored(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "blank.txt").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="no usable article"):
        load_cached(tmp_path / "empty", folder=tmp_path / "cache")
    with pytest.raises(CorpusError, match="corpus not found"):
        load_cached(tmp_path / "nowhere", folder=tmp_path / "cache")
    assert not (tmp_path / "cache").exists() or snapshots(tmp_path / "cache") == []


def test_filtering_keeps_what_is_tokenized_and_gets_it_right(seeds):
    from conflictnews.corpus.segment import count_words, sentences

    full = load_corpus(SEEDS)
    full.sentences, full.word_counts  # noqa: B018 - computed, as a snapshot holds them
    sub = full.filter(outlets=["Daily Sabah"])
    assert {"sentences", "word_counts"} <= set(sub.__dict__)
    pd.testing.assert_frame_equal(sub.sentences, sentences(sub.articles))
    assert sub.word_counts.to_dict() == {a: count_words(t) for a, t in zip(sub.articles["article_id"],
                                                                                sub.articles["text"])}
    assert 0 < len(sub.articles) < len(full.articles)


def test_reading_a_corpus_for_a_report_does_not_import_nltk():
    # NLTK's package import costs ~0.2 s per notebook; only tokenizing should pay it.
    code = ("import sys, conflictnews.reports.report, conflictnews.analysis.overview, conflictnews.extractors.registry, conflictnews.corpus.snapshot; "
            "print(sorted(m for m in sys.modules if m == 'nltk' or m.startswith('nltk.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
