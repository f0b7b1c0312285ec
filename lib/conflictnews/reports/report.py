"""Helpers the notebooks use to show and save results: every figure is written as PNG and SVG
with the data behind it as CSV, and every table is shown as escaped HTML (article text can hold
``<script>``: it must show as text, never run) and saved as CSV.

In a notebook::

    rep = Report(output_dir, "01_casualty_figures")
    fig, ax = rep.new_figure()
    ...
    rep.figure(fig, "cited_figures", data=points, caption="Cited death tolls by date")
    rep.table(evidence, "evidence", caption="Every plotted point with its sentence")
"""
from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from ..files import atomic_path, write_csv
from ..tables import with_sentences  # noqa: F401 - for the notebooks: the sentence of each row shown
from .text import mpl_text, show_math_as_text  # noqa: F401 - mpl_text: for the notebooks' labels
from .hover import inline_svg, svg_with_titles, tips_of
from .html import inline_markup, table_html

FOLD_ROWS = 12   # tables longer than this are folded under their caption

# Reproducible SVGs (no random ids, no date stamp) and one house style for every figure.
STYLE = {
    "svg.hashsalt": "conflictnews",
    "figure.figsize": (9, 4.8),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "font.size": 10,
    "legend.frameon": False,
}



_PAREN_TAIL = re.compile(r"\s*\([^()]*\)\s*$")


def short_label(text, width: int = 24) -> str:
    """A label of at most ``width`` characters for a figure axis that never cuts a word: a
    trailing parenthesis is dropped first ("Voice of America (republished)" -> "Voice of
    America"), then whole words are kept up to the width, with "…" when some were left out (a
    single word longer than the width is the one case that is cut)."""
    text = " ".join(str(text).split())
    if len(text) > width:
        text = _PAREN_TAIL.sub("", text) or text
    if len(text) <= width:
        return text
    out = ""
    for word in text.split(" "):
        if len(out) + len(word) + (1 if out else 0) > width - 1:
            break
        out = f"{out} {word}" if out else word
    out = out.rstrip(" ,;:-–—") if out else text[:width - 1]
    return out + "…"


def _save(fig, fmt: str) -> io.BytesIO:
    """``fig`` saved as ``fmt``.  A label from the data that matplotlib cannot read as math (an
    outlet called ``$\\undefined$``) does not stop the report: math parsing is turned off for
    the figure's texts and it is saved again, every label shown as written (see ``text.py``)."""
    buf = io.BytesIO()
    try:
        fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    except ValueError:
        show_math_as_text(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buf


def palette(keys, kind: str = "default") -> dict:
    """A colour for each key that stays the same in every report (see ``colours.colour_map``)."""
    from .colours import colour_map
    return colour_map([str(k) for k in keys], kind)


def _display(obj) -> None:
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency of ipykernel
        print(obj)
        return
    display(obj)


def _show_png(png: bytes, fig, alt: str) -> None:
    """Show the saved PNG itself (drawn once), at screen size, with ``alt`` as its text
    alternative (a screen reader's, and the shared HTML's, description of the figure)."""
    data = base64.b64encode(png).decode("ascii")
    Report.html(f'<div class="cn-figure"><img src="data:image/png;base64,{data}" '
                f'width="{int(fig.get_figwidth() * 100)}" alt="{html.escape(alt)}"></div>')


def _describe(fig, caption: str | None, slug: str) -> str:
    """The caption, else the figure's titles, else its file name."""
    if caption:
        return caption
    titles = [t for t in [fig.get_suptitle(), *(ax.get_title() for ax in fig.axes)] if t]
    return "; ".join(titles) or slug.replace("_", " ")


def escape_frame(df: pd.DataFrame) -> str:
    """HTML for a frame with every cell escaped, numbers and dates as a reader expects them
    (``html.table_html``)."""
    return table_html(df)


def group_by_sentence(df: pd.DataFrame, item) -> pd.DataFrame:
    """One row per sentence instead of one per item found in it: ``article_id``, ``sent_id``, how
    many items, the items (``item(row)`` for each, in text order, joined by " · ") and the
    ``sentence`` once.  An evidence table that repeats a long sentence for each mention in it is
    hard to read; the per-item table stays in its CSV."""
    cols = ["article_id", "sent_id", "items", "found", "sentence"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    ordered = df.sort_values([c for c in ("article_id", "sent_id", "start") if c in df.columns])
    found = [item(r) for r in ordered.itertuples(index=False)]   # one pass over the rows
    grouped = ordered.assign(_found=found).groupby(["article_id", "sent_id"], sort=False)
    out = grouped.agg(items=("_found", "size"), found=("_found", " · ".join), sentence=("sentence", "first"))
    return out.reset_index()[cols]


class Report:
    """Saves and shows the figures and tables of one notebook under ``output_dir``."""

    def __init__(self, output_dir: str | Path, name: str, *, formats=("png", "svg")) -> None:
        self.output_dir = Path(output_dir)
        self.name = name
        self.formats = formats
        self.figures_dir = self.output_dir / "figures" / name
        self.tables_dir = self.output_dir / "tables" / name
        matplotlib.rcParams.update(STYLE)

    def new_figure(self, nrows: int = 1, ncols: int = 1, *, figsize=None, **kwargs):
        """A figure with constrained layout and its axes, like ``plt.subplots`` but without pyplot
        (no global figure state, nothing to close, faster to import)."""
        fig = Figure(figsize=figsize or matplotlib.rcParams["figure.figsize"], layout="constrained")
        return fig, fig.subplots(nrows, ncols, **kwargs)

    def figure(self, fig, slug: str, data: pd.DataFrame | None = None, *, caption: str | None = None,
               show: bool = True) -> None:
        """Save ``fig`` as PNG and SVG (and ``data`` as CSV beside it) and show it.

        A figure whose points carry hover texts (``hover.tip``) is shown as inline SVG with a
        ``<title>`` per point, so a reader sees each point's sentence by pointing at it; any other
        figure is shown as its PNG.  Returns nothing, so that it can end a notebook cell without
        printing; the files are ``figures/<report>/<slug>.png|svg`` and ``tables/<report>/<slug>.csv``."""
        tips = tips_of(fig)
        saved = {}
        for fmt in self.formats:
            content = _save(fig, fmt).getvalue()
            if fmt == "svg" and tips:
                content = svg_with_titles(content.decode("utf-8"), tips, f"{self.name}-{slug}").encode("utf-8")
            with atomic_path(self.figures_dir / f"{slug}.{fmt}") as tmp:
                tmp.write_bytes(content)
            saved[fmt] = content
            if fig.get_layout_engine() is not None:
                fig.set_layout_engine("none")  # the first save laid it out: keep that, don't redo it
        if data is not None:
            write_csv(data, self.tables_dir / f"{slug}.csv")
        if show:
            alt = _describe(fig, caption, slug)
            if tips and "svg" in saved:
                hint = '<p class="cn-hint">Point at a mark to read the sentences behind it.</p>'
                Report.html(f'<div class="cn-figure">{inline_svg(saved["svg"].decode("utf-8"), alt)}</div>{hint}')
            elif "png" in saved:
                _show_png(saved["png"], fig, alt)
            else:
                _display(fig)
            if caption:
                where = f" — data: tables/{self.name}/{slug}.csv" if data is not None else ""
                self.note(caption + where)

    def table(self, df: pd.DataFrame, slug: str | None = None, *, caption: str | None = None,
              max_rows: int | None = 60, columns: list[str] | None = None, show: bool = True,
              fold: bool | None = None) -> None:
        """Save ``df`` as CSV (when ``slug`` is given) and show it as an escaped HTML table.

        ``columns``: show only these (the CSV keeps them all), for tables too wide to read.
        ``fold``: show the table folded under its caption (``<details>``); by default a table of
        more than ``FOLD_ROWS`` rows is folded, so that long evidence does not bury the figures."""
        path = write_csv(df, self.tables_dir / f"{slug}.csv") if slug else None
        if show:
            shown = df if max_rows is None or len(df) <= max_rows else df.head(max_rows)
            if columns is not None:
                missing = [c for c in columns if c not in shown.columns]
                if missing:
                    raise ValueError(f"columns {missing} not in the table (it has {list(shown.columns)})")
                shown = shown[columns]
            more = len(df) - len(shown)
            tail = f"{len(df):,} row{'' if len(df) == 1 else 's'}" + (f", first {len(shown):,} shown" if more else "")
            if columns is not None and len(columns) < len(df.columns):
                tail += f"; {len(columns)} of {len(df.columns)} columns shown"
            if path:
                tail += f"; full table: tables/{html.escape(self.name)}/{html.escape(path.name)}"
            title = inline_markup(caption) if caption else "Table"
            body = f'{table_html(shown)}<p class="cn-more"><i>{tail}</i></p>'
            if fold is None:
                fold = len(shown) > FOLD_ROWS
            if fold:   # a long table is folded under its caption, with no script
                self.html(f'<details class="cn-fold"><summary>{title} ({len(df):,} rows: click to show)</summary>'
                          f"{body}</details>")
            else:
                self.html((f"<p><b>{title}</b></p>" if caption else "") + body)

    @staticmethod
    def section(title: str, *paragraphs: str, level: int = 2) -> None:
        """A heading (with an id, so the table of contents links to it) and its paragraphs, for a
        section that a notebook shows only when it has something to show."""
        anchor = re.sub(r"[^\w-]+", "-", title.strip()).strip("-")
        Report.html(f'<h{level} id="{html.escape(anchor)}">{inline_markup(title)}</h{level}>'
                    + "".join(f"<p>{inline_markup(p)}</p>" for p in paragraphs))

    @staticmethod
    def note(text: str) -> None:
        """A line of plain text in the report (escaped; `code` shown as code)."""
        Report.html(f"<p>{inline_markup(text)}</p>")

    @staticmethod
    def html(markup: str) -> None:
        try:
            from IPython.display import HTML
        except ImportError:  # pragma: no cover
            print(markup)
            return
        _display(HTML(markup))


def load(corpus, metadata=None, *, start_date=None, end_date=None, outlets=None, cleaning_rules=None,
         date_format=None, tables=None, model=None, show: bool = True, text: bool = True):
    """Load and filter the corpus for a notebook, and show what was skipped (nothing silently).

    Relative paths are resolved from the current directory (``notebooks/`` in JupyterLab; the
    renderer passes absolute paths).  Read from the corpus cache when ``CONFLICTNEWS_CACHE``
    names one (``corpus/snapshot.py``; the renderer sets it).

    ``tables``: a folder ``conflictnews extract`` wrote: the corpus is read from its articles and
    sentences, and every table it holds (made with the same options) is read from it instead of
    computed again; ``text=False`` leaves the articles' text in that folder until a table must be
    computed (a report that only reads tables: 02 on 100,000 articles holds 465 MB less).
    ``model``: the spaCy pipeline tables that need the parse use (default: the project's)."""
    from ..corpus.snapshot import load_cached

    if tables not in (None, ""):
        from ..tables import load_extract
        full = load_extract(tables, text=text)
    else:
        full = load_cached(corpus, metadata or None, cleaning=cleaning_rules or None,
                           date_format=date_format or None)
    if model not in (None, ""):
        full.settings["model"] = model
    if show:
        full.sentences  # noqa: B018 - tokenized first: a split over-long sentence adds a warning row to show
    c = full.filter(start=start_date, end=end_date, outlets=outlets)
    if show:
        s = c.summary()
        span = f"{s['first_date']} to {s['last_date']}" if s["first_date"] else "no dates"
        Report.note(
            f"Corpus {full.source}{f' (tables read from {tables})' if tables else ''}: "
            f"{s['articles']:,} of {len(full):,} articles after filters ({span}; "
            f"{s['outlets']:,} outlets; {s['undated']:,} undated). Inputs skipped: {s['skipped']:,}; "
            f"loaded with warnings: {s['warnings']:,}.")
        if len(c.skipped):
            Report.html(f'<details class="cn-fold"><summary>Skipped inputs and warnings ({len(c.skipped):,})</summary>'
                        f"{escape_frame(c.skipped)}</details>")
    return c
