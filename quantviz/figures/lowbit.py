"""Weights before and after a low-bit quantizer: two pre-binned histograms on one x axis."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .common import BLUE, GREY, ORANGE, styled


def before_after_figure(edges: np.ndarray, before: np.ndarray, after: np.ndarray,
                        thresholds: tuple[float, ...], labels: dict) -> go.Figure:
    """Counts per bin of the weights (top) and of their approximation (bottom), the quantizer's
    thresholds drawn on both. ``labels``: title, x, y, before, after, threshold, hover."""
    centers = (edges[:-1] + edges[1:]) / 2
    width = float(edges[1] - edges[0])
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    for row, counts, name, colour in ((1, before, labels["before"], BLUE), (2, after, labels["after"], ORANGE)):
        fig.add_trace(go.Bar(x=centers, y=counts, width=width, name=name, marker={"color": colour},
                             hovertemplate=labels["hover"] + "<extra></extra>"), row=row, col=1)
    for i, threshold in enumerate(thresholds):
        for row in (1, 2):
            note = {"annotation_text": labels["threshold"], "annotation_position": "top left"} if row + i == 1 else {}
            fig.add_vline(x=threshold, line={"color": GREY, "dash": "dash", "width": 2}, row=row, col=1, **note)
    fig = styled(fig, labels["title"], "", "", height=520)
    fig.update_layout(bargap=0, xaxis2_title_text=labels["x"], yaxis_title_text=labels["y"],
                      yaxis2_title_text=labels["y"])
    return fig
