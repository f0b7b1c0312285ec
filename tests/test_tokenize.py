"""Paragraphs, sentences and words, pinned on the hard cases in the seeds."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from conflictnews.corpus.segment import paragraph_spans, sentence_spans, word_spans


def sentence_with(seeds, needle):
    s = seeds.sentences
    hits = s[s["text"].str.contains(needle, regex=False)]
    assert len(hits) == 1, f"{needle!r} is in {len(hits)} sentences"
    return hits.iloc[0]["text"]


def test_military_ranks_do_not_end_sentences(seeds):
    sent = sentence_with(seeds, "Lt.-Gen. Herzi Halevi")
    assert sent.startswith("As did the Prime Minister’s Chief of Staff") and sent.endswith("Ofir Falk.")
    assert "Maj.-Gen. Avi Gil" in sent


def test_abbreviated_months_and_countries(seeds):
    caption = sentence_with(seeds, "Nov. 2, 2023")
    assert caption.startswith("U.S. National Security Council spokesperson John Kirby")
    assert "Washington D.C., U.S., Nov. 2, 2023." in caption
    assert sentence_with(seeds, "since Oct. 7").startswith("The Israeli army has indiscriminately bombed")
    assert sentence_with(seeds, "U.S. Secretary of State Antony Blinken said").startswith("U.S. Secretary of State")
    assert sentence_with(seeds, "The U.N. and human rights").endswith("subjected to genocide.")


def test_headlines_and_captions_are_their_own_sentences(seeds):
    s = seeds.sentences
    first = s[s["sent_id"] == 0].set_index("article_id")["text"]
    assert first["000_37de2439fd9fa0e6"] == "Blinken: We are tackling idea of Gaza War pauses with Israel"
    assert first["002_425782fb01238ae8"] == "US opposes Gaza cease-fire, calls for humanitarian 'pauses'"
    assert "Israel intensifies Gaza ground operation" in set(s["text"])
    # a subheading without final punctuation is not glued to the next paragraph
    assert "Asia focus" in set(s["text"])


def test_quoted_sentences_split_inside_quotes(seeds):
    assert "“It’s an acute concern right now." in set(seeds.sentences["text"])


def test_sentence_offsets_slice_the_article(seeds):
    texts = dict(zip(seeds.articles["article_id"], seeds.articles["text"]))
    s = seeds.sentences
    assert all(texts[a][b:e] == t for a, b, e, t in zip(s["article_id"], s["start"], s["end"], s["text"]))
    assert (s.groupby("article_id")["sent_id"].apply(lambda x: list(x) == list(range(len(x))))).all()


def test_word_tokens(seeds):
    w = seeds.words
    caption = w[(w["article_id"] == "002_425782fb01238ae8") & (w["sent_id"] == 1)]["text"].tolist()
    assert caption[:3] == ["U.S.", "National", "Security"] and "D.C." in caption
    toll = w[w["text"] == "9,061"]
    assert len(toll) == 1
    texts = dict(zip(seeds.articles["article_id"], seeds.articles["text"]))
    assert all(texts[a][b:e] == t for a, b, e, t in zip(w["article_id"], w["start"], w["end"], w["text"]))


def test_hard_wrapped_lines_are_joined_but_headlines_are_not():
    text = "A Headline Here\nThe first line of a paragraph that\ncontinues here. And ends.\nNext paragraph."
    paras = [text[s:e] for s, e in paragraph_spans(text)]
    assert paras == ["A Headline Here",
                     "The first line of a paragraph that\ncontinues here. And ends.",
                     "Next paragraph."]
    assert [text[s:e] for s, e, _ in sentence_spans(text)][1:3] == [
        "The first line of a paragraph that\ncontinues here.", "And ends."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab .!?\n“”\"'U.S-7,") + ["Gen.", "Nov.", "Mr. ", "\n\n"]), max_size=150)
       .map("".join))
def test_spans_are_ordered_nonempty_and_slice(text):
    spans = sentence_spans(text)
    previous_end = 0
    for start, end, _ in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end
    for start, end in word_spans(text):
        assert text[start:end] and not text[start:end].isspace()
