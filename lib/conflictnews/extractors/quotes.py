"""Quotes: who is given a voice, with which speech verb, direct or reported.

One row per speech event: article_id, sent_id, start, end, speaker_id, speaker, verb, direct,
quote.  ``text[start:end] == quote`` in the article's cleaned text (for a direct quote: the words
between the quote marks, trailing commas and spaces left out; for a multi-paragraph quote the
span runs from the first opening mark to the last closing one; for a reported quote: the
reported clause).

Rules (the speech verbs and the small grammar lists are in the gazetteer YAML, see
``resources/actors.yml``):

* Direct quotes: double quote marks, straight or curly.  A quote left open at the end of a
  paragraph and re-opened at the next one continues (the newspaper convention for long quotes).
  Single quotes are not read as quotes (they are apostrophes and headline scare quotes).
* Attribution of a direct quote: a speech verb right after it in the same sentence
  (``"...," Blinken said``, ``"...," said the spokesperson``), else the last speech verb before it
  in the same sentence (``Biden replied: "..."``, ``Austin stated that in Gaza "..."``).  A quote
  with no verb of its own that starts the sentence right after an attributed quote continues
  that speaker's words.  Other quotes of four words or more are kept with no speaker
  (``speaker_id`` and ``verb`` empty); shorter ones are scare quotes and left out.
* Reported (indirect) speech: ``X said (that) ...``, ``X told reporters ...``, ``X vowed to ...``
  (a to-infinitive is the content, not an adjunct), ``..., X said.``, ``according to X``; verbs
  in the passive ("what is being reported"), after a determiner ("the claims") or after "to" are
  not speech events.  ``X, according to Y, did Z`` inside a clause credits Y with what follows
  ("did Z", to the clause's end).  -ing forms ("adding that") continue the speech verb before
  them in the sentence; with none, ``..., saying ...`` (the gazetteer's ``speech_participles``)
  is a speech event of the subject of the clause it follows ("U.S. officials oppose such a
  move, saying ...").
* The reported content ends at a semicolon, at a non-restrictive relative clause (", where
  Israel massacred ...", ", which ...") and at an apposition to a name that runs to the end
  (", the Islamist group that governs Gaza."): the writer's own words about what was said.
* The speaker: the actor mention that heads the phrase next to the verb ("U.S. Secretary of
  State Antony Blinken said"; "White House officials said" and "the Prime Minister's office said"
  speak for the White House and the Prime Minister); "he"/"she" is the person last mentioned or
  last quoted outside quotes, never a person of the other gender (``gender`` in the gazetteer);
  "who" is the person named just before.  A speaker that resolves to no actor keeps the phrase as
  written in ``speaker`` ("Hamas-controlled health officials") with an empty ``speaker_id``.
"""
from __future__ import annotations

import re
from itertools import islice
from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass

import pandas as pd

from .actors import GAZETTEER, Gazetteer, article_mentions, load_gazetteer, norm, trie_pattern
from .base import Extractor

QUOTE_COLUMNS = ["article_id", "sent_id", "start", "end", "speaker_id", "speaker", "verb", "direct", "quote"]

_MARK = re.compile(r'["“”]')
_OPEN_BEFORE = set(" \t\n([{—–-/\u00a0")
_AUX = {"has", "have", "had", "is", "was", "were", "are", "will", "would", "also", "then", "again",
        "previously", "later", "earlier", "once", "did", "does", "do", "not", "never", "on",
        "in", "a", "statement", "interview", "just", "now", "today", "yesterday", "may",
        "might", "could", "can", "should", "must", "repeatedly", "publicly", "privately"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PASSIVE = {"is", "are", "was", "were", "be", "been", "being"}
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our",
                "my", "your", "such", "to", "global", "no"}
_NP_CUT = {"that", "what", "which", "and", "but", "as", "when", "while", "because", "if", "so",
           "where", "after", "before", "since", "though", "although", "however"}
_POST_STOP = {"at", "in", "on", "during", "after", "before", "as", "while", "when", "from", "with",
              "for", "who", "which", "that", "to", "and", "but", "told", "by", "via", "through"}
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


def _direct_spans(text: str, para_ends: list[int]) -> list[tuple[int, int]]:
    """(open mark, close mark) positions of double-quoted passages."""
    spans = []
    open_pos = None
    for m in _MARK.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "“":
            kind = "open"
        elif ch == "”":
            kind = "close"
        else:
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            kind = "open" if (prev in _OPEN_BEFORE and not nxt.isspace()) else "close"
        if kind == "open":
            if open_pos is not None and _same_paragraph(open_pos, i, para_ends):
                open_pos = i        # malformed: restart at the new mark
            elif open_pos is None:
                open_pos = i
            # else: a quote continued into a new paragraph keeps its first opening mark
        elif open_pos is not None:
            spans.append((open_pos, i))
            open_pos = None
    if open_pos is not None:
        k = bisect_right(para_ends, open_pos)
        end = para_ends[k] if k < len(para_ends) else len(text)
        spans.append((open_pos, end))
    return spans


def _same_paragraph(a: int, b: int, para_ends: list[int]) -> bool:
    return bisect_right(para_ends, a) == bisect_right(para_ends, b)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,:;":
        s += 1
    while e > s and text[e - 1] in " \t\n,:;":
        e -= 1
    return s, e


def _words_before(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    # _WORD has no anchors or look-arounds, so scanning text[lo:hi] equals scanning text
    # between pos=lo and endpos=hi, and the offsets come out absolute.
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, lo, hi)]


_APPOS_STOP = frozenset({",", ";", ":", "(", '"', "“", "”"})
_NP_STOP = frozenset({",", ";", ":", "(", ")", "—", "–", '"', "“", "”", "."})
_NP_WINDOW = 100      # characters before the verb tokenized first (see _np_before)
_SPACE = re.compile(r"\s")
_MORE = object()


def _np_before(text: str, lo: int, verb_pos: int, gz: Gazetteer) -> tuple[int, int] | None:
    """The phrase right before a verb, back to a clause boundary (at most 8 words)."""
    # Only the last words before the verb matter, so tokenize the last _NP_WINDOW characters
    # first, from just after a space: no token spans a space, so these are exactly the last
    # tokens of text[lo:verb_pos].  Only when the decision needs a word further back is the
    # whole range tokenized.
    if verb_pos - lo > _NP_WINDOW:
        sp = _SPACE.search(text, verb_pos - _NP_WINDOW - 1, verb_pos)
        if sp is not None:
            got = _np_before_words(_words_before(text, sp.end(), verb_pos), True)
            if got is not _MORE:
                return got
    return _np_before_words(_words_before(text, lo, verb_pos), False)


def _np_before_words(words: list, partial: bool):
    """:func:`_np_before` on the tokens before the verb.  ``partial``: ``words`` are only the
    last tokens; returns _MORE when the answer could depend on earlier ones."""
    # strip auxiliaries and adverbs next to the verb ("has previously", "also reportedly")
    while words and (words[-1][2].lower() in _AUX or (words[-1][2].endswith("ly") and words[-1][2].islower())
                     or words[-1][2].lower() in _WEEKDAYS):
        words.pop()
    if not words:
        return _MORE if partial else None
    if words[-1][2] == ",":
        # "Barbara Leaf, assistant secretary of state ..., told": skip the apposition
        k = len(words) - 2
        while k >= 0 and words[k][2] not in _APPOS_STOP:
            if words[k][2].lower() == "who":
                return words[k][0], words[k][1]
            k -= 1
        if k <= 0 and partial:
            return _MORE
        if k <= 0 or words[k][2] != ",":
            return None
        words = words[:k]
    end = words[-1][1]
    out = []
    for w in reversed(words):
        tok = w[2]
        if tok in _NP_STOP or tok.lower() in _NP_CUT:
            break
        out.append(w)
        if len(out) >= 8:
            break
    else:
        if partial:
            return _MORE   # ran out of words before a clause boundary or the 8-word limit
    if not out:
        return None
    return out[-1][0], end


def _np_after(text: str, verb_end: int, hi: int) -> tuple[int, int] | None:
    out = []
    for m in _WORD.finditer(text, verb_end, hi):   # lazily: at most 8 words are needed
        w = (m.start(), m.end(), m.group())
        tok = w[2]
        if not tok[0].isalnum() or (tok.lower() in _POST_STOP and out) or tok.lower() in _WEEKDAYS:
            break
        out.append(w)
        if len(out) >= 8:
            break
    if not out or not (out[0][2][0].isupper() or out[0][2].lower() in {"the", "a", "an", "he", "she", "they"}):
        return None
    return out[0][0], out[-1][1]


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


def _speaker_or_after(np, text: str, verb, limit: int):
    """(speaker phrase, whether it follows the verb): ``np``, the phrase before the verb, when
    there is one; else the phrase right after the verb ('said Singh'), up to ``limit``."""
    if np is not None:
        return np, False
    return _np_after(text, verb.end(), limit), True


def _credit(ev, verb, np, after: bool, used: set) -> None:
    """Attach a speech verb and its speaker phrase to a direct quote; the verb is then used."""
    ev.verb, ev.verb_pos, ev.after_verb = verb.group(), verb.start(), after
    ev.np_start, ev.np_end = np if np else (None, None)
    used.add(verb.start())


def article_quotes(text: str, *, article_id: str = "", published=None, sentences=None, mention_rows=None,
                   gazetteer=None) -> list[tuple]:
    """The quote rows (tuples in ``QUOTE_COLUMNS`` order) of one article.  Pure.

    ``sentences``: (start, end, para_id) of the article's sentences (computed when not given);
    ``mention_rows``: its mention rows as produced by :func:`conflictnews.extractors.actors.article_mentions`
    (computed when not given)."""
    gz = load_gazetteer(gazetteer)
    if sentences is None:
        from ..corpus.segment import sentence_spans
        sentences = sentence_spans(text)
    if mention_rows is None:
        starts = [s for s, _, _ in sentences] or [0]
        mention_rows = article_mentions(text, article_id=article_id, published=published,
                                        sentence_starts=starts, gazetteer=gz)
    # mentions: (start, end, actor_id, kind); resolved only
    ments = [(r[2], r[3], r[5], r[7]) for r in mention_rows if r[5]]
    return _article_quotes(text, article_id, sentences, ments, gz)


def _article_quotes(text: str, article_id: str, sentences, ments: list[tuple], gz: Gazetteer) -> list[tuple]:
    """:func:`article_quotes` once the sentences and the resolved mentions are known."""
    if not sentences:
        return []
    s_starts = [s for s, _, _ in sentences]
    s_ends = [e for _, e, _ in sentences]
    s_para = [p for _, _, p in sentences]
    para_ends = []
    for i, p in enumerate(s_para):
        if i + 1 == len(s_para) or s_para[i + 1] != p:
            para_ends.append(s_ends[i])

    def sent_of(pos: int) -> int:
        return max(bisect_right(s_starts, pos) - 1, 0)

    ment_starts = [m[0] for m in ments]

    spans = _direct_spans(text, para_ends)
    inside = spans
    inside_starts = [o for o, _ in spans]
    # spans are in reading order and do not overlap: their opening and their closing positions
    # both increase
    span_closes = [c for _, c in spans]

    def in_quote(pos: int) -> bool:
        k = bisect_right(inside_starts, pos) - 1
        return k >= 0 and inside[k][0] < pos < inside[k][1]

    verb_rx = _verb_regex(gz)
    verbs = [m for m in verb_rx.finditer(text)
             if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"))
             and not in_quote(m.start())]
    verb_starts = [v.start() for v in verbs]
    used: set[int] = set()
    events: list[_Event] = []
    prev_close_sent = -10

    for o, c in spans:
        qs, qe = _trim(text, o + 1, c)
        if qs >= qe:
            continue
        close_sent = sent_of(c)
        open_sent = sent_of(o)
        ev = _Event(qs, qe, True, None, None, None, None)
        # after: from the closing mark to the end of its sentence (or the next quote mark)
        j = bisect_right(inside_starts, c)
        nxt_mark = inside_starts[j] if j < len(inside_starts) else len(text)
        hi = min(s_ends[close_sent], nxt_mark)
        if hi <= c + 1 and close_sent + 1 < len(s_starts) and s_para[close_sent + 1] == s_para[close_sent]:
            # the quote ended its sentence ("... pause." he said) - look at the next one
            hi = min(s_ends[close_sent + 1], nxt_mark) if text[c + 1:c + 3].strip()[:1].islower() else hi
        k = bisect_right(verb_starts, c)
        cand = None
        if k < len(verbs) and verbs[k].start() < hi:
            v = verbs[k]
            gap = text[c + 1:v.start()]
            np = _np_before(text, c + 1, v.start(), gz)
            if np is None and not gap.strip(" \t\n,"):
                cand = v            # '"...," said Singh'
            elif np is not None and not text[c + 1:np[0]].strip(" \t\n,"):
                cand = v            # '"...," Blinken said'
            elif np is not None and _after_comma(text, np[0]):
                rest = _WORDS.findall(text, v.end(), s_ends[close_sent])
                if len(rest) < 4 or rest[0].lower() in _ADJUNCT_START or rest[0].lower() == "adding":
                    cand = v        # '"..." in Gaza ..., he said.'
        if cand is not None and not _passive_or_noun(text, cand.start()):
            # (np is still _np_before(text, c + 1, cand.start(), gz): cand is v)
            _credit(ev, cand, *_speaker_or_after(np, text, cand, hi), used)
        else:
            # before: the last verb in the sentence before the opening mark, outside other quotes
            lo = s_starts[open_sent]
            j = bisect_left(span_closes, o)
            prev_close = span_closes[j - 1] if j else -1
            lo = max(lo, prev_close + 1)
            k = bisect_right(verb_starts, o) - 1
            short = len(text[qs:qe].split()) < 4
            if k >= 0 and verbs[k].start() >= lo and not _passive_or_noun(text, verbs[k].start()) \
                    and not (short and verbs[k].start() in used):
                v = verbs[k]
                _credit(ev, v, *_speaker_or_after(_np_before(text, lo, v.start(), gz), text, v, o), used)
            elif not text[s_starts[open_sent]:o].strip() or (open_sent == prev_close_sent and not short):
                ev.inherit = True   # resolved below, from the speech event just before
            elif short:
                continue
        events.append(ev)
        prev_close_sent = close_sent

    # reported speech
    for v in verbs:
        verb = v.group()
        if v.start() in used or (not verb.lower().startswith("according") and _passive_or_noun(text, v.start())):
            continue
        sid = sent_of(v.start())
        ss, se = s_starts[sid], s_ends[sid]
        if verb.lower().startswith("according"):
            np = _np_after(text, v.end(), se)
            if np is None:
                continue
            before = text[ss:v.start()]
            inserted = _parenthetical_content(text, v.start(), np[1], se) if before.strip(" ,\n") else None
            if inserted is not None:
                # "the assault that, according to Israel, claimed 1,200 lives": what is attributed
                # is the clause the phrase interrupts, from after it to the clause's end
                cs, ce = inserted
            elif before.strip(" ,\n"):
                cs, ce = _trim(text, ss, v.start())
            else:
                comma = text.find(",", np[1], se)
                if comma < 0:
                    continue
                cs, ce = _trim(text, comma + 1, se)
            ev = _Event(cs, ce, False, verb, v.start(), np[0], np[1], after_verb=True)
        else:
            np, after = _speaker_or_after(_np_before(text, ss, v.start(), gz), text, v, se)
            if np is None:
                continue
            rest_at = v.end()
            aud = _AUDIENCE.match(text, rest_at + 1) if text[rest_at:rest_at + 1] == " " else None
            if aud:
                rest_at = aud.end()
            rest = text[rest_at:se]
            rest_words = [m.group() for m in islice(_WORDS.finditer(rest), 4)]   # (only 4 are used)
            starts_adjunct = bool(rest_words) and rest_words[0].lower() in _ADJUNCT_START \
                and not _infinitive(rest_words)
            that = _THAT.search(rest) if starts_adjunct else None
            if that and len(rest[:that.start()].split()) <= 6 and "," not in rest[:that.start()]:
                # "said on Wednesday that ..." (a "that" after a comma is a relative pronoun:
                # "vowed to ..., the group that ...")
                cs, ce = _trim(text, rest_at + that.end(), se)
            elif len(rest_words) >= 4 and not (starts_adjunct and not after):
                cs, ce = _trim(text, (np[1] if after else rest_at), se)
                if not after and verb.lower() in _TELL:
                    cs = _skip_object(text, cs, ce)   # "told a Saudi television station he ..."
                cs = _skip_that(text, cs, ce)
            else:
                # "..., X said." - the reported clause comes first
                cut = text.rfind(",", ss, np[0])
                if cut < 0:
                    continue
                cs, ce = _trim(text, ss, cut)
            if cs >= rest_at:
                ce = _clause_end(text, cs, ce)
            ce = _strip_final(text, cs, ce)
            if len(text[cs:ce].split()) < 2:
                continue
            ev = _Event(cs, ce, False, verb, v.start(), np[0], np[1], after_verb=after)
        events.append(ev)

    # participial attribution: "U.S. officials oppose such a move, saying it would ..."
    for p in _participle_regex(gz).finditer(text):
        pos = p.start(1)
        if in_quote(pos):
            continue
        sid = sent_of(pos)
        ss, se = s_starts[sid], s_ends[sid]
        k = bisect_left(verb_starts, ss)
        if k < len(verbs) and verb_starts[k] < pos:
            continue   # "..., X said, adding that ...": the same speech event as the main verb
        np = _clause_subject(text, ss, p.start(), ments, ment_starts, gz)
        if np is None:
            continue
        cs, ce = _trim(text, p.end(1), se)
        cs = _skip_that(text, cs, ce)
        ce = _strip_final(text, cs, _clause_end(text, cs, ce))
        if len(text[cs:ce].split()) < 2:
            continue
        events.append(_Event(cs, ce, False, p.group(1), pos, np[0], np[1]))

    if not events:
        return []
    reported = _reported_by_sentence(events, sent_of)
    events = [e for e in events if e.direct or not _nested(e, reported, sent_of)]
    # resolve speakers in reading order of the speaker phrase
    merged: list[list[int]] = []
    for cs, ce in sorted((e.start, e.end) for e in events):
        if merged and cs <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], ce)
        else:
            merged.append([cs, ce])
    m_starts = [m[0] for m in merged]

    def in_content(pos: int) -> bool:
        k = bisect_right(m_starts, pos) - 1
        return k >= 0 and pos < merged[k][1]

    persons = _People(gz, [(m[0], m[2]) for m in ments if m[3] == "person" and not in_content(m[0])])
    speakers_at = _People(gz)
    for ev in sorted(events, key=lambda e: e.np_start if e.np_start is not None else e.start):
        if ev.inherit or ev.np_start is None:
            continue
        ev.speaker_id, ev.speaker = _speaker(text, ev, ments, ment_starts, persons, speakers_at, gz)
        if ev.speaker_id and gz.actors[ev.speaker_id].kind == "person":
            speakers_at.append((ev.np_start, ev.speaker_id))
    # a quote with no verb of its own continues the speech event just before it (same or
    # previous sentence); otherwise it is kept unattributed if long enough, or left out
    rows = []
    last = None
    for ev in sorted(events, key=lambda e: (e.start, e.end)):
        if ev.inherit:
            if last is not None and sent_of(ev.start) - last[0] <= 1 and (last[1].verb or last[1].speaker):
                ev.speaker_id, ev.speaker = last[1].speaker_id, last[1].speaker
            elif len(text[ev.start:ev.end].split()) < 4:
                continue
        last = (sent_of(max(ev.end, ev.verb_pos or 0, ev.np_end or 0)), ev)
        rows.append((article_id, sent_of(ev.start), ev.start, ev.end, ev.speaker_id, ev.speaker, ev.verb,
                     ev.direct, text[ev.start:ev.end]))
    return rows


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
_SEMICOLON = re.compile(r"\s*;")
_CLAUSE_MARK = re.compile(r"\s*[—–;()]|\s+-\s")
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
        cut = m.start()
    for g in _GLOSS.finditer(text, s, cut):
        if g.group().rstrip().endswith(("the", "a", "an")):
            prev = _WORDS.findall(text, s, g.start())
            if not prev or not prev[-1][:1].isupper() or "," in text[g.end():cut]:
                # ", the" after a common noun (a list, a second clause), or an apposition
                # closed by a comma ("Gaza City, a Hamas stronghold, as part of ..."): kept
                continue
        cut = g.start()
        break
    while cut > s and text[cut - 1].isspace():
        cut -= 1
    return cut if len(text[s:cut].split()) >= 2 else e


def _parenthetical_content(text: str, verb_pos: int, np_end: int, se: int) -> tuple[int, int] | None:
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
    words = _WORDS.findall(text, cs, ce)
    if len(words) < 2 or not words[0].islower():
        return None
    first = words[0].lower()
    if first in _DETERMINERS or first in _NP_CUT or first in _RELATIVE or first in _SUBJECT_PRONOUNS:
        return None
    return cs, ce


def _participle_regex(gz: Gazetteer) -> re.Pattern:
    """", saying", ", adding"...: the gazetteer's ``speech_participles`` after a comma."""
    return _participles(tuple(f.lower() for f in gz.language.get("speech_participles", [])))


@lru_cache(maxsize=8)
def _participles(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r",\s+(" + trie_pattern(list(forms), boundary=False) + ")") if forms else re.compile(r"(?!x)x")


def _clause_subject(text: str, ss: int, comma: int, ments, ment_starts, gz: Gazetteer):
    """The subject of the clause a participle hangs on ("U.S. officials oppose such a move,
    saying ..."): the clause is the last comma-separated piece of the sentence before the
    participle that starts with a name or a subject pronoun (a piece that starts with a
    subordinator, a preposition, a relative pronoun or a verb is skipped: "Though calls have
    grown louder, ...", "..., who arrived on Friday, ...").  The subject is that pronoun, or the
    first actor mention within the piece's first three words with any spokes nouns after it
    ("U.S. officials", "the ministry's spokesperson").  None when there is none."""
    pieces = []
    lo = ss
    for m in re.finditer(r",", text[ss:comma]):
        pieces.append((lo, ss + m.start()))
        lo = ss + m.end()
    pieces.append((lo, comma))
    for a, b in reversed(pieces):
        words = list(_WORD.finditer(text, a, b))
        if not words:
            continue
        first = words[0].group()
        if first.lower() in _SUBJECT_PRONOUNS:
            return words[0].start(), words[0].end()
        if not (first[:1].isupper() or first.lower() in {"the", "a", "an"}):
            continue
        limit = words[min(2, len(words) - 1)].end()
        k = bisect_left(ment_starts, words[0].start())
        if k < len(ments) and ments[k][0] < limit and ments[k][1] <= b:
            end = ments[k][1]
            for w in _WORD.finditer(text, end, b):
                tok = w.group()
                if tok.lower() in gz.spokes_nouns or tok in ("'s", "’s") or tok in ("'", "’"):
                    end = w.end()
                    continue
                break
            return words[0].start(), end
    return None


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
    m = _THAT_COLON.match(text[s:e])
    if m and len(text[s + m.end():e].split()) >= 3:
        return s + m.end()
    return s


def _strip_final(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in ".!? \n\"”'’":
        e -= 1
    return e


def _speaker(text: str, ev: _Event, ments, ment_starts, persons, speakers_at, gz: Gazetteer):
    a, b = ev.np_start, ev.np_end
    phrase = text[a:b]
    low = phrase.lower().strip()
    if low in gz.pronouns:
        gender = gz.pronouns[low]
        if low == "they" or gender is None and low != "he" and low != "she":
            return None, phrase
        aid = _antecedent(a, gender, persons, speakers_at, gz)
        return aid, (gz.actors[aid].name if aid else phrase)
    if low == "who":
        k = bisect_right(ment_starts, a) - 1
        while k >= 0 and ments[k][0] > a - 300:
            if ments[k][3] == "person":
                return ments[k][2], gz.actors[ments[k][2]].name
            k -= 1
        return None, phrase
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
                        return None, phrase
                return aid, gz.actors[aid].name
            return None, phrase
        k -= 1
    if ev.after_verb or low.startswith(("the ", "a ", "an ")):
        return None, phrase
    return None, phrase


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


def _antecedent(pos: int, gender, persons, speakers_at, gz: Gazetteer):
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

    def __init__(self, gz: Gazetteer, items=()) -> None:
        self.gz = gz
        self.items: list[tuple[int, str]] = []
        self.fitting: dict = {}   # gender -> ([positions], [(position, actor_id)])
        for p, aid in items:
            self.append((p, aid))

    def _fits(self, aid: str, gender) -> bool:
        g = self.gz.actors[aid].gender
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


def quotes(corpus, gazetteer=None, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quote (see the module docstring): article_id, sent_id, start, end, speaker_id,
    speaker, verb, direct, quote.

    ``corpus``: a Corpus (or an articles frame); ``mentions``: the frame returned by
    :func:`conflictnews.extractors.actors.mentions` for the same corpus and gazetteer (computed when not
    given; pass it to avoid matching twice)."""
    gz = load_gazetteer(gazetteer)
    if hasattr(corpus, "articles"):
        articles, index = corpus.articles, corpus.sentence_index
    else:
        from ..corpus.segment import sentence_index, sentences as _sentences
        articles, index = corpus, sentence_index(_sentences(corpus))
    # the resolved mentions of each article, as _article_quotes wants them: (start, end,
    # actor_id, kind); an empty or missing actor_id (None, NaN, NA) is an unresolved mention
    ment_by: dict[str, list] | None = None
    if mentions is not None:
        ment_by = {}
        for aid, s, e, actor_id, kind in zip(mentions["article_id"].tolist(), mentions["start"].tolist(),
                                             mentions["end"].tolist(), mentions["actor_id"].tolist(),
                                             mentions["kind"].tolist()):
            if isinstance(actor_id, str) and actor_id:
                lst = ment_by.get(aid)
                if lst is None:
                    lst = ment_by[aid] = []
                lst.append((s, e, actor_id, kind))
    rows: list[tuple] = []
    for aid, text, published in zip(articles["article_id"], articles["text"], articles["published"]):
        sentences = [(s, e, p) for _sid, s, e, p in index.get(aid, ())]
        if ment_by is None:
            rows.extend(article_quotes(text, article_id=aid, published=published, sentences=sentences,
                                       gazetteer=gz))
        else:
            rows.extend(_article_quotes(text, aid, sentences, ment_by.get(aid, []), gz))
    df = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    for col in ("sent_id", "start", "end"):
        df[col] = df[col].astype("int64")
    df["direct"] = df["direct"].astype(bool)
    return df


def quotes_in_text(text: str, published=None, gazetteer=None) -> pd.DataFrame:
    """:func:`article_quotes` for a single text, as a frame."""
    return pd.DataFrame(article_quotes(text, published=published, gazetteer=gazetteer), columns=QUOTE_COLUMNS)


# ------------------------------------------------------------------------------------------------
# The table


def _quotes_of(article, ctx) -> list[dict]:
    """The quotes of one article, from its resolved mentions (the extractor's function)."""
    ments = [(m["start"], m["end"], m["actor_id"], m["kind"]) for m in ctx.rows["mentions"]
             if isinstance(m["actor_id"], str) and m["actor_id"]]
    sentences = [(s.start, s.end, s.para_id) for s in article.sentences]
    rows = _article_quotes(article.text, article.article_id, sentences, ments,
                           load_gazetteer(ctx.option("gazetteer")))
    return [dict(zip(QUOTE_COLUMNS, r)) for r in rows]


EXTRACTOR = Extractor(
    name="quotes",
    unit="quote",
    columns={
        "article_id": "the article",
        "sent_id": "the sentence",
        "start": "offset of the quote in the cleaned text",
        "end": "offset just after it",
        "speaker_id": "the speaker's actor id (empty when it cannot be resolved without guessing)",
        "speaker": "the speaker, resolved or as written",
        "verb": "the speech verb as written",
        "direct": "true for words in quote marks, false for reported speech",
        "quote": "the quoted or reported words",
    },
    extract=_quotes_of,
    resources=(GAZETTEER,),
    after=("mentions",),
    dtypes={"sent_id": "int64", "start": "int64", "end": "int64", "direct": "bool"},
)
