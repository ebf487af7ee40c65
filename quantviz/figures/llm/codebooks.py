"""The values of three 4-bit codes on one number line, as multiples of the block's largest
magnitude: uniform int4, NF4's normal quantiles, FP4 (E2M1)'s powers of two."""
from __future__ import annotations

from ..spec import figure
from ..style import BLUE, GREEN, RED, keyed_layout

COLOURS = {"int4": BLUE, "nf4": GREEN, "fp4": RED}
ROW_NAMES = {"showticklabels": False, "showgrid": False, "zeroline": False}


def codebook_figure(books: dict, labels: dict):
    """``books``: name -> ascending values on [-1, 1]; ``labels``: title, x, hover and a row
    name per book. One row per book, its name written above its left end (a phone has no room
    for names beside the rows)."""
    traces, names = [], []
    for row, (name, values) in enumerate(reversed(books.items())):
        colour = COLOURS.get(name, BLUE)
        traces.append({"type": "scatter", "x": list(values), "y": [row] * len(values), "mode": "markers",
                       "name": labels[name], "customdata": list(range(len(values))),
                       "marker": {"color": colour, "size": 12, "symbol": "line-ns",
                                  "line": {"width": 3, "color": colour}},
                       "hovertemplate": labels["hover"] + "<extra></extra>"})
        names.append({"text": labels[name], "x": -1.08, "y": row, "xanchor": "left", "yanchor": "bottom",
                      "yshift": 8, "showarrow": False, "font": {"color": colour}})
    layout = keyed_layout(labels["x"], "", 300, title={"text": labels["title"]}, margin={"l": 40},
                          xaxis={"range": [-1.08, 1.08], "zeroline": True},
                          yaxis={**ROW_NAMES, "range": [-0.6, len(books) - 0.2]}, annotations=names)
    return figure(traces, layout)
