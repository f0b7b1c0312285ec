"""Drawing helpers shared by the notebooks: date axes, casualty points and their legend, heat
maps with their numbers in the cells (stance rates among them), stacked bars.  The notebooks set parameters, call these and
explain what the reader sees; what a figure draws is decided here, where tests can reach it.
"""
from __future__ import annotations

import re
import textwrap
from collections import Counter

import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..extractors.casualties import qualifier_label
from .colours import colour_map, party_aliases
from .hover import tip
from ..tables import with_sentences
from .report import short_label

__all__ = ["colour_map", "short_label", "tip"]  # re-exported: the notebooks draw through this module

# ---------------------------------------------------------------------------------------------
# Axes

thousands = mticker.FuncFormatter(lambda v, _: f"{v:,.0f}")
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]   # one per line when lines share a colour
OTHER_GREY = "#CCCCCC"
NEUTRAL = "#5B6770"      # a chart with one series: a colour that means no side, party or kind   # groups beyond the coloured ones (the ``other`` of colours.yml)


def date_axis(ax, dates, pad_days: int = 10) -> None:
    """Limits a few days beyond the first and last date, and concise date ticks."""
    dates = pd.to_datetime(pd.Series(dates)).dropna()
    if dates.empty:
        return
    ax.set_xlim(dates.min() - pd.Timedelta(days=pad_days), dates.max() + pd.Timedelta(days=pad_days))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def top_rows(frame: pd.DataFrame, n: int, by: str, what: str = "articles") -> tuple[pd.DataFrame, str]:
    """The ``n`` rows of ``frame`` with the largest ``by`` (ties in their order), so that a figure
    with one row per article keeps a readable size on any corpus, and a sentence for its caption
    saying what is shown ("" when every row is).  The CSV beside the figure keeps every row."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"max_articles={n!r}: expected a positive whole number")
    if len(frame) <= n:
        return frame, ""
    shown = frame.sort_values(by, ascending=False, kind="stable").head(n)
    return shown, (f" Shown: the {n:,} {what} with the most {by.replace('_', ' ')} of {len(frame):,} "
                   f"(parameter max_articles); the CSV has all {len(frame):,}.")


def short_ids(ids) -> dict:
    """A short name for each article id on an axis: the part before the first ``_`` or ``-``
    ("000" for "000_37de2439fd9fa0e6") when that part names one article only, else the whole id."""
    ids = [str(i) for i in ids]
    heads = [re.split(r"[_-]", i, maxsplit=1)[0] or i for i in ids]
    count = Counter(heads)
    return {i: (h if count[h] == 1 else i) for i, h in zip(ids, heads)}


def article_labels(articles: pd.DataFrame, *, width: int = 24, dated: bool = True) -> pd.Series:
    """An axis label per article, whole words only: its short id, its outlet (the title when the
    outlet is unknown) and its date."""
    ids = short_ids(articles["article_id"])
    labels = []
    for a, o, t, d in zip(articles["article_id"], articles["outlet"], articles["title"], articles["published"]):
        name = short_label(t if o == "unknown" or not isinstance(o, str) else o, width)
        labels.append(" ".join([ids[str(a)], name] + ([f"{d:%Y-%m-%d}"] if dated and pd.notna(d) else [])))
    return pd.Series(labels, index=articles.index)


def top_groups(values: pd.Series, n: int, other: str = "other") -> pd.Series:
    """``values`` with every value outside the ``n`` most frequent replaced by ``other (k)``, k the
    number of values pooled: a chart with one row per outlet keeps a readable size."""
    counts = values.value_counts()
    if len(counts) <= n:
        return values
    keep = set(counts.index[:n - 1])
    pooled = f"{other} ({len(counts) - len(keep):,})"
    return values.where(values.isin(keep), pooled)


def patch_legend(ax, items, **kwargs):
    """A legend of coloured squares: ``items`` is a list of (label, colour)."""
    return ax.legend([Rectangle((0, 0), 1, 1, color=c) for _, c in items], [label for label, _ in items],
                     **kwargs)


def group_colours(keys, ranked, colours: dict, *, shown: int = 7) -> list[tuple[str, str]]:
    """Legend items (label, colour) for the groups in ``keys``: the ``shown`` highest-ranked of
    ``ranked`` that occur, then "other" (light grey) when some occurring group is not among them."""
    present = set(keys)
    own = [k for k in ranked if k in present and colours.get(k, OTHER_GREY) != OTHER_GREY][:shown]
    items = [(k, colours[k]) for k in own]
    if present - set(own):
        items.append(("other", OTHER_GREY))
    return items


def affiliation_colours(ranked, gazetteer=None, *, shown: int = 7) -> dict:
    """Party colours for actors' affiliations: the ``shown`` first of ``ranked`` (most mentioned
    first) in their party's colour (``Israel`` is coloured as ``israeli`` victims are, through the
    gazetteer's demonyms), the rest light grey."""
    ranked = list(dict.fromkeys(ranked))
    colours = colour_map(ranked[:shown], aliases=party_aliases(gazetteer))
    return {a: colours.get(a, OTHER_GREY) for a in ranked}


def evidence_tip(title: str, evidence: pd.DataFrame, n: int = 2, sentences: pd.DataFrame | None = None,
                 articles: pd.DataFrame | None = None) -> str:
    """Hover text for an aggregated point or bar: ``title``, then up to ``n`` of its sentences
    (and ``outlet``/``published`` when present), then how many more.  The sentences are the
    rows' ``sentence`` column or, given the corpus's ``sentences`` table, joined for the ``n``
    shown only (rows with ``article_id`` and ``sent_id``); likewise the outlet and date, given
    ``articles`` (indexed by article_id), so that the evidence rows need not carry them."""
    lines = [title]
    if sentences is not None:
        distinct = evidence.drop_duplicates(["article_id", "sent_id"])
        shown = with_sentences(distinct.head(n), sentences)
    else:
        distinct = evidence.drop_duplicates("sentence") if "sentence" in evidence else evidence.iloc[:0]
        shown = distinct.head(n)
    if articles is not None:
        meta = [c for c in ("outlet", "published") if c in articles and c not in shown]
        shown = shown.join(articles[meta], on="article_id")
    for _, row in shown.iterrows():
        where = ", ".join(x for x in (str(row.get("outlet") or ""), _date(row.get("published"))
                                      if "published" in row else "") if x)
        lines.append(f"“{row['sentence']}”" + (f" ({where})" if where else ""))
    if len(distinct) > n:
        lines.append(f"… and {len(distinct) - n:,} more sentences in the evidence table")
    return "\n".join(lines)


def heatmap(fig, ax, values: pd.DataFrame, *, cmap: str = "Blues", fmt=lambda v: f"{v:.1f}", label: str | None = None,
            annotate: bool = True, fontsize: int = 7, blank_zero: bool = False):
    """``values`` (rows x columns) as coloured cells, each with its number written in it (white on
    dark cells); a colour bar when ``label`` is given.  Empty (NaN) cells stay blank."""
    shown = values.where(values > 0) if blank_zero else values
    im = ax.imshow(shown.values.astype(float), aspect="auto", cmap=cmap, vmin=0)
    ax.grid(False)
    if annotate and values.size:
        vmax = np.nanmax(shown.values.astype(float)) if np.isfinite(np.nanmax(shown.values.astype(float))) else 0
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                v = values.values[i, j]
                if pd.isna(v) or (blank_zero and not v):
                    continue
                ax.text(j, i, fmt(v), ha="center", va="center", fontsize=fontsize,
                        color="white" if vmax and v > 0.6 * vmax else "black")
    if label:
        fig.colorbar(im, ax=ax, label=label)
    return im


def rate_heatmap(rep, rates: pd.DataFrame, key: str, categories, slug: str, title: str, note: str = "",
                 data: pd.DataFrame | None = None) -> None:
    """Stance categories per 1,000 words (``rates``: ``key``, ``category``, ``rate_per_1000``), one
    row per value of ``key`` (an article's label, an outlet, a month) and one column per category
    in the order of ``categories`` (the lexicon's), as a heat map with the rate in each cell.
    ``rep`` (a Report) saves it as ``slug`` with ``data`` (default: ``rates``) as its CSV."""
    pivot = rates.pivot(index=key, columns="category", values="rate_per_1000")
    pivot = pivot[[c for c in categories if c in pivot.columns]]
    fig, ax = rep.new_figure(figsize=(11, 0.55 * len(pivot) + 2.2))
    heatmap(fig, ax, pivot, label="per 1,000 words", fontsize=8)
    ax.set_xticks(range(pivot.shape[1]), [c.replace("_", " ") for c in pivot.columns], rotation=35, ha="right")
    ax.set_yticks(range(pivot.shape[0]), pivot.index)
    ax.set_title(title)
    rep.figure(fig, slug, data=rates if data is None else data, caption=title + "." + note)


def stacked_barh(ax, counts: pd.DataFrame, colours: dict, *, label=lambda c: str(c)) -> None:
    """One horizontal bar per row of ``counts``, its columns stacked left to right."""
    left = np.zeros(len(counts))
    for col in counts.columns:
        ax.barh([str(i) for i in counts.index], counts[col], left=left, color=colours[col], label=label(col))
        left += counts[col].values


# ---------------------------------------------------------------------------------------------
# Casualty figures: marker = what the qualifier says, colour = the attributed source

KIND_MARKERS = {"lower bound": "^", "upper bound": "v", "approximate": "o", "exact": "s", "range": "D"}
KIND_HELP = {"lower bound": "lower bound (over, more than, at least, dozens)",
             "upper bound": "upper bound (nearly, toward, up to)",
             "approximate": "approximate (about, around, some)", "exact": "as stated", "range": "range (low–high)"}
UNATTRIBUTED, OTHER = "(unattributed)", "other sources"
DODGE_PT = 7  # sideways distance between markers of figures published the same day, in points
DODGE_NOTE = ("Figures published on the same day are drawn side by side, centred on that day (the tick on "
              "the date axis): their sideways spread is not time. The table gives each figure's date.")


def source_colours(frame: pd.DataFrame, top_n: int = 7) -> dict:
    """A colour for each of the ``top_n`` most cited sources (``colours``, kind ``source``: the
    same source has the same colour in every report), dark grey for the other sources and grey
    for figures attributed to nobody."""
    top = frame["source"].dropna().value_counts().index[:top_n].tolist()
    return colour_map([*top, OTHER, UNATTRIBUTED], "source")


def _date(value) -> str:
    return value.date().isoformat() if pd.notna(value) and hasattr(value, "date") else "undated"


def claim_tip(row) -> str:
    """A claim's hover text: the figure as written, its side, outlet and date, the attributed
    source and hedge, and the sentence it was read from."""
    source = row.get("source") if isinstance(row.get("source"), str) else None
    hedge = row.get("source_hedge") if isinstance(row.get("source_hedge"), str) else None
    lines = [f"{row['text']} ({row['outcome']}, side: {row['side']})",
             f"{row.get('outlet', '')}, {_date(row.get('published'))}",
             "source: " + (f"{source}" + (f" ({hedge})" if hedge else "") if source else
                           "none named (the outlet's own voice)")]
    sentence = row.get("sentence")
    if isinstance(sentence, str) and sentence:
        lines.append(f"“{sentence}”")
    return "\n".join(lines)


def source_key(source, colours: dict) -> str:
    """The legend entry a claim's source falls under."""
    if not isinstance(source, str):
        return UNATTRIBUTED
    return source if source in colours else OTHER


# Up to this many figures a chart draws each one apart, dodged sideways from the others of its
# day and with its hover text (sentence and source); a chart of more draws them together, one
# collection per marker and colour, so that its cost and size stay bounded (the evidence table and
# the CSV keep every figure).
MAX_SINGLE_POINTS = 400
# A chart with one bar or label per item (a share, a fall) shows at most this many; its CSV has all.
MAX_BARS = 40


def casualty_points(ax, frame: pd.DataFrame, colours: dict, *, label_points: bool = False) -> bool:
    """One marker per claim at its publication date; claims cited the same day are set side by side
    a fixed number of points apart (not days, so the spread does not depend on the date range),
    centred on the day, which a tick on the date axis marks; they are labelled together.  Each
    marker's hover text is the claim with its sentence (``claim_tip``; the ``sentence`` column of
    ``casualties.evidence``).  Past ``MAX_SINGLE_POINTS`` claims the markers are drawn together,
    not dodged and with no hover text; returns whether they were (for the caption to say so)."""
    frame = frame.sort_values(["published", "value", "start"])
    ax.set_autoscale_on(False)   # the limits are set once below, not again for every marker
    days = frame["published"].drop_duplicates()
    ax.plot(days, [0] * len(days), ls="", marker="|", markersize=9, color="#333333",
            transform=ax.get_xaxis_transform(), clip_on=False, zorder=4)
    together = len(frame) > MAX_SINGLE_POINTS
    if together:
        _points_together(ax, frame, colours)
    for day, same in ([] if together else frame.groupby("published")):
        for i, (_, r) in enumerate(same.iterrows()):
            shift = mtransforms.offset_copy(ax.transData, fig=ax.figure, units="points",
                                            x=DODGE_PT * (i - (len(same) - 1) / 2))
            kind = qualifier_label(r["qualifier"])
            colour = colours[source_key(r["source"], colours)]
            if kind == "range":
                ax.vlines(day, r["low"], r["high"], color=colour, lw=2, alpha=0.7, transform=shift)
            point = ax.scatter([day], [r["value"]], marker=KIND_MARKERS[kind], s=70, color=colour,
                               edgecolor="white", linewidth=0.6, zorder=3, transform=shift)
            tip(point, claim_tip(r))
        if label_points:
            values = " / ".join(f"{v:,.0f}" for v in same["value"])
            ax.annotate(values, (day, same["value"].median()), xytext=(7 + DODGE_PT * (len(same) - 1) / 2, 0),
                        textcoords="offset points", fontsize=7, va="center", color="#333333")
    ax.yaxis.set_major_formatter(thousands)
    top = frame["high"].where(frame["high"].notna(), frame["value"]).max()
    ax.set_ylim(0, max(top, frame["value"].max()) * 1.18)
    lo, hi = frame["published"].min(), frame["published"].max()
    ax.set_xlim(lo - pd.Timedelta(days=10), hi + pd.Timedelta(days=10))
    return together


def points_note(*frames: pd.DataFrame) -> str:
    """What a casualty chart's caption says of how its markers are placed (see
    :func:`casualty_points`): dodged with hover text, or drawn together past
    ``MAX_SINGLE_POINTS`` figures in a panel."""
    if any(len(f) > MAX_SINGLE_POINTS for f in frames):
        return (f"Where a panel holds more than {MAX_SINGLE_POINTS:,} figures they are drawn together, at their "
                "publication dates, without hover text (the table and the CSV give every figure with its sentence).")
    return DODGE_NOTE


def _points_together(ax, frame: pd.DataFrame, colours: dict) -> None:
    """The markers of many claims, one collection per qualifier kind and colour."""
    kinds = frame["qualifier"].map(qualifier_label)
    keys = frame["source"].map(lambda s: source_key(s, colours))
    for (kind, key), group in frame.groupby([kinds, keys], sort=True):
        colour = colours[key]
        if kind == "range":
            ax.vlines(group["published"], group["low"], group["high"], color=colour, lw=2, alpha=0.5)
        ax.scatter(group["published"], group["value"], marker=KIND_MARKERS[kind], s=40, color=colour,
                   edgecolor="white", linewidth=0.4, zorder=3, alpha=0.8)


def casualty_legend(fig, frame: pd.DataFrame, colours: dict, extra=()) -> None:
    """One legend outside the axes: the qualifier markers, then the source colours (and extras)."""
    def blank():
        return Line2D([], [], ls="", marker="")
    kinds = [k for k in KIND_MARKERS if (frame["qualifier"].map(qualifier_label) == k).any()]
    handles, labels = [blank()], ["marker = qualifier"]
    for k in kinds:
        handles.append(Line2D([], [], marker=KIND_MARKERS[k], ls="", color="#444444", markersize=7))
        labels.append(KIND_HELP[k])
    srcs = sorted({source_key(s, colours) for s in frame["source"]},
                  key=lambda s: (s in (OTHER, UNATTRIBUTED), s == UNATTRIBUTED, s))
    handles += [blank(), blank()]
    labels += ["", "colour = attributed source"]
    for s_ in srcs:
        handles.append(Line2D([], [], marker="o", ls="", color=colours[s_], markersize=7))
        labels.append(textwrap.fill(s_, 34))   # wrapped, never cut: the legend names the source in full
    if extra:
        handles.append(blank())
        labels.append("")
    for h, lab in extra:
        handles.append(h)
        labels.append(lab)
    fig.legend(handles, labels, loc="outside right upper", fontsize=8)


def panel_title(outcome: str, side: str) -> str:
    return f"{outcome} — side: {side}"
