"""What a reader of the shared HTML sees, and what a user of the command gets (issue 15): numbers
and text as a reader expects them, one colour per thing, hover titles with no script, provenance
and a table of contents, the inputs people have, a tool that works from any folder."""
from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import subprocess
import sys

import pandas as pd
import pytest
from matplotlib.figure import Figure

from conflictnews import load_corpus
from conflictnews.corpus.dates import AmbiguousDate, parse_date, publication_date
from conflictnews.files import write_csv
from conflictnews.reports import colours, html, hover, plots
from conflictnews.reports.render import ParameterError, find_notebooks, plan
from conflictnews.reports.report import group_by_sentence

from conftest import NOTEBOOKS, SEEDS

# --- numbers and text ------------------------------------------------------------------------


def test_tables_show_counts_as_integers_dates_whole_and_booleans_as_words():
    df = pd.DataFrame({"value": [9000.0, 1400.0, None], "ratio": [0.8123, 1.5, 2.0],
                       "published": pd.to_datetime(["2023-11-03", "2024-03-26", None]),
                       "direct": [True, False, True], "text": ["<b>x</b>", "a", "b"]})
    page = html.table_html(df)
    cells = re.findall(r'<td class="([^"]*)">([^<]*)</td>', page)
    assert ("cn-num", "9,000") in cells and ("cn-num", "1,400") in cells
    assert "9000.0" not in page and "1400.0" not in page
    assert ("cn-num", "0.812") in cells and ("cn-num", "1.5") in cells
    assert ("cn-date", "2023-11-03") in cells   # a date cell never wraps (CSS white-space: nowrap)
    assert ("cn-short", "yes") in cells and ("cn-short", "no") in cells and "True" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page


def test_notes_show_code_not_backticks():
    assert html.inline_markup("set `reference` <now>") == "set <code>reference</code> &lt;now&gt;"


def test_csv_counts_are_nullable_integers_and_start_with_a_bom(tmp_path):
    path = write_csv(pd.DataFrame({"value": [9000.0, None], "share": [0.4, None], "who": ["“Gaza”", "x"]}),
                     tmp_path / "t.csv")
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert raw.decode("utf-8-sig").splitlines() == ["value,share,who", "9000,0.4,“Gaza”", ",,x"]
    plain = write_csv(pd.DataFrame({"a": [1.0]}), tmp_path / "p.csv", bom=False).read_bytes()
    assert plain == b"a\r\n1\r\n"   # CRLF rows (RFC 4180; files.write_csv)


def test_the_command_line_turns_the_bom_off_for_the_kernels_too(tmp_path, monkeypatch):
    from conflictnews.cli import main

    monkeypatch.delenv("CONFLICTNEWS_CSV_BOM", raising=False)
    assert main(["extract", str(SEEDS), "--out", str(tmp_path / "a"), "--tables", "articles"]) == 0
    assert (tmp_path / "a" / "articles.csv").read_bytes().startswith(codecs.BOM_UTF8)
    assert main(["extract", str(SEEDS), "--out", str(tmp_path / "b"), "--tables", "articles", "--no-csv-bom"]) == 0
    assert (tmp_path / "b" / "articles.csv").read_bytes().startswith(b"article_id,")
    assert os.environ["CONFLICTNEWS_CSV_BOM"] == "0"


def test_evidence_is_grouped_per_sentence():
    df = pd.DataFrame({"article_id": ["a", "a", "a"], "sent_id": [0, 0, 1], "start": [5, 0, 40],
                       "surface": ["Hamas", "Israel", "Biden"], "sentence": ["Israel and Hamas.", "Israel and Hamas.",
                                                                            "Biden said."]})
    grouped = group_by_sentence(df, lambda r: r.surface)
    assert grouped.to_dict("records") == [
        {"article_id": "a", "sent_id": 0, "items": 2, "found": "Israel · Hamas", "sentence": "Israel and Hamas."},
        {"article_id": "a", "sent_id": 1, "items": 1, "found": "Biden", "sentence": "Biden said."}]


# --- colours ---------------------------------------------------------------------------------


def test_a_party_has_one_colour_whatever_else_is_in_the_chart():
    alone = colours.colour_for("palestinian")
    assert colours.colour_map(["israeli", "palestinian"])["palestinian"] == alone or \
        colours.colour_map(["israeli"])["israeli"] == alone   # a hash collision moves one of the two only
    # the actor's affiliation takes its demonym's colour, as a victim side does
    aliases = colours.party_aliases()
    assert aliases["israel"] == "israeli" and aliases["us"] == "american"
    assert colours.colour_map(["Israel"], aliases=aliases)["Israel"] == colours.colour_for("israeli")
    # generic keys are fixed in every kind; a profile's colour wins over the hash
    assert colours.colour_for("unknown") == colours.colour_for("unknown", "voice") == "#999999"
    assert colours.colour_for("sudanese", overrides={"Sudanese": "#123456"}) == "#123456"


def test_keys_of_one_chart_never_share_a_colour_while_the_palette_has_room():
    keys = ["ukrainian", "russian", "sudanese", "burmese", "haitian", "lebanese", "syrian"]
    got = colours.colour_map(keys)
    assert len(set(got.values())) == len(keys) == len(colours.palette())
    assert set(got.values()) == set(colours.palette())
    assert colours.colour_map(list(reversed(keys))) == got   # not an order of arrival


def test_unknown_keys_get_the_same_colour_in_every_process():
    code = ("from conflictnews.reports.colours import colour_for; "
            "print(colour_for('eritrean'), colour_for('passive', 'voice'))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1 and runs.pop().split() == [colours.colour_for("eritrean"), colours.colour_for("passive", "voice")]


# --- hover titles ----------------------------------------------------------------------------


def test_a_tipped_point_carries_its_text_as_an_svg_title():
    import io

    fig = Figure()
    ax = fig.subplots()
    hover.tip(ax.scatter([1], [2]), "over 9,000 killed\n“A sentence with <tags> & more.”")
    hover.tip(ax.bar([1], [3])[0], "a bar")
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    svg = hover.svg_with_titles(buf.getvalue(), hover.tips_of(fig), "r-fig")
    assert '<g id="r-fig-0"><title>over 9,000 killed\n“A sentence with &lt;tags&gt; &amp; more.”</title>' in svg
    assert '<g id="r-fig-1"><title>a bar</title>' in svg
    inline = hover.inline_svg(svg, "a chart")
    assert not inline.lstrip().startswith("<?xml") and 'role="img" aria-label="a chart"' in inline
    assert re.search(r'<svg [^>]*style="width:100%;max-width:\d+px;height:auto"', inline)


def test_claim_tips_name_the_source_or_say_there_is_none():
    row = {"text": "over 9,000 Palestinians", "outcome": "killed", "side": "palestinian", "outlet": "Daily Sabah",
           "published": pd.Timestamp("2023-11-03"), "source": None, "sentence": "Over 9,000 have died."}
    text = plots.claim_tip(row)
    assert text.splitlines() == ["over 9,000 Palestinians (killed, side: palestinian)", "Daily Sabah, 2023-11-03",
                                 "source: none named (the outlet's own voice)", "“Over 9,000 have died.”"]


# --- bounded figures -------------------------------------------------------------------------


def test_per_article_figures_keep_the_top_rows_and_say_so():
    frame = pd.DataFrame({"article_id": [f"a{i}" for i in range(100)], "words": range(100)})
    shown, note = plots.top_rows(frame, 10, "words")
    assert list(shown["words"]) == list(range(99, 89, -1))
    assert "the 10 articles with the most words of 100" in note and "max_articles" in note
    assert plots.top_rows(frame, 500, "words") == (frame, "")
    with pytest.raises(ValueError, match="max_articles"):
        plots.top_rows(frame, 0, "words")
    pooled = plots.top_groups(pd.Series(["A"] * 5 + ["B"] * 3 + ["C", "D"]), 3, "other outlets")
    assert list(pooled.value_counts().items()) == [("A", 5), ("B", 3), ("other outlets (2)", 2)]


def test_stance_rates_are_drawn_in_the_lexicon_order_with_their_data(tmp_path):
    from conflictnews.reports.report import Report

    rates = pd.DataFrame({"outlet": ["AP", "AP", "BBC"], "category": ["pause", "ceasefire", "ceasefire"],
                          "rate_per_1000": [0.5, 2.0, 1.25]})
    rep = Report(tmp_path, "t")
    plots.rate_heatmap(rep, rates, "outlet", ["ceasefire", "self_defense", "pause"], "rates", "Rates by outlet")
    svg = (tmp_path / "figures" / "t" / "rates.svg").read_text(encoding="utf-8")
    assert svg.index("ceasefire") < svg.index("pause")   # the lexicon's order, not the alphabet's
    assert "self defense" not in svg                       # no column for a category without rates
    saved = pd.read_csv(tmp_path / "tables" / "t" / "rates.csv", encoding="utf-8-sig")
    assert saved["rate_per_1000"].tolist() == [0.5, 2.0, 1.25]


def test_article_labels_use_a_short_id_only_when_it_is_unique():
    assert plots.short_ids(["000_37de", "001_6e4a", "da01"]) == {"000_37de": "000", "001_6e4a": "001", "da01": "da01"}
    assert plots.short_ids(["x_1", "x_2"]) == {"x_1": "x_1", "x_2": "x_2"}


# --- pages -----------------------------------------------------------------------------------


def test_a_report_page_gets_a_viewport_its_provenance_and_contents():
    doc = ('<html><head><title>t</title></head><body><main><h1 id="T">Title<a class="anchor-link">¶</a></h1>'
           '<h2 id="A">First</h2><h3 id="A1">Sub</h3><h2 id="B">Second &amp; last</h2></main></body></html>')
    out = html.finish_report(doc, {"library": "conflictnews 9", "rendered": "2030-01-01 00:00 UTC",
                                   "parameters": {"top_n": 5}})
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in out
    head, body = out.split("</head>")
    assert 'id="cn-style"' in head
    assert body.index("</h1>") < body.index("cn-provenance") < body.index("cn-toc") < body.index('<h2 id="A">')
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', out) == [("A", "First"), ("A1", "Sub"),
                                                                   ("B", "Second &amp; last")]
    assert "top_n = 5" in out and "conflictnews 9" in out


# --- inputs ----------------------------------------------------------------------------------

TEXT = "Gaza City — “Dozens” were killed, officials said. Café owners fled.\n"


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                           ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", codecs.BOM_UTF32_LE),
                                           ("utf-32-le", b"")])
def test_utf16_and_utf32_files_are_read_not_skipped_as_binary(tmp_path, encoding, bom):
    (tmp_path / "windows.txt").write_bytes(bom + TEXT.encode(encoding))
    corpus = load_corpus(tmp_path)
    assert corpus.articles["text"].iloc[0] == TEXT.strip()
    assert corpus.skipped.empty


def test_binary_files_are_still_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    corpus = load_corpus(tmp_path)
    assert list(corpus.articles["article_id"]) == ["good"]
    assert "binary" in corpus.skipped["reason"].iloc[0]


@pytest.mark.parametrize("value, date_format, expected", [
    ("Fri, 03 Nov 2023 10:00:00 GMT", None, dt.date(2023, 11, 3)),
    ("3 Nov 2023 23:30:00 +0200", None, dt.date(2023, 11, 3)),
    ("13/10/2023", None, dt.date(2023, 10, 13)),
    ("10/13/2023", None, dt.date(2023, 10, 13)),
    ("11/10/2023", "day-first", dt.date(2023, 10, 11)),
    ("11/10/2023", "month-first", dt.date(2023, 11, 10)),
    ("11.10.2023", "%d.%m.%Y", dt.date(2023, 10, 11)),
])
def test_rss_http_and_numeric_dates(value, date_format, expected):
    assert parse_date(value, date_format) == expected


def test_an_ambiguous_numeric_date_is_a_warning_not_a_guess(tmp_path):
    with pytest.raises(AmbiguousDate, match="date_format"):
        parse_date("11/10/2023")
    (tmp_path / "a.txt").write_text("Body text without a date.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("article_id,published\na,11/10/2023\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert pd.isna(corpus.articles["published"].iloc[0]) and corpus.articles["date_source"].iloc[0] == "none"
    assert "date_format" in corpus.skipped["reason"].iloc[0] and corpus.skipped["status"].iloc[0] == "warning"
    dated = load_corpus(tmp_path, date_format="day-first").articles.iloc[0]
    assert (dated["published"], dated["date_source"]) == (pd.Timestamp("2023-10-11"), "metadata")


@pytest.mark.parametrize("text, expected", [
    ("WASHINGTON, Nov. 2, 2023 — The State Department said", dt.date(2023, 11, 2)),
    ("A headline\nPublished: 3 November 2023\nBody text.", dt.date(2023, 11, 3)),
    ("A headline\nNovember 3, 2023\nBody.", dt.date(2023, 11, 3)),
    # background phrases: the date of an event, not of the article
    ("A headline\nSince October 7, 2023, more than 30,000 people have been killed.", None),
    ("A headline\nThe war that began on October 7, 2023 goes on.", None),
    ("Gunmen attacked on 7 October 2023, officials said.", None),
    # a date deep in the body is not a dateline
    ("Headline\nLede.\nSecond.\nThird.\nFourth.\nNovember 3, 2023", None),
])
def test_only_a_dateline_or_publication_line_dates_an_article(text, expected):
    assert publication_date(text) == expected


def test_an_undated_article_is_not_dated_by_its_background(tmp_path):
    (tmp_path / "a.txt").write_text("Talks resume in Cairo\nSince October 7, 2023, the war has killed thousands.",
                                    encoding="utf-8")
    row = load_corpus(tmp_path).articles.iloc[0]
    assert pd.isna(row["published"]) and row["date_source"] == "none"


# --- the command -----------------------------------------------------------------------------


def test_only_takes_a_name_fragment_and_a_typo_gets_a_suggestion():
    assert [p.stem for p in find_notebooks(NOTEBOOKS, ["casualty"])] == ["01_casualty_figures"]
    assert [p.stem for p in find_notebooks(NOTEBOOKS, ["00", "STANCE"])] == ["00_corpus_overview",
                                                                            "03_stance_language"]
    with pytest.raises(ParameterError, match=r"did you mean 'casualty_figures'"):
        find_notebooks(NOTEBOOKS, ["casulty"])
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\) \['max_artcles'\] \(did you mean 'max_articles'\?\)"):
        plan(find_notebooks(NOTEBOOKS, ["00"]), {"max_artcles": 3})


def test_version():
    out = subprocess.run([sys.executable, "-m", "conflictnews.cli", "--version"], capture_output=True, text=True)
    from conflictnews import __version__
    assert out.returncode == 0 and out.stdout.strip() == f"conflictnews {__version__}"


@pytest.mark.notebook
def test_render_works_from_an_empty_folder(tmp_path):
    """No notebooks, no seeds, no outputs folder where the command runs: it uses the ones shipped
    with the package and writes ./outputs."""
    exe = os.path.join(os.path.dirname(sys.executable), "conflictnews")
    done = subprocess.run([exe, "render", "--only", "overview"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "outputs" / "00_corpus_overview.html").read_text(encoding="utf-8")
    assert "Daily Sabah" in page and (tmp_path / "outputs" / "index.html").exists()
    assert "corpus: loading" in done.stdout and "[1/1] 00_corpus_overview: ok" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outputs"]


def test_reports_show_a_patterns_name_never_the_expression(tmp_path):
    from conflictnews.extractors.stance import load_lexicon

    shown = "; ".join(load_lexicon().describe()["terms"])
    assert "temporary/limited cessation of hostilities" in shown
    assert not re.search(r"\(\?:|\\[sbwd]|\[\^", shown)
    mine = tmp_path / "lex.yml"
    mine.write_text("categories:\n  calm:\n    description: d\n    terms: [{regex: 'lasting\\s+calm'}]\n", encoding="utf-8")
    assert list(load_lexicon(mine).describe()["terms"]) == ["pattern"]


def test_markdown_emphasis_never_leaks_as_asterisks():
    assert html.inline_markup("a *figure* is **new**, 2 * 3") == "a <em>figure</em> is <b>new</b>, 2 * 3"
    toc = html.table_of_contents('<h2 id="a">1. Against people</h2><h2 id="b">2. On your corpus</h2>')
    assert 'class="cn-plain"' in toc   # numbered headings get no second number
