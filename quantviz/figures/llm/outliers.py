"""Outlier channels: each input channel's largest activation as it is, after SmoothQuant and
after the rotation (log scale), and W8A8's output error for each."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..style import GREEN, GREY, ORANGE, RED, styled

COLOURS = {"none": GREY, "SmoothQuant": GREEN, "rotation": ORANGE, "LLM.int8": RED}


def channel_figure(maxima: dict, labels: dict) -> go.Figure:
    """``maxima``: transform -> max |X_j| per channel; ``labels``: title, x, y, hover and one
    name per transform."""
    fig = go.Figure()
    for name, values in maxima.items():
        fig.add_trace(go.Scatter(x=np.arange(len(values)), y=np.maximum(values, 1e-12), mode="lines",
                                 name=labels[name], line={"color": COLOURS[name], "width": 1.5},
                                 hovertemplate=labels["hover"] + "<extra></extra>"))
    fig = styled(fig, labels["title"], labels["x"], labels["y"], height=400)
    fig.update_layout(yaxis={"type": "log", "dtick": 1, "exponentformat": "power"})
    return fig


def error_figure(errors: dict, labels: dict) -> go.Figure:
    """``errors``: granularity -> {transform: relative output error}; grouped bars (log scale)."""
    fig = go.Figure()
    names = list(next(iter(errors.values())))
    for name in names:
        fig.add_trace(go.Bar(x=[labels[g] for g in errors], y=[max(errors[g][name], 1e-12) for g in errors],
                             name=labels[name], marker={"color": COLOURS[name]},
                             hovertemplate=labels["hover"] + "<extra></extra>"))
    fig = styled(fig, labels["title"], "", labels["y"], height=360)
    fig.update_layout(yaxis={"type": "log", "dtick": 1, "exponentformat": "power"}, barmode="group")
    return fig
