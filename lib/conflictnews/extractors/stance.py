"""Stance language: lexicon categories (ceasefire or "pause", "terrorists" or "militants",
"massacre", "genocide"...), their rates per 1,000 words, and how each article names the parties.

The lexicon (``resources/stance.yml``, or the user's file via ``lexicon=``) is compiled ONCE into
a single regular expression with one named group per distinct term, laid out as a prefix tree
(``cease(?:fire...|-fire...)``, see :mod:`conflictnews.extractors.matchers`); an article is scanned with one
``finditer`` and each match is mapped to its sentence with a binary search.

    terms = stance_terms(corpus)                     # one row per term occurrence
    stance_rates(corpus, terms, by="outlet")         # rate per 1,000 words, per category
    party_labels(corpus)                             # how each article names the parties of its war
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..resources import HERE as RESOURCES, Kind, ResourceError, check_pattern, load_extended, resource_path
from .base import Extractor, Resource
from .matchers import fast_union, group_key
from ..corpus.segment import count_words  # also re-exported: stance.count_words

DEFAULT_LEXICON = "stance.yml"
TERM_COLUMNS = ["article_id", "sent_id", "start", "end", "term", "category", "text"]
LABEL_COLUMNS = ["article_id", "target", "label", "term", "sent_id", "start", "end", "text", "sentence"]
RATE_BY = ("article", "outlet", "day", "week", "month", "year")
_NAME = re.compile(r"^[A-Za-z][\w ]*$")


@dataclass(frozen=True)
class Lexicon:
    """A compiled stance lexicon; build it with :func:`load_lexicon`."""
    path: str
    categories: dict            # name -> {"description", "emotive", "terms"}
    labels: dict                # target -> {"description", "near", "labels": {label: [terms]}}
    regex: re.Pattern           # groups t0, t1, ... -> term_info
    term_info: tuple            # (term, (category, ...))
    label_regex: re.Pattern     # groups l0, l1, ... -> label_info
    label_info: tuple           # (target, label, term)
    near: dict = field(default_factory=dict)   # target -> its party's name regexes, or None
    exclude: "Exclusions | None" = None         # categories' exclude phrases
    label_exclude: "Exclusions | None" = None   # label targets' exclude phrases
    party_regex: re.Pattern | None = None      # every target's near terms; groups p0, p1... -> party_info
    party_info: tuple = ()                     # target of each near term

    def excluded(self, text: str):
        """A test ``(start, end, category) -> bool``: is that match in ``text`` inside one of the
        category's ``exclude`` phrases?"""
        return _excluder(self.exclude, text)

    @property
    def emotive_categories(self) -> tuple[str, ...]:
        return tuple(c for c, spec in self.categories.items() if spec.get("emotive"))

    def describe(self) -> pd.DataFrame:
        """One row per category: category, description, emotive, n_terms, terms."""
        return pd.DataFrame(
            [{"category": c, "description": s["description"], "emotive": bool(s.get("emotive")),
              "n_terms": len(s["terms"]), "terms": "; ".join(term_name(t) for t in s["terms"])}
             for c, s in self.categories.items()],
            columns=["category", "description", "emotive", "n_terms", "terms"])


def term_name(term) -> str:
    """A term as the reports show it: the phrase, or a pattern's ``name`` (a regular expression is
    never shown to a reader; one without a name shows as "pattern")."""
    if isinstance(term, dict):
        return str(term.get("name") or "pattern")
    return str(term)


def term_regex(term, where: str = "term", path: str = "") -> str:
    """The regular expression for one lexicon term (see the format in ``stance.yml``)."""
    if isinstance(term, dict):
        if not {"regex"} <= set(term) <= {"regex", "name"} or not isinstance(term["regex"], str) \
                or not term["regex"].strip():
            raise ResourceError(f"{path}: {where}: a term given as a mapping must be "
                                f"{{regex: '...', name: '...'}}, got {term!r}")
        rx = term["regex"]
        check_pattern(rx, where, path)
    elif isinstance(term, (str, int, float)) and not isinstance(term, bool) and str(term).strip():
        words = str(term).strip().split()
        parts = []
        for w in words:
            glob = w.endswith("*")
            w = w.rstrip("*")
            if not w:
                raise ResourceError(f"{path}: {where}: term {term!r} has a bare '*'")
            parts.append(re.escape(w) + (r"\w*" if glob else ""))
        rx = r"\s+".join(parts)
    else:
        raise ResourceError(f"{path}: {where}: empty or non-text term {term!r}")
    return rx


# A term starts a word: not after a letter, nor after a letter and an apostrophe ("Israel's" has
# no word "s"); after an opening quote it does ("humanitarian 'pauses'").
_LEFT = r"(?<!\w)(?<!\w['’])"
_RIGHT = r"(?![\w])"


def _bounded(rx: str) -> str:
    return rf"{_LEFT}(?:{rx}){_RIGHT}"


def _check_terms(terms, where: str, path: str) -> list:
    if not isinstance(terms, list) or not terms:
        raise ResourceError(f"{path}: {where} needs a non-empty list of terms")
    return terms


@dataclass(frozen=True)
class Exclusions:
    """The ``exclude`` phrases of the categories (or label targets) in one regex: group x<i> ->
    the names (categories or targets) whose matches it vetoes."""
    regex: re.Pattern
    owners: tuple


def _exclusions(items: list[tuple[str, str]]) -> Exclusions | None:
    """``items``: (term regex, owner) pairs; None when there are none."""
    by_rx: dict[str, set] = {}
    for rx, owner in items:
        by_rx.setdefault(rx, set()).add(owner)
    if not by_rx:
        return None
    order = sorted(by_rx, key=lambda r: (-len(r), r))
    return Exclusions(re.compile(fast_union([(rx, f"x{i}") for i, rx in enumerate(order)], _LEFT, _RIGHT)),
                      tuple(frozenset(by_rx[rx]) for rx in order))


def _never(start: int, end: int, owner: str) -> bool:
    return False


def _excluder(ex: Exclusions | None, text: str):
    """``(start, end, owner) -> bool``: does a match of ``ex`` in ``text`` that covers
    [start, end) veto ``owner``?  Exclude matches do not overlap (one left-to-right scan)."""
    if ex is None:
        return _never
    spans = [(m.start(), m.end(), ex.owners[group_key(m.lastgroup)]) for m in ex.regex.finditer(text)]
    if not spans:
        return _never
    starts = [x[0] for x in spans]

    def excluded(start: int, end: int, owner: str) -> bool:
        k = bisect_right(starts, start) - 1
        return k >= 0 and end <= spans[k][1] and owner in spans[k][2]
    return excluded


def _merge(base: dict, user: dict, path: str) -> dict:
    """A lexicon that ``extends`` another: a category or label target it names replaces the
    parent's, unless it says ``extend: true`` (its terms, excludes and labels are then added to
    the parent's, and its description, ``emotive`` and ``near`` replace them)."""
    out = {"categories": dict(base.get("categories") or {}), "labels": dict(base.get("labels") or {})}
    for section in ("categories", "labels"):
        mine = user.get(section) or {}
        if not isinstance(mine, dict):
            raise ResourceError(f"{path}: '{section}' must be a mapping")
        for name, spec in mine.items():
            if isinstance(spec, dict) and spec.get("extend") and name in out[section]:
                merged = dict(out[section][name])
                if spec.get("exclude"):
                    merged["exclude"] = list(merged.get("exclude") or []) + list(spec["exclude"])
                if section == "categories":
                    merged["terms"] = list(merged.get("terms") or []) + list(spec.get("terms") or [])
                else:
                    labs = {k: list(v) for k, v in (merged.get("labels") or {}).items()}
                    for lab, terms in (spec.get("labels") or {}).items():
                        labs[lab] = labs.get(lab, []) + list(terms or [])
                    merged["labels"] = labs
                    if spec.get("near") is not None:
                        merged["near"] = spec["near"]
                for key in ("description", "emotive"):
                    if key in spec:
                        merged[key] = spec[key]
                out[section][name] = merged
            else:
                out[section][name] = spec
    return out


LEXICON_FILES = Kind("stance lexicon", RESOURCES / DEFAULT_LEXICON, _merge)


def _profile_labels(profile) -> dict:
    """The label targets of a conflict profile, in the lexicon's ``labels`` format: each party
    with ``labels`` is a target, its names and leaders are its ``near`` terms."""
    out = {}
    for target, spec in profile.label_targets().items():
        party = profile.parties[spec["party"]]
        out[target] = {"description": spec["description"] or f"How an article names {party.name}.",
                       "near": [{"regex": t} for t in party.names + party.leaders],
                       "exclude": spec["exclude"] or None, "labels": spec["labels"]}
    return out


@lru_cache(maxsize=16)
def _compile(path_str: str, stamp: tuple, profile=None) -> Lexicon:
    """The lexicon of the file (with the files it extends; ``stamp`` is their cache key) and the
    party labels of ``profile``."""
    extended = load_extended(path_str, LEXICON_FILES)
    data = extended.data
    if profile is not None:   # the profile's party labels, then the lexicon's own (which win)
        data = {**data, "labels": {**_profile_labels(profile), **(data.get("labels") or {})}}
    with extended.naming_files():
        return _lexicon(Path(path_str), data)


def _lexicon(path: Path, data: dict) -> Lexicon:
    """A lexicon from its mapping (``extends`` applied), checked: every error names ``path``."""
    cats = data.get("categories")
    if not isinstance(cats, dict) or not cats:
        raise ResourceError(f"{path}: needs a 'categories' mapping with at least one category")
    categories, by_rx, order, excl = {}, {}, [], []
    for name, spec in cats.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise ResourceError(f"{path}: category name {name!r} must start with a letter (letters, digits, _)")
        if not isinstance(spec, dict):
            raise ResourceError(f"{path}: category '{name}' must be a mapping with 'description' and 'terms'")
        desc = spec.get("description")
        if not isinstance(desc, str) or not desc.strip():
            raise ResourceError(f"{path}: category '{name}' needs a 'description'")
        terms = _check_terms(spec.get("terms"), f"categories.{name}.terms", str(path))
        exclude = _exclude_terms(spec, f"categories.{name}", str(path))
        categories[name] = {"description": desc.strip(), "emotive": bool(spec.get("emotive", False)),
                            "terms": terms, "exclude": exclude}
        excl += [(term_regex(t, f"categories.{name}.exclude", str(path)), name) for t in exclude]
        for t in terms:
            rx = term_regex(t, f"categories.{name}", str(path))
            if rx not in by_rx:
                by_rx[rx] = [term_name(t), []]
                order.append(rx)
            if name not in by_rx[rx][1]:
                by_rx[rx][1].append(name)
    order.sort(key=lambda r: (-len(r), r))
    regex = re.compile(fast_union([(rx, f"t{i}") for i, rx in enumerate(order)], _LEFT, _RIGHT))
    term_info = tuple((by_rx[rx][0], tuple(by_rx[rx][1])) for rx in order)

    labels, label_alts, label_info, near, label_excl, party_alts, party_info = {}, [], [], {}, [], [], []
    raw_labels = data.get("labels") or {}
    if not isinstance(raw_labels, dict):
        raise ResourceError(f"{path}: 'labels' must map targets (e.g. hamas) to their labels")
    for target, spec in raw_labels.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("labels"), dict) or not spec["labels"]:
            raise ResourceError(f"{path}: labels.{target} needs a 'labels' mapping (label -> terms)")
        near_terms = spec.get("near")
        if near_terms is not None:
            _check_terms(near_terms, f"labels.{target}.near", str(path))
            near[target] = [term_regex(t, f"labels.{target}.near", str(path)) for t in near_terms]
            party_alts += near[target]
            party_info += [str(target)] * len(near_terms)
        else:
            near[target] = None
        exclude = _exclude_terms(spec, f"labels.{target}", str(path))
        label_excl += [(term_regex(t, f"labels.{target}.exclude", str(path)), str(target)) for t in exclude]
        labels[target] = {"description": str(spec.get("description", "")), "near": near_terms,
                          "exclude": exclude, "labels": spec["labels"]}
        for lab, terms in spec["labels"].items():
            for t in _check_terms(terms, f"labels.{target}.labels.{lab}", str(path)):
                label_alts.append(term_regex(t, f"labels.{target}.{lab}", str(path)))
                label_info.append((str(target), str(lab), term_name(t)))
    # Each target gets its own scan (a phrase may label two targets), so group alternatives by target.
    return Lexicon(str(path), categories, labels, regex, term_info,
                   _union(label_alts, "l"), tuple(label_info), near, _exclusions(excl),
                   _exclusions(label_excl), _union(party_alts, "p"), tuple(party_info))


def _exclude_terms(spec: dict, where: str, path: str) -> list:
    exclude = spec.get("exclude")
    return [] if exclude is None else _check_terms(exclude, f"{where}.exclude", path)


def _union(alts: list[str], prefix: str) -> re.Pattern:
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile(fast_union([(a, f"{prefix}{i}") for i, a in enumerate(alts)], _LEFT, _RIGHT))


def load_lexicon(lexicon: str | Path | Lexicon | None = None, profile=None) -> Lexicon:
    """The compiled lexicon: the shipped ``stance.yml`` or the user's file, with the party labels
    of ``profile`` (a conflict profile's name, file or object; None: the lexicon's own labels
    only); cached per file (and the files it ``extends``) and profile."""
    if isinstance(lexicon, Lexicon):
        return lexicon
    from ..profiles import load_profile

    path = resource_path(lexicon or DEFAULT_LEXICON)
    return _compile(str(path), load_extended(path, LEXICON_FILES).stamp,
                    load_profile(profile) if profile is not None else None)


# ---------------------------------------------------------------------------------------------
# Terms


def _sentence_index(corpus) -> dict:
    """article_id -> (list of sentence starts, list of sent_ids)."""
    return {aid: ([s for _sid, s, _e, _p in spans], [sid for sid, _s, _e, _p in spans])
            for aid, spans in corpus.sentence_index.items()}


def find_terms(text: str, lexicon=None) -> list[tuple[int, int, str, str, str]]:
    """(start, end, term, category, matched text) for each lexicon term in ``text``."""
    lex = load_lexicon(lexicon)
    out = []
    info = lex.term_info
    excluded = lex.excluded(text)
    for m in lex.regex.finditer(text):
        term, cats = info[group_key(m.lastgroup)]
        for c in cats:
            if not excluded(m.start(), m.end(), c):
                out.append((m.start(), m.end(), term, c, m.group()))
    return out


def stance_terms(corpus, lexicon=None, categories=None) -> pd.DataFrame:
    """One row per lexicon term found: article_id, sent_id, start, end (offsets into the article's
    cleaned text), term (the lexicon entry), category, text (as written).  A term listed in two
    categories gives two rows.  ``categories`` restricts the output (unknown names: ValueError).
    The ``stance_terms`` table of the extractor registry (read from an extract folder when the
    corpus comes from one)."""
    from .registry import run

    lex = load_lexicon(lexicon)
    wanted = _check_categories(lex, categories)
    terms = run(corpus, ["stance_terms"], {"lexicon": lexicon})["stance_terms"]
    if wanted is not None:
        terms = terms[terms["category"].isin(wanted)].reset_index(drop=True)
    return terms


def _check_categories(lex: Lexicon, categories) -> set | None:
    if categories is None:
        return None
    if isinstance(categories, str):
        categories = [categories]
    unknown = [c for c in categories if c not in lex.categories]
    if unknown:
        raise ValueError(f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {unknown} for lexicon "
                         f"{lex.path}; known: {', '.join(lex.categories)}")
    return set(categories)


def article_words(corpus) -> pd.Series:
    """Words per article (tokens with a letter or digit), indexed by article_id."""
    return corpus.word_counts


def _group_keys(articles: pd.DataFrame, by: str) -> pd.Series:
    if by == "article":
        return articles["article_id"].astype(str)
    if by in ("day", "week", "month", "year"):
        p = pd.to_datetime(articles["published"])
        fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
        if by == "week":
            keys = p.dt.to_period("W-SUN").dt.start_time.dt.strftime("%Y-%m-%d")
        else:
            keys = p.dt.strftime(fmt[by])
        return keys.fillna("undated")
    if by in articles.columns and by not in ("text",):
        return articles[by].astype(str).fillna("unknown")
    raise ValueError(f"by={by!r}: expected one of {', '.join(RATE_BY)} or a column of the articles table")


def stance_rates(corpus, terms: pd.DataFrame | None = None, by: str = "article", lexicon=None,
                 categories=None) -> pd.DataFrame:
    """Occurrences per 1,000 words of each category, per ``by`` group (``article``, ``outlet``,
    ``day``, ``week``, ``month``, ``year`` or any column of the articles table).

    Returns one row per (group, category), zeros included: ``<by>``, category, count, words,
    articles, rate_per_1000."""
    lex = load_lexicon(lexicon)
    wanted = _check_categories(lex, categories)
    if terms is None:
        terms = stance_terms(corpus, lex)
    cats = [c for c in lex.categories if wanted is None or c in wanted]
    extra = sorted(set(terms["category"]) - set(lex.categories)) if len(terms) else []
    if extra and wanted is None:
        cats += extra  # terms from another lexicon: keep them rather than drop them silently
    a = corpus.articles
    key = _group_keys(a, by)
    words = article_words(corpus)
    art = pd.DataFrame({"article_id": a["article_id"].values, by: key.values,
                        "words": words.reindex(a["article_id"]).values})
    totals = art.groupby(by, sort=True).agg(words=("words", "sum"), articles=("article_id", "size"))
    t = terms.merge(art[["article_id", by]], on="article_id", how="inner")
    if wanted is not None:
        t = t[t["category"].isin(wanted)]
    counts = t.groupby([by, "category"]).size()
    grid = pd.MultiIndex.from_product([totals.index, cats], names=[by, "category"])
    out = counts.reindex(grid, fill_value=0).rename("count").reset_index()
    out = out.merge(totals.reset_index(), on=by)
    out["rate_per_1000"] = (out["count"] * 1000 / out["words"].where(out["words"] > 0)).fillna(0.0)
    return out[[by, "category", "count", "words", "articles", "rate_per_1000"]]


# ---------------------------------------------------------------------------------------------
# Labels for the parties


# A label of a target with ``near`` terms (its party's names) counts only when that party is the
# nearest one named around it in the sentence: a name within AGENT_WINDOW words before the label
# (its subject or possessor: "Israel's assault", "Israel has launched a ground invasion"), or one
# attached right after it ("the Palestinian group Hamas", "terrorists from Hamas", "strikes by
# Israel"); an attached name wins over one before.  A label once attributed is itself a mention of
# its party for the labels after it ("the terrorists' assault": the terrorists are Hamas, so the
# assault is theirs).
AGENT_WINDOW = 20
_ATTACHED = re.compile(r"[\s\"'“”‘’]*(?:(?:by|from)\s+(?:the\s+)?)?", re.I)


class _Parties:
    """The parties named in one sentence (start, end, target), with the sorted offsets and the
    cumulative word counts that let :meth:`owner` look only at the names near a label: a long
    sentence full of names costs each label a few steps, not a walk over every name."""

    def __init__(self, text: str, mentions: list) -> None:
        from ..corpus.segment import WORD_RE

        self.text = text
        self.items: list[tuple] = []      # (start, end, target, order)
        self.by_start: list[tuple] = []   # (start, order)
        self.by_end: list[tuple] = []     # (end, order)
        self.longest = 0
        tokens = list(WORD_RE.finditer(text))
        self.t_starts = [t.start() for t in tokens]
        self.t_ends = [t.end() for t in tokens]
        self.t_words = [0]                # alphanumeric tokens among the first k tokens
        for t in tokens:
            self.t_words.append(self.t_words[-1] + t.group()[0].isalnum())
        for ms, me, party in mentions:
            self.add(ms, me, party)

    def add(self, start: int, end: int, party: str) -> None:
        """Name ``party`` at [start, end) (a later name comes later in the tie order)."""
        order = len(self.items)
        self.items.append((start, end, party, order))
        insort(self.by_start, (start, order))
        insort(self.by_end, (end, order))
        self.longest = max(self.longest, end - start)

    def words(self, a: int, b: int) -> int:
        """``count_words(text[a:b])``, from the sentence's tokens: the tokens inside, plus the
        pieces of the tokens cut at ``a`` and ``b`` counted as they are."""
        i = bisect_left(self.t_starts, a)
        j = bisect_right(self.t_ends, b)
        if j <= i:
            return count_words(self.text[a:b])
        left = count_words(self.text[a:self.t_starts[i]]) if self.t_starts[i] > a else 0
        right = count_words(self.text[self.t_ends[j - 1]:b]) if self.t_ends[j - 1] < b else 0
        return left + self.t_words[j] - self.t_words[i] + right

    def owner(self, start: int, end: int, own: str) -> str | None:
        """The party (target) that plausibly does or owns the label at [start, end): one named
        inside it ("Hamas-run"), one attached right after it ("the group Hamas"), else the nearest
        one named at most ``AGENT_WINDOW`` words before it; ``own`` wins a tie."""
        text, items = self.text, self.items
        found = []   # (distance, order, party)
        k = bisect_left(self.by_start, (end, -1))
        while k > 0 and self.by_start[k - 1][0] >= start - self.longest:   # named inside
            k -= 1
            ms, me, party, order = items[self.by_start[k][1]]
            if me > start:
                found.append((-1, order, party))
        reach = _ATTACHED.match(text, end).end()                            # attached after
        k = bisect_left(self.by_start, (end, -1))
        while k < len(self.by_start) and self.by_start[k][0] <= reach:
            ms, me, party, order = items[self.by_start[k][1]]
            if _ATTACHED.fullmatch(text, end, ms):
                found.append((-1 if party == own else 0, order, party))
            k += 1
        # before it: the nearest first; a name farther back is no nearer (+1: a cut token), so
        # the walk stops past the window or past the nearest name found so far
        limit = min([AGENT_WINDOW] + [d for d, _o, _p in found])
        k = bisect_right(self.by_end, (start, len(items)))
        while k > 0:
            k -= 1
            ms, me, party, order = items[self.by_end[k][1]]
            dist = self.words(me, start)
            if dist > limit + 1:
                break
            if dist <= limit:
                found.append((dist, order, party))
                limit = dist
        if not found:
            return None
        best = min(d for d, _o, _p in found)
        tied = sorted((o, p) for d, o, p in found if d == best)
        return own if any(p == own for _o, p in tied) else tied[0][1]


def party_labels(corpus, lexicon=None, targets=None, profile=None) -> pd.DataFrame:
    """How each article names the parties of its war: one row per label occurrence, with its
    evidence: article_id, target (the profile's: ``hamas``, ``military_action``, ``rsf``...),
    label (``terrorists``, ``militants``, ``paramilitary``...), term, sent_id, start, end, text (as
    written), sentence.

    The targets and their words come from each article's conflict profile (``profile`` forces
    one; ``profiles.choose``), plus any ``labels`` of the lexicon.  A target with ``near`` terms
    (its party's names) counts a label only when that party is the nearest party named around it
    in the sentence (see ``AGENT_WINDOW``): "Israel's assault" is Israel's military action, "the
    Palestinian group Hamas assault" is not.  A label inside one of the target's ``exclude``
    phrases ("war crimes") does not count.  The ``party_labels`` table of the registry;
    ``targets`` keeps only some (an unknown one is a ValueError naming those the profiles know)."""
    from ..profiles.choose import profile_of
    from .registry import run

    labels = run(corpus, ["party_labels"], {"lexicon": lexicon}, profile=profile)["party_labels"]
    if targets is None:
        return labels
    targets = [targets] if isinstance(targets, str) else list(targets)
    profiles = {p.name: p for p in profile_of(corpus, profile).values()}
    known = sorted({t for p in profiles.values() for t in load_lexicon(lexicon, p).labels})
    unknown = [t for t in targets if t not in known]
    if unknown:
        raise ValueError(f"unknown label target(s) {unknown}; the profiles in use know: {', '.join(known) or 'none'}")
    return labels[labels["target"].isin(targets)].reset_index(drop=True)


def _label_rows(lex: Lexicon, sentences, targets, emit) -> None:
    """The label occurrences of ``lex`` in ``sentences`` ((article_id, sent_id, start, text))."""
    info, party_info = lex.label_info, lex.party_info
    for aid, sid, s0, text in sentences:
        found = list(lex.label_regex.finditer(text))
        if not found:
            continue
        excluded = _excluder(lex.label_exclude, text)
        parties = _Parties(text, [(m.start(), m.end(), party_info[group_key(m.lastgroup)])
                                  for m in lex.party_regex.finditer(text)])
        for m in found:
            target, label, term = info[group_key(m.lastgroup)]
            if excluded(m.start(), m.end(), target):
                continue
            if lex.near.get(target) is not None:
                owner = parties.owner(m.start(), m.end(), target)
                if owner is not None:
                    parties.add(m.start(), m.end(), owner)
                if owner != target:
                    continue
            if targets is None or target in targets:
                emit((aid, sid, s0 + m.start(), s0 + m.end(), target, label, term, m.group(), text))


def label_summary(labels: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, target): the labels used with their counts, most used first, e.g.
    ``militants (3); terrorists (1)``, and the first evidence sentence."""
    cols = ["article_id", "target", "labels", "n", "first_evidence"]
    if labels.empty:
        return pd.DataFrame(columns=cols)
    # counts per (article, target, label), most used first, ties by label; then one row per pair
    counts = (labels.groupby(["article_id", "target", "label"]).size().rename("n").reset_index()
              .sort_values(["article_id", "target", "n", "label"], ascending=[True, True, False, True]))
    counts["text"] = counts["label"] + " (" + counts["n"].astype(str) + ")"
    pairs = counts.groupby(["article_id", "target"], sort=True).agg(labels=("text", "; ".join), n=("n", "sum"))
    first = (labels.sort_values(["article_id", "target", "start"]).drop_duplicates(["article_id", "target"])
             .set_index(["article_id", "target"])["sentence"].rename("first_evidence"))
    rows = pairs.join(first).reset_index()
    return rows[cols]


# ---------------------------------------------------------------------------------------------
# Emotive language by victim side


def emotive_by_side(mentions: pd.DataFrame) -> pd.DataFrame:
    """Which side's deaths are described with emotive terms (``emotive_terms`` of
    :func:`conflictnews.extractors.deaths.death_mentions`): one row per (victim_side, term) with count
    (mentions of that side using it), mentions (all mentions of that side) and share."""
    cols = ["victim_side", "term", "count", "mentions", "share"]
    if mentions is None or mentions.empty:
        return pd.DataFrame(columns=cols)
    total = mentions.groupby("victim_side").size()
    rows = []
    for side, terms in zip(mentions["victim_side"], mentions["emotive_terms"].fillna("")):
        for t in sorted({t.strip() for t in str(terms).split(";") if t.strip()}):
            rows.append((side, t))
    if not rows:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(rows, columns=["victim_side", "term"])
    out = df.groupby(["victim_side", "term"]).size().rename("count").reset_index()
    out["mentions"] = out["victim_side"].map(total).astype(int)
    out["share"] = out["count"] / out["mentions"]
    return out.sort_values(["victim_side", "count", "term"], ascending=[True, False, True],
                           ignore_index=True)[cols]


# ------------------------------------------------------------------------------------------------
# The tables

LEXICON = Resource("lexicon", DEFAULT_LEXICON, "stance categories and their terms, party labels and the "
                                               "parties' names")


def _terms_of(article, ctx) -> list[dict]:
    """The stance terms of one article (the extractor's function; see ``base.py``)."""
    starts = [s.start for s in article.sentences]
    rows = []
    for s, e, term, category, text in find_terms(article.text, ctx.option("lexicon")):
        k = bisect_right(starts, s) - 1
        rows.append({"article_id": article.article_id, "sent_id": article.sentences[k].sent_id if k >= 0 else -1,
                     "start": s, "end": e, "term": term, "category": category, "text": text})
    return rows


_LABEL_ROW = ("article_id", "sent_id", "start", "end", "target", "label", "term", "text", "sentence")


def _labels_of(article, ctx) -> list[dict]:
    """The party labels of one article, with the targets of its conflict profile."""
    lex = load_lexicon(ctx.option("lexicon"), article.profile)
    rows: list[tuple] = []
    _label_rows(lex, ((article.article_id, s.sent_id, s.start, s.text) for s in article.sentences), None,
                rows.append)
    return [dict(zip(_LABEL_ROW, r)) for r in rows]


EXTRACTORS = (
    Extractor(
        name="stance_terms",
        unit="stance-lexicon term",
        columns={
            "article_id": "the article",
            "sent_id": "the sentence",
            "start": "offset of the term in the cleaned text",
            "end": "offset just after it",
            "term": "the lexicon entry",
            "category": "its stance category (a term in two categories gives two rows)",
            "text": "the term as written",
        },
        extract=_terms_of,
        resources=(LEXICON,),
        dtypes={"sent_id": "int64", "start": "int64", "end": "int64"},
    ),
    Extractor(
        name="party_labels",
        unit="label for a party",
        columns={
            "article_id": "the article",
            "target": "the party labelled, from the article's conflict profile (`hamas`, `military_action`, "
                      "`rsf`...)",
            "label": "the label (`terrorists`, `militants`...)",
            "term": "the lexicon entry",
            "sent_id": "the sentence",
            "start": "offset of the label in the cleaned text",
            "end": "offset just after it",
            "text": "the label as written",
            "sentence": "the sentence; a label counts only where its party is the nearest party named around "
                        "it (its subject or possessor within 20 words before, or attached after: \"the group "
                        "Hamas\", \"strikes by Israel\"), so \"the Hamas assault\" is not Israel's",
        },
        extract=_labels_of,
        resources=(LEXICON,),
        dtypes={"sent_id": "int64", "start": "int64", "end": "int64"},
    ),
)
