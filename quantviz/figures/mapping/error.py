"""What quantization loses: the error against x (a sawtooth inside the range) and its histogram."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ...affine import QParams, fake_quantize
from ..spec import figure, hline, vline, vrect
from ..style import BLUE, GREY, RED, KeyEntry, keyed_layout
from .histogram import clip_edges, step_outline
from .staircase import EXACT_TEETH, staircase_x


def error_curve_figure(qp: QParams, lo: float, hi: float, labels: dict, height: int = 380) -> go.Figure:
    r"""Reconstruction error :math:`\hat{x} - x` for every real ``x`` in ``[lo, hi]``.

    Inside the range it is a sawtooth between ``-s/2`` and ``+s/2``; beyond it the clamp makes it
    grow linearly. With more than ``EXACT_TEETH`` levels the teeth are too fine to see and the
    band ``±s/2`` they fill is drawn instead. ``labels``: title, x, y, error, band, bound, hover.
    The key is ``figure.key``.
    """
    lo_clip, hi_clip = clip_edges(qp)
    half = qp.scale / 2
    traces = []
    x = staircase_x(qp, lo, hi, 2001, both_sides=True)
    if qp.levels > EXACT_TEETH:
        a, b = max(lo, lo_clip), min(hi, hi_clip)
        if b > a:
            traces.append({"type": "scatter", "x": [a, b, b, a, a], "y": [-half, -half, half, half, -half],
                           "fill": "toself", "mode": "lines", "line": {"width": 0}, "fillcolor": BLUE,
                           "opacity": 0.35, "name": labels["band"], "hoverinfo": "skip"})
        x = np.concatenate([x[x < lo_clip], [np.nan], x[x > hi_clip]])
    error = fake_quantize(x, qp).astype(np.float64) - x
    traces.append({"type": "scatter", "x": x, "y": error, "mode": "lines", "name": labels["error"],
                   "line": {"color": BLUE, "width": 1.5}, "connectgaps": False,
                   "hovertemplate": labels["hover"] + "<extra></extra>"})
    key = [KeyEntry("■", "rgba(0, 114, 178, 0.45)", labels["band"])] if len(traces) > 1 else []
    key += [KeyEntry("━", BLUE, labels["error"]), KeyEntry("┈", GREY, labels["bound"])]
    shapes = [hline(-half, GREY, dash="dot"), hline(half, GREY, dash="dot")]
    shapes += [vrect(x0, x1) for x0, x1 in ((lo, lo_clip), (hi_clip, hi)) if x1 > x0]
    finite = error[np.isfinite(error)]
    worst = float(np.abs(finite).max()) if finite.size else half
    limit = max(1.3 * half, min(worst * 1.05, 8 * half))
    fmt = "e" if limit < 1e-3 else "none"
    return figure(traces, keyed_layout(labels["x"], labels["y"], height, shapes=shapes, xaxis={"range": [lo, hi]},
                                       yaxis={"range": [-limit, limit], "exponentformat": fmt}), key)


def error_histogram_figure(edges: np.ndarray, counts: np.ndarray, half_step: float, labels: dict,
                           log_y: bool = False, height: int = 340) -> go.Figure:
    """Pre-binned reconstruction errors (blue within ``±s/2``, red beyond: clipping), as filled
    outlines; dotted lines at ``±s/2``. ``labels``: title, x, y."""
    centres = (edges[:-1] + edges[1:]) / 2
    inside = np.abs(centres) <= half_step
    floor = 0.5 if log_y else 0.0
    traces = []
    for name, mask, colour in (("inside", inside, BLUE), ("clipped", ~inside, RED)):
        if mask.any():
            x, y = step_outline(edges, counts, mask, floor)
            traces.append({"type": "scatter", "x": x, "y": y, "mode": "lines", "fill": "toself", "name": name,
                           "fillcolor": colour, "line": {"width": 0}, "hoveron": "points",
                           "hovertemplate": "%{x:.3g}<br>%{y:,}<extra></extra>"})
    shapes = [vline(-half_step, GREY, dash="dot"), vline(half_step, GREY, dash="dot")]
    fmt = "e" if half_step < 1e-3 else "none"
    top = float(counts.max(initial=1)) * 1.05 or 1.0
    yaxis = {"type": "log", "range": [np.log10(floor), np.log10(top) + 0.05]} if log_y else {"range": [0, top]}
    return figure(traces, keyed_layout(labels["x"], labels["y"], height, shapes=shapes,
                                       xaxis={"exponentformat": fmt}, yaxis=yaxis))
