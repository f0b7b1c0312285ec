"""Death mentions: every sentence that reports a death, whose deaths (victim side) and how (voice,
emotive terms) -- the method of Holly Jackson's and The Intercept's analyses of US coverage.

    m = death_mentions(corpus)                 # one row per death-reporting sentence
    deaths_per_mention(m, {"palestinian": 4651, "israeli": 1401})

A sentence whose own words do not say whose deaths it reports ("He was murdered," she said)
takes the side of the nearest death mention before it in the same article (or after it, when it
comes first); ``side_source`` says which (``sentence``, ``context`` or ``none``).  Pass
``context=False`` for sentence-only decisions.  A sentence that reports deaths on both sides
("on both sides", "N people in total have been killed") is ``both`` and takes no context.

The side comes from ``victims`` -- the rules that also give casualty claims their side -- with two
deliberate differences: claims never take a side from context (a figure on the wrong side's chart
is worse than one left ``unknown``), so a figure in a sentence whose mention has side_source
``context`` is ``unknown`` in the claims; and claims keep a nationality as written ("20 Thai
nationals": ``thai``) where a profile counts it with one of its sides (``foreign_nationals``: the
Israeli side for the israel-gaza profile, as the Israeli and OCHA tallies and Jackson's hand tags
count them), which death mentions follow.
"""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

import pandas as pd

from .base import Extractor, Resource
from .matchers import group_key
from .stance import LEXICON
from .victims import Analysis, load_model

MENTION_COLUMNS = ["article_id", "sent_id", "start", "end", "text", "death_words", "victim_side",
                   "side_source", "voice", "emotive_terms"]
# A death sentence with no side of its own takes the side of a death sentence at most this many
# sentences away in the same article (the table's rule; ``death_mentions(max_gap=...)`` for another).
CONTEXT_GAP = 5


def _emotive_regex(lexicon):
    """(compiled regex, term_info) restricted to the lexicon's emotive categories, or None."""
    from .stance import load_lexicon
    lex = load_lexicon(lexicon)
    return lex, set(lex.emotive_categories)


def _emotive_flags(lex, emotive) -> dict[str, tuple]:
    """Per group name of the lexicon's regex: the ``emotive`` categories its term is in."""
    info = lex.term_info
    return {name: tuple(c for c in info[group_key(name)][1] if c in emotive) for name in lex.regex.groupindex}


def sentence_mentions(article_id, text: str, sentences, model, lex=None, emotive=frozenset()) -> list[tuple]:
    """Death mentions of one article: ``sentences`` is a list of (sent_id, start, end).  Pure."""
    flags = _emotive_flags(lex, emotive) if lex is not None and emotive else None
    starts = [s for _, s, _ in sentences]
    rows: list[tuple] = []
    _article_mentions(article_id, text, sentences, starts, model, lex, flags, rows.append)
    return rows


def _article_mentions(article_id, text, sentences, starts, model, lex, flags, emit) -> None:
    """The work of :func:`sentence_mentions`: the article is scanned once for death words, each
    hit is mapped to its sentence with a binary search, and only those sentences are analysed
    (their death words and side cues found once, for both the side and the voice)."""
    hits: dict[int, list] = {}
    for m in model.death.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < sentences[k][2]:
            words = hits.get(k)
            if words is None:
                hits[k] = [m.group().lower()]
            else:
                words.append(m.group().lower())
    if not hits:
        return
    regex = lex.regex if flags is not None else None
    for k, words in hits.items():
        sid, s0, s1 = sentences[k]
        sent = text[s0:s1]
        emo = ""
        if regex is not None:
            found = []
            excluded = lex.excluded(sent)
            for mm in regex.finditer(sent):
                cats = flags[mm.lastgroup]
                if cats and not all(excluded(mm.start(), mm.end(), c) for c in cats):
                    w = " ".join(mm.group().lower().split())
                    if w not in found:
                        found.append(w)
            emo = "; ".join(found)
        if sent:
            an = Analysis(sent, model)
            side, voice = an.side(), an.voice()
        else:
            side, voice = "none", "agentless"
        emit((article_id, sid, s0, s1, sent, "; ".join(dict.fromkeys(words)), side, "sentence", voice, emo))


def fill_from_context(mentions: pd.DataFrame, max_gap: int | None = CONTEXT_GAP) -> pd.DataFrame:
    """Give each mention with side ``none`` the side of the nearest sided mention before it in the
    same article (else the nearest after it), at most ``max_gap`` sentences away (when the frame
    has ``sent_id``; None: any distance); ``side_source`` becomes ``context`` (``none`` for a
    mention left without a side)."""
    if mentions.empty:
        return mentions
    m = mentions.copy()
    sides = m["victim_side"].tolist()
    sids = m["sent_id"].tolist() if "sent_id" in m.columns else None
    by_article: dict = {}
    for i, aid in enumerate(m["article_id"].tolist()):
        by_article.setdefault(aid, []).append(i)
    new_sides, sources = list(sides), list(m["side_source"]) if "side_source" in m.columns else ["sentence"] * len(m)
    for rows in by_article.values():
        got_sides, got_sources = context_sides([sides[i] for i in rows], [sids[i] for i in rows] if sids else None,
                                               max_gap)
        for i, side, source in zip(rows, got_sides, got_sources):
            if sides[i] == "none":
                new_sides[i], sources[i] = side, source
    m["victim_side"] = new_sides
    m["side_source"] = sources
    return m


def context_sides(sides: list[str], sent_ids: list[int] | None = None,
                  max_gap: int | None = CONTEXT_GAP) -> tuple[list[str], list[str]]:
    """One article's mention sides, in order, with each ``none`` filled from the nearest sided
    mention before it (else after it) within ``max_gap`` sentences: (sides, side sources), the
    source ``sentence`` for a side of its own, ``context`` for a filled one, ``none`` otherwise."""
    n = len(sides)
    at = sent_ids if sent_ids is not None else list(range(n))
    before: list = [None] * n
    last = None
    for i in range(n):
        if sides[i] != "none":
            last = (at[i], sides[i])
        before[i] = last
    after: list = [None] * n
    nxt = None
    for i in range(n - 1, -1, -1):
        if sides[i] != "none":
            nxt = (at[i], sides[i])
        after[i] = nxt
    near = (lambda a, b: True) if max_gap is None or sent_ids is None else (lambda a, b: abs(a - b) <= max_gap)
    out_sides, out_sources = [], []
    for i in range(n):
        if sides[i] != "none":
            out_sides.append(sides[i])
            out_sources.append("sentence")
            continue
        b, a = before[i], after[i]
        pick = b[1] if b is not None and near(at[i], b[0]) else (a[1] if a is not None and near(a[0], at[i]) else None)
        out_sides.append(pick or "none")
        out_sources.append("context" if pick else "none")
    return out_sides, out_sources


def death_mentions(corpus, resource=None, lexicon=None, context: bool = True, max_gap: int | None = CONTEXT_GAP,
                   profile=None) -> pd.DataFrame:
    """One row per sentence that reports a death: article_id, sent_id, start, end (the sentence's
    offsets in the cleaned text), text, death_words (as found, "; "-joined), victim_side (a side
    of the article's conflict profile, a nationality as written, ``both`` or ``none``),
    side_source, voice (``active``/``passive``/``agentless``, of the first verb of killing, else
    ``agentless``), emotive_terms (terms of the stance lexicon's emotive categories in the
    sentence, "; "-joined).

    ``resource``: the victims YAML (default ``resources/victims.yml``); ``lexicon``: the stance
    lexicon for emotive terms (default ``resources/stance.yml``); ``profile``: a conflict profile
    for every article (default: each article's own, ``profiles.choose``).  With the defaults this is
    the ``death_mentions`` table of the registry (read from an extract folder when the corpus
    comes from one); ``context=False`` or another ``max_gap`` decides the sides afresh."""
    from ..profiles.choose import profile_of
    from .registry import run

    if context and max_gap == CONTEXT_GAP:
        return run(corpus, ["death_mentions"], {"victim_rules": resource, "lexicon": lexicon},
                   profile=profile)["death_mentions"]
    of_article = profile_of(corpus, profile)
    models: dict = {}
    lex, emotive = _emotive_regex(lexicon)
    flags = _emotive_flags(lex, emotive) if emotive else None
    index = corpus.sentence_index
    rows: list[tuple] = []
    emit = rows.append
    for aid, text in zip(corpus.articles["article_id"].tolist(), corpus.require_text()["text"].tolist()):
        spans = index.get(aid, ())
        sentences = [(sid, s0, s1) for sid, s0, s1, _para in spans]
        starts = [s0 for _sid, s0, _s1, _para in spans]
        prof = of_article[aid]
        model = models.get(prof.name) or models.setdefault(prof.name, load_model(resource, prof))
        _article_mentions(aid, text, sentences, starts, model, lex, flags, emit)
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    if context:
        out = fill_from_context(out, max_gap)
    else:
        out.loc[out["victim_side"].eq("none"), "side_source"] = "none"
    return out


def mention_counts(mentions: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Mentions per victim side and voice (and per ``by`` column of the mentions, if given)."""
    keys = ([by] if by else []) + ["victim_side", "voice"]
    if mentions.empty:
        return pd.DataFrame(columns=keys + ["mentions"])
    return mentions.groupby(keys).size().rename("mentions").reset_index()


# ---------------------------------------------------------------------------------------------
# Deaths per mention


def reference_tally(reference, sides=None, as_of=None, side: str | None = None) -> dict[str, float]:
    """A death tally per side from ``reference``:

    * a mapping {side: deaths} (sides of the profiles, or nationalities);
    * a frame with ``side`` and ``killed`` (or ``deaths``) columns (the last row per side, by
      ``date`` when there is one);
    * a frame ``date, killed, ...`` as returned by ``conflictnews.analysis.reference.load_reference``
      (one side's series: ``side`` says whose, e.g. the profile's ``tally.reference_side``): the
      value on or before ``as_of`` (default: the last date);
    * a path to such a CSV/JSON (read with ``load_reference`` when available), or to an OCHA
      flash-update table of the Israel-Gaza war (:func:`read_ocha`).

    ``sides``: the sides allowed (default: every known side, ``profiles.sides.known_sides``)."""
    if reference is None:
        return {}
    if sides is None:
        from ..profiles.sides import known_sides
        sides = known_sides()
    if isinstance(reference, dict):
        bad = [k for k in reference if k not in sides]
        if bad:
            raise ValueError(f"reference has unknown side(s) {bad}; expected sides such as {list(sides)[:8]}")
        return {k: float(v) for k, v in reference.items()}
    if isinstance(reference, (str, Path)):
        path = Path(reference)
        if not path.exists():
            raise ValueError(f"reference file not found: {path}")
        head = path.read_text(encoding="utf-8-sig", errors="replace")[:400]
        if "Gaza Casualties" in head or "Israel Casualties" in head:
            return reference_tally(read_ocha(path, as_of=as_of), sides)
        from ..analysis.reference import load_reference

        return reference_tally(load_reference(path), sides, as_of, side)
    if isinstance(reference, pd.DataFrame):
        df = reference
        value = "killed" if "killed" in df.columns else "deaths" if "deaths" in df.columns else None
        if value is None:
            raise ValueError(f"reference frame needs a 'killed' or 'deaths' column (has {list(df.columns)})")
        if "date" in df.columns:
            df = df.assign(date=pd.to_datetime(df["date"])).sort_values("date")
            if as_of is not None:
                df = df[df["date"] <= pd.Timestamp(as_of)]
        df = df.dropna(subset=[value])
        if "side" in df.columns:
            return {str(k): float(g[value].iloc[-1]) for k, g in df.groupby("side") if k in sides}
        if df.empty:
            return {}
        if side is None:
            raise ValueError("the reference series has no 'side' column: say whose deaths it counts "
                             "(side=..., the profile's tally.reference_side or the `reference_side` parameter)")
        return {side: float(df[value].iloc[-1])}
    raise ValueError(f"reference must be a mapping, a frame or a path, got {type(reference).__name__}")


def read_ocha(path, as_of=None, west_bank: bool = True) -> dict[str, float]:
    """{palestinian, israeli} cumulative deaths from an OCHA flash-update table (columns ``Date``,
    ``Gaza Casualties Since October 7``, ``West Bank Casualties...``, ``Israel Casualties...``), on
    ``as_of`` (default: the last date).  Palestinian = Gaza (+ West Bank when ``west_bank``)."""
    df = pd.read_csv(path, encoding="utf-8-sig")
    df.columns = [c.strip() for c in df.columns]
    need = {"Date", "Gaza Casualties Since October 7", "Israel Casualties Since October 7"}
    missing = need - set(df.columns)
    if missing:
        raise ValueError(f"{path}: not an OCHA flash-update table (missing {sorted(missing)})")
    df["Date"] = pd.to_datetime(df["Date"], format="%m/%d/%Y")
    df = df.sort_values("Date")
    if as_of is not None:
        df = df[df["Date"] <= pd.Timestamp(as_of)]
    if df.empty:
        raise ValueError(f"{path}: no row on or before {as_of}")
    last = df.iloc[-1]
    pal = float(last["Gaza Casualties Since October 7"])
    if west_bank and "West Bank Casualties Since October 7" in df.columns:
        pal += float(last["West Bank Casualties Since October 7"])
    return {"palestinian": pal, "israeli": float(last["Israel Casualties Since October 7"])}


def deaths_per_mention(mentions: pd.DataFrame, reference, *, count_both: bool = True, as_of=None,
                       by: str | None = None, sides=None, reference_side: str | None = None) -> pd.DataFrame:
    """Official deaths per death mention, by side (Jackson: toll / number of mentions).

    ``reference``: see :func:`reference_tally` (``reference_side``: whose deaths a single series
    counts).  ``count_both``: a mention of both sides counts as a mention of each.  ``by``: a
    column of ``mentions`` (e.g. ``outlet``) to split by.  ``sides``: the sides to report (default:
    those of the tally, then the other sides the mentions name).  Returns [by,] side, mentions,
    deaths, deaths_per_mention (NaN when a side has no tally or no mention)."""
    tally = reference_tally(reference, as_of=as_of, side=reference_side)
    if sides is None:
        named = [s for s in dict.fromkeys(mentions.get("victim_side", pd.Series(dtype=object)).dropna())
                 if s not in ("both", "none")]
        sides = list(tally) + [s for s in named if s not in tally]
    groups = [(None, mentions)] if by is None else list(mentions.groupby(by, sort=True))
    if by is not None and by not in mentions.columns:
        raise ValueError(f"by={by!r} is not a column of the mentions ({list(mentions.columns)})")
    rows = []
    for key, g in groups:
        for side in sides:
            n = int((g["victim_side"] == side).sum())
            if count_both:
                n += int((g["victim_side"] == "both").sum())
            deaths = tally.get(side)
            dpm = deaths / n if deaths is not None and n else float("nan")
            row = {"side": side, "mentions": n, "deaths": deaths if deaths is not None else float("nan"),
                   "deaths_per_mention": dpm}
            if by is not None:
                row = {by: key, **row}
            rows.append(row)
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------------------------
# The table


def _deaths_of(article, ctx) -> list[dict]:
    """The death mentions of one article, sides taken from context within it (the extractor's
    function; see ``base.py``)."""
    lex, emotive = _emotive_regex(ctx.option("lexicon"))
    sentences = [(s.sent_id, s.start, s.end) for s in article.sentences]
    rows = sentence_mentions(article.article_id, article.text, sentences,
                             load_model(ctx.option("victim_rules"), article.profile), lex, emotive)
    if not rows:
        return []
    sides, sources = context_sides([r[6] for r in rows], [r[1] for r in rows])
    return [dict(zip(MENTION_COLUMNS, (*r[:6], side, source, *r[8:]))) for r, side, source in zip(rows, sides, sources)]


EXTRACTOR = Extractor(
    name="death_mentions",
    unit="sentence reporting a death",
    columns={
        "article_id": "the article",
        "sent_id": "the sentence",
        "start": "offset of the sentence in the cleaned text",
        "end": "offset just after it",
        "text": "the sentence",
        "death_words": "the death words found, `; `-separated",
        "victim_side": "a side of the article's conflict profile, a nationality as written, `both` or `none`",
        "side_source": "`sentence`, or `context` when taken from a nearby death sentence (claims never "
                       "do this), `none`",
        "voice": "`active`, `passive` or `agentless`, of the first verb of killing",
        "emotive_terms": "terms of the stance lexicon's emotive categories in the sentence, `; `-separated",
    },
    extract=_deaths_of,
    resources=(Resource("victim_rules", "victims.yml", "death words, victim-side cues and their weights, "
                                                       "voice cues"),
               LEXICON),
    dtypes={"sent_id": "int64", "start": "int64", "end": "int64"},
)
