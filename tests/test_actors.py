"""Actor mentions: hand-checked counts on the seeds, the resolution rules, the gazetteer file."""
from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings, strategies as st

from conflictnews.extractors.actors import (MENTION_COLUMNS, load_gazetteer, mentions,
                                 mentions_in_text, unlisted_names)
from conflictnews.resources import ResourceError


@pytest.fixture(scope="module")
def seed_mentions(seeds):
    return mentions(seeds)


def counts(frame, prefix):
    sub = frame[frame["article_id"].str.startswith(prefix)]
    return sub["actor_id"].value_counts().to_dict()


# Counted by hand from the cleaned article text, applying the documented rules: a title next to a
# name is one mention; "U.S."/"US"/"United States"/"Washington" (as an actor, not "in
# Washington") are the United States, except "U.S." before a noun or a title ("U.S. officials",
# "US capital", "US Secretary of State"), which counts like "American"; "Israeli" is a demonym,
# not Israel, and so is "Israel Defense Minister"; "Prime Minister's office" is a title mention
# of Netanyahu, "the Prime Minister's Chief of Staff" is not.
HAND_COUNTS = {
    "003": {"antony_blinken": 10, "united_states": 7, "israel": 13, "benjamin_netanyahu": 5,
            "hamas": 6, "egypt": 2, "qatar": 1, "lloyd_austin": 2, "yoav_gallant": 2,
            "us_department_of_defense": 1, "us_state_department": 1, "demonym:israeli": 3,
            "demonym:saudi": 2, "demonym:egyptian": 1, "demonym:american": 7},
    "004": {"lloyd_austin": 9, "yoav_gallant": 9, "benjamin_netanyahu": 6, "joe_biden": 5,
            "united_states": 8, "israel": 11, "hamas": 8, "white_house": 1,
            "karine_jean_pierre": 1, "jake_sullivan": 1, "william_burns": 2, "cia": 1, "qatar": 1,
            "un_security_council": 1, "egypt": 1, "iran": 1, "demonym:palestinian": 4,
            "demonym:israeli": 4, "demonym:american": 6},
    "000": {"antony_blinken": 13, "israel": 14, "hamas": 7, "united_states": 5,
            "benjamin_netanyahu": 3, "joe_biden": 1, "isaac_herzog": 1, "idf": 1,
            "us_state_department": 2, "barbara_leaf": 1, "yoav_gallant": 1, "benny_gantz": 1,
            "gadi_eisenkot": 1, "ron_dermer": 1, "aryeh_deri": 1, "tzachi_hanegbi": 1,
            "tzachi_braverman": 1, "herzi_halevi": 1, "avi_gil": 1, "ofir_falk": 1,
            "derek_chollet": 1, "david_satterfield": 1, "jack_lew": 1,
            "demonym:palestinian": 4, "demonym:israeli": 2, "demonym:american": 4},
}


@pytest.mark.parametrize("prefix", sorted(HAND_COUNTS))
def test_hand_counted_mentions(seed_mentions, prefix):
    assert counts(seed_mentions, prefix) == HAND_COUNTS[prefix]


def test_columns_and_offsets(seeds, seed_mentions):
    assert list(seed_mentions.columns) == MENTION_COLUMNS
    texts = dict(zip(seeds.articles["article_id"], seeds.articles["text"]))
    sents = seeds.sentences.set_index(["article_id", "sent_id"])
    for r in seed_mentions.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.surface
        s = sents.loc[(r.article_id, r.sent_id)]
        assert s["start"] <= r.start < s["end"]
    assert set(seed_mentions["method"]) <= {"full_name", "alias", "title", "surname", "metonym", "demonym",
                                            "modifier", "ner", "acronym"}


def test_methods_on_seed_000(seed_text, seed_mentions):
    m = seed_mentions[seed_mentions["article_id"].str.startswith("000")]
    lief = m[m["surface"] == "Barbara Lief"]
    assert lief[["actor_id", "method"]].values.tolist() == [["barbara_leaf", "alias"]]
    # the headline's "Blinken:" comes before the full name and still resolves
    first = m.iloc[0]
    assert (first["surface"], first["actor_id"], first["method"]) == ("Blinken", "antony_blinken", "surname")
    # "Secretary of State Antony Blinken" is one mention, not two
    assert not ((m["method"] == "title") & (m["actor_id"] == "antony_blinken")).any()
    pm = m[m["method"] == "title"]
    assert set(pm["surface"]) == {"Prime Minister"} and set(pm["actor_id"]) == {"benjamin_netanyahu"}


def test_demonym_is_not_the_state(seed_mentions):
    m = seed_mentions[seed_mentions["article_id"].str.startswith("004")]
    israeli = m[m["surface"].isin(["Israeli", "Israelis"])]
    assert len(israeli) == 3
    assert set(israeli["actor_id"]) == {"demonym:israeli"}
    assert set(israeli["kind"]) == {"demonym"} and set(israeli["method"]) == {"demonym"}
    assert not mentions_in_text("Israeli soldiers crossed.", "2024-01-01")["actor_id"].eq("israel").any()


def test_demonyms_can_be_left_out(seeds):
    m = mentions(seeds, demonyms=False)
    assert not m["method"].isin(["demonym", "modifier"]).any()
    assert (m["actor_id"] == "israel").sum() == (mentions(seeds)["actor_id"] == "israel").sum()


def test_two_people_sharing_a_surname_are_not_guessed():
    text = ("Defense Minister Rajnath Singh met former prime minister Manmohan Singh in New Delhi. "
            "Singh said the talks went well.")
    m = mentions_in_text(text, "2023-11-10", unresolved=True)
    bare = m[m["surface"] == "Singh"]
    assert len(bare) == 1 and bare["actor_id"].isna().all()
    assert "ambiguous" in bare["actor"].iloc[0]
    assert "Singh" not in set(mentions_in_text(text, "2023-11-10")["surface"])
    # with one Singh named, the bare surname resolves to him
    one = mentions_in_text("Defense Minister Rajnath Singh spoke. Singh said it went well.", "2023-11-10")
    assert one[one["surface"] == "Singh"]["actor_id"].tolist() == ["rajnath_singh"]


def test_an_unknown_second_bearer_blocks_the_surname(seeds, tmp_path):
    """Without Nijjar in the gazetteer, "Hardeep Singh Nijjar" is a second Singh in article 001."""
    path = tmp_path / "india.yml"
    path.write_text(textwrap.dedent("""\
        actors:
          - {id: rajnath_singh, name: Rajnath Singh, kind: person, affiliation: India}
        """), encoding="utf-8")
    m = mentions(seeds, gazetteer=path, unresolved=True)
    m = m[m["article_id"].str.startswith("001")]
    assert m[m["surface"] == "Rajnath Singh"]["actor_id"].tolist() == ["rajnath_singh"]
    bare = m[m["surface"] == "Singh"]
    assert len(bare) == 1 and bare["actor_id"].isna().all()
    # with the shipped gazetteer (which knows Nijjar) it resolves
    shipped = mentions(seeds)
    s = shipped[shipped["article_id"].str.startswith("001") & (shipped["surface"] == "Singh")]
    assert s["actor_id"].tolist() == ["rajnath_singh"]


def test_title_resolved_by_date():
    text = "The Secretary of State said the talks would go on."
    in_office = mentions_in_text(text, "2023-11-03")
    assert in_office[["surface", "actor_id", "method"]].values.tolist() == [
        ["Secretary of State", "antony_blinken", "title"]]
    later = mentions_in_text(text, "2025-06-01")
    assert "antony_blinken" not in set(later["actor_id"])
    assert later["actor_id"].tolist() == ["marco_rubio"]
    blinken_only = {"actors": [{"id": "blinken", "name": "Antony Blinken", "kind": "person", "affiliation": "US",
                                "titles": [{"title": "Secretary of State", "from": "2021-01-26",
                                            "to": "2025-01-20"}]}]}
    assert mentions_in_text(text, "2025-06-01", gazetteer=blinken_only).empty
    assert mentions_in_text(text, "2020-06-01", gazetteer=blinken_only).empty
    assert mentions_in_text(text, "2024-06-01", gazetteer=blinken_only)["actor_id"].tolist() == ["blinken"]


def test_title_qualifier_and_former():
    m = mentions_in_text("The Israeli defense minister spoke to the Indian defense minister.", "2024-03-26",
                         unresolved=True)
    titles = m[m["method"] == "title"]
    assert titles["actor_id"].tolist()[0] == "yoav_gallant"
    assert titles["actor_id"].tolist()[1] == "rajnath_singh"
    assert mentions_in_text("The former Secretary of State spoke.", "2023-11-03").empty


def test_metonym_as_actor_but_not_as_place():
    m = mentions_in_text("Washington decided not to veto. Gallant is expected in Washington next week.",
                         "2024-03-26")
    wash = m[m["surface"] == "Washington"]
    assert len(wash) == 1 and wash["start"].iloc[0] == 0
    assert wash[["actor_id", "method"]].values.tolist() == [["united_states", "metonym"]]


def test_user_gazetteer_replaces_the_shipped_one(seeds, tmp_path):
    path = tmp_path / "sudan.yml"
    path.write_text(textwrap.dedent("""\
        # A Sudan gazetteer
        actors:
          - id: rsf
            name: Rapid Support Forces
            kind: armed_group
            affiliation: RSF
            aliases: [RSF]
          - id: hemedti
            name: Mohamed Hamdan Dagalo
            kind: person
            affiliation: RSF
            aliases: [Hemedti]
            known_by_surname: true
        demonyms:
          - {id: sudanese, name: Sudanese, affiliation: Sudan, forms: [Sudanese]}
        """), encoding="utf-8")
    # the seeds name none of these actors; the names the recogniser finds are still actors
    # (issue 10: every named actor is an actor), with ids derived from the name
    seeds_m = mentions(seeds, gazetteer=path)
    assert set(seeds_m["method"]) <= {"ner", "surname", "acronym"}
    assert {"antony_blinken", "benjamin_netanyahu"} <= set(seeds_m["actor_id"])
    m = mentions_in_text("The RSF said Dagalo, known as Hemedti, met Sudanese elders. Israel was not there.",
                         "2024-01-01", gazetteer=path)
    assert m["actor_id"].tolist() == ["rsf", "hemedti", "hemedti", "demonym:sudanese"]
    # and a file that extends the default keeps the shipped actors
    ext = tmp_path / "ext.yml"
    ext.write_text("extends: default\nactors:\n  - {id: rsf, name: Rapid Support Forces, kind: armed_group, "
                   "affiliation: RSF}\n", encoding="utf-8")
    m2 = mentions_in_text("The Rapid Support Forces and Hamas.", "2024-01-01", gazetteer=ext)
    assert m2["actor_id"].tolist() == ["rsf", "hamas"]


@pytest.mark.parametrize("yaml_text, words", [
    ("actors:\n  - {name: Nobody, kind: person, affiliation: X}\n", ["actor #1", "'id'"]),
    ("actors:\n  - {id: a, kind: person, affiliation: X}\n", ["'a'", "'name'"]),
    ("actors:\n  - {id: a, name: A, kind: person, affiliation: X}\n  - {id: a, name: B, kind: state, affiliation: X}\n",
     ["duplicate id 'a'", "entry #2"]),
    ("actors:\n  - {id: a, name: A, kind: person, affiliation: X, titles: [{title: Boss, from: 2023-13-45}]}\n",
     ["'a'", "Boss", "not a date"]),
    ("actors:\n  - {id: a, name: A, kind: person, affiliation: X, titles: [{title: Boss, from: 2024-01-01, to: 2023-01-01}]}\n",
     ["'a'", "after"]),
    ("actors:\n  - {id: a, name: A, kind: warlord, affiliation: X}\n", ["'a'", "kind 'warlord'"]),
    ("actors:\n  - {id: a, name: A, kind: person, affiliation: X, alias: [B]}\n", ["'a'", "unknown key", "alias"]),
    ("actors: [\n", ["not valid YAML"]),
])
def test_malformed_gazetteer_names_file_entry_and_problem(tmp_path, yaml_text, words):
    path = tmp_path / "bad_actors.yml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ResourceError) as err:
        load_gazetteer(path)
    msg = str(err.value)
    assert "bad_actors.yml" in msg
    for w in words:
        assert w in msg
    assert isinstance(err.value, ValueError)


def test_missing_gazetteer_file_is_a_clear_error(tmp_path):
    with pytest.raises(ResourceError, match="not found"):
        load_gazetteer(tmp_path / "nope.yml")


def test_shipped_gazetteer_is_compiled_once():
    assert load_gazetteer() is load_gazetteer(None)


def test_unlisted_names(seeds, tmp_path):
    shipped = unlisted_names(seeds)
    assert "Hardeep Singh Nijjar" not in set(shipped["name"])
    assert not shipped["name"].isin(["Antony Blinken", "Benjamin Netanyahu"]).any()
    small = tmp_path / "small.yml"
    small.write_text("actors:\n  - {id: blinken, name: Antony Blinken, kind: person, affiliation: US}\n",
                     encoding="utf-8")
    u = unlisted_names(seeds, gazetteer=small)
    names = set(u["name"])
    assert {"Hardeep Singh Nijjar", "Benjamin Netanyahu", "Lloyd Austin"} <= names
    assert "Antony Blinken" not in names
    row = u[u["name"] == "Benjamin Netanyahu"].iloc[0]
    # 8 occurrences in the texts; the photo caption of 003 ("Prime Minister of Israel Benjamin
    # Netanyahu (R) receives US Secretary of State Antony Blinken.") is mostly capitalised, so it
    # is skipped as headline-case noise
    assert row["count"] == 7 and row["articles"] == 5
    assert u[u["name"] == "Lloyd Austin"].iloc[0]["count"] == 3  # "Defense Secretary" stripped
    assert list(u["count"]) == sorted(u["count"], reverse=True)
    # no month/day/sentence-initial noise
    assert not any(n.split()[0] in {"The", "On", "In", "November", "Thursday"} for n in names)


_ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:'’\"“”-\n\t"))
_WORDS = st.sampled_from(["Blinken", "Antony Blinken", "Singh", "Rajnath Singh", "Secretary of State", "the",
                          "president", "Israeli", "Israel", "in Washington", "Washington", "said", "he", "she",
                          "\u201c", "\u201d", '"', ",", ".", "\n\n", "U.S.", "according to", "former", "Hamas-run",
                          "el-Sisi", "Prime Minister", "’s", "told reporters", "that"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=6)), max_size=40),
       st.sampled_from([None, "2023-11-03", "2026-01-01"]))
def test_mentions_never_raise_and_offsets_slice(parts, published):
    text = " ".join(parts)
    m = mentions_in_text(text, published, unresolved=True)
    for r in m.itertuples():
        assert text[r.start:r.end] == r.surface
        assert 0 <= r.start < r.end <= len(text)


# --- the fast paths must agree with the plain regexes they replace -------------------------------

_ANY_CHARS = st.sampled_from(list("aZ9_.'’-‐ \t\n\u00a0\u2003x²Éé,\"“") + ["Blinken", "the ", "minister"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ANY_CHARS, max_size=30), st.integers(0, 40), st.integers(0, 40))
def test_prev_word_is_the_prev_word_regex(parts, a, b):
    from conflictnews.extractors.actors import _PREV_WORD, _prev_word

    text = "".join(parts)
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    m = _PREV_WORD.search(text[lo:hi])
    want = None if m is None else (lo + m.start(1), lo + m.end(1))
    assert _prev_word(text, lo, hi) == want


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=6),
                          st.sampled_from(["defense minister", "foreign minister", "the president",
                                           "tthe president", "U.S. president", "anti-Israeli defense minister"])),
                max_size=30))
def test_lower_titles_regex_same_as_backtracking_version(parts):
    import re

    gz = load_gazetteer(None)
    plain = re.compile(gz.low_titles_re.pattern.replace("*+", "*").replace("++", "+", 1))
    assert plain.pattern != gz.low_titles_re.pattern
    text = " ".join(parts)
    assert [m.span(1) for m in gz.low_titles_re.finditer(text)] == [m.span(1) for m in plain.finditer(text)]


def test_mentions_of_an_articles_frame_equal_those_of_the_corpus(seeds, seed_mentions):
    assert mentions(seeds.articles).equals(seed_mentions)


# --- a state's name before a noun counts like a demonym ---------------------------------------------

def _rows(text, published="2023-11-10", **kw):
    return mentions_in_text(text, published, **kw)[["surface", "actor_id", "kind", "method"]].values.tolist()


def test_a_state_name_before_a_noun_counts_like_its_demonym():
    text = ("A senior U.S. official met Israeli officials, and U.S. Secretary of State Antony Blinken "
            "flew to the US capital. The U.S. said Israel agreed. Israel's leaders and the leaders of Israel "
            "met.")
    got = _rows(text)
    assert got == [
        ["U.S.", "demonym:american", "demonym", "modifier"],     # before a noun
        ["Israeli", "demonym:israeli", "demonym", "demonym"],     # the demonym: the same kind of row
        ["U.S.", "demonym:american", "demonym", "modifier"],     # before a title
        ["Antony Blinken", "antony_blinken", "person", "full_name"],
        ["US", "demonym:american", "demonym", "modifier"],       # "the US capital"
        ["U.S.", "united_states", "state", "alias"],              # the subject: the state itself
        ["Israel", "israel", "state", "full_name"],               # before a verb
        ["Israel", "israel", "state", "full_name"],               # possessive: the state
        ["Israel", "israel", "state", "full_name"],               # "of Israel": the state
    ]
    # a state with no demonym in the gazetteer gets one of its own
    gz = {"actors": [{"id": "freedonia", "name": "Freedonia", "kind": "state", "affiliation": "FD"}]}
    assert _rows("Freedonia officials denied it. Freedonia denied it.", gazetteer=gz) == [
        ["Freedonia", "demonym:freedonia", "demonym", "modifier"], ["Freedonia", "freedonia", "state", "full_name"]]


def test_a_state_name_as_modifier_still_names_the_speaker():
    from conflictnews.extractors.quotes import quotes_in_text

    q = quotes_in_text("U.S. officials said the pauses would help civilians in Gaza.", "2023-11-10")
    assert q["speaker_id"].tolist() == ["united_states"]


def test_a_possessive_title_heading_another_persons_title_is_not_its_holder():
    day = "2023-11-03"
    named = "Blinken met Benjamin Netanyahu. "   # so that "Prime Minister" has one holder to go to
    for text in ("He met the Prime Minister's Chief of Staff Tzachi Braverman.",
                 "He met the Prime Minister’s Foreign Policy Advisor.",
                 "He met the prime minister's military secretary."):
        assert [r[3] for r in _rows(named + text, day) if r[1] == "benjamin_netanyahu"] == ["full_name"], text
    biden = "Joe Biden spoke. "
    assert [r[3] for r in _rows(biden + "He met the president's national security adviser.", day)
            if r[1] == "joe_biden"] == ["full_name"]
    # the holder himself: his office speaks for him; his visit is his
    for text in ("The Prime Minister's office said the talks went well.", "The Prime Minister's visit ended."):
        assert [r[3] for r in _rows(named + text, day) if r[1] == "benjamin_netanyahu"] == \
            ["full_name", "title"], text
    assert [r[3] for r in _rows(biden + "The president's visit ended.", day) if r[1] == "joe_biden"] == \
        ["full_name", "title"]


# --- names the gazetteer does not know (issue 10) ---------------------------------------------------

# A gazetteer that knows none of the actors below (the shipped one knows some of them)
BARE = {"actors": [{"id": "x", "name": "Xanadu", "kind": "state", "affiliation": "X"}]}
SUDAN = ("Sudan's army chief Abdel Fattah al-Burhan met Mohamed Hamdan Dagalo, who leads the Rapid Support "
         "Forces (RSF). Dagalo said the RSF would fight on. Burhan said the army would win.")


def test_named_entities_are_actors_with_their_short_forms():
    m = mentions_in_text(SUDAN, "2024-01-01", BARE)
    got = m[["surface", "actor_id", "kind", "method"]].values.tolist()
    assert ["Mohamed Hamdan Dagalo", "mohamed_hamdan_dagalo", "person", "ner"] in got
    assert ["Rapid Support Forces", "rapid_support_forces", "organisation", "ner"] in got
    assert ["Dagalo", "mohamed_hamdan_dagalo", "person", "surname"] in got      # a surname after the full name
    assert ["RSF", "rapid_support_forces", "organisation", "acronym"] in got    # defined in the text
    assert ["Burhan", "abdel_fattah_al_burhan", "person", "surname"] in got     # "al-" is a particle
    assert "(RSF)" not in "".join(m["surface"]) and len(m[m["surface"] == "RSF"]) == 1  # the definition is not counted


def test_the_gazetteer_wins_where_it_knows_the_name(tmp_path):
    path = tmp_path / "g.yml"
    path.write_text("actors:\n  - {id: hemedti, name: Mohamed Hamdan Dagalo, kind: person, "
                    "affiliation: RSF, aliases: [Hemedti]}\n", encoding="utf-8")
    m = mentions_in_text(SUDAN + " Hemedti left.", "2024-01-01", gazetteer=path)
    mine = m[m["actor_id"] == "hemedti"]
    assert mine["method"].tolist() == ["full_name", "surname", "alias"]
    assert set(mine["affiliation"]) == {"RSF"}
    assert "mohamed_hamdan_dagalo" not in set(m["actor_id"])


def test_a_place_is_an_actor_only_when_it_acts():
    # (a gazetteer with no metonym for Tehran: the shipped one knows it as Iran's)
    own = {"actors": [{"id": "x", "name": "X", "kind": "state", "affiliation": "X"}]}
    m = mentions_in_text("Tehran warned it would respond. A drone hit a school in Tehran.", "2024-01-01", own)
    assert m[["surface", "start", "kind", "method"]].values.tolist() == [["Tehran", 0, "state", "ner"]]


def test_two_persons_with_one_surname_are_not_guessed():
    text = "Amina Yusuf met Halima Yusuf in Kano. Yusuf said it went well."
    m = mentions_in_text(text, "2023-11-10", BARE, unresolved=True)
    bare = m[m["start"] == text.rindex("Yusuf said")]
    assert bare["actor_id"].isna().all() and bare["actor"].str.startswith("ambiguous").all()


def test_spellings_merge_across_articles_by_the_folding_rule():
    import pandas as pd

    from conflictnews.extractors.named import name_key, fold_rules

    gz = load_gazetteer(None)
    assert name_key("Volodymyr Zelenskyy", fold_rules(gz)) == name_key("Volodymyr Zelenskiy", fold_rules(gz)) \
        == name_key("Volodymyr Zelensky", fold_rules(gz))
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "published": pd.to_datetime(["2024-01-01"] * 3),
                         "text": ["President Volodymyr Zelenskyy spoke in Kyiv on Monday.",
                                  "Volodymyr Zelenskiy met European leaders on Tuesday.",
                                  "Volodymyr Zelenskyy said the front held. Zelenskyy thanked the allies."]})
    m = mentions(arts, BARE, demonyms=False)
    z = m[m["surface"].str.contains("Zelensk")]
    assert set(z["actor_id"]) == {"volodymyr_zelensky"}
    assert set(z["actor"]) == {"Volodymyr Zelenskyy"}      # the spelling the corpus uses most
    # a user's gazetteer can say otherwise: no folding at all
    own = {"actors": [{"id": "x", "name": "X", "kind": "state", "affiliation": "X"}], "spelling_folds": []}
    assert mentions(arts, own, demonyms=False)["actor_id"].nunique() > 1
