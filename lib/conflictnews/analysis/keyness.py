"""Which words set one group of articles apart from another, and where terms occur.

* :func:`keyness` -- the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
  Quinn 2008, "Fightin' Words", section 3.5), between two groups of articles chosen by a column
  (``outlet``, or a period: ``month``, ``week``, ``year``...), with z-scores.
* :func:`kwic` -- a keyword-in-context concordance for any list of terms (the stance lexicon's
  term syntax: phrases, a trailing ``*`` for any ending, or ``{regex: ...}``); a plain phrase
  also finds its word forms and the spellings of ``resources/variants.yml``.

With delta_w the difference of the two groups' smoothed log-odds of word w::

    delta_w = log((y_aw + a_w) / (n_a + a_0 - y_aw - a_w)) - log((y_bw + a_w) / (n_b + a_0 - y_bw - a_w))
    var_w   = 1 / (y_aw + a_w) + 1 / (y_bw + a_w)
    z_w     = delta_w / sqrt(var_w)

where y are word counts, n the group totals, and the prior a_w = a_0 * (share of w in the
background: both groups together by default).  z > 1.96 marks a word as distinctive of A at the
usual 5% level (no correction for the many words tested: read it as a ranking, not a test).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from ..resources import ResourceError, load_wordlist, load_yaml, resource_path
from ..extractors.stance import _bounded, _group_keys, term_name, term_regex
from ..corpus.segment import WORD_RE, terms
from ..extractors.matchers import group_key

KEYNESS_COLUMNS = ["term", "count_a", "count_b", "rate_a", "rate_b", "log_odds", "se", "z", "favours"]
KWIC_COLUMNS = ["article_id", "sent_id", "start", "end", "term", "left", "match", "right"]
DEFAULT_VARIANTS = "variants.yml"
tokens = terms  # the name this module has always exported


# ---------------------------------------------------------------------------------------------
# Spelling variants (resources/variants.yml)


@dataclass(frozen=True)
class Variants:
    acronyms: re.Pattern | None   # case-sensitive whole words -> acronym_terms
    acronym_terms: dict
    spelling: dict                # lower-case spelling -> main spelling (one word or more)


def load_variants(variants=DEFAULT_VARIANTS) -> Variants:
    """The spelling variants of ``variants.yml`` (or the user's file); None or empty: none."""
    if isinstance(variants, Variants):
        return variants
    if not variants:
        return Variants(None, {}, {})
    path = resource_path(variants)
    data = load_yaml(path)
    acr = data.get("acronyms") or {}
    spell = data.get("variants") or {}
    if not isinstance(acr, dict) or not isinstance(spell, dict):
        raise ResourceError(f"{path}: 'acronyms' and 'variants' must be mappings")
    spelling = {}
    for main, others in spell.items():
        if not isinstance(others, list) or not all(isinstance(o, str) and o.strip() for o in others):
            raise ResourceError(f"{path}: variants.{main} must be a list of spellings")
        for o in [main, *others]:
            spelling[" ".join(str(o).lower().split())] = str(main).lower()
    acronym_terms = {str(k): str(v).lower() for k, v in acr.items()}
    rx = (re.compile(r"(?<![\w.'’-])(?:" + "|".join(map(re.escape, sorted(acronym_terms, key=len, reverse=True)))
                     + r")(?![\w.'’-])") if acronym_terms else None)
    return Variants(rx, acronym_terms, spelling)


def _read_terms(text: str, var: Variants, stopwords, min_length: int) -> list[str]:
    """The terms of one text with the per-text merges: an acronym written in capitals as its
    term, a listed variant as its main spelling (the hyphen joins need the whole corpus: see
    :func:`_hyphen_joins`)."""
    if var.acronyms is not None:
        text = var.acronyms.sub(lambda m: var.acronym_terms[m.group()], text)
    return [var.spelling.get(w, w) for w in terms(text, stopwords, min_length)]


def _hyphen_joins(seen) -> dict[str, str]:
    """Each hyphenated word of ``seen`` whose joined form is also in ``seen`` -> the joined form."""
    return {w: w.replace("-", "") for w in seen if "-" in w and w.replace("-", "") in seen}


def term_lists(texts, stopwords=frozenset(), variants=DEFAULT_VARIANTS, min_length: int = 2) -> list[list[str]]:
    """:func:`conflictnews.tokenize.terms` of each text with spelling variants merged: an acronym
    written in capitals counts as its term ("US" as "u.s.", not the stopword "us"), a listed
    variant as its main spelling ("defence" as "defense"), and a hyphenated word as its joined
    form when the texts also have that ("cease-fire" as "ceasefire")."""
    var = load_variants(variants)
    lists = [_read_terms(t, var, stopwords, min_length) for t in texts]
    joined = _hyphen_joins({w for ws in lists for w in ws})
    if joined:
        lists = [[joined.get(w, w) for w in ws] for ws in lists]
    return lists


def count_terms(texts, keys=None, stopwords=frozenset(), variants=DEFAULT_VARIANTS,
                min_length: int = 2) -> tuple[dict, Counter]:
    """The terms of ``texts`` counted as :func:`term_lists` reads them (the same merges), per key
    (``keys``: one per text; None: every text under the key None), and the number of texts each
    term occurs in.  Text by text: memory grows with the vocabulary, not with the corpus (the
    lists of a 100,000-article corpus would hold tens of millions of strings)."""
    var = load_variants(variants)
    counts: dict = {}
    docs, docs_joined = Counter(), Counter()   # docs_joined: a hyphenated word counted as joined
    for i, text in enumerate(texts):
        found = _read_terms(text, var, stopwords, min_length)
        key = None if keys is None else keys[i]
        counts.setdefault(key, Counter()).update(found)
        distinct = set(found)
        docs.update(distinct)
        docs_joined.update({w.replace("-", "") for w in distinct})
    joined = _hyphen_joins(docs)
    for c in counts.values():
        for w, j in joined.items():
            if w in c:
                c[j] += c.pop(w)
    for w, j in joined.items():
        docs.pop(w, None)
        docs[j] = docs_joined[j]   # the texts with the word joined or hyphenated, each once
    return counts, docs


def log_odds_dirichlet(counts_a, counts_b, prior=None, prior_size: float | None = None) -> pd.DataFrame:
    """Monroe et al.'s weighted log-odds of each word between two count vectors (mappings or
    Series word -> count).  ``prior``: background counts (default a + b); ``prior_size`` a_0
    (default: the background's total).  Returns term, count_a, count_b, rate_a, rate_b (per
    1,000 words), log_odds, se, z, favours ('a' or 'b'), sorted by z (A's words first)."""
    a = pd.Series(counts_a, dtype="float64")
    b = pd.Series(counts_b, dtype="float64")
    vocab = a.index.union(b.index)
    a = a.reindex(vocab, fill_value=0.0)
    b = b.reindex(vocab, fill_value=0.0)
    bg = (a + b) if prior is None else pd.Series(prior, dtype="float64").reindex(vocab, fill_value=0.0)
    if (a < 0).any() or (b < 0).any() or (bg < 0).any():
        raise ValueError("counts and prior must be non-negative")
    n_a, n_b, n_bg = float(a.sum()), float(b.sum()), float(bg.sum())
    if n_a == 0 or n_b == 0:
        raise ValueError(f"both groups need words (group A has {n_a:.0f}, group B {n_b:.0f})")
    if n_bg == 0:
        raise ValueError("the prior has no words")
    a0 = n_bg if prior_size is None else float(prior_size)
    if a0 <= 0:
        raise ValueError(f"prior_size must be positive, got {prior_size}")
    alpha = a0 * bg / n_bg
    alpha = alpha.where(alpha > 0, a0 / (n_bg + len(vocab)))  # words absent from the prior
    la = ((a + alpha) / (n_a + a0 - a - alpha)).map(math.log)
    lb = ((b + alpha) / (n_b + a0 - b - alpha)).map(math.log)
    delta = la - lb
    var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
    se = var.map(math.sqrt)
    out = pd.DataFrame({"term": vocab.astype(str), "count_a": a.astype(int).values, "count_b": b.astype(int).values,
                        "rate_a": (a * 1000 / n_a).values, "rate_b": (b * 1000 / n_b).values,
                        "log_odds": delta.values, "se": se.values, "z": (delta / se).values})
    out["favours"] = (out["z"] >= 0).map({True: "a", False: "b"})
    return out.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)[KEYNESS_COLUMNS]


def keyness(corpus, group_by: str = "outlet", group_a=None, group_b=None, *, stopwords="stopwords.txt",
            min_count: int = 2, prior_size: float | None = None, variants=DEFAULT_VARIANTS) -> pd.DataFrame:
    """Distinctive words of group A against group B.

    ``group_by``: ``outlet``, ``article``, ``day``, ``week``, ``month``, ``year`` or any column of
    the articles table.  ``group_a``/``group_b``: a value or a list of values of that grouping;
    ``group_a=None`` takes the largest group (by words); ``group_b=None`` takes every other article.
    Unknown values raise ValueError listing the known ones.  ``stopwords``: a word-list path or
    name, or None to keep every word.  ``variants``: spelling variants counted as one term
    (:func:`term_lists`; ``resources/variants.yml`` by default, None for none).  Words seen fewer than ``min_count`` times in A and B
    together are left out.  Returns :func:`log_odds_dirichlet`'s columns plus group_a, group_b,
    words_a, words_b; z > 0 favours A."""
    a = corpus.require_text()
    if len(a) == 0:
        raise ValueError("keyness needs articles; the corpus is empty")
    keys = _group_keys(a, group_by)
    stop = load_wordlist(stopwords) if stopwords else frozenset()
    by_key, _docs = count_terms(a["text"], list(keys), stop, variants)
    sizes = Counter({k: sum(c.values()) for k, c in by_key.items()})
    known = sorted(sizes)

    def values(v, name):
        vals = [v] if isinstance(v, (str, int)) else list(v)
        vals = [str(x) for x in vals]
        unknown = [x for x in vals if x not in sizes]
        if unknown:
            raise ValueError(f"{name}={unknown!r}: no such {group_by} in the corpus; known: {known}")
        return vals

    if group_a is None:
        A = [max(known, key=lambda k: (sizes[k], k))]
    else:
        A = values(group_a, "group_a")
    if group_b is None:
        B = [k for k in known if k not in A]
    else:
        B = values(group_b, "group_b")
    overlap = set(A) & set(B)
    if overlap:
        raise ValueError(f"group_a and group_b share {sorted(overlap)}; they must be disjoint")
    if not B:
        raise ValueError(f"group_b is empty: the corpus has only {known} by {group_by}")
    ca, cb = Counter(), Counter()
    for k, c in by_key.items():
        if k in A:
            ca.update(c)
        elif k in B:
            cb.update(c)
    if not ca or not cb:
        raise ValueError(f"no words in {'group_a' if not ca else 'group_b'} ({A if not ca else B})")
    out = log_odds_dirichlet(ca, cb, prior_size=prior_size)
    out = out[(out["count_a"] + out["count_b"]) >= min_count].reset_index(drop=True)
    out["group_a"] = " + ".join(A)
    out["group_b"] = " + ".join(B)
    out["words_a"] = sum(ca.values())
    out["words_b"] = sum(cb.values())
    return out


def choose_groups(articles: pd.DataFrame, by: str, a=None, b=None) -> tuple[str, object, object]:
    """The two groups keyness compares when the user named none: the two largest groups of
    ``by`` when at least two hold more than one article; otherwise (every outlet a single article,
    as in the seeds) the earliest month against the latest.  ``(by, None, None)`` when neither
    works.  Groups the user gave are returned as they are."""
    if a is not None:
        return by, a, b
    months = pd.to_datetime(articles["published"]).dt.strftime("%Y-%m")
    if by in articles.columns:
        sizes = articles.groupby(articles[by]).size()
        if (sizes > 1).sum() >= 2:
            top = sizes.sort_values(ascending=False).index[:2]
            return by, str(top[0]), str(top[1])
    months = months.dropna()
    if months.nunique() >= 2:
        return "month", months.min(), months.max()
    return by, None, None


def top_keyness(result: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most distinctive words on each side (by z), A's first."""
    a = result[result["z"] > 0].nlargest(n, "z")
    b = result[result["z"] < 0].nsmallest(n, "z")
    return pd.concat([a, b], ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Concordance


def word_forms(term: str) -> str:
    """The regex of a plain term (no ``*``) with the usual English endings on its last word:
    pause -> pause, pauses, paused, pausing; terrorist -> terrorists; casualty -> casualties."""
    *head, last = term.split()
    low = last.lower()
    if low.endswith("e") and len(low) > 2:
        tail = re.escape(last[:-1]) + "(?:e|es|ed|ing)"
    elif len(low) > 2 and low.endswith("y") and low[-2] not in "aeiou":
        tail = re.escape(last[:-1]) + "(?:y|ies|ied|ying)"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        tail = re.escape(last) + "(?:es|ed|ing)?"
    else:
        tail = re.escape(last) + "(?:s|es|ed|ing)?"
    return r"\s+".join([*map(re.escape, head), tail])


def _spellings(term: str, var: Variants) -> list[str]:
    """``term`` and its other spellings in the variants list (ceasefire: cease-fire, cease fire)."""
    key = " ".join(term.lower().split())
    main = var.spelling.get(key)
    if main is None:
        return [term]
    return [term] + [s for s, m in var.spelling.items() if m == main and s != key]


def compile_terms(terms, forms: bool = True, variants=DEFAULT_VARIANTS) -> tuple[re.Pattern, list[str]]:
    """One regex for a list of terms (stance-lexicon syntax); groups k0, k1... -> the term.  With
    ``forms``, a plain term (no ``*``, no regex) also matches its word forms (:func:`word_forms`)
    and its other spellings in ``variants``."""
    if isinstance(terms, (str, dict)):
        terms = [terms]
    terms = list(terms or [])
    if not terms:
        raise ValueError("kwic needs at least one term")
    var = load_variants(variants) if forms else None
    shown, alts = [], []
    for t in terms:
        try:
            rx = term_regex(t, "kwic terms", "kwic")
        except ValueError as exc:
            raise ValueError(str(exc).replace("kwic: ", "")) from None
        if forms and not isinstance(t, dict) and "*" not in str(t):
            rx = "|".join(word_forms(s) for s in _spellings(str(t).strip(), var))
        alts.append(_bounded(rx))
        shown.append(term_name(t))
    order = sorted(range(len(alts)), key=lambda i: (-len(alts[i]), i))
    return re.compile("|".join(f"(?P<k{i}>{alts[i]})" for i in order), re.I), shown


def _left_words(text: str, end: int, n: int) -> str:
    lo = max(0, end - 40 * n - 40)
    chunk = text[lo:end]
    ws = list(WORD_RE.finditer(chunk))
    if lo > 0 and ws:
        ws = ws[1:]  # may be cut
    if not ws:
        return ""
    return " ".join(chunk[ws[-min(n, len(ws))].start():].split())


def _right_words(text: str, start: int, n: int) -> str:
    hi = start + 40 * n + 40
    chunk = text[start:hi]
    ws = list(WORD_RE.finditer(chunk))
    if hi < len(text) and ws:
        ws = ws[:-1]  # may be cut
    if not ws:
        return ""
    return " ".join(chunk[:ws[min(n, len(ws)) - 1].end()].split())


def kwic(corpus, terms, window: int = 8, *, forms: bool = True, variants=DEFAULT_VARIANTS,
         limit: int | None = None) -> pd.DataFrame:
    """Keyword in context: one row per occurrence of any of ``terms`` with ``window`` words of
    context on each side: article_id, sent_id, start, end (offsets of the match in the cleaned
    text), term (as given), left, match (as written), right.

    A term is a phrase, a phrase ending in ``*`` (any ending) or ``{regex: ...}``, as in the stance
    lexicon.  With ``forms`` (the default) a plain phrase also finds its word forms and spellings:
    "pause" finds pauses and paused, "ceasefire" cease-fire and "cease fire" (``variants``).

    ``limit``: keep the first that many rows (in corpus order) and only count the others, so that
    a concordance of a large corpus fits in memory; ``attrs["total"]`` is the number of rows
    there are in all."""
    if not isinstance(window, int) or window < 0:
        raise ValueError(f"window must be a non-negative number of words, got {window!r}")
    rx, shown = compile_terms(terms, forms, variants)
    rows, total = [], 0
    for aid, text in zip(corpus.articles["article_id"], corpus.require_text()["text"]):
        for m in rx.finditer(text):
            total += 1
            if limit is not None and len(rows) >= limit:
                continue
            left = _left_words(text, m.start(), window) if window else ""
            right = _right_words(text, m.end(), window) if window else ""
            rows.append((aid, m.start(), m.end(), shown[group_key(m.lastgroup)],
                         left, " ".join(m.group().split()), right))
    out = _with_sent_ids(pd.DataFrame(rows, columns=[c for c in KWIC_COLUMNS if c != "sent_id"]), corpus.sentences)
    out.attrs["total"] = total
    return out


def _with_sent_ids(found: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``found`` (article_id, start, ...) with the ``sent_id`` of the sentence each start falls in
    (-1 before the first): a sorted join on the offsets, not an index of every sentence."""
    if found.empty:
        return found.assign(sent_id=pd.Series(dtype="int64"))[KWIC_COLUMNS]
    found = found.reset_index(names="_row").astype({"article_id": "str"})
    spans = sentences[sentences["article_id"].isin(pd.unique(found["article_id"]))]
    spans = spans[["article_id", "start", "sent_id"]].astype({"article_id": "str", "start": "int64"})
    got = pd.merge_asof(found.astype({"start": "int64"}).sort_values("start"), spans.sort_values("start"),
                        on="start", by="article_id", direction="backward")
    got["sent_id"] = got["sent_id"].fillna(-1).astype("int64")
    return got.sort_values("_row")[KWIC_COLUMNS].reset_index(drop=True)
