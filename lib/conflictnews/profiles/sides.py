"""The side vocabulary: the sides of the profiles and the nationalities as written.

    known_sides()                    # every side a claim or a death mention can have
    side_order(["israel-gaza"])      # ["palestinian", "israeli", "lebanese", ...]: report order
"""
from __future__ import annotations

from ..resources import load_yaml
from . import load_profile, shipped_profiles

SPECIAL = ("both", "none", "unknown")


def nationalities() -> list[str]:
    """The nationality sides of ``resources/nationalities.yml``."""
    return [str(s) for s in load_yaml("nationalities.yml").get("nationalities") or {}]


def known_sides(profiles=None) -> list[str]:
    """The sides of ``profiles`` (default: every shipped one), then every nationality."""
    names = shipped_profiles() if profiles is None else list(profiles)
    out: list[str] = []
    for name in names:
        out += [s for s in load_profile(name).sides if s not in out]
    return out + [s for s in nationalities() if s not in out]


def side_order(profiles, present=()) -> list[str]:
    """The order a report lists sides in: the profiles' sides (as each profile lists them), then
    other sides ``present`` in the data (nationalities as written, sorted), then both, none,
    unknown when present.  ``profiles``: names, files or loaded profiles."""
    out: list[str] = []
    for name in profiles:
        out += [s for s in load_profile(name).sides if s not in out]
    present = [str(p) for p in present]
    out = [s for s in out if not present or s in present]
    out += sorted(s for s in set(present) - set(out) - set(SPECIAL))
    out += [s for s in SPECIAL if s in present]
    return out
