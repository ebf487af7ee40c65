"""Figures of the arithmetic page: rounding of a requantization, matmul error, accumulator overflow."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .style import BLUE, GREY, ORANGE, RED, styled


def _styled(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 420) -> go.Figure:
    """``styled``, with the legend below the axis title: on a phone, a legend above the plot would
    cover a long title."""
    styled(fig, title, x_title, y_title, height=height)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0},
                      margin={"b": 110})
    return fig


def rounding_figure(x: np.ndarray, exact: np.ndarray, double: np.ndarray, single: np.ndarray,
                    x_mark: int, labels: dict) -> go.Figure:
    """``x * M`` exactly and after TFLite's two roundings / single rounding, around ``x_mark``.

    ``labels``: title, x, y (axis titles with units), exact, double, single, disagree, mark.
    """
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=exact, name=labels["exact"], mode="lines",
                             line={"color": GREY, "dash": "dot"}))
    fig.add_trace(go.Scatter(x=x, y=double, name=labels["double"], mode="markers",
                             marker={"color": BLUE, "size": 9, "symbol": "circle"}))
    fig.add_trace(go.Scatter(x=x, y=single, name=labels["single"], mode="markers",
                             marker={"color": ORANGE, "size": 9, "symbol": "x"}))
    differ = double != single
    if np.any(differ):
        fig.add_trace(go.Scatter(x=x[differ], y=double[differ], name=labels["disagree"], mode="markers",
                                 marker={"color": "rgba(0,0,0,0)", "size": 19,
                                         "line": {"color": RED, "width": 2.5}}))
    fig.add_vline(x=x_mark, line={"color": GREY, "width": 1}, annotation_text=labels["mark"],
                  annotation_position="top left")
    return _styled(fig, labels["title"], labels["x"], labels["y"])


def error_figure(names: list[str], error_lsb: np.ndarray, labels: dict, ticks: list[str] | None = None) -> go.Figure:
    """Bars of (integer result - float result) / s_out per output element, with the ±½ step band.

    ``labels``: title, x, y (with units), band, hover (format string with %{y}). ``ticks``: shorter
    names under the bars (``1,2`` under an axis named ``C[i, j]``: upright on a phone), else ``names``.
    """
    error_lsb = np.asarray(error_lsb, dtype=np.float64).ravel()
    colors = [BLUE if abs(e) <= 0.5 else ORANGE for e in error_lsb]
    position = np.arange(error_lsb.size)  # numeric positions named by tick labels (exports need numbers)
    fig = go.Figure(go.Bar(x=position, y=error_lsb, marker_color=colors, name=labels["y"], customdata=names,
                           hovertemplate=labels["hover"] + "<extra></extra>"))
    fig.update_xaxes(tickvals=position, ticktext=ticks or names)
    fig.add_hrect(y0=-0.5, y1=0.5, fillcolor=GREY, opacity=0.18, line_width=0)
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels["band"],
                             marker={"color": GREY, "symbol": "square", "size": 12, "opacity": 0.4}))
    top = max(1.0, float(np.max(np.abs(error_lsb), initial=0.0)) * 1.15)
    fig.update_yaxes(range=[-top, top], zeroline=True)
    return _styled(fig, labels["title"], labels["x"], labels["y"], height=380)


def overflow_figure(worst_product: int, n_mark: int, limits: dict, labels: dict,
                    n_max: int = 2**20) -> go.Figure:
    """Worst-case ``|acc| = N * worst_product`` against N (log-log), with the accumulator limits.

    ``limits``: label -> largest value the accumulator holds. ``labels``: title, x, y, worst, mark.
    """
    n = np.logspace(np.log10(0.5), np.log10(n_max), 200)  # from N < 1: where even one product overflows
    fig = go.Figure(go.Scatter(x=n, y=n * worst_product, mode="lines", name=labels["worst"],
                               line={"color": BLUE, "width": 3}))
    for (name, limit), color in zip(limits.items(), (ORANGE, RED)):
        fig.add_hline(y=limit, line={"color": color, "dash": "dash"})
        fig.add_trace(go.Scatter(x=[limit / worst_product], y=[limit], mode="markers", name=name,
                                 marker={"color": color, "size": 11, "symbol": "diamond"}))
    fig.add_trace(go.Scatter(x=[n_mark], y=[n_mark * worst_product], mode="markers", name=labels["mark"],
                             marker={"color": GREY, "size": 12, "line": {"color": "white", "width": 1}}))
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log", exponentformat="power")
    return _styled(fig, labels["title"], labels["x"], labels["y"])
