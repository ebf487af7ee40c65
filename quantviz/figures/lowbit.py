"""Weights before and after a low-bit quantizer: two pre-binned histograms on one x axis."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .common import BLUE, GREY, ORANGE, styled


def before_after_figure(edges: np.ndarray, before: np.ndarray, after: np.ndarray,
                        thresholds: tuple[float, ...], labels: dict) -> go.Figure:
    """Counts per bin of the weights (top) and of their approximation (bottom), the quantizer's
    thresholds drawn on both. ``labels``: title, x, y, before, after, threshold, hover."""
    centers = (edges[:-1] + edges[1:]) / 2
    width = float(edges[1] - edges[0])
    fig = go.Figure()
    for axis, counts, name, colour in (("", before, labels["before"], BLUE), ("2", after, labels["after"], ORANGE)):
        fig.add_trace(go.Bar(x=centers, y=counts, width=width, name=name, marker={"color": colour},
                             xaxis=f"x{axis}", yaxis=f"y{axis}", hovertemplate=labels["hover"] + "<extra></extra>"))
        for threshold in thresholds:
            fig.add_shape(type="line", x0=threshold, x1=threshold, y0=0, y1=1, xref=f"x{axis}",
                          yref=f"y{axis} domain", line={"color": GREY, "dash": "dash", "width": 2})
    if thresholds:
        fig.add_annotation(x=thresholds[0], y=1, xref="x", yref="y domain", text=labels["threshold"],
                           showarrow=False, xanchor="right", yanchor="bottom")
    # two stacked panels sharing one x axis (faster than make_subplots, which pages pay on every run)
    fig.update_layout(xaxis={"matches": "x2", "showticklabels": False, "anchor": "y"},
                      xaxis2={"anchor": "y2", "title": {"text": labels["x"]}},
                      yaxis={"domain": [0.54, 1.0], "title": {"text": labels["y"]}},
                      yaxis2={"domain": [0.0, 0.46], "title": {"text": labels["y"]}}, bargap=0)
    fig = styled(fig, labels["title"], "", "", height=520)
    fig.update_layout(xaxis2_title_text=labels["x"], yaxis_title_text=labels["y"], yaxis2_title_text=labels["y"])
    return fig
