"""Cleaning: what is removed, what is kept, and the audit trail."""
from __future__ import annotations

import pytest

from conflictnews.corpus.clean import clean_text, load_rules, normalise
from conflictnews.resources import ResourceError


def test_page_furniture_from_the_seeds_is_removed_and_recorded(seeds):
    removed = seeds.cleaning
    by_article = removed.groupby("article_id")["rule"].apply(list).to_dict()
    assert by_article["000_37de2439fd9fa0e6"] == ["photo_credit", "advertisement"]
    assert by_article["001_6e4aa7ec30968c97"] == ["comment_prompt"]
    assert by_article["004_72ecaebe359cc0a6"] == ["advertisement"]
    assert by_article["003_d327a6ada714b97a"].count("error_widget") == 6
    assert by_article["003_d327a6ada714b97a"].count("duplicate_line") == 1
    for text in seeds.articles["text"]:
        for debris in ("Advertisement", "Oops!", "Something went wrong", "Leave a Reply", "credit:", "(EPA Photo)", "•"):
            assert debris not in text



def test_removed_lines_and_trimmed_spans_are_told_apart(seeds):
    # 003: a caption with a trailing credit, repeated; six lines of an error widget.  The credit is
    # trimmed from both copies (two spans), the second copy then goes as a duplicate: 7 lines.
    a = seeds.articles.set_index("article_id")
    assert (a.loc["003_d327a6ada714b97a", "lines_removed"], a.loc["003_d327a6ada714b97a", "spans_removed"]) == (7, 2)
    # 002: "(EPA Photo)" cut from the end of a caption line that stays
    assert (a.loc["002_425782fb01238ae8", "lines_removed"], a.loc["002_425782fb01238ae8", "spans_removed"]) == (0, 1)
    removed = seeds.cleaning
    lines = removed[removed["scope"] == "line"].groupby("article_id")["line"].nunique()
    assert (a["lines_removed"] == lines.reindex(a.index, fill_value=0)).all()


def test_a_line_that_inline_rules_empty_counts_as_a_removed_line(tmp_path):
    rules = tmp_path / "rules.yml"
    rules.write_text("inline_rules:\n  - name: tag\n    pattern: '\\[tag\\]'\n", encoding="utf-8")
    text, removed = clean_text("Caption [tag] text.\n[tag] [tag]\nBody.", load_rules(rules))
    assert text == "Caption text.\nBody."
    assert [(r.line, r.scope) for r in removed] == [(1, "span"), (2, "line"), (2, "line")]


def test_repeated_caption_kept_once(seed_text):
    caption = "Prime Minister of Israel Benjamin Netanyahu (R) receives US Secretary of State Antony Blinken."
    assert seed_text["003"].count(caption) == 1
    assert "Amos Ben-Gershom/GPO/dpa" not in seed_text["003"]


def test_paragraph_breaks_survive_and_blank_runs_collapse():
    text, _ = clean_text("Title\r\n\r\n\r\n\r\nFirst para.\nSecond line.\n\n\nThird para.")
    assert text == "Title\n\nFirst para.\nSecond line.\n\nThird para."


def test_bom_nbsp_zero_width_and_compatibility_forms():
    assert normalise("\ufeffGaza\u00a0City\u200b said\t\tno") == "Gaza City said no"
    assert normalise("ﬁve ﬁghters") == "five fighters"  # NFKC ligatures
    assert normalise("“curly” quotes stay") == "“curly” quotes stay"


def test_a_real_sentence_is_not_mistaken_for_furniture():
    body = "Advertisement agencies were closed.\nThe ad said: please try again."
    text, removed = clean_text(body)
    assert text == body and removed == []


def test_user_rules_replace_the_shipped_ones(tmp_path):
    rules = tmp_path / "rules.yml"
    rules.write_text("line_rules:\n  - name: byline\n    pattern: 'by [a-z ]+'\ndrop_consecutive_duplicates: false\n")
    text, removed = clean_text("By Jane Doe\nAdvertisement\nSame\nSame", load_rules(rules))
    assert text == "Advertisement\nSame\nSame"
    assert [(r.rule, r.line, r.text) for r in removed] == [("byline", 1, "By Jane Doe")]


def test_bad_rules_file_names_the_file_and_rule(tmp_path):
    rules = tmp_path / "bad.yml"
    rules.write_text("line_rules:\n  - name: broken\n    pattern: '(unclosed'\n")
    with pytest.raises(ResourceError, match=r"bad\.yml: line_rules\[0\] \(broken\): bad regular expression"):
        load_rules(rules)
