"""Outlier channels: each input channel's largest activation as it is, after SmoothQuant and after
the rotation (log scale), and W8A8's output error for each. Assembled as plain dicts with a key
the page writes (``quantviz.figures.spec``): a slider redraws them on every move."""
from __future__ import annotations

import numpy as np

from ..spec import figure
from ..style import GREEN, GREY, ORANGE, RED, KeyEntry, keyed_layout

COLOURS = {"none": GREY, "SmoothQuant": GREEN, "rotation": ORANGE, "LLM.int8": RED}
LOG_AXIS = {"type": "log", "dtick": 1, "exponentformat": "power"}


def channel_figure(maxima: dict, labels: dict):
    """``maxima``: transform -> max |X_j| per channel; ``labels``: title, x, y, hover and one
    name per transform."""
    traces = [{"type": "scatter", "x": np.arange(len(values)), "y": np.maximum(values, 1e-12), "mode": "lines",
               "name": labels[name], "line": {"color": COLOURS[name], "width": 1.5},
               "hovertemplate": labels["hover"] + "<extra></extra>"} for name, values in maxima.items()]
    layout = keyed_layout(labels["x"], labels["y"], 400, title={"text": labels["title"]}, yaxis=LOG_AXIS)
    return figure(traces, layout, [KeyEntry("━", COLOURS[name], labels[name]) for name in maxima])


def error_figure(errors: dict, labels: dict):
    """``errors``: granularity -> {transform: relative output error}; grouped bars (log scale)."""
    names = list(next(iter(errors.values())))
    traces = [{"type": "bar", "x": [labels[g] for g in errors], "y": [max(errors[g][name], 1e-12) for g in errors],
               "name": labels[name], "marker": {"color": COLOURS[name]},
               "hovertemplate": labels["hover"] + "<extra></extra>"} for name in names]
    layout = keyed_layout("", labels["y"], 360, title={"text": labels["title"]}, yaxis=LOG_AXIS, barmode="group")
    return figure(traces, layout, [KeyEntry("■", COLOURS[name], labels[name]) for name in names])
