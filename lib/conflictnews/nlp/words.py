"""A sentence's parse read once into plain Python objects, for readers that ask many questions of
every word.

    sent = words(doc)                  # doc: the spaCy Doc of one sentence
    w = sent[3]
    w.head, w.children, w.dep_, w.lemma_, w.idx   # the names of spaCy's Token
    sent[2:5].text                                # a stretch of words, as a Span's text

Why: spaCy keeps a parse as C arrays and builds a new ``Token`` object (and looks its strings up
again) each time a word, its head or one of its children is asked for.  The casualty readers
(``figures``, ``attribution``, ``phrases``) climb heads and scan children for every figure of a
sentence, so a sentence of thousands of figures ("killed 1 killed 1 ...") spent most of its time
building the same tokens again, some sixty per figure.  ``words`` reads the sentence once into
one ``Word`` per token, with its head and children as references, under the names spaCy's
``Token`` uses: the readers work on either, unchanged.

A word is a single object, so ``==`` and ``is`` agree (spaCy's tokens compare by position).  What
spaCy computes beyond the arrays is asked of it and answered with the sentence's own words: the
subtrees' edges (once per sentence), and what the readers ask rarely (a subtree, conjuncts, a
neighbour).
"""
from __future__ import annotations

from spacy.attrs import HEAD


class Word:
    """One token of a :class:`Words`: spaCy's ``Token`` attributes the readers use, as plain
    values (``head`` and ``children`` are words of the same sentence)."""

    __slots__ = ("doc", "i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "is_punct", "head",
                 "children")

    def _token(self):
        return self.doc.spacy[self.i]

    # asked of a few words per figure: read from spaCy when asked, not for every word
    @property
    def ent_type_(self) -> str:
        return self._token().ent_type_

    @property
    def like_num(self) -> bool:
        return self._token().like_num

    @property
    def is_space(self) -> bool:
        return self._token().is_space

    @property
    def left_edge(self) -> "Word":
        return self.doc.words[self.doc.edges()[self.i][0]]

    @property
    def right_edge(self) -> "Word":
        return self.doc.words[self.doc.edges()[self.i][1]]

    @property
    def subtree(self) -> tuple:
        return tuple(self.doc[t.i] for t in self._token().subtree)

    @property
    def conjuncts(self) -> tuple:
        return tuple(self.doc[t.i] for t in self._token().conjuncts)

    def nbor(self, i: int = 1) -> "Word":
        return self.doc[self._token().nbor(i).i]

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


class Stretch:
    """Consecutive words of a sentence (what slicing a :class:`Words` gives, as slicing a Doc
    gives a Span): iterable, with ``start``, ``end`` and ``text``."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: "Words", start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end

    def __iter__(self):
        return iter(self.doc.words[self.start:self.end])

    def __len__(self) -> int:
        return self.end - self.start

    def __getitem__(self, k):
        return self.doc.words[self.start:self.end][k]

    @property
    def text(self) -> str:
        """The words as written, with the spaces between them (a Span's text)."""
        if self.end <= self.start:
            return ""
        last = self.doc.words[self.end - 1]
        return self.doc.text[self.doc.words[self.start].idx:last.idx + len(last.text)]


class Words:
    """The parse of one sentence as :class:`Word` objects, indexed and sliced as a spaCy ``Doc``
    (``spacy``: that Doc)."""

    __slots__ = ("spacy", "text", "words", "_edges")

    def __init__(self, doc, text: str | None = None) -> None:
        self.spacy, self._edges = doc, None
        self.text = doc.text if text is None else text
        words = []
        new = Word.__new__
        # one pass over spaCy's tokens, each built once; heads as an array (asking ``t.head``
        # builds another token), offsets to the head, signed
        heads = doc.to_array(HEAD).astype("int64").tolist() if len(doc) else []
        for t, head in zip(doc, heads):
            w = new(Word)
            w.doc, w.i, w.idx, w.head, w.children = self, t.i, t.idx, t.i + head, []
            w.text, w.lower_, w.lemma_, w.pos_, w.tag_, w.dep_, w.is_punct = (
                t.text, t.lower_, t.lemma_, t.pos_, t.tag_, t.dep_, t.is_punct)
            words.append(w)
        for w in words:             # heads by reference; children in order, as spaCy gives them
            w.head = words[w.head]
            if w.head is not w:
                w.head.children.append(w)
        self.words = words

    def edges(self) -> list[tuple[int, int]]:
        """(left edge, right edge) of each word's subtree, as spaCy keeps them: asked of spaCy
        once per sentence, when a reader first needs one."""
        if self._edges is None:
            self._edges = [(t.left_edge.i, t.right_edge.i) for t in self.spacy]
        return self._edges

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self):
        return iter(self.words)

    def __getitem__(self, k):
        if isinstance(k, slice):
            start, stop, _ = k.indices(len(self.words))
            return Stretch(self, start, max(start, stop))
        return self.words[k]


def words(doc, text: str | None = None) -> Words:
    """The sentence ``doc`` (a spaCy Doc) read once as :class:`Words`; ``Words`` as they are.
    ``text``: the doc's text, when the caller has it (spaCy's ``Doc.text`` joins every token)."""
    return doc if isinstance(doc, Words) else Words(doc, text)
