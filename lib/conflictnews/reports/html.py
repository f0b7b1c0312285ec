"""HTML a reader trusts at a glance: tables with numbers as numbers, pages that read on a phone,
and every report saying where it comes from.

* :func:`table_html` writes a frame as an escaped HTML table: whole numbers as integers with
  thousands separators, other numbers rounded, dates that never wrap, ``yes``/``no`` for
  booleans, numbers right-aligned; a wide table scrolls sideways instead of squeezing.
* :func:`finish_report` post-processes an exported notebook: a viewport tag, the responsive
  style, the provenance block and a table of contents at the top.
* :func:`page` is the frame of the pages the renderer writes itself (``index.html``).

No script anywhere: folding uses ``<details>``, hover uses SVG ``<title>``.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from numbers import Integral, Real

import pandas as pd

e = html.escape

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'

# The style of the reports and the index: readable line length, tables that scroll sideways
# (with a shadow at the edge that has more), figures that scale, and on a phone figures that
# keep a readable minimum width inside their own sideways scroll.
STYLE = """<style id="cn-style">
html { -webkit-text-size-adjust: 100%; }
code { overflow-wrap: anywhere; }
p, li, dd, summary { overflow-wrap: break-word; }
main, body.cn-page { max-width: 78rem; margin: 0 auto; }
body.cn-page { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; padding: 1rem; line-height: 1.45; }
.cn-table { border-collapse: collapse; font-size: .85rem; width: max-content; max-width: none; table-layout: auto; }
.cn-table th, .cn-table td { text-align: left !important; vertical-align: top; padding: .25rem .6rem; border-bottom: 1px solid #e3e3e3; }
.cn-table th { background: #f4f4f4; position: sticky; top: 0; }
.cn-table td.cn-text { min-width: 12rem; max-width: 32rem; white-space: normal; }
.cn-table td.cn-num, .cn-table th.cn-num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
.cn-table td.cn-date, .cn-table td.cn-short { white-space: nowrap; }
.cn-scroll { overflow-x: auto; max-width: 100%; margin: .4rem 0;
  background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)), linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) 100% 0,
              radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.18), rgba(0,0,0,0)), radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.18), rgba(0,0,0,0)) 100% 0;
  background-repeat: no-repeat; background-size: 2.5rem 100%, 2.5rem 100%, .9rem 100%, .9rem 100%;
  background-attachment: local, local, scroll, scroll; }
.cn-figure { overflow-x: auto; max-width: 100%; }
.cn-figure img { max-width: 100%; height: auto; }
.cn-hint, .cn-more { color: #555; font-size: .85rem; margin-top: .2rem; }
details.cn-fold > summary { cursor: pointer; font-weight: 600; margin: .5rem 0; }
.cn-provenance { border: 1px solid #ddd; background: #fafafa; border-radius: 6px; padding: .5rem .9rem; margin: 1rem 0; font-size: .88rem; }
.cn-provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0 0; }
.cn-provenance dt { font-weight: 600; } .cn-provenance dd { margin: 0; overflow-wrap: anywhere; }
.cn-toc { margin: 1rem 0; } .cn-toc ol { margin: .3rem 0; padding-left: 1.4rem; } .cn-toc li { margin: .1rem 0; }
.cn-toc ol ol { list-style: circle; } .cn-toc ol.cn-plain { list-style: none; padding-left: .4rem; }
@media (max-width: 700px) {
  main, body.cn-page { padding: 0 .6rem; }
  .jp-Cell, .jp-OutputArea-output, .jp-RenderedHTMLCommon { padding-left: 0 !important; padding-right: 0 !important; }
  .cn-figure img, .cn-figure svg { min-width: 620px; }
  .cn-table { font-size: .8rem; } .cn-table td.cn-text { min-width: 10rem; max-width: 17rem; }
}
</style>"""


# ---------------------------------------------------------------------------------------------
# Cells and tables

def is_whole(values: pd.Series) -> bool:
    """A numeric column whose every value is a whole number (NaN allowed): a count, shown as one."""
    if values.dtype == bool or not pd.api.types.is_numeric_dtype(values):
        return False
    finite = pd.to_numeric(values, errors="coerce").dropna()
    finite = finite[finite.map(math.isfinite)]
    return bool(len(finite)) and bool((finite == finite.round()).all())


def _column_kind(values: pd.Series) -> str:
    if values.dtype == bool or (values.dtype == object and values.dropna().map(lambda v: isinstance(v, bool)).all()
                                and values.notna().any()):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if pd.api.types.is_numeric_dtype(values):
        return "int" if is_whole(values) else "float"
    sample = values.dropna()
    if len(sample) and sample.map(lambda v: isinstance(v, (dt.date, pd.Timestamp))).all():
        return "date"
    if len(sample) and sample.map(lambda v: isinstance(v, Real) and not isinstance(v, bool)).all():
        return "int" if all(float(v).is_integer() for v in sample) else "float"
    longest = sample.astype(str).str.len().max() if len(sample) else 0
    return "text" if longest and longest > 40 else "short"


def format_value(value, kind: str) -> str:
    """One cell as a reader expects it (not yet escaped); empty for a missing value."""
    if value is None or (not isinstance(value, (str, list, tuple, dict)) and pd.isna(value)):
        return ""
    if kind == "bool" or isinstance(value, bool):
        return "yes" if value else "no"
    if kind == "date":
        if isinstance(value, (pd.Timestamp, dt.datetime)):
            return value.strftime("%Y-%m-%d") if (value.hour, value.minute, value.second) == (0, 0, 0) \
                else value.strftime("%Y-%m-%d %H:%M")
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if kind == "int" and isinstance(value, (Integral, Real)):
        return f"{int(round(float(value))):,}"
    if kind == "float" and isinstance(value, Real):
        return format_number(float(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def format_number(value: float) -> str:
    """A non-whole number with thousands separators and three significant decimals at most."""
    if not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return f"{int(value):,}"
    digits = 1 if abs(value) >= 100 else 2 if abs(value) >= 1 else 3
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def table_html(df: pd.DataFrame) -> str:
    """``df`` as an escaped HTML table (``class="cn-table"``) in a sideways-scrolling box.  Every
    cell is escaped (article text can hold ``<script>``: it must show as text)."""
    kinds = [_column_kind(df[c]) for c in df.columns]
    css = {"int": "cn-num", "float": "cn-num", "date": "cn-date", "bool": "cn-short", "short": "cn-short",
           "text": "cn-text"}
    head = "".join(f'<th class="{css[k] if k in ("int", "float") else ""}">{e(str(c))}</th>'
                   for c, k in zip(df.columns, kinds))
    body = []
    for row in df.itertuples(index=False, name=None):
        cells = "".join(f'<td class="{css[k]}">{e(format_value(v, k))}</td>' for v, k in zip(row, kinds))
        body.append(f"<tr>{cells}</tr>")
    return (f'<div class="cn-scroll"><table class="cn-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


_CODE = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


def inline_markup(text: str) -> str:
    """Plain text as HTML: escaped, with `code` as code and *emphasis* and **strong** as such (a
    reader never sees a literal backtick or asterisk of markdown)."""
    parts = re.split(r"(`[^`\n]+`)", text)
    out = []
    for part in parts:
        if _CODE.fullmatch(part):
            out.append(f"<code>{e(part[1:-1], quote=False)}</code>")
        else:
            part = _STRONG.sub(lambda m: f"<b>{m.group(1)}</b>", e(part, quote=False))
            out.append(_EM.sub(lambda m: f"<em>{m.group(1)}</em>", part))
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Pages

_HEADING = re.compile(r'<h([23])\s+id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def table_of_contents(body: str) -> str:
    """A nested list of the page's section (h2) and subsection (h3) headings, linked by id."""
    items: list[tuple[int, str, str]] = []
    for level, anchor, inner in _HEADING.findall(body):
        text = html.unescape(_TAGS.sub("", inner)).replace("¶", "").strip()
        if text:
            items.append((int(level), anchor, text))
    if len(items) < 2:
        return ""
    numbered = any(re.match(r"\d", text) for _, _, text in items)   # "1. Against people": no second number
    out, depth = ['<ol class="cn-plain">' if numbered else "<ol>"], 2
    for level, anchor, text in items:
        if level > depth:
            out.append("<ol>")
        elif level < depth:
            out.append("</ol>")
        depth = level
        out.append(f'<li><a href="#{e(anchor)}">{e(text)}</a></li>')
    out.append("</ol>" * (depth - 1))
    return f'<nav class="cn-toc" aria-label="Contents"><details open><summary><b>Contents</b></summary>{"".join(out)}</details></nav>'


def provenance_html(prov: dict) -> str:
    """The provenance block: library version, render date, corpus and its content hash, the
    parameters and the conflict profile, so a shared report says where it comes from."""
    rows = []
    for key, value in prov.items():
        if value in (None, "", {}, []):
            continue
        if isinstance(value, dict):
            shown = "; ".join(f"{k} = {json.dumps(v, default=str, ensure_ascii=False)}" for k, v in value.items())
        else:
            shown = str(value)
        rows.append(f"<dt>{e(str(key))}</dt><dd>{e(shown)}</dd>")
    summary = " · ".join(e(str(prov[k])) for k in ("rendered", "library") if prov.get(k))
    return (f'<section class="cn-provenance" aria-label="Provenance"><details><summary><b>Provenance</b> — '
            f'{summary}</summary><dl>{"".join(rows)}</dl></details></section>')


def _insert_head(doc: str, markup: str) -> str:
    if "</head>" in doc:
        return doc.replace("</head>", markup + "\n</head>", 1)
    return markup + doc


def finish_report(doc: str, provenance: dict | None = None) -> str:
    """An exported notebook made readable anywhere: viewport tag and style in the head, then the
    provenance and the table of contents after the report's title (or at the top of the page)."""
    if 'name="viewport"' not in doc:
        doc = _insert_head(doc, VIEWPORT)
    if 'id="cn-style"' not in doc:
        doc = _insert_head(doc, STYLE)
    top = (provenance_html(provenance) if provenance else "") + table_of_contents(doc)
    if not top:
        return doc
    h1 = re.search(r"</h1>", doc)
    if h1:
        return doc[:h1.end()] + top + doc[h1.end():]
    main = re.search(r"<main[^>]*>|<body[^>]*>", doc)
    return doc[:main.end()] + top + doc[main.end():] if main else top + doc


def page(title: str, body: str) -> str:
    """A standalone page in the reports' style (the index): viewport, style, no script."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{VIEWPORT}<title>{e(title)}</title>'
            f"{STYLE}</head><body class=\"cn-page\">\n{body}\n</body></html>\n")
