"""The float-to-integer mapping drawn as a staircase."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ...affine import QParams, dequantize, quantize
from ..spec import figure, hline, legend_only, vrect
from ..style import BLUE, GREY, ORANGE, RED, layout

EXACT_STEPS = 512  # up to this many levels, every step edge is drawn exactly
EXACT_TEETH = 128  # up to this many levels, the error curve draws every tooth of the sawtooth


def staircase_x(qp: QParams, lo: float, hi: float, points: int = 2001, both_sides: bool = False) -> np.ndarray:
    """Sample points over ``[lo, hi]``: evenly spaced, plus the point just after every step edge
    (and just before it, with ``both_sides``) when there are few levels, so that each jump is
    drawn where the quantizer really jumps."""
    if qp.levels <= EXACT_STEPS:
        x = np.linspace(lo, hi, min(points, 401))
        k = np.arange(qp.qmin, qp.qmax, dtype=np.float64)
        edges = (k + 0.5 - qp.zero_point) * qp.scale
        edges = edges[(edges > lo) & (edges < hi)]
        after = np.nextafter(edges, np.inf)
        return np.union1d(x, np.concatenate([np.nextafter(edges, -np.inf), after]) if both_sides else after)
    return np.linspace(lo, hi, points)


def staircase_parts(qp: QParams, lo: float, hi: float, labels: dict, x_mark: float | None = None,
                    points: int = 2001, yaxis: str = "y") -> list[dict]:
    """The ideal line, the staircase (hover: x -> q -> x̂) and the marked x, as trace dicts."""
    x = staircase_x(qp, lo, hi, points)
    q = quantize(x, qp).astype(np.int64)
    xhat = dequantize(q, qp)
    ideal = np.array([lo, hi]) / qp.scale + qp.zero_point
    traces = [
        {"type": "scatter", "x": [lo, hi], "y": ideal, "name": labels["ideal"], "mode": "lines",
         "line": {"color": GREY, "dash": "dot"}, "hoverinfo": "skip", "yaxis": yaxis},
        {"type": "scatter", "x": x, "y": q, "name": labels["codes"], "mode": "lines", "yaxis": yaxis,
         "line": {"color": BLUE, "shape": "hv"}, "customdata": xhat,
         "hovertemplate": labels["hover"] + "<extra></extra>"},
    ]
    if x_mark is not None:
        q_mark = int(quantize(np.array([x_mark]), qp)[0])
        traces.append({"type": "scatter", "x": [x_mark], "y": [q_mark], "name": labels["marker"], "mode": "markers",
                       "marker": {"color": ORANGE, "size": 13, "line": {"width": 1, "color": "white"}},
                       "hoverinfo": "skip", "yaxis": yaxis})
    return traces


def outside_parts(qp: QParams, lo: float, hi: float, chosen: tuple[int, int], label: str,
                  yaxis: str = "y") -> list[dict]:
    """The steps of the staircase whose codes lie outside ``chosen``, the codes the scale was
    chosen for (ONNX Runtime's symmetric int8: -128, outside [-127, 127]), drawn over it in red."""
    x = staircase_x(qp, lo, hi)
    q = quantize(x, qp).astype(np.float64)
    outside = (q < chosen[0]) | (q > chosen[1])
    if not outside.any():
        return []
    return [{"type": "scatter", "x": np.where(outside, x, np.nan), "y": np.where(outside, q, np.nan),
             "name": label, "mode": "lines", "line": {"color": RED, "width": 5, "shape": "hv"},
             "connectgaps": False, "hoverinfo": "skip", "yaxis": yaxis}]


def code_axis(qp: QParams) -> dict:
    """A y axis over the codes with a little room, so that the clamp at qmin/qmax shows."""
    pad = 0.06 * (qp.qmax - qp.qmin)
    return {"range": [qp.qmin - pad, qp.qmax + pad]}


def staircase_figure(qp: QParams, lo: float, hi: float, labels: dict, x_mark: float | None = None,
                     points: int = 2001, clamp_label: str | None = None, height: int = 380) -> go.Figure:
    """Integer code ``q`` against real ``x`` over ``[lo, hi]``, over the ideal line ``x / s + z``.

    ``labels``: title, x, y (axis titles with units), ideal, codes, hover (a format string
    with x, q and xhat), marker. With ``clamp_label``, the inputs the clamp saturates are shaded
    and the legend goes under the plot.
    """
    traces = staircase_parts(qp, lo, hi, labels, x_mark, points)
    shapes = [hline(qp.qmin, GREY), hline(qp.qmax, GREY)]
    extra = {}
    if clamp_label is None:  # the legend above the plot, as the other figures of the home page
        extra["legend"] = {"yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0}
        extra["margin"] = {"b": 55}
    else:
        lo_clip, hi_clip = float(qp.rmin - qp.scale / 2), float(qp.rmax + qp.scale / 2)
        shapes += [vrect(x0, x1) for x0, x1 in ((lo, lo_clip), (hi_clip, hi)) if x1 > x0]
        traces.append(legend_only(clamp_label, color=RED, opacity=0.25, size=14, symbol="square"))
        extra["yaxis"] = code_axis(qp)
    return figure(traces, layout(labels["title"], labels["x"], labels["y"], height, shapes=shapes, **extra))
