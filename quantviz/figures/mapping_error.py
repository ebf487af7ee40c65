"""What quantization loses: the error against x (a sawtooth inside the range) and its histogram."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..affine import QParams, fake_quantize
from .common import BLUE, GREY, RED, styled
from .mapping import EXACT_STEPS, staircase_x
from .mapping_hist import clip_edges


def error_curve_figure(qp: QParams, lo: float, hi: float, labels: dict, height: int = 380) -> go.Figure:
    r"""Reconstruction error :math:`\hat{x} - x` for every real ``x`` in ``[lo, hi]``.

    Inside the range it is a sawtooth between ``-s/2`` and ``+s/2``; beyond it the clamp makes it
    grow linearly. With more than ``EXACT_STEPS`` levels the teeth are too fine to draw and the
    band ``±s/2`` they fill is drawn instead. ``labels``: title, x, y, error, band, bound, hover.
    """
    lo_clip, hi_clip = clip_edges(qp)
    half = qp.scale / 2
    fig = go.Figure()
    x = staircase_x(qp, lo, hi, 2001)
    if qp.levels > EXACT_STEPS:
        inside = (x >= lo_clip) & (x <= hi_clip)
        a, b = max(lo, lo_clip), min(hi, hi_clip)
        if b > a:
            fig.add_trace(go.Scatter(x=[a, b, b, a, a], y=[-half, -half, half, half, -half], fill="toself",
                                     mode="lines", line={"width": 0}, fillcolor=BLUE, opacity=0.35,
                                     name=labels["band"], hoverinfo="skip"))
        x = np.concatenate([x[x < lo_clip], [np.nan], x[x > hi_clip]])
    error = fake_quantize(x, qp).astype(np.float64) - x
    fig.add_trace(go.Scatter(x=x, y=error, mode="lines", name=labels["error"], line={"color": BLUE, "width": 1.5},
                             hovertemplate=labels["hover"] + "<extra></extra>", connectgaps=False))
    for y in (-half, half):
        fig.add_hline(y=y, line={"color": GREY, "width": 1, "dash": "dot"})
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=labels["bound"],
                             line={"color": GREY, "width": 1, "dash": "dot"}))
    for x0, x1 in ((lo, lo_clip), (hi_clip, hi)):
        if x1 > x0:
            fig.add_vrect(x0=x0, x1=x1, fillcolor=RED, opacity=0.10, line_width=0, layer="below")
    span = max(8 * half, 1e-300)
    worst = float(np.nanmax(np.abs(error))) if np.isfinite(error).any() else half
    limit = min(max(1.3 * half, worst * 1.05), span)
    fig.update_yaxes(range=[-limit, limit], exponentformat="e" if limit < 1e-3 else "none")
    fig.update_xaxes(range=[lo, hi])
    return styled(fig, labels["title"], labels["x"], labels["y"], height=height)


def error_histogram_figure(edges: np.ndarray, counts: np.ndarray, half_step: float, labels: dict,
                           log_y: bool = False, height: int = 340) -> go.Figure:
    """Pre-binned reconstruction errors; dotted lines at ``±s/2``. ``labels``: title, x, y, bound."""
    centres = (edges[:-1] + edges[1:]) / 2
    inside = np.abs(centres) <= half_step
    fig = go.Figure()
    fig.add_trace(go.Bar(x=centres, y=counts, width=np.diff(edges), showlegend=False,
                         marker={"color": np.where(inside, BLUE, RED), "line": {"width": 0}},
                         hovertemplate="%{x:.3g}<br>%{y:,}<extra></extra>"))
    for x in (-half_step, half_step):
        fig.add_vline(x=x, line={"color": GREY, "width": 1, "dash": "dot"})
    fig.update_layout(bargap=0)
    if log_y:
        fig.update_yaxes(type="log")
    fig.update_xaxes(exponentformat="e" if half_step < 1e-3 else "none")
    return styled(fig, labels["title"], labels["x"], labels["y"], height=height)
