"""Figures of the int8 page: the input digit, float vs int8 probabilities, SQNR per layer, and
one layer's float activations against the dequantized int8 ones. Labels come in from the caller."""
from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from .common import BLUE, GREY, ORANGE, styled

SQNR_CAP = 80.0   # dB drawn for an exact layer (infinite SQNR)


def digit_figure(image: np.ndarray, labels: dict) -> go.Figure:
    """The (8, 8) input as a grey heatmap, ink dark. ``labels``: title, colorbar, hover."""
    fig = go.Figure(go.Heatmap(z=image[::-1], zmin=0, zmax=16, colorscale="Greys", showscale=True,
                               colorbar={"title": {"text": labels["colorbar"]}, "thickness": 12},
                               hovertemplate=labels["hover"] + "<extra></extra>",
                               y=list(range(7, -1, -1))))
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, constrain="domain")
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, scaleanchor="x")
    fig = styled(fig, labels["title"], "", "", height=300)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig


def probability_figure(p_float: np.ndarray, p_int: np.ndarray, labels: dict) -> go.Figure:
    """Grouped bars of the 10 class probabilities (%). ``labels``: title, x, y, float, int."""
    d = np.arange(len(p_float))
    fig = go.Figure([   # numeric positions side by side (so that the static export draws them alike)
        go.Bar(x=d - 0.2, y=100 * p_float, width=0.4, name=labels["float"], marker_color=BLUE,
               customdata=d, hovertemplate="%{customdata}: %{y:.2f} %<extra>" + labels["float"] + "</extra>"),
        go.Bar(x=d + 0.2, y=100 * p_int, width=0.4, name=labels["int"], marker_color=ORANGE,
               customdata=d, hovertemplate="%{customdata}: %{y:.2f} %<extra>" + labels["int"] + "</extra>")])
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(tickmode="array", tickvals=d, ticktext=[str(i) for i in d])
    fig.update_yaxes(range=[0, 100])
    return styled(fig, labels["title"], labels["x"], labels["y"], height=360)


def sqnr_figure(rows: list[dict], labels: dict, selected: str | None = None) -> go.Figure:
    """SQNR (dB) of each layer's activation, in layer order. An exact layer (infinite SQNR) is
    drawn at ``SQNR_CAP`` and marked. ``labels``: title, x, y, exact, hover."""
    names = [row["layer"] for row in rows]
    values = [row["sqnr_db"] for row in rows]
    shown = [SQNR_CAP if v == math.inf else max(v, 0.0) if math.isfinite(v) else 0.0 for v in values]
    text = [labels["exact"] if v == math.inf else f"{v:.1f}" for v in values]
    colors = [ORANGE if name == selected else BLUE for name in names]
    fig = go.Figure(go.Bar(x=names, y=shown, text=text, textposition="outside", marker_color=colors,
                           cliponaxis=False, hovertemplate=labels["hover"] + "<extra></extra>"))
    fig.update_yaxes(range=[0, max(shown + [10]) * 1.18])
    return styled(fig, labels["title"], labels["x"], labels["y"], height=360)


def activation_figure(x: np.ndarray, x_hat: np.ndarray, labels: dict) -> go.Figure:
    """Each value of one activation: float32 (x) against dequantized int8 (y), with y = x.
    ``labels``: title, x, y, identity, values."""
    x, x_hat = np.ravel(x).astype(np.float64), np.ravel(x_hat).astype(np.float64)
    lo, hi = float(min(x.min(), x_hat.min())), float(max(x.max(), x_hat.max()))
    pad = 0.05 * (hi - lo or 1.0)
    fig = go.Figure([
        go.Scatter(x=[lo - pad, hi + pad], y=[lo - pad, hi + pad], mode="lines", name=labels["identity"],
                   line={"color": GREY, "dash": "dash", "width": 1}, hoverinfo="skip"),
        go.Scatter(x=x, y=x_hat, mode="markers", name=labels["values"],
                     marker={"color": BLUE, "size": 6, "opacity": 0.6},
                     hovertemplate="%{x:.4g} → %{y:.4g}<extra></extra>")])
    return styled(fig, labels["title"], labels["x"], labels["y"], height=380)
