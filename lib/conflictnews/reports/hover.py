"""Hover text for the points of a figure, with no script: SVG ``<title>`` elements.

A drawing helper marks an artist (a marker, a bar) with :func:`tip`; when the figure is saved as
SVG, :func:`svg_with_titles` writes each text as the ``<title>`` of that artist's group.  A
browser shows a ``<title>`` as a tooltip when the pointer rests on the shape, in a static, offline
file (the report shows such figures as inline SVG).  So the sentence behind every point is one
gesture away.
"""
from __future__ import annotations

import html
import re

# The longest hover text kept: a sentence of a news article, not a whole article.
MAX_CHARS = 600
_ID = "cn-tip-"


def tip(artist, text: str) -> None:
    """Give ``artist`` the hover text ``text`` (its sentence and source, usually)."""
    fig = artist.figure if artist.figure is not None else artist.axes.figure
    tips = fig.__dict__.setdefault("_cn_tips", {})
    gid = f"{_ID}{len(tips)}"
    artist.set_gid(gid)
    text = "\n".join(" ".join(line.split()) for line in str(text).strip().splitlines())
    tips[gid] = text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1].rstrip() + "…"


def tips_of(fig) -> dict[str, str]:
    """The hover texts given to the artists of ``fig``, by SVG id."""
    return dict(fig.__dict__.get("_cn_tips", {}))


def svg_with_titles(svg: str, tips: dict[str, str], prefix: str = "tip") -> str:
    """``svg`` with each tip written as the ``<title>`` of its group, and the groups' ids made
    ``<prefix>-<n>`` (unique in a page that shows several figures)."""
    def add(m: re.Match) -> str:
        gid = m.group(1)
        text = tips.get(gid)
        new_id = f"{prefix}-{gid[len(_ID):]}"
        if text is None:
            return f'<g id="{html.escape(new_id)}">'
        return f'<g id="{html.escape(new_id)}"><title>{html.escape(text, quote=False)}</title>'
    return re.sub(rf'<g id="({_ID}\d+)">', add, svg)


def inline_svg(svg: str, alt: str) -> str:
    """SVG markup to place inside an HTML page: no XML prolog, scales with the page (its width
    and height become the viewBox's proportions), described by ``alt`` for screen readers."""
    svg = re.sub(r"^\s*<\?xml[^>]*>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    m = re.search(r"<svg\b[^>]*>", svg)
    if not m:
        return svg
    head = m.group(0)
    width = re.search(r'\swidth="([\d.]+)pt"', head)
    new_head = re.sub(r'\s(?:width|height)="[^"]*"', "", head)
    style = f"width:100%;max-width:{float(width.group(1)) * 4 / 3:.0f}px;height:auto" if width else "width:100%"
    new_head = new_head[:-1] + f' style="{style}" role="img" aria-label="{html.escape(alt)}">'
    return svg[:m.start()] + new_head + svg[m.end():]
