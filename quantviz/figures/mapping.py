"""The float-to-integer mapping drawn as a staircase."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..affine import QParams, dequantize, quantize
from .common import BLUE, GREY, ORANGE, styled


def staircase_figure(qp: QParams, lo: float, hi: float, labels: dict, x_mark: float | None = None,
                     points: int = 2001) -> go.Figure:
    """Integer code ``q`` against real ``x`` over ``[lo, hi]``, over the ideal line ``x / s + z``.

    ``labels``: title, x, y (axis titles with units), ideal, codes, hover (a format string
    with x, q and xhat), marker.
    """
    x = np.linspace(lo, hi, points)
    q = quantize(x, qp).astype(np.int64)
    xhat = dequantize(q, qp)
    ideal = x / qp.scale + qp.zero_point
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=ideal, name=labels["ideal"], mode="lines",
                             line={"color": GREY, "dash": "dot"}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=x, y=q, name=labels["codes"], mode="lines", line={"color": BLUE, "shape": "hv"},
                             customdata=xhat, hovertemplate=labels["hover"] + "<extra></extra>"))
    if x_mark is not None:
        q_mark = int(quantize(np.array([x_mark]), qp)[0])
        fig.add_trace(go.Scatter(x=[x_mark], y=[q_mark], name=labels["marker"], mode="markers",
                                 marker={"color": ORANGE, "size": 13, "line": {"width": 1, "color": "white"}},
                                 hoverinfo="skip"))
    fig.add_hline(y=qp.qmin, line={"color": GREY, "width": 1})
    fig.add_hline(y=qp.qmax, line={"color": GREY, "width": 1})
    return styled(fig, labels["title"], labels["x"], labels["y"])
