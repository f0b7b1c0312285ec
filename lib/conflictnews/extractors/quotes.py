"""Quotes: who is given a voice, with which speech verb, direct or reported.

One row per speech event (``QUOTE_COLUMNS``).  ``text[start:end] == quote`` in the article's
cleaned text (for a direct quote: the words between the quote marks, trailing commas and spaces
left out; for a quotation that goes on over several sentences of a paragraph or over several
paragraphs the span runs from its first quoted word to its last; for a reported quote: the
reported clause).  Needs the parse (``nlp``): speakers are read from it.

Rules (the speech verbs and the small grammar lists are in the gazetteer YAML, see
``resources/actors.yml``):

* Direct quotes: double quote marks, straight, curly or two apostrophes.  A quote left open at
  the end of a paragraph and re-opened at the next one continues (the newspaper convention for
  long quotes).  Single quotes are not read as quotes (apostrophes and headline scare quotes).
* Attribution of a direct quote: a speech verb right after it in the same sentence
  (``"...," Blinken said``, ``"...," said the spokesperson``), else the last speech verb before it
  in the same sentence (``Biden replied: "..."``).  A quotation that is only part of what the
  verb reports (``he has "big plans" for the campaign``) stands for the whole reported clause
  (``nlp.phrases.reported_clause``).  A quote with no verb of its own that follows an attributed
  quote continues that speaker's words: in the same paragraph it is the same row.  Other quotes
  of four words or more are kept with no speaker (``speaker_id`` and ``verb`` empty); shorter
  ones are scare quotes and left out.
* Reported (indirect) speech: ``X said (that) ...``, ``X told reporters ...``, ``X vowed to ...``
  (a to-infinitive is the content, not an adjunct), ``..., X said.``, ``..., said X, a
  spokesperson for Y``, ``according to X``; a word the parse does not read as a verb ("the
  claims", "reports") and verbs in the passive are not speech events.  ``X, according to Y, did
  Z`` inside a clause credits Y with what follows.  ``..., saying ...`` (the gazetteer's
  ``speech_participles``) is a speech event of the subject of the verb it hangs on.  A verb, or
  a quotation, inside what another event reports is nested speech: the outer event wins.
* The reported content ends at a semicolon, at a non-restrictive relative clause (", where
  Israel massacred ...", ", which ...") and at an apposition to a name that runs to the end
  (", the Islamist group that governs Gaza."): the writer's own words about what was said.
* The speaker (``nlp.phrases.speaker_of``): the verb's subject, before or after it, or the object
  of "according to"; ``speaker`` is the phrase as written, with its offsets.  ``speaker_id``: the
  actor mention that heads the phrase ("U.S. Secretary of State Antony Blinken"; "White House
  officials", "the Prime Minister's office", "a spokesperson for the ministry" speak for the
  White House, the Prime Minister, the ministry); "he"/"she" the person last mentioned or quoted
  outside quotes, never one of the other gender (``gender`` in the gazetteer); "who" the person
  named just before; "it" and "the ministry"/"the group" the most recent organisation of the
  last three sentences whose name holds the noun (``body_nouns``: any).  ``speaker_resolved``
  says which (``named``, ``pronoun``, ``description``); ``speaker_for`` is the body the phrase
  says the speaker speaks for.  A speaker that resolves to no actor keeps ``speaker_id`` empty.
"""
from __future__ import annotations

import re
from itertools import islice
from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass

import pandas as pd

from ..nlp import phrases as ph
from .actors import GAZETTEER, MENTION_NEEDS, Gazetteer, article_rows, load_gazetteer, norm, trie_pattern
from .base import Extractor

QUOTE_COLUMNS = ["article_id", "sent_id", "start", "end", "speaker_id", "speaker", "speaker_start", "speaker_end",
                 "speaker_for", "speaker_resolved", "verb", "direct", "quote"]
QUOTE_NEEDS = MENTION_NEEDS

# Double quote marks: straight, curly, and two apostrophes ('' as some wire and newspaper
# archives write them)
_MARK = re.compile(r'["“”]|\'\'')
_OPEN_BEFORE = set(" \t\n([{—–-/\u00a0")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PASSIVE = {"is", "are", "was", "were", "be", "been", "being"}
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our",
                "my", "your", "such", "to", "global", "no"}
_NP_CUT = {"that", "what", "which", "and", "but", "as", "when", "while", "because", "if", "so",
           "where", "after", "before", "since", "though", "although", "however"}
_ADJUNCT_START = {"in", "on", "at", "during", "as", "after", "before", "while", "when", "from", "to",
                  "via", "last", "this", "earlier", "later", "late", "yesterday", "today", "by"} | _WEEKDAYS
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[\w'’-]+|[^\w\s]")
_WORDS = re.compile(r"[\w'’-]+")
_THAT = re.compile(r"\bthat\s")
_THAT_COLON = re.compile(r"(?:that|:)\s+")
_IN_AT_CAP = re.compile(r"(?:in|at)\s+[A-Z]")
_AUDIENCE = re.compile(r"(?:reporters|journalists|lawmakers|senators|legislators|the press|the media|"
                       r"the audience|an audience|supporters|parliament|Congress)\b\s*")


def _verb_regex(gz: Gazetteer) -> re.Pattern:
    """The speech verbs as one prefix-tree regex (lower case, and capitalised for sentence starts),
    compiled once per gazetteer.  Left word boundaries are checked by the caller.

    The caller keeps only matches that do not follow a letter, digit, "_" or "-".  When no verb
    form can hide another one (see :func:`_verbs_can_hide`), the regex checks that itself with a
    look-behind, which lets the engine fail fast inside words; the matches kept are the same."""
    rx = getattr(gz, "_verb_re", None)
    if rx is None:
        forms = set()
        for v in gz.speech_verbs:
            v = v.lower()
            forms |= {v, v[:1].upper() + v[1:]}
        pattern = trie_pattern(forms, boundary=False)
        if not _verbs_can_hide(forms):
            pattern = r"(?<![\w-])" + pattern
        rx = re.compile(pattern)
        gz._verb_re = rx
    return rx


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _verbs_can_hide(forms) -> bool:
    """Whether a verb matched inside a word (which the caller drops) could cover the start of
    another verb that would be kept: "xmade it clear" could hide a verb starting at "it" or
    "clear".  Scanning without a left-boundary check finds such inner matches and skips what
    they cover; with the check it would not, so the check is only added when no form can.

    Conservative: true when a form ``f`` has a character that is not a word character at
    ``q - 1`` and some form ``g`` agrees with ``f[q:]`` wherever both have characters, with a
    non-word character where the shorter one ends (the end of a match is never followed by a
    word character)."""
    normed = {norm(f) for f in forms} - {""}
    for f in normed:
        for q in range(1, len(f)):
            if _is_word_char(f[q - 1]):
                continue
            r = f[q:]
            for g in normed:
                n = min(len(r), len(g))
                if r[:n] != g[:n]:
                    continue
                if len(g) < len(r) and _is_word_char(r[len(g)]):
                    continue   # g would have to end before a word character
                if len(g) > len(r) and _is_word_char(g[len(r)]):
                    continue   # f's match ends before a non-word character
                return True
    return False


@dataclass
class _Event:
    start: int               # quote/content span
    end: int
    direct: bool
    verb: str | None
    verb_pos: int | None
    np_start: int | None     # the speaker phrase
    np_end: int | None
    inherit: bool = False
    speaker_id: str | None = None
    speaker: str | None = None
    after_verb: bool = False
    head: int | None = None          # offset of the speaker phrase's head word
    speaker_for: str | None = None
    resolved: str | None = None      # named, pronoun, description


def _direct_spans(text: str, para_ends: list[int]) -> list[tuple[int, int, int]]:
    """(opening mark, closing mark, last character of the closing mark) of double-quoted
    passages; the opening position is the mark's last character (the quote starts after it)."""
    spans = []
    open_pos = None
    for m in _MARK.finditer(text):
        i, ch = m.start(), m.group()
        last = m.end() - 1
        if ch == "“":
            kind = "open"
        elif ch == "”":
            kind = "close"
        else:
            prev = text[i - 1] if i else " "
            nxt = text[m.end()] if m.end() < len(text) else " "
            kind = "open" if (prev in _OPEN_BEFORE and not nxt.isspace()) else "close"
        if kind == "open":
            if open_pos is not None and _same_paragraph(open_pos, i, para_ends):
                open_pos = last     # malformed: restart at the new mark
            elif open_pos is None:
                open_pos = last
            # else: a quote continued into a new paragraph keeps its first opening mark
        elif open_pos is not None:
            spans.append((open_pos, i, last))
            open_pos = None
    if open_pos is not None:
        k = bisect_right(para_ends, open_pos)
        end = para_ends[k] if k < len(para_ends) else len(text)
        spans.append((open_pos, end, end))
    return spans


def _mark_start(text: str, o: int) -> int:
    """The first character of the opening mark whose last character is at ``o``: a mark of two
    apostrophes ('') starts one before it."""
    return o - 1 if o and text[o - 1:o + 1] == "''" else o


def _opens_lower(text: str, s: int, e: int) -> bool:
    """Whether the sentence ``text[s:e]`` opens with a lower-case letter (after spaces and
    punctuation other than quote marks: a quotation may open in lower case)."""
    for i in range(s, min(e, s + 8)):
        ch = text[i]
        if ch.isalpha():
            return ch.islower()
        if not ch.isspace() or ch == "\n":
            return False
    return False


def _same_paragraph(a: int, b: int, para_ends: list[int]) -> bool:
    return bisect_right(para_ends, a) == bisect_right(para_ends, b)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,:;":
        s += 1
    while e > s and text[e - 1] in " \t\n,:;":
        e -= 1
    return s, e


_NONSPACE = re.compile(r"\S+")


def _count(rx: re.Pattern, text: str, s: int, e: int, enough: int) -> int:
    """How many matches of ``rx`` ``text[s:e]`` holds, counted up to ``enough``: the callers ask
    "at least n words?" of a clause that may run to the end of a long sentence, so neither the
    clause is copied nor its words past the n-th are walked.  With ``_NONSPACE`` it is
    ``min(len(text[s:e].split()), enough)`` (the same whitespace), for any ``s`` and ``e``."""
    s, e, _ = slice(s, e).indices(len(text))
    return sum(1 for _ in islice(rx.finditer(text, s, e), enough))


def _n_words(text: str, s: int, e: int, enough: int) -> int:
    return _count(_NONSPACE, text, s, e, enough)


class _Parse:
    """The parse of one article's sentences, read for speech events: is the word at an offset a
    verb, and who is its speaker (``nlp.phrases.speaker_of``).  Offsets are the article's."""

    def __init__(self, sentences, docs):
        self.starts = [s for s, _, _ in sentences]
        self.docs = list(docs)
        self.token_starts: dict[int, list[int]] = {}   # per sentence, computed on first use
        self.lengths: dict[int, int] = {}               # the same
        self.speakers: dict[int, tuple | None] = {}    # per speech verb, the same
        self.continued: set[int] = set()   # sentences that go on the one before (``_Page``)

    def token(self, pos: int):
        k = bisect_right(self.starts, pos) - 1
        if k < 0 or k >= len(self.docs) or self.docs[k] is None:
            return None
        if k not in self.token_starts:
            self.token_starts[k] = ph.token_starts(self.docs[k])
        return ph.token_at(self.docs[k], pos - self.starts[k], self.token_starts[k])

    def is_speech_verb(self, pos: int) -> bool:
        """Whether the word at ``pos`` is used as a verb ("the army said"), not as a noun ("the
        claims", "reports") or an adjective; "according" always counts."""
        tok = self.token(pos)
        if tok is None:
            return True
        if tok.lower_ == "according" or tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            return True
        # the small model reads some verbs as nouns ("health officials in Gaza report that ..."):
        # a speech word followed by "that", with no determiner or adjective before it, is a verb
        doc = tok.doc
        return tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "that" and \
            (tok.i == 0 or doc[tok.i - 1].pos_ not in ("DET", "ADJ", "PRON", "NUM"))

    def speaker(self, pos: int):
        """(phrase start, phrase end, head start) of the speaker of the speech verb at ``pos``,
        or None: the verb's subject before or after it, or the object of "according to".  Read
        once per verb (a verb is asked for its speaker before it and after it, as a quote's verb
        and as reported speech)."""
        if pos not in self.speakers:
            self.speakers[pos] = self._speaker(pos)
        return self.speakers[pos]

    def _speaker(self, pos: int):
        k = bisect_right(self.starts, pos) - 1
        tok = self.token(pos)
        if tok is None:
            return None
        head = ph.speaker_of(tok, relative=False)
        if head is None:
            return self._subjectless(k, tok)
        return self._phrase(k, head)

    def _subjectless(self, k: int, verb):
        """The speaker of a finite speech verb the parse gives no subject, when the words before
        it can only be that subject: the noun phrase of the sentence before, when the verb opens
        a sentence that goes on it ("Rep. Stephen Lynch (D-Mass.) | said ..."), or the name right
        before the verb, which the parse hung elsewhere ("... with the editorial board of the
        Washington Post Trump said that ...").  None otherwise."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("ROOT", "ccomp", "conj"):
            return None
        doc = verb.doc
        first = next((t for t in doc if not t.is_punct), None)
        if first is not None and first.i == verb.i:
            prev = self.docs[k - 1] if k in self.continued and k > 0 else None
            if prev is None:
                return None
            last = _last_noun(prev)
            return None if last is None else self._phrase(k - 1, last)
        before = doc[verb.i - 1]
        if before.pos_ == "PROPN" and before.dep_ in ("pobj", "compound", "dobj", "appos") \
                and not any(c.dep_ in ("dobj", "nsubj") for c in verb.children if c.i < verb.i):
            return self._phrase(k, before)
        return None

    def _phrase(self, k: int, head):
        """(start, end, head start) of a speaker phrase: a pronoun as it is, else the noun phrase
        with its "of" and "for" phrases ("the Department of Defence", "a spokesperson for the
        ministry"), whose nouns the phrase speaks for."""
        base = self.starts[k]
        if head.pos_ == "PRON":
            return base + head.idx, base + head.idx + len(head.text), base + head.idx
        span = ph.noun_phrase(head)
        for i in range(head.i - 1, span.start - 1, -1):   # "However, Rep. Stephen Lynch": the
            if span.doc[i].text == ",":                    # words before a comma are not the name
                span = span.doc[i + 1:span.end]
                break
        end = span.end_char
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i > head.i:
                end = max(end, child.right_edge.idx + len(child.right_edge.text))
        doc = span.doc   # the first comma after the head ("The U.S. Central Command, responsible for
        for i in range(head.i + 1, len(doc)):   # ...": the writer's apposition), read token by token
            if doc[i].idx >= end:               # (``doc.text`` would join the whole sentence each time)
                break
            if doc[i].text == ",":
                end = doc[i].idx
                break
        return base + span.start_char, base + end, base + head.idx

    def clause(self, verb_pos: int):
        """(start, end) of what the speech verb at ``verb_pos`` reports (``phrases.reported_clause``),
        or None."""
        k = bisect_right(self.starts, verb_pos) - 1
        tok = self.token(verb_pos)
        if tok is None:
            return None
        span = ph.reported_clause(tok)
        if span is None:
            return None
        return self.starts[k] + span.start_char, self.starts[k] + span.end_char

    def names_only(self, start: int, end: int) -> bool:
        """Whether the text between two offsets is only a name (proper nouns and their
        determiners: "told Fox News Sunday", "mentions Percy Walton"): not what was said."""
        span = self.words_between(start, end)
        proper = False
        for t in span if span is not None else ():   # stops at the first word that is not a name's
            if t.is_punct:
                continue
            if t.pos_ not in ("PROPN", "DET", "ADP", "CCONJ"):
                return False
            proper = proper or t.pos_ == "PROPN"
        return proper

    def unmarked_clause(self, verb_pos: int):
        """(start, end) of a clause with its own subject that the parse hangs after the speech
        verb at ``verb_pos`` as an adverbial clause with no subordinating word ("said after the
        meeting she would not sign": the small model reads "she would not sign" as an adverbial
        clause, and the adjunct as part of it): a complement that lost its "that".  From its
        subject to its end; None when there is none.  (A clause opened by "if", "because",
        "when" ... is an adverbial clause indeed, not what was said.)"""
        k = bisect_right(self.starts, verb_pos) - 1
        tok = self.token(verb_pos)
        if tok is None:
            return None
        for child in tok.children:
            if child.dep_ != "advcl" or child.i < tok.i:
                continue
            if any(c.dep_ == "mark" or c.tag_ in ("WRB", "WDT", "IN") and c.i < child.i and c.dep_ != "prep"
                   for c in child.children):
                continue
            subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < child.i), None)
            if subj is None:
                continue
            start, end = subj.left_edge, child.right_edge
            return self.starts[k] + start.idx, self.starts[k] + end.idx + len(end.text)
        return None

    def has_verb(self, start: int, end: int) -> bool:
        """Whether the words between two offsets (of one sentence) hold a verb: a clause, not a
        name or an adjunct."""
        span = self.words_between(start, end)
        return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)

    def words_between(self, start: int, end: int):
        """The parsed words wholly between two offsets of one sentence (a spaCy span), or None."""
        k = bisect_right(self.starts, start) - 1
        if k < 0 or k >= len(self.docs) or self.docs[k] is None:
            return None
        base = self.starts[k]
        return self.docs[k].char_span(max(start - base, 0), min(end - base, self.length(k)),
                                      alignment_mode="contract")

    def length(self, k: int) -> int:
        """The length of sentence ``k``'s text, computed once."""
        if k not in self.lengths:
            doc = self.docs[k]   # the last word's offset and length: ``doc.text`` joins every word
            self.lengths[k] = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        return self.lengths[k]

    def noun_cues(self, nouns: set, text: str):
        """Speech acts a speech noun announces ("In a statement, the group blamed the army for
        the attack"): (the cue as written, the offset of the verb it attaches to, the speaker
        phrase, the span of what the verb's clause says: from the verb to its clause's end).
        Only a cue set before its verb counts: after it ("attacked the senator in late-night
        posts", "has made this point before, notably in his speech in Selma") it says where the
        act was done, the clause is the writer's account of it, and the cue itself would be
        part of what is "said".  The nouns are found in ``text`` (the article's) by one regex
        scan, and only their words are read from the parse."""
        for m in _noun_regex(tuple(sorted(nouns))).finditer(text):
            tok = self.token(m.start())
            k = bisect_right(self.starts, m.start()) - 1
            if tok is None or self.starts[k] + tok.idx != m.start():
                continue   # inside a word the tokenizer kept whole
            doc, base = self.docs[k], self.starts[k]
            if tok.dep_ != "pobj" or (tok.lower_ not in nouns and tok.lower_[:-1] not in nouns) \
                    or tok.head.dep_ != "prep" or tok.head.lower_ != "in":
                continue
            verb = tok.head.head
            if verb.pos_ != "VERB" or verb.i < tok.head.i or not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
                continue   # "speaks during the briefing" (a caption) says nothing
            head = ph.speaker_of(verb, relative=False)
            if head is None:
                continue
            cue = doc[tok.head.i:tok.i + 1]
            end = verb.right_edge.i
            start = verb.i
            yield (cue.text, base + verb.idx, self._phrase(k, head),
                   (base + doc[start].idx, base + doc[end].idx + len(doc[end].text)))

    def is_progressive(self, pos: int) -> bool:
        """Whether the -ing form at ``pos`` is a verb in the progressive ("is stressing that")."""
        tok = self.token(pos)
        return tok is not None and tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in _BE
                                                            for c in tok.children)

    def participle_speaker(self, pos: int):
        """The speaker of a participle that hangs on a clause (", saying ...", ", adding that
        ..."): the subject of the verb it hangs on ("U.S. officials oppose such a move, saying
        ..."; "Blinken said ..., adding that ...")."""
        tok = self.token(pos)
        if tok is None or tok.head == tok or tok.dep_ not in ("advcl", "xcomp", "conj", "acl"):
            return None
        k = bisect_right(self.starts, pos) - 1
        head = ph.speaker_of(tok.head, relative=False)
        return None if head is None else self._phrase(k, head)

    def speaks_for(self, head_pos: int) -> list[int]:
        """Offsets of the nouns the speaker whose head is at ``head_pos`` speaks for
        (``nlp.phrases.speaks_for``: "a spokesperson for the ministry", "the army's spokesman")."""
        k = bisect_right(self.starts, head_pos) - 1
        tok = self.token(head_pos)
        if tok is None:
            return []
        return [self.starts[k] + t.idx for t in ph.speaks_for(tok)]


def _last_noun(doc):
    """The noun or name that ends a sentence, before its final punctuation and a bracket
    ("Rep. Stephen Lynch (D-Mass.)" -> Lynch), or None."""
    i = len(doc) - 1
    while i >= 0 and doc[i].is_punct and doc[i].text != ")":
        i -= 1
    if i >= 0 and doc[i].text == ")":
        while i >= 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN"):
        return None
    return doc[i]


def _np_before(parse: "_Parse", lo: int, verb_pos: int):
    """The speaker phrase of the verb at ``verb_pos`` when it stands before the verb, at or
    after ``lo``: (start, end, head); else None."""
    got = parse.speaker(verb_pos)
    if got is None or not (lo <= got[0] and got[1] <= verb_pos):
        return None
    return got


def _np_after(parse: "_Parse", verb_pos: int, verb_end: int, hi: int):
    """The speaker phrase of the verb when it follows it ("..., said Maria Duarte"), before ``hi``."""
    got = parse.speaker(verb_pos)
    if got is None or not (got[0] >= verb_end and got[1] <= hi):
        return None
    return got


def _passive_or_noun(text: str, pos: int) -> bool:
    words = _WORDS.findall(text, max(0, pos - 40), pos)
    if not words:
        return False
    last = words[-1].lower()
    if last in _DETERMINERS:
        return True
    if last in _PASSIVE or (last.endswith("ly") and len(words) > 1 and words[-2].lower() in _PASSIVE):
        return True
    return False


def _speaker_or_after(np, parse: "_Parse", verb, limit: int):
    """(speaker phrase, whether it follows the verb): ``np``, the phrase before the verb, when
    there is one; else the phrase right after the verb ('said Singh'), up to ``limit``."""
    if np is not None:
        return np, False
    return _np_after(parse, verb.start(), verb.end(), limit), True


def _credit(ev, verb, np, after: bool, used: set) -> None:
    """Attach a speech verb and its speaker phrase to a direct quote; the verb is then used."""
    ev.verb, ev.verb_pos, ev.after_verb = verb.group(), verb.start(), after
    ev.np_start, ev.np_end, ev.head = np if np else (None, None, None)
    used.add(verb.start())


def article_quote_rows(article, mention_rows: list[dict], gazetteer=None) -> list[dict]:
    """The quote rows (dicts in ``QUOTE_COLUMNS``) of one parsed article (an ``Article`` of
    ``extractors.base``), given its mention rows (``actors.article_rows``).  Pure."""
    gz = load_gazetteer(gazetteer)
    sentences = [(s.start, s.end, s.para_id) for s in article.sentences]
    docs = [s.doc for s in article.sentences]
    ments = [(m["start"], m["end"], m["actor_id"], m["kind"]) for m in mention_rows
             if isinstance(m["actor_id"], str) and m["actor_id"]]
    names = {m["actor_id"]: m["actor"] for m in mention_rows if isinstance(m["actor_id"], str) and m["actor_id"]}
    rows = _article_quotes(article.text, article.article_id, sentences, ments, gz, docs, names)
    return [dict(zip(QUOTE_COLUMNS, r)) for r in rows]


def _article_quotes(text: str, article_id: str, sentences, ments: list[tuple], gz: Gazetteer, docs,
                    names: dict[str, str]) -> list[tuple]:
    """:func:`article_quote_rows` on the article's sentences (start, end, para_id), their parses
    and the resolved mentions (start, end, actor_id, kind), with each actor's name.

    Speech events are found in four ways, in this order (the order decides ties later on):
    quoted passages, speech verbs that report speech, speech nouns ("in a statement") and
    participles (", saying ..."); speech nested in another event's is dropped, speakers are
    resolved, and a quotation with no verb of its own joins the event before it."""
    if not sentences:
        return []
    page = _Page(text, sentences, docs, gz)
    events = _direct_events(page)
    # a quotation that is only part of what was reported ("he has “big plans” for the
    # campaign", "X is “unhinged,” she says") stands for the whole reported clause
    for ev in events:
        if ev.verb_pos is not None:
            _widen_to_clause(page, ev)
    events += _reported_events(page)
    events += _noun_cue_events(page)
    events += _participle_events(page)
    if not events:
        return []
    reported = _reported_by_sentence(events, page.sent_of)
    events = [e for e in events if e.direct or not _nested(e, reported, page.sent_of)]
    events = _drop_quoted_within_reported(events)
    _Speakers(page, ments, _Who(gz, names), events).resolve(events)
    return [(article_id, page.sent_id(ev.start), ev.start, ev.end, ev.speaker_id, ev.speaker,
             ev.np_start if not ev.inherit else None, ev.np_end if not ev.inherit else None,
             ev.speaker_for, ev.resolved if ev.speaker_id else None, ev.verb, ev.direct, text[ev.start:ev.end])
            for ev in _joined(page, events)]


class _Page:
    """One article as the quote reader sees it: its text, sentences and paragraphs, its quoted
    passages, its speech verbs and their parse.  Offsets are the article's."""

    def __init__(self, text: str, sentences, docs, gz: Gazetteer) -> None:
        self.text, self.gz = text, gz
        self.parse = _Parse(sentences, docs)
        self.row_starts = [s for s, _, _ in sentences]   # the article's sentences, for ``sent_id``
        # the sentences the rules read: one that opens in lower case goes on the one before it in
        # its paragraph (a break after an abbreviation: "Rep. Stephen Lynch (D-Mass.) | said ...",
        # "“...,” Rep. John Mica (R-Fla.) | said.")
        merged: list[list] = []
        for k, (s, e, p) in enumerate(sentences):
            if merged and merged[-1][2] == p and _opens_lower(text, s, e):
                merged[-1][1] = e
                self.parse.continued.add(k)
            else:
                merged.append([s, e, p])
        self.s_starts = [s for s, _, _ in merged]
        self.s_ends = [e for _, e, _ in merged]
        self.s_para = [p for _, _, p in merged]
        self.para_ends = [self.s_ends[i] for i, p in enumerate(self.s_para)
                          if i + 1 == len(self.s_para) or self.s_para[i + 1] != p]
        # (opening mark, closing mark, last character of the closing mark): in reading order and
        # not overlapping, so their openings and their closings both increase
        self.spans = _direct_spans(text, self.para_ends)
        self.span_opens = [o for o, _, _ in self.spans]
        self.span_closes = [c for _, c, _ in self.spans]
        self.verbs = self._speech_verbs()
        self.verb_starts = [v.start() for v in self.verbs]
        self.used: set[int] = set()   # the verbs credited with a quoted passage
        self.passive: dict[int, bool] = {}   # per verb, read once: it is asked as the verb after one
        # quoted passage, before the next one and as reported speech

    def passive_or_noun(self, pos: int) -> bool:
        """Whether the speech verb at ``pos`` is in the passive or used as a noun (``_passive_or_noun``)."""
        if pos not in self.passive:
            self.passive[pos] = _passive_or_noun(self.text, pos)
        return self.passive[pos]

    def sent_of(self, pos: int) -> int:
        """The (reading) sentence that holds ``pos``."""
        return max(bisect_right(self.s_starts, pos) - 1, 0)

    def sent_id(self, pos: int) -> int:
        """The article's sentence (index) that holds ``pos``."""
        return max(bisect_right(self.row_starts, pos) - 1, 0)

    def same_para(self, a: int, b: int) -> bool:
        return self.s_para[self.sent_of(a)] == self.s_para[self.sent_of(b)]

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies between the marks of a quoted passage."""
        k = bisect_right(self.span_opens, pos) - 1
        return k >= 0 and self.spans[k][0] < pos < self.spans[k][1]

    def _speech_verbs(self) -> list:
        """The speech verbs outside quote marks that the parse reads as verbs (regex matches),
        and speech participles in the progressive ("is stressing that ...": :class:`_Found`),
        in reading order."""
        text, parse = self.text, self.parse
        verbs = [m for m in _verb_regex(self.gz).finditer(text)
                 if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"))
                 and not self.in_quote(m.start()) and parse.is_speech_verb(m.start())]
        verbs += [_Found(m.group(1), m.start(1)) for m in _progressive_regex(self.gz).finditer(text)
                  if not self.in_quote(m.start(1)) and parse.is_progressive(m.start(1))]
        verbs.sort(key=lambda v: v.start())
        return verbs


# ------------------------------------------------------------------------------------------------
# Quoted passages


def _direct_events(page: _Page) -> list[_Event]:
    """One event per quoted passage (see :func:`_direct_event`), in reading order."""
    events = []
    prev_close_sent = -10   # the sentence where the last passage kept closes
    for o, c, cc in page.spans:
        ev = _direct_event(page, o, c, cc, prev_close_sent)
        if ev is not None:
            events.append(ev)
            prev_close_sent = page.sent_of(c)
    return events


def _direct_event(page: _Page, o: int, c: int, cc: int, prev_close_sent: int) -> _Event | None:
    """The event of the passage quoted between the marks at ``o`` and ``c`` (``cc``: the last
    character of the closing mark): credited to the speech verb right after it, else to the last
    one before it in its sentence; with neither, it continues the event before it (``inherit``:
    it opens its sentence, or follows a passage of the same sentence), is kept unattributed
    (four words or more), or is a scare quote (None)."""
    text = page.text
    qs, qe = _trim(text, o + 1, c)
    if qs >= qe:
        return None
    ev = _Event(qs, qe, True, None, None, None, None)
    verb, np, hi = _verb_after_quote(page, c, cc)
    if verb is not None:
        _credit(ev, verb, *_speaker_or_after(np, page.parse, verb, hi), page.used)
        return ev
    open_sent = page.sent_of(o)
    lo = page.s_starts[open_sent]
    j = bisect_left(page.span_closes, o)
    prev_close = page.span_closes[j - 1] if j else -1
    lo = max(lo, prev_close + 1)
    k = bisect_right(page.verb_starts, o) - 1
    short = _n_words(text, qs, qe, 4) < 4
    if k >= 0 and page.verbs[k].start() >= lo and not page.passive_or_noun(page.verbs[k].start()) \
            and not (short and page.verbs[k].start() in page.used):
        v = page.verbs[k]
        _credit(ev, v, *_speaker_or_after(_np_before(page.parse, lo, v.start()), page.parse, v, o), page.used)
    elif _before_spaces(text, page.s_starts[open_sent], _mark_start(text, o)) <= page.s_starts[open_sent] \
            or (open_sent == prev_close_sent and not short):   # (only spaces before it in its sentence)
        ev.inherit = True   # resolved in _joined, from the speech event just before
    elif short:
        return None
    return ev


def _verb_after_quote(page: _Page, c: int, cc: int):
    """(the speech verb right after the passage that closes at ``c``, its speaker phrase when it
    stands before the verb, how far the speaker may run): the first verb after the closing mark,
    before the end of its sentence (or of the next one, when the quote ended the sentence and
    the text runs on in lower case) and before the next quote mark, when only the speaker stands
    between them ('"...," said Singh', '"...," Blinken said') or an adjunct follows the verb
    ('"..." in Gaza ..., he said.'), and it is neither passive nor a noun.  (None, None, limit)
    when there is none."""
    text, verbs = page.text, page.verbs
    close_sent = page.sent_of(c)
    j = bisect_right(page.span_opens, c)
    nxt_mark = page.span_opens[j] if j < len(page.span_opens) else len(text)
    hi = min(page.s_ends[close_sent], nxt_mark)
    tag_only = False   # the verb is in the next sentence: it may only tag the quote
    if hi <= cc + 1 and close_sent + 1 < len(page.s_starts) and page.s_para[close_sent + 1] == page.s_para[close_sent]:
        # the quote ended its sentence ("... pause." he said) - look at the next one; when it
        # opens in upper case ("...?” Clinton said."), only as a speaker and a verb
        tag_only = not text[cc + 1:cc + 3].strip()[:1].islower()
        hi = min(page.s_ends[close_sent + 1], nxt_mark)
    k = bisect_right(page.verb_starts, c)
    if not (k < len(verbs) and verbs[k].start() < hi):
        return None, None, hi
    v = verbs[k]
    if page.passive_or_noun(v.start()):
        return None, None, hi       # (asked before its speaker is read)
    if tag_only and not _tag_ends(text, v.end(), hi):
        return None, None, hi
    np = _np_before(page.parse, cc + 1, v.start())
    if np is None and not text[cc + 1:v.start()].strip(" \t\n,"):
        return v, np, hi            # '"...," said Singh'
    if np is not None and not text[cc + 1:np[0]].strip(" \t\n,"):
        return v, np, hi            # '"...," Blinken said'
    if np is not None and _after_comma(text, np[0]):
        rest = [m.group() for m in islice(_WORDS.finditer(text, v.end(), page.s_ends[close_sent]), 4)]
        if len(rest) < 4 or rest[0].lower() in _ADJUNCT_START or rest[0].lower() == "adding":
            return v, np, hi        # '"..." in Gaza ..., he said.'
    return None, None, hi


def _tag_ends(text: str, pos: int, hi: int) -> bool:
    """Whether a sentence that tags the quote before it ("...?” Clinton said on Tuesday.") ends
    after the verb at ``pos``: nothing, a word or two, or an adjunct with no "that" follows it
    (not a reported clause of its own: "Clinton said the economy is strong.")."""
    aud = _AUDIENCE.match(text, pos + 1) if text[pos:pos + 1] == " " else None
    pos = aud.end() if aud else pos   # "told reporters"
    rest = [m.group() for m in islice(_WORDS.finditer(text, pos, hi), 3)]
    if len(rest) < 3:
        return True
    return rest[0].lower() in _ADJUNCT_START and not _infinitive(rest) and _THAT.search(text, pos, hi) is None


# ------------------------------------------------------------------------------------------------
# Reported speech, speech nouns, participles


def _reported_events(page: _Page) -> list[_Event]:
    """Reported speech: an event per speech verb not credited with a quoted passage, nor passive
    nor a noun ("according to" always counts), whose speaker and reported clause can be read."""
    events = []
    cuts = _coordinated_speech(page)
    for v in page.verbs:
        verb = v.group()
        according = verb.lower().startswith("according")
        if v.start() in page.used or (not according and not isinstance(v, _Found)
                                      and page.passive_or_noun(v.start())):
            continue
        sid = page.sent_of(v.start())
        ss, se = page.s_starts[sid], page.s_ends[sid]
        ev = _according_to(page, v, ss, se) if according else _reported(page, v, ss, se)
        if ev is not None and _cut_at(page.text, ev, cuts):
            events.append(ev)
    return events


# a coordinating or conceding word after a comma or a dash ("X said A, but he said B"), and what
# may stand between it and the subject of a speech verb: nothing, or a short clause of
# when/after/asked ... and a comma (", and when pressed on why ..., the mother of three replied")
_COORDINATOR = re.compile(r"(?:,[\"”']{0,2}|;|\s[—–]|\s--?)\s+(?:and|but|though|although|while|whereas|yet)\s+")
_SUBORDINATE = re.compile(r"(?:when|after|as|if|asked|pressed|before)\b[^,;]{0,120},\s*")


def _coordinated_speech(page: _Page) -> list[int]:
    """Where a speech event of its own starts inside a sentence: before the coordinating word
    of a clause whose own speech verb has its own subject ("X said A, but he said B": B is not
    what X said in A).  Sorted offsets.  The coordinating words are found in one scan of the
    text; a verb is looked at only when one stands at most 160 characters before it."""
    text = page.text
    found = [(m.start(), m.end()) for m in _COORDINATOR.finditer(text)]
    ends = [e for _, e in found]
    cuts = []
    for v in page.verbs:
        k = bisect_right(ends, v.start()) - 1
        if k < 0 or ends[k] < v.start() - 160 or v.group().lower().startswith("according") \
                or page.passive_or_noun(v.start()):
            continue
        ss = page.s_starts[page.sent_of(v.start())]
        np = _np_before(page.parse, ss, v.start())
        if np is None or np[0] <= ss:
            continue
        k = bisect_right(ends, np[0]) - 1
        if k < 0 or found[k][0] < ss:
            continue
        b, e = found[k]
        if e == np[0] or _SUBORDINATE.fullmatch(text, e, np[0]):
            cuts.append(b)
    return sorted(set(cuts))


def _cut_at(text: str, ev: _Event, cuts: list[int]) -> bool:
    """End ``ev``'s content before the first coordinated speech event (``_coordinated_speech``)
    that starts after its verb and inside its content; False when fewer than two words are left."""
    k = bisect_right(cuts, max(ev.start, ev.verb_pos or 0))
    if k < len(cuts) and cuts[k] < ev.end:
        ev.end = _strip_final(text, ev.start, _before_spaces(text, ev.start, cuts[k]))
        return _n_words(text, ev.start, ev.end, 2) >= 2
    return True


def _according_to(page: _Page, v, ss: int, se: int) -> _Event | None:
    """"according to X" in the sentence [ss, se): what comes before it, what the phrase
    interrupts ("the assault that, according to Israel, claimed 1,200 lives"), or what follows
    the comma after X."""
    text = page.text
    np = _np_after(page.parse, v.start(), v.end(), se)
    if np is None:
        return None
    before = text[ss:v.start()]
    inserted = _parenthetical_content(text, v.start(), np[1], se, page.parse) if before.strip(" ,\n") else None
    if inserted is not None:
        # what is attributed is the clause the phrase interrupts, from after it to the clause's end
        cs, ce = inserted
    elif before.strip(" ,\n"):
        cs, ce = _trim(text, ss, v.start())
    else:
        comma = text.find(",", np[1], se)
        if comma < 0:
            return None
        cs, ce = _trim(text, comma + 1, se)
    return _Event(cs, ce, False, v.group(), v.start(), np[0], np[1], after_verb=True, head=np[2])


def _reported(page: _Page, v, ss: int, se: int) -> _Event | None:
    """A speech verb of the sentence [ss, se) with its speaker, before or after it, and the
    clause it reports (:func:`_reported_span`) of two words or more that is not only a name."""
    np, after = _speaker_or_after(_np_before(page.parse, ss, v.start()), page.parse, v, se)
    if np is None:
        return None
    text = page.text
    got = _reported_span(text, v, np, after, ss, se)
    if got is None:
        got = _parsed_complement(page, v, se)
    if got is not None and (_n_words(text, got[0], got[1], 2) < 2 or page.parse.names_only(*got)):
        got = None
    if got is None and not after:
        got = _clause_before_tag(page, np, ss)
    if got is None:
        return None
    cs, ce = got
    return _Event(cs, ce, False, v.group(), v.start(), np[0], np[1], after_verb=after, head=np[2])


def _clause_before_tag(page: _Page, np, ss: int) -> tuple[int, int] | None:
    """"A, X told Y on Thursday.": when what follows the verb is no clause (a name, an adjunct),
    a speaker set after a comma tags the clause before it, which is what was said: from the
    sentence's start to that comma, when it holds a verb (not "On Thursday, X told Y.")."""
    text = page.text
    if not _after_comma(text, np[0]) or _count(_WORDS, text, ss, np[0], 2) < 2:
        return None
    cs, ce = _trim(text, ss, text.rfind(",", ss, np[0]))
    ce = _strip_final(text, cs, ce)
    if _n_words(text, cs, ce, 2) < 2 or not page.parse.has_verb(cs, ce):
        return None
    return cs, ce


def _parsed_complement(page: _Page, v, se: int) -> tuple[int, int] | None:
    """What the verb reports when the words after it did not say (a long adjunct before "that":
    "said during a Friday evening rally in Michigan that ..."): the complement clause the parse
    gives it after the verb, from its "that" to the clause's end, else a clause the parse hung
    on it as an adverbial one (``_Parse.unmarked_clause``); None when there is none."""
    got = page.parse.clause(v.start())
    if got is None or got[0] < v.end():
        got = page.parse.unmarked_clause(v.start())
    if got is None or got[0] < v.end() or got[1] > se:
        return None
    text = page.text
    cs, ce = _trim(text, *got)
    cs = _skip_that(text, cs, ce)
    ce = _strip_final(text, cs, _clause_end(text, cs, ce))
    return (cs, ce) if cs < ce else None


def _reported_span(text: str, v, np, after: bool, ss: int, se: int) -> tuple[int, int] | None:
    """(start, end) of what the speech verb ``v`` reports in the sentence [ss, se), its speaker
    phrase ``np`` standing ``after`` it or not: "said on Wednesday that ...", "X said ...",
    "..., said X, a spokesperson for ...", "..., X said."; None when there is nothing to read."""
    rest_at = v.end()
    aud = _AUDIENCE.match(text, rest_at + 1) if text[rest_at:rest_at + 1] == " " else None
    if aud:
        rest_at = aud.end()
    rest_words = [m.group() for m in islice(_WORDS.finditer(text, rest_at, se), 4)]   # (only 4 are used)
    starts_adjunct = bool(rest_words) and rest_words[0].lower() in _ADJUNCT_START \
        and not _infinitive(rest_words)
    rest = text[rest_at:se] if starts_adjunct else ""
    that = _THAT.search(rest) if starts_adjunct else None
    if that and len(rest[:that.start()].split()) <= 6 and "," not in rest[:that.start()]:
        # "said on Wednesday that ..." (a "that" after a comma is a relative pronoun:
        # "vowed to ..., the group that ...")
        cs, ce = _trim(text, rest_at + that.end(), se)
    elif after and _after_comma(text, v.start()) and _count(_WORDS, text, ss, v.start(), 2) >= 2:
        # "..., said Maria Duarte, a spokesperson for ...": the reported clause comes first
        cs, ce = _trim(text, ss, text.rfind(",", ss, v.start()))
    elif not after and rest_words and text[rest_at:rest_at + 1] == "," and _after_comma(text, np[0]) \
            and _count(_WORDS, text, ss, np[0], 2) >= 2:
        # "The museum, Mr. Obama said, would make visitors ...": the tag interrupts what was
        # said, which runs from the sentence's start to the end of the clause after the tag
        # ("..., he said, and ...": what follows the coordinator is the writer's, not the tag's)
        end = text.rfind(",", ss, np[0]) if rest_words[0].lower() in ("and", "but", "or") \
            else _clause_end(text, rest_at + 1, se)
        cs, ce = _trim(text, ss, end)
        return cs, _strip_final(text, cs, ce)
    elif len(rest_words) >= 4 and not (starts_adjunct and not after):
        cs, ce = _trim(text, (np[1] if after else rest_at), se)
        if not after and v.group().lower() in _TELL:
            cs = _skip_object(text, cs, ce)   # "told a Saudi television station he ..."
        cs = _skip_that(text, cs, ce)
    else:
        # "..., X said." - the reported clause comes first
        cut = text.rfind(",", ss, np[0])
        if cut < 0:
            return None
        cs, ce = _trim(text, ss, cut)
    if cs >= rest_at:
        ce = _clause_end(text, cs, ce)
    return cs, _strip_final(text, cs, ce)


def _noun_cue_events(page: _Page) -> list[_Event]:
    """A speech noun makes its clause a speech act: "In a statement, the group blamed the army
    for ..." (the gazetteer's ``speech_nouns``), unless a speech verb of its own ("said in a
    statement") is already an event."""
    speech_nouns = {w.lower() for w in page.gz.language.get("speech_nouns", [])}
    if not speech_nouns:
        return []
    text, events = page.text, []
    verb_at = set(page.verb_starts)
    for cue, verb_pos, np, (cs, ce) in page.parse.noun_cues(speech_nouns, text):
        if verb_pos in verb_at or page.in_quote(verb_pos):
            continue
        cs, ce = _trim(text, cs, ce)
        ce = _strip_final(text, cs, ce)
        if _n_words(text, cs, ce, 3) >= 3:
            events.append(_Event(cs, ce, False, cue, verb_pos, np[0], np[1], head=np[2]))
    return events


def _participle_events(page: _Page) -> list[_Event]:
    """Participial attribution: "U.S. officials oppose such a move, saying it would ...", a
    speech event of the subject of the verb the participle hangs on."""
    text, events = page.text, []
    for p in _participle_regex(page.gz).finditer(text):
        pos = p.start(1)
        if page.in_quote(pos):
            continue
        sid = page.sent_of(pos)
        ss, se = page.s_starts[sid], page.s_ends[sid]
        np = page.parse.participle_speaker(pos)
        if np is None or not (ss <= np[0] < pos):
            continue
        cs, ce = _trim(text, p.end(1), se)
        cs = _skip_that(text, cs, ce)
        ce = _strip_final(text, cs, _clause_end(text, cs, ce))
        if _n_words(text, cs, ce, 2) < 2:
            continue
        events.append(_Event(cs, ce, False, p.group(1), pos, np[0], np[1], head=np[2] if len(np) > 2 else None))
    return events


# ------------------------------------------------------------------------------------------------
# Speakers, and quotations that continue an event


class _Speakers:
    """Resolves the speaker phrases of one article's events to actors: the actor the phrase
    names, the person a pronoun points back to, the body a description names.  Mentions inside
    what the events report are not candidates (words of the speaker, not of the writer)."""

    def __init__(self, page: _Page, ments: list[tuple], who: "_Who", events: list[_Event]) -> None:
        self.page, self.ments, self.who = page, ments, who
        self.ment_starts = [m[0] for m in ments]
        in_content = _covered([(e.start, e.end) for e in events])
        text = page.text
        self.persons = _People(who, [(m[0], m[2]) for m in ments if m[3] == "person" and not in_content(m[0])])
        self.bodies = [(m[0], m[2], text[m[0]:m[1]]) for m in ments if m[3] not in ("person", "demonym")
                       and not in_content(m[0])]
        self.speakers_at = _People(who)   # persons credited as speakers so far

    def resolve(self, events: list[_Event]) -> None:
        """Set the speaker of every event that has a phrase of its own, in reading order of the
        phrases (a pronoun points back to the speakers before it)."""
        for ev in sorted(events, key=lambda e: e.np_start if e.np_start is not None else e.start):
            if not ev.inherit and ev.np_start is not None:
                self._resolve(ev)

    def _resolve(self, ev: _Event) -> None:
        page, who = self.page, self.who
        text = page.text
        ev.speaker_id, ev.speaker, ev.resolved = _speaker(text, ev, self.ments, self.ment_starts, self.persons,
                                                          self.speakers_at, who)
        ev.speaker_for = _speaker_for(ev, page.parse, self.ments, self.ment_starts)
        if ev.speaker_id is None and ev.speaker_for and ev.head is not None \
                and text[ev.head:ev.np_end].split()[0].lower().strip(",") in page.gz.spokes_nouns:
            # "a spokesperson for the ministry said": the body speaks
            ev.speaker_id, ev.resolved = ev.speaker_for, "named"
        if ev.speaker_id is None:
            got = _description(text, ev, page.parse, self.bodies, page.sent_of, who)
            if got:
                ev.speaker_id, ev.speaker, ev.resolved = got
        if ev.speaker_id and who.kind(ev.speaker_id) == "person":
            self.speakers_at.append((ev.np_start, ev.speaker_id))


def _covered(spans: list[tuple[int, int]]):
    """A test ``pos -> bool``: does one of ``spans`` (start, end) hold ``pos``?  (The spans are
    merged where they overlap, so a look-up is one binary search.)"""
    merged: list[list[int]] = []
    for cs, ce in sorted(spans):
        if merged and cs <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], ce)
        else:
            merged.append([cs, ce])
    starts = [m[0] for m in merged]

    def covered(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < merged[k][1]
    return covered


def _joined(page: _Page, events: list[_Event]) -> list[_Event]:
    """The events that make rows, in reading order: a fragment of a clause another event
    reports whole is left out; one speech act quoted in two pieces around its verb is one
    event; a passage with no verb of its own continues the event just before it (same or
    previous sentence: in the same paragraph it extends it, else it takes its speaker), or is
    kept unattributed when it has four words or more."""
    kept: list[_Event] = []
    last = None    # (sentence where the last kept event ends, the event)
    cover = None   # the event whose span reaches furthest so far
    for ev in sorted(events, key=lambda e: (e.start, -e.end)):
        if cover is not None and ev.end <= cover.end and ev is not cover and \
                (ev.verb_pos is None or ev.inherit or ev.verb_pos == cover.verb_pos):
            continue   # a fragment of a reported clause already given whole ("“disgusting” and “a con”")
        if cover is None or ev.end > cover.end:
            cover = ev
        if kept and ev.direct and kept[-1].direct and ev.verb_pos is not None and ev.verb_pos == kept[-1].verb_pos \
                and page.same_para(kept[-1].end, ev.start):
            # "“A,” he said, “B.”": one speech act quoted in two pieces, one row
            kept[-1].end = max(kept[-1].end, ev.end)
            last = (page.sent_of(kept[-1].end), kept[-1])
            continue
        if ev.inherit:
            if last is not None and page.sent_of(ev.start) - last[0] <= 1 and (last[1].verb or last[1].speaker):
                prev = last[1]
                if prev.direct and page.same_para(prev.end, ev.start):
                    # the quotation goes on in the next sentence of the paragraph ("“A,” he
                    # said. “B.”"): the same speech event, one row whose span runs from the
                    # first quoted word to the last (as a quote over several paragraphs does)
                    prev.end = ev.end
                    last = (page.sent_of(ev.end), prev)
                    continue
                ev.speaker_id, ev.speaker, ev.speaker_for = prev.speaker_id, prev.speaker, prev.speaker_for
                ev.resolved = prev.resolved
            elif _n_words(page.text, ev.start, ev.end, 4) < 4:
                continue
        last = (page.sent_of(max(ev.end, ev.verb_pos or 0, ev.np_end or 0)), ev)
        kept.append(ev)
    return kept


class _Who:
    """Names, kinds and genders of the actors an article mentions (the gazetteer's and the
    named-entity recogniser's alike)."""

    def __init__(self, gz: Gazetteer, names: dict[str, str]):
        self.gz, self.names = gz, names

    def name(self, aid: str) -> str:
        a = self.gz.actors.get(aid)
        return self.names.get(aid) or (a.name if a else aid)

    def kind(self, aid: str) -> str | None:
        a = self.gz.actors.get(aid)
        return a.kind if a else None

    def gender(self, aid: str) -> str | None:
        a = self.gz.actors.get(aid)
        return a.gender if a else None


def _speaker_for(ev: "_Event", parse: "_Parse", ments, ment_starts) -> str | None:
    """The actor the speaker speaks for, when the phrase says it: "X, a spokesperson for the
    ministry", "the army's spokesman", "a spokesperson for the relief group"."""
    if ev.head is None:
        return None
    for pos in parse.speaks_for(ev.head):
        k = bisect_right(ment_starts, pos) - 1
        if k >= 0 and ments[k][0] <= pos < ments[k][1] and ments[k][3] != "demonym":
            return ments[k][2]
    return None


_BODIES_BACK = 40   # actors looked at for "it" or "the ministry": the last ones of three sentences


def _description(text: str, ev: "_Event", parse: "_Parse", bodies, sent_of, who: "_Who"):
    """A speaker written as a pronoun for a body ("it") or a description ("the ministry", "the
    group"): the most recent organisation, armed group or state mentioned in the same or the two
    previous sentences whose name, or the way it was written there, holds the description's noun
    ("the ministry" -> "Health Ministry", "the army" -> "Sudan's army"; "it" and "the group": any
    such body).  (actor_id, the phrase, how) or None."""
    phrase = text[ev.np_start:ev.np_end].strip()
    low = phrase.lower()
    words = low.split()
    if low == "it":
        noun, how = None, "pronoun"
    elif len(words) == 2 and words[0] == "the" and words[1].isalpha():
        noun, how = words[1], "description"
    else:
        return None
    generic = {w.lower() for w in who.gz.language.get("body_nouns", [])}
    here = sent_of(ev.np_start)
    k = bisect_left(bodies, (ev.np_start, "", ""))
    for i in range(k - 1, max(k - 1 - _BODIES_BACK, -1), -1):
        pos, aid, surface = bodies[i]
        if here - sent_of(pos) > 2:
            break
        words = f"{who.name(aid)} {surface}".lower().replace("-", " ").replace("’s", " ").replace("'s", " ").split()
        if noun is None or noun in generic or noun in words:
            return aid, phrase, how
    return None


_INTRO = re.compile(r"(?:[\w'’-]+[^\S\n]+){0,3}[\w'’-]+,[^\S\n]*")


def _drop_quoted_within_reported(events: list) -> list:
    """A direct quote that lies, with its speech verb, inside what another event reports is
    nested speech ("said that Clinton described the deal as “the gold standard”"): the
    outer event wins, as for reported speech.  One sweep in order of start: only the event that
    reaches furthest so far can hold the next one."""
    keep, cover = [], None
    for e in sorted(events, key=lambda e: (e.start, -e.end)):
        if e.direct and e.verb_pos is not None and cover is not None and cover is not e and not cover.direct \
                and e.end <= cover.end and cover.start <= e.verb_pos < cover.end:
            continue
        if cover is None or e.end > cover.end:
            cover = e
        keep.append(e)
    return keep


def _widen_to_clause(page: _Page, ev: "_Event") -> None:
    """Widen a direct quote to the clause its speech verb reports when the quote is only part of
    it: words of the clause stand before its opening mark or after its closing one (a partial
    quote).  The clause is the parse's (``phrases.reported_clause``); when the parse gives none
    that holds the quote (the small model often hangs "that ..." after an adjunct as an adverbial
    clause: "tweeted in the early morning hours that X was “disgusting”"; "according to" has no
    clause at all), it is what the same verb would report as reported speech
    (:func:`_text_clause`), so a partial quote reads the same as the sentence without quote marks
    would.  That reading is only taken when words of it stand before the opening mark: a quote
    that opens what the verb reports ("called for “humanitarian pauses” to allow aid ...") is
    what was said, and the words after it are the writer's.  The clause must hold the quote and
    stay within its sentence."""
    got = page.parse.clause(ev.verb_pos)
    if got is None or not _widen_to(page.text, ev, got, page.parse):
        got = _text_clause(page, ev)
        if got is not None:
            _widen_to(page.text, ev, got, page.parse, need_before=True)


def _text_clause(page: _Page, ev: "_Event") -> tuple[int, int] | None:
    """What the speech verb of ``ev`` reports by the rules of reported speech (``_according_to``,
    ``_reported``), or None."""
    k = bisect_left(page.verb_starts, ev.verb_pos)
    if k >= len(page.verbs) or page.verb_starts[k] != ev.verb_pos:
        return None
    v = page.verbs[k]
    sid = page.sent_of(v.start())
    ss, se = page.s_starts[sid], page.s_ends[sid]
    got = _according_to(page, v, ss, se) if v.group().lower().startswith("according") else _reported(page, v, ss, se)
    return None if got is None else (got.start, got.end)


def _widen_to(text: str, ev: "_Event", got: tuple[int, int], parse: "_Parse", need_before: bool = False) -> bool:
    """Widen ``ev`` to the clause ``got`` (start, end) when it holds the quote and more (see
    :func:`_widen_to_clause`): words before the quote (``need_before``), or before or after it;
    whether it did."""
    cs, ce = _trim(text, *got)
    verb_end = ev.verb_pos + len(ev.verb or "")
    if cs < verb_end <= ev.start:
        cs = verb_end   # a verb of several words ("made it plain that ..."): what follows it
    intro = _INTRO.match(text, cs, ev.start)
    if intro and intro.end() >= ev.start - 1:
        cs = intro.end()   # "Later, “...” Kirby added": the writer's adverb, not the quote
    cs, ce = _trim(text, cs, ce)
    while cs < ce and text[cs] in "\"“”'‘’":
        cs += 1
    ce = _strip_final(text, cs, ce)
    if not (cs <= ev.start and ev.end <= ce + 1) or (ev.verb_pos is not None and cs <= ev.verb_pos < ce):
        return False
    before = _count(_WORDS, text, cs, max(cs, ev.start - 1), 1)
    after = _count(_WORDS, text, min(ev.end + 1, ce), ce, 1)
    first = parse.token(cs)
    if before and first is not None and first.pos_ in ("AUX", "VERB"):
        return False   # "which he said is “the critical region”": a clause without its subject is no better
    if before or (after and not need_before):
        ev.start, ev.end = cs, max(ce, ev.end)
        ev.start = _skip_that(text, ev.start, ev.end)
        return True
    return False


def _reported_by_sentence(events: list[_Event], sent_of) -> dict:
    """sentence -> (its reported events sorted by start, their starts).  A reported clause lies
    within one sentence, so only these events can hold a verb of that sentence."""
    out: dict = {}
    for ev in events:
        if not ev.direct:
            out.setdefault(sent_of(ev.start), []).append(ev)
    for sid, group in out.items():
        group.sort(key=lambda ev: ev.start)
        out[sid] = (group, [ev.start for ev in group])
    return out


def _nested(e: _Event, by_sentence: dict, sent_of) -> bool:
    """A reported verb inside another event's reported clause is nested speech: the outer wins.
    Only reported events can hold it (verbs inside quote marks are not speech events): those of
    ``e``'s sentence that start before its verb are looked at, the nearest first."""
    group, starts = by_sentence.get(sent_of(e.verb_pos), ((), []))
    for k in range(bisect_right(starts, e.verb_pos) - 1, -1, -1):
        o = group[k]
        if o is e or e.verb_pos >= o.end:
            continue
        if o.verb_pos is not None and e.start <= o.verb_pos < e.end and o.verb_pos < e.verb_pos:
            continue   # each inside the other: the later verb frames the sentence
        return True
    return False


def _after_comma(text: str, pos: int) -> bool:
    """``text[:pos].rstrip().rstrip('"”').endswith(",")`` without copying the text."""
    i = pos
    while i and text[i - 1].isspace():
        i -= 1
    while i and text[i - 1] in '"”':
        i -= 1
    return i > 0 and text[i - 1] == ","


_RELATIVE = ("who", "whom", "whose", "which", "where")
# (the spaces before a mark are not part of the match, the caller trims them: "\s*;" tried
# every position of a long clause)
_SEMICOLON = re.compile(r";")
_CLAUSE_MARK = re.compile(r"[—–;()]|\s-\s")
_GLOSS = re.compile(rf",\s+(?:(?:{'|'.join(_RELATIVE)})\b|(?:the|a|an)\s)")
_COMMA_AFTER = re.compile(r"\s*,\s*")
_SUBJECT_PRONOUNS = {"he", "she", "they"}


def _infinitive(words: list[str]) -> bool:
    """Whether the words after a verb start a to-infinitive ("vowed to eradicate ..."), not a
    phrase with the preposition "to" ("said to reporters", "told to the press")."""
    return (len(words) > 1 and words[0].lower() == "to" and words[1].islower()
            and words[1] not in _DETERMINERS and words[1] not in _SUBJECT_PRONOUNS)


def _clause_end(text: str, s: int, e: int, marks: re.Pattern = _SEMICOLON) -> int:
    """Where the reported clause ``text[s:e]`` ends: before a semicolon (``marks``: also before a
    dash or a bracket), before a non-restrictive relative clause (", where Israel ...",
    ", which ...") and before an apposition to a name that runs to the end (", the Islamist
    group that governs Gaza."): these are the writer's own words about what was said, not what
    was said.  ``e`` when nothing cuts it, or when the cut would leave fewer than two words."""
    cut = e
    m = marks.search(text, s, e)
    if m:
        cut = _before_spaces(text, s, m.start())
    for g in _GLOSS.finditer(text, s, cut):
        if g.group().rstrip().endswith(("the", "a", "an")):
            prev = _last_word(text, s, g.start())
            if not prev or not prev[:1].isupper() or text.find(",", g.end(), cut) >= 0:
                # ", the" after a common noun (a list, a second clause), or an apposition
                # closed by a comma ("Gaza City, a Hamas stronghold, as part of ..."): kept
                continue
        cut = g.start()
        break
    cut = _before_spaces(text, s, cut)
    return cut if _n_words(text, s, cut, 2) >= 2 else e


def _before_spaces(text: str, s: int, pos: int) -> int:
    """``pos`` moved back over the spaces before it, not before ``s``."""
    while pos > s and text[pos - 1].isspace():
        pos -= 1
    return pos


def _last_word(text: str, s: int, e: int) -> str:
    """``_WORDS.findall(text, s, e)[-1]`` (or ""), read backwards from ``e``: not every word of a
    long clause."""
    end = min(e, len(text))
    while end > s and not _is_word_part(text[end - 1]):
        end -= 1
    start = end
    while start > s and _is_word_part(text[start - 1]):
        start -= 1
    return text[start:end]


def _is_word_part(ch: str) -> bool:
    """A character of ``_WORDS`` (``[\\w'’-]``)."""
    return ch.isalnum() or ch in "_'’-"


def _parenthetical_content(text: str, verb_pos: int, np_end: int, se: int,
                           parse: "_Parse | None" = None) -> tuple[int, int] | None:
    """"X, according to Y, did Z": when the attribution sits between commas inside a clause and
    what follows it continues that clause (a verb, not a relative pronoun, a conjunction or an
    apposition), the span of that continuation up to the clause's end; else None."""
    if not _after_comma(text, verb_pos):
        return None
    m = _COMMA_AFTER.match(text, np_end)
    if m is None:
        return None
    cs = m.end()
    ce = _clause_end(text, cs, _strip_final(text, cs, se), _CLAUSE_MARK)
    words = [m.group() for m in islice(_WORDS.finditer(text, cs, ce), 2)]
    if len(words) < 2 or not words[0].islower():
        return None
    first = words[0].lower()
    if first in _DETERMINERS or first in _NP_CUT or first in _RELATIVE or first in _SUBJECT_PRONOUNS:
        return None
    tok = parse.token(cs) if parse is not None else None
    if tok is not None and tok.pos_ not in ("VERB", "AUX", "ADV", "PART"):
        return None   # ", according to Craig Bryan, head of the centre": an apposition to the source
    return cs, ce


def _participle_regex(gz: Gazetteer) -> re.Pattern:
    """", saying", ", adding"...: the gazetteer's ``speech_participles`` after a comma."""
    return _participles(tuple(f.lower() for f in gz.language.get("speech_participles", [])))


_BE = frozenset({"is", "are", "was", "were", "been", "be", "'s", "’s", "'re", "’re"})


class _Found:
    """A speech verb found by the parse rather than the verb regex, read like a regex match."""

    def __init__(self, word: str, at: int) -> None:
        self.word, self.at = word, at

    def group(self) -> str:
        return self.word

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.at + len(self.word)


def _progressive_regex(gz: Gazetteer) -> re.Pattern:
    """The gazetteer's ``speech_participles`` after a form of "be" ("is stressing")."""
    return _progressives(tuple(f.lower() for f in gz.language.get("speech_participles", [])))


@lru_cache(maxsize=8)
def _progressives(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:is|are|was|were|been|be)[^\S\n]+(?:\w+ly[^\S\n]+)?("
                      + trie_pattern(list(forms), boundary=False) + ")") if forms else re.compile(r"(?!x)x")


@lru_cache(maxsize=8)
def _noun_regex(nouns: tuple[str, ...]) -> re.Pattern:
    """The speech nouns, with one more letter ("statements"), as whole words in any case."""
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in nouns) + r")\w?(?!\w)", re.IGNORECASE) \
        if nouns else re.compile(r"(?!x)x")


@lru_cache(maxsize=8)
def _participles(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r",\s+(" + trie_pattern(list(forms), boundary=False) + ")") if forms else re.compile(r"(?!x)x")


_TELL = {"told", "tell", "tells"}
_CLAUSE_START = {"that", "he", "she", "they", "it", "we", "i", "there"}
_OBJECT_WORD = re.compile(r"[\w'’.-]+|[^\w\s]")


def _skip_object(text: str, s: int, e: int) -> int:
    """After "told": skip the object ("told CNN that ...", "told a Saudi television station he
    believed ...") when, within its first eight words and before any punctuation, the reported
    clause visibly starts: at "that" or a subject pronoun after at least one word of object.
    Otherwise ``s`` unchanged."""
    for i, m in enumerate(_OBJECT_WORD.finditer(text, s, e)):
        w = m.group()
        if i >= 8 or not (w[0].isalnum() or w[0] in "'’"):
            break
        if i and w.lower() in _CLAUSE_START:
            return m.start()
    return s


def _skip_that(text: str, s: int, e: int) -> int:
    m = _THAT_COLON.match(text, s, e)
    if m and _n_words(text, m.end(), e, 3) >= 3:
        return m.end()
    return s


def _strip_final(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in ".!? \n\"”'’":
        e -= 1
    return e


def _speaker(text: str, ev: _Event, ments, ment_starts, persons, speakers_at, who: "_Who"):
    """(actor_id, the phrase as written, how) of the speaker phrase of ``ev``: ``named`` when the
    phrase names the actor (the mention heading it), ``pronoun`` for he/she/who resolved to a
    person; (None, the phrase, None) otherwise."""
    gz = who.gz
    a, b = ev.np_start, ev.np_end
    phrase = text[a:b]
    low = phrase.lower().strip()
    if low in gz.pronouns:
        gender = gz.pronouns[low]
        if low == "they" or gender is None and low != "he" and low != "she":
            return None, phrase, None
        aid = _antecedent(a, gender, persons, speakers_at)
        return (aid, phrase, "pronoun") if aid else (None, phrase, None)
    if low == "who":
        k = bisect_right(ment_starts, a) - 1
        while k >= 0 and ments[k][0] > a - 300:
            if ments[k][3] == "person":
                return ments[k][2], phrase, "pronoun"
            k -= 1
        return None, phrase, None
    # the mention heading the phrase: the last one in it, with only allowed words after it
    k = bisect_right(ment_starts, b) - 1
    while k >= 0 and ments[k][0] >= a:
        ms, me, aid, kind = ments[k]
        if me <= b:
            tail = text[me:b]
            if _tail_ok(tail, kind, gz, ev.after_verb):
                if kind == "demonym":
                    # "U.S. officials said": a state's name used as a modifier still names the
                    # state that speaks; a demonym ("Israeli officials") names no one actor
                    aid = _state_named(text[ms:me], gz)
                    if aid is None:
                        return None, phrase, None
                return aid, phrase, "named"
            return None, phrase, None
        k -= 1
    return None, phrase, None


def _state_named(surface: str, gz: Gazetteer) -> str | None:
    """The state a surface form names ("U.S."), if it names exactly one; None for a demonym."""
    ids = {c[0] for c in gz.names.get(norm(surface), ()) if c[0] and gz.actors[c[0]].kind == "state"}
    return ids.pop() if len(ids) == 1 else None


def _tail_ok(tail: str, kind: str, gz: Gazetteer, after_verb: bool) -> bool:
    t = tail.strip()
    if not t or _IN_AT_CAP.match(t):
        return True   # "the Department of Defence in Washington said"
    possessive = t[:2] in ("'s", "’s")
    if possessive:
        t = t[2:].strip()
    words = [w.lower() for w in _WORDS.findall(t)]
    if not words:
        return True
    if all(w in gz.spokes_nouns for w in words):
        return possessive or kind != "person"
    return False


def _antecedent(pos: int, gender, persons, speakers_at):
    """The person last mentioned (``persons``) or credited as a speaker (``speakers_at``) before
    ``pos`` whose gender does not contradict ``gender``; a mention wins a tie.  Both are
    :class:`_People` (a binary search, not a walk over everyone named before)."""
    best = persons.last_before(pos, gender)
    spoke = speakers_at.last_before(pos, gender, first_of_equal=True)
    if spoke is not None and (best is None or spoke[0] > best[0]):
        best = spoke
    return best[1] if best else None


class _People:
    """People at positions (added in increasing order), with, per pronoun gender, the positions of
    those whose gender does not contradict it: the last fitting one before a position is a binary
    search away."""

    def __init__(self, who: "_Who", items=()) -> None:
        self.who = who
        self.items: list[tuple[int, str]] = []
        self.fitting: dict = {}   # gender -> ([positions], [(position, actor_id)])
        for p, aid in items:
            self.append((p, aid))

    def _fits(self, aid: str, gender) -> bool:
        g = self.who.gender(aid)
        return not (gender and g and g != gender)

    def append(self, item: tuple[int, str]) -> None:
        self.items.append(item)
        for gender, (positions, found) in self.fitting.items():
            if self._fits(item[1], gender):
                positions.append(item[0])
                found.append(item)

    def last_before(self, pos: int, gender, first_of_equal: bool = False) -> tuple[int, str] | None:
        """The last one before ``pos`` who fits ``gender`` (the first of several at that place
        with ``first_of_equal``)."""
        if gender not in self.fitting:
            found = [it for it in self.items if self._fits(it[1], gender)]
            self.fitting[gender] = ([p for p, _ in found], found)
        positions, found = self.fitting[gender]
        k = bisect_left(positions, pos)
        if not k:
            return None
        return found[bisect_left(positions, positions[k - 1])] if first_of_equal else found[k - 1]


def quotes(corpus, gazetteer=None, mentions: pd.DataFrame | None = None, *, model: str | None = None) -> pd.DataFrame:
    """One row per quote (see the module docstring and ``QUOTE_COLUMNS``).

    ``corpus``: a Corpus (or an articles frame), parsed once (``model``: the spaCy pipeline);
    without ``mentions``, the ``quotes`` table of the registry (read from the extract folder the
    corpus comes from, when it does); ``mentions``: the frame
    :func:`conflictnews.extractors.actors.mentions` returned for the same corpus and gazetteer,
    to credit speakers from those mentions."""
    from .base import Context
    from .registry import articles_parsed, frame_corpus, run

    if isinstance(corpus, pd.DataFrame):
        corpus = frame_corpus(corpus)
    if mentions is None:
        return run(corpus, ["quotes"], {"gazetteer": gazetteer}, model=model)["quotes"]
    gz = load_gazetteer(gazetteer)
    by_article: dict[str, list[dict]] = {}
    for r in mentions.to_dict("records"):
        by_article.setdefault(r["article_id"], []).append(r)
    rows = [r for a in articles_parsed(corpus, QUOTE_NEEDS, model=model)
            for r in article_quote_rows(a, by_article.get(a.article_id, []), gz)]
    return QUOTES.frame(rows, Context({"gazetteer": gz}))


def quotes_in_text(text: str, published=None, gazetteer=None) -> pd.DataFrame:
    """The quotes of a single text (parsed here), as a frame."""
    from .registry import single

    article = single(text, published, needs=QUOTE_NEEDS)
    rows = article_quote_rows(article, article_rows(article, gazetteer), gazetteer)
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


# ------------------------------------------------------------------------------------------------
# The table


def _quotes_of(article, ctx) -> list[dict]:
    """The quotes of one article, from its mentions (the extractor's function)."""
    return article_quote_rows(article, ctx.rows["mentions"], ctx.option("gazetteer"))


def _follow_merges(rows: pd.DataFrame, ctx) -> pd.DataFrame:
    """The speaker ids the mentions table merged across articles (``attrs["actor_merges"]``),
    so that a speaker is the same actor in both tables."""
    done = ctx.tables.get("mentions")
    merges = done.attrs.get("actor_merges", {}) if done is not None else {}
    if not merges or rows.empty:
        return rows
    fix = lambda a: merges.get(a, a) if isinstance(a, str) else a  # noqa: E731
    return rows.assign(speaker_id=rows["speaker_id"].map(fix), speaker_for=rows["speaker_for"].map(fix))


QUOTES = EXTRACTOR = Extractor(
    name="quotes",
    unit="quote",
    columns={
        "article_id": "the article",
        "sent_id": "the sentence",
        "start": "offset of the quote in the cleaned text",
        "end": "offset just after it",
        "speaker_id": "the speaker's actor id, as in `mentions.csv` (empty when it cannot be resolved without "
                      "guessing)",
        "speaker": "the speaker phrase as written (\"he\", \"U.S. Secretary of State Antony Blinken\"); the "
                   "actor it resolves to is `speaker_id`",
        "speaker_start": "offset of the speaker phrase as written (the pronoun, for a pronoun)",
        "speaker_end": "offset just after it (both empty for a quote that continues the previous one)",
        "speaker_for": "the actor the speaker speaks for, when the phrase says so (\"X, a spokesperson for the "
                       "ministry\", \"the army's spokesman\")",
        "speaker_resolved": "how the speaker was resolved: `named` (the phrase names the actor), `pronoun` (he, she, "
                            "it, who: the most recent compatible actor), `description` (\"the ministry\": the most "
                            "recent actor of that name); empty when unresolved",
        "verb": "the speech verb as written",
        "direct": "true for words in quote marks, false for reported speech",
        "quote": "the quoted or reported words",
    },
    extract=_quotes_of,
    resources=(GAZETTEER,),
    needs=QUOTE_NEEDS,
    after=("mentions",),
    finish=_follow_merges,
    combine=lambda parts: pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts)
    else pd.DataFrame(columns=QUOTE_COLUMNS),   # each part's quotes follow its own mentions
    row_columns=tuple(QUOTE_COLUMNS),
    dtypes={"sent_id": "int64", "start": "int64", "end": "int64", "speaker_start": "Int64", "speaker_end": "Int64",
            "direct": "bool"},
)
