"""Which war an article is about: the conflict profile chosen per article, and the choice shown.

An article gets the shipped profile whose places, party names, leaders and official sources it
names most often (each occurrence is one piece of ``evidence``), provided it names at least the
profile's ``detection.min_evidence`` of them, and more than it names any one country (or its
people) that is on none of the profile's sides (US strikes in Yemen that mention Gaza are not the
Gaza war).  A short text (at most ``detection.short_words`` words: a headline, a lede, a sentence)
needs one piece of evidence, and more than all such countries together; in it the people of two
of a profile's sides named together ("Russian authorities said a Ukrainian missile") are evidence
too.  Otherwise ``generic`` (no party: sides only from written nationalities).  A corpus may mix
wars: the choice is per article.  ``profile=`` forces one profile (a name or a file) for every
article.

    choices = article_profiles(corpus)            # article_id, profile, profile_evidence, profile_choice
    choose("RSF shelling in El Fasher killed ...")  -> Choice("sudan", 2, "weak")
    summary(choices)                              # profiles used, for how many articles, how firmly

``profile_choice`` says how firm the choice is: ``strong`` (at least ``strong_evidence`` and
twice the runner-up's), ``weak`` (fewer, or a close runner-up: read the article), ``none`` (too
little evidence for any profile: ``generic``), or ``forced`` (the user's ``profile=``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from . import GENERIC, Profile, load_profile, shipped_profiles

CHOICE_COLUMNS = ["article_id", "profile", "profile_evidence", "profile_choice"]


@dataclass(frozen=True)
class Choice:
    profile: str
    evidence: int
    choice: str        # strong / weak / none / forced
    runner_up: str | None = None


@dataclass(frozen=True, eq=False)
class Detector:
    """The candidate profiles' detection terms in one regex (group ``d<i>`` -> profile index),
    and the countries and demonyms of ``resources/nationalities.yml`` in another (group ``n<i>``
    -> nationality): another country named more often than a profile's own places and parties
    means the article is about something else (US strikes in Yemen that mention Gaza)."""
    profiles: tuple
    regex: re.Pattern
    owner: dict
    nations: re.Pattern | None = None
    nation_of: dict | None = None


def _detection_terms(profile: Profile) -> list[str]:
    out = list(profile.places)
    for party in profile.parties.values():
        out += list(party.names) + list(party.leaders) + list(party.sources)
    return out


@lru_cache(maxsize=8)
def _detector(profiles: tuple) -> Detector:
    from ..extractors.matchers import fast_union, group_key

    alts, owner = [], []
    for i, p in enumerate(profiles):
        for term in dict.fromkeys(_detection_terms(p)):
            alts.append((term, f"d{len(owner)}"))
            owner.append(i)
    rx = re.compile(fast_union(alts) if alts else r"(?!x)x")
    nalts, nation = [], []
    for side, words in _nationality_words().items():
        for term in words:
            nalts.append((term, f"n{len(nation)}"))
            nation.append(side)
    nrx = re.compile(fast_union(nalts)) if nalts else None
    return Detector(profiles, rx, {g: owner[group_key(g)] for g in rx.groupindex},
                    nrx, {g: nation[group_key(g)] for g in nrx.groupindex} if nrx is not None else None)


def _nationality_words() -> dict[str, list[str]]:
    """nationality -> its countries, adjectives and plurals, as terms."""
    from ..resources import load_yaml
    from . import terms

    table = load_yaml("nationalities.yml").get("nationalities") or {}
    return {str(side): [t for key in ("countries", "adjective", "plural")
                        for t in terms((spec or {}).get(key), f"nationalities.{side}.{key}", "nationalities.yml")]
            for side, spec in table.items()}


def _foreign(profile: Profile, nations: dict[str, int], short: bool = False) -> int:
    """The most mentions of one country (or its people) that is not on a side of ``profile``;
    in a ``short`` text, the mentions of all of them together."""
    counts = [n for side, n in nations.items() if side not in profile.sides] or [0]
    return sum(counts) if short else max(counts)


def candidates() -> tuple[Profile, ...]:
    """The shipped profiles an article can be given (all but ``generic``)."""
    return tuple(load_profile(n) for n in shipped_profiles() if n != GENERIC)


def evidence(text: str, detector: Detector | None = None) -> dict[str, int]:
    """profile name -> how many times ``text`` names its places, parties, leaders or sources."""
    det = detector or _detector(candidates())
    counts = [0] * len(det.profiles)
    if isinstance(text, str):
        for m in det.regex.finditer(text):
            counts[det.owner[m.lastgroup]] += 1
    return {p.name: n for p, n in zip(det.profiles, counts)}


def nation_counts(text: str, detector: Detector) -> dict[str, int]:
    """nationality -> how many times ``text`` names the country or its people."""
    counts: dict[str, int] = {}
    if detector.nations is not None and isinstance(text, str):
        for m in detector.nations.finditer(text):
            side = detector.nation_of[m.lastgroup]
            counts[side] = counts.get(side, 0) + 1
    return counts


def is_short(profile: Profile, text: str) -> bool:
    """``text`` has at most ``detection.short_words`` words (a headline, a lede, a sentence)."""
    limit = profile.short_words
    return len(text) <= 20 * limit and len(text.split()) <= limit


def needed(profile: Profile, text: str) -> int:
    """The evidence ``text`` needs to get ``profile``: ``detection.min_evidence``, or one for a
    short text (:func:`is_short`): a sentence that names Gaza once is as much about Gaza as an
    article that names it twice."""
    return min(1, profile.min_evidence) if is_short(profile, text) else profile.min_evidence


def choose(text: str, profile=None, detector: Detector | None = None) -> Choice:
    """The profile of one article (see the module doc); ``profile`` forces one."""
    if profile not in (None, ""):
        forced = load_profile(profile)
        n = evidence(text, _detector((forced,)))[forced.name] if not forced.is_generic else 0
        return Choice(forced.name, n, "forced")
    det = detector or _detector(candidates())
    found = evidence(text, det)
    if not found:
        return Choice(GENERIC, 0, "none")
    nations = nation_counts(text, det)
    for p in det.profiles:
        # in a short text, the people of two of its sides named together ("Russian authorities
        # said a Ukrainian missile ..."): one piece of evidence for each (an article on the Red
        # Sea may name Israelis and Palestinians in passing)
        named = [side for side in p.sides if nations.get(side)]
        if len(named) >= 2 and is_short(p, text):
            found[p.name] += len(named)
    by_name = {p.name: p for p in det.profiles}
    ranked = sorted(found, key=lambda n: (-found[n], n))
    best, n = ranked[0], found[ranked[0]]
    second = ranked[1] if len(ranked) > 1 and found[ranked[1]] > 0 else None
    # a short text that names more other countries (or their people) than names of the war is
    # about something else ("Houthi rebels from Yemen killed two sailors ..., since the Oct. 7
    # Hamas attack on Israel", named by American and British officials)
    short = is_short(by_name[best], text)
    if n < needed(by_name[best], text) or n <= _foreign(by_name[best], nations, short):
        return Choice(GENERIC, n, "none", best if n else None)
    close = second is not None and 2 * found[second] > n
    firm = n >= by_name[best].strong_evidence and not close
    return Choice(best, n, "strong" if firm else "weak", second)


def article_profiles(corpus, profile=None) -> pd.DataFrame:
    """One row per article: article_id, profile, profile_evidence, profile_choice (computed once
    per corpus and ``profile``; read from the articles table of the extract folder the corpus
    comes from when that chose them the same way, i.e. no profile forced on either)."""
    key = str(getattr(load_profile(profile), "path", "")) if profile not in (None, "") else ""
    cache = corpus.__dict__.setdefault("_profiles", {})
    extract = getattr(corpus, "settings", {}).get("extract")
    if not key and key not in cache and extract and not extract[1].get("profile") \
            and set(CHOICE_COLUMNS) <= set(corpus.articles.columns):
        cache[key] = corpus.articles[CHOICE_COLUMNS].reset_index(drop=True)
    if key not in cache:
        det = None if key else _detector(candidates())
        rows = []
        for aid, text in zip(corpus.articles["article_id"].tolist(), corpus.require_text()["text"].tolist()):
            c = choose(text, profile, det)
            rows.append((aid, c.profile, c.evidence, c.choice))
        cache[key] = pd.DataFrame(rows, columns=CHOICE_COLUMNS)
    return cache[key]


def profile_of(corpus, profile=None) -> dict:
    """article_id -> the loaded profile for that article."""
    choices = article_profiles(corpus, profile)
    if profile not in (None, ""):
        p = load_profile(profile)
        return {aid: p for aid in choices["article_id"]}
    loaded = {}
    return {aid: loaded.setdefault(name, load_profile(name))
            for aid, name in zip(choices["article_id"], choices["profile"])}


def with_profiles(corpus, profile=None) -> pd.DataFrame:
    """The articles table with the profile columns (``articles.csv``)."""
    choices = article_profiles(corpus, profile).drop(columns="article_id")
    a = corpus.articles.reset_index(drop=True)
    return pd.concat([a.drop(columns=[c for c in choices.columns if c in a.columns]), choices], axis=1)


def summary(choices: pd.DataFrame) -> pd.DataFrame:
    """Per profile: articles, how many by each kind of choice, the median evidence.  ``choices``
    has a row per article, or a ``count`` column saying how many articles a row stands for (a
    tally kept while a large corpus streams by)."""
    cols = ["profile", "articles", "strong", "weak", "none", "forced", "median_evidence"]
    if choices.empty:
        return pd.DataFrame(columns=cols)
    c = choices.assign(count=choices["count"] if "count" in choices else 1)
    rows = []
    for name, g in c.groupby("profile"):
        row = {"profile": name, "articles": int(g["count"].sum())}
        for kind in ("strong", "weak", "none", "forced"):
            row[kind] = int(g.loc[g["profile_choice"] == kind, "count"].sum())
        row["median_evidence"] = _weighted_median(g["profile_evidence"], g["count"])
        rows.append(row)
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["articles", "profile"], ascending=[False, True]).reset_index(drop=True)


def _weighted_median(values: pd.Series, weights: pd.Series) -> float:
    order = values.argsort(kind="stable")
    v, w = values.iloc[order].to_numpy(dtype=float), weights.iloc[order].to_numpy(dtype=float)
    cum = w.cumsum()
    half = cum[-1] / 2
    i = int((cum >= half).argmax())
    return float((v[i] + v[i + 1]) / 2) if cum[i] == half and i + 1 < len(v) else float(v[i])
