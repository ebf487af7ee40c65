"""GPTQ step by step: the top-left weights before and after one column is rounded (the columns
to its right moved to make up for its error), and the layer's output error against
round-to-nearest."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..style import BLUE, ORANGE, PURPLE, styled


def step_figure(step: dict, labels: dict) -> go.Figure:
    """``step``: column, before, after (rows x columns shown); the weights before, and the change
    each later column received to make up for the rounded one (outlined). ``labels``: title, x,
    y, hover, before, change."""
    before, after = np.asarray(step["before"]), np.asarray(step["after"])
    j = step["column"]
    change = after - before
    change[:, :j + 1] = np.nan     # the column rounded (and those before it) left out: the compensation stands out
    fig = make_subplots(rows=1, cols=2, subplot_titles=(labels["before"], labels["change"]), horizontal_spacing=0.12)
    limit = float(np.abs(before).max()) or 1.0
    fig.add_trace(go.Heatmap(z=before, colorscale="RdBu", zmid=0, zmin=-limit, zmax=limit, showscale=False,
                             hovertemplate=labels["hover"] + "<extra></extra>"), row=1, col=1)
    moved = float(np.nanmax(np.abs(change), initial=0.0)) or 1.0
    fig.add_trace(go.Heatmap(z=change, colorscale="PuOr", zmid=0, zmin=-moved, zmax=moved,
                             colorbar={"thickness": 12, "len": 0.8, "exponentformat": "e"},
                             hovertemplate=labels["hover"] + "<extra></extra>"), row=1, col=2)
    for col in (1, 2):
        fig.add_shape(type="rect", x0=j - 0.5, x1=j + 0.5, y0=-0.5, y1=before.shape[0] - 0.5,
                      line={"color": PURPLE, "width": 3}, row=1, col=col)   # seen on light and dark
        fig.update_yaxes(autorange="reversed", title_text=labels["y"] if col == 1 else None, row=1, col=col)
        fig.update_xaxes(title_text=labels["x"], row=1, col=col)
    fig = styled(fig, labels["title"], labels["x"], labels["y"], height=360)
    fig.update_layout(yaxis={"title": {"text": labels["y"]}})
    return fig


def error_figure(values: dict, labels: dict) -> go.Figure:
    """``values``: rtn, gptq (held-out) and rtn_calib, gptq_calib (calibration rows): grouped bars."""
    fig = go.Figure()
    for name, colour in (("rtn", BLUE), ("gptq", ORANGE)):
        fig.add_trace(go.Bar(x=[labels["held_out"], labels["calibration"]],
                             y=[values[name], values[f"{name}_calib"]], name=labels[name], marker={"color": colour},
                             hovertemplate=labels["hover"] + "<extra></extra>"))
    fig = styled(fig, labels["title"], "", labels["y"], height=340)
    fig.update_layout(barmode="group")
    return fig
