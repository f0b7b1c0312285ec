"""Drawing helpers shared by the notebooks: date axes, casualty points and their legend, heat
maps with their numbers in the cells, stacked bars.  The notebooks set parameters, call these and
explain what the reader sees; what a figure draws is decided here, where tests can reach it.
"""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..extractors.casualties import qualifier_label
from .report import PALETTE

# ---------------------------------------------------------------------------------------------
# Axes

thousands = mticker.FuncFormatter(lambda v, _: f"{v:,.0f}")


def date_axis(ax, dates, pad_days: int = 10) -> None:
    """Limits a few days beyond the first and last date, and concise date ticks."""
    dates = pd.to_datetime(pd.Series(dates)).dropna()
    if dates.empty:
        return
    ax.set_xlim(dates.min() - pd.Timedelta(days=pad_days), dates.max() + pd.Timedelta(days=pad_days))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def patch_legend(ax, items, **kwargs):
    """A legend of coloured squares: ``items`` is a list of (label, colour)."""
    return ax.legend([Rectangle((0, 0), 1, 1, color=c) for _, c in items], [label for label, _ in items],
                     **kwargs)


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
    """A colour for each of the ``top_n`` most cited sources, black for the other sources and grey
    for figures attributed to nobody."""
    top = frame["source"].dropna().value_counts().index[:top_n].tolist()
    colours = {s: PALETTE[i] for i, s in enumerate(top)}
    colours[OTHER] = "#000000"
    colours[UNATTRIBUTED] = "#999999"
    return colours


def source_key(source, colours: dict) -> str:
    """The legend entry a claim's source falls under."""
    if not isinstance(source, str):
        return UNATTRIBUTED
    return source if source in colours else OTHER


def casualty_points(ax, frame: pd.DataFrame, colours: dict, *, label_points: bool = False) -> None:
    """One marker per claim at its publication date; claims cited the same day are set side by side
    a fixed number of points apart (not days, so the spread does not depend on the date range),
    centred on the day, which a tick on the date axis marks; they are labelled together."""
    frame = frame.sort_values(["published", "value", "start"])
    for day, same in frame.groupby("published"):
        ax.plot([day], [0], marker="|", markersize=9, color="#333333", transform=ax.get_xaxis_transform(),
                clip_on=False, zorder=4)
        for i, (_, r) in enumerate(same.iterrows()):
            shift = mtransforms.offset_copy(ax.transData, fig=ax.figure, units="points",
                                            x=DODGE_PT * (i - (len(same) - 1) / 2))
            kind = qualifier_label(r["qualifier"])
            colour = colours[source_key(r["source"], colours)]
            if kind == "range":
                ax.vlines(day, r["low"], r["high"], color=colour, lw=2, alpha=0.7, transform=shift)
            ax.scatter([day], [r["value"]], marker=KIND_MARKERS[kind], s=70, color=colour,
                       edgecolor="white", linewidth=0.6, zorder=3, transform=shift)
        if label_points:
            values = " / ".join(f"{v:,.0f}" for v in same["value"])
            ax.annotate(values, (day, same["value"].median()), xytext=(7 + DODGE_PT * (len(same) - 1) / 2, 0),
                        textcoords="offset points", fontsize=7, va="center", color="#333333")
    ax.yaxis.set_major_formatter(thousands)
    top = frame["high"].where(frame["high"].notna(), frame["value"]).max()
    ax.set_ylim(0, max(top, frame["value"].max()) * 1.18)


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
