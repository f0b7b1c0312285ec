"""Text from the corpus shown in matplotlib figures, as written.

Matplotlib reads a label with two ``$`` signs as math ("mathtext"): an outlet called
``$\\undefined$`` stops the figure with a parse error, and "$5 million and $10 million" loses its
dollar signs.  Text that comes from the data goes through :func:`mpl_text` before it becomes a
title, an axis or tick label or a legend entry; :func:`show_math_as_text` turns math parsing off
on every text of a figure that is already drawn (``Report.figure`` does it when saving fails).
"""
from __future__ import annotations


def mpl_text(value) -> str:
    """``value`` as text that matplotlib shows as written: every ``$`` escaped (``\\$``)."""
    return str(value).replace("$", r"\$")


def show_math_as_text(fig) -> None:
    """Turn off math parsing for every text of ``fig`` (titles, labels, tick labels, legends,
    annotations): each then shows as written."""
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_parse_math(False)
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick.label1.set_parse_math(False)
                tick.label2.set_parse_math(False)
