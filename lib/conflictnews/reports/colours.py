"""One colour per thing, the same in every report, safe for colour-blind readers.

A *kind* of thing has its own palette (``resources/colours.yml``):

* ``party``: sides, parties, nationalities, affiliations and the actors coloured by them.  The
  Okabe-Ito palette (distinguishable under the common colour-vision deficiencies).  ``Israel``,
  ``Israeli`` and ``israeli`` are one party once an alias table (``party_aliases``, built from the
  gazetteer's demonyms) maps the affiliation to its demonym.
* every other kind (``voice``, ``category``, ``source``, ``outlet``, ``group``...): Paul Tol's
  "muted" palette, whose hues are not the party hues, so that no voice or stance category reads
  as a side.

Generic keys have fixed colours in every kind: ``unknown``/``none`` mid grey, ``other`` light
grey, ``both`` black (``fixed`` in the YAML).  Every other key takes the palette slot its name
hashes to (SHA-1, not Python's salted ``hash``): the same key gets the same colour in every
report and every run, for any war, with no list of known parties in the code.  Two keys of one
chart that hash to the same slot are told apart by the next free slot, taken in a fixed order,
so a chart never shows two keys in one colour while its palette has room.

A conflict profile (or a user) can name colours for its parties: every function takes
``overrides``, a mapping key -> colour, which wins over the rest.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from ..resources import load_yaml

PARTY = "party"


def _config(resource=None) -> dict:
    return load_yaml(resource or "colours.yml", required=("palettes", "fixed"))


def normalise(key, aliases: Mapping[str, str] | None = None) -> str:
    """The key as colours are looked up: lower case, single spaces, then its alias, if any."""
    text = " ".join(str(key).split()).lower()
    if aliases:
        text = {str(k).lower(): str(v).lower() for k, v in aliases.items()}.get(text, text)
    return text


def palette(kind: str = PARTY, resource=None) -> list[str]:
    """The colours a kind of thing is drawn in (its own palette, else the ``default`` one)."""
    palettes = _config(resource)["palettes"]
    return list(palettes.get(kind) or palettes["default"])


def _slot(key: str, size: int) -> int:
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:8], "big") % size


def colour_map(keys: Iterable, kind: str = PARTY, *, overrides: Mapping[str, str] | None = None,
               aliases: Mapping[str, str] | None = None, resource=None) -> dict:
    """A colour for each key of one chart: ``{key as given: "#RRGGBB"}``.

    Order of precedence: ``overrides`` (a profile's party colours), the ``fixed`` generic keys,
    then the key's hashed palette slot; a slot taken by another key of the chart passes to the
    next free one (keys are served in the order of their hash, so the outcome does not depend on
    the order the keys are given in).  When there are more keys than colours, the palette repeats."""
    keys = list(dict.fromkeys(keys))
    config = _config(resource)
    fixed = {normalise(k): v for k, v in (config["fixed"] or {}).items()}
    chosen = {normalise(k, aliases): v for k, v in (overrides or {}).items()}
    colours = palette(kind, resource)
    out: dict = {}
    free = []
    for key in keys:
        name = normalise(key, aliases)
        if name in chosen:
            out[key] = chosen[name]
        elif name in fixed:
            out[key] = fixed[name]
        else:
            free.append((name, key))
    taken = {c.lower() for c in out.values()}
    slots: dict[str, str] = {}
    for name, key in sorted(free, key=lambda nk: (hashlib.sha1(nk[0].encode("utf-8")).digest(), nk[0])):
        if name not in slots:
            start = _slot(name, len(colours))
            order = [colours[(start + i) % len(colours)] for i in range(len(colours))]
            slots[name] = next((c for c in order if c.lower() not in taken), order[0])
            taken.add(slots[name].lower())
        out[key] = slots[name]
    return out


def colour_for(key, kind: str = PARTY, *, overrides: Mapping[str, str] | None = None,
               aliases: Mapping[str, str] | None = None, resource=None) -> str:
    """The colour of one key on its own (its hashed slot, or its fixed or chosen colour)."""
    return colour_map([key], kind, overrides=overrides, aliases=aliases, resource=resource)[key]


def party_aliases(gazetteer=None) -> dict[str, str]:
    """affiliation -> demonym id, from the gazetteer's demonyms (``Israel`` -> ``israeli``, ``US``
    -> ``american``), so an actor's affiliation and a victim side share one colour."""
    from ..extractors.actors import load_gazetteer

    gz = gazetteer if hasattr(gazetteer, "actors") else load_gazetteer(gazetteer)
    out: dict[str, str] = {}
    for actor in gz.actors.values():
        if actor.kind == "demonym" and actor.id.startswith("demonym:"):
            out.setdefault(actor.affiliation.lower(), actor.id.split(":", 1)[1].lower())
    return out
