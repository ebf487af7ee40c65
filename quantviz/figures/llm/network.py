"""A whole bundled network under each weight format: test accuracy against bits per weight."""
from __future__ import annotations

from ..spec import figure
from ..style import GREY, KeyEntry, keyed_layout
from .pareto import BITS_AXIS, FAMILY_STYLE, GLYPHS

MARGIN = {"l": 104}   # room for the accuracy's tick labels ("97.5 %") and title


def network_figure(rows: list[dict], labels: dict):
    """``rows``: name, family, stored_bits, accuracy (0..1), correct; ``labels``: title, x, y,
    hover, float_line and one name per family. Assembled as plain dicts with a key the page
    writes; it does not depend on the format chosen (the page says that format's accuracy in
    words), so choosing a format does not redraw it."""
    traces, key = [], []
    for family, (colour, symbol) in FAMILY_STYLE.items():
        group = [r for r in rows if r["family"] == family and family != "float"]
        if group:
            traces.append({"type": "scatter", "x": [r["stored_bits"] for r in group],
                           "y": [100 * r["accuracy"] for r in group], "mode": "markers", "name": labels[family],
                           "customdata": [[r["name"], r["correct"]] for r in group],
                           "marker": {"color": colour, "symbol": symbol, "size": 11},
                           "hovertemplate": labels["hover"] + "<extra></extra>"})
            key.append(KeyEntry(GLYPHS[symbol], colour, labels[family]))
    shapes, notes = [], []
    base = next((r for r in rows if r["family"] == "float"), None)
    if base is not None:
        acc = 100 * base["accuracy"]
        shapes.append({"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": acc, "y1": acc, "yref": "y",
                       "line": {"color": GREY, "dash": "dot", "width": 1.5}})
        notes.append({"x": 0, "xref": "x domain", "y": acc, "yref": "y", "text": labels["float_line"],
                      "showarrow": False, "xanchor": "left", "yanchor": "bottom", "font": {"color": GREY, "size": 12}})
    layout = keyed_layout(labels["x"], labels["y"], 440, title={"text": labels["title"]}, margin=MARGIN,
                          xaxis=BITS_AXIS, yaxis={"ticksuffix": " %"}, shapes=shapes, annotations=notes)
    return figure(traces, layout, key)
