"""Which war an article is about: the conflict profile chosen per article, and the choice shown.

An article gets the shipped profile whose places, party names, leaders and official sources it
names most often (each occurrence is one piece of ``evidence``), provided it names at least the
profile's ``detection.min_evidence`` of them; otherwise ``generic`` (no party: sides only from
written nationalities).  A corpus may mix wars: the choice is per article.  ``profile=`` forces
one profile (a name or a file) for every article.

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
    """The candidate profiles' detection terms in one regex (group ``d<i>`` -> profile index)."""
    profiles: tuple
    regex: re.Pattern
    owner: dict


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
    return Detector(profiles, rx, {g: owner[group_key(g)] for g in rx.groupindex})


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
    by_name = {p.name: p for p in det.profiles}
    ranked = sorted(found, key=lambda n: (-found[n], n))
    best, n = ranked[0], found[ranked[0]]
    second = ranked[1] if len(ranked) > 1 and found[ranked[1]] > 0 else None
    if n < by_name[best].min_evidence:
        return Choice(GENERIC, n, "none", best if n else None)
    close = second is not None and 2 * found[second] > n
    firm = n >= by_name[best].strong_evidence and not close
    return Choice(best, n, "strong" if firm else "weak", second)


def article_profiles(corpus, profile=None) -> pd.DataFrame:
    """One row per article: article_id, profile, profile_evidence, profile_choice (computed once
    per corpus and ``profile``)."""
    key = str(getattr(load_profile(profile), "path", "")) if profile not in (None, "") else ""
    cache = corpus.__dict__.setdefault("_profiles", {})
    if key not in cache:
        det = None if key else _detector(candidates())
        rows = []
        for aid, text in zip(corpus.articles["article_id"].tolist(), corpus.articles["text"].tolist()):
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
    """Per profile: articles, how many by each kind of choice, the median evidence."""
    cols = ["profile", "articles", "strong", "weak", "none", "forced", "median_evidence"]
    if choices.empty:
        return pd.DataFrame(columns=cols)
    g = choices.groupby("profile")
    out = g.size().rename("articles").to_frame()
    for kind in ("strong", "weak", "none", "forced"):
        out[kind] = g["profile_choice"].apply(lambda s, k=kind: int((s == k).sum()))
    out["median_evidence"] = g["profile_evidence"].median()
    return out.reset_index().sort_values(["articles", "profile"], ascending=[False, True])[cols].reset_index(drop=True)
