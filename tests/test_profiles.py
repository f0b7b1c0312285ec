"""Conflict profiles: loading and validation, the profile chosen per article, victim sides that
are a party of the article's profile or a nationality as written, and a user's own profile."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import SEEDS

from conflictnews.corpus.load import load_corpus
from conflictnews.extractors.casualties import claims, extract_claims
from conflictnews.extractors.deaths import death_mentions
from conflictnews.extractors.stance import party_labels
from conflictnews.extractors.victims import victim_side
from conflictnews.profiles import ProfileError, load_profile, shipped_profiles
from conflictnews.profiles.choose import article_profiles, choose
from conflictnews.profiles.wording import profile_lines, report_wording

NEWS_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "peer" / "news_dev"

SUDAN = ("The paramilitary Rapid Support Forces (RSF) shelled the Abu Shouk camp near El Fasher in North Darfur on "
         "Sunday, killing at least 40 civilians, the Sudan Doctors Network said. The RSF has besieged El Fasher, the "
         "last army stronghold in Darfur, for more than a year. Airstrikes by the Sudanese army on a market in Nyala "
         "killed 12 people, local activists said. The hospital in Omdurman was hit by drones.")
GAZA = ("Israeli airstrikes on Rafah killed at least 30 Palestinians, the Gaza health ministry said. Hamas said the "
        "strikes hit a school in the Gaza Strip. The Israeli military said it struck Hamas targets.")
UKRAINE = ("A Russian missile strike on Kharkiv killed nine people, Ukraine's emergency service said. Russian troops "
           "also shelled Kherson, killing two residents, the governor said. Zelensky called for air defence.")


def _corpus(tmp_path, texts: dict) -> "Corpus":
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return load_corpus(tmp_path)


# ---------------------------------------------------------------------------------------------
# Loading and validation


def test_the_four_required_profiles_are_shipped_and_load():
    assert {"israel-gaza", "russia-ukraine", "sudan", "generic"} <= set(shipped_profiles())
    gaza = load_profile("israel-gaza")
    assert {"palestinian", "israeli", "lebanese"} <= set(gaza.sides)
    assert load_profile("sudan").opponents("sudanese") == ("sudanese",)   # a civil war: one nationality
    assert load_profile("generic").is_generic
    assert load_profile("sudan") is load_profile("sudan")                   # cached


@pytest.mark.parametrize("body, message", [
    ("sides: {Sudanese: {}}\n", "sides: side name 'Sudanese'"),
    ("sides: {both: {}}\n", "'both' is reserved"),
    ("sides: {x: {victims: ['(a)']}}\n", "sides.x.victims.*capturing group"),
    ("sides: {x: {opponents: [y]}}\n", "sides.x.opponents"),
    ("sides: {x: {}}\nparties: {p: {side: z, names: [p]}}\n", "parties.p.side"),
    ("sides: {x: {}}\nparties: {p: {side: x}}\n", "parties.p needs 'names'"),
    ("sides: {x: {}}\nparties: {p: {side: x, names: [p], labels: {labels: {}}}}\n", "parties.p.labels needs"),
    ("colour: red\n", "unknown key"),
    ("extends: no-such-war\n", "extends: profile not found"),
    ("detection: {min_evidence: 0}\n", "detection.min_evidence"),
    ("sides: [a\n", "not valid YAML"),
])
def test_a_bad_profile_names_its_file_and_entry(tmp_path, body, message):
    p = tmp_path / "mine.yml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(ProfileError, match=message) as exc:
        load_profile(p)
    assert "mine.yml" in str(exc.value)


def test_extends_adds_to_the_parent(tmp_path):
    p = tmp_path / "gaza-apart.yml"
    p.write_text("name: gaza-apart\nextends: israel-gaza\nforeign_nationals: {}\nplaces: [khan younis camp]\n",
                 encoding="utf-8")
    mine = load_profile(p)
    assert set(mine.sides) == set(load_profile("israel-gaza").sides)
    assert len(mine.places) == len(load_profile("israel-gaza").places) + 1
    # the parent counts Thai nationals with the Israeli side; this child keeps them apart
    text = "Twenty Thai nationals have been killed by the Hamas assault on Israel."
    assert victim_side(text, profile="israel-gaza") == "israeli"
    assert victim_side(text, profile=p) == "thai"


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(ProfileError, match="profile not found: martian-war"):
        load_profile("martian-war")


# ---------------------------------------------------------------------------------------------
# The profile chosen per article


def test_each_article_of_a_mixed_corpus_gets_its_war(tmp_path):
    corpus = _corpus(tmp_path, {"sudan": SUDAN, "gaza": GAZA, "ukraine": UKRAINE,
                                "weather": "Rain is expected on Tuesday across the region, forecasters said."})
    chosen = article_profiles(corpus).set_index("article_id")
    assert chosen["profile"].to_dict() == {"sudan": "sudan", "gaza": "israel-gaza", "ukraine": "russia-ukraine",
                                           "weather": "generic"}
    assert chosen.loc["weather", "profile_choice"] == "none" and chosen.loc["sudan", "profile_evidence"] >= 8
    lines = profile_lines(corpus)
    assert any("sudan for 1 article" in line for line in lines)
    # every table of the mixed corpus gives each article the sides of its own war
    c = claims(corpus)
    sides = c.groupby("article_id")["side"].apply(set).to_dict()
    assert sides["sudan"] <= {"sudanese", "unknown"} and "sudanese" in sides["sudan"]
    assert sides["gaza"] == {"palestinian"}
    assert sides["ukraine"] <= {"ukrainian", "unknown"} and "ukrainian" in sides["ukraine"]


def test_other_countries_named_more_than_a_profile_keep_an_article_generic():
    text = ("US air strikes on Sanaa in Yemen killed six people, Yemen's health ministry said. The strikes on Yemen "
            "followed Houthi attacks on ships; Yemen's rebels say they act for Gaza. Israel also struck Yemen.")
    assert choose(text).profile == "generic"


def test_many_unmatched_articles_are_warned_about_first(tmp_path):
    corpus = _corpus(tmp_path, {"a": "Floods killed 12 people in the north.", "b": "A fire killed three people.",
                                "c": GAZA})
    lines = profile_lines(corpus)
    assert lines[0].startswith("WARNING: 2 of 3 articles match no conflict profile")


# ---------------------------------------------------------------------------------------------
# Victim sides: a party of the profile, a nationality as written, or unknown


def test_a_sudan_text_never_gets_an_israeli_or_palestinian_side(tmp_path):
    corpus = _corpus(tmp_path, {"sudan": SUDAN})
    c, m = claims(corpus), death_mentions(corpus)
    assert len(c) >= 2 and len(m) >= 2
    assert not set(c["side"]) & {"israeli", "palestinian"}
    assert not set(m["victim_side"]) & {"israeli", "palestinian", "both"}
    assert set(c["side"]) <= {"sudanese", "unknown"}
    # the general cues that used to carry Gaza's sides ("airstrikes", "hospital") carry none here
    for profile in ("generic", "sudan"):
        assert victim_side("Airstrikes on the hospital killed 30 people.", profile=profile) in ("none", "sudanese")
    assert victim_side("Airstrikes on the hospital killed 30 people.", profile="generic") == "none"


@pytest.mark.parametrize("text, side", [
    ("Shelling killed 12 Sudanese civilians.", "sudanese"),
    ("At least 26 people were killed during a massacre in Haiti.", "haitian"),
    ("Twenty Thai nationals have been killed by the Hamas assault on Israel.", "thai"),
    ("Israeli strikes have killed 2,700 people.", "none"),           # an agent, but no party: no side
    ("RSF shelling killed 40 civilians in Darfur.", "none"),          # a town and a party: no side
    ("Russian troops overran the town, killing 300 civilians.", "none"),
])
def test_generic_gives_only_the_nationalities_written(text, side):
    assert victim_side(text, profile="generic") == side


@pytest.mark.parametrize("text, profile, side", [
    ("RSF shelling killed 40 civilians in Darfur.", "sudan", "sudanese"),
    ("The Sudanese army shelled a market, killing 30 people.", "sudan", "sudanese"),
    ("A Russian ballistic missile struck Kryvyi Rih, killing at least 16 people.", "russia-ukraine", "ukrainian"),
    ("Two people were killed by Ukrainian artillery fire on Russia's Belgorod region.", "russia-ukraine", "russian"),
    ("The death toll from Israeli air strikes on southern Lebanon climbed to 569.", "israel-gaza", "lebanese"),
    ("Israeli strikes have killed 2,700 people.", "israel-gaza", "palestinian"),
])
def test_a_party_of_the_profile_decides(text, profile, side):
    assert victim_side(text, profile=profile) == side


# ---------------------------------------------------------------------------------------------
# A user's own profile changes sides, labels and wording


MARTIAN = """\
name: mars-war
title: The Martian war
sides:
  martian:
    label: Martian
    opponents: [venusian]
    victims: [martians]
  venusian:
    label: Venusian
    opponents: [martian]
    victims: [venusians]
    places: [olympus mons]
parties:
  red_army:
    name: the Red Army
    side: martian
    names: [red army]
    forces: [red army]
    attacks: ['red army (?:rays?|strikes?)']
    harm: ['red army (?:rays?|strikes?)']
    labels:
      target: red_army
      description: How an article names the Red Army.
      labels:
        liberators: [liberator*]
        invaders: [invader*]
wording:
  conflict: the Martian war
  hedges: ['"Red-run"']
"""


def test_a_user_profile_changes_sides_labels_and_wording(tmp_path):
    p = tmp_path / "mars.yml"
    p.write_text(MARTIAN, encoding="utf-8")
    text = ("Red Army rays killed 40 people near Olympus Mons, officials said. "
            "The Red Army invaders advanced on the plain.")
    (tmp_path / "c").mkdir()
    corpus = _corpus(tmp_path / "c", {"a": text})
    assert [c["side"] for c in extract_claims(text, profile=p)] == ["venusian"]
    assert [c["side"] for c in extract_claims(text)] == ["unknown"]          # without it: no side
    labels = party_labels(corpus, profile=p)
    assert list(zip(labels["target"], labels["label"])) == [("red_army", "invaders")]
    w = report_wording(corpus, p)
    assert (w.conflict, w.hedge_examples[0], w.sides[:2]) == ("the Martian war", '"Red-run"', ["martian", "venusian"])
    assert "mars-war for 1 article (forced)" in profile_lines(corpus, p)[-1]


def test_extract_with_profile_writes_the_profile_columns(tmp_path):
    from conflictnews.cli import main

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(SUDAN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "c"), "--out", str(out), "--tables", "articles,claims",
                 "--profile", "generic"]) == 0
    a = pd.read_csv(out / "articles.csv")
    assert a[["profile", "profile_choice"]].values.tolist() == [["generic", "forced"]]
    assert set(pd.read_csv(out / "claims.csv")["side"]) == {"unknown"}   # no party, no nationality written
    assert main(["extract", str(tmp_path / "c"), "--out", str(out), "--profile", "martian-war"]) == 2


# ---------------------------------------------------------------------------------------------
# news_dev: the articles on other wars (development data, read from ../shared)


def test_news_dev_articles_on_other_wars_get_no_gaza_side():
    if not (NEWS_DEV / "articles.jsonl").exists():
        pytest.skip(f"news_dev absent ({NEWS_DEV}); clone beside the shared/ folder to run this test")
    from conflictnews.analysis.side_evaluation import article_sides, load_news_dev

    _sents, arts = load_news_dev(NEWS_DEV)
    got = article_sides(arts)
    assert (got["profile"] == got["expected_profile"]).mean() >= 0.9
    other = got[got["expected_profile"] != "israel-gaza"]
    assert other["gaza_sides"].sum() == 0


def test_news_dev_side_agreement_where_the_annotation_gives_one():
    if not (NEWS_DEV / "sentences.jsonl").exists():
        pytest.skip(f"news_dev absent ({NEWS_DEV}); clone beside the shared/ folder to run this test")
    from conflictnews.analysis.side_evaluation import figure_sides, load_news_dev, side_agreement

    sents, _arts = load_news_dev(NEWS_DEV)
    a = side_agreement(figure_sides(sents))
    assert a["other_wars_gaza_side"] == 0
    assert a["agreement_where_given"] >= 0.9     # 94% when written
    assert a["agreement"] >= 0.8                 # unknown counted as disagreement: 84% when written


def test_an_extract_folder_gives_the_profiles_it_chose_without_reading_the_texts_again(tmp_path, seeds):
    """The articles table of an extract holds each article's profile; a report on that folder
    reads them (100,000 articles: 2 minutes and 750 MB less) and gets what choosing again gives."""
    from conflictnews.pipeline import extract_corpus
    from conflictnews.profiles.choose import article_profiles
    from conflictnews.tables import load_extract

    extract_corpus(SEEDS, tmp_path / "x", ["articles", "sentences"], fmt="parquet", workers=1, say=lambda m: None)
    lean = load_extract(tmp_path / "x", text=False)
    got = article_profiles(lean)
    assert "text" not in lean.articles                      # read from the table, not chosen again
    want = article_profiles(seeds)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False)
