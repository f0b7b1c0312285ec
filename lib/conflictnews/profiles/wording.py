"""The words a report uses, taken from the conflict profiles of its articles.

A report on Sudan must speak of the RSF and the army, not of "Hamas-run" sources or the Gaza
tally.  The notebooks call these functions instead of writing any war into their text:

    w = report_wording(corpus, profile)      # the profiles in use and their words
    profile_lines(corpus, profile)           # what the report says first: profiles used, warnings
    w.sides                                  # side order for tables and charts
    w.hedge_examples                         # '"Hamas-run"' for israel-gaza; a general form otherwise
    w.reference_side, w.tally_description    # the reference tally of the main profile, if any
    w.label_targets                          # {"rsf": "Rapid Support Forces", ...}
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import GENERIC, Profile, load_profile
from .choose import article_profiles, summary
from .sides import side_order

# Above this share of the articles with no profile or a weak one, the report warns first.
WARN_SHARE = 0.25
GENERAL_HEDGES = ['"<party>-run"', '"<party>-controlled"', '"claimed"']


@dataclass
class Wording:
    """The profiles a report's articles use (most articles first) and the words that follow."""
    profiles: list = field(default_factory=list)       # Profile objects, most used first
    counts: dict = field(default_factory=dict)         # profile name -> articles
    choices: pd.DataFrame | None = None

    @property
    def main(self) -> Profile:
        """The profile most articles use (``generic`` when none)."""
        return self.profiles[0] if self.profiles else load_profile(GENERIC)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.profiles]

    @property
    def conflict(self) -> str:
        """How the report names the war: the profile's words, or a neutral phrase for a mix."""
        named = [p for p in self.profiles if not p.is_generic]
        if len(named) == 1:
            return named[0].words("conflict", named[0].title)
        return "the wars these articles cover" if named else "the conflict"

    @property
    def sides(self) -> list[str]:
        """The sides of the profiles in use, in their order (then both, none, unknown)."""
        return side_order(self.profiles) or []

    def side_order(self, present) -> list[str]:
        """The sides ``present`` in some data, in the report's order."""
        return side_order(self.profiles, present)

    @property
    def hedge_examples(self) -> list[str]:
        """Source hedges to name as examples: the profiles' own ("Hamas-run"), else general forms."""
        out = [h for p in self.profiles for h in (p.words("hedges") or [])]
        return list(dict.fromkeys(out)) + ['"claimed"'] if out else GENERAL_HEDGES

    @property
    def reference_side(self) -> str | None:
        """Whose deaths the main profile's reference tally counts (None: it has none)."""
        for p in self.profiles:
            side = p.tally.get("reference_side")
            if side:
                return side
        return None

    @property
    def tally_description(self) -> str | None:
        for p in self.profiles:
            if p.tally.get("reference_side") and p.tally.get("description"):
                return str(p.tally["description"])
        return None

    @property
    def tally_suggestion(self) -> str | None:
        for p in self.profiles:
            if p.tally.get("suggestion"):
                return " ".join(str(p.tally["suggestion"]).split())
        return None

    @property
    def label_targets(self) -> dict[str, str]:
        """target -> the party it names, over the profiles in use."""
        out = {}
        for p in self.profiles:
            for target, spec in p.label_targets().items():
                out.setdefault(target, p.parties[spec["party"]].name)
        return out

    def note(self, key: str) -> str | None:
        """A profile's own note for the report (``wording.<key>``), e.g. a study to compare with."""
        for p in self.profiles:
            value = p.words(key)
            if value:
                return " ".join(str(value).split())
        return None

    def side_label(self, side: str) -> str:
        for p in self.profiles:
            if side in p.sides:
                return p.side_label(side)
        return side.replace("_", " ").capitalize()


def report_wording(corpus, profile=None) -> Wording:
    """The profiles ``corpus``'s articles use (``profile`` forces one) and their words."""
    choices = article_profiles(corpus, profile)
    counts = choices["profile"].value_counts()
    if profile not in (None, ""):
        forced = load_profile(profile)
        return Wording([forced], {forced.name: int(len(choices))}, choices)
    ordered = sorted(counts.index, key=lambda n: (-counts[n], n))
    return Wording([load_profile(n) for n in ordered], {n: int(counts[n]) for n in ordered}, choices)


def profile_lines(corpus, profile=None) -> list[str]:
    """What a report says first about its profiles: which were used for how many articles, and
    a warning when many articles match no profile or only weakly."""
    return choice_lines(article_profiles(corpus, profile))


def choice_lines(choices: pd.DataFrame) -> list[str]:
    """:func:`profile_lines` from the profile columns of an articles table (or a tally of them
    with a ``count`` column)."""
    weight = choices["count"] if "count" in choices else pd.Series(1, index=choices.index)
    n = int(weight.sum())
    table = summary(choices)
    parts = []
    for r in table.itertuples():
        how = "forced" if r.forced else ", ".join(f"{getattr(r, k):,} {k}" for k in ("strong", "weak") if getattr(r, k))
        label = f"{r.profile} for {r.articles:,} article{'s' if r.articles != 1 else ''}"
        parts.append(label + (f" ({how})" if how else " (no profile matched)" if r.profile == GENERIC else ""))
    lines = ["Conflict profiles: " + ("; ".join(parts) if parts else "no article") + "."]
    none = int(weight[choices["profile_choice"] == "none"].sum())
    weak = int(weight[choices["profile_choice"] == "weak"].sum())
    if n and (none + weak) / n >= WARN_SHARE:
        lines.insert(0, f"WARNING: {none:,} of {n:,} articles match no conflict profile and {weak:,} only weakly: their "
                        "victim sides come only from nationalities the sentences write (generic), or from a "
                        "profile chosen on little evidence. Read profile and profile_evidence in the articles "
                        "table, and pass profile=NAME (or your own profile file) if they are all about one war.")
    return lines
