"""Every report renders on the seeds and says what it should (executes all notebooks: slower).

These are end-to-end checks of what a reader sees; the numbers behind them are tested in the
library's own tests."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from conflictnews.reports.render import render

from conftest import NOTEBOOKS, SEEDS, SHARED

pytestmark = pytest.mark.notebook
REFERENCE = SHARED / "reference" / "gaza_casualties_daily.json"


def table(out, report, name):
    return pd.read_csv(out / "tables" / report / f"{name}.csv")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    params = {"corpus": str(SEEDS)}
    if REFERENCE.exists():
        params["reference"] = str(REFERENCE)
    result = render(NOTEBOOKS, out, params, jobs=2, log=lambda *_: None)
    return out, result


def test_every_report_renders_offline(rendered):
    out, result = rendered
    assert result.failed == []
    names = [r.name for r in result.reports]
    assert names == ["00_corpus_overview", "01_casualty_figures", "02_actor_mentions", "03_stance_language",
                     "04_error_analysis"]
    for name in names:
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "<script" not in page.lower() and not re.search(r'(?:src|href)="https?://', page)
        peer_figures = (SHARED / "peer").exists() or name != "04_error_analysis"
        # figures: embedded PNGs, or inline SVG where their points carry hover titles
        figures = len(re.findall(r'<img [^>]*src="data:image/png;base64,|<svg [^>]*role="img"', page))
        assert figures >= (3 if peer_figures else 1), name
        assert list((out / "figures" / name).glob("*.svg")), name
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{n}.html"' in index for n in names)


def test_casualty_report_plots_the_cited_tolls_with_their_evidence(rendered):
    out, _ = rendered
    evidence = table(out, "01_casualty_figures", "evidence")
    assert len(evidence) == 19   # the hand-checked list of tests/test_casualties.py
    # Rafah's displaced: "over 1 million", "more than a million" (003), "over a million" (004)
    assert sorted(evidence.loc[evidence["outcome"] == "displaced", "value"]) == [1_000_000] * 3
    # the 7 October toll is cited as over 1,400 in November 2023 and as around 1,200 in March 2024
    israeli = evidence[(evidence["outcome"] == "killed") & (evidence["side"] == "israeli")]
    assert set(israeli[israeli["published"] < "2023-12-01"]["value"]) == {1400}
    assert set(israeli[israeli["published"] > "2024-01-01"]["value"]) == {1200}
    for sentence, text in zip(evidence["sentence"], evidence["text"]):
        assert text in sentence
    page = (out / "01_casualty_figures.html").read_text(encoding="utf-8")
    assert "over 9,000 Palestinians have been killed" in page
    # same-day figures are drawn side by side: the captions say the spread is not time
    assert page.count("their sideways spread is not time") >= 3   # cited figures, hostages, revisions


def test_casualty_report_compares_with_the_reference_tally(rendered):
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is absent: clone the project beside its shared/ folder")
    out, _ = rendered
    tally = table(out, "01_casualty_figures", "against_tally").set_index(["article_id", "text"])["tally"]
    # official tallies on the publication dates (reference README: 2023-11-10 11,078; 2024-03-26 32,414)
    assert tally[("001_6e4aa7ec30968c97", "More than 10,000 people, about 40% of them children, have been killed")] == 11078
    assert tally[("004_72ecaebe359cc0a6", "over 32,000 Palestinians have died")] == 32414


def test_casualty_report_renders_without_a_reference(tmp_path):
    result = render(NOTEBOOKS, tmp_path, {"corpus": str(SEEDS)}, only=["01"], log=lambda *_: None)
    assert result.failed == []
    page = (tmp_path / "01_casualty_figures.html").read_text(encoding="utf-8")
    assert "No reference series" in page or "no reference series" in page


def test_actor_report_counts_and_a_users_gazetteer_changes_it(rendered, tmp_path):
    out, _ = rendered
    counts = table(out, "02_actor_mentions", "mentions_per_actor").set_index("actor_id")["mentions"]
    assert {"israel", "united_states", "antony_blinken", "hamas", "benjamin_netanyahu"} <= set(counts.index[:6])
    mine = tmp_path / "actors.yml"
    mine.write_text("actors:\n  - id: hamas\n    name: Hamas\n    kind: armed_group\n    affiliation: Palestinian\n"
                    "    aliases: [Hamas]\n", encoding="utf-8")
    result = render(NOTEBOOKS, tmp_path / "out", {"corpus": str(SEEDS), "gazetteer": str(mine), "max_evidence": 5},
                    only=["02"], log=lambda *_: None)
    assert result.failed == []
    # the evidence keeps the first max_evidence mentions and says where all of them are
    full = table(out, "02_actor_mentions", "evidence_mentions")
    capped = table(tmp_path / "out", "02_actor_mentions", "evidence_mentions")
    assert len(full) > 5 and len(capped) == 5
    html = (tmp_path / "out" / "02_actor_mentions.html").read_text(encoding="utf-8")
    assert "holds the first 5 of" in html and "<code>mentions</code> table of the extract folder" in html
    mine_counts = table(tmp_path / "out", "02_actor_mentions", "mentions_per_actor")
    # the gazetteer's own actors are the user's; every other name the recogniser finds is still an
    # actor, listed as not in the gazetteer (issue 10)
    listed = mine_counts[mine_counts["affiliation"] != "(not in the gazetteer)"]
    assert list(listed["actor_id"]) == ["hamas"] and listed["mentions"].iloc[0] == counts["hamas"]
    assert "antony_blinken" in set(mine_counts["actor_id"]) and "israel" not in set(listed["actor_id"])


def test_stance_report_rates_labels_and_concordance(rendered):
    out, _ = rendered
    rates = table(out, "03_stance_language", "rates_by_article")
    assert rates["article_id"].nunique() == 5
    kwic = table(out, "03_stance_language", "kwic")
    assert {"ceasefire", "cease-fire", "pause", "massacre", "genocide"} <= set(kwic["match"].str.lower())
    deaths = table(out, "03_stance_language", "death_mentions")
    row = deaths[deaths["text"].str.contains("over 32,000 Palestinians have died", regex=False)].iloc[0]
    assert (row["victim_side"], row["voice"]) == ("palestinian", "agentless")


def test_deaths_per_mention_uses_the_tally_of_the_period_covered(rendered):
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is absent: clone the project beside its shared/ folder")
    out, _ = rendered
    dpm = table(out, "03_stance_language", "deaths_per_mention").set_index("side")
    # the last article is from 2024-03-26, when the Gaza tally was 32,414 (not the series' last day)
    assert dpm.loc["palestinian", "tally_as_of"] == "2024-03-26"
    assert dpm.loc["palestinian", "deaths"] == 32414
    n = dpm.loc["palestinian", "mentions"]
    assert dpm.loc["palestinian", "deaths_per_mention"] == round(32414 / n, 1)   # rounded, not 2025.875
    # ... over mentions in articles published from the first to the last date: the caption says so
    assert (dpm.loc["palestinian", "mentions_from"], dpm.loc["palestinian", "mentions_to"]) == ("2023-11-03",
                                                                                                "2024-03-26")
    page = (out / "03_stance_language.html").read_text(encoding="utf-8")
    assert (f"palestinian: 32,414 deaths (toll on 2024-03-26) / {n} sentences in 5 articles published "
            f"2023-11-03 to 2024-03-26 = {32414 / n:,.1f}") in page


def test_error_analysis_renders_without_peer_data_and_says_so(tmp_path):
    result = render(NOTEBOOKS, tmp_path, {"corpus": str(SEEDS), "peer_dir": str(tmp_path / "none"),
                                          "evaluation_dir": str(tmp_path / "none")}, only=["04"], log=lambda *_: None)
    assert result.failed == []
    page = (tmp_path / "04_error_analysis.html").read_text(encoding="utf-8")
    assert "Part 1 (against people) is left out: no peer data at" in page
    assert "tagged_data_wp_oct7_to_oct22.csv" in page and "peer_dir" in page   # what to get, where to put it
    assert "Against people: whose deaths" not in page   # no empty section
    assert "make evaluate</code> missed" not in page    # no evaluation run: that section is left out too
    undecided = table(tmp_path, "04_error_analysis", "undecided")
    assert len(undecided) == 4 and undecided["items"].sum() > 0


def test_error_analysis_lists_what_make_evaluate_missed(tmp_path):
    evaluation = tmp_path / "evaluation"
    evaluation.mkdir()
    pd.DataFrame({"doc_id": ["d1", "d2"], "type": ["Person", "Organisation"], "text": ["Ash Carter", "Daesh"],
                  "found": [True, False]}).to_csv(evaluation / "re3d_names.csv", index=False)
    out = tmp_path / "out"
    result = render(NOTEBOOKS, out, {"corpus": str(SEEDS), "evaluation_dir": str(evaluation)}, only=["04"],
                    log=lambda *_: None)
    assert result.failed == []
    page = (out / "04_error_analysis.html").read_text(encoding="utf-8")
    assert "make evaluate</code> missed" in page and "re3d: named persons and organisations missed: 1" in page
    assert table(out, "04_error_analysis", "peer_re3d_missed")["text"].tolist() == ["Daesh"]


def test_actor_report_demonym_table_and_article_labels_say_what_they_show(rendered):
    from conflictnews import load_corpus

    out, _ = rendered
    dem = table(out, "02_actor_mentions", "demonyms").set_index("demonym")
    words = int(load_corpus(SEEDS).word_counts.sum())
    article_cols = [c for c in dem.columns if c[:3].isdigit()]
    assert (dem[article_cols].sum(axis=1) == dem["total"]).all()          # the cells are counts...
    assert (dem["per 1,000 words"] - dem["total"] / words * 1000).abs().max() < 0.006   # ...and the rate
    # "U.S. officials" and "U.S. Secretary of State" count with "American", and the table says how many
    assert dem.loc["American", "of which modifiers"] >= 20 > dem.loc["American", "total"] - 20
    assert dem.loc["Palestinian", "of which modifiers"] == 0
    page = (out / "02_actor_mentions.html").read_text(encoding="utf-8")
    assert "per 1,000 words" in page and "Per 1,000 words, by article" not in page
    # article labels: whole words, never "Voice of America (repu"
    labels = set(table(out, "02_actor_mentions", "actor_by_article")["label"])
    assert "001 Voice of America 2023-11-10" in labels
    assert not any("(repu" in lab or lab.endswith("(") for lab in labels)
    assert any(lab.startswith("004 Austin:") for lab in labels)   # unknown outlet: the title instead


def test_the_shared_html_reads_at_a_glance(rendered):
    """A rendered report checked as a reader sees it: counts as integers with separators, a table
    of contents linking to every section, its provenance at the top, and a hover title with the
    sentence behind every point of the casualty chart."""
    from conflictnews import __version__
    from conflictnews.reports.provenance import content_hash

    out, _ = rendered
    page = (out / "01_casualty_figures.html").read_text(encoding="utf-8")
    assert re.search(r'<meta [^>]*name="viewport"', page) and 'content="width=device-width' in page
    # integers: the cited values with thousands separators, never as floats
    cells = re.findall(r'<td class="cn-num">([^<]*)</td>', page)
    assert "9,000" in cells and "1,000,000" in cells
    assert not re.search(r">\d[\d,]*\.0<", page) and "1400.0" not in page
    assert not re.search(r"<td[^>]*>(?:True|False)</td>", page)
    # the table of contents links to every section heading of the page
    toc = page[page.index('<nav class="cn-toc"'):page.index("</nav>")]
    targets = re.findall(r'<a href="#([^"]+)">', toc)
    headings = re.findall(r'<h2 id="([^"]+)"', page)
    assert targets[:1] == headings[:1] and set(headings) <= set(targets) and len(headings) >= 6
    # provenance above the contents: version, corpus content hash, the parameters
    prov = page[page.index('class="cn-provenance"'):page.index('<nav class="cn-toc"')]
    assert f"conflictnews {__version__}" in prov and content_hash(SEEDS) in prov and "SHA-256" in prov
    # hover: one <title> per plotted claim, with its sentence, inside inline SVG (no script)
    evidence = table(out, "01_casualty_figures", "cited_figures")
    titles = re.findall(r'<g id="01_casualty_figures-cited_figures-\d+"><title>([^<]*)</title>', page)
    assert len(titles) == len(evidence)
    assert any(t.startswith("over 9,000 Palestinians have been killed") and "\n“" in t for t in titles)
    # the second line of each title is the claim's outlet and date, as in the figure's data
    assert sorted(t.splitlines()[1] for t in titles) == sorted(
        f"{o}, {d}" for o, d in zip(evidence["outlet"], evidence["published"]))
    assert "<script" not in page.lower()
    # the CSVs keep counts as integers too
    assert pd.read_csv(out / "tables" / "01_casualty_figures" / "evidence.csv")["value"].dtype.kind == "i"
    raw = (out / "tables" / "01_casualty_figures" / "evidence.csv").read_text(encoding="utf-8-sig")
    assert ",9000," in raw and "9000.0" not in raw
    # every report and the index carry the provenance, the viewport and a way to navigate
    for name in ("00_corpus_overview", "02_actor_mentions", "03_stance_language", "index"):
        other = (out / f"{name}.html").read_text(encoding="utf-8")
        assert re.search(r'<meta [^>]*name="viewport"', other) and "cn-provenance" in other, name


def test_the_mentions_charts_have_hover_titles_and_one_colour_per_side(rendered):
    from conflictnews.reports.colours import colour_for

    out, _ = rendered
    page = (out / "02_actor_mentions.html").read_text(encoding="utf-8")
    bars = re.findall(r'<g id="02_actor_mentions-mentions_per_actor-\d+"><title>([^<]*)</title>', page)
    assert any(t.startswith("Israel: ") and "“" in t for t in bars)
    over_time = re.findall(r'<g id="02_actor_mentions-mentions_over_time-\d+"><title>([^<]*)</title>', page)
    assert over_time and all("per 1,000 words" in t for t in over_time)
    # Israel's bar is drawn in the colour of Israeli victims in 03: one colour per side
    svg = page[page.index('<g id="02_actor_mentions-mentions_per_actor-0">'):]
    fill = re.search(r"fill: ?(#[0-9a-fA-F]{6})", svg).group(1).lower()
    assert fill == colour_for("israeli").lower()


def test_with_sentences_joins_the_text_of_each_rows_sentence_and_keeps_the_rows():
    from conflictnews.reports.plots import evidence_tip
    from conflictnews.tables import with_sentences

    sentences = pd.DataFrame({"article_id": ["a", "a", "b"], "sent_id": [0, 1, 0],
                              "text": ["First one.", "Second one.", "Other article."]})
    rows = pd.DataFrame({"article_id": ["a", "b", "a", "c"], "sent_id": [1, 0, 1, 0], "x": [1, 2, 3, 4]},
                        index=[10, 11, 12, 13])
    out = with_sentences(rows, sentences)
    assert out.index.tolist() == [10, 11, 12, 13]           # the rows, in their order, with their index
    assert out["sentence"].tolist() == ["Second one.", "Other article.", "Second one.", ""]
    assert out["x"].tolist() == [1, 2, 3, 4]
    # a hover text joins only the sentences it shows and counts the distinct others
    tip = evidence_tip("t", rows.iloc[:3], n=1, sentences=sentences)
    assert tip.splitlines() == ["t", "“Second one.”", "… and 1 more sentences in the evidence table"]
    # and the outlet and date of the shown rows only, from the articles table
    meta = pd.DataFrame({"outlet": ["Daily", "Other"], "published": pd.to_datetime(["2023-11-02", None])},
                        index=pd.Index(["a", "b"], name="article_id"))
    tip = evidence_tip("t", rows.iloc[[1, 0]], n=2, sentences=sentences, articles=meta)
    assert tip.splitlines() == ["t", "“Other article.” (Other, undated)", "“Second one.” (Daily, 2023-11-02)"]


def test_cooccurrence_counts_each_pair_of_actors_once_per_sentence():
    from conflictnews.analysis.cooccurrence import cooccurrence

    m = pd.DataFrame({"article_id": ["a", "a", "a", "a", "a", "b", "b"],
                      "sent_id": [0, 0, 0, 1, 1, 0, 0],
                      "actor_id": ["x", "y", "x", "y", "z", "y", "x"],
                      "actor": ["X", "Y", "X", "Y", "Z", "Y", "X"]})
    got = cooccurrence(m)
    assert got.values.tolist() == [["x", "X", "y", "Y", 2], ["y", "Y", "z", "Z", 1]]   # "x" twice in a0: once
    assert cooccurrence(m.iloc[:0]).empty
    # label columns held as categories (what a report of millions of mentions does), names in
    # another order than ids: the same pairs and the same names
    names = {"x": "Zed", "y": "Alpha", "z": "Mid"}
    cat = m.assign(actor=m["actor_id"].map(names)).astype({"actor_id": "category", "actor": "category"})
    assert cooccurrence(cat).values.tolist() == [["x", "Zed", "y", "Alpha", 2], ["y", "Alpha", "z", "Mid", 1]]
    # counted a few (sentence, actor) at a time: the same counts, no sentence split between chunks
    assert cooccurrence(cat, chunk=1).values.tolist() == cooccurrence(cat).values.tolist()
