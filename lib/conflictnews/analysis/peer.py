"""Evaluation against the development data in ``../shared/peer/``: news_dev, PolNeAR and re3d.

Three parts, used by ``benchmarks/evaluate_news_dev.py``, ``evaluate_quotes.py`` and
``evaluate_actors.py`` (``make evaluate``) and by the tests:

* **loaders** (``load_news_dev``, ``load_polnear``, ``load_re3d``) read each peer set into tidy
  frames and raise ``PeerDataError`` naming the missing or malformed file and where the data
  comes from.  Nothing is copied into the project: the data is read where it lies.
* **corpora**: ``corpus_of`` turns texts into a ``Corpus`` through ``load_corpus`` (a temporary
  JSONL file), so the extractors are measured through their public entry point
  (``conflictnews.extractors.tables``) and keep being measurable when their insides change;
  ``OffsetMap`` carries the gold offsets, given in the raw text, into the cleaned text the
  tables' offsets refer to.
* **scoring**: pure functions that take our tables and the gold annotations and return tidy
  frames of matches and misses (one row per gold item or per extracted item, with a ``status``),
  and the scores computed from them.  The matching rules are documented on each function and
  in the README ("How good is it?").

The words these rules use (speech-act cues, determiners, pronouns...) are in
``resources/evaluation.yml``, apart from the extractors' own resources, so that an extractor that
learns a word does not move the yardstick.
"""
from __future__ import annotations

import difflib
import json
import math
import re
import tempfile
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from .evaluation import PeerDataError

ORIGIN = {
    "news_dev": "the project's development set of hand-annotated war-news sentences and articles "
                "(../shared/peer/news_dev/, described in its README); it is not public: clone the "
                "project beside its shared/ folder",
    "polnear_dev": "the development split of PolNeAR v1.0.0, https://github.com/networkdynamics/PolNeAR "
                   "(text/NAME.txt and attributions/NAME_XXXX.ann, brat standoff)",
    "re3d_dev": "the CENTCOM and State Department subsets of Dstl's re3d gold set, "
                "https://github.com/dstl/re3d (public domain), as one JSON list "
                "re3d_centcom_state.json",
}


def _missing(path: Path, dataset: str) -> PeerDataError:
    return PeerDataError(f"peer data not found: {path} (expected {ORIGIN[dataset]}; pass the folder "
                         f"with --data)")


@lru_cache(maxsize=1)
def _words() -> dict:
    """``resources/evaluation.yml``: the words the evaluation measures with."""
    from ..resources import load_yaml
    return load_yaml("evaluation.yml", required=("speech_cues", "determiners", "pronouns",
                                                         "name_connectors", "phrase_prepositions"))


def _word_set(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _words()[key])


# ================================================================================================
# Loaders


@dataclass
class NewsDev:
    """news_dev as tidy frames.  ``sentences``: id, conflict, category, outlet, published, text,
    notes.  ``casualties``: one row per annotated figure (sentence_id, conflict, entry, value,
    qualifier, low, high, outcome, group, side, source).  ``actors``: sentence_id, conflict,
    actor.  ``quotes``: sentence_id, conflict, entry, speaker, verb, direct.  ``articles``: id,
    conflict, outlet, published, text, parties, main_actors (lists).  ``main_actors``: one row
    per (article_id, conflict, rank, actor)."""
    sentences: pd.DataFrame
    casualties: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    articles: pd.DataFrame
    main_actors: pd.DataFrame


def _read_jsonl(path: Path, required: tuple[str, ...], dataset: str) -> list[dict]:
    if not path.exists():
        raise _missing(path, dataset)
    records = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PeerDataError(f"{path}:{n}: not a JSON object ({exc})") from exc
            missing = [k for k in required if k not in obj]
            if missing:
                raise PeerDataError(f"{path}:{n}: missing field(s) {missing}")
            records.append(obj)
    if not records:
        raise PeerDataError(f"{path}: no records")
    return records


CASUALTY_FIELDS = ("value", "qualifier", "low", "high", "outcome", "group", "side", "source")


def load_news_dev(folder: str | Path) -> NewsDev:
    """Read ``sentences.jsonl`` and ``articles.jsonl`` of news_dev (see its README)."""
    folder = Path(folder)
    sents = _read_jsonl(folder / "sentences.jsonl", ("id", "conflict", "text", "casualties", "actors", "quotes"),
                        "news_dev")
    arts = _read_jsonl(folder / "articles.jsonl", ("id", "conflict", "text", "main_actors"), "news_dev")
    sentences = pd.DataFrame([{k: r.get(k) for k in ("id", "conflict", "category", "outlet", "published", "text",
                                                     "notes")} for r in sents])
    casualties = pd.DataFrame(
        [{"sentence_id": r["id"], "conflict": r["conflict"], "entry": i, **{k: c.get(k) for k in CASUALTY_FIELDS}}
         for r in sents for i, c in enumerate(r["casualties"] or [])],
        columns=["sentence_id", "conflict", "entry", *CASUALTY_FIELDS])
    actors = pd.DataFrame([{"sentence_id": r["id"], "conflict": r["conflict"], "actor": a}
                           for r in sents for a in r["actors"] or []], columns=["sentence_id", "conflict", "actor"])
    quotes = pd.DataFrame([{"sentence_id": r["id"], "conflict": r["conflict"], "entry": i, "speaker": q.get("speaker"),
                            "verb": q.get("verb"), "direct": q.get("direct")}
                           for r in sents for i, q in enumerate(r["quotes"] or [])],
                          columns=["sentence_id", "conflict", "entry", "speaker", "verb", "direct"])
    articles = pd.DataFrame([{k: r.get(k) for k in ("id", "conflict", "outlet", "published", "text", "parties",
                                                    "main_actors", "notes")} for r in arts])
    main_actors = pd.DataFrame([{"article_id": r["id"], "conflict": r["conflict"], "rank": i + 1, "actor": a}
                                for r in arts for i, a in enumerate(r["main_actors"] or [])],
                               columns=["article_id", "conflict", "rank", "actor"])
    return NewsDev(sentences, casualties, actors, quotes, articles, main_actors)


@dataclass
class PolNear:
    """PolNeAR as tidy frames.  ``documents``: doc_id, annotation (the .ann file used), text.
    ``attributions``: doc_id, attribution (the E id), cue (its text), cue_spans,
    content_spans, source_spans (lists of (start, end) in the raw text), source (its text, or
    None), speech (the cue is a speech act: ``is_speech_cue``).  ``skipped``: texts without an
    annotation file, and second annotations of a text (doc_id, file, reason)."""
    documents: pd.DataFrame
    attributions: pd.DataFrame
    skipped: pd.DataFrame


def is_speech_cue(cue: str) -> bool:
    """True when the annotated cue is a speech act: one of its words is a form listed under
    ``speech_cues.lemmas`` of ``resources/evaluation.yml``, or it contains one of its
    ``phrases`` ("according to").  Punctuation-only cues (":", a dash) are not."""
    cues = _words()["speech_cues"]
    forms = {str(f).lower() for fs in (cues.get("lemmas") or {}).values() for f in fs}
    low = " ".join(re.findall(r"[\w'’]+", str(cue).lower()))
    return any(w in forms for w in low.split()) or any(f" {p} " in f" {low} " for p in cues.get("phrases") or [])


def _brat_spans(field: str, where: str) -> list[tuple[int, int]]:
    try:
        return [(int(a), int(b)) for a, b in (piece.split() for piece in field.split(";"))]
    except ValueError as exc:
        raise PeerDataError(f"{where}: bad offsets {field!r}") from exc


def read_brat(path: Path, text: str) -> list[dict]:
    """The attribution relations of one brat ``.ann`` file: one dict per ``E`` line with the
    cue, content and source spans (a relation may have several ``Content`` roles)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path}:{n}"
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (kind, _brat_spans(offsets, where))
        elif line.startswith("E") and len(parts) >= 2:
            events.append((parts[0], parts[1].split(), where))
    out = []
    for eid, roles, where in events:
        found: dict[str, list[tuple[int, int]]] = {"Cue": [], "Content": [], "Source": []}
        for role in roles:
            name, _, tid = role.partition(":")
            base = re.sub(r"\d+$", "", name)
            if base in found:
                if tid not in spans:
                    raise PeerDataError(f"{where}: {eid} refers to {tid}, which the file does not define")
                found[base].extend(spans[tid][1])
        for key, value in found.items():
            if any(not 0 <= s <= e <= len(text) for s, e in value):
                raise PeerDataError(f"{where}: {eid} {key} offsets {value} fall outside the text "
                                    f"({len(text)} characters)")
        cue = " ".join(text[s:e] for s, e in found["Cue"])
        source = " ".join(text[s:e] for s, e in found["Source"]) or None
        out.append({"attribution": eid, "cue": cue, "cue_spans": found["Cue"], "content_spans": found["Content"],
                    "source_spans": found["Source"], "source": source})
    return out


def load_polnear(folder: str | Path) -> PolNear:
    """Read PolNeAR's ``text/`` and ``attributions/``.  A text annotated twice is read with
    its first annotation file (by name); the other one is listed in ``skipped``."""
    folder = Path(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    for d in (text_dir, ann_dir):
        if not d.is_dir():
            raise _missing(d, "polnear_dev")
    texts = {p.stem: p for p in sorted(text_dir.glob("*.txt"))}
    if not texts:
        raise PeerDataError(f"{text_dir}: no .txt file (expected {ORIGIN['polnear_dev']})")
    chosen: dict[str, Path] = {}
    skipped = []
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem not in texts:
            skipped.append({"doc_id": stem, "file": str(ann), "reason": "annotation without a text"})
        elif stem in chosen:
            skipped.append({"doc_id": stem, "file": str(ann), "reason": "second annotation"})
        else:
            chosen[stem] = ann
    docs, rows = [], []
    for stem, path in texts.items():
        if stem not in chosen:
            skipped.append({"doc_id": stem, "file": str(path), "reason": "text without an annotation file"})
            continue
        text = path.read_text(encoding="utf-8")
        docs.append({"doc_id": stem, "annotation": chosen[stem].name, "text": text})
        for rel in read_brat(chosen[stem], text):
            rows.append({"doc_id": stem, **rel, "speech": is_speech_cue(rel["cue"])})
    attributions = pd.DataFrame(rows, columns=["doc_id", "attribution", "cue", "cue_spans", "content_spans",
                                               "source_spans", "source", "speech"])
    return PolNear(pd.DataFrame(docs, columns=["doc_id", "annotation", "text"]), attributions,
                   pd.DataFrame(skipped, columns=["doc_id", "file", "reason"]))


@dataclass
class Re3d:
    """re3d as tidy frames.  ``documents``: doc_id, subset, title, text.  ``entities``: doc_id,
    begin, end, type, value (as annotated), text (the span of the text), name (a proper name
    by ``is_proper_name``), ambiguous (also typed a place or a date: ``ambiguous_entities``)."""
    documents: pd.DataFrame
    entities: pd.DataFrame


RE3D_FILE = "re3d_centcom_state.json"
ACTOR_TYPES = ("Person", "Organisation")
NOT_ACTOR_TYPES = ("Location", "Temporal", "DocumentReference")


def load_re3d(folder: str | Path) -> Re3d:
    """Read ``re3d_centcom_state.json``."""
    path = Path(folder) / RE3D_FILE
    if not path.exists():
        raise _missing(path, "re3d_dev")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PeerDataError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(data, list):
        raise PeerDataError(f"{path}: expected a list of documents, got {type(data).__name__}")
    docs, ents = [], []
    for i, doc in enumerate(data):
        missing = [k for k in ("id", "text", "entities") if k not in doc]
        if missing:
            raise PeerDataError(f"{path}: document {i} lacks {missing}")
        text = doc["text"]
        docs.append({"doc_id": doc["id"], "subset": doc.get("subset"), "title": doc.get("title"), "text": text})
        for e in doc["entities"]:
            b, end = int(e["begin"]), int(e["end"])
            if not 0 <= b <= end <= len(text):
                raise PeerDataError(f"{path}: document {doc['id']}: entity {e} falls outside the text")
            span = text[b:end]
            ents.append({"doc_id": doc["id"], "begin": b, "end": end, "type": e["type"], "value": e.get("value"),
                         "text": span})
    entities = pd.DataFrame(ents, columns=["doc_id", "begin", "end", "type", "value", "text"])
    texts = dict(zip((d["doc_id"] for d in docs), (d["text"] for d in docs)))
    entities["name"] = [t in ACTOR_TYPES and is_proper_name(s, texts[d])
                        for d, t, s in zip(entities["doc_id"], entities["type"], entities["text"])]
    entities["ambiguous"] = ambiguous_entities(entities)
    return Re3d(pd.DataFrame(docs), entities)


# ================================================================================================
# Corpora and offsets


def corpus_of(records: pd.DataFrame | Iterable[dict], **load_options):
    """A ``Corpus`` of ``records`` (``id``, ``text`` and optionally ``title``, ``outlet``,
    ``published``, ``url``), loaded by ``load_corpus`` from a temporary JSONL file, as a user's
    corpus would be.  Returns the corpus; the temporary file is gone when it returns."""
    from .. import load_corpus

    rows = records.to_dict("records") if isinstance(records, pd.DataFrame) else list(records)
    keep = ("id", "text", "title", "outlet", "published", "url")
    with tempfile.TemporaryDirectory(prefix="conflictnews-peer-") as tmp:
        path = Path(tmp) / "peer.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({k: r[k] for k in keep if r.get(k) is not None}, ensure_ascii=False) + "\n")
        return load_corpus(path, **load_options)


class OffsetMap:
    """Carries character offsets of a raw text into the text cleaning made of it (spaces
    collapsed, Unicode normalised, page furniture removed).  The two texts are aligned word by
    word (runs of non-space characters, ``difflib`` on the word lists: fast, and cleaning never
    changes a word's letters except by Unicode normalisation); a character in a word that
    cleaning changed or removed maps to the next kept word (a span's start) or the previous one
    (its end).  A span whose text cleaning removed maps to None."""

    def __init__(self, raw: str, cleaned: str) -> None:
        self.identity = raw == cleaned
        self.blocks: list[tuple[int, int, int]] = []
        if not self.identity:
            a, b = list(re.finditer(r"\S+", raw)), list(re.finditer(r"\S+", cleaned))
            matcher = difflib.SequenceMatcher(None, [m.group() for m in a], [m.group() for m in b], autojunk=False)
            for i, j, n in matcher.get_matching_blocks():
                self.blocks += [(a[i + k].start(), b[j + k].start(), len(a[i + k].group())) for k in range(n)]
        self.starts = [a for a, _, _ in self.blocks]

    def _pos(self, pos: int, forward: bool) -> int | None:
        """The cleaned position of raw character ``pos``; a character cleaning removed takes the
        next kept one (``forward``) or the previous one."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0:
            a, b, n = self.blocks[i]
            if pos < a + n:
                return b + pos - a
        if forward:
            return self.blocks[i + 1][1] if i + 1 < len(self.blocks) else None
        return self.blocks[i][1] + self.blocks[i][2] - 1 if i >= 0 else None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        if self.identity:
            return start, end
        if end <= start:
            return None
        s, e = self._pos(start, True), self._pos(end - 1, False)
        if s is None or e is None or e < s:
            return None
        return s, e + 1

    def spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        return [m for m in (self.span(s, e) for s, e in spans) if m is not None]


def offset_maps(documents: pd.DataFrame, corpus, doc: str = "doc_id") -> dict[str, OffsetMap]:
    """An ``OffsetMap`` per document of ``documents`` (``doc``, text) that the corpus loaded,
    from its raw text to the article's cleaned text."""
    cleaned = dict(zip(corpus.articles["article_id"], corpus.require_text()["text"]))
    return {d: OffsetMap(t, cleaned[d]) for d, t in zip(documents[doc], documents["text"]) if d in cleaned}


# ================================================================================================
# Names


def _spelling(word: str) -> str:
    """One spelling for transliteration variants: y as i, doubled letters as one (Zelensky,
    Zelenskyy, Zelenskiy -> zelenski; Serhiy, Serhii -> serhi)."""
    return re.sub(r"(.)\1+", r"\1", word.replace("y", "i"))


def name_key(name) -> str:
    """A name for comparison: accents and case folded, dots, possessive 's and leading
    determiners dropped, hyphens and apostrophes as spaces, transliteration variants spelt one
    way (``_spelling``): "the U.S." -> "us", "al-Burhan" -> "al burhan", "Zelenskyy" ->
    "zelenski"."""
    if _isnull(name):
        return ""
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"['’]s\b", "", s).replace(".", "")
    words = re.findall(r"\w+", s)
    determiners = _word_set("determiners")
    while words and words[0] in determiners:
        words = words[1:]
    return " ".join(_spelling(w) for w in words)


def _acronym(name: str) -> str:
    """Initials of the capitalised words, spelt as ``name_key`` spells: "Rapid Support Forces"
    -> "rsf", "United States" -> "us"."""
    return _spelling("".join(w[0] for w in re.findall(r"[\w'’-]+", str(name)) if w[:1].isupper()).casefold())


def gazetteer_aliases(gazetteer: str | Path | None = None) -> dict[str, str]:
    """``name_key`` of every name and alias in the gazetteer's YAML -> the actor's canonical name
    (the shipped ``actors.yml``, or the user's file with the files it ``extends``).  Read from
    the file, the gazetteer's documented format."""
    from ..extractors.actors import GAZETTEER_FILES
    from ..resources import load_extended

    data = load_extended(gazetteer or GAZETTEER_FILES.default, GAZETTEER_FILES).data
    out: dict[str, str] = {}
    for entry in data.get("actors") or []:
        if not isinstance(entry, dict) or not entry.get("name"):
            continue
        for form in [entry["name"], *(entry.get("aliases") or [])]:
            if isinstance(form, str) and name_key(form):
                out[name_key(form)] = entry["name"]
    return out


def names_match(gold, ours, aliases: dict[str, str] | None = None) -> bool:
    """Whether two names name the same actor, by a readable rule:

    * the same ``name_key`` ("The Lebanese health ministry" = "Lebanese Health Ministry";
      "Zelenskyy" = "Zelensky");
    * both are forms of one gazetteer actor (``aliases``: ``gazetteer_aliases``);
    * one is one word and is the other's acronym ("RSF", "IDF", "U.S."), or its last word when
      the other is a name of 2 to 4 words without a connector such as "of" or "in" (a surname:
      "Dagalo" in "Mohamed Hamdan Dagalo", but not "Ukraine" in "Mission in Ukraine");
    * one has several words and is a run of the other's words ("Volker Türk" in "UN rights
      chief Volker Türk")."""
    g, o = name_key(gold), name_key(ours)
    if not g or not o:
        return False
    if g == o:
        return True
    cg, co = (aliases.get(g), aliases.get(o)) if aliases else (None, None)
    if cg and (cg == co or name_key(cg) == o) or co and name_key(co) == g:
        return True
    (short, short_raw), (long, long_raw) = sorted(((g.split(), gold), (o.split(), ours)), key=lambda x: len(x[0]))
    if len(long) < 2:
        return False
    if len(short) == 1:
        person_like = len(long) <= 4 and not set(long) & _word_set("name_connectors")
        return short[0] == _acronym(long_raw) or person_like and short[0] == long[-1]
    return _contains(long, short)


def _contains(words: list[str], run: list[str]) -> bool:
    return any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))


def is_proper_name(span: str, document: str = "") -> bool:
    """Whether an annotated Person/Organisation span is a proper name, by its letters:

    * leading determiners and possessives are dropped ("the Kurdish YPG" -> "Kurdish YPG");
    * every remaining word has a capital letter ("al-Qaida", "YPG"), is an ordinal ("3rd"), a
      number after the first word ("CTF 50"), punctuation, or a lower-case connector of names
      ("Department of the Treasury"); so counted groups ("15 civilians", "300 ANG Airmen") and
      descriptions ("U.S. service members", "the coalition") are not names;
    * it is not a pronoun ("He", "We") nor a lone abbreviation ("Capt.");
    * a single word is not a common noun capitalised at the start of a sentence: the same
      word must not also be written in lower case in ``document`` ("Soldiers" / "soldiers")."""
    words = str(span).split()
    determiners, pronouns = _word_set("determiners"), _word_set("pronouns")
    while words and words[0].lower() in determiners:
        words = words[1:]
    words = [w for w in words if re.search(r"\w", w)]
    if not words or (len(words) == 1 and (words[0].lower().strip(".,'’") in pronouns or words[0].endswith("."))):
        return False
    connectors = _word_set("name_connectors")
    for i, w in enumerate(words):
        if any(ch.isupper() for ch in w) and not w[:1].isdigit():
            continue
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", w) or (i > 0 and re.fullmatch(r"\(?\d+\)?", w)):
            continue
        if i > 0 and w.lower() in connectors:
            continue
        return False
    if len(words) == 1 and document:
        low = words[0].lower().strip(".,'’")
        if low != words[0] and re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", document):
            return False
    return True


def ambiguous_entities(entities: pd.DataFrame) -> list[bool]:
    """Per Person/Organisation entity: whether a place, date or document entity written as a
    proper name covers all of it in the same document: "Jan" (Person) inside "Jan. 8" (Temporal), "Ayn" inside "Ayn
    Isa", "Jordan" typed both Person and Location.  The gold contradicts itself there, so such
    names are left out of recall.  A name inside a described place stays ("ISIL" in "an
    ISIL-held building")."""
    covers: dict[str, list[tuple[int, int]]] = {}
    for d, b, e, t, text in zip(entities["doc_id"], entities["begin"], entities["end"], entities["type"],
                                entities["text"]):
        if t in NOT_ACTOR_TYPES and is_proper_name(text):
            covers.setdefault(d, []).append((b, e))
    return [t in ACTOR_TYPES and any(cb <= b and e <= ce for cb, ce in covers.get(d, ()))
            for d, b, e, t in zip(entities["doc_id"], entities["begin"], entities["end"], entities["type"])]


# ================================================================================================
# Scoring helpers


def _isnull(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or x is pd.NaT


def _num_eq(a, b) -> bool:
    if _isnull(a) or _isnull(b):
        return False
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))


def prf(correct_gold: int, gold: int, correct_pred: int, pred: int) -> dict:
    """Precision, recall and F1 from counts (NaN where a denominator is 0)."""
    p = correct_pred / pred if pred else float("nan")
    r = correct_gold / gold if gold else float("nan")
    f = 2 * p * r / (p + r) if pred and gold and (p + r) else float("nan")
    return {"gold": gold, "found": correct_gold, "predicted": pred, "correct": correct_pred,
            "precision": p, "recall": r, "f1": f}


def pct(a: int, b: int) -> str:
    """"a/b (x.y%)", for printing."""
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else f"{a}/0 (n/a)"


def norm_side(side) -> str:
    """A victim side for comparison: lower case; no side (None, "", "unknown", "none") is
    ``unknown``."""
    if _isnull(side):
        return "unknown"
    s = str(side).strip().lower()
    return "unknown" if s in ("", "unknown", "none", "nan") else s


# ================================================================================================
# Casualty figures (news_dev sentences)

# Our outcomes against the gold ones.  The gold set tells `killed` (a killing verb) from `dead`
# (died, deaths, bodies); our extractor writes `killed` for both.  Lenient: both are a death.
DEATH_OUTCOMES = {"killed": "death", "dead": "death"}
# Our qualifiers that news_dev's conventions write otherwise: a vague plural is its `range`, and
# "an estimated" is its `about` (its README: "about (about, approximately, 'an estimated')").
QUALIFIER_SAME = {"vague": "range", "estimated": "about"}


def figure_agrees(gold: dict, claim: dict) -> bool:
    """The claim states the gold figure: the same ``value`` when the gold gives one (an exact
    number or a bound with a qualifier); for a gold entry without a value (vague plurals and
    explicit ranges), the same ``low`` and ``high`` wherever the gold gives them."""
    if not _isnull(gold.get("value")):
        return _num_eq(gold["value"], claim.get("value"))
    bounds = [(k, gold.get(k)) for k in ("low", "high") if not _isnull(gold.get(k))]
    return bool(bounds) and all(_num_eq(v, claim.get(k)) for k, v in bounds)


def outcome_agrees(gold, ours, classes: dict[str, str] | None = DEATH_OUTCOMES) -> bool:
    """The same outcome after ``classes`` (``DEATH_OUTCOMES``: killed = dead); ``None`` for the
    strict comparison."""
    classes = classes or {}
    return not _isnull(gold) and not _isnull(ours) and classes.get(gold, gold) == classes.get(ours, ours)


def qualifier_agrees(gold, ours) -> bool:
    return not _isnull(gold) and QUALIFIER_SAME.get(ours, ours) == gold


def side_agrees(gold, ours):
    """True/False where the gold gives a side; None where it does not.  No side of ours
    (``unknown``) is a disagreement."""
    if norm_side(gold) == "unknown":
        return None
    return norm_side(ours) == norm_side(gold)


CASUALTY_MATCH_COLUMNS = [
    "article_id", "conflict", "status", "entry", "gold_value", "gold_qualifier", "gold_low", "gold_high",
    "gold_outcome", "gold_side", "claim", "phrase", "value", "qualifier", "low", "high", "outcome", "side",
    "outcome_strict", "qualifier_agrees", "side_agrees", "sentence"]


def match_casualties(gold: pd.DataFrame, claims: pd.DataFrame, sentences: pd.DataFrame | None = None,
                     outcome_classes: dict[str, str] | None = DEATH_OUTCOMES) -> pd.DataFrame:
    """Pair annotated figures with extracted claims, sentence by sentence.

    ``gold``: sentence_id, entry, value, qualifier, low, high, outcome, side (and conflict);
    ``claims``: our claims table (article_id = sentence id).  A claim matches a gold figure when
    ``figure_agrees`` and ``outcome_agrees`` (with ``outcome_classes``; ``None`` for strict
    outcomes); each is used once, the gold figures taken in order and, among the claims that
    match, the one with the same outcome, qualifier and side first.

    One row per gold figure (``status`` ``matched`` or ``missed``) and per claim left over
    (``false_positive``), with both readings side by side, whether qualifier and side agree
    (``side_agrees`` None where the gold gives no side), and ``sentence`` (the text, when
    ``sentences`` with id/text is given)."""
    texts = dict(zip(sentences["id"], sentences["text"])) if sentences is not None else {}
    conflicts = dict(zip(gold["sentence_id"], gold.get("conflict", pd.Series([None] * len(gold)))))
    if sentences is not None and "conflict" in sentences:
        conflicts.update(zip(sentences["id"], sentences["conflict"]))
    by_article: dict[str, list[tuple[int, dict]]] = {}
    for i, c in enumerate(claims.to_dict("records")):
        by_article.setdefault(c["article_id"], []).append((i, c))
    rows, used = [], set()
    for g in gold.to_dict("records"):
        aid = g["sentence_id"]
        cands = [(i, c) for i, c in by_article.get(aid, []) if i not in used
                 and figure_agrees(g, c) and outcome_agrees(g["outcome"], c.get("outcome"), outcome_classes)]
        cands.sort(key=lambda ic: (not outcome_agrees(g["outcome"], ic[1].get("outcome"), None),
                                   not qualifier_agrees(g["qualifier"], ic[1].get("qualifier")),
                                   not side_agrees(g.get("side"), ic[1].get("side")), ic[0]))
        claim = cands[0] if cands else None
        if claim:
            used.add(claim[0])
        rows.append(_casualty_row(aid, conflicts.get(aid), "matched" if claim else "missed", g, claim, texts))
    for aid, items in by_article.items():
        for i, c in items:
            if i not in used:
                rows.append(_casualty_row(aid, conflicts.get(aid), "false_positive", None, (i, c), texts))
    return pd.DataFrame(rows, columns=CASUALTY_MATCH_COLUMNS)


def _casualty_row(aid, conflict, status, g: dict | None, claim, texts) -> dict:
    g = g or {}
    i, c = claim if claim else (None, {})
    both = bool(g) and bool(c)
    return {
        "article_id": aid, "conflict": conflict, "status": status, "entry": g.get("entry"),
        "gold_value": g.get("value"), "gold_qualifier": g.get("qualifier"), "gold_low": g.get("low"),
        "gold_high": g.get("high"), "gold_outcome": g.get("outcome"), "gold_side": g.get("side"),
        "claim": i, "phrase": c.get("text"), "value": c.get("value"), "qualifier": c.get("qualifier"),
        "low": c.get("low"), "high": c.get("high"), "outcome": c.get("outcome"), "side": c.get("side"),
        "outcome_strict": outcome_agrees(g.get("outcome"), c.get("outcome"), None) if both else None,
        "qualifier_agrees": qualifier_agrees(g.get("qualifier"), c.get("qualifier")) if both else None,
        "side_agrees": side_agrees(g.get("side"), c.get("side")) if both else None,
        "sentence": texts.get(aid),
    }


def casualty_scores(matches: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """From ``match_casualties``: per group of ``by`` (and ``all``), precision and recall of
    (value, outcome), and on the matched figures the qualifier agreement and, where the gold
    gives a side, the side agreement."""
    groups = [("all", matches)] + (sorted(matches.groupby(by), key=lambda kv: str(kv[0])) if by else [])
    rows = []
    for key, m in groups:
        matched = m[m["status"] == "matched"]
        sided = matched[matched["side_agrees"].notna()]
        row = {"group": key, **prf(len(matched), int(m["status"].isin(["matched", "missed"]).sum()),
                                   len(matched), int(m["status"].isin(["matched", "false_positive"]).sum()))}
        q_ok, s_ok = int(matched["qualifier_agrees"].astype(bool).sum()), int(sided["side_agrees"].astype(bool).sum())
        row.update({"qualifier_rate": q_ok / len(matched) if len(matched) else float("nan"),
                    "side_agree": s_ok, "sided": len(sided),
                    "side_rate": s_ok / len(sided) if len(sided) else float("nan")})
        rows.append(row)
    return pd.DataFrame(rows)


# ================================================================================================
# Victim side (news_dev): claims and death mentions


def sentence_death_side(casualties: pd.DataFrame) -> pd.Series:
    """Per sentence (index: sentence_id), the victim side of its deaths by the annotation: the
    side of its ``killed``/``dead`` figures that give one; ``both`` when they give two sides (or
    ``both``).  Sentences whose death figures give no side are left out."""
    deaths = casualties[casualties["outcome"].isin(DEATH_OUTCOMES) & casualties["side"].map(norm_side).ne("unknown")]
    out = {}
    for sid, sides in deaths.groupby("sentence_id")["side"]:
        found = {norm_side(s) for s in sides}
        out[sid] = found.pop() if len(found) == 1 else "both"
    return pd.Series(out, name="gold_side", dtype=object)


NO_DEATH_MENTION = "(no death mention)"


def match_death_sides(casualties: pd.DataFrame, death_mentions: pd.DataFrame,
                      sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence whose annotated deaths have a side (``sentence_death_side``):
    article_id, conflict, gold_side, side (our death mention's ``victim_side``, or
    ``NO_DEATH_MENTION`` when we found none), agrees, sentence."""
    gold = sentence_death_side(casualties)
    ours = death_mentions.groupby("article_id")["victim_side"].first()
    info = sentences.set_index("id")
    rows = [{"article_id": sid, "conflict": info.at[sid, "conflict"], "gold_side": side,
             "side": norm_side(ours[sid]) if sid in ours.index else NO_DEATH_MENTION,
             "sentence": info.at[sid, "text"]} for sid, side in gold.items()]
    out = pd.DataFrame(rows, columns=["article_id", "conflict", "gold_side", "side", "sentence"])
    out.insert(4, "agrees", out["gold_side"] == out["side"])
    return out


def side_confusion(frame: pd.DataFrame, gold: str = "gold_side", ours: str = "side") -> pd.DataFrame:
    """Gold side (rows) against ours (columns), no side shown as ``unknown``."""
    return pd.crosstab(frame[gold].map(norm_side).rename("gold"),
                       frame[ours].map(lambda s: s if s == NO_DEATH_MENTION else norm_side(s)).rename("ours"))


# ================================================================================================
# Actors


ACTOR_KINDS_EXCLUDED = ("demonym",)


def actor_candidates(mentions: pd.DataFrame) -> pd.DataFrame:
    """Our actors per article: one row per (article_id, actor) among the mentions that name an
    actor (demonyms are not actors: "Israeli soldiers" does not name Israel), with the
    surfaces written and the number of mentions."""
    m = mentions[~mentions["kind"].isin(ACTOR_KINDS_EXCLUDED)].copy()
    m["actor"] = m["actor"].where(m["actor"].notna(), m["surface"])
    grouped = m.groupby(["article_id", "actor"], sort=False)
    return pd.DataFrame({"surfaces": grouped["surface"].agg(lambda s: sorted(set(s))),
                         "mentions": grouped.size()}).reset_index()


def _actor_names(row) -> list[str]:
    return [row["actor"], *row["surfaces"]]


def match_actor_names(gold: pd.DataFrame, mentions: pd.DataFrame, aliases: dict[str, str] | None = None,
                      unit: str = "article_id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gold actor names (``gold``: ``unit``, actor) against the actors our mentions name in
    the same article (``actor_candidates``), by ``names_match`` on the canonical name or any
    surface.  Returns (gold rows with ``found``, ``matched_actor`` and ``mentions``: how often
    the matched actors are mentioned; our actors with ``correct``: it names a gold actor of
    its article)."""
    ours = actor_candidates(mentions)
    by_article: dict[str, list[dict]] = {}
    for r in ours.to_dict("records"):
        by_article.setdefault(r["article_id"], []).append(r)
    found, matched, counts = [], [], []
    for aid, name in zip(gold[unit], gold["actor"]):
        hits = [r for r in by_article.get(aid, []) if any(names_match(name, n, aliases) for n in _actor_names(r))]
        found.append(bool(hits))
        matched.append("; ".join(r["actor"] for r in hits) or None)
        counts.append(sum(r["mentions"] for r in hits))
    g = gold.assign(found=found, matched_actor=matched, mentions=counts)
    gold_names: dict[str, list[str]] = {}
    for aid, name in zip(gold[unit], gold["actor"]):
        gold_names.setdefault(aid, []).append(name)
    ours["correct"] = [any(names_match(name, n, aliases) for name in gold_names.get(r["article_id"], [])
                           for n in _actor_names(r)) for r in ours.to_dict("records")]
    return g, ours


# -- re3d: spans


def entity_units(entities: pd.DataFrame) -> pd.DataFrame:
    """The proper names to find (``name`` and not ``ambiguous``), nested or overlapping names
    merged into one unit ("Defense Secretary Ash Carter" and "Ash Carter" are one person to
    find): doc_id, unit, begin, end (of the union), type, text (the longest)."""
    names = entities[entities["name"] & ~entities["ambiguous"]].sort_values(["doc_id", "begin", "end"])
    rows = []
    for doc, ents in names.groupby("doc_id", sort=False):
        cur = None
        for e in ents.to_dict("records"):
            if cur and e["begin"] < cur["end"]:
                cur["end"] = max(cur["end"], e["end"])
                if len(e["text"]) > len(cur["text"]):
                    cur.update(type=e["type"], text=e["text"])
            else:
                cur = {"doc_id": doc, "begin": e["begin"], "end": e["end"], "type": e["type"], "text": e["text"]}
                rows.append(cur)
    out = pd.DataFrame(rows, columns=["doc_id", "begin", "end", "type", "text"])
    out.insert(1, "unit", range(len(out)))
    return out


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match_entity_spans(units: pd.DataFrame, entities: pd.DataFrame, mentions: pd.DataFrame,
                       doc: str = "doc_id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """re3d's names against our mentions, by character overlap (offsets in one text).

    Recall: a unit (``entity_units``) is found when a mention that names an actor (not a
    demonym) overlaps it.  Precision: such a mention is correct when it overlaps any gold
    Person or Organisation entity, proper name or not ("the secretary" resolved to Carter is
    right); a mention that overlaps none is wrong, and ``gold_type`` says what the gold has
    there (Location, Nationality... or nothing); one that overlaps a name the gold also types a
    place or date (``ambiguous``: "Iraq" typed Organisation and Location) and no other person or
    organisation is neither (``correct`` None).  Returns (units with ``found`` and ``mention``;
    mentions with ``correct`` and ``gold_type``)."""
    m = mentions[~mentions["kind"].isin(ACTOR_KINDS_EXCLUDED)].reset_index(drop=True)
    by_doc: dict[str, list[dict]] = {}
    for r in m.to_dict("records"):
        by_doc.setdefault(r["article_id"], []).append(r)
    found, which = [], []
    for d, b, e in zip(units[doc], units["begin"], units["end"]):
        hit = [r for r in by_doc.get(d, []) if _overlaps(b, e, r["start"], r["end"])]
        found.append(bool(hit))
        which.append("; ".join(f"{r['surface']} ({r['actor']})" for r in hit) or None)
    ents: dict[str, list[dict]] = {}
    for r in entities.to_dict("records"):
        ents.setdefault(r[doc], []).append(r)
    correct, gold_type = [], []
    for r in m.to_dict("records"):
        over = [e for e in ents.get(r["article_id"], []) if _overlaps(e["begin"], e["end"], r["start"], r["end"])]
        clear = [e for e in over if not e.get("ambiguous")]
        actor = [e for e in clear if e["type"] in ACTOR_TYPES]
        correct.append(True if actor else None if len(clear) < len(over) else False)
        gold_type.append((actor or clear or over or [{"type": None}])[0]["type"])
    return units.assign(found=found, mention=which), m.assign(correct=correct, gold_type=gold_type)


# ================================================================================================
# Quotes


def span_overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    """Characters shared by two spans (each a list of pieces), over the longer one's length:
    at least ``t`` means each covers at least ``t`` of the other."""
    la, lb = sum(e - s for s, e in a), sum(e - s for s, e in b)
    if not la or not lb:
        return 0.0
    shared = sum(_overlaps(s0, e0, s1, e1) for s0, e0 in a for s1, e1 in b)
    return shared / max(la, lb)


def match_quote_spans(gold: pd.DataFrame, quotes: pd.DataFrame, threshold: float = 0.3,
                      doc: str = "doc_id") -> pd.DataFrame:
    """PolNeAR Content spans against our quote spans, document by document.

    ``gold``: doc, attribution, content_spans (in the cleaned text), source, speech (kept: a
    speech-act cue; the others are neutral, below); ``quotes``: our quotes table.  A quote
    and a kept gold content match when their overlap is at least ``threshold`` of the longer
    (``span_overlap``); pairs are taken one to one, the largest overlap first.  A quote that
    matches no kept content but a dropped one (a belief, an intention) is ``neutral``: neither
    right nor wrong.  One row per kept gold content (``matched``/``missed``) and per quote left
    (``false_positive``/``neutral``), with the gold source and our speaker."""
    q = quotes.reset_index(drop=True)
    spans_of: dict[str, list[tuple[int, int, int]]] = {}
    for qi, (d, s, e) in enumerate(zip(q["article_id"], q["start"], q["end"])):
        spans_of.setdefault(d, []).append((qi, s, e))
    pairs = []
    for gi, d, content in zip(gold.index, gold[doc], gold["content_spans"]):
        for qi, s, e in spans_of.get(d, []):
            ov = span_overlap(content, [(s, e)])
            if ov >= threshold:
                pairs.append((ov, gi, qi))
    pairs.sort(key=lambda p: -p[0])
    g_used: dict[int, tuple[int, float]] = {}
    q_used: set[int] = set()
    for ov, gi, qi in pairs:
        if gold.at[gi, "speech"] and gi not in g_used and qi not in q_used:
            g_used[gi] = (qi, ov)
            q_used.add(qi)
    neutral = {qi for ov, gi, qi in pairs if not gold.at[gi, "speech"]} - q_used
    quote_rows = q.to_dict("records")

    def ours(qi) -> dict:
        r = quote_rows[qi] if qi is not None else {}
        return {"quote_row": qi, **{k: r.get(k) for k in ("speaker", "speaker_actor", "verb", "quote")}}

    rows = []
    for gi, g in zip(gold.index, gold.to_dict("records")):
        if g["speech"]:
            qi, ov = g_used.get(gi, (None, None))
            rows.append({"doc_id": g[doc], "status": "missed" if qi is None else "matched",
                         **{k: g.get(k) for k in ("attribution", "cue", "source", "content")}, "overlap": ov,
                         **ours(qi)})
    rows += [{"doc_id": quote_rows[qi]["article_id"], "status": "neutral" if qi in neutral else "false_positive",
              **ours(qi)} for qi in range(len(q)) if qi not in q_used]
    return pd.DataFrame(rows, columns=["doc_id", "status", "attribution", "cue", "source", "content", "overlap",
                                       "quote_row", "speaker", "speaker_actor", "verb", "quote"])


def _heads(phrase) -> set[str]:
    """The heads of a speaker phrase (see ``phrase_prepositions`` in ``evaluation.yml``): the
    last word of its part before the first comma, and the last word before its first
    preposition; possessive 's dropped, case folded."""
    if _isnull(phrase):
        return set()
    first = re.split(r"[,;(]", str(phrase))[0]
    words = [w for w in re.findall(r"\w+", re.sub(r"['’]s\b", "", first).casefold())]
    determiners = _word_set("determiners")
    words = [w for w in words if w not in determiners]
    if not words:
        return set()
    heads = {words[-1]}
    preps = _word_set("phrase_prepositions")
    cut = next((i for i, w in enumerate(words) if w in preps), None)
    if cut:
        heads.add(words[cut - 1])
    return heads


def speaker_agrees(gold, ours: Iterable, aliases: dict[str, str] | None = None) -> bool | None:
    """Whether our speaker (its phrase as written and, when resolved, the actor's name) is the
    gold speaker: ``names_match`` (same name, alias, surname, acronym, containment); or the gold,
    a name written with a capital, or its acronym, stands whole inside our phrase ("AFP" in "an
    AFP tally", "SOHR" for the Syrian Observatory for Human Rights in "the SOHR report"); or a
    shared head (``_heads``: "a source" = "another source"; "the Lebanese health ministry" = "the
    ministry"; a pronoun only equals the same pronoun).  None when the gold names no speaker."""
    if _isnull(gold) or not str(gold).strip():
        return None
    ours = [o for o in ours if not _isnull(o) and str(o).strip()]
    if any(names_match(gold, o, aliases) for o in ours):
        return True
    if str(gold).strip()[:1].isupper() and not is_pronoun(gold):
        runs = [name_key(gold).split(), [_acronym(gold)]]
        if any(_contains(name_key(o).split(), run) for o in ours for run in runs if run and run[0]):
            return True
    gh = _heads(gold)
    return any(gh & _heads(o) for o in ours)


def is_pronoun(phrase) -> bool:
    return not _isnull(phrase) and name_key(phrase) in _word_set("pronouns") | {""}


def _verb_words(verb) -> set[str]:
    return set(re.findall(r"\w+", str(verb).casefold())) if not _isnull(verb) else set()


def match_sentence_quotes(gold: pd.DataFrame, quotes: pd.DataFrame, aliases: dict[str, str] | None = None
                          ) -> pd.DataFrame:
    """news_dev's quotes (``gold``: sentence_id, entry, speaker, verb, direct) against ours,
    sentence by sentence.  A quote of ours and a gold reporting act pair up when their verbs
    share a word ("was quoted by AFP as saying" / "saying") or their speakers agree
    (``speaker_agrees``); pairs with both first, one to one.  One row per gold act
    (``matched``/``missed``) and per quote left over (``false_positive``), with
    ``speaker_agrees`` and ``direct_agrees`` on the matched."""
    by_article: dict[str, list[tuple[int, dict]]] = {}
    for i, r in enumerate(quotes.to_dict("records")):
        by_article.setdefault(r["article_id"], []).append((i, r))
    rows, used = [], set()
    for sid, gsub in gold.groupby("sentence_id", sort=False):
        cands = []
        for g in gsub.to_dict("records"):
            for i, r in by_article.get(sid, []):
                verb = bool(_verb_words(g["verb"]) & _verb_words(r.get("verb")))
                spk = bool(speaker_agrees(g["speaker"], [r.get("speaker"), r.get("speaker_actor")], aliases))
                if verb or spk:
                    cands.append((-(verb + spk), g["entry"], i, g, r, spk))
        cands.sort(key=lambda c: c[:3])
        done = set()
        for _, entry, i, g, r, spk in cands:
            if entry in done or i in used:
                continue
            done.add(entry)
            used.add(i)
            rows.append(_quote_row(sid, "matched", g, r, i, spk))
        rows += [_quote_row(sid, "missed", g, None, None, None) for g in gsub.to_dict("records") if g["entry"] not in done]
    for sid, items in by_article.items():
        rows += [_quote_row(sid, "false_positive", None, r, i, None) for i, r in items if i not in used]
    return pd.DataFrame(rows, columns=["article_id", "status", "entry", "gold_speaker", "gold_verb", "gold_direct",
                                       "quote_row", "speaker", "speaker_actor", "verb", "direct", "speaker_agrees",
                                       "direct_agrees"])


def _quote_row(sid, status, g, r, i, spk) -> dict:
    g, r = g or {}, r or {}
    both = bool(g) and bool(r)
    return {"article_id": sid, "status": status, "entry": g.get("entry"), "gold_speaker": g.get("speaker"),
            "gold_verb": g.get("verb"), "gold_direct": g.get("direct"), "quote_row": i,
            "speaker": r.get("speaker"), "speaker_actor": r.get("speaker_actor"), "verb": r.get("verb"),
            "direct": r.get("direct"), "speaker_agrees": spk if both else None,
            "direct_agrees": bool(g.get("direct")) == bool(r.get("direct")) if both else None}


def with_speaker_actor(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """``quotes`` with ``speaker_actor``: the canonical name of ``speaker_id`` (from the
    mentions table of the same corpus), when the speaker was resolved to an actor."""
    names = dict(zip(mentions["actor_id"], mentions["actor"]))
    ids = quotes["speaker_id"] if "speaker_id" in quotes else pd.Series([None] * len(quotes), index=quotes.index)
    return quotes.assign(speaker_actor=[names.get(i) if not _isnull(i) else None for i in ids])


def write_frames(out_dir: str | Path, frames: dict[str, pd.DataFrame]) -> list[Path]:
    """Write each frame as ``<out_dir>/<name>.csv``, whole or not at all."""
    from ..files import write_csv
    return [write_csv(frame, Path(out_dir) / f"{name}.csv") for name, frame in frames.items()]


def score_table(scores: pd.DataFrame) -> str:
    """A scores frame as text: rates as percentages, counts as integers, NaN as n/a."""
    def fmt(col, v):
        if isinstance(v, float) and math.isnan(v):
            return "n/a"
        if col in ("precision", "recall", "f1", "rate", "agreement") or col.endswith("_rate"):
            return f"{100 * v:.1f}%"
        return str(v)
    shown = scores.copy()
    for col in shown.columns:
        shown[col] = [fmt(col, v) for v in shown[col]]
    return shown.to_string(index=False)


# ================================================================================================
# The misses, for 04_error_analysis

# (slug, CSV written by `make evaluate`, which rows, caption, columns shown)
MISS_TABLES = [
    ("casualties_missed", "news_dev_casualties", "status == 'missed'", "news_dev: casualty figures missed",
     ["article_id", "conflict", "gold_value", "gold_qualifier", "gold_low", "gold_high", "gold_outcome", "sentence"]),
    ("casualties_false", "news_dev_casualties", "status == 'false_positive'",
     "news_dev: claims that are no annotated figure",
     ["article_id", "conflict", "phrase", "value", "qualifier", "outcome", "sentence"]),
    ("casualties_disagree", "news_dev_casualties", "status == 'matched' and (qualifier_agrees == False or "
     "side_agrees == False)", "news_dev: figures found with another qualifier or side",
     ["article_id", "conflict", "gold_qualifier", "qualifier", "gold_side", "side", "sentence"]),
    ("death_sides_wrong", "news_dev_death_sides", "agrees == False",
     "news_dev: death mentions whose victim side disagrees", ["article_id", "conflict", "gold_side", "side", "sentence"]),
    ("actors_missed", "news_dev_actors", "found == False", "news_dev: annotated actors our mentions do not name",
     ["article_id", "conflict", "actor", "sentence"]),
    ("actors_extra", "news_dev_actor_predictions", "correct == False",
     "news_dev: actors our mentions name that the annotation does not", ["article_id", "actor", "surfaces", "sentence"]),
    ("main_actors_missed", "news_dev_main_actors", "found == False",
     "news_dev articles: main actors not counted in their article", ["article_id", "conflict", "rank", "actor"]),
    ("news_dev_quotes_missed", "news_dev_quotes", "status == 'missed'", "news_dev: reporting acts missed",
     ["article_id", "gold_speaker", "gold_verb", "sentence"]),
    ("news_dev_speakers_wrong", "news_dev_quotes", "status == 'matched' and speaker_agrees == False",
     "news_dev: quotes found with another speaker", ["article_id", "gold_speaker", "speaker", "speaker_actor", "sentence"]),
    ("polnear_missed", "polnear_quotes", "status == 'missed'", "PolNeAR: quotes missed (speech-act cues)",
     ["doc_id", "cue", "source", "content"]),
    ("polnear_false", "polnear_quotes", "status == 'false_positive'", "PolNeAR: quotes of ours on no attribution",
     ["doc_id", "speaker", "verb", "quote"]),
    ("polnear_speakers_wrong", "polnear_quotes", "status == 'matched' and speaker_agrees == False",
     "PolNeAR: quotes found with another speaker", ["doc_id", "source", "speaker", "speaker_actor", "quote"]),
    ("re3d_missed", "re3d_names", "found == False", "re3d: named persons and organisations missed",
     ["doc_id", "type", "text"]),
    ("re3d_false", "re3d_mentions", "correct == False", "re3d: our actor mentions on no person or organisation",
     ["article_id", "surface", "actor", "kind", "gold_type"]),
]


def evaluation_misses(folder: str | Path | None) -> list[tuple[str, str, pd.DataFrame]]:
    """The misses ``make evaluate`` wrote into ``folder`` (its ``--out``), as (slug, caption,
    rows) for each kind in ``MISS_TABLES`` whose CSV is there; nothing when the folder is absent
    (the evaluation has not been run), so a report can leave the section out."""
    folder = Path(folder) if folder else None
    if folder is None or not folder.is_dir():
        return []
    out = []
    for slug, name, query, caption, columns in MISS_TABLES:
        path = folder / f"{name}.csv"
        if path.exists():
            frame = pd.read_csv(path)
            out.append((slug, caption, frame.query(query)[[c for c in columns if c in frame.columns]]))
    return out
