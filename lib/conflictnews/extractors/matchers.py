"""Fast unions of many regular expressions, laid out as prefix trees (tries).

Python's regex engine tries the alternatives of ``a|b|c...`` one after the other at every
position, so a union of hundreds of terms is slow.  The helpers here produce an EQUIVALENT
pattern in which alternatives that start with the same literal text share it
(``cease(?:fire\\w*|-fire\\w*)``), so the engine tests a shared prefix once.

Equivalence: an ordered alternation returns the FIRST alternative (in order) that matches, so
alternatives are only factored or reordered where that cannot change the result: an alternative
may move ahead of others only when they cannot match at the same position (their literal
prefixes differ at some character); one whose literal prefix is exhausted keeps its place among
all the alternatives that share that prefix.

    fast_union([(rx, name), ...], left, right)   # one pattern, a named group per alternative
    group_key(m.lastgroup)                        # -> the alternative's index
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_QUANT = frozenset("*+?{")
WS = object()   # the token ``\s+`` (always followed by a literal non-space character)


def _structure(rx: str, start: int = 0):
    """(index, character, depth) of each structural character of ``rx`` from ``start``: escapes
    and character classes are stepped over whole; ``depth`` is the number of groups open around
    the character (a group's own parentheses are at the depth outside it)."""
    depth, i, in_class = 0, start, False
    while i < len(rx):
        ch = rx[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth -= ch == ")"
            yield i, ch, depth
            depth += ch == "("
        i += 1


def _top_close(rx: str, start: int) -> int:
    """Index of the parenthesis closing the group opened at ``rx[start]``, or -1."""
    return next((i for i, ch, depth in _structure(rx, start) if ch == ")" and depth == 0), -1)


def _split_top(body: str) -> list[str]:
    """The top-level alternatives of ``body`` (split at ``|`` outside groups and classes)."""
    cuts = [i for i, ch, depth in _structure(body) if ch == "|" and depth == 0]
    return [body[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(body)])]


def _expand_leading(rx: str, limit: int = 64) -> list[str]:
    """Equivalent variants of ``rx`` that start with a plain character where possible:
    ``(?:a|b)c`` -> ``ac``, ``bc``; ``(?:x )?y`` -> ``x y``, ``y``; a top-level ``a|b`` -> ``a``, ``b``."""
    top = _split_top(rx)
    if len(top) > 1:
        out = [v for part in top for v in _expand_leading(part, limit)]
        return out if len(out) <= limit else _by_first_letter(top, "", rx)
    if not rx.startswith("(?:"):
        return [rx]
    close = _top_close(rx, 0)
    if close < 0:
        return [rx]
    inner, rest = rx[3:close], rx[close + 1:]
    optional = rest[:1] == "?" and rest[1:2] not in ("?", "+")
    if rest[:1] in ("*", "+", "{") or (rest[:1] == "?" and not optional):
        return [rx]
    if optional:
        rest = rest[1:]
    variants = [p + rest for p in _split_top(inner)] + ([rest] if optional else [])
    if any(v == "" for v in variants):
        return [rx]
    out = [w for v in variants for w in _expand_leading(v, limit)]
    if len(out) <= limit:
        return out
    return _by_first_letter(_split_top(inner), rest, rx) + ([rest] if optional else [])


def _by_first_letter(parts: list[str], rest: str, rx: str) -> list[str]:
    """Too many variants of ``rx`` (``(?:part|part...)rest``) to list: one alternative per
    leading letter of the parts (``a(?:fghan|lbanian)rest``), so that a letter still leads each
    and the regex engine tries it only where that letter stands, instead of the whole of ``rx``
    at every position.  Parts with no plain leading letter stay together, grouped (their first
    letter must not be read as the whole's).  Case is left to the caller's case-insensitive
    pattern."""
    by_letter: dict[str, list[str]] = {}
    for part in parts:
        plain = part[:1].isalpha() and part[:1].isascii() and part[1:2] not in ("?", "*", "+", "{")
        by_letter.setdefault(part[0].lower() if plain else "", []).append(part[1:] if plain else part)
    if len(by_letter) == 1 and "" in by_letter:
        return [f"(?:{rx})"]
    return [f"{c}(?:{'|'.join(tails)}){rest}" for c, tails in by_letter.items()]


# ---------------------------------------------------------------------------------------------
# Order-preserving prefix trees


@lru_cache(maxsize=None)
def _variants(rx: str) -> tuple[str, ...]:
    """:func:`_expand_leading` of one alternative, once per process: every conflict profile's
    union holds the same nationality and party terms, and a worker compiles several profiles."""
    return tuple(_expand_leading(rx))


@lru_cache(maxsize=None)
def _prefix(rx: str) -> tuple[tuple, str]:
    """:func:`literal_prefix`, once per process (as :func:`_variants`)."""
    toks, rest = literal_prefix(rx)
    return tuple(toks), rest


def literal_prefix(rx: str) -> tuple[list, str]:
    """(tokens, rest): the leading literal units of ``rx`` and the regex that follows them, so
    that ``rx`` matches exactly what ``tokens + rest`` matches (in case-insensitive mode).

    A token is a lower-cased ASCII character, or :data:`WS` for ``\\s+`` when a literal
    non-space character follows it.  Anything else (classes, groups, quantified characters,
    other escapes, non-ASCII letters, whose case folding is not one-to-one) ends the prefix."""
    if len(_split_top(rx)) > 1:     # a top-level alternation: no common prefix
        return [], rx
    toks: list = []
    starts: list[int] = []
    i, n = 0, len(rx)
    while i < n:
        ch = rx[i]
        if ch == "\\":
            if i + 1 >= n:
                break
            nx = rx[i + 1]
            if nx == "s" and rx[i + 2:i + 3] == "+":
                starts.append(i)
                toks.append(WS)
                i += 3
                continue
            if not nx.isascii() or nx.isalnum() or nx == "_":
                break
            c, j = nx, i + 2
        elif ch in _SPECIAL:
            break
        else:
            c, j = ch, i + 1
        if not c.isascii() or (j < n and rx[j] in _QUANT):
            break
        if toks and toks[-1] is WS and c.isspace():
            break
        starts.append(i)
        toks.append(c.lower())
        i = j
    # ``\s+`` must be followed by a literal non-space character (see _disjoint and _build).
    while toks and toks[-1] is WS:
        toks.pop()
        i = starts.pop()
    if i < n and rx[i] in _QUANT and toks:  # defensive: never leave a dangling quantifier
        toks.pop()
        i = starts.pop()
    return toks, rx[i:]


def _disjoint(a, b) -> bool:
    """Tokens that no single character matches both of."""
    if a is WS or b is WS:
        other = b if a is WS else a
        return other is not WS and not other.isspace()
    return a != b


def _piece(tok) -> str:
    return r"\s+" if tok is WS else re.escape(tok)


def _build(items: list[tuple[tuple, str, str]]) -> str:
    """An alternation equivalent to ``(?P<name>tokens+rest)|...`` in the order of ``items``."""
    segments: list[list] = []   # [None, item] (a leaf) or [token, [items]] (a subtree)
    for item in items:
        toks = item[0]
        if not toks:
            segments.append([None, item])
            continue
        tok = toks[0]
        target = None
        for seg in reversed(segments):
            if seg[0] is None:
                break
            if seg[0] is tok or seg[0] == tok and tok is not WS and seg[0] is not WS:
                target = seg
                break
            if not _disjoint(seg[0], tok):
                break
        if target is None:
            target = [tok, []]
            segments.append(target)
        target[1].append((toks[1:], item[1], item[2]))
    alts = []
    for tok, body in segments:
        if tok is None:
            _, rest, name = body
            alts.append(f"(?P<{name}>{rest})")
        else:
            alts.append(_piece(tok) + _build(body))
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def trie_union(alts: Iterable[tuple[str, str]]) -> str:
    """``(?P<n1>rx1)|(?P<n2>rx2)|...`` (in this order) as an equivalent prefix tree, for use in
    case-insensitive mode.  The named groups wrap only what follows the shared prefixes."""
    items = []
    for rx, name in alts:
        toks, rest = _prefix(rx)
        items.append((toks, rest, name))
    if not items:
        return r"(?!x)x"
    return _build(items)


def fast_union(alts: list[tuple[str, str]], left: str = r"(?<![\w-])", right: str = r"(?![\w-])") -> str:
    """One case-insensitive pattern for many named alternatives ``(regex, group name)``, laid out
    for speed: the word-boundary checks are hoisted out of the alternation, alternatives that
    start with a plain letter are grouped behind that letter as a character class
    (``[pP](?i:...)``), which the regex engine tests in one step, and within a letter the
    alternatives form a prefix tree (:func:`trie_union`).  The named group then spans only the
    end of the match: use ``m.start()``/``m.end()`` of the whole match, and ``m.lastgroup`` to
    know which alternative matched.  Within a letter (and among the other alternatives, tried
    first) longer patterns come first, as a rough "most specific wins"."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for rx0, name in alts:
        for rx in _variants(rx0):
            c = ""
            if rx and rx[0].isalpha() and rx[0].isascii() and (len(rx) == 1 or rx[1] not in "?*+{|"):
                c = rx[0].lower()
                rx = rx[1:]
            groups.setdefault(c, []).append((rx, name))
    branches = []
    # Several variants of one alternative share its group name: rename the repeats (the caller
    # maps ``m.lastgroup`` through :func:`group_key`).
    seen: dict[str, int] = {}
    for c in groups:
        renamed = []
        for rx, name in groups[c]:
            k = seen.get(name, 0)
            seen[name] = k + 1
            renamed.append((rx, name if k == 0 else f"{name}_{k}"))
        groups[c] = renamed
    for c in sorted(groups, key=lambda k: (k != "", k)):
        body = trie_union(sorted(groups[c], key=lambda a: (-len(a[0]), a[0])))
        if c:
            branches.append(f"[{c}{c.upper()}](?i:{body})")
        else:
            branches.append(f"(?i:{body})")
    return f"{left}(?:{'|'.join(branches) or '(?!x)x'}){right}"


def group_key(name: str) -> int:
    """The alternative's index from a group name made by :func:`fast_union` (``c12_3`` -> 12)."""
    return int(name[1:].split("_", 1)[0])

