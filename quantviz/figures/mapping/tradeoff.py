"""The range trade-off: rounding error falls and clipping error rises as the range shrinks."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..spec import figure
from ..style import BLUE, GREY, RED, KeyEntry, keyed_layout
from .histogram import METHOD_COLOURS, METHOD_GLYPHS, METHOD_SYMBOLS

SYMBOLS = METHOD_SYMBOLS


def tradeoff_figure(sweep: dict, picks: dict, current: tuple[float, float] | None, labels: dict,
                    height: int = 420) -> go.Figure:
    """MSE against the kept share of the min-max range (``alpha``), split in rounding and clipping.

    ``picks``: method -> (alpha, total MSE) of each calibration method's range; ``current``:
    (alpha, total MSE) of the range in use. ``labels``: title, x, y, rounding, clipping, total,
    current, one per method, hover. The key is ``figure.key``.
    """
    alpha = np.asarray(sweep["alpha"]) * 100
    hover = labels["hover"] + "<extra></extra>"
    traces, key = [], []
    for name, colour, dash, glyph in (("rounding", BLUE, "dot", "┈"), ("clipping", RED, "dash", "┅"),
                                      ("total", GREY, "solid", "━")):
        y = np.asarray(sweep[name], dtype=np.float64)
        y = np.where(y > 0, y, np.nan)  # a log axis has no zero
        traces.append({"type": "scatter", "x": alpha, "y": y, "mode": "lines", "name": labels[name],
                       "line": {"color": colour, "dash": dash, "width": 3 if name == "total" else 2},
                       "hovertemplate": hover})
        key.append(KeyEntry(glyph, colour, labels[name]))
    shown = [m for m, (_, mse) in picks.items() if mse > 0]
    if shown:  # one trace: a marker per method, in its colour and symbol
        traces.append({"type": "scatter", "x": [picks[m][0] * 100 for m in shown], "y": [picks[m][1] for m in shown],
                       "mode": "markers", "name": "picks", "text": [labels[m] for m in shown],
                       "marker": {"color": [METHOD_COLOURS[m] for m in shown], "size": 14,
                                  "symbol": [SYMBOLS[m] for m in shown], "line": {"width": 1, "color": "white"}},
                       "hovertemplate": "%{text}<br>" + hover})
        key += [KeyEntry(METHOD_GLYPHS[m], METHOD_COLOURS[m], labels[m]) for m in shown]
    if current is not None and current[1] > 0:
        traces.append({"type": "scatter", "x": [current[0] * 100], "y": [current[1]], "mode": "markers",
                       "name": labels["current"], "hovertemplate": hover,
                       "marker": {"color": RED, "size": 18, "symbol": "x-thin-open",
                                  "line": {"width": 3, "color": RED}}})
        key.append(KeyEntry("✕", RED, labels["current"]))
    return figure(traces, keyed_layout(labels["x"], labels["y"], height,
                                       yaxis={"type": "log", "exponentformat": "power"}), key)
