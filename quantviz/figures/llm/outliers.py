"""Outlier channels, in one figure of two panels: above, each input channel's largest activation as
it is, after SmoothQuant and after the rotation (log scale); below, W8A8's output error for each.
Assembled as plain dicts with a key the page writes (``quantviz.figures.spec``): a slider redraws
it on every move, and one figure is mounted once where two would be mounted twice."""
from __future__ import annotations

import numpy as np

from ..spec import figure
from ..style import GREEN, GREY, ORANGE, RED, TICKS, TITLE_STANDOFF, KeyEntry, keyed_layout, panel_title

COLOURS = {"none": GREY, "SmoothQuant": GREEN, "rotation": ORANGE, "LLM.int8": RED}
LOG_AXIS = {"type": "log", "dtick": 1, "exponentformat": "power"}
CHANNELS, ERRORS = [0.6, 0.94], [0.0, 0.36]    # the panels' heights, as shares of the plot area
HEIGHT = 720


def outlier_figure(maxima: dict, errors: dict, labels: dict):
    """``maxima``: transform -> max |X_j| per channel; ``errors``: granularity -> {transform:
    relative output error}; ``labels``: title, channels (the upper panel's title), x, y, hover,
    errors (the lower panel's title), error_y, error_hover, one name per granularity and per
    transform."""
    lines = [{"type": "scatter", "x": np.arange(len(values)), "y": np.maximum(values, 1e-12), "mode": "lines",
              "name": labels[name], "line": {"color": COLOURS[name], "width": 1.5},
              "hovertemplate": labels["hover"] + "<extra></extra>"} for name, values in maxima.items()]
    transforms = list(next(iter(errors.values())))
    bars = [{"type": "bar", "x": [labels[g] for g in errors], "y": [max(errors[g][name], 1e-12) for g in errors],
             "name": labels[name], "marker": {"color": COLOURS[name]}, "xaxis": "x2", "yaxis": "y2",
             "hovertemplate": labels["error_hover"] + "<extra></extra>"} for name in transforms]
    lower = {"title": {"text": "", "standoff": TITLE_STANDOFF}, **TICKS}
    layout = keyed_layout(labels["x"], labels["y"], HEIGHT, title={"text": labels["title"]}, barmode="group",
                          yaxis={**LOG_AXIS, "domain": CHANNELS}, xaxis={"anchor": "y"},
                          xaxis2={**lower, "anchor": "y2"},
                          yaxis2={**lower, **LOG_AXIS, "domain": ERRORS, "title": {"text": labels["error_y"],
                                                                                   "standoff": TITLE_STANDOFF}},
                          annotations=[panel_title(labels["channels"], CHANNELS[1]),
                                       panel_title(labels["errors"], ERRORS[1])])
    names = list(dict.fromkeys([*maxima, *transforms]))
    return figure(lines + bars, layout, [KeyEntry("■", COLOURS[name], labels[name]) for name in names])
