"""GPTQ step by step: the top-left weights before and after one column is rounded (the columns
to its right moved to make up for its error), and the layer's output error against
round-to-nearest."""
from __future__ import annotations

import numpy as np
from plotly.colors import get_colorscale

from ..spec import figure
from ..style import BLUE, ORANGE, PURPLE, TICKS, TITLE_STANDOFF, KeyEntry, keyed_layout, panel_title

BEFORE, CHANGE = [0.58, 1.0], [0.0, 0.42]   # the two panels, one above the other (shares of the plot's height)
COLOUR_BAR_ROOM = 96                         # px right of the plot: the colour bar and its tick labels (1.2e-03)
BARS = {"rtn": BLUE, "gptq": ORANGE}         # round-to-nearest and GPTQ in the error figure


def step_figure(step: dict, labels: dict):
    """``step``: column, before, after (rows x columns shown); the weights before, and the change
    each later column received to make up for the rounded one (outlined). ``labels``: title, x,
    y, hover, before, change. Assembled as plain dicts with margins that hold the colour bar (the
    step slider redraws it on every move; a colour bar pushing the margins would draw it twice), and
    the colour scales as lists (plotly.js knows no ``PuOr``, and its own ``RdBu`` runs the other way)."""
    before, after = np.asarray(step["before"], dtype=np.float64), np.asarray(step["after"], dtype=np.float64)
    j = step["column"]
    change = after - before
    change[:, :j + 1] = np.nan     # the column rounded (and those before it) left out: the compensation stands out
    limit = float(np.abs(before).max()) or 1.0
    moved = float(np.nanmax(np.abs(change), initial=0.0)) or 1.0
    hover = labels["hover"] + "<extra></extra>"
    traces = [{"type": "heatmap", "z": before, "colorscale": get_colorscale("RdBu"), "zmid": 0,
               "zmin": -limit, "zmax": limit, "showscale": False, "hovertemplate": hover},
              {"type": "heatmap", "z": change, "colorscale": get_colorscale("PuOr"), "zmid": 0,
               "zmin": -moved, "zmax": moved, "xaxis": "x2", "yaxis": "y2", "hovertemplate": hover,
               "colorbar": {"thickness": 12, "len": CHANGE[1] - CHANGE[0], "y": CHANGE[0], "yanchor": "bottom",
                            "x": 1.0, "xanchor": "left", "xpad": 8, "exponentformat": "e", **TICKS}}]
    outline = [{"type": "rect", "xref": x, "yref": y, "x0": j - 0.5, "x1": j + 0.5, "y0": -0.5,
                "y1": before.shape[0] - 0.5, "line": {"color": PURPLE, "width": 3}}      # seen on light and dark
               for x, y in (("x", "y"), ("x2", "y2"))]
    layout = keyed_layout(labels["x"], labels["y"], 480, title={"text": labels["title"]}, shapes=outline,
                          margin={"r": COLOUR_BAR_ROOM, "t": 36, "b": 72},
                          xaxis={"anchor": "y", "matches": "x2", "title": {"text": ""}},
                          yaxis={"autorange": "reversed", "domain": BEFORE},
                          xaxis2={**TICKS, "anchor": "y2", "title": {"text": labels["x"], "standoff": TITLE_STANDOFF}},
                          yaxis2={**TICKS, "autorange": "reversed", "domain": CHANGE, "anchor": "x2",
                                  "title": {"text": labels["y"], "standoff": TITLE_STANDOFF}},
                          annotations=[panel_title(labels["before"], BEFORE[1]),
                                       panel_title(labels["change"], CHANGE[1])])
    return figure(traces, layout)


def error_figure(values: dict, labels: dict):
    """``values``: rtn, gptq (held-out) and rtn_calib, gptq_calib (calibration rows): grouped bars,
    with a key the page writes. ``labels``: title, y, hover, rtn, gptq, held_out, calibration."""
    traces = [{"type": "bar", "x": [labels["held_out"], labels["calibration"]],
               "y": [values[name], values[f"{name}_calib"]], "name": labels[name], "marker": {"color": colour},
               "hovertemplate": labels["hover"] + "<extra></extra>"} for name, colour in BARS.items()]
    layout = keyed_layout("", labels["y"], 340, title={"text": labels["title"]}, barmode="group")
    return figure(traces, layout, [KeyEntry("■", colour, labels[name]) for name, colour in BARS.items()])
