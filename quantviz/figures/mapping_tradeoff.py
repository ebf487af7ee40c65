"""The range trade-off: rounding error falls and clipping error rises as the range shrinks."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .common import BLUE, GREY, RED
from .mapping_hist import METHOD_COLOURS
from .mapping_style import figure, layout

SYMBOLS = {"minmax": "circle", "percentile": "diamond", "mse": "star", "entropy": "square"}


def tradeoff_figure(sweep: dict, picks: dict, current: tuple[float, float] | None, labels: dict,
                    height: int = 420) -> go.Figure:
    """MSE against the kept share of the min-max range (``alpha``), split in rounding and clipping.

    ``picks``: method -> (alpha, total MSE) of each calibration method's range; ``current``:
    (alpha, total MSE) of the range in use. ``labels``: title, x, y, rounding, clipping, total,
    current, one per method, hover.
    """
    alpha = np.asarray(sweep["alpha"]) * 100
    hover = labels["hover"] + "<extra></extra>"
    traces = []
    for key, colour, dash in (("rounding", BLUE, "dot"), ("clipping", RED, "dash"), ("total", GREY, "solid")):
        y = np.asarray(sweep[key], dtype=np.float64)
        y = np.where(y > 0, y, np.nan)  # a log axis has no zero
        traces.append({"type": "scatter", "x": alpha, "y": y, "mode": "lines", "name": labels[key],
                       "line": {"color": colour, "dash": dash, "width": 3 if key == "total" else 2},
                       "hovertemplate": hover})
    for method, (a, mse) in picks.items():
        if mse > 0:
            traces.append({"type": "scatter", "x": [a * 100], "y": [mse], "mode": "markers", "name": labels[method],
                           "marker": {"color": METHOD_COLOURS[method], "size": 14, "symbol": SYMBOLS[method],
                                      "line": {"width": 1, "color": "white"}}, "hovertemplate": hover})
    if current is not None and current[1] > 0:
        traces.append({"type": "scatter", "x": [current[0] * 100], "y": [current[1]], "mode": "markers",
                       "name": labels["current"], "hovertemplate": hover,
                       "marker": {"color": RED, "size": 18, "symbol": "x-thin-open", "line": {"width": 3, "color": RED}}})
    return figure(traces, layout(labels["title"], labels["x"], labels["y"], height,
                                 yaxis={"type": "log", "exponentformat": "power"}))
